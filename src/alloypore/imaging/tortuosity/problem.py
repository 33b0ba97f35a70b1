r"""Problem set-up: the diffusion problem on the percolating pore cluster, before any solving.

Dimensionless (D_bulk = 1, voxel edge = 1).  On the pore voxels of the cluster that
percolates from the inlet face to the outlet face along ``axis``

.. math::  \nabla\cdot\nabla c = 0,\quad c = 1 \text{ at the inlet},\ c = 0 \text{ at the outlet},

no flux through solid walls and through the four side faces.  Finite volumes on the
voxel grid: conductance 1 between face-sharing pore voxels, ``g_boundary`` between an
end-layer voxel and the fixed value beyond it.  Two conventions (``bc``):

``"faces"`` (TauFactor's)
    c is fixed on the outer faces of the box, half a voxel from the first and last
    voxel centres (boundary conductance 2); every cluster voxel is an unknown.
``"voxel-centres"`` (PoreSpy ``tortuosity_fd``'s)
    c is fixed on the first and last voxel layers (boundary conductance 1 to the
    neighbouring interior voxel); the end layers are not unknowns.

Every backend of :mod:`alloypore.imaging.tortuosity.solvers` solves the same
:class:`DiffusionProblem`: the symmetric positive definite system ``A c = b`` with
``A`` the conductance Laplacian of the domain voxels plus the boundary conductances on
the diagonal and ``b = g_in`` on the inlet layer (``c_in = 1``, ``c_out = 0``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage as ndi
from scipy import sparse

from alloypore.errors import InputError

__all__ = ["BCS", "DiffusionProblem", "Solution", "percolating_cluster", "set_up"]

#: Boundary conventions: name -> what it means.
BCS = {"faces": "TauFactor", "voxel-centres": "PoreSpy"}

_STRUCT6 = ndi.generate_binary_structure(3, 1)


@dataclass
class DiffusionProblem:
    """The linear problem along one axis; arrays have ``axis`` moved to the front (axis 0)."""

    axis: int
    bc: str
    cluster: np.ndarray  # bool (N, A1, A2): the percolating cluster, whole box
    domain: np.ndarray  # bool: the unknowns (the cluster, or the cluster without its end layers)
    g_in: np.ndarray  # float32 (A1, A2): conductance of each inlet-layer cell to c = 1
    g_out: np.ndarray  # float32 (A1, A2): conductance of each outlet-layer cell to c = 0
    g_boundary: float  # the non-zero value of g_in / g_out: 2 (faces) or 1 (voxel-centres)
    length: int  # L in voxels: N (faces) or N - 1 (voxel-centres)
    area: int  # A: the box cross-section in voxels
    total_porosity: float
    percolating_porosity: float

    def initial_guess(self) -> np.ndarray:
        """The linear profile from 1 at the inlet to 0 at the outlet, on the domain (float64)."""
        n0 = self.domain.shape[0]
        if self.bc == "faces":
            prof = 1.0 - (np.arange(n0) + 0.5) / n0
        else:
            prof = 1.0 - (np.arange(n0) + 1.0) / (n0 + 1)
        return prof[:, None, None] * self.domain

    def fluxes(self, c: np.ndarray) -> tuple[float, float]:
        """Total flux entering at the inlet and leaving at the outlet for the field ``c`` on the domain."""
        jin = float(np.sum(self.g_in * (1.0 - c[0])))
        jout = float(np.sum(self.g_out * c[-1]))
        return jin, jout

    def balanced(self, c: np.ndarray, ftol: float) -> bool:
        """Inlet and outlet fluxes agree within ``ftol`` (relative)."""
        jin, jout = self.fluxes(c)
        return abs(jin - jout) <= ftol * max(abs(jin), abs(jout))

    def rhs_norm(self) -> float:
        """``||b||``: the scale of the relative residual (``b = g_in`` on the inlet layer)."""
        return float(np.sqrt(np.sum(self.g_in.astype(np.float64) ** 2)))

    def matrix(self) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """``(A, b, index)`` assembled over the domain voxels (for matrix-based backends).

        ``index`` maps each domain voxel (in C order) to its row: ``c[domain] = x``.
        """
        dom = self.domain
        idx = np.full(dom.shape, -1, dtype=np.int64)
        n = int(np.count_nonzero(dom))
        idx[dom] = np.arange(n)
        diag = np.zeros(n)
        rows, cols = [], []
        for a in range(3):
            lo = [slice(None)] * 3
            hi = [slice(None)] * 3
            lo[a], hi[a] = slice(0, -1), slice(1, None)
            both = dom[tuple(lo)] & dom[tuple(hi)]
            i, j = idx[tuple(lo)][both], idx[tuple(hi)][both]
            rows += [i, j]
            cols += [j, i]
            np.add.at(diag, i, 1.0)
            np.add.at(diag, j, 1.0)
        diag[idx[0][dom[0]]] += self.g_in[dom[0]]
        diag[idx[-1][dom[-1]]] += self.g_out[dom[-1]]
        r, c = np.concatenate(rows), np.concatenate(cols)
        A = sparse.csr_matrix((np.concatenate([-np.ones(r.size), diag]),
                               (np.concatenate([r, np.arange(n)]), np.concatenate([c, np.arange(n)]))), shape=(n, n))
        b = np.zeros(n)
        b[idx[0][dom[0]]] = self.g_in[dom[0]]
        return A, b, idx


@dataclass
class Solution:
    """What a backend returns: ``c`` on the domain (0 outside it), iterations, and whether it converged."""

    concentration: np.ndarray
    iterations: int
    converged: bool


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


def set_up(pore: np.ndarray, axis: int = 0, bc: str = "faces") -> DiffusionProblem:
    """The :class:`DiffusionProblem` of the pore space ``pore`` (bool, True = pore) along ``axis``.

    Raises
    ------
    InputError
        A bad ``axis``, ``bc`` or volume shape, or no pore cluster spanning the volume along ``axis``.
    """
    if axis not in (0, 1, 2):
        raise InputError("axis", axis, "0, 1 or 2 (z, y, x)")
    if bc not in BCS:
        raise InputError("bc", bc, "'faces' (TauFactor) or 'voxel-centres' (PoreSpy)")
    pore = np.asarray(pore, dtype=bool)
    if pore.ndim != 3 or min(pore.shape) < 2:
        raise InputError("volume", f"shape {pore.shape}", "a 3D volume with at least 2 voxels per axis")
    perc = percolating_cluster(pore, axis)
    n_perc = int(np.count_nonzero(perc))
    if n_perc == 0:
        raise InputError("volume", f"axis {'zyx'[axis]}", "a pore cluster connecting the two faces normal to the axis")
    m = np.ascontiguousarray(np.moveaxis(perc, axis, 0))
    N = m.shape[0]
    if bc == "faces":
        dom, gin, gout, L = m, 2.0 * m[0].astype(np.float32), 2.0 * m[-1].astype(np.float32), N
    else:
        if N < 3:
            raise InputError("volume", f"{N} layers along the axis", "at least 3 layers for bc='voxel-centres'")
        dom, L = m[1:-1], N - 1
        gin, gout = (m[0] & m[1]).astype(np.float32), (m[-1] & m[-2]).astype(np.float32)
    return DiffusionProblem(
        axis=axis, bc=bc, cluster=m, domain=np.ascontiguousarray(dom), g_in=gin, g_out=gout,
        g_boundary=2.0 if bc == "faces" else 1.0, length=L, area=m.shape[1] * m.shape[2],
        total_porosity=np.count_nonzero(pore) / pore.size, percolating_porosity=n_perc / pore.size,
    )
