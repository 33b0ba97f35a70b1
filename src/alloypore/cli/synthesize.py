"""``alloypore synthesize``: pore budgets of the synthesis routes (top-down, transcription, bottom-up)
and the route advisor (review Table 2).

Thin face: parse, call one function of :mod:`alloypore.synthesis`, render.  The route
commands' parameters carry the library's keyword names, so each command hands them over
as they are.  ``--emit-spec FILE`` writes the design spec of
:func:`alloypore.synthesis.design_spec_toml` (the route's ``[particle]`` with the built-in
example's ``[electrode]`` and ``[cell]``), so that ``alloypore design FILE`` runs on it.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore._io import atomic_write_text
from alloypore.cli._common import FORCE, JSON, check_file_out, print_json, refuse_unused, to_jsonable
from alloypore.synthesis import SynthesisResult, advise, bottom_up, design_spec_toml, top_down, transcription
from alloypore.synthesis.stoichiometry import normalise_precursor

__all__ = ["register", "synth_app", "design_spec_toml"]

synth_app = typer.Typer(
    help="Pore budgets of synthesis routes (top-down, transcription, bottom-up) and the route advisor.",
    no_args_is_help=True,
)

# options shared by several commands
_EMIT = typer.Option(None, "--emit-spec", help="Write a design spec (TOML) that `alloypore design` runs.")
_SECONDARY = typer.Option(10.0, "--secondary-size-um", help="Secondary particle size (um), carried to the spec.")
_OOP = typer.Option(False, "--allow-out-of-pore", help="Accept a deposit / pitch beyond the pore volume.")
_CARBON = typer.Option("amorphous_carbon", "--carbon-material", help="Carbon the char becomes.")
_CARBON_DENSITY = typer.Option(None, "--carbon-density-g-cm3", help="Char skeletal density.")


def register(app: typer.Typer) -> None:
    app.add_typer(synth_app, name="synthesize")


#: Options every route command has after its own: (name, type, option).
_SHARED = (
    ("secondary_particle_size_um", float, _SECONDARY),
    ("as_json", bool, JSON),
    ("emit", Optional[Path], _EMIT),
    ("force", bool, FORCE),
)

#: Route options that only some choices use: route name -> function of the options giving
#: ``(option, when it is used)`` for each option this choice ignores.
_PITCH_ONLY = ("char_yield", "pitch_density_g_cm3", "carbon_material", "carbon_density_g_cm3")
_CHAR_ONLY = ("char_yield", "precursor_density_g_cm3", "carbon_material", "carbon_density_g_cm3")


def _unused_top_down(p: dict) -> list[tuple[str, str]]:
    name = normalise_precursor(p["precursor"])
    out = [] if name == "SiOx" else [("x", "with --precursor SiOx")]
    out += [("si_wt_pct", "to metallic precursors (AlSi, Mg2Si, FeSi, FeSi2)")] if name == "SiOx" else []
    out += [] if name == "Mg2Si" else [("conversion", "with --precursor Mg2Si")]
    out += [] if name in ("FeSi", "FeSi2") else [("leach", "with --precursor FeSi or FeSi2")]
    out += [] if p["pitch_wt_pct"] > 0 else [(k, "with --pitch-wt-pct > 0") for k in _PITCH_ONLY]
    return out


def _unused_transcription(p: dict) -> list[tuple[str, str]]:
    out = [] if p["g_active_per_g_template"] is None else [("fill", "without --g-active-per-g-template (give one of the two)")]
    out += [] if p["overcoat_wt_pct"] > 0 else [(k, "with --overcoat-wt-pct > 0")
                                               for k in ("overcoat_material", "sealed_pore_fraction")]
    return out


def _unused_bottom_up(p: dict) -> list[tuple[str, str]]:
    return [] if p["carbon_precursor_wt_pct"] > 0 else [(k, "with --carbon-precursor-wt-pct > 0") for k in _CHAR_ONLY]


_UNUSED = {"top-down": _unused_top_down, "transcription": _unused_transcription, "bottom-up": _unused_bottom_up}


def _route_command(name: str, route: Callable[..., SynthesisResult]) -> Callable:
    """Register ``synthesize NAME`` running ``route``.

    The decorated function only declares the route's own options (its parameters carry
    the route's keyword names; its docstring is the command's help).  The command gets
    those plus ``--secondary-size-um``, ``--json`` and ``--emit-spec`` and calls ``route``
    with every option but the last two.
    """

    def decorate(options: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(options, eval_str=True).parameters.values())
        shared = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a) for n, a, d in _SHARED]
        params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)] + own + shared

        def command(ctx: typer.Context, **kwargs: Any) -> None:
            check_file_out(kwargs["emit"], "--emit-spec", kwargs["force"])  # before any work
            for opt, used_only in _UNUSED[name](kwargs):
                refuse_unused(ctx, opt, used_only)
            _run_route(route, kwargs)

        command.__signature__ = inspect.Signature(params)  # what typer reads the options from
        command.__annotations__ = {p.name: p.annotation for p in params}
        command.__name__, command.__doc__ = options.__name__, options.__doc__
        synth_app.command(name)(command)
        return options

    return decorate


def _run_route(route: Callable[..., SynthesisResult], params: dict[str, Any]) -> None:
    """Call ``route`` with the command's options (less --json / --emit-spec) and render."""
    as_json, emit = params.pop("as_json"), params.pop("emit")
    params.pop("force")
    result = route(**params)
    d = result.to_dict()
    if emit is not None:
        atomic_write_text(emit, design_spec_toml(result), flag="--emit-spec")
        d["spec_file"] = str(emit)
    if as_json:
        print_json(d)
        return
    _print_table(d, result.title)


