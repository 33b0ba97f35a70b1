"""Best design under constraints: a Sobol start refined by SLSQP (scipy).

A scrambled Sobol sample of the box (vectorised chain, thousands of designs in one
call) picks the best feasible start, then SLSQP refines it with central-difference
gradients (each gradient is one vectorised call of ``2k + 1`` designs).  The problem
(variables, always-on design constraints, user constraints, slack scaling) is
:mod:`alloypore.design.problem`; two objectives go to :mod:`alloypore.design.pareto`
(:func:`solve` picks).

Limitations: SLSQP finds a local optimum; the Sobol start makes the global one likely
for the smooth, low-dimensional problems of the chain but does not guarantee it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from alloypore._io import atomic_output_dir
from alloypore._json import to_jsonable
from alloypore.errors import check_range
from alloypore.provenance import with_provenance
from alloypore.design.grid import Constraint
from alloypore.design.objectives import Objective
from alloypore.design.pareto import ParetoResult, pareto, plot_pareto
from alloypore.design.problem import (
    OptimizationProblem,
    ScaledProblem,
    check_names,
    design_constraints,
    infeasible_error,
    parse_problem,
    user_slacks,
)
from alloypore.plotting import save_figure

__all__ = [
    "Objective",
    "OptimizationProblem",
    "OptimumResult",
    "ParetoResult",
    "parse_problem",
    "solve",
    "write_result",
    "optimize",
    "pareto",
    "design_constraints",
    "plot_pareto",
]


def solve(spec, problem: OptimizationProblem, *, seed: int = 0) -> "OptimumResult | ParetoResult":
    """One objective: :func:`optimize`; two: :func:`pareto` (both refuse a box without a feasible design)."""
    check_range("seed", seed, 0, 2**32 - 1)  # numpy's seed range (a negative seed was a ValueError)
    if len(problem.objectives) == 1:
        return optimize(spec, problem.objectives[0], problem.bounds, problem.constraints, seed=seed)
    return pareto(spec, problem.objectives, problem.bounds, problem.constraints, seed=seed)


def write_result(result: "OptimumResult | ParetoResult", out_dir: str | Path) -> dict[str, str]:
    """Write ``optimum.json`` (one objective) or ``pareto.csv`` + ``pareto.png`` (two), atomically.

    Returns the paths written, by kind (``json``; ``csv`` and ``plot``).
    """
    out = Path(out_dir)
    with atomic_output_dir(out) as tmp:
        if isinstance(result, OptimumResult):
            (tmp / "optimum.json").write_text(json.dumps(with_provenance(to_jsonable(result.to_dict())), indent=2))
            return {"json": str(out / "optimum.json")}
        import pandas as pd  # heavy; only for the CSV


        pd.DataFrame(result.front).to_csv(tmp / "pareto.csv", index=False)
        save_figure(plot_pareto(result), tmp / "pareto.png")
    return {"csv": str(out / "pareto.csv"), "plot": str(out / "pareto.png")}


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

    Raises
    ------
    InputError
        No design in the box meets every constraint (the design constraints include the
        manufacturing limits): one line naming the constraint the least-violating design misses most.
    """
    from scipy.optimize import minimize  # scipy.optimize: 0.3 s to import, only when optimising

    fields = list(bounds)
    check_names(spec, fields, [objective], constraints)
    slacks = design_constraints(spec, fields) + user_slacks(constraints)
    prob = ScaledProblem(spec, bounds, [objective], slacks)
    z0, f0 = _sobol_start(prob, n_samples, seed)
    fd = _FiniteDifferences(prob, max(abs(f0), 1e-12) if np.isfinite(f0) else 1.0)
    cons = [{"type": "ineq", "fun": fd.slacks, "jac": fd.slack_gradient}] if slacks else []
    res = minimize(fd.neg_objective, z0, jac=fd.neg_gradient, bounds=[(0.0, 1.0)] * len(fields),
                   constraints=cons, method="SLSQP", options={"ftol": tol, "maxiter": 300})
    return _optimum(prob, objective, slacks, [np.clip(res.x, 0.0, 1.0), z0], str(res.message))


