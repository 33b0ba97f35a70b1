r"""Tortuosity factor by steady-state diffusion on the pore voxels, with our own solver.

Problem (dimensionless, D_bulk = 1, voxel edge = 1): on the pore voxels of the
cluster that percolates from the inlet face to the outlet face along ``axis``,

.. math::  \nabla\cdot\nabla c = 0,\quad c = 1 \text{ at the inlet},\ c = 0 \text{ at the outlet},

no flux through solid walls and through the four side faces.  Finite volumes
on the voxel grid: conductance 1 between face-sharing pore voxels.  Then

.. math::  D_\mathrm{rel} = D_\mathrm{eff}/D_\mathrm{bulk} = \frac{J L}{A\,\Delta c},\qquad
           \tau = \frac{\varepsilon}{D_\mathrm{rel}},\qquad F = \frac{1}{D_\mathrm{rel}}

with ``J`` the total flux (mean of inlet and outlet flux), ``A`` the box
cross-section in voxels and ``F`` the formation factor.  Two conventions:

``bc="faces"`` (default, TauFactor's)
    c is fixed on the outer faces of the box, half a voxel from the first and
    last voxel centres (boundary conductance 2); ``L = N``; ``ε`` = total
    porosity of the volume (TauFactor's ``VF``).
``bc="voxel-centres"`` (PoreSpy ``tortuosity_fd``'s)
    c is fixed on the first and last voxel layers; ``L = N - 1``; ``ε`` = the
    porosity of the percolating cluster (PoreSpy's ``effective_porosity``).

Solver: conjugate gradients preconditioned by one symmetric V-cycle of a
cell-centred geometric multigrid (2x2x2 aggregation, Galerkin coarse
operators, which stay 7-point conductance operators; red-black Gauss-Seidel
smoothing, ``nu`` = 2 sweep pairs on the fine level and 4 on the coarse ones,
coarse correction scaled by ``alpha`` = 2), compiled with numba, matrix-free.
The fine level is one byte per voxel (neighbour and boundary bits; all fine
conductances are 0 or 1), padded with a zero halo so the float32 smoother is
branch-free.  Converged when the inlet and outlet fluxes agree within ``ftol``
and the relative residual is below ``rtol`` (both are needed: the flux balance
alone is met early, 1.5e-3 away from the converged τ on blobs 96³).

References
----------
S. J. Cooper et al., TauFactor, SoftwareX 5 (2016) 203.
J. Gostick et al., PoreSpy, JOSS 4 (2019) 1296 (``tortuosity_fd``).
D. Braess, Towards algebraic multigrid for elliptic problems of second order,
Computing 55 (1995) 379 (aggregation with an over-corrected coarse step).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit, prange
from scipy import ndimage as ndi

from alloypore.errors import InputError

__all__ = ["TortuosityResult", "tortuosity", "tortuosity_raw", "percolating_cluster"]

_STRUCT6 = ndi.generate_binary_structure(3, 1)


@dataclass
class TortuosityResult:
    """Result along one axis (names follow TauFactor / PoreSpy)."""

    axis: int
    bc: str
    tortuosity: float
    relative_diffusivity: float  # D_eff / D_bulk
    formation_factor: float  # D_bulk / D_eff
    porosity: float  # ε used in τ (total for bc="faces", percolating for "voxel-centres")
    total_porosity: float
    percolating_porosity: float
    flux_in: float
    flux_out: float
    flux_mismatch: float
    iterations: int
    converged: bool
    concentration: np.ndarray | None = field(default=None, repr=False)


# ----------------------------------------------------------------- kernels
def _matvec_py(x, out, g0, g1, g2, gb):
    n0, n1, n2 = x.shape
    for i in prange(n0):
        for j in range(n1):
            for k in range(n2):
                d = gb[i, j, k]
                s = 0.0
                if i > 0:
                    g = g0[i - 1, j, k]
                    d += g
                    s += g * x[i - 1, j, k]
                if i < n0 - 1:
                    g = g0[i, j, k]
                    d += g
                    s += g * x[i + 1, j, k]
                if j > 0:
                    g = g1[i, j - 1, k]
                    d += g
                    s += g * x[i, j - 1, k]
                if j < n1 - 1:
                    g = g1[i, j, k]
                    d += g
                    s += g * x[i, j + 1, k]
                if k > 0:
                    g = g2[i, j, k - 1]
                    d += g
                    s += g * x[i, j, k - 1]
                if k < n2 - 1:
                    g = g2[i, j, k]
                    d += g
                    s += g * x[i, j, k + 1]
                out[i, j, k] = d * x[i, j, k] - s


def _gs_colour_py(x, f, g0, g1, g2, gb, colour):
    """One Gauss-Seidel half sweep on the cells with (i+j+k) % 2 == colour."""
    n0, n1, n2 = x.shape
    for i in prange(n0):
        for j in range(n1):
            k0 = (colour + i + j) % 2
            for k in range(k0, n2, 2):
                d = gb[i, j, k]
                s = f[i, j, k]
                if i > 0:
                    g = g0[i - 1, j, k]
                    d += g
                    s += g * x[i - 1, j, k]
                if i < n0 - 1:
                    g = g0[i, j, k]
                    d += g
                    s += g * x[i + 1, j, k]
                if j > 0:
                    g = g1[i, j - 1, k]
                    d += g
                    s += g * x[i, j - 1, k]
                if j < n1 - 1:
                    g = g1[i, j, k]
                    d += g
                    s += g * x[i, j + 1, k]
                if k > 0:
                    g = g2[i, j, k - 1]
                    d += g
                    s += g * x[i, j, k - 1]
                if k < n2 - 1:
                    g = g2[i, j, k]
                    d += g
                    s += g * x[i, j, k + 1]
                if d > 0:
                    x[i, j, k] = s / d


def _residual_restrict_py(x, f, g0, g1, g2, gb, rc):
    """rc = P^T (f - A x) with 2x2x2 aggregation, streaming over fine rows (one coarse plane per thread)."""
    n0, n1, n2 = x.shape
    m0 = rc.shape[0]
    for I in prange(m0):
        rc[I] = 0.0
        for i in range(2 * I, min(2 * I + 2, n0)):
            for j in range(n1):
                J = j // 2
                for k in range(n2):
                    d = gb[i, j, k]
                    s = 0.0
                    if i > 0:
                        g = g0[i - 1, j, k]
                        d += g
                        s += g * x[i - 1, j, k]
                    if i < n0 - 1:
                        g = g0[i, j, k]
                        d += g
                        s += g * x[i + 1, j, k]
                    if j > 0:
                        g = g1[i, j - 1, k]
                        d += g
                        s += g * x[i, j - 1, k]
                    if j < n1 - 1:
                        g = g1[i, j, k]
                        d += g
                        s += g * x[i, j + 1, k]
                    if k > 0:
                        g = g2[i, j, k - 1]
                        d += g
                        s += g * x[i, j, k - 1]
                    if k < n2 - 1:
                        g = g2[i, j, k]
                        d += g
                        s += g * x[i, j, k + 1]
                    rc[I, J, k // 2] += f[i, j, k] - (d * x[i, j, k] - s)


def _prolong_add_py(x, xc, alpha):
    n0, n1, n2 = x.shape
    for i in prange(n0):
        for j in range(n1):
            for k in range(n2):
                x[i, j, k] += alpha * xc[i // 2, j // 2, k // 2]


_matvec = njit(parallel=True, cache=True, fastmath=True)(_matvec_py)
_gs_par = njit(parallel=True, cache=True, fastmath=True)(_gs_colour_py)
_gs_ser = njit(cache=True, fastmath=True)(_gs_colour_py)
_rr_par = njit(parallel=True, cache=True, fastmath=True)(_residual_restrict_py)
_rr_ser = njit(cache=True, fastmath=True)(_residual_restrict_py)
_pa_par = njit(parallel=True, cache=True)(_prolong_add_py)
_pa_ser = njit(cache=True)(_prolong_add_py)

#: Levels with fewer cells than this run serial kernels (a parallel launch costs more than the work,
#: and much more when the cores are shared).
_SERIAL_BELOW = 40_000


@njit(cache=True)
def _coarsen(g0, g1, g2, gb, c0, c1, c2, cb):
    """Galerkin coarse conductances for 2x2x2 aggregation (sum of fine faces crossing a block face)."""
    n0, n1, n2 = gb.shape
    m0, m1, m2 = cb.shape
    for i in range(n0):
        I = i // 2
        for j in range(n1):
            J = j // 2
            for k in range(n2):
                K = k // 2
                cb[I, J, K] += gb[i, j, k]
                if i % 2 == 1 and I < m0 - 1 and i < n0 - 1:
                    c0[I, J, K] += g0[i, j, k]
                if j % 2 == 1 and J < m1 - 1 and j < n1 - 1:
                    c1[I, J, K] += g1[i, j, k]
                if k % 2 == 1 and K < m2 - 1 and k < n2 - 1:
                    c2[I, J, K] += g2[i, j, k]


@njit(parallel=True, cache=True)
def _dot(a, b):
    n0 = a.shape[0]
    part = np.zeros(n0)
    for i in prange(n0):
        s = 0.0
        ai = a[i]
        bi = b[i]
        for j in range(ai.shape[0]):
            for k in range(ai.shape[1]):
                s += ai[j, k] * bi[j, k]
        part[i] = s
    return part.sum()


@njit(parallel=True, cache=True)
def _axpy(y, a, x):
    n0 = y.shape[0]
    for i in prange(n0):
        y[i] += a * x[i]


@njit(parallel=True, cache=True)
def _xpay(y, a, x):  # y = x + a*y
    n0 = y.shape[0]
    for i in prange(n0):
        y[i] = x[i] + a * y[i]


# ----------------------------------------------------------------- fine level on a bit mask
# The fine grid has conductance 1 between face-sharing domain voxels and a boundary conductance gbv
# on the inlet / outlet layer, so one byte per voxel describes it: bits 1, 2 = neighbour at i-1, i+1;
# 4, 8 = j-1, j+1; 16, 32 = k-1, k+1; 64 = inlet boundary; 128 = outlet boundary (0 = not in the
# domain).  All fine-level arrays carry a one-voxel halo of zeros and every vector is kept 0 outside
# the domain, so the stencil is branch-free: s = sum of the 6 neighbours, d = table[byte].  Reading
# 1 byte instead of four float32 conductances and avoiding branches on a random pore mask is what
# makes the fine sweeps fast.


@njit(parallel=True, cache=True)
def _make_mask(dom, nb, bin_, bout):
    """Fill the interior of the padded ``nb`` from the domain ``dom`` (unpadded)."""
    n0, n1, n2 = dom.shape
    for i in prange(n0):
        for j in range(n1):
            for k in range(n2):
                b = 0
                if dom[i, j, k]:
                    if i > 0 and dom[i - 1, j, k]:
                        b |= 1
                    if i < n0 - 1 and dom[i + 1, j, k]:
                        b |= 2
                    if j > 0 and dom[i, j - 1, k]:
                        b |= 4
                    if j < n1 - 1 and dom[i, j + 1, k]:
                        b |= 8
                    if k > 0 and dom[i, j, k - 1]:
                        b |= 16
                    if k < n2 - 1 and dom[i, j, k + 1]:
                        b |= 32
                    if i == 0 and bin_[j, k]:
                        b |= 64
                    if i == n0 - 1 and bout[j, k]:
                        b |= 128
                nb[i + 1, j + 1, k + 1] = b


@njit(parallel=True, cache=True)
def _coarsen_mask(nb, gbv, c0, c1, c2, cb):
    """First coarse level straight from the padded fine mask (same sums as :func:`_coarsen`)."""
    n0, n1, n2 = nb.shape[0] - 2, nb.shape[1] - 2, nb.shape[2] - 2
    m0 = cb.shape[0]
    for I in prange(m0):
        for i in range(2 * I, min(2 * I + 2, n0)):
            for j in range(n1):
                J = j >> 1
                for k in range(n2):
                    b = nb[i + 1, j + 1, k + 1]
                    if b == 0:
                        continue
                    K = k >> 1
                    if b & 64:
                        cb[I, J, K] += gbv
                    if b & 128:
                        cb[I, J, K] += gbv
                    if (i & 1) and (b & 2):
                        c0[I, J, K] += 1.0
                    if (j & 1) and (b & 8):
                        c1[I, J, K] += 1.0
                    if (k & 1) and (b & 32):
                        c2[I, J, K] += 1.0


def _diag_tables(gbv: float):
    """d[byte] (diagonal) and 1/d[byte] (0 outside the domain), float64 and float32."""
    d = np.zeros(256)
    for b in range(1, 256):
        d[b] = bin(b & 63).count("1") + gbv * bin(b >> 6).count("1")
    inv = np.zeros(256)
    inv[1:] = 1.0 / d[1:]
    return d, inv.astype(np.float32), d.astype(np.float32)


@njit(parallel=True, cache=True, fastmath=True)
def _mv_pad(x, out, nb, dtab):
    """out = A x on the padded fine grid (0 outside the domain); returns x . out."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    part = np.zeros(n0 + 2)
    for i in prange(1, n0 + 1):
        acc = 0.0
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                s = x[i - 1, j, k] + x[i + 1, j, k] + x[i, j - 1, k] + x[i, j + 1, k] + x[i, j, k - 1] + x[i, j, k + 1]
                d = dtab[nb[i, j, k]]
                v = (d * x[i, j, k] - s) if d > 0 else 0.0
                out[i, j, k] = v
                acc += x[i, j, k] * v
        part[i] = acc
    return part.sum()


