"""``alloypore pressure``: stack pressure from anode swelling in a fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import json

import typer

from alloypore._io import atomic_output_dir
from alloypore._json import to_jsonable
from alloypore.provenance import with_provenance
from alloypore.cell import evaluate_design, example_spec, load_spec
from alloypore.cell.pressure import stack_pressure
from alloypore.cli._common import check_out, print_json
from alloypore.plotting import figure_to_png_bytes, new_figure


def register(app: typer.Typer) -> None:
    @app.command("pressure")
    def pressure_cmd(
        spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
        stack_modulus_MPa: float = typer.Option(200.0, "--stack-modulus-MPa", help="Effective through-thickness modulus of the stack."),
        fixture_stiffness_kN_mm: Optional[float] = typer.Option(
            None, "--fixture-stiffness-kN-mm", help="Spring stiffness of the fixture; omit for a fixed gap."
        ),
        preload_MPa: float = typer.Option(0.0, "--preload-MPa"),
        limit_MPa: float = typer.Option(10.0, "--limit-MPa", help="Pressure limit (the review warns above ~10 MPa)."),
        json_out: bool = typer.Option(False, "--json"),
        out: Optional[Path] = typer.Option(None, "--out", help="Write pressure.png and pressure.json here."),
    ) -> None:
        """Pressure that anode swelling builds in a fixture over lithiation, and where it hits a limit."""
        check_out(out)
        r = evaluate_design(load_spec(spec) if spec else example_spec())
        pr = stack_pressure(
            r,
            stack_modulus_MPa=stack_modulus_MPa,
            fixture_stiffness_kN_mm=fixture_stiffness_kN_mm,
            preload_MPa=preload_MPa,
            limit_MPa=limit_MPa,
        )
        d = pr.to_dict()
        if out is not None:
            png = _pressure_png(pr, limit_MPa, fixture_stiffness_kN_mm)
            with atomic_output_dir(out) as tmp:
                (tmp / "pressure.png").write_bytes(png)
                (tmp / "pressure.json").write_text(json.dumps(with_provenance(to_jsonable(d)), indent=2))
        summary = {k: d[k] for k in ("limit_MPa", "theta_at_limit", "pressure_charged_MPa", "theta_charged", "stack_height_um", "fixed_gap")}
        if json_out:
            print_json({**summary, "theta": d["theta"], "pressure_MPa": d["pressure_MPa"]})
            return
        at = "not reached" if pr.theta_at_limit is None else f"reached at θ = {pr.theta_at_limit:.3f}"
        typer.echo(
            f"stack pressure at full charge (θ = {pr.theta_charged:.3f}): {pr.pressure_charged_MPa:.2f} MPa; "
            f"limit {limit_MPa:g} MPa {at}"
        )


def _pressure_png(pr, limit_MPa: float, fixture_stiffness_kN_mm) -> bytes:
    """The pressure curve with the limit and where it is reached (PNG bytes)."""

    fig, ax = new_figure()
    ax.plot(pr.theta, pr.pressure_MPa, lw=2)
    ax.axhline(limit_MPa, color="C3", ls=":", label=f"limit {limit_MPa:g} MPa")
    if pr.theta_at_limit is not None:
        ax.axvline(pr.theta_at_limit, color="grey", ls="--", label=f"θ = {pr.theta_at_limit:.3f}")
    ax.set_xlabel("anode lithiation fraction θ")
    ax.set_ylabel("stack pressure (MPa)")
    ax.set_title("fixed gap" if pr.fixed_gap else f"fixture {fixture_stiffness_kN_mm:g} kN/mm")
    ax.legend()
    return figure_to_png_bytes(fig)
