"""Grid sweeps over designs on the vectorised chain.

:func:`evaluate_columns` runs :func:`alloypore.cell.evaluate_arrays` on flat arrays of
designs and returns one column per input and per result field (dotted names such as
``particle.volume_expansion_pct``, ``electrode.swelling_pct``,
``cell.energy_density_Wh_kg``) plus the masks:

* ``valid``     - the complementary mass fractions are >= 0 (see :mod:`.grid`);
* ``feasible``  - valid, and the design can be built and cycled: interparticle
  porosity > 0 (``electrode.feasible``), swelling within the limit
  (``electrode.swelling_limit_met``), no Li plating (``cell.plating_free``), positive
  coating capacity, reversible capacity and cell voltage - the same checks as the
  one-design path (:func:`alloypore.cell.check_feasible`) plus the swelling limit - and
  **manufacturable** (``cell.manufacturable``): no manufacturing limit of
  :mod:`alloypore.cell.limits` (minimum electrode porosity, maximum compaction density,
  minimum electrolyte fill) and no limit of the format (the charged roll fits its can) violated.

The format's own results (``cell.format_details``: roll turns, gap to the can...) become
columns ``cell.<name>``.

Where a varied input has the same name as a result field (e.g. ``particle.porosity``),
the column holds the input value (the result echoes it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from alloypore import resources
from alloypore._display import sweep_html, sweep_text
from alloypore._io import atomic_output_dir
from alloypore.cell import DesignSpec, evaluate_arrays
from alloypore.cell.model import CellArrays
from alloypore.design.grid import Axis, Grid, complete_overrides, parse_vary
from alloypore.electrode.model import ElectrodeArrays
from alloypore.errors import InputError
from alloypore.parallel import map_ordered
from alloypore.particle.model import ParticleArrays
from alloypore.plotting import new_figure, save_figure

__all__ = [
    "SweepResult",
    "evaluate_columns",
    "result_columns",
    "map_columns",
    "check_sweep",
    "sweep",
    "write_sweep",
    "plot_sweep",
    "DEFAULT_CHUNK",
    "HEADLINE",
    "MAX_TABLE_DESIGNS",
]

#: Designs per chunk: large enough to amortise Python overhead, small enough for the cache.
DEFAULT_CHUNK = 1 << 16

#: Most designs a sweep returns as a table; larger grids go through the streamed summary.
MAX_TABLE_DESIGNS = 5_000_000

#: Outputs drawn by default in sweep plots.
HEADLINE = (
    "cell.energy_density_Wh_kg",
    "cell.energy_density_Wh_L",
    "cell.electrolyte_g_Ah",
    "electrode.swelling_pct",
    "particle.volume_expansion_pct",
    "electrode.porosity",
)


def result_columns(spec: DesignSpec) -> list[str]:
    """Dotted names of every result field (without the inputs and masks)."""
    return (
        [f"particle.{f.name}" for f in fields(ParticleArrays)]
        + [f"electrode.{f.name}" for f in fields(ElectrodeArrays)]
        + [f"cell.{f.name}" for f in fields(CellArrays) if f.name != "format_details"]
    )


def map_columns(spec: DesignSpec) -> list[str]:
    """The result fields that are numbers (not yes/no masks such as ``electrode.feasible``):
    what a sweep can map or plot."""
    one = evaluate_columns(spec, {})
    return [c for c in result_columns(spec) if one[c].dtype.kind in "fiu"]


def evaluate_columns(spec: DesignSpec, inputs: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Evaluate flat arrays of designs; return ``{column: 1-D array}``.

    ``inputs`` maps varied fields to equal-length 1-D arrays (or scalars).  Complementary
    mass fractions are added (see :func:`alloypore.design.grid.complete_overrides`); the
    returned columns are the varied and complementary inputs, ``valid``, ``feasible``
    and every result field.
    """
    ov, valid = complete_overrides(spec, inputs)
    n = int(np.prod(np.broadcast_shapes(*(np.shape(v) for v in ov.values())))) if ov else 1
    shape = (n,)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        r = evaluate_arrays(spec, {k: np.broadcast_to(v, shape) for k, v in ov.items()})
    cols: dict[str, np.ndarray] = {}
    for k, v in ov.items():
        cols[k] = np.ascontiguousarray(np.broadcast_to(v, shape), dtype=float)
    for section, obj in (("particle", r.particle), ("electrode", r.electrode), ("cell", r.cell)):
        for f in fields(obj):
            key = f"{section}.{f.name}"
            if key in cols:
                continue
            value = getattr(obj, f.name)
            if isinstance(value, dict):  # cell.format_details -> cell.<name>
                for name, a in value.items():
                    cols.setdefault(f"{section}.{name}", np.ascontiguousarray(np.broadcast_to(np.asarray(a), shape)))
                continue
            cols[key] = np.ascontiguousarray(np.broadcast_to(np.asarray(value), shape))
    valid = np.ascontiguousarray(np.broadcast_to(valid, shape))
    feasible = (
        valid
        & cols["electrode.feasible"]
        & cols["electrode.swelling_limit_met"]
        & cols["cell.plating_free"]
        & (cols["electrode.specific_capacity_mAh_g"] > 0)
        & (cols["cell.reversible_capacity_mAh_cm2"] > 0)
        & (cols["cell.cell_voltage_V"] > 0)
        & cols["cell.manufacturable"]
    )
    out = {k: cols[k] for k in ov}
    out["valid"] = valid
    out["feasible"] = feasible
    out.update({k: v for k, v in cols.items() if k not in out})
    return out