@njit(parallel=True, cache=True, fastmath=True)
def _cg_update(x, r, p, q, a, f32):
    """x += a p; r -= a q; f32 = r (preconditioner input), over the interior; returns r . r."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    part = np.zeros(n0 + 2)
    for i in prange(1, n0 + 1):
        acc = 0.0
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                x[i, j, k] += a * p[i, j, k]
                rv = r[i, j, k] - a * q[i, j, k]
                r[i, j, k] = rv
                f32[i, j, k] = rv
                acc += rv * rv
        part[i] = acc
    return part.sum()


@njit(parallel=True, cache=True, fastmath=True)
def _dot_xpay(r, z, p, rz_old, first):
    """rz = r . z; p = z + (rz / rz_old) p (p = z when first), over the interior; returns rz."""
    n0, n1, n2 = r.shape[0] - 2, r.shape[1] - 2, r.shape[2] - 2
    part = np.zeros(n0 + 2)
    for i in prange(1, n0 + 1):
        acc = 0.0
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                acc += r[i, j, k] * z[i, j, k]
        part[i] = acc
    rz = part.sum()
    beta = 0.0 if first else rz / rz_old
    for i in prange(1, n0 + 1):
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                p[i, j, k] = z[i, j, k] + beta * p[i, j, k]
    return rz


@njit(parallel=True, cache=True, fastmath=True)
def _gs_pad(x, f, nb, invd, colour):
    """Gauss-Seidel half sweep on cells with (i + j + k) % 2 == colour (unpadded indices); branch-free."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    for i in prange(1, n0 + 1):
        for j in range(1, n1 + 1):
            for k in range(1 + (colour + i + j) % 2, n2 + 1, 2):
                s = x[i - 1, j, k] + x[i + 1, j, k] + x[i, j - 1, k] + x[i, j + 1, k] + x[i, j, k - 1] + x[i, j, k + 1]
                x[i, j, k] = (f[i, j, k] + s) * invd[nb[i, j, k]]


