"""Studies over designs: grid sweeps, optimisation, Pareto fronts, named studies, Dask scale-out.

Sits above the chain (``cell``): it calls :func:`alloypore.cell.evaluate_arrays` on
arrays of designs and never changes the physics.  See ``docs/studies.md``.
"""

from alloypore.design.grid import (
    Axis,
    Constraint,
    Grid,
    complete_overrides,
    parse_bounds,
    parse_constraint,
    parse_vary,
)
from alloypore.design.sweep import SweepResult, evaluate_columns, plot_sweep, result_columns, sweep, write_sweep

__all__ = [
    "Axis",
    "Constraint",
    "Grid",
    "SweepResult",
    "complete_overrides",
    "evaluate_columns",
    "parse_bounds",
    "parse_constraint",
    "parse_vary",
    "plot_sweep",
    "result_columns",
    "sweep",
    "write_sweep",
]
