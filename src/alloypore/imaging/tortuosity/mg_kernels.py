"""Numba kernels of the multigrid preconditioner (:mod:`.multigrid`); no logic beyond the stencils.

Every function here is a numba kernel: a triple loop over the voxel grid that must stay one
compiled loop nest to be fast (a Python-level split would cost a pass over memory each), so the
~80-line house limit on functions does not apply to them; each is short anyway.  For the same
reason the kernels repeat their loop headers and stencils (deliberately inlined: the 7-point
stencil shared by the coarse Gauss-Seidel and residual kernels through an ``inline="always"``
helper measured 6 % slower on blobs 128³, single thread).

Coarse levels store float32 conductances ``g0, g1, g2`` (to the +1 neighbour along each axis)
and ``gb`` (to the fixed boundary values); the fine level is one byte per voxel (see the note
above :func:`make_mask`).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange


# ----------------------------------------------------------------- coarse levels (float32 conductances)
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


# each coarse-level kernel in a parallel and a serial build (small levels run serially)
gs_par = njit(parallel=True, cache=True, fastmath=True)(_gs_colour_py)
gs_ser = njit(cache=True, fastmath=True)(_gs_colour_py)
rr_par = njit(parallel=True, cache=True, fastmath=True)(_residual_restrict_py)
rr_ser = njit(cache=True, fastmath=True)(_residual_restrict_py)
pa_par = njit(parallel=True, cache=True)(_prolong_add_py)
pa_ser = njit(cache=True)(_prolong_add_py)

#: Levels with fewer cells than this run serial kernels (a parallel launch costs more than the work,
#: and much more when the cores are shared).
SERIAL_BELOW = 40_000


@njit(cache=True)
def coarsen(g0, g1, g2, gb, c0, c1, c2, cb):
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


# ----------------------------------------------------------------- fine level on a bit mask
# The fine grid has conductance 1 between face-sharing domain voxels and a boundary conductance gbv
# on the inlet / outlet layer, so one byte per voxel describes it: bits 1, 2 = neighbour at i-1, i+1;
# 4, 8 = j-1, j+1; 16, 32 = k-1, k+1; 64 = inlet boundary; 128 = outlet boundary (0 = not in the
# domain).  All fine-level arrays carry a one-voxel halo of zeros and every vector is kept 0 outside
# the domain, so the stencil is branch-free: s = sum of the 6 neighbours, d = table[byte].  Reading
# 1 byte instead of four float32 conductances and avoiding branches on a random pore mask is what
# makes the fine sweeps fast.


@njit(parallel=True, cache=True)
def make_mask(dom, nb, bin_, bout):
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
def coarsen_mask(nb, gbv, c0, c1, c2, cb):
    """First coarse level straight from the padded fine mask (same sums as :func:`coarsen`)."""
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


def diag_tables(gbv: float):
    """d[byte] (diagonal) and 1/d[byte] (0 outside the domain), float64 and float32."""
    d = np.zeros(256)
    for b in range(1, 256):
        d[b] = bin(b & 63).count("1") + gbv * bin(b >> 6).count("1")
    inv = np.zeros(256)
    inv[1:] = 1.0 / d[1:]
    return d, inv.astype(np.float32), d.astype(np.float32)


@njit(parallel=True, cache=True, fastmath=True)
def mv_pad(x, out, nb, dtab):
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
def cg_update(x, r, p, q, a, f32):
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
def dot_xpay(r, z, p, rz_old, first):
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
def gs_pad(x, f, nb, invd, colour):
    """Gauss-Seidel half sweep on cells with (i + j + k) % 2 == colour (unpadded indices); branch-free."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    for i in prange(1, n0 + 1):
        for j in range(1, n1 + 1):
            for k in range(1 + (colour + i + j) % 2, n2 + 1, 2):
                s = x[i - 1, j, k] + x[i + 1, j, k] + x[i, j - 1, k] + x[i, j + 1, k] + x[i, j, k - 1] + x[i, j, k + 1]
                x[i, j, k] = (f[i, j, k] + s) * invd[nb[i, j, k]]


@njit(parallel=True, cache=True, fastmath=True)
def rr_pad(x, f, nb, dtab, rc):
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
def pa_pad(x, xc, nb, alpha):
    """x += alpha * P xc on the domain cells only (x stays 0 elsewhere)."""
    n0, n1, n2 = x.shape[0] - 2, x.shape[1] - 2, x.shape[2] - 2
    for i in prange(1, n0 + 1):
        for j in range(1, n1 + 1):
            for k in range(1, n2 + 1):
                if nb[i, j, k] != 0:
                    x[i, j, k] += alpha * xc[(i - 1) >> 1, (j - 1) >> 1, (k - 1) >> 1]
