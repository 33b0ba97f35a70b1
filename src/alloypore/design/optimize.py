"""Best design under constraints (scipy) and Pareto fronts of two objectives (pymoo).

The variables are numeric spec fields within bounds ``[lo, hi]``; objectives and
constraints name any column of a sweep table (inputs or results, see
:mod:`alloypore.design.sweep`).  Besides the user's constraints, every design must be
buildable ("design constraints", always on):

* ``electrode.porosity >= 1e-6``  (interparticle pores left after compaction; the chain
  calls a design feasible when this porosity is > 0);
* ``electrode.swelling_pct <= electrode.swelling_limit_pct``;
* ``cell.anode_lithiation_charged <= 1``  (no Li plating);
* complementary mass fractions ``>= 0`` (see :mod:`alloypore.design.grid`).

One objective: a scrambled Sobol sample of the box (vectorised chain, thousands of
designs in one call) picks the best feasible start, then SLSQP refines it with
central-difference gradients (each gradient is one vectorised call of ``2k + 1``
designs).  All slacks are scaled by ``max(|bound|, 1)``.  Two objectives: NSGA-II
(pymoo) with the same constraints as ``G <= 0``.

Limitations: SLSQP finds a local optimum; the Sobol start makes the global one likely
for the smooth, low-dimensional problems of the chain but does not guarantee it.
Constraints of the form ``<`` are treated as ``<=``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from alloypore.design.grid import ELECTRODE_FRACTIONS, Constraint
from alloypore.design.sweep import evaluate_columns
from alloypore.errors import InputError

__all__ = ["Objective", "OptimumResult", "ParetoResult", "optimize", "pareto", "design_constraints", "plot_pareto"]


@dataclass(frozen=True)
class Objective:
    field: str
    maximize: bool = True

    @property
    def text(self) -> str:
        return f"{'max' if self.maximize else 'min'} {self.field}"


@dataclass(frozen=True)
class _Slack:
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


def design_constraints(spec, fields: Sequence[str]) -> list[_Slack]:
    """The always-on buildability constraints for a problem varying ``fields``."""
    out = [
        _Slack("electrode.porosity>=1e-6", "electrode.porosity", ">=", 1e-6, True),
        _Slack("electrode.swelling_pct<=electrode.swelling_limit_pct", "electrode.swelling_pct", "<=",
               "electrode.swelling_limit_pct", True),
        _Slack("cell.anode_lithiation_charged<=1", "cell.anode_lithiation_charged", "<=", 1.0, True),
    ]
    phase_varied = [f for f in fields if f.startswith("particle.phases.")]
    if phase_varied:
        for i in range(len(spec.particle.phases)):
            f = f"particle.phases.{i}.mass_fraction"
            if f not in fields:
                out.append(_Slack(f"{f}>=0", f, ">=", 0.0, True))
    ev = [f for f in fields if f in ELECTRODE_FRACTIONS]
    if ev:
        target = "electrode.graphite_mass_fraction" if "electrode.graphite_mass_fraction" not in ev else "electrode.composite_mass_fraction"
        if target not in ev:
            out.append(_Slack(f"{target}>=0", target, ">=", 0.0, True))
    return out


def _user_slacks(constraints: Sequence[Constraint]) -> list[_Slack]:
    return [_Slack(c.text, c.field, c.op, c.value) for c in constraints]


def _check_names(spec, fields, objectives, constraints):
    cols = evaluate_columns(spec, {f: np.array([getattr_field(spec, f)]) for f in fields})
    for o in objectives:
        if o.field not in cols:
            raise InputError("--maximize" if o.maximize else "--minimize", o.field, "unknown input or result field")
        if cols[o.field].dtype.kind not in "fi":
            raise InputError("--maximize", o.field, "not a numeric result")
    for c in constraints:
        if c.field not in cols:
            raise InputError("--constraint", c.field, "unknown input or result field")


def getattr_field(spec, name: str) -> float:
    """Value of a dotted numeric field in ``spec`` (None -> nan)."""
    parts = name.split(".")
    if parts[:2] == ["particle", "phases"]:
        return float(spec.particle.phases[int(parts[2])].mass_fraction)
    v = getattr(getattr(spec, parts[0]), parts[1])
    return float("nan") if v is None else float(v)


class _Problem:
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


@dataclass
class OptimumResult:
    """The best design found, with every constraint's value, bound and slack."""

    objective: Objective
    x: dict
    value: float
    row: dict
    constraints: list[dict]
    bounds_active: list[str]
    success: bool
    message: str
    n_evaluations: int
    method: str = "sobol + SLSQP"

    @property
    def binding(self) -> list[str]:
        return [c["constraint"] for c in self.constraints if c["binding"]]

    def to_dict(self) -> dict:
        return {
            "objective": self.objective.field,
            "sense": "maximize" if self.objective.maximize else "minimize",
            "value": self.value,
            "x": self.x,
            "feasible": self.success,
            "binding": self.binding,
            "constraints": self.constraints,
            "bounds_active": self.bounds_active,
            "message": self.message,
            "n_evaluations": self.n_evaluations,
            "method": self.method,
            "design": self.row,
        }


