"""Files of a cycling run: CSV tables, PNG plots and a JSON summary (written atomically).

pandas and :mod:`alloypore.plotting` (which selects matplotlib's backend when imported) are
imported by the functions that draw or tabulate, so importing :mod:`alloypore.electrochem`
stays free of side effects and quick.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from alloypore._io import atomic_output_dir
from alloypore._json import to_jsonable
from alloypore.provenance import with_provenance
from alloypore.electrochem.simulate import CyclingResult
from alloypore.plotting import colormap, new_figure, save_figure

__all__ = ["write_cycling_outputs", "timeseries_table", "cycles_table", "plot_voltage_capacity",
           "plot_capacity_energy", "plot_thickness", "OUTPUT_FILES"]

OUTPUT_FILES = (
    "timeseries.csv",
    "cycles.csv",
    "voltage_capacity.png",
    "capacity_energy.png",
    "thickness.png",
    "summary.json",
)


def timeseries_table(r: CyclingResult):
    import pandas as pd

    return pd.DataFrame(
        {
            "time_h": r.time_h,
            "cycle": r.cycle,
            "voltage_V": r.voltage_V,
            "current_mA_cm2": r.current_mA_cm2,
            "capacity_mAh_cm2": r.capacity_mAh_cm2,
            "anode_thickness_change_um": r.anode_thickness_change_um,
            "x_graphite": r.x_graphite,
            "x_alloy": r.x_alloy,
        }
    )


def cycles_table(r: CyclingResult):
    import pandas as pd

    df = pd.DataFrame(r.cycles)
    if r.dense is not None:
        n = len(df)
        for k in ("discharge_capacity_mAh_cm2", "anode_thickness_swing_um", "anode_thickness_max_um",
                  "sei_lithium_loss_mAh_cm2"):
            vals = np.full(n, np.nan)
            d = np.asarray(r.dense.cycles[k])[:n]
            vals[: len(d)] = d
            df[f"dense_{k}"] = vals
    return df


def plot_voltage_capacity(r: CyclingResult):
    fig, ax = new_figure()
    cyc = np.unique(r.cycle)
    cmap = colormap("viridis")
    for k, c in enumerate(cyc):
        sel = r.cycle == c
        ax.plot(r.capacity_mAh_cm2[sel], r.voltage_V[sel], color=cmap(k / max(1, len(cyc) - 1)),
                lw=1.2, label=f"cycle {c}" if len(cyc) <= 10 or c in (cyc[0], cyc[-1]) else None)
    ax.set_xlabel("capacity passed in the cycle [mAh/cm²] (discharge > 0)")
    ax.set_ylabel("cell voltage [V]")
    ax.set_title(f"{r.name}: voltage vs capacity ({r.model})", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def plot_capacity_energy(r: CyclingResult):
    fig, ax = new_figure()
    c = r.cycles
    ax.plot(c["cycle"], c["discharge_capacity_mAh_cm2"], "o-", label="capacity, porous")
    if r.dense is not None:
        ax.plot(r.dense.cycles["cycle"], r.dense.cycles["discharge_capacity_mAh_cm2"], "s--", label="capacity, dense")
    ax.axhline(r.mapping.reversible_capacity_mAh_cm2, color="grey", ls=":", label="chain reversible capacity")
    ax.set_xlabel("cycle")
    ax.set_ylabel("discharge capacity [mAh/cm²]")
    ax2 = ax.twinx()
    ax2.plot(c["cycle"], c["discharge_energy_mWh_cm2"], "^-", color="C3", label="energy, porous")
    ax2.set_ylabel("discharge energy [mWh/cm²]", color="C3")
    ax.legend(fontsize=7, loc="lower left")
    ax.set_title(f"{r.name}: discharge capacity and energy", fontsize=9)
    return fig


def plot_thickness(r: CyclingResult):
    fig, ax = new_figure()
    ax.plot(r.time_h, r.anode_thickness_change_um, label="porous particles (pore-aware)")
    if r.dense is not None:
        ax.plot(r.dense.time_h, r.dense.anode_thickness_change_um, "--", label="same design, dense particles")
    ax.set_xlabel("time [h]")
    ax.set_ylabel("anode thickness change from pristine [µm]")
    ax.set_title(f"{r.name}: anode breathing (L0 = {r.mapping.anode_thickness_um:.1f} µm)", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def write_cycling_outputs(r: CyclingResult, out_dir: str | Path) -> Path:
    """Write :data:`OUTPUT_FILES` (and ``timeseries_dense.csv`` when a dense run exists) into ``out_dir``."""

    out_dir = Path(out_dir)
    with atomic_output_dir(out_dir) as tmp:
        timeseries_table(r).to_csv(tmp / "timeseries.csv", index=False)
        if r.dense is not None:
            timeseries_table(r.dense).to_csv(tmp / "timeseries_dense.csv", index=False)
        cycles_table(r).to_csv(tmp / "cycles.csv", index=False)
        save_figure(plot_voltage_capacity(r), tmp / "voltage_capacity.png")
        save_figure(plot_capacity_energy(r), tmp / "capacity_energy.png")
        save_figure(plot_thickness(r), tmp / "thickness.png")
        (tmp / "summary.json").write_text(json.dumps(with_provenance(to_jsonable(r.summary())), indent=2, allow_nan=False) + "\n")
    return out_dir
