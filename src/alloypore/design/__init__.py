"""Studies over designs: grid sweeps, optimisation, Pareto fronts, named studies, Dask scale-out.

Sits above the chain (``cell``): it calls :func:`alloypore.cell.evaluate_arrays` on
arrays of designs and never changes the physics.  See ``docs/studies.md``.

Modules: :mod:`.grid` (``--vary``/``--constraint`` parsing, complement rules),
:mod:`.sweep` (tables), :mod:`.summary` (streamed sweeps), :mod:`.objectives` (which way
is better), :mod:`.problem` / :mod:`.optimize` / :mod:`.pareto` (optimisation),
:mod:`.studies` (the named studies), :mod:`.curves` (curves the faces draw).  Work is
spread over a Dask cluster by :mod:`alloypore.parallel`.
"""

from alloypore.design.grid import (
    Axis,
    Constraint,
    Grid,
    complete_overrides,
    field_value,
    parse_bounds,
    parse_constraint,
    parse_vary,
    suggest_range,
)
from alloypore.design.objectives import Objective, direction, maximize
from alloypore.design.summary import SweepSummary, sweep_summary
from alloypore.design.sweep import (
    SweepResult,
    check_sweep,
    evaluate_columns,
    plot_sweep,
    result_columns,
    sweep,
    write_sweep,
)

__all__ = [
    "Axis",
    "Constraint",
    "Grid",
    "Objective",
    "SweepResult",
    "SweepSummary",
    "check_sweep",
    "complete_overrides",
    "direction",
    "evaluate_columns",
    "field_value",
    "maximize",
    "parse_bounds",
    "parse_constraint",
    "parse_vary",
    "plot_sweep",
    "result_columns",
    "suggest_range",
    "sweep",
    "sweep_summary",
    "write_sweep",
]