def _constraint_report(slacks, cols, i, tol=1e-6) -> list[dict]:
    out = []
    for s in slacks:
        value = float(np.asarray(cols[s.field], float)[i])
        limit = float(np.broadcast_to(s.limit_value(cols), cols["feasible"].shape)[i])
        slack = float(np.broadcast_to(s.slack(cols), cols["feasible"].shape)[i])
        scale = max(abs(limit), 1.0)
        out.append({
            "constraint": s.name,
            "field": s.field,
            "op": s.op,
            "value": value,
            "limit": limit,
            "slack": slack,
            "binding": abs(slack) <= tol * scale,
            "honoured": slack >= -tol * scale,
            "design": s.design,
        })
    return out


def optimize(
    spec,
    objective: Objective,
    bounds: dict[str, tuple[float, float]],
    constraints: Sequence[Constraint] = (),
    *,
    n_samples: int | None = None,
    seed: int = 0,
    tol: float = 1e-12,
) -> OptimumResult:
    """Maximise (or minimise) one column over the box ``bounds`` under constraints.

    Parameters
    ----------
    spec : base design; the fields in ``bounds`` vary, the rest stay.
    objective : the column to optimise.
    bounds : ``{field: (lo, hi)}`` from :func:`alloypore.design.grid.parse_bounds`.
    constraints : user constraints (:func:`alloypore.design.grid.parse_constraint`).
    n_samples : size of the Sobol start sample (default ``max(1024, 512 k)``, <= 16384).
    """
    from scipy.optimize import minimize
    from scipy.stats import qmc

    fields = list(bounds)
    _check_names(spec, fields, [objective], constraints)
    slacks = design_constraints(spec, fields) + _user_slacks(constraints)
    prob = _Problem(spec, bounds, [objective], slacks)
    k = len(fields)
    n = n_samples or int(min(16384, max(1024, 512 * k)))
    m = int(np.ceil(np.log2(n)))
    Z = qmc.Sobol(d=k, scramble=True, seed=seed).random_base2(m)
    Z = np.vstack([Z, np.full((1, k), 0.5), np.zeros((1, k)), np.ones((1, k))])
    F, G, _ = prob.evaluate(Z)
    f = F[:, 0]
    viol = np.where(G < 0, -G, 0.0).sum(axis=1) if G.shape[1] else np.zeros(len(f))
    ok = (viol == 0) & np.isfinite(f)
    if ok.any():
        i0 = int(np.argmax(np.where(ok, f, -np.inf)))
    else:
        i0 = int(np.argmin(np.where(np.isfinite(f), viol, np.inf)))
    z0 = Z[i0]
    fscale = max(abs(f[i0]), 1e-12) if np.isfinite(f[i0]) else 1.0

    cache: dict = {}
    h = 1e-7

    def fd(z):
        key = z.tobytes()
        if key in cache:
            return cache[key]
        pts = [z]
        steps = []
        for j in range(k):
            zp, zm = z.copy(), z.copy()
            zp[j] = min(z[j] + h, 1.0)
            zm[j] = max(z[j] - h, 0.0)
            pts += [zp, zm]
            steps.append(zp[j] - zm[j])
        Fp, Gp, _ = prob.evaluate(np.array(pts))
        fv = np.where(np.isfinite(Fp[:, 0]), Fp[:, 0], -1e30) / fscale
        gf = np.array([(fv[1 + 2 * j] - fv[2 + 2 * j]) / steps[j] for j in range(k)])
        gg = np.array([(Gp[1 + 2 * j] - Gp[2 + 2 * j]) / steps[j] for j in range(k)]).T if Gp.shape[1] else np.zeros((0, k))
        cache.clear()
        cache[key] = (fv[0], gf, Gp[0], gg)
        return cache[key]

    cons = []
    if slacks:
        cons = [{"type": "ineq", "fun": lambda z: fd(z)[2], "jac": lambda z: fd(z)[3]}]
    res = minimize(
        lambda z: -fd(z)[0],
        z0,
        jac=lambda z: -fd(z)[1],
        bounds=[(0.0, 1.0)] * k,
        constraints=cons,
        method="SLSQP",
        options={"ftol": tol, "maxiter": 300},
    )
    candidates = [np.clip(res.x, 0.0, 1.0), z0]
    Fc, Gc, cols = prob.evaluate(np.array(candidates))
    feas_tol = 1e-9
    okc = (Gc >= -feas_tol).all(axis=1) & np.isfinite(Fc[:, 0]) if Gc.shape[1] else np.isfinite(Fc[:, 0])
    if okc[0] and (not okc[1] or Fc[0, 0] >= Fc[1, 0]):
        i, msg = 0, f"SLSQP: {res.message}"
    elif okc[1]:
        i, msg = 1, f"SLSQP did not improve the best sampled design ({res.message}); best sample returned"
    else:
        i, msg = 0, "no feasible design found in the box"
    xs = prob.x(np.array(candidates[i]))
    row = {key: (v[i].item() if hasattr(v[i], "item") else v[i]) for key, v in cols.items()}
    active = []
    for j, fname in enumerate(fields):
        if abs(xs[j] - prob.lo[j]) <= 1e-9 * max(1.0, abs(prob.lo[j])):
            active.append(f"{fname}=lo")
        elif abs(xs[j] - prob.hi[j]) <= 1e-9 * max(1.0, abs(prob.hi[j])):
            active.append(f"{fname}=hi")
    return OptimumResult(
        objective=objective,
        x={f: float(v) for f, v in zip(fields, xs)},
        value=float(np.asarray(cols[objective.field], float)[i]),
        row=row,
        constraints=_constraint_report(slacks, cols, i),
        bounds_active=active,
        success=bool(okc[i]),
        message=msg,
        n_evaluations=prob.n_eval,
    )


