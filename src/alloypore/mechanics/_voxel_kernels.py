"""Voxel hex8 discretisation: element matrices, periodic gather/scatter, the compiled operator, the Fourier preconditioner.

Each voxel is a fully integrated trilinear 8-node hexahedron; the image is periodic.  The
operator ``K u`` is applied matrix-free by :func:`apply_K_kernel` (numba, parallel over slices):
for each node it sums the three rows of its eight elements' 24x24 matrices (one matrix per
phase, void skipped).  It is written as plain nested loops on purpose - numba compiles them to
tight machine code, and splitting them into helper calls would cost speed - so it is long; it is
tested equal to the plain numpy gather / 24x24 / scatter product :func:`apply_K_numpy`.
The preconditioner is the exact inverse of the same discretisation for a homogeneous reference
medium, diagonal (3x3 blocks) in Fourier space (Leuschner & Fritzen 2018).

Numba compiles the kernels on first call (cached on disk), not at import.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

__all__ = ["OFFSETS", "hex8_matrices", "gather", "scatter", "apply_K_numpy", "apply_K_kernel", "pmul_kernel",
           "fourier_preconditioner"]

OFFSETS = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)])  # local node offsets


def hex8_matrices(h: float = 1.0):
    """Element matrices of a cube of side ``h`` (2x2x2 Gauss): ``K_lam``, ``K_mu`` (24x24), load ``g`` (24),
    centre strain matrix ``Bc`` (6x24).  ``K_e = lam K_lam + mu K_mu``; eigenstrain load ``(3 lam + 2 mu) eps g``.

    Dof order: node a (offsets ``OFFSETS``) times component (x, y, z); Voigt xx, yy, zz, 2yz, 2xz, 2xy.
    """
    gp = 0.5 + np.array([-1, 1]) / (2 * np.sqrt(3))

    def bmat(x, y, z):
        B = np.zeros((6, 24))
        for a, (i, j, k) in enumerate(OFFSETS):
            fx = (x if i else 1 - x)
            fy = (y if j else 1 - y)
            fz = (z if k else 1 - z)
            dx = (1 if i else -1) * fy * fz / h
            dy = fx * (1 if j else -1) * fz / h
            dz = fx * fy * (1 if k else -1) / h
            c = 3 * a
            B[0, c] = dx
            B[1, c + 1] = dy
            B[2, c + 2] = dz
            B[3, c + 1], B[3, c + 2] = dz, dy
            B[4, c], B[4, c + 2] = dz, dx
            B[5, c], B[5, c + 1] = dy, dx
        return B

    Cl = np.zeros((6, 6))
    Cl[:3, :3] = 1.0
    Cm = np.diag([2.0, 2.0, 2.0, 1.0, 1.0, 1.0])
    m = np.array([1.0, 1, 1, 0, 0, 0])
    Kl = np.zeros((24, 24))
    Km = np.zeros((24, 24))
    g = np.zeros(24)
    w = h**3 / 8
    for x in gp:
        for y in gp:
            for z in gp:
                B = bmat(x, y, z)
                Kl += w * B.T @ Cl @ B
                Km += w * B.T @ Cm @ B
                g += w * B.T @ m
    return Kl, Km, g, bmat(0.5, 0.5, 0.5)


def gather(u):
    """Element dof array (24, nx, ny, nz) from nodal displacements (3, nx, ny, nz), periodic."""
    parts = []
    for off in OFFSETS:
        shifted = u
        for ax, o in enumerate(off):
            if o:
                shifted = np.roll(shifted, -1, axis=ax + 1)
        parts.append(shifted)
    return np.concatenate(parts, axis=0)


def scatter(fe):
    """Nodal forces (3, ...) from element forces (24, ...), periodic (adjoint of :func:`gather`)."""
    out = np.zeros((3,) + fe.shape[1:])
    for a, off in enumerate(OFFSETS):
        part = fe[3 * a:3 * a + 3]
        for ax, o in enumerate(off):
            if o:
                part = np.roll(part, 1, axis=ax + 1)
        out += part
    return out


def apply_K_numpy(u, lam, mu, Kl, Km):
    """Reference element-by-element matvec (numpy, gather/scatter with ``np.roll``); used to test the kernel."""
    shape = lam.shape
    ue = gather(u).reshape(24, -1)
    fe = lam.reshape(1, -1) * (Kl @ ue) + mu.reshape(1, -1) * (Km @ ue)
    return scatter(fe.reshape((24,) + shape))


# Numba kernels: deliberately inlined loops (long, see the module doc); compiled on first call.
@njit(parallel=True, fastmath=False, cache=True)
def apply_K_kernel(u, phase, Ktab, out):  # pragma: no cover - compiled
    nx, ny, nz = phase.shape
    for i in prange(nx):
        ue = np.empty(24)
        for j in range(ny):
            for k in range(nz):
                f0 = 0.0
                f1 = 0.0
                f2 = 0.0
                for a in range(8):  # the node is local node a of the element at (i, j, k) - offset(a)
                    ei = i - ((a >> 2) & 1)
                    ej = j - ((a >> 1) & 1)
                    ek = k - (a & 1)
                    if ei < 0:
                        ei += nx
                    if ej < 0:
                        ej += ny
                    if ek < 0:
                        ek += nz
                    p = phase[ei, ej, ek]
                    if p < 0:
                        continue
                    for b in range(8):
                        bi = ei + ((b >> 2) & 1)
                        bj = ej + ((b >> 1) & 1)
                        bk = ek + (b & 1)
                        if bi >= nx:
                            bi -= nx
                        if bj >= ny:
                            bj -= ny
                        if bk >= nz:
                            bk -= nz
                        ue[3 * b] = u[0, bi, bj, bk]
                        ue[3 * b + 1] = u[1, bi, bj, bk]
                        ue[3 * b + 2] = u[2, bi, bj, bk]
                    r = 3 * a
                    for c in range(24):
                        v = ue[c]
                        f0 += Ktab[p, r, c] * v
                        f1 += Ktab[p, r + 1, c] * v
                        f2 += Ktab[p, r + 2, c] * v
                out[0, i, j, k] = f0
                out[1, i, j, k] = f1
                out[2, i, j, k] = f2


@njit(parallel=True, cache=True)
def pmul_kernel(P, r):  # pragma: no cover - compiled; r[:, f] <- P[:, :, f] @ r[:, f] in place
    nx, ny, nz = r.shape[1], r.shape[2], r.shape[3]
    for i in prange(nx):
        for j in range(ny):
            for k in range(nz):
                a = r[0, i, j, k]
                b = r[1, i, j, k]
                c = r[2, i, j, k]
                r[0, i, j, k] = P[0, 0, i, j, k] * a + P[0, 1, i, j, k] * b + P[0, 2, i, j, k] * c
                r[1, i, j, k] = P[1, 0, i, j, k] * a + P[1, 1, i, j, k] * b + P[1, 2, i, j, k] * c
                r[2, i, j, k] = P[2, 0, i, j, k] * a + P[2, 1, i, j, k] * b + P[2, 2, i, j, k] * c


def fourier_preconditioner(shape, Kref):
    """Inverse of the periodic reference stiffness in Fourier space: (3, 3, nx, ny, nz//2+1) complex."""
    nx, ny, nz = shape
    kx = 2 * np.pi * np.fft.fftfreq(nx)[:, None, None]
    ky = 2 * np.pi * np.fft.fftfreq(ny)[None, :, None]
    kz = 2 * np.pi * np.fft.rfftfreq(nz)[None, None, :]
    # Khat_ij(k) = sum_ab K_aibj exp(i k.(o_b - o_a)): group the 64 node pairs by d = o_b - o_a (27 terms)
    Kb = Kref.reshape(8, 3, 8, 3)
    C = {}
    for a, oa in enumerate(OFFSETS):
        for b, ob in enumerate(OFFSETS):
            d = tuple(ob - oa)
            C[d] = C.get(d, 0.0) + Kb[a, :, b, :]
    ex = {d: np.exp(1j * d * kx) for d in (-1, 0, 1)}
    ey = {d: np.exp(1j * d * ky) for d in (-1, 0, 1)}
    ez = {d: np.exp(1j * d * kz) for d in (-1, 0, 1)}
    Kh = np.zeros((nx, ny, kz.shape[2], 3, 3), complex)
    for d, Cd in C.items():
        Kh += (ex[d[0]] * ey[d[1]] * ez[d[2]])[..., None, None] * Cd
    Kh[0, 0, 0] = np.eye(3)  # zero frequency: rigid translation, set its update to zero below
    inv = np.linalg.inv(Kh)
    inv[0, 0, 0] = 0.0
    return np.ascontiguousarray(np.moveaxis(inv, (-2, -1), (0, 1)))
