"""Pareto fronts of two objectives over designs (pymoo NSGA-II), constraints as ``G <= 0``.

The problem (variables, design and user constraints) is :mod:`alloypore.design.problem`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from alloypore.design.grid import Constraint
from alloypore.design.objectives import Objective
from alloypore.design.problem import ScaledProblem, check_names, design_constraints, infeasible_error, user_slacks
from alloypore.progress import bar
from alloypore.plotting import new_figure

__all__ = ["ParetoResult", "pareto", "plot_pareto"]


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
    from scipy.stats import qmc  # pymoo and scipy.stats: heavy, only when a front is asked for

    fields = list(bounds)
    check_names(spec, fields, objectives, constraints)
    slacks = design_constraints(spec, fields) + user_slacks(constraints)
    prob = ScaledProblem(spec, bounds, objectives, slacks)
    k = len(fields)

    class _P(Problem):
        def __init__(self):
            super().__init__(n_var=k, n_obj=len(objectives), n_ieq_constr=max(len(slacks), 1), xl=0.0, xu=1.0)

        def _evaluate(self, Z, out, *args, **kwargs):
            F, G, _ = prob.evaluate(Z)
            out["F"] = np.where(np.isfinite(F), -F, 1e30)
            out["G"] = -G if G.shape[1] else np.zeros((Z.shape[0], 1))

    with bar(n_gen, "NSGA-II generations") as step:  # pymoo calls back once per generation
        res = pymoo_minimize(_P(), NSGA2(pop_size=pop_size, callback=step), ("n_gen", n_gen), seed=seed, verbose=False)
    if res.X is None:
        Zs = np.atleast_2d(res.pop.get("X")) if res.pop is not None else np.full((1, k), 0.5)
        _, Gs, cs = prob.evaluate(Zs)
        viol = np.where(Gs < 0, -Gs, 0.0).sum(axis=1) if Gs.shape[1] else np.zeros(len(Zs))
        raise infeasible_error(slacks, cs, int(np.argmin(viol)), bounds)
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
