"""``alloypore materials``: the materials table (capacities and expansions computed)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("materials")
    def materials_cmd(
        json_out: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
    ) -> None:
        """List the shipped materials with computed capacity and volume expansion."""
        from alloypore.materials import list_materials

        rows = [m.to_row() for m in list_materials()]
        if json_out:
            from alloypore.cli._common import print_json

            print_json(rows)
            return
        from rich.console import Console
        from rich.table import Table

        t = Table(title="alloypore materials (capacity and expansion computed from stoichiometry)")
        for col in ("name", "lithiated", "mAh/g", "mAh/cm³", "mAh/cm³ lith.", "expansion %", "review %", "ε req.", "V"):
            t.add_column(col, justify="left" if col in ("name", "lithiated") else "right")

        def f(v, fmt):
            return "-" if v is None else format(v, fmt)

        for r in rows:
            active = r["kind"] != "inactive"
            t.add_row(
                r["name"],
                r["lithiated_phase"] or "-",
                f(r["capacity_mAh_g"], ".0f") if active else "-",
                f(r["capacity_mAh_cm3"], ".0f") if active else "-",
                f(r["capacity_lithiated_mAh_cm3"], ".0f") if active else "-",
                f(r["volume_expansion_pct"], ".0f") if active else "-",
                f(r["quoted_expansion_pct"], ".0f"),
                f(r["required_porosity"], ".3f") if active else "-",
                f(r["delithiation_potential_V"], ".2f"),
            )
        Console(width=max(Console().width, 120)).print(t)