@njit(parallel=True, cache=True, fastmath=True)
def _rr_pad(x, f, nb, dtab, rc):
    """rc = P^T (f - A x), 2x2x2 aggregation, streaming over fine rows (one coarse plane per thread)."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    m0 = rc.shape[0]
    for I in prange(m0):
        rc[I] = 0.0
        for i in range(2 * I + 1, min(2 * I + 3, n0 + 1)):
            for j in range(1, n1 + 1):
                J = (j - 1) >> 1
                for k in range(1, n2 + 1):
                    d = dtab[nb[i, j, k]]
                    s = x[i - 1, j, k] + x[i + 1, j, k] + x[i, j - 1, k] + x[i, j + 1, k] + x[i, j, k - 1] + x[i, j, k + 1]
                    res = (f[i, j, k] + s - d * x[i, j, k]) if d > 0 else 0.0
                    rc[I, J, (k - 1) >> 1] += res


@njit(parallel=True, cache=True)
def _pa_pad(x, xc, nb, alpha):
    """x += alpha * P xc on the domain cells only (x stays 0 elsewhere)."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    for i in prange(1, n0 + 1):
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                if nb[i, j, k] != 0:
                    x[i, j, k] += alpha * xc[(i - 1) >> 1, (j - 1) >> 1, (k - 1) >> 1]