def _sobol_start(prob: "ScaledProblem", n_samples: int | None, seed: int) -> tuple[np.ndarray, float]:
    """Best feasible point of a scrambled Sobol sample (plus centre and corners) and its objective.

    With no feasible point, the least violating one.
    """
    from scipy.stats import qmc  # part of scipy.stats (0.7 s), only when optimising

    k = len(prob.fields)
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
    return Z[i0], float(f[i0])


class _FiniteDifferences:
    """Objective, slacks and their central-difference gradients at one point, from ONE
    vectorised call of ``2k + 1`` designs (cached for the point SLSQP asks about next)."""

    h = 1e-7

    def __init__(self, prob: "ScaledProblem", fscale: float):
        self.prob, self.fscale = prob, fscale
        self._key, self._val = None, None

    def _at(self, z):
        key = z.tobytes()
        if key == self._key:
            return self._val
        k = z.size
        pts, steps = [z], []
        for j in range(k):
            zp, zm = z.copy(), z.copy()
            zp[j] = min(z[j] + self.h, 1.0)
            zm[j] = max(z[j] - self.h, 0.0)
            pts += [zp, zm]
            steps.append(zp[j] - zm[j])
        Fp, Gp, _ = self.prob.evaluate(np.array(pts))
        fv = np.where(np.isfinite(Fp[:, 0]), Fp[:, 0], -1e30) / self.fscale
        gf = np.array([(fv[1 + 2 * j] - fv[2 + 2 * j]) / steps[j] for j in range(k)])
        gg = np.array([(Gp[1 + 2 * j] - Gp[2 + 2 * j]) / steps[j] for j in range(k)]).T if Gp.shape[1] else np.zeros((0, k))
        self._key, self._val = key, (fv[0], gf, Gp[0], gg)
        return self._val

    def neg_objective(self, z):
        return -self._at(z)[0]

    def neg_gradient(self, z):
        return -self._at(z)[1]

    def slacks(self, z):
        return self._at(z)[2]

    def slack_gradient(self, z):
        return self._at(z)[3]


def _optimum(prob: "ScaledProblem", objective: Objective, slacks, candidates, slsqp_message: str) -> OptimumResult:
    """The refined point if it is feasible and no worse than the start, else the start."""
    Fc, Gc, cols = prob.evaluate(np.array(candidates))
    feas_tol = 1e-9
    okc = (Gc >= -feas_tol).all(axis=1) & np.isfinite(Fc[:, 0]) if Gc.shape[1] else np.isfinite(Fc[:, 0])
    if okc[0] and (not okc[1] or Fc[0, 0] >= Fc[1, 0]):
        i, msg = 0, f"SLSQP: {slsqp_message}"
    elif okc[1]:
        i, msg = 1, f"SLSQP did not improve the best sampled design ({slsqp_message}); best sample returned"
    else:
        raise infeasible_error(slacks, cols, 1, dict(zip(prob.fields, zip(prob.lo, prob.hi))))
    xs = prob.x(np.array(candidates[i]))
    row = {key: (v[i].item() if hasattr(v[i], "item") else v[i]) for key, v in cols.items()}
    active = []
    for j, fname in enumerate(prob.fields):
        if abs(xs[j] - prob.lo[j]) <= 1e-9 * max(1.0, abs(prob.lo[j])):
            active.append(f"{fname}=lo")
        elif abs(xs[j] - prob.hi[j]) <= 1e-9 * max(1.0, abs(prob.hi[j])):
            active.append(f"{fname}=hi")
    return OptimumResult(
        objective=objective,
        x={f: float(v) for f, v in zip(prob.fields, xs)},
        value=float(np.asarray(cols[objective.field], float)[i]),
        row=row,
        constraints=_constraint_report(slacks, cols, i),
        bounds_active=active,
        success=bool(okc[i]),
        message=msg,
        n_evaluations=prob.n_eval,
    )
