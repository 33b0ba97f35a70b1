r"""The default tortuosity backend: conjugate gradients preconditioned by geometric multigrid.

One symmetric V-cycle of a cell-centred geometric multigrid preconditions CG: 2x2x2
aggregation, Galerkin coarse operators (which stay 7-point conductance operators),
red-black Gauss-Seidel smoothing (``nu`` = 2 sweep pairs on the fine level and
:data:`NU_COARSE` on the coarse ones), coarse correction scaled by ``alpha`` = 2,
compiled with numba (:mod:`.mg_kernels`), matrix-free.  The fine level is one byte per
voxel (neighbour and boundary bits; all fine conductances are 0 or 1), padded with a
zero halo so the float32 smoother is branch-free; CG itself runs in float64.

Converged when the inlet and outlet fluxes agree within ``ftol`` and the relative
residual is below ``rtol`` (both are needed: the flux balance alone is met early,
1.5e-3 away from the converged τ on blobs 96³).

References
----------
D. Braess, Towards algebraic multigrid for elliptic problems of second order,
Computing 55 (1995) 379 (aggregation with an over-corrected coarse step).
"""

from __future__ import annotations

import numpy as np

from . import mg_kernels as k
from .problem import DiffusionProblem, Solution

__all__ = ["solve", "NU_COARSE"]

#: Gauss-Seidel sweep pairs before and after the coarse correction on the coarse levels (the fine level uses
#: ``nu``): the coarse levels are cheap (1/8 of the cells and less), more sweeps there cut CG iterations.
NU_COARSE = 4


class _Level:
    """A coarse level: float32 conductance arrays (Galerkin sums), float32 x and f."""

    __slots__ = ("g0", "g1", "g2", "gb", "x", "f", "_gs", "_rr", "_pa")

    def __init__(self, g0, g1, g2, gb):
        self.g0, self.g1, self.g2, self.gb = g0, g1, g2, gb
        self.x = np.zeros(gb.shape, dtype=np.float32)
        self.f = np.zeros(gb.shape, dtype=np.float32)
        small = gb.size < k.SERIAL_BELOW
        self._gs = k.gs_ser if small else k.gs_par
        self._rr = k.rr_ser if small else k.rr_par
        self._pa = k.pa_ser if small else k.pa_par

    def smooth(self, colour):
        self._gs(self.x, self.f, self.g0, self.g1, self.g2, self.gb, colour)

    def restrict(self, rc):
        self._rr(self.x, self.f, self.g0, self.g1, self.g2, self.gb, rc)

    def prolong(self, xc, alpha):
        self._pa(self.x, xc, alpha)


class _MaskLevel:
    """The fine level: padded 1-byte neighbour mask, padded float32 x and f (the preconditioner runs in float32)."""

    __slots__ = ("nb", "gbv", "dtab", "invd", "x", "f")

    def __init__(self, nb, gbv):
        self.nb, self.gbv = nb, float(gbv)
        _, self.invd, self.dtab = k.diag_tables(gbv)
        self.x = np.zeros(nb.shape, dtype=np.float32)
        self.f = np.zeros(nb.shape, dtype=np.float32)

    def smooth(self, colour):
        k.gs_pad(self.x, self.f, self.nb, self.invd, colour)

    def restrict(self, rc):
        k.rr_pad(self.x, self.f, self.nb, self.dtab, rc)

    def prolong(self, xc, alpha):
        k.pa_pad(self.x, xc, self.nb, alpha)


def _build_hierarchy(fine, shape, min_cells=64):
    """Levels below ``fine``: the first coarse level from the fine mask, then by Galerkin sums."""
    levels = [fine]
    cur = None
    while np.prod(shape) > min_cells and max(shape) > 2:
        cshape = tuple((n + 1) // 2 for n in shape)
        c = [np.zeros(cshape, dtype=np.float32) for _ in range(4)]
        if cur is None:
            k.coarsen_mask(fine.nb, np.float32(fine.gbv), *c)
        else:
            k.coarsen(*cur, *c)
        levels.append(_Level(*c))
        cur, shape = c, cshape
    return levels


def _vcycle(levels, idx, nu, alpha):
    lv = levels[idx]
    lv.x[...] = 0
    if idx == len(levels) - 1:
        for _ in range(30):
            lv.smooth(0)
            lv.smooth(1)
        for _ in range(30):
            lv.smooth(1)
            lv.smooth(0)
        return
    n_sweeps = nu if idx == 0 else NU_COARSE
    for _ in range(n_sweeps):
        lv.smooth(0)
        lv.smooth(1)
    nxt = levels[idx + 1]
    lv.restrict(nxt.f)
    _vcycle(levels, idx + 1, nu, alpha)
    lv.prolong(nxt.x, alpha)
    for _ in range(n_sweeps):
        lv.smooth(1)
        lv.smooth(0)


def solve(problem: DiffusionProblem, *, rtol: float, ftol: float, max_iter: int, nu: int = 2,
          alpha: float = 2.0) -> Solution:
    """Solve ``problem`` by multigrid-preconditioned CG (``nu``, ``alpha``: module docstring)."""
    dom = problem.domain
    pshape = tuple(n + 2 for n in dom.shape)
    nb = np.zeros(pshape, np.uint8)
    k.make_mask(dom, nb, np.ascontiguousarray(problem.g_in > 0), np.ascontiguousarray(problem.g_out > 0))
    fine = _MaskLevel(nb, problem.g_boundary)
    levels = _build_hierarchy(fine, dom.shape)
    dtab64 = k.diag_tables(problem.g_boundary)[0]
    # CG vectors live on the padded grid too (halo and non-domain cells stay exactly 0)
    inner = (slice(1, -1),) * 3
    xp = np.zeros(pshape)
    xp[inner] = problem.initial_guess()
    r = np.zeros(pshape)
    k.mv_pad(xp, r, nb, dtab64)
    np.negative(r, out=r)
    r[1, 1:-1, 1:-1] += problem.g_in  # r = b - A x with b = g_in * c_in on the inlet layer, c_in = 1
    fine.f[...] = r
    rnorm = float(np.sqrt(np.sum(r * r)))
    bnorm = problem.rhs_norm()
    x = xp[inner]
    if rnorm <= rtol * bnorm and problem.balanced(x, ftol):  # the linear start is already the solution
        return Solution(x, 0, True)
    it, converged = _pcg(problem, levels, nb, dtab64, xp, r, rtol * bnorm, ftol, max_iter, nu, alpha)
    return Solution(x, it, converged)


def _pcg(problem, levels, nb, dtab64, xp, r, rabs, ftol, max_iter, nu, alpha) -> tuple[int, bool]:
    """Preconditioned CG on the padded vectors ``xp`` (updated in place) and ``r``; returns (iterations, converged)."""
    fine = levels[0]
    x = xp[(slice(1, -1),) * 3]
    p = np.zeros(xp.shape)
    q = np.zeros(xp.shape)
    _vcycle(levels, 0, nu, alpha)
    rz = k.dot_xpay(r, fine.x, p, 1.0, True)
    it = 0
    for it in range(1, max_iter + 1):
        a = rz / k.mv_pad(p, q, nb, dtab64)
        rnorm = np.sqrt(k.cg_update(xp, r, p, q, a, fine.f))
        if rnorm <= rabs and problem.balanced(x, ftol):
            return it, True
        _vcycle(levels, 0, nu, alpha)
        rz = k.dot_xpay(r, fine.x, p, rz, False)
    return it, False