@dataclass
class ParetoResult:
    """Non-dominated feasible designs of a two-objective problem (sorted by the first)."""

    objectives: list[Objective]
    fields: list[str]
    front: dict  # column -> array over front points
    cloud: dict = field(default_factory=dict)  # objective columns of a feasible sample (for plots)
    n_evaluations: int = 0
    method: str = "NSGA-II (pymoo)"

    def to_dict(self) -> dict:
        keep = self.fields + [o.field for o in self.objectives]
        return {
            "objectives": [o.text for o in self.objectives],
            "method": self.method,
            "n_points": int(len(self.front[self.objectives[0].field])),
            "n_evaluations": self.n_evaluations,
            "front": [
                {k: float(self.front[k][i]) for k in keep} for i in range(len(self.front[self.objectives[0].field]))
            ],
        }


def pareto(
    spec,
    objectives: Sequence[Objective],
    bounds: dict[str, tuple[float, float]],
    constraints: Sequence[Constraint] = (),
    *,
    pop_size: int = 60,
    n_gen: int = 80,
    seed: int = 0,
) -> ParetoResult:
    """Pareto front of two (or more) objectives with NSGA-II, constraints as ``G <= 0``."""
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.core.problem import Problem
    from pymoo.optimize import minimize as pymoo_minimize
    from scipy.stats import qmc

    fields = list(bounds)
    _check_names(spec, fields, objectives, constraints)
    slacks = design_constraints(spec, fields) + _user_slacks(constraints)
    prob = _Problem(spec, bounds, objectives, slacks)
    k = len(fields)

    class _P(Problem):
        def __init__(self):
            super().__init__(n_var=k, n_obj=len(objectives), n_ieq_constr=max(len(slacks), 1), xl=0.0, xu=1.0)

        def _evaluate(self, Z, out, *args, **kwargs):
            F, G, _ = prob.evaluate(Z)
            out["F"] = np.where(np.isfinite(F), -F, 1e30)
            out["G"] = -G if G.shape[1] else np.zeros((Z.shape[0], 1))

    res = pymoo_minimize(_P(), NSGA2(pop_size=pop_size), ("n_gen", n_gen), seed=seed, verbose=False)
    if res.X is None:
        raise InputError("--constraint", ", ".join(s.name for s in slacks if not s.design) or "(design)",
                         "no feasible design found in the box")
    Zf = np.atleast_2d(res.X)
    cols = prob.columns(Zf)
    order = np.argsort(np.asarray(cols[objectives[0].field], float))
    front = {key: np.asarray(v)[order] for key, v in cols.items()}
    Zs = qmc.Sobol(d=k, scramble=True, seed=seed).random_base2(10)
    Fs, Gs, cs = prob.evaluate(Zs)
    okc = (Gs >= 0).all(axis=1) & np.isfinite(Fs).all(axis=1)
    cloud = {o.field: np.asarray(cs[o.field], float)[okc] for o in objectives}
    return ParetoResult(list(objectives), fields, front, cloud, prob.n_eval)


def plot_pareto(result: ParetoResult):
    """Feasible sample (grey) and the Pareto front (line) of the first two objectives."""
    from alloypore.plotting import new_figure

    a, b = result.objectives[0].field, result.objectives[1].field
    fig, ax = new_figure(6.0, 4.5)
    if result.cloud:
        ax.scatter(result.cloud[a], result.cloud[b], s=4, color="0.75", label="feasible sample")
    ax.plot(result.front[a], result.front[b], "o-", color="C0", ms=4, label="Pareto front (NSGA-II)")
    ax.set_xlabel(a)
    ax.set_ylabel(b)
    ax.legend(fontsize=8)
    ax.set_title("Pareto front: " + " vs ".join(o.text for o in result.objectives), fontsize=9)
    return fig