def _print_table(d: dict, title: str) -> None:
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


@_route_command("top-down", top_down)
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
    pitch_density_g_cm3: Optional[float] = typer.Option(None, "--pitch-density-g-cm3", help="Pitch density (1.30)."),
    carbon_material: str = _CARBON,
    carbon_density_g_cm3: Optional[float] = _CARBON_DENSITY,
    closed_pore_fraction: float = typer.Option(0.0, "--closed-pore-fraction",
                                               help="Share of the pores left that are sealed."),
    allow_out_of_pore: bool = _OOP,
) -> None:
    """Etch a precursor (AlSi, Mg2Si, FeSi, FeSi2, SiOx) -> porous Si; optional pitch impregnation."""


@_route_command("transcription", transcription)
def transcription_cmd(
    template_pore_volume_cm3_g: float = typer.Option(..., "--template-pore-volume-cm3-g",
                                                     help="Template open pore volume."),
    active: str = typer.Option("Si", "--active", help="Deposited material (Si; Ge, Sn, Sb with warnings)."),
    fill: str = typer.Option("max", "--fill", help="'max' (1/(1+beta)) or share of the pore volume (0-1]."),
    g_active_per_g_template: Optional[float] = typer.Option(None, "--g-active-per-g-template",
                                                            help="Deposit mass instead of --fill."),
    template_material: str = typer.Option("hard_carbon", "--template-material", help="Template carbon."),
    template_skeletal_density_g_cm3: Optional[float] = typer.Option(None, "--template-skeletal-density-g-cm3",
                                                                    help="Template He density."),
    beta_basis: str = typer.Option("crystallographic", "--beta-basis", help="crystallographic | quoted."),
    expansion_pct: Optional[float] = typer.Option(None, "--expansion-pct", help="Override the active's expansion."),
    overcoat_wt_pct: float = typer.Option(0.0, "--overcoat-wt-pct", help="Carbon overcoat (wt% of particle)."),
    overcoat_material: str = typer.Option("amorphous_carbon", "--overcoat-material", help="Overcoat carbon."),
    sealed_pore_fraction: Optional[float] = typer.Option(None, "--sealed-pore-fraction",
                                                         help="Share of void the overcoat seals."),
    primary_particle_size_nm: Optional[float] = typer.Option(None, "--primary-size-nm",
                                                             help="Deposit domain size (nm)."),
    allow_out_of_pore: bool = _OOP,
) -> None:
    """Deposit an active phase into a porous carbon template: fill, void, zero-expansion limit."""


@_route_command("bottom-up", bottom_up)
def bottom_up_cmd(
    active: str = typer.Option("Si", "--active", help="Primary particle material."),
    primary_particle_size_nm: float = typer.Option(100.0, "--primary-size-nm", help="Primary particle size (nm)."),
    packing_fraction: float = typer.Option(0.55, "--packing-fraction", help="Packing fraction of the primaries."),
    carbon_precursor_wt_pct: float = typer.Option(0.0, "--carbon-precursor-wt-pct",
                                                  help="Carbon precursor in dry solids (wt%)."),
    char_yield: float = typer.Option(0.5, "--char-yield", help="Carbon per g precursor."),
    precursor_density_g_cm3: float = typer.Option(1.3, "--precursor-density-g-cm3", help="Carbon precursor density."),
    carbon_material: str = _CARBON,
    carbon_density_g_cm3: Optional[float] = _CARBON_DENSITY,
    pore_former_vol_pct: float = typer.Option(0.0, "--pore-former-vol-pct", help="Pore former, vol% of the granule."),
    shrinkage_pct: float = typer.Option(0.0, "--shrinkage-pct", help="Granule volume shrinkage on pyrolysis (%)."),
    closed_pore_fraction: float = typer.Option(0.0, "--closed-pore-fraction",
                                               help="Share of the pores closed to electrolyte."),
) -> None:
    """Assemble primaries + carbon precursor + pore former into a porous secondary particle."""


@synth_app.command("advise")
def advise_cmd(
    material: str = typer.Option(..., "--material", help="Si, Ge, Sn, Sb, Al or SiO."),
    porosity: Optional[float] = typer.Option(None, "--porosity", help="Target intraparticle porosity (0-1)."),
    as_json: bool = JSON,
) -> None:
    """Which routes the review's Table 2 allows for a material, with its cautions."""
    d = advise(material, porosity)
    if as_json:
        print_json(d)
        return
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
