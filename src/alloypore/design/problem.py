"""An optimisation problem over designs: variables in a box, objectives, slack constraints.

The variables are numeric spec fields within bounds ``[lo, hi]``; objectives and
constraints name any column of a sweep table (inputs or results, see
:mod:`alloypore.design.sweep`).  Besides the user's constraints, every design must be
buildable ("design constraints", always on):

* the manufacturing limits of :mod:`alloypore.cell.limits` (feasible means manufacturable):
  ``electrode.porosity >= [cell] min_electrode_porosity`` (an electrolyte path between the
  particles), ``electrode.compaction_density_g_cm3 <= [cell] max_anode_compaction_density_g_cm3``
  and, where the electrolyte amount can fall below the pores (a fixed dosage, or a varied
  dosage or excess), ``cell.electrolyte_fill >= [cell] min_electrolyte_fill``;
* a cylindrical cell's charged roll fits its can: ``cell.can_gap_charged_mm >= 0``;
* ``electrode.swelling_pct <= electrode.swelling_limit_pct``;
* ``cell.anode_lithiation_charged <= 1``  (no Li plating);
* complementary mass fractions ``>= 0`` (see :mod:`alloypore.design.grid`).

A box with no feasible design is a one-line :class:`~alloypore.errors.InputError` naming the
constraint the least-violating design misses most (:func:`infeasible_error`).

All slacks are scaled by ``max(|bound|, 1)``; constraints of the form ``<`` are treated
as ``<=``.  The solvers are :mod:`alloypore.design.optimize` (one objective) and
:mod:`alloypore.design.pareto` (two).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from alloypore.cell.formats import FORMATS
from alloypore.design.grid import ELECTRODE_FRACTIONS, Constraint, field_value, parse_bounds, parse_constraint
from alloypore.design.objectives import Objective
from alloypore.design.sweep import evaluate_columns
from alloypore.errors import InputError

__all__ = [
    "OptimizationProblem",
    "ScaledProblem",
    "Slack",
    "check_names",
    "design_constraints",
    "parse_problem",
    "user_slacks",
    "infeasible_error",
]


@dataclass(frozen=True)
class OptimizationProblem:
    """What ``alloypore optimize`` was asked: 1 or 2 objectives, the box, the user constraints."""

    objectives: tuple[Objective, ...]
    bounds: dict
    constraints: tuple[Constraint, ...]


def parse_problem(spec, maximize: Sequence[str] = (), minimize: Sequence[str] = (), vary: Sequence[str] = (),
                  constraint: Sequence[str] = ()) -> OptimizationProblem:
    """Check and parse the options of ``alloypore optimize`` (one-line InputError naming the option).

    ``maximize``/``minimize`` name result or input columns (1 or 2 in all), ``vary`` the
    box (``FIELD=LO:HI``), ``constraint`` the user constraints (``FIELD<=VALUE``).
    """
    objectives = [Objective(f, True) for f in maximize] + [Objective(f, False) for f in minimize]
    if not objectives:
        raise InputError("--maximize", "(none)", "give --maximize FIELD (or --minimize FIELD)")
    if len(objectives) > 2:
        raise InputError("--maximize", len(objectives), "allowed 1 or 2 objectives")
    if len(objectives) == 2 and objectives[0].field == objectives[1].field:
        same = "--maximize" if objectives[1].maximize else "--minimize"
        raise InputError(same, objectives[1].field, "the same field twice: give two different objectives "
                         "(or one, for a single optimum)")
    bounds = parse_bounds(spec, vary)
    columns = list(evaluate_columns(spec, {f: np.array([lo]) for f, (lo, _) in bounds.items()}))
    for o in objectives:
        if o.field not in columns:
            raise InputError("--maximize" if o.maximize else "--minimize", o.field, "unknown input or result field")
    return OptimizationProblem(tuple(objectives), bounds, tuple(parse_constraint(c, columns) for c in constraint))


@dataclass(frozen=True)
class Slack:
    """A constraint as a slack function of the columns (>= 0 when honoured)."""

    name: str
    field: str
    op: str
    limit: object  # float, or a column name for the swelling limit
    design: bool = False

    def limit_value(self, cols) -> np.ndarray:
        return cols[self.limit] if isinstance(self.limit, str) else np.asarray(self.limit, dtype=float)

    def slack(self, cols) -> np.ndarray:
        v = np.asarray(cols[self.field], dtype=float)
        lim = self.limit_value(cols)
        return (lim - v) if self.op in ("<=", "<") else (v - lim)

    def scale(self, cols) -> np.ndarray:
        return np.maximum(np.abs(self.limit_value(cols)), 1.0)


def design_constraints(spec, fields: Sequence[str]) -> list[Slack]:
    """The always-on buildability constraints for a problem varying ``fields``."""
    cs = spec.cell
    out = [
        Slack(f"min_electrode_porosity: electrode.porosity>={cs.min_electrode_porosity:g}", "electrode.porosity", ">=",
              max(cs.min_electrode_porosity, 1e-6), True),
        Slack(f"max_anode_compaction_density_g_cm3: electrode.compaction_density_g_cm3<={cs.max_anode_compaction_density_g_cm3:g}",
              "electrode.compaction_density_g_cm3", "<=", cs.max_anode_compaction_density_g_cm3, True),
        Slack("electrode.swelling_pct<=electrode.swelling_limit_pct", "electrode.swelling_pct", "<=",
               "electrode.swelling_limit_pct", True),
        Slack("cell.anode_lithiation_charged<=1", "cell.anode_lithiation_charged", "<=", 1.0, True),
    ]
    dosage = cs.electrolyte_g_Ah is not None or cs.electrolyte_excess < cs.min_electrolyte_fill
    if dosage or {"cell.electrolyte_g_Ah", "cell.electrolyte_excess"} & set(fields):
        out.append(Slack(f"min_electrolyte_fill: cell.electrolyte_fill>={cs.min_electrolyte_fill:g}", "cell.electrolyte_fill",
                         ">=", cs.min_electrolyte_fill, True))
    if "cylinder_diameter_mm" in FORMATS[cs.format].fields:
        out.append(Slack("can_fit: cell.can_gap_charged_mm>=0", "cell.can_gap_charged_mm", ">=", 0.0, True))
    phase_varied = [f for f in fields if f.startswith("particle.phases.")]
    if phase_varied:
        for i in range(len(spec.particle.phases)):
            f = f"particle.phases.{i}.mass_fraction"
            if f not in fields:
                out.append(Slack(f"{f}>=0", f, ">=", 0.0, True))
    ev = [f for f in fields if f in ELECTRODE_FRACTIONS]
    if ev:
        target = "electrode.graphite_mass_fraction" if "electrode.graphite_mass_fraction" not in ev else "electrode.composite_mass_fraction"
        if target not in ev:
            out.append(Slack(f"{target}>=0", target, ">=", 0.0, True))
    return out


def infeasible_error(slacks: Sequence[Slack], cols, i: int, bounds) -> InputError:
    """The one-line error for a box without a feasible design: the constraint that design ``i``
    (the least-violating one) misses most, relative to its scale."""
    shape = np.shape(cols["feasible"])
    rel = [float(np.broadcast_to(s.slack(cols), shape)[i] / np.broadcast_to(s.scale(cols), shape)[i]) for s in slacks]
    worst = slacks[int(np.argmin(rel))] if slacks else None
    box = ", ".join(f"{f}={lo:g}:{hi:g}" for f, (lo, hi) in bounds.items())
    if worst is None:
        return InputError("--vary", box, "no feasible design found in the box")
    value = float(np.asarray(cols[worst.field], dtype=float)[i])
    return InputError(worst.name, float(f"{value:.4g}"), f"no feasible design in the box {box}: even the least-violating design "
                      f"misses this constraint; widen --vary or relax it")


def user_slacks(constraints: Sequence[Constraint]) -> list[Slack]:
    return [Slack(c.text, c.field, c.op, c.value) for c in constraints]


def check_names(spec, fields, objectives, constraints):
    cols = evaluate_columns(spec, {f: np.array([field_value(spec, f)]) for f in fields})
    for o in objectives:
        if o.field not in cols:
            raise InputError("--maximize" if o.maximize else "--minimize", o.field, "unknown input or result field")
        if cols[o.field].dtype.kind not in "fi":
            raise InputError("--maximize", o.field, "not a numeric result")
    for c in constraints:
        if c.field not in cols:
            raise InputError("--constraint", c.field, "unknown input or result field")


class ScaledProblem:
    """Vectorised evaluation of objectives and scaled slacks on unit-box coordinates."""

    def __init__(self, spec, bounds, objectives, slacks):
        self.spec = spec
        self.fields = list(bounds)
        self.lo = np.array([bounds[f][0] for f in self.fields], dtype=float)
        self.hi = np.array([bounds[f][1] for f in self.fields], dtype=float)
        self.objectives = list(objectives)
        self.slacks = list(slacks)
        self.n_eval = 0

    def x(self, z):
        return self.lo + np.clip(z, 0.0, 1.0) * (self.hi - self.lo)

    def columns(self, Z):
        X = self.x(np.atleast_2d(Z))
        self.n_eval += X.shape[0]
        return evaluate_columns(self.spec, {f: X[:, j] for j, f in enumerate(self.fields)})

    def evaluate(self, Z):
        """``(F, G, cols)``: objectives to maximise (n, n_obj), scaled slacks (n, n_con)."""
        cols = self.columns(Z)
        F = np.column_stack([np.asarray(cols[o.field], float) * (1 if o.maximize else -1) for o in self.objectives])
        if self.slacks:
            G = np.column_stack([s.slack(cols) / s.scale(cols) for s in self.slacks])
        else:
            G = np.zeros((F.shape[0], 0))
        bad = ~np.isfinite(F).all(axis=1) | ~cols["valid"]
        F[bad] = -np.inf
        G = np.where(np.isfinite(G), G, -1.0)
        return F, G, cols
