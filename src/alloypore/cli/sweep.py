"""``alloypore sweep`` and ``alloypore optimize``: grids, optima and Pareto fronts over designs."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import example_spec, load_spec
from alloypore.cli._common import JSON, check_out, print_json, requires
from alloypore.design import check_sweep, parse_vary, sweep, write_sweep
from alloypore.design.optimize import OptimumResult, parse_problem, solve, write_result
from alloypore.design.sweep import HEADLINE, MAX_TABLE_DESIGNS
from alloypore.parallel import open_client

_VARY_HELP = "FIELD=START:STOP:N (or FIELD=V1,V2,...); repeat for a grid. FIELD is a dotted numeric spec field."


def _spec(path):
    return load_spec(path) if path is not None else example_spec()


def sweep_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
    vary: List[str] = typer.Option([], "--vary", help=_VARY_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the table as one JSON object."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write sweep.csv, sweep.parquet and sweep.png here."),
    plot_field: Optional[str] = typer.Option(None, "--plot", help="Result field to plot (default: headline outputs)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Run on a local Dask cluster of N workers."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on an existing Dask scheduler."),
    chunk_size: int = typer.Option(1 << 16, "--chunk-size", help="Designs per chunk."),
) -> None:
    """Evaluate a grid of designs: every input and result per design, infeasible ones marked."""
    check_out(out)
    requires("--plot", plot_field, out, "--out", " (it chooses the plotted field)")
    s = _spec(spec)
    axes = parse_vary(s, vary, max_designs=MAX_TABLE_DESIGNS)
    check_sweep(s, axes, plot_field)
    with open_client(workers, scheduler) as client:
        result = sweep(s, axes, chunk_size=chunk_size, client=client)
    files = write_sweep(result, out, plot_field=plot_field) if out is not None else {}
    if json_out:
        print_json({
            "name": s.name,
            "vary": {a.field: a.values for a in axes},
            "n_designs": result.n_designs,
            "n_feasible": result.n_feasible,
            "files": {k: str(v) for k, v in files.items()},
            "columns": list(result.columns),
            "rows": result.to_frame().to_dict(orient="records"),
        })
        return
    _print_sweep(result, files)


def optimize_cmd(
    spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
    maximize: List[str] = typer.Option([], "--maximize", help="Result field to maximise (twice: Pareto front)."),
    minimize: List[str] = typer.Option([], "--minimize", help="Result field to minimise."),
    vary: List[str] = typer.Option([], "--vary", help="FIELD=LO:HI; repeat for more variables."),
    constraint: List[str] = typer.Option([], "--constraint", help="'FIELD<=VALUE' or 'FIELD>=VALUE'; repeat."),
    json_out: bool = JSON,
    out: Optional[Path] = typer.Option(None, "--out", help="Write optimum.json (or pareto.csv + pareto.png) here."),
    seed: int = typer.Option(0, "--seed", help="Seed of the Sobol sample / NSGA-II."),
) -> None:
    """Best design under constraints (scipy SLSQP), or the Pareto front of two objectives (pymoo NSGA-II)."""
    check_out(out)
    s = _spec(spec)
    res = solve(s, parse_problem(s, maximize, minimize, vary, constraint), seed=seed)
    d = res.to_dict()
    if out is not None:
        d["files"] = write_result(res, out)
    if json_out:
        print_json(d)
    elif isinstance(res, OptimumResult):
        _print_optimum(res)
    else:
        _print_pareto(d)


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep_cmd)
    app.command("optimize")(optimize_cmd)


def _fmt(v) -> str:
    v = v.item() if hasattr(v, "item") else v  # a numpy scalar -> its Python value
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    try:
        return f"{float(v):.5g}"
    except (TypeError, ValueError):
        return str(v)


def _print_sweep(result, files) -> None:
    console = Console()
    inputs = result.grid.fields
    shown = inputs + ["feasible"] + [h for h in HEADLINE[:4]]
    t = Table(title=f"alloypore sweep: {result.n_designs} designs, {result.n_feasible} feasible", title_justify="left")
    for c in shown:
        t.add_column(c.split(".")[-1], justify="right")
    n = result.n_designs
    idx = list(range(n)) if n <= 30 else list(range(15)) + list(range(n - 15, n))
    for i in idx:
        t.add_row(*[_fmt(result.columns[c][i]) for c in shown])
    console.print(t)
    if n > 30:
        console.print(f"({n - 30} rows not shown; use --out or --json for the full table)")
    for k, v in files.items():
        console.print(f"{k}: {v}")


def _print_optimum(res) -> None:
    console = Console()
    console.print(f"[bold]{res.objective.text}[/bold] = {res.value:.6g}   ({res.message}; {res.n_evaluations} designs)")
    for f, v in res.x.items():
        console.print(f"  {f} = {v:.6g}")
    if res.bounds_active:
        console.print("  at bounds: " + ", ".join(res.bounds_active))
    t = Table(title="constraints", title_justify="left")
    for c in ("constraint", "value", "limit", "slack", "binding"):
        t.add_column(c)
    for c in res.constraints:
        t.add_row(c["constraint"], _fmt(c["value"]), _fmt(c["limit"]), _fmt(c["slack"]), "yes" if c["binding"] else "")
    console.print(t)
    if not res.success:
        console.print("[red]no feasible design found[/red]")


def _print_pareto(d) -> None:
    console = Console()
    t = Table(title=f"Pareto front ({d['n_points']} designs, {d['method']})", title_justify="left")
    keys = list(d["front"][0]) if d["front"] else []
    for k in keys:
        t.add_column(k.split(".")[-1], justify="right")
    for row in d["front"]:
        t.add_row(*[_fmt(row[k]) for k in keys])
    console.print(t)
    for k, v in d.get("files", {}).items():
        console.print(f"{k}: {v}")
