"""``alloypore design``: run the design chain on a spec (or the built-in example)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design, example_spec, load_spec
from alloypore.cell.examples import compare_example, get_example, list_examples
from alloypore.cli._common import JSON, check_out, print_json
from alloypore.errors import InputError


def register(app: typer.Typer) -> None:
    @app.command("design")
    def design_cmd(
        spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
        particle: Optional[Path] = typer.Option(None, "--particle", help="Take the particle section from this TOML "
                                                "(e.g. written by `alloypore characterize ... --emit-spec`)."),
        json_out: bool = JSON,
        out: Optional[Path] = typer.Option(None, "--out", help="Write an HTML report with plots into this folder."),
        show_example: bool = typer.Option(False, "--example-spec", help="Print the built-in example spec and exit."),
        example: Optional[str] = typer.Option(None, "--example", help="Run a named example that reproduces a published cell (see --list-examples)."),
        list_ex: bool = typer.Option(False, "--list-examples", help="List the named examples with the publication each reproduces, and exit."),
    ) -> None:
        """Particle -> electrode -> cell: capacity, expansion, swelling, electrolyte, Wh/kg and Wh/L."""
        if show_example:
            extra = [flag for flag, v in (("SPEC", spec), ("--json", json_out), ("--out", out), ("--example", example),
                                          ("--list-examples", list_ex)) if v]
            if extra:
                raise InputError("--example-spec", extra[0], "prints the built-in example and nothing else; "
                                 "leave out SPEC, --json, --out and --example")
            typer.echo(EXAMPLE_SPEC_TOML, nl=False)
            return
        if list_ex:
            extra = [flag for flag, v in (("SPEC", spec), ("--out", out), ("--example", example)) if v]
            if extra:
                raise InputError("--list-examples", extra[0], "lists the named examples and nothing else; "
                                 "leave out SPEC, --out and --example")
            _list_examples(json_out)
            return
        check_out(out)
        comparison = None
        if example is not None:
            if spec is not None or particle is not None:
                raise InputError("--example", example, "give a spec file (and --particle) or --example, not both")
            result, comparison = compare_example(example)
        else:
            result = evaluate_design(load_spec(spec, particle) if spec is not None or particle is not None else example_spec())
        report = None
        if out is not None:
            from alloypore.report import write_design_report  # matplotlib (0.4 s) only for --out

            report = write_design_report(result, out)
        if json_out:
            d = result.to_dict()
            d.pop("volume_budget", None)
            if report is not None:
                d["report"] = str(report)
            if comparison is not None:
                ex = get_example(example)
                d["example"] = {"name": ex.name, "reproduces": ex.reproduces, "basis": ex.basis,
                                "published_source": ex.published_source, "comparison": comparison}
            print_json(d)
            return
        _print_summary(result, report)
        if comparison is not None:
            _print_comparison(get_example(example), comparison)


def _list_examples(json_out: bool) -> None:
    rows = [{"name": ex.name, "title": ex.title, "reproduces": ex.reproduces, "basis": ex.basis} for ex in list_examples()]
    if json_out:
        print_json(rows)
        return
    t = Table(title="named examples (alloypore design --example NAME)", title_justify="left")
    for col in ("name", "title", "reproduces", "basis"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["name"], r["title"], r["reproduces"], r["basis"])
    Console().print(t)


def _print_comparison(ex, comparison) -> None:
    t = Table(title=f"published vs model ({ex.basis} basis)", title_justify="left")
    for col in ("quantity", "published", "model", "difference"):
        t.add_column(col, justify="left" if col == "quantity" else "right")
    for key, c in comparison.items():
        t.add_row(key, f"{c['published']:.4g}", f"{c['model']:.4g}", f"{c['difference_pct']:+.1f} %")
    console = Console()
    console.print(t)
    console.print(f"reproduces: {ex.reproduces}", style="italic")


def _print_summary(result, report) -> None:
    from alloypore.report.design import summary_rows  # the report module draws with matplotlib: only here

    console = Console()
    console.print(f"[bold]alloypore design[/bold]: {result.spec.name}")
    for section, rows in summary_rows(result).items():
        title = section if section != "cell" else f"cell ({result.spec.cell.format})"
        t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
        t.add_column("quantity")
        t.add_column("value", justify="right")
        t.add_column("unit")
        for label, value, unit in rows:
            t.add_row(label, value, unit)
        console.print(t)
    limits = result.binding_limits()
    console.print(f"binding limits: {', '.join(limits) if limits else 'none'}"
                  + ("" if bool(result.cell.manufacturable) else "  [bold red](not manufacturable: a limit is violated)[/bold red]"))
    basis = result.notes.get("first_cycle_efficiency_basis")
    if basis:
        console.print(f"first-cycle efficiency: {basis}", style="italic")
    if report is not None:
        console.print(f"report: {report}")
