"""``alloypore synthesize``: pore budgets of the synthesis routes (top-down, transcription, bottom-up)
and the route advisor (review Table 2).

Thin face: parse, call one function of :mod:`alloypore.particle.synthesis`, render.
``--emit-spec FILE`` writes a design spec whose ``[particle]`` section is the route's
particle, with the built-in example's ``[electrode]`` and ``[cell]`` sections, so that
``alloypore design FILE`` runs on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

__all__ = ["register", "synth_app", "design_spec_toml"]

synth_app = typer.Typer(
    help="Pore budgets of synthesis routes (top-down, transcription, bottom-up) and the route advisor.",
    no_args_is_help=True,
)

_JSON = typer.Option(False, "--json", help="Print one JSON object.")
_EMIT = typer.Option(None, "--emit-spec", help="Write a design spec (TOML) that `alloypore design` runs.")
_SECONDARY = typer.Option(10.0, "--secondary-size-um", help="Secondary particle size (um), carried to the spec.")
_OOP = typer.Option(False, "--allow-out-of-pore", help="Accept a deposit / pitch beyond the pore volume.")


def register(app: typer.Typer) -> None:
    app.add_typer(synth_app, name="synthesize")


def design_spec_toml(result, title: str) -> str:
    """A whole design spec: the route's ``[particle]`` plus the example's electrode and cell.

    The spec is run through the design chain before it is returned; if the example's
    compaction density leaves no interparticle pores for this particle, it is lowered to
    95 % of the highest density the particle allows (and the file says so).
    """
    import tomllib

    from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design, parse_spec
    from alloypore.errors import SpecError
    from alloypore.particle.synthesis import particle_section_toml

    rest = EXAMPLE_SPEC_TOML[EXAMPLE_SPEC_TOML.index("[electrode]"):]
    head = (
        f'# Written by `alloypore synthesize {result.route}`: the [particle] section is the route\'s particle;\n'
        "# [electrode] and [cell] are the built-in example's (edit them for your cell).\n"
        f'name = "{title}"\n\n'
    )
    text = head + particle_section_toml(result.particle_spec()) + "\n" + rest
    data = tomllib.loads(text)
    try:
        evaluate_design(parse_spec(data), budget_points=0)
    except SpecError as err:
        if err.field != "electrode.compaction_density_g_cm3":
            raise
        from alloypore.cell import evaluate_arrays

        res = evaluate_arrays(parse_spec(data))
        cd = round(0.95 * float(res.electrode.max_compaction_density_g_cm3), 3)
        old = data["electrode"]["compaction_density_g_cm3"]
        text = text.replace(
            f"compaction_density_g_cm3 = {old}",
            f"compaction_density_g_cm3 = {cd}  # lowered from the example's {old}: these particles allow at most "
            f"{float(res.electrode.max_compaction_density_g_cm3):.3f}",
        )
        evaluate_design(parse_spec(tomllib.loads(text)), budget_points=0)
    return text


def _finish(result, as_json: bool, emit: Optional[Path], title: str) -> None:
    d = result.to_dict()
    if emit is not None:
        from alloypore._io import atomic_write_text

        atomic_write_text(emit, design_spec_toml(result, title))
        d["spec_file"] = str(emit)
    if as_json:
        from alloypore.cli._common import print_json

        print_json(d)
        return
    _print_table(d, title)


def _print_table(d: dict, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from alloypore.cli._common import to_jsonable

    console = Console()
    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column("quantity")
    t.add_column("value", justify="right")
    for k, v in to_jsonable(d).items():
        if isinstance(v, bool) or v is None:
            t.add_row(k, str(v))
        elif isinstance(v, float):
            t.add_row(k, f"{v:.6g}")
        elif isinstance(v, dict) and k == "mass_fractions":
            t.add_row(k, ", ".join(f"{n} {w:.4f}" for n, w in v.items()))
        elif isinstance(v, (str, int)):
            t.add_row(k, str(v))
    console.print(t)
    for r in d.get("reactions", []):
        console.print(f"  reaction: {r}")
    for c in d.get("cautions", []):
        console.print(f"  [yellow]caution[/yellow]: {c}")
    if d.get("spec_file"):
        console.print(f"spec: {d['spec_file']}")


@synth_app.command("top-down")
def top_down_cmd(
    precursor: str = typer.Option("AlSi", "--precursor", help="AlSi | Mg2Si | FeSi | FeSi2 | SiOx (SiO)."),
    si_wt_pct: Optional[float] = typer.Option(None, "--si-wt-pct", help="Si content of the alloy (wt%)."),
    x: float = typer.Option(1.0, "--x", help="O/Si ratio of SiOx (0 < x < 2)."),
    conversion: str = typer.Option("nitridation", "--conversion", help="Mg2Si: nitridation | oxidation."),
    leach: Optional[str] = typer.Option(None, "--leach", help="FeSi/FeSi2: silicide (dissolve it) | fe (dealloy)."),
    shrinkage_pct: float = typer.Option(0.0, "--shrinkage-pct", help="Envelope volume shrinkage on etching (%)."),
    si_loss_pct: float = typer.Option(0.0, "--si-loss-pct", help="Si lost in the etch (%)."),
    pitch_wt_pct: float = typer.Option(0.0, "--pitch-wt-pct", help="Pitch / (pitch + porous Si) (wt%)."),
    char_yield: Optional[float] = typer.Option(None, "--char-yield", help="Carbon per g pitch (default 0.55)."),
    pitch_density: Optional[float] = typer.Option(None, "--pitch-density-g-cm3", help="Pitch density (1.30)."),
    carbon_material: str = typer.Option("amorphous_carbon", "--carbon-material", help="Carbon the char becomes."),
    carbon_density: Optional[float] = typer.Option(None, "--carbon-density-g-cm3", help="Char skeletal density."),
    closed: float = typer.Option(0.0, "--closed-pore-fraction", help="Share of the pores left that are sealed."),
    allow_out_of_pore: bool = _OOP,
    secondary_um: float = _SECONDARY,
    as_json: bool = _JSON,
    emit: Optional[Path] = _EMIT,
) -> None:
    """Etch a precursor (AlSi, Mg2Si, FeSi, FeSi2, SiOx) -> porous Si; optional pitch impregnation."""
    from alloypore.particle.synthesis import top_down

    r = top_down(
        precursor,
        si_wt_pct=si_wt_pct,
        x=x,
        conversion=conversion,
        leach=leach,
        shrinkage_pct=shrinkage_pct,
        si_loss_pct=si_loss_pct,
        pitch_wt_pct=pitch_wt_pct,
        char_yield=char_yield,
        pitch_density_g_cm3=pitch_density,
        carbon_material=carbon_material,
        carbon_density_g_cm3=carbon_density,
        closed_pore_fraction=closed,
        allow_out_of_pore=allow_out_of_pore,
        secondary_particle_size_um=secondary_um,
    )
    _finish(r, as_json, emit, f"top-down from {r.details['precursor']} ({r.details['si_wt_pct']:.4g} wt% Si)")


@synth_app.command("transcription")
def transcription_cmd(
    pore_volume: float = typer.Option(..., "--template-pore-volume-cm3-g", help="Template open pore volume."),
    active: str = typer.Option("Si", "--active", help="Deposited material (Si; Ge, Sn, Sb with warnings)."),
    fill: str = typer.Option("max", "--fill", help="'max' (1/(1+beta)) or share of the pore volume (0-1]."),
    g_per_g: Optional[float] = typer.Option(None, "--g-active-per-g-template", help="Deposit mass instead of --fill."),
    template: str = typer.Option("hard_carbon", "--template-material", help="Template carbon."),
    skeletal: Optional[float] = typer.Option(None, "--template-skeletal-density-g-cm3", help="Template He density."),
    beta_basis: str = typer.Option("crystallographic", "--beta-basis", help="crystallographic | quoted."),
    expansion_pct: Optional[float] = typer.Option(None, "--expansion-pct", help="Override the active's expansion."),
    overcoat_wt_pct: float = typer.Option(0.0, "--overcoat-wt-pct", help="Carbon overcoat (wt% of particle)."),
    overcoat_material: str = typer.Option("amorphous_carbon", "--overcoat-material", help="Overcoat carbon."),
    sealed: Optional[float] = typer.Option(None, "--sealed-pore-fraction", help="Share of void the overcoat seals."),
    primary_nm: Optional[float] = typer.Option(None, "--primary-size-nm", help="Deposit domain size (nm)."),
    allow_out_of_pore: bool = _OOP,
    secondary_um: float = _SECONDARY,
    as_json: bool = _JSON,
    emit: Optional[Path] = _EMIT,
) -> None:
    """Deposit an active phase into a porous carbon template: fill, void, zero-expansion limit."""
    from alloypore.particle.synthesis import transcription

    r = transcription(
        template_pore_volume_cm3_g=pore_volume,
        active=active,
        fill=None if g_per_g is not None else fill,
        g_active_per_g_template=g_per_g,
        template_material=template,
        template_skeletal_density_g_cm3=skeletal,
        beta_basis=beta_basis,
        expansion_pct=expansion_pct,
        overcoat_wt_pct=overcoat_wt_pct,
        overcoat_material=overcoat_material,
        sealed_pore_fraction=sealed,
        allow_out_of_pore=allow_out_of_pore,
        primary_particle_size_nm=primary_nm,
        secondary_particle_size_um=secondary_um,
    )
    _finish(r, as_json, emit, f"transcription: {r.details['active']} in a {pore_volume:g} cm3/g template")


@synth_app.command("bottom-up")
def bottom_up_cmd(
    active: str = typer.Option("Si", "--active", help="Primary particle material."),
    primary_nm: float = typer.Option(100.0, "--primary-size-nm", help="Primary particle size (nm)."),
    packing: float = typer.Option(0.55, "--packing-fraction", help="Packing fraction of the primaries."),
    cp_wt_pct: float = typer.Option(0.0, "--carbon-precursor-wt-pct", help="Carbon precursor in dry solids (wt%)."),
    char_yield: float = typer.Option(0.5, "--char-yield", help="Carbon per g precursor."),
    cp_density: float = typer.Option(1.3, "--precursor-density-g-cm3", help="Carbon precursor density."),
    carbon_material: str = typer.Option("amorphous_carbon", "--carbon-material", help="Carbon the char becomes."),
    carbon_density: Optional[float] = typer.Option(None, "--carbon-density-g-cm3", help="Char skeletal density."),
    pore_former: float = typer.Option(0.0, "--pore-former-vol-pct", help="Pore former, vol% of the granule."),
    shrinkage_pct: float = typer.Option(0.0, "--shrinkage-pct", help="Granule volume shrinkage on pyrolysis (%)."),
    closed: float = typer.Option(0.0, "--closed-pore-fraction", help="Share of the pores closed to electrolyte."),
    secondary_um: float = _SECONDARY,
    as_json: bool = _JSON,
    emit: Optional[Path] = _EMIT,
) -> None:
    """Assemble primaries + carbon precursor + pore former into a porous secondary particle."""
    from alloypore.particle.synthesis import bottom_up

    r = bottom_up(
        active=active,
        primary_particle_size_nm=primary_nm,
        packing_fraction=packing,
        carbon_precursor_wt_pct=cp_wt_pct,
        char_yield=char_yield,
        precursor_density_g_cm3=cp_density,
        carbon_material=carbon_material,
        carbon_density_g_cm3=carbon_density,
        pore_former_vol_pct=pore_former,
        shrinkage_pct=shrinkage_pct,
        closed_pore_fraction=closed,
        secondary_particle_size_um=secondary_um,
    )
    _finish(r, as_json, emit, f"bottom-up: {r.details['active']} primaries ({primary_nm:g} nm)")


@synth_app.command("advise")
def advise_cmd(
    material: str = typer.Option(..., "--material", help="Si, Ge, Sn, Sb, Al or SiO."),
    porosity: Optional[float] = typer.Option(None, "--porosity", help="Target intraparticle porosity (0-1)."),
    as_json: bool = _JSON,
) -> None:
    """Which routes the review's Table 2 allows for a material, with its cautions."""
    from alloypore.particle.synthesis import advise

    d = advise(material, porosity)
    if as_json:
        from alloypore.cli._common import print_json

        print_json(d)
        return
    from rich.console import Console

    console = Console()
    req = d["required_porosity"]
    console.print(
        f"[bold]{d['material']}[/bold]: porosity that absorbs full expansion "
        f"{req['crystallographic']:.3f} (crystallographic), {req['quoted']:.3f} (review's quoted expansion)"
    )
    if d["porosity_target"] is not None:
        console.print(f"target porosity {d['porosity_target']:g}")
    for r in d["routes"]:
        console.print(f"- [bold]{r['route']}[/bold]: {r['feasibility']} (Table 2 {r['table2_column']}: {r['table2_value']})")
        for c in r["cautions"]:
            console.print(f"    [yellow]caution[/yellow]: {c}")
        for n in r["notes"]:
            console.print(f"    note: {n}")
