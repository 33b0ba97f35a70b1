"""The solver seam: backend name -> ``solve(problem, *, rtol, ftol, max_iter, **options) -> Solution``.

A backend is one module with a ``solve`` function over a
:class:`~alloypore.imaging.tortuosity.problem.DiffusionProblem` that returns a
:class:`~alloypore.imaging.tortuosity.problem.Solution` (the concentration on the
domain, the iterations, whether its stopping rule was met), plus one line in
:data:`SOLVERS`.  Set-up and post-processing are shared, so every backend reports the
same quantities; a backend is tested against the default on a case with a known answer.
"""

from __future__ import annotations

from collections.abc import Callable

from alloypore.errors import InputError

from . import amg, multigrid
from .problem import Solution

__all__ = ["SOLVERS", "DEFAULT_SOLVER", "get_solver"]

SOLVERS: dict[str, Callable[..., Solution]] = {
    "multigrid": multigrid.solve,  # matrix-free geometric-multigrid CG, numba (default)
    "pyamg": amg.solve,  # assembled matrix, pyamg smoothed-aggregation CG (reference / small volumes)
}

DEFAULT_SOLVER = "multigrid"


def get_solver(name: str) -> Callable[..., Solution]:
    """The backend registered as ``name`` (one-line error naming the known ones)."""
    try:
        return SOLVERS[name]
    except (KeyError, TypeError):
        raise InputError("solver", name, f"one of {', '.join(SOLVERS)}") from None
