"""``alloypore sweep`` and ``alloypore optimize``: grids, optima and Pareto fronts over designs."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

_VARY_HELP = "FIELD=START:STOP:N (or FIELD=V1,V2,...); repeat for a grid. FIELD is a dotted numeric spec field."


def _spec(path):
    from alloypore.cell import example_spec, load_spec

    return load_spec(path) if path is not None else example_spec()


def register(app: typer.Typer) -> None:
    @app.command("sweep")
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
        import contextlib

        from alloypore.design import parse_vary, sweep, write_sweep
        from alloypore.errors import InputError

        s = _spec(spec)
        axes = parse_vary(s, vary)
        n = 1
        for a in axes:
            n *= a.values.size
        if n > 5_000_000:
            raise InputError("--vary", n, "too many designs for a table (at most 5e6); use alloypore.design.sweep_summary for streamed sweeps")
        if plot_field is not None:
            from alloypore.design.sweep import result_columns

            if plot_field not in result_columns(s) and plot_field not in [a.field for a in axes]:
                raise InputError("--plot", plot_field, "unknown result field")
        if workers is not None or scheduler is not None:
            from alloypore.design.distributed import make_client

            ctx = make_client(workers, scheduler)
        else:
            ctx = contextlib.nullcontext(None)
        with ctx as client:
            result = sweep(s, axes, chunk_size=chunk_size, client=client)
        files = write_sweep(result, out, plot_field=plot_field) if out is not None else {}
        if json_out:
            from alloypore.cli._common import print_json

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

    @app.command("optimize")
    def optimize_cmd(
        spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
        maximize: List[str] = typer.Option([], "--maximize", help="Result field to maximise (twice: Pareto front)."),
        minimize: List[str] = typer.Option([], "--minimize", help="Result field to minimise."),
        vary: List[str] = typer.Option([], "--vary", help="FIELD=LO:HI; repeat for more variables."),
        constraint: List[str] = typer.Option([], "--constraint", help="'FIELD<=VALUE' or 'FIELD>=VALUE'; repeat."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        out: Optional[Path] = typer.Option(None, "--out", help="Write optimum.json (or pareto.csv + pareto.png) here."),
        seed: int = typer.Option(0, "--seed", help="Seed of the Sobol sample / NSGA-II."),
    ) -> None:
        """Best design under constraints (scipy SLSQP), or the Pareto front of two objectives (pymoo NSGA-II)."""
        import numpy as np

        from alloypore.design.grid import parse_bounds, parse_constraint
        from alloypore.design.optimize import Objective, optimize, pareto, plot_pareto
        from alloypore.design.sweep import evaluate_columns
        from alloypore.errors import InputError

        s = _spec(spec)
        objectives = [Objective(f, True) for f in maximize] + [Objective(f, False) for f in minimize]
        if not objectives:
            raise InputError("--maximize", "(none)", "give --maximize FIELD (or --minimize FIELD)")
        if len(objectives) > 2:
            raise InputError("--maximize", len(objectives), "allowed 1 or 2 objectives")
        bounds = parse_bounds(s, vary)
        columns = list(evaluate_columns(s, {f: np.array([lo]) for f, (lo, _) in bounds.items()}))
        for o in objectives:
            if o.field not in columns:
                raise InputError("--maximize" if o.maximize else "--minimize", o.field, "unknown input or result field")
        cons = [parse_constraint(c, columns) for c in constraint]
        if len(objectives) == 1:
            res = optimize(s, objectives[0], bounds, cons, seed=seed)
            d = res.to_dict()
            if out is not None:
                import json

                from alloypore._io import atomic_output_dir
                from alloypore._json import to_jsonable

                with atomic_output_dir(out) as tmp:
                    (tmp / "optimum.json").write_text(json.dumps(to_jsonable(d), indent=2))
                d["files"] = {"json": str(out / "optimum.json")}
            if json_out:
                from alloypore.cli._common import print_json

                print_json(d)
            else:
                _print_optimum(res)
            return
        res = pareto(s, objectives, bounds, cons, seed=seed)
        d = res.to_dict()
        if out is not None:
            import pandas as pd

            from alloypore._io import atomic_output_dir
            from alloypore.plotting import save_figure

            with atomic_output_dir(out) as tmp:
                pd.DataFrame(res.front).to_csv(tmp / "pareto.csv", index=False)
                save_figure(plot_pareto(res), tmp / "pareto.png")
            d["files"] = {"csv": str(out / "pareto.csv"), "plot": str(out / "pareto.png")}
        if json_out:
            from alloypore.cli._common import print_json

            print_json(d)
        else:
            _print_pareto(d)


def _fmt(v) -> str:
    import numpy as np

    if isinstance(v, (bool, np.bool_)) or v is None:
        return "yes" if v else ("no" if v is not None else "-")
    try:
        return f"{float(v):.5g}"
    except (TypeError, ValueError):
        return str(v)


def _print_sweep(result, files) -> None:
    from rich.console import Console
    from rich.table import Table

    from alloypore.design.sweep import HEADLINE

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
    from rich.console import Console
    from rich.table import Table

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
    from rich.console import Console
    from rich.table import Table

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