# ----------------------------------------------------------------- multigrid
class _Level:
    """A coarse level: float32 conductance arrays (Galerkin sums), float32 x and f."""

    __slots__ = ("g0", "g1", "g2", "gb", "x", "f", "_gs", "_rr", "_pa")

    def __init__(self, g0, g1, g2, gb):
        self.g0, self.g1, self.g2, self.gb = g0, g1, g2, gb
        self.x = np.zeros(gb.shape, dtype=np.float32)
        self.f = np.zeros(gb.shape, dtype=np.float32)
        small = gb.size < _SERIAL_BELOW
        self._gs = _gs_ser if small else _gs_par
        self._rr = _rr_ser if small else _rr_par
        self._pa = _pa_ser if small else _pa_par

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
        _, self.invd, self.dtab = _diag_tables(gbv)
        self.x = np.zeros(nb.shape, dtype=np.float32)
        self.f = np.zeros(nb.shape, dtype=np.float32)

    def smooth(self, colour):
        _gs_pad(self.x, self.f, self.nb, self.invd, colour)

    def restrict(self, rc):
        _rr_pad(self.x, self.f, self.nb, self.dtab, rc)

    def prolong(self, xc, alpha):
        _pa_pad(self.x, xc, self.nb, alpha)


def _build_hierarchy(fine, shape, min_cells=64):
    """Levels below ``fine``: the first coarse level from the fine mask, then by Galerkin sums."""
    levels = [fine]
    cur = None
    while np.prod(shape) > min_cells and max(shape) > 2:
        cshape = tuple((n + 1) // 2 for n in shape)
        c = [np.zeros(cshape, dtype=np.float32) for _ in range(4)]
        if cur is None:
            _coarsen_mask(fine.nb, np.float32(fine.gbv), *c)
        else:
            _coarsen(*cur, *c)
        levels.append(_Level(*c))
        cur, shape = c, cshape
    return levels


#: Gauss-Seidel sweep pairs before and after the coarse correction on the coarse levels (the fine level uses
#: ``nu``): the coarse levels are cheap (1/8 of the cells and less), more sweeps there cut CG iterations.
_NU_COARSE = 4


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
    n_sweeps = nu if idx == 0 else _NU_COARSE
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


# ----------------------------------------------------------------- public
def percolating_cluster(pore: np.ndarray, axis: int = 0) -> np.ndarray:
    """Pore voxels of the clusters (6-connectivity) that touch both faces normal to ``axis``."""
    lab, n = ndi.label(pore, structure=_STRUCT6)
    first = np.take(lab, 0, axis=axis)
    last = np.take(lab, -1, axis=axis)
    keep = np.intersect1d(np.unique(first), np.unique(last))
    keep = keep[keep > 0]
    ok = np.zeros(n + 1, dtype=bool)
    ok[keep] = True
    return ok[lab]


def tortuosity_raw(
    pore: np.ndarray,
    axis: int = 0,
    *,
    bc: str = "faces",
    ftol: float = 1e-4,
    rtol: float = 1e-6,
    max_iter: int = 500,
    nu: int = 2,
    alpha: float = 2.0,
    return_concentration: bool = False,
) -> TortuosityResult:
    """Tortuosity factor of the pore space (bool, True = pore) along ``axis``.

    Parameters
    ----------
    pore : ndarray of bool
        True on pore voxels.
    axis : int
        0, 1 or 2 (z, y, x of a (z, y, x) volume).
    bc : {"faces", "voxel-centres"}
        Where c is fixed and which porosity enters τ (module docstring).
    ftol, rtol : float
        Flux balance (|J_in - J_out| / max) and relative residual tolerances.
    max_iter : int
        CG iteration limit; not converging raises.

    Raises
    ------
    InputError
        No pore cluster spans the volume along ``axis``, or a bad argument.
    """
    if axis not in (0, 1, 2):
        raise InputError("axis", axis, "0, 1 or 2 (z, y, x)")
    if bc not in ("faces", "voxel-centres"):
        raise InputError("bc", bc, "'faces' (TauFactor) or 'voxel-centres' (PoreSpy)")
    pore = np.asarray(pore, dtype=bool)
    if pore.ndim != 3 or min(pore.shape) < 2:
        raise InputError("volume", f"shape {pore.shape}", "a 3D volume with at least 2 voxels per axis")
    eps_total = np.count_nonzero(pore) / pore.size
    perc = percolating_cluster(pore, axis)
    n_perc = int(np.count_nonzero(perc))
    if n_perc == 0:
        raise InputError("volume", f"axis {'zyx'[axis]}", "a pore cluster connecting the two faces normal to the axis")
    eps_perc = n_perc / pore.size
    m = np.ascontiguousarray(np.moveaxis(perc, axis, 0))
    N = m.shape[0]
    A_geom = m.shape[1] * m.shape[2]
    if bc == "faces":
        dom = m
        gin = 2.0 * dom[0].astype(np.float32)
        gout = 2.0 * dom[-1].astype(np.float32)
        L = N
    else:
        if N < 3:
            raise InputError("volume", f"{N} layers along the axis", "at least 3 layers for bc='voxel-centres'")
        dom = m[1:-1]
        gin = (m[0] & m[1]).astype(np.float32)
        gout = (m[-1] & m[-2]).astype(np.float32)
        L = N - 1
    shape = dom.shape
    gbv = 2.0 if bc == "faces" else 1.0
    pshape = tuple(n + 2 for n in shape)
    nb = np.zeros(pshape, np.uint8)
    _make_mask(np.ascontiguousarray(dom), nb, np.ascontiguousarray(gin > 0), np.ascontiguousarray(gout > 0))
    fine = _MaskLevel(nb, gbv)
    levels = _build_hierarchy(fine, shape)
    dtab64 = _diag_tables(gbv)[0]

    # CG vectors live on the padded grid too (halo and non-domain cells stay exactly 0)
    n0 = shape[0]
    inner = (slice(1, -1),) * 3
    prof = 1.0 - (np.arange(n0) + 0.5) / n0 if bc == "faces" else 1.0 - (np.arange(n0) + 1.0) / (n0 + 1)
    xp = np.zeros(pshape)
    xp[inner] = prof[:, None, None] * dom
    r = np.zeros(pshape)
    _mv_pad(xp, r, nb, dtab64)
    np.negative(r, out=r)
    r[1, 1:-1, 1:-1] += gin  # r = b - A x with b = g_in * c_in on the inlet layer, c_in = 1
    bnorm = float(np.sqrt(np.sum(gin.astype(np.float64) ** 2)))
    fine.f[...] = r
    rnorm = float(np.sqrt(np.sum(r * r)))
    p = np.zeros(pshape)
    q = np.zeros(pshape)
    x = xp[inner]

    def fluxes(xx):
        jin = float(np.sum(gin * (1.0 - xx[0])))
        jout = float(np.sum(gout * xx[-1]))
        return jin, jout

    it = 0
    converged = False
    if rnorm <= rtol * bnorm:  # the linear start is already the solution
        jin, jout = fluxes(x)
        converged = abs(jin - jout) <= ftol * max(abs(jin), abs(jout))
    if not converged:
        _vcycle(levels, 0, nu, alpha)
        rz = _dot_xpay(r, fine.x, p, 1.0, True)
    for it in range(1, 0 if converged else max_iter + 1):
        a = rz / _mv_pad(p, q, nb, dtab64)
        rnorm = np.sqrt(_cg_update(xp, r, p, q, a, fine.f))
        if rnorm <= rtol * bnorm:
            jin, jout = fluxes(x)
            if abs(jin - jout) <= ftol * max(abs(jin), abs(jout)):
                converged = True
                break
        _vcycle(levels, 0, nu, alpha)
        rz = _dot_xpay(r, fine.x, p, rz, False)
    jin, jout = fluxes(x)
    mismatch = abs(jin - jout) / max(abs(jin), abs(jout))
    it = it if not converged or it else 0
    if not converged:
        raise InputError("tortuosity.max_iter", max_iter, f"solver did not converge (flux mismatch {mismatch:.2e})")
    J = 0.5 * (jin + jout)
    d_rel = J * L / A_geom
    eps = eps_total if bc == "faces" else eps_perc
    conc = None
    if return_concentration:
        full = np.full(m.shape, np.nan)
        if bc == "faces":
            full[...] = np.where(m, x, np.nan)
        else:
            full[1:-1] = np.where(dom, x, np.nan)
            full[0] = np.where(m[0], 1.0, np.nan)
            full[-1] = np.where(m[-1], 0.0, np.nan)
        conc = np.moveaxis(full, 0, axis)
    return TortuosityResult(
        axis=axis,
        bc=bc,
        tortuosity=eps / d_rel,
        relative_diffusivity=d_rel,
        formation_factor=1.0 / d_rel,
        porosity=eps,
        total_porosity=eps_total,
        percolating_porosity=eps_perc,
        flux_in=jin,
        flux_out=jout,
        flux_mismatch=mismatch,
        iterations=it,
        converged=converged,
        concentration=conc,
    )


def tortuosity(phases: np.ndarray, axis="all", **kw) -> dict[str, TortuosityResult]:
    """Tortuosity of the pore phase (phase 0) along ``axis`` ("z", "y", "x", 0-2, or "all")."""
    axes = {"z": 0, "y": 1, "x": 2}
    if axis == "all":
        sel = [0, 1, 2]
    elif axis in axes:
        sel = [axes[axis]]
    elif axis in (0, 1, 2):
        sel = [int(axis)]
    else:
        raise InputError("axis", axis, "x, y, z or all")
    pore = np.asarray(phases) == 0
    if not pore.any():
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    from alloypore.progress import progress

    return {"zyx"[a]: tortuosity_raw(pore, a, **kw) for a in progress(sel, "tortuosity", total=len(sel))}