@dataclass
class SweepResult:
    """A finished sweep: the grid and the table (columns of equal length)."""

    spec: DesignSpec
    grid: Grid
    columns: dict[str, np.ndarray]
    meta: dict = field(default_factory=dict)

    @property
    def n_designs(self) -> int:
        return self.grid.size

    @property
    def n_feasible(self) -> int:
        return int(np.count_nonzero(self.columns["feasible"]))

    def to_frame(self):
        """The table as a pandas DataFrame (inputs first)."""
        import pandas as pd

        return pd.DataFrame(self.columns, copy=False)

    def best(self, objective: str, maximize: bool = True) -> int | None:
        """Flat index of the best feasible design for ``objective`` (None if none feasible)."""
        v = np.where(self.columns["feasible"], self.columns[objective], np.nan)
        if np.all(np.isnan(v)):
            return None
        return int(np.nanargmax(v) if maximize else np.nanargmin(v))

    def row(self, i: int) -> dict:
        return {k: (v[i].item() if hasattr(v[i], "item") else v[i]) for k, v in self.columns.items()}

    def __repr__(self) -> str:
        return sweep_text(self.spec.name, [(a.field, a.values.size) for a in self.grid.axes], self.n_designs,
                          self.n_feasible)

    def _repr_html_(self) -> str:
        return sweep_html(self.spec.name, [(a.field, a.values.size) for a in self.grid.axes], self.n_designs,
                          self.n_feasible, self.to_frame().head(10).to_html(float_format="{:.4g}".format))


def _concat(parts: Sequence[dict]) -> dict[str, np.ndarray]:
    if len(parts) == 1:
        return parts[0]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _eval_chunk(spec: DesignSpec, grid: Grid, start: int, stop: int) -> dict[str, np.ndarray]:
    return evaluate_columns(spec, grid.inputs(start, stop))


def check_sweep(spec: DesignSpec, axes: Sequence[Axis], plot_field: str | None = None) -> None:
    """Refuse a table sweep of more than :data:`MAX_TABLE_DESIGNS` designs, or an unknown plot field."""
    n = Grid(tuple(axes)).size
    if n > MAX_TABLE_DESIGNS:
        raise InputError("--vary", n, "too many designs for a table (at most 5e6); use alloypore.design.sweep_summary "
                         "for streamed sweeps")
    resources.check("--vary", n, resources.designs_estimate(n))
    if plot_field is not None and plot_field not in result_columns(spec) and plot_field not in [a.field for a in axes]:
        raise InputError("--plot", plot_field, "unknown result field")


def sweep(
    spec: DesignSpec,
    axes: Sequence[Axis | str],
    *,
    chunk_size: int = DEFAULT_CHUNK,
    client=None,
) -> SweepResult:
    """Evaluate every design of the grid, chunk by chunk (locally or on a Dask client).

    Parameters
    ----------
    spec : the base design; varied fields override it.
    axes : from :func:`alloypore.design.grid.parse_vary`, or its ``FIELD=START:STOP:N`` texts
        (``["particle.porosity=0.2:0.7:26"]``, checked as ``--vary`` is).
    chunk_size : designs per chunk.
    client : a ``dask.distributed.Client`` (:func:`alloypore.parallel.open_client`); chunks
        are evaluated on its workers and gathered in order, so the table equals the local
        one exactly.
    """
    if axes and all(isinstance(a, str) for a in axes):
        axes = parse_vary(spec, list(axes))
    grid = Grid(tuple(axes))
    chunks = grid.chunks(chunk_size)
    parts = list(map_ordered(_eval_chunk, chunks, client=client, shared=(spec, grid),
                             description="sweep" if client is None else "sweep (dask)", total=len(chunks)))
    return SweepResult(spec, grid, _concat(parts), meta={"chunk_size": chunk_size, "chunks": len(chunks)})


# ---------------------------------------------------------------------------
# output


