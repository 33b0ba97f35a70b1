"""Linear solvers of the FEM problems behind one seam: ``solve_linear(K, f, solver=...)``.

A solver is a function ``(K, f, B, tol, maxiter) -> (u, name, iterations)`` registered in
:data:`LINEAR_SOLVERS`; ``solver="auto"`` picks the sparse direct solver below
:data:`DIRECT_LIMIT` unknowns and pyamg smoothed-aggregation CG above.  A new backend (another
iterative solver, a GPU one) is one function plus one entry in the registry, tested against
``"direct"`` on a case with a known answer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyamg
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import cg, spsolve

from alloypore.errors import ConvergenceError, InputError

__all__ = ["LINEAR_SOLVERS", "DIRECT_LIMIT", "solve_linear", "rigid_modes", "tie_matrix"]

DIRECT_LIMIT = 60_000  # unknowns; sparse direct below, AMG-CG above (solver="auto")


def _direct(K, f, B, tol, maxiter):
    """Sparse LU (SuperLU) - exact, memory grows fast with the unknowns (3-D Q2 fill-in)."""
    return spsolve(K.tocsc(), f), "direct", None


def _amg_cg(K, f, B, tol, maxiter):
    """CG preconditioned by pyamg smoothed aggregation, ``B`` the near-nullspace (rigid-body modes)."""
    ml = pyamg.smoothed_aggregation_solver(K.tocsr(), B=B, max_coarse=500)
    its = [0]

    def cb(_):
        its[0] += 1

    try:
        u, info = cg(K, f, rtol=tol, maxiter=maxiter, M=ml.aspreconditioner(), callback=cb)
    except TypeError:  # scipy < 1.12
        u, info = cg(K, f, tol=tol, maxiter=maxiter, M=ml.aspreconditioner(), callback=cb)
    if info != 0:
        res = float(np.linalg.norm(f - K @ u) / max(np.linalg.norm(f), 1e-300))
        raise ConvergenceError(
            f"AMG-CG did not converge in {its[0]} iterations (relative residual {res:.2e} > {tol:g}); "
            "use solver='direct' or a coarser mesh"
        )
    return u, "amg-cg", its[0]


LINEAR_SOLVERS: dict[str, Callable] = {"direct": _direct, "amg": _amg_cg}


def solve_linear(K, f, B=None, solver: str = "auto", tol: float = 1e-10, maxiter: int = 2000):
    """Solve ``K u = f`` (SPD) with a solver of :data:`LINEAR_SOLVERS` (``"auto"``: by size).

    Returns ``(u, solver_name, iterations)``; an iterative solver that does not reach ``tol`` in
    ``maxiter`` iterations raises :class:`~alloypore.errors.ConvergenceError`.
    """
    if solver == "auto":
        solver = "direct" if K.shape[0] < DIRECT_LIMIT else "amg"
    if solver not in LINEAR_SOLVERS:
        raise InputError("solver", solver, "one of auto, " + ", ".join(LINEAR_SOLVERS))
    return LINEAR_SOLVERS[solver](K, f, B, tol, maxiter)


def rigid_modes(coords: np.ndarray, dim: int) -> np.ndarray:
    """Rigid-body modes (near-nullspace) for the interleaved vector dofs at ``coords`` (dim, n)."""
    n = coords.shape[1]
    if dim == 2:
        B = np.zeros((2 * n, 3))
        B[0::2, 0] = 1
        B[1::2, 1] = 1
        B[0::2, 2] = -coords[1]
        B[1::2, 2] = coords[0]
    else:
        B = np.zeros((3 * n, 6))
        for i in range(3):
            B[i::3, i] = 1
        x, y, z = coords
        B[0::3, 3], B[1::3, 3] = -y, x
        B[1::3, 4], B[2::3, 4] = -z, y
        B[0::3, 5], B[2::3, 5] = z, -x
    return B


def tie_matrix(n: int, groups):
    """Matrix P (n x m) mapping reduced dofs to full dofs, each group of dofs sharing one unknown."""
    master = np.arange(n)
    for g in groups:
        g = np.asarray(g)
        if g.size:
            master[g] = g[0]
    uniq, col = np.unique(master, return_inverse=True)
    return csr_matrix((np.ones(n), (np.arange(n), col.ravel())), shape=(n, uniq.size))
