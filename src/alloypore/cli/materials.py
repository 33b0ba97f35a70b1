"""``alloypore materials``: the materials table (capacities and expansions computed);
``alloypore materials add``: a new host from two CIF files into the user materials file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore._io import check_output
from alloypore.cli._common import JSON, print_json
from alloypore.materials import USER_MATERIALS_ENV, list_materials, user_materials_path
from alloypore.materials.add import add_material_from_cifs

__all__ = ["register"]

sub = typer.Typer(
    help="The materials table (shipped and user rows) and new hosts from crystal structures.",
    invoke_without_command=True,
)


def _fmt(v, fmt):
    return "-" if v is None else format(v, fmt)


def _materials_table(rows: list[dict]) -> Table:
    t = Table(title="alloypore materials (capacity and expansion computed from stoichiometry)")
    for col in ("name", "lithiated", "mAh/g", "mAh/cm³", "mAh/cm³ lith.", "expansion %", "review %", "ε req.",
                "Ω cm³/mol", "V"):
        t.add_column(col, justify="left" if col in ("name", "lithiated") else "right")
    for r in rows:
        active = r["kind"] != "inactive"
        t.add_row(
            r["name"],
            r["lithiated_phase"] or "-",
            _fmt(r["capacity_mAh_g"], ".0f") if active else "-",
            _fmt(r["capacity_mAh_cm3"], ".0f") if active else "-",
            _fmt(r["capacity_lithiated_mAh_cm3"], ".0f") if active else "-",
            _fmt(r["volume_expansion_pct"], ".0f") if active else "-",
            _fmt(r["quoted_expansion_pct"], ".0f"),
            _fmt(r["required_porosity"], ".3f") if active else "-",
            _fmt(r["partial_molar_volume_cm3_mol"], ".2f") if active else "-",
            _fmt(r["delithiation_potential_V"], ".2f"),
        )
    return t


def _phases_table(rows: list[dict]) -> Table:
    t = Table(title="lithiated end phases (choose one per phase: \\[particle] phases = [{..., lithiated_phase = \"...\"}])")
    for col in ("host", "phase", "x", "V lith. cm³/mol", "mAh/g", "expansion %", "Ω cm³/mol", "volume from"):
        t.add_column(col, justify="left" if col in ("host", "phase", "volume from") else "right")
    for r in rows:
        for p in r["phases"]:
            t.add_row(r["name"], p["name"] + (" *" if p["default"] else ""), f"{p['li_per_host']:.4g}",
                      f"{p['lithiated_molar_volume_cm3_mol']:.3f}", f"{p['capacity_mAh_g']:.0f}",
                      f"{p['volume_expansion_pct']:.1f}", f"{p['partial_molar_volume_cm3_mol']:.2f}", p["volume_from"])
    return t


@sub.callback(invoke_without_command=True)
def materials_cmd(
    ctx: typer.Context,
    json_out: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
) -> None:
    """List the materials with computed capacity, volume expansion and Omega, and each host's lithiated phases
    (``add`` puts a new host from CIFs)."""
    if ctx.invoked_subcommand is not None:
        return
    rows = [m.to_row() for m in list_materials()]
    if json_out:
        print_json(rows)
        return
    console = Console(width=max(Console().width, 120))
    console.print(_materials_table(rows))
    console.print(_phases_table(rows))
    console.print("* default phase; Ω = (V_lith - V_host)/x, the partial molar volume the stress commands use")


@sub.command("add")
def add_cmd(
    host: Path = typer.Option(..., "--host", help="CIF of the Li-free host (e.g. Si.cif)."),
    lithiated: Path = typer.Option(..., "--lithiated", help="CIF of the fully lithiated phase (e.g. Li15Si4.cif)."),
    name: Optional[str] = typer.Option(None, "--name", help="Name of the new material (default: host formula)."),
    file: Optional[Path] = typer.Option(None, "--file", help="User materials file (default: $ALLOYPORE_MATERIALS, else ~/.alloypore/materials.toml)."),
    potential: Optional[float] = typer.Option(None, "--potential", help="Average delithiation potential vs Li/Li+, V (not in a CIF; without it the chain takes 0 V)."),
    potential_source: Optional[str] = typer.Option(None, "--potential-source", help="Where --potential comes from (a reference)."),
    replace: bool = typer.Option(False, "--replace", help="Replace a user row of the same name."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Compute and show, write nothing."),
    json_out: bool = JSON,
) -> None:
    """Compute Li per host atom, molar volumes, capacity and expansion from two CIFs; add the row to the user file."""
    if file is not None and not dry_run:
        check_output(file, flag="--file", kind="file", force=True)  # its folder must exist; the default's is made
    cm, result = add_material_from_cifs(
        host,
        lithiated,
        file if file is not None else user_materials_path(os.environ),
        name=name,
        potential_V=potential,
        potential_source=potential_source,
        replace=replace,
        dry_run=dry_run,
    )
    path = result["file"]
    if json_out:
        print_json(result)
        return
    typer.echo(f"{cm.name}: host {cm.host.reduced_formula} ({cm.host.space_group}, {cm.host.formula} per cell),"
               f" lithiated {cm.lithiated.reduced_formula} ({cm.lithiated.space_group}, {cm.lithiated.formula} per cell)")
    typer.echo(f"Li per host atom {cm.li_per_host:.4g}, host {cm.molar_mass_g_mol:.5g} g/mol, density {cm.density_g_cm3:.4g} g/cm3")
    typer.echo(f"molar volume per host atom {cm.host_molar_volume_cm3_mol:.4g} -> {cm.lithiated_molar_volume_cm3_mol:.4g} cm3/mol")
    typer.echo(f"capacity {cm.capacity_mAh_g:.0f} mAh/g, volume expansion {cm.volume_expansion_pct:.0f} %")
    for n in result["notes"]:
        typer.echo(f"note: {n}")
    if dry_run:
        typer.echo(f"dry run: {path} not written")
    else:
        typer.echo(f"wrote {path}")
        if not result["active"]:
            typer.echo(f"note: {path} is not the active user file; set {USER_MATERIALS_ENV}={path} to use it")


def register(app: typer.Typer) -> None:
    """Add the ``materials`` group (table listing + ``add``)."""
    app.add_typer(sub, name="materials")
