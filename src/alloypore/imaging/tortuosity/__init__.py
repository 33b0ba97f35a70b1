"""Tortuosity factor by steady-state diffusion on the pore voxels.

Three steps, one module each:

* :mod:`.problem` -- set-up: the percolating cluster, the boundary convention (``bc``),
  the linear problem (:class:`~.problem.DiffusionProblem`);
* :mod:`.solvers` -- the seam: ``solver="multigrid"`` (default, :mod:`.multigrid` with its
  numba kernels in :mod:`.mg_kernels`) or ``"pyamg"`` (:mod:`.amg`); a new backend is one
  module plus one line in :data:`~.solvers.SOLVERS`;
* :mod:`.result` -- post-processing: fluxes -> D_eff / D_bulk, τ, formation factor.

References
----------
S. J. Cooper et al., TauFactor, SoftwareX 5 (2016) 203.
J. Gostick et al., PoreSpy, JOSS 4 (2019) 1296 (``tortuosity_fd``).
"""

from __future__ import annotations

import os

import numpy as np

from alloypore.errors import ConvergenceError, InputError
from alloypore.parallel import map_ordered, open_client
from alloypore.progress import progress

from .problem import DiffusionProblem, percolating_cluster, set_up
from .result import TortuosityResult, summarise
from .solvers import DEFAULT_SOLVER, SOLVERS, get_solver

__all__ = [
    "TortuosityResult",
    "DiffusionProblem",
    "SOLVERS",
    "tortuosity",
    "tortuosity_raw",
    "tortuosity_many",
    "percolating_cluster",
]


def tortuosity_raw(
    pore: np.ndarray,
    axis: int = 0,
    *,
    bc: str = "faces",
    ftol: float = 1e-4,
    rtol: float = 1e-6,
    max_iter: int = 500,
    solver: str = DEFAULT_SOLVER,
    return_concentration: bool = False,
    **solver_options,
) -> TortuosityResult:
    """Tortuosity factor of the pore space (bool, True = pore) along ``axis``.

    Parameters
    ----------
    pore : ndarray of bool
        True on pore voxels.
    axis : int
        0, 1 or 2 (z, y, x of a (z, y, x) volume).
    bc : {"faces", "voxel-centres"}
        Where c is fixed and which porosity enters τ (:mod:`.problem`, :mod:`.result`).
    ftol, rtol : float
        Flux balance (|J_in - J_out| / max) and relative residual tolerances.
    max_iter : int
        Iteration limit of the solver.
    solver : str
        A backend of :data:`~.solvers.SOLVERS`; ``solver_options`` go to it (the
        multigrid one takes ``nu`` and ``alpha``).

    Raises
    ------
    InputError
        No pore cluster spans the volume along ``axis``, or a bad argument.
    ConvergenceError
        The solver did not meet both tolerances within ``max_iter`` iterations.
    """
    solve = get_solver(solver)
    problem = set_up(pore, axis, bc)
    sol = solve(problem, rtol=rtol, ftol=ftol, max_iter=max_iter, **solver_options)
    res = summarise(problem, sol, return_concentration=return_concentration)
    if not sol.converged:
        raise ConvergenceError(
            f"tortuosity along {'zyx'[axis]}: the {solver} solver did not converge in max_iter = {max_iter} "
            f"iterations (flux mismatch {res.flux_mismatch:.2e}, ftol {ftol:g}); raise max_iter or loosen ftol / rtol"
        )
    return res


def _axes(axis) -> list[int]:
    named = {"z": 0, "y": 1, "x": 2}
    if axis == "all":
        return [0, 1, 2]
    if axis in named:
        return [named[axis]]
    if axis in (0, 1, 2):
        return [int(axis)]
    raise InputError("axis", axis, "x, y, z or all")


def _pore_of(phases: np.ndarray) -> np.ndarray:
    pore = np.asarray(phases) == 0
    if not pore.any():
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    return pore


def tortuosity(phases: np.ndarray, axis="all", *, parallel: bool = False, workers: int | None = None,
               scheduler=None, **kw) -> dict[str, TortuosityResult]:
    """Tortuosity of the pore phase (phase 0) along ``axis`` ("z", "y", "x", 0-2, or "all").

    The axes are solved one after the other, or as parallel tasks (:func:`tortuosity_many`)
    with ``parallel`` or a ``workers`` / ``scheduler``; ``kw`` go to :func:`tortuosity_raw`.
    """
    sel = _axes(axis)
    pore = _pore_of(phases)
    if parallel or workers is not None or scheduler is not None:
        return tortuosity_many([pore], sel, workers=workers, scheduler=scheduler, **kw)[0]
    return {"zyx"[a]: tortuosity_raw(pore, a, **kw) for a in progress(sel, "tortuosity", total=len(sel))}


def _solve_task(pore, axis, kw):
    return tortuosity_raw(pore, axis, **kw)


def tortuosity_many(volumes, axes=(0, 1, 2), *, scheduler=None, workers=None, **kw) -> list[dict]:
    """Tortuosity of several pore volumes (bool) along ``axes``, the (volume, axis) solves run in parallel.

    Each solve stays whole on one machine (one linear system over the whole network); the
    solves run through :mod:`alloypore.parallel`: a thread pool of all cores by default,
    ``workers`` threads of a local Dask cluster, or a running ``scheduler`` (address or
    ``Client``).  Returns one ``{"z"|"y"|"x": TortuosityResult}`` dict per volume.
    """
    pairs = [(v, a) for v in range(len(volumes)) for a in axes]
    out: list[dict] = [{} for _ in volumes]
    with open_client(workers, scheduler, processes=False) as client:
        results = map_ordered(_solve_task, [(volumes[v], a, kw) for v, a in pairs], client=client,
                              description="tortuosity", threads=None if client is not None else os.cpu_count())
        for (v, a), r in zip(pairs, results):
            out[v]["zyx"[a]] = r
    return out
