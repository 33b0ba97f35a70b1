"""``alloypore literature``: the published porous anodes - list, check, correlate, compare."""

from __future__ import annotations

import math
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import evaluate_design, load_spec
from alloypore.cli._common import check_out, print_json
from alloypore.errors import InputError, check_range
from alloypore.literature import compare_design, correlate_all, fit_ice_vs_ssa, load_literature, material_points
from alloypore.literature.dataset import ROUTES, parse_qualifiers
from alloypore.literature.plots import PLOT_PAIRS, write_pair_plots

ADD_HELP = "Add rows from your own CSV (same columns as the shipped table); repeatable."


def _load(add: Optional[List[Path]]):
    return load_literature(add or ())


def _fmt(v, spec=".3g"):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return format(v, spec) if isinstance(v, (int, float)) else str(v)


def _console():
    return Console(width=max(Console().width, 140))


def list_cmd(
    json_out: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
    add: Optional[List[Path]] = typer.Option(None, "--add", help=ADD_HELP),
    route: Optional[str] = typer.Option(None, "--route", help="Only this synthesis route."),
) -> None:
    """List every row (realigned Table 1, text materials, your rows) with its flags."""
    data = _load(add)
    if route is not None and route not in ROUTES:
        raise InputError("--route", route, f"allowed {', '.join(ROUTES)}")
    rows = [r for r in data.rows if route is None or r["route"] == route]
    nflags = {}
    for f in data.flags:
        nflags.setdefault(f.row_id, []).append(f"{f.field}:{f.severity}")
    if json_out:
        print_json({"rows": [dict(r, flags=nflags.get(r["row_id"], [])) for r in rows], "n_rows": len(rows)})
        return
    t = Table(title=f"published porous anodes ({len(rows)} rows; '~' approximate, flags: see 'check')")
    cols = [("row_id", "row"), ("material", "material"), ("route", "route"), ("capacity_mAh_g", "mAh/g"),
            ("ice_pct", "ICE %"), ("areal_capacity_mAh_cm2", "mAh/cm²"), ("retention_pct", "ret. %"),
            ("retention_cycles", "cyc."), ("tap_density_g_cm3", "TD"), ("compaction_density_g_cm3", "CD"),
            ("ssa_m2_g", "SSA m²/g")]
    for _, head in cols:
        t.add_column(head)
    t.add_column("flags")
    for r in rows:
        q = parse_qualifiers(r["qualifiers"])
        cells = []
        for key, _ in cols:
            v = _fmt(r[key]) if not isinstance(r[key], str) else r[key][:38]
            if key in q and v != "-":
                v = ("~" if q[key] == "~" else q[key] if q[key] in "<>" else "") + v
            cells.append(v)
        t.add_row(*cells, ", ".join(nflags.get(r["row_id"], [])))
    _console().print(t)


def check_cmd(
    json_out: bool = typer.Option(False, "--json", help="Print the flags as JSON."),
    add: Optional[List[Path]] = typer.Option(None, "--add", help=ADD_HELP),
) -> None:
    """List every flag the plausibility rules raise, with its reason."""
    data = _load(add)
    if json_out:
        print_json({"n_rows": len(data.rows), "n_flags": len(data.flags),
                    "flags": [dict(row_id=f.row_id, field=f.field, value=f.value, rule=f.rule,
                                   severity=f.severity, excluded=f.excluded, reason=f.reason) for f in data.flags]})
        return
    t = Table(title=f"{len(data.flags)} flags on {len(data.rows)} rows (excluded = left out of fits by default)")
    for c in ("row", "field", "value", "rule", "severity", "excluded", "reason"):
        t.add_column(c, overflow="fold")
    for f in data.flags:
        t.add_row(f.row_id, f.field, _fmt(f.value), f.rule, f.severity, "yes" if f.excluded else "no", f.reason)
    _console().print(t)


