"""``alloypore study``: the named studies (blend-swelling, closed-pores, required-porosity, liquid-vs-solid,
capacity-optimum, closed-pores-dosage)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import example_spec, load_spec
from alloypore import resources
from alloypore.cli._common import JSON, check_out, print_json
from alloypore.design.studies import (
    blend_swelling,
    closed_pores,
    liquid_vs_solid,
    outward_expansion_curves,
    plot_blend_swelling,
    plot_closed_pores,
    plot_liquid_vs_solid,
    plot_required_porosity,
    required_porosity_table,
    write_study,
)
from alloypore.design.cell_studies import (
    capacity_optimum,
    closed_pores_dosage,
    plot_capacity_optimum,
    plot_closed_pores_dosage,
)
from alloypore.errors import InputError

from alloypore.materials import DEFAULT_EXPANSION_BASIS

study_app = typer.Typer(help="Named studies of the review's trade-offs; each prints its table and writes its figure.",
                        no_args_is_help=True)


def _out(out: Optional[Path], json_out: bool, name: str) -> Optional[Path]:
    """The folder to write: ``--out``, else ./alloypore-study-NAME unless only --json was asked; checked now."""
    if out is None and not json_out:
        out = Path(f"alloypore-study-{name}")
    return check_out(out)


def _files(files: dict) -> str:
    return f"files: {files['csv']}, {files['plot']}" if files else "files: none (--json without --out)"


def _written(out: Optional[Path], name: str, table: dict, draw, payload: dict, json_out: bool) -> Optional[dict]:
    """Write the CSV and the figure (``draw()``, only when there is a folder); with --json print
    ``payload`` and the files and return None (the command is done), else return the files."""
    files = write_study(out, name, table, draw()) if out else {}
    if json_out:
        print_json({**payload, "files": files})
        return None
    return files


def _table(title: str, table: dict, columns: list[str], every: int = 1) -> None:
    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c, justify="right")
    n = len(next(iter(table.values())))
    for i in range(0, n, every):
        t.add_row(*[_fmt(table[c][i]) for c in columns])
    Console().print(t)


def _fmt(v) -> str:
    v = v.item() if hasattr(v, "item") else v  # a numpy scalar -> its Python value
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, str):
        return v
    return f"{float(v):.4g}"


@study_app.command("blend-swelling")
def blend_swelling_cmd(
    swelling_limit: float = typer.Option(5.0, "--swelling-limit", help="Allowed electrode swelling (%)."),
    basis: str = typer.Option(DEFAULT_EXPANSION_BASIS, "--basis", help="Expansions: 'crystallographic' (computed, the default everywhere) or 'quoted' (review: Si 280 %, graphite 10 %)."),
    alloy: str = typer.Option("Si", "--alloy", help="Alloy material blended with the carbon."),
    carbon: str = typer.Option("graphite", "--carbon", help="Carbon of the blend."),
    max_alloy: float = typer.Option(40.0, "--max-alloy", help="Largest alloy content shown (wt%)."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: ./alloypore-study-blend-swelling, none with --json alone)."),
) -> None:
    """Blend volumetric capacity vs Si content under a swelling limit: exact vs linearised porosity budget."""
    out = _out(out, json_out, "blend-swelling")
    res = blend_swelling(alloy, carbon, swelling_limit_pct=swelling_limit, basis=basis, max_alloy_wt_pct=max_alloy)
    files = _written(out, "blend_swelling", res.table, lambda: plot_blend_swelling(res), res.to_dict(), json_out)
    if files is None:
        return
    _table(f"blend-swelling: {res.inputs.alloy}/{res.inputs.carbon}, swelling limit {swelling_limit:g} %", res.table,
           ["alloy_wt_pct", "capacity_mAh_g", "porosity_exact", "volumetric_capacity_exact_mAh_cm3", "porosity_linear",
            "volumetric_capacity_linear_mAh_cm3"], every=max(1, len(res.table["alloy_wt_pct"]) // 20))
    c = Console()
    p = res.linear_peak
    c.print(f"linearised porosity budget peaks at {p['alloy_wt_pct']:.2f} wt% {res.inputs.alloy}: "
            f"{p['volumetric_capacity_linear_mAh_cm3']:.0f} mAh/cm3, anode {p['capacity_mAh_g']:.0f} mAh/g")
    e = res.exact_peak
    if res.exact_monotonic:
        c.print(f"exact volume balance keeps rising up to {e['alloy_wt_pct']:.1f} wt% "
                f"({e['volumetric_capacity_exact_mAh_cm3']:.0f} mAh/cm3, anode {e['capacity_mAh_g']:.0f} mAh/g): no interior peak")
    else:
        c.print(f"exact volume balance peaks at {e['alloy_wt_pct']:.2f} wt%: anode {e['capacity_mAh_g']:.0f} mAh/g")
    c.print(_files(files))


@study_app.command("closed-pores")
def closed_pores_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
    si: List[float] = typer.Option([5.0, 10.0, 15.0, 20.0], "--si", help="Si content of the anode coating (wt%); repeat."),
    points: int = typer.Option(11, "--points", help="Closed-pore fractions from 0 to 1."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: ./alloypore-study-closed-pores, none with --json alone)."),
) -> None:
    """Wh/kg, Wh/L and electrolyte g/Ah vs closed-pore fraction at fixed porosity, for a few Si contents."""
    out = _out(out, json_out, "closed-pores")
    res = closed_pores(load_spec(spec) if spec else example_spec(), si_wt_pct=si, n=points)
    files = _written(out, "closed_pores", res.table, lambda: plot_closed_pores(res), res.to_dict(), json_out)
    if files is None:
        return
    _table(f"closed-pores: {res.spec_name}", res.table,
           ["si_wt_pct", "closed_pore_fraction", "energy_density_Wh_kg", "energy_density_Wh_L", "electrolyte_g_Ah", "feasible"])
    typer.echo(_files(files))


@study_app.command("required-porosity")
def required_porosity_cmd(
    basis: str = typer.Option(DEFAULT_EXPANSION_BASIS, "--basis", help="Expansion basis of the curves."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: ./alloypore-study-required-porosity, none with --json alone)."),
) -> None:
    """Porosity that absorbs full expansion, beta/(1+beta), per active material; outward expansion vs porosity."""
    if basis not in ("crystallographic", "quoted"):
        raise InputError("--basis", basis, "one of 'crystallographic', 'quoted'")
    out = _out(out, json_out, "required-porosity")
    rows = required_porosity_table()
    curves = outward_expansion_curves(basis=basis)
    files = _written(out, "required_porosity", curves, lambda: plot_required_porosity(curves, rows), {"materials": rows}, json_out)
    if files is None:
        return
    table = {k: [r[k] for r in rows] for k in rows[0]}
    _table("required porosity = beta/(1+beta)", table,
           ["material", "expansion_crystallographic_pct", "required_porosity_crystallographic", "expansion_quoted_pct",
            "required_porosity_quoted"])
    typer.echo(_files(files))


@study_app.command("liquid-vs-solid")
def liquid_vs_solid_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
    electrolyte: List[str] = typer.Option(
        ["liquid", "polymer", "Li6PS5Cl", "LGPS", "LLZO"], "--electrolyte", help="Electrolytes to compare; repeat."
    ),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: ./alloypore-study-liquid-vs-solid, none with --json alone)."),
) -> None:
    """One design with liquid, polymer, sulfide and oxide electrolytes: g/Ah, Wh/kg, Wh/L."""
    out = _out(out, json_out, "liquid-vs-solid")
    s = load_spec(spec) if spec else example_spec()
    table = liquid_vs_solid(s, electrolyte)
    files = _written(out, "liquid_vs_solid", table, lambda: plot_liquid_vs_solid(table), {"spec": s.name, "table": table}, json_out)
    if files is None:
        return
    _table(f"liquid-vs-solid: {s.name}", table,
           ["electrolyte", "kind", "density_g_cm3", "electrolyte_g_Ah", "electrolyte_mass_share", "energy_density_Wh_kg",
            "energy_density_Wh_L"])
    typer.echo(_files(files))


@study_app.command("capacity-optimum")
def capacity_optimum_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML) with a Si phase. Default: dense Si in graphite vs NMC811."),
    swelling_limit: float = typer.Option(5.0, "--swelling-limit", help="Allowed electrode swelling (%)."),
    max_si: float = typer.Option(30.0, "--max-si", help="Largest Si content of the coating (wt%)."),
    points: int = typer.Option(61, "--points", help="Si contents from 0 to --max-si."),
    objective: str = typer.Option("cell.energy_density_Wh_L", "--objective", help="What the compaction density maximises."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: "
                                       "./alloypore-study-capacity-optimum, none with --json alone)."),
) -> None:
    """Review Fig. 6a as a cell: energy density vs anode capacity under a swelling cap and the manufacturing limits."""
    out = _out(out, json_out, "capacity-optimum")
    if points < 2:
        raise InputError("--points", points, "allowed >= 2")
    resources.check("--points", points, resources.designs_estimate(100.0 * points, "study"))  # ~100 designs a point
    res = capacity_optimum(load_spec(spec) if spec else None, swelling_limit_pct=swelling_limit,
                           si_wt_pct=[max_si * i / (points - 1) for i in range(points)], objective=objective)
    files = _written(out, "capacity_optimum", res.table, lambda: plot_capacity_optimum(res), res.to_dict(), json_out)
    if files is None:
        return
    _table(f"capacity-optimum: {res.spec_name}, swelling <= {swelling_limit:g} %", res.table,
           ["si_wt_pct", "anode_capacity_mAh_g", "compaction_density_g_cm3", "electrode_porosity", "swelling_pct",
            "energy_density_Wh_kg", "energy_density_Wh_L", "binding"], every=max(1, points // 15))
    p = res.peak
    if p:
        typer.echo(f"best {objective}: {p[objective.split('.', 1)[1]]:.1f} at {p['si_wt_pct']:.3g} wt% Si, "
                   f"anode {p['anode_capacity_mAh_g']:.0f} mAh/g (binding: {p['binding']})")
    typer.echo(_files(files))


@study_app.command("closed-pores-dosage")
def closed_pores_dosage_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
    si: float = typer.Option(15.0, "--si", help="Si content of the anode coating (wt%)."),
    dosage: float = typer.Option(2.0, "--dosage", help="Fixed electrolyte dosage (g/Ah)."),
    points: int = typer.Option(11, "--points", help="Closed-pore fractions from 0 to 1."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the CSV and figure (default: "
                                       "./alloypore-study-closed-pores-dosage, none with --json alone)."),
) -> None:
    """Review Fig. 6c: Wh/kg vs closed-pore fraction at a fixed electrolyte dosage and at a fixed fill."""
    out = _out(out, json_out, "closed-pores-dosage")
    resources.check("--points", points, resources.designs_estimate(2.0 * points, "study"))
    res = closed_pores_dosage(load_spec(spec) if spec else None, si_wt_pct=si, dosage_g_Ah=dosage, n=points)
    files = _written(out, "closed_pores_dosage", res.table, lambda: plot_closed_pores_dosage(res), res.to_dict(), json_out)
    if files is None:
        return
    _table(f"closed-pores-dosage: {res.spec_name}, {si:g} wt% Si at {res.compaction_density_g_cm3:.3g} g/cm3", res.table,
           ["closed_pore_fraction", "energy_density_Wh_kg_fill", "electrolyte_g_Ah_fill", "energy_density_Wh_kg_dosage",
            "electrolyte_fill_dosage", "manufacturable_dosage"])
    typer.echo(_files(files))


def register(app: typer.Typer) -> None:
    app.add_typer(study_app, name="study")
