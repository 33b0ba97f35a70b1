"""``alloypore design``: run the design chain on a spec (or the built-in example)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design, example_spec, load_spec
from alloypore.cli._common import check_out, print_json
from alloypore.errors import InputError


def register(app: typer.Typer) -> None:
    @app.command("design")
    def design_cmd(
        spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        out: Optional[Path] = typer.Option(None, "--out", help="Write an HTML report with plots into this folder."),
        show_example: bool = typer.Option(False, "--example-spec", help="Print the built-in example spec and exit."),
    ) -> None:
        """Particle -> electrode -> cell: capacity, expansion, swelling, electrolyte, Wh/kg and Wh/L."""
        if show_example:
            extra = [flag for flag, v in (("SPEC", spec), ("--json", json_out), ("--out", out)) if v]
            if extra:
                raise InputError("--example-spec", extra[0], "prints the built-in example and nothing else; "
                                 "leave out SPEC, --json and --out")
            typer.echo(EXAMPLE_SPEC_TOML, nl=False)
            return
        check_out(out)
        result = evaluate_design(load_spec(spec) if spec is not None else example_spec())
        report = None
        if out is not None:
            from alloypore.report import write_design_report  # matplotlib (0.4 s) only for --out

            report = write_design_report(result, out)
        if json_out:
            d = result.to_dict()
            d.pop("volume_budget", None)
            if report is not None:
                d["report"] = str(report)
            print_json(d)
            return
        _print_summary(result, report)


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
    basis = result.notes.get("first_cycle_efficiency_basis")
    if basis:
        console.print(f"first-cycle efficiency: {basis}", style="italic")
    if report is not None:
        console.print(f"report: {report}")
