"""Streamed sweeps: reductions of very large grids without keeping the table.

Chunks are described by ``(start, stop)`` flat design indices; each chunk rebuilds its
inputs from the :class:`~alloypore.design.grid.Grid` (a few small arrays), so the inputs
of a 1e8-design sweep are never held anywhere.  Chunks run in this process or on a Dask
cluster through the one parallel runtime (:func:`alloypore.parallel.map_ordered`, with a
bounded number in flight) and are reduced in order, hence a distributed summary equals
the local one exactly.

:func:`sweep_summary` keeps per column min/max over feasible designs, a histogram on
fixed bins, the feasible count and the best feasible design for each objective (in the
better direction of :mod:`alloypore.design.objectives`); optionally it appends every
chunk to a Parquet file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from alloypore.design.grid import Grid
from alloypore.design.objectives import maximize
from alloypore.design.sweep import evaluate_columns
from alloypore.errors import InputError
from alloypore.parallel import map_ordered

__all__ = ["sweep_summary", "SweepSummary"]


@dataclass
class SweepSummary:
    """Streamed reductions of a sweep (no table kept)."""

    n_designs: int = 0
    n_feasible: int = 0
    minimum: dict = field(default_factory=dict)  # over feasible designs
    maximum: dict = field(default_factory=dict)
    histogram: dict = field(default_factory=dict)  # column -> (edges, counts)
    best: dict = field(default_factory=dict)  # objective -> {"value", "index", "row"}
    parquet: str | None = None

    def to_dict(self) -> dict:
        return {
            "n_designs": self.n_designs,
            "n_feasible": self.n_feasible,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "histogram": {k: {"edges": e.tolist(), "counts": c.tolist()} for k, (e, c) in self.histogram.items()},
            "best": self.best,
            "parquet": self.parquet,
        }


@dataclass(frozen=True, eq=False)
class _Reduction:
    """What every chunk reduces to (sent to each worker once)."""

    objectives: tuple[str, ...]
    bins: dict
    write_cols: tuple[str, ...] | None


def _reduce_chunk(spec, grid, red: _Reduction, start: int, stop: int) -> dict:
    cols = evaluate_columns(spec, grid.inputs(start, stop))
    feas = cols["feasible"]
    part = {"n": stop - start, "feasible": int(feas.sum()), "min": {}, "max": {}, "hist": {}, "best": {}}
    for name, edges in red.bins.items():
        v = np.asarray(cols[name], dtype=float)[feas]
        v = v[np.isfinite(v)]
        if v.size:
            part["min"][name] = float(v.min())
            part["max"][name] = float(v.max())
        part["hist"][name] = np.histogram(np.clip(v, edges[0], edges[-1]), bins=edges)[0]
    for name in red.objectives:
        sign = 1.0 if maximize(name) else -1.0
        v = np.where(feas, sign * np.asarray(cols[name], dtype=float), np.nan)
        if np.isfinite(v).any():
            i = int(np.nanargmax(v))
            part["best"][name] = {
                "value": float(sign * v[i]),
                "index": start + i,
                "row": {k: (a[i].item()) for k, a in cols.items()},
            }
    if red.write_cols is not None:
        part["table"] = {k: cols[k] for k in red.write_cols}
    return part


def _bins(spec, grid: Grid, objectives, columns, n_bins: int) -> tuple[dict, list[str]]:
    """Histogram edges per column (the feasible range on a pilot of up to 4096 designs, +10 %)
    and the names of every column of the table."""
    pilot_idx = np.unique(np.linspace(0, grid.size - 1, min(grid.size, 4096)).astype(np.int64))
    multi = np.unravel_index(pilot_idx, grid.shape)
    pilot = evaluate_columns(spec, {a.field: a.values[m] for a, m in zip(grid.axes, multi)})
    names = list(columns) if columns is not None else [k for k, v in pilot.items() if v.dtype.kind == "f"]
    for name in list(objectives) + names:
        if name not in pilot:
            raise InputError("--maximize", name, "unknown result field")
    bins = {}
    for name in names:
        v = pilot[name][pilot["feasible"]] if pilot["feasible"].any() else pilot[name]
        v = v[np.isfinite(v)]
        lo, hi = (float(v.min()), float(v.max())) if v.size else (0.0, 1.0)
        pad = 0.1 * (hi - lo) if hi > lo else max(abs(lo), 1.0) * 0.1
        bins[name] = np.linspace(lo - pad, hi + pad, n_bins + 1)
    return bins, list(pilot)


def _better(name: str, new: float, old: float) -> bool:
    return new > old if maximize(name) else new < old


def _accumulate(summary: "SweepSummary", part: dict) -> None:
    summary.n_designs += part["n"]
    summary.n_feasible += part["feasible"]
    for k, v in part["min"].items():
        summary.minimum[k] = min(summary.minimum.get(k, np.inf), v)
    for k, v in part["max"].items():
        summary.maximum[k] = max(summary.maximum.get(k, -np.inf), v)
    for k, c in part["hist"].items():
        summary.histogram[k][1][:] += c
    for k, b in part["best"].items():
        if k not in summary.best or _better(k, b["value"], summary.best[k]["value"]):
            summary.best[k] = b


def sweep_summary(
    spec,
    axes,
    *,
    objectives: Sequence[str] = ("cell.energy_density_Wh_kg",),
    columns: Sequence[str] | None = None,
    n_bins: int = 50,
    chunk_size: int = 1 << 18,
    client=None,
    parquet_path: str | Path | None = None,
    max_in_flight: int = 8,
) -> SweepSummary:
    """Stream every design of the grid; keep only reductions (and optional Parquet).

    Histogram bins span each column's feasible range found on a pilot of up to 4096
    designs spread over the grid (widened by 10 %); values outside fall in the end bins.
    ``client`` is a ``dask.distributed.Client`` (:func:`alloypore.parallel.open_client`)
    or None; ``max_in_flight`` bounds the chunks submitted to a cluster at once, so
    memory stays at a few chunks whatever the grid size.  The best design of an
    objective is the largest feasible value, or the smallest where lower is better
    (:func:`alloypore.design.objectives.maximize`).
    """
    grid = Grid(tuple(axes))
    bins, all_columns = _bins(spec, grid, objectives, columns, n_bins)
    red = _Reduction(tuple(objectives), bins, tuple(all_columns) if parquet_path is not None else None)
    summary = SweepSummary(histogram={k: (e, np.zeros(n_bins, dtype=np.int64)) for k, e in bins.items()})
    chunks = grid.chunks(chunk_size)
    writer = None
    try:
        for part in map_ordered(_reduce_chunk, chunks, client=client, shared=(spec, grid, red),
                                description="sweep (streamed)", total=len(chunks), max_in_flight=max_in_flight):
            _accumulate(summary, part)
            if red.write_cols is not None:
                writer = _write_part(writer, parquet_path, part["table"])
    finally:
        if writer is not None:
            writer.close()
    summary.parquet = None if parquet_path is None else str(parquet_path)
    return summary


def _write_part(writer, path, table: dict):
    """Append one chunk's columns to the Parquet file (opened on the first chunk)."""
    import pyarrow as pa  # optional heavy dependency, only for a Parquet output
    import pyarrow.parquet as pq

    t = pa.table(table)
    if writer is None:
        writer = pq.ParquetWriter(str(path), t.schema)
    writer.write_table(t)
    return writer