def write_sweep(result: SweepResult, out_dir: str | Path, *, plot_field: str | None = None) -> dict[str, Path]:
    """Write ``sweep.csv``, ``sweep.parquet`` (with the ``parquet`` extra) and (1 or 2 varied fields) ``sweep.png``.

    Written atomically: on error nothing appears in ``out_dir``.  Without pyarrow (the light
    core) the Parquet copy is left out; the returned mapping names what was written.
    """
    out_dir = Path(out_dir)
    names = {"csv": "sweep.csv"}
    try:
        import pyarrow  # noqa: F401  (the parquet extra; 0.3 s to import, only when a table is written)

        names["parquet"] = "sweep.parquet"
    except ImportError:
        pass
    with atomic_output_dir(out_dir) as tmp:
        df = result.to_frame()
        df.to_csv(tmp / names["csv"], index=False)
        if "parquet" in names:
            df.to_parquet(tmp / names["parquet"], index=False)
        if len(result.grid.axes) in (1, 2):

            save_figure(plot_sweep(result, plot_field), tmp / "sweep.png")
            names["plot"] = "sweep.png"
    return {k: out_dir / v for k, v in names.items()}


def plot_sweep(result: SweepResult, plot_field: str | None = None):
    """Line plots (one varied field) or a contour map (two); infeasible designs marked.

    One field: the headline outputs against it; infeasible designs are drawn as red
    crosses on a shaded band.  Two fields: filled contours of ``plot_field`` (default
    ``cell.energy_density_Wh_kg``) over the feasible designs; the infeasible region is
    hatched and its boundary drawn.
    """

    axes = result.grid.axes
    cols = result.columns
    feas = cols["feasible"]
    if len(axes) == 1:
        x = cols[axes[0].field]
        shown = [plot_field] if plot_field else list(HEADLINE)
        fig, axs = new_figure(9.0, 2.6 * ((len(shown) + 1) // 2), nrows=(len(shown) + 1) // 2, ncols=2 if len(shown) > 1 else 1)
        axs = np.atleast_1d(axs).ravel()
        for ax, name in zip(axs, shown):
            y = np.asarray(cols[name], dtype=float)
            ax.plot(x, np.where(feas, y, np.nan), "-", color="C0", label="feasible")
            ax.plot(x[~feas], y[~feas], "x", color="C3", ms=4, label="infeasible")
            if (~feas).any():
                _shade_infeasible(ax, x, feas)
            ax.set_xlabel(axes[0].field)
            ax.set_ylabel(name.split(".", 1)[1], fontsize=8)
            ax.set_title(name, fontsize=8)
        for ax in axs[len(shown):]:
            ax.set_visible(False)
        axs[0].legend(fontsize=7)
        return fig
    name = plot_field or "cell.energy_density_Wh_kg"
    nx, ny = axes[0].values.size, axes[1].values.size
    X = cols[axes[0].field].reshape(nx, ny)
    Y = cols[axes[1].field].reshape(nx, ny)
    Z = np.asarray(cols[name], dtype=float).reshape(nx, ny)
    F = feas.reshape(nx, ny)
    fig, ax = new_figure(6.5, 4.8)
    Zm = np.ma.masked_where(~F | ~np.isfinite(Z), Z)
    if Zm.count() >= 1 and nx > 1 and ny > 1:
        cs = ax.contourf(X, Y, Zm, levels=14, cmap="viridis")
        fig.colorbar(cs, ax=ax, label=name)
        if (~F).any():
            ax.contourf(X, Y, (~F).astype(float), levels=[0.5, 1.5], colors="none", hatches=["///"])
            ax.contour(X, Y, F.astype(float), levels=[0.5], colors="C3", linewidths=1.2)
    else:
        sc = ax.scatter(X[F], Y[F], c=Z[F], cmap="viridis")
        fig.colorbar(sc, ax=ax, label=name)
    ax.plot(X[~F], Y[~F], "x", color="C3", ms=3, label="infeasible")
    ax.set_xlabel(axes[0].field)
    ax.set_ylabel(axes[1].field)
    ax.set_title(f"{name}  (hatched / x: infeasible)", fontsize=9)
    ax.tick_params(axis="x", labelsize=8)
    return fig


def _shade_infeasible(ax, x, feas):
    """Shade runs of infeasible designs along x."""
    order = np.argsort(x)
    xs, fs = x[order], feas[order]
    i = 0
    while i < xs.size:
        if fs[i]:
            i += 1
            continue
        j = i
        while j + 1 < xs.size and not fs[j + 1]:
            j += 1
        lo = xs[i - 1] if i > 0 else xs[i]
        hi = xs[j + 1] if j + 1 < xs.size else xs[j]
        ax.axvspan(0.5 * (lo + xs[i]), 0.5 * (xs[j] + hi), color="C3", alpha=0.12, lw=0)
        i = j + 1