def correlate_cmd(
    json_out: bool = typer.Option(False, "--json", help="Print the correlations as JSON."),
    add: Optional[List[Path]] = typer.Option(None, "--add", help=ADD_HELP),
    include_flagged: bool = typer.Option(False, "--include-flagged", help="Use values that a rule excluded."),
    plots: Optional[Path] = typer.Option(None, "--plots", help="Write scatter plots (PNG) into this directory."),
    n_boot: int = typer.Option(2000, "--n-boot", help="Bootstrap resamples (>= 200)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap and permutation tests."),
) -> None:
    """The review's two claimed correlations and others, overall and per route, with n, p and CI."""
    check_out(plots, "--plots")
    check_range("--n-boot", n_boot, 200, 200000)
    data = _load(add)
    points = material_points(data.rows, data.flags, include_flagged=include_flagged)
    res = correlate_all(points, n_boot=n_boot, seed=seed)
    fit = fit_ice_vs_ssa(points)
    written = []
    if plots is not None:
        written = write_pair_plots(data, plots, {(c.x, c.y): c for c in res if c.group == "all"},
                                   pairs=PLOT_PAIRS + (("tap_density_g_cm3", "ssa_m2_g"),))
    if json_out:
        print_json({"include_flagged": include_flagged, "n_materials": len(points),
                    "correlations": [dict(c.__dict__) for c in res], "ice_ssa_fit": fit, "plots": written})
        return
    t = Table(title="correlations (one point per material; Spearman p by permutation; 95 % bootstrap CI)")
    for c in ("x", "y", "group", "n", "Pearson r (p)", "Spearman ρ (p)", "ρ 95 % CI", "verdict"):
        t.add_column(c, overflow="fold")
    for c in res:
        t.add_row(c.x, c.y, c.group, str(c.n), f"{_fmt(c.pearson_r, '.2f')} ({_fmt(c.pearson_p, '.2g')})",
                  f"{_fmt(c.spearman_rho, '.2f')} ({_fmt(c.spearman_p, '.2g')})",
                  f"{_fmt(c.spearman_ci[0], '.2f')} to {_fmt(c.spearman_ci[1], '.2f')}", c.verdict)
    con = _console()
    con.print(t)
    con.print(f"ICE(SSA) fit: ICE = {fit.intercept_pct:.1f} % {fit.slope_pct_per_m2_g:+.4f} %·g/m² × SSA "
              f"(n = {fit.n}, R² = {fit.r_squared:.2f}, residual s.d. {fit.residual_sd_pct:.1f} %, "
              f"SSA {fit.ssa_min_m2_g:g}-{fit.ssa_max_m2_g:g} m²/g)")
    for w in written:
        con.print(f"wrote {w}")


def compare_cmd(
    spec: Path = typer.Argument(..., help="Design spec (TOML) as for 'alloypore design'."),
    json_out: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
    add: Optional[List[Path]] = typer.Option(None, "--add", help=ADD_HELP),
    plots: Optional[Path] = typer.Option(None, "--plots", help="Write the scatter plots with the design into this directory."),
) -> None:
    """Place a design (computed capacity, densities, areal capacity; spec SSA; particle ICE) among the published materials."""
    check_out(plots, "--plots")
    result = evaluate_design(load_spec(spec))
    data = _load(add)
    cmp = compare_design(result, data.points())
    design = cmp.design
    written = write_pair_plots(data, plots, design=design) if plots is not None else []
    if json_out:
        print_json({"spec": str(spec), "design": design, "placement": cmp.placement, "plots": written, "note": cmp.note})
        return
    t = Table(title=f"{design['label']} among {cmp.n_materials} published materials")
    for c in ("quantity", "design", "published range", "n", "percentile"):
        t.add_column(c)
    for key, pl in cmp.placement.items():
        t.add_row(key, _fmt(pl["value"]), f"{_fmt(pl['published_min'])} - {_fmt(pl['published_max'])}",
                  str(pl["n_published"]), f"{pl['percentile']:.0f}")
    con = _console()
    con.print(t)
    if design["ice_pct"] is not None:
        con.print(f"ICE (particle, {design['ice_basis']}): {design['ice_pct']:.1f} %")
    if design.get("ice_regression_pct") is not None:
        con.print(f"for comparison, the literature ICE(SSA) fit at {design['ssa_m2_g']:g} m²/g: "
                  f"{design['ice_regression_pct']:.1f} % (95 % prediction interval "
                  f"{design['ice_regression_low_pct']:.1f}-{design['ice_regression_high_pct']:.1f} %)")
    for w in written:
        con.print(f"wrote {w}")


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Published porous anodes (the review's Table 1 and text): list, check, correlate, compare.",
                      no_args_is_help=True)
    app.add_typer(sub, name="literature")
    sub.command("list")(list_cmd)
    sub.command("check")(check_cmd)
    sub.command("correlate")(correlate_cmd)
    sub.command("compare")(compare_cmd)
