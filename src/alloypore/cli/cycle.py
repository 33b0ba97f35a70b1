"""``alloypore cycle``: cycle a designed electrode through PyBaMM (porous vs dense)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore.cell import example_spec, load_spec
from alloypore.cli._common import FORCE, check_file_out, check_out, print_json
from alloypore.electrochem import require_pybamm, simulate_cycling, write_cycling_outputs
from alloypore.electrochem.bpx import write_bpx
from alloypore.progress import settings


def register(app: typer.Typer) -> None:
    @app.command("cycle")
    def cycle_cmd(
        spec: Optional[Path] = typer.Argument(None, help="Design spec (TOML). Default: the built-in example."),
        experiment: Optional[str] = typer.Option(
            None,
            "--experiment",
            help="One cycle's steps separated by ';', e.g. \"Discharge at C/2 until 2.5 V; Charge at C/2 until 4.2 V\"; "
            "{v_min} and {v_max} stand for the cell's cut-offs (\"Discharge at C/20 until {v_min} V\"). "
            "Default: 1C CC discharge to {v_min}, 1C CC-CV charge to {v_max} / C/20 (2.5/4.2 V for NMC811 vs "
            "Si/graphite; from the voltage curves for every other host and cathode).",
        ),
        cycles: int = typer.Option(1, "--cycles", help="Number of cycles."),
        model: str = typer.Option("SPM", "--model", help="SPM, SPMe or DFN."),
        sei: bool = typer.Option(False, "--sei", help="Add SEI growth (reaction limited, on the wetted surface only)."),
        no_dense: bool = typer.Option(False, "--no-dense", help="Skip the side-by-side run with dense particles."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON summary object."),
        out: Optional[Path] = typer.Option(None, "--out", help="Write CSV tables, PNG plots and summary.json here."),
        bpx: Optional[Path] = typer.Option(
            None, "--bpx", help="Also write the parameter set it built as a BPX file (JSON), for PyBaMM, PyBOP, ..."
        ),
        force: bool = FORCE,
    ) -> None:
        """Voltage curves, capacity/energy per cycle and anode thickness breathing (PyBaMM).

        Any alloy host with a voltage curve (Si, Ge, Sn, Sb, Al, SiO) in a graphite or amorphous-carbon
        blend, against any cathode with one (NMC811/622, NCA, LCO, LFP, NCM90, LCO-4.45V, LMFP, LNMO).
        """
        check_out(out)
        check_file_out(bpx, "--bpx", force)
        require_pybamm()
        design = load_spec(spec) if spec is not None else example_spec()
        result = simulate_cycling(
            design,
            experiment=experiment,
            cycles=cycles,
            model=model,
            sei=sei,
            compare_dense=not no_dense,
            show_progress=settings.show_progress,
        )
        summary = result.summary()
        if out is not None:
            summary["out"] = str(write_cycling_outputs(result, out))
        if bpx is not None:
            summary["bpx"] = str(write_bpx(result.mapping, bpx, title=design.name))
        if json_out:
            print_json(summary)
            return
        _print(summary)


def _print(s: dict) -> None:
    console = Console()
    console.print(f"[bold]alloypore cycle[/bold]: {s['name']} ({s['model']}, {s['n_cycles']} cycles, SEI {'on' if s['sei'] else 'off'})")
    lo, hi = s["voltage_window_V"]
    console.print(f"{s['alloy']} + {s['blend']} vs {s['cathode']}, cut-offs {lo:g}-{hi:g} V")
    t = Table(show_header=True, box=None, pad_edge=False)
    for col in ("cycle", "capacity mAh/cm2", "energy mWh/cm2", "thickness swing um", "SEI loss mAh/cm2"):
        t.add_column(col, justify="right")
    if "dense" in s:
        t.add_column("dense swing um", justify="right")
    n = s["n_cycles"]
    show = list(range(n)) if n <= 12 else list(range(5)) + list(range(n - 5, n))
    for i in show:
        row = [str(i + 1), f"{s['discharge_capacity_mAh_cm2'][i]:.4f}", f"{s['discharge_energy_mWh_cm2'][i]:.3f}",
               f"{s['anode_thickness_swing_um'][i]:.3f}", f"{s['sei_lithium_loss_mAh_cm2'][i]:.5f}"]
        if "dense" in s:
            d = s["dense"]["anode_thickness_swing_um"]
            row.append(f"{d[i]:.3f}" if i < len(d) else "-")
        t.add_row(*row)
    console.print(t)
    console.print(
        f"chain reversible capacity {s['chain_reversible_capacity_mAh_cm2']:.4f} mAh/cm2; "
        f"anode {s['anode_thickness_um']:.2f} um, max change from pristine {s['anode_thickness_change_max_um']:.3f} um"
        + (f" (dense particles: {s['dense']['anode_thickness_change_max_um']:.3f} um)" if "dense" in s else "")
    )
    for phase, source in s["ocp_sources"].items():
        console.print(f"OCP {phase.replace('_', ' ')}: {source}", style="dim")
    console.print(f"PyBaMM citations: {', '.join(s['pybamm_citations'])}", style="dim")
    if "out" in s:
        console.print(f"files: {s['out']}")
    if "bpx" in s:
        console.print(f"BPX parameter set: {s['bpx']}")
