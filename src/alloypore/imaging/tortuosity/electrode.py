r"""The electrode tortuosity factor, as TauFactor's ``ElectrodeSolver`` defines it (Nguyen et al. 2020).

The electrolyte (pore voxels) is a resistor network (conductance 1 between face-sharing pore
voxels and between the first layer and the driven face); every face between a pore voxel and
anything that is not pore (solid, the four side faces and the far face of the box) is a
double-layer interface: a resistance 1/2 in series with a capacitance 2 to the grounded
solid, admittance ``y = 2 j w / (1 + j w)`` (TauFactor's ``res = c_DL = 1``).  Driving the
inlet face with a unit voltage, the impedance of the network at low frequency is that of a
transmission line, ``Z -> 1/(j w C) + R_ion/3``, and

.. math::  \tau_e = \varepsilon \, 3\,\mathrm{Re}\,Z(\omega \to 0)\; \frac{A}{N + 2}

with ``eps`` the pore fraction of the whole box, ``A`` its cross-section and ``N`` its length
in voxels (TauFactor divides by the padded length ``N + 2``; kept, so that the numbers are
TauFactor's).  TauFactor iterates a complex over-relaxation at ``w = 1e-6`` then ``1e-7``
until two runs agree; here the limit is taken exactly.  With ``phi = 1 + w phi_1 + ...`` on the
pore cluster connected to the inlet (DC: no current, uniform potential), ``y = 2 j w + 2 w^2 + O(w^3)``
and current conservation,

.. math::  \mathrm{Re}\,Z(0) = \frac{1}{2 S} + \frac{s^T L^{-1} s}{S^2}

with ``L`` the conductance Laplacian of the cluster (inlet faces on the diagonal), ``s`` the
number of interface faces of each cluster voxel and ``S = sum(s)``: one symmetric positive
definite solve (conjugate gradients preconditioned by pyamg's classical Ruge-Stuben AMG, which
suits this M-matrix Laplacian: 17-18 iterations to 1e-10 on blobs 32^3 and 48^3).  Pore
clusters not connected to the inlet carry no current as ``w -> 0``.  Checks: a straight channel
against the closed form of the 1D chain (``L^-1_ij = min(i, j)``), and TauFactor 1.2.1 on the
same volumes within 1e-5 (``tests/imaging/test_imaging_electrode_tortuosity.py``).

Reference: A. N. Nguyen, S. J. Cooper et al., "The electrode tortuosity factor: why the
conventional tortuosity factor is not well suited for quantifying transport in porous Li-ion
battery electrodes and what to use instead", npj Comput. Mater. 6 (2020) 123.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pyamg
from scipy import ndimage as ndi
from scipy import sparse

from alloypore.errors import ConvergenceError, InputError

__all__ = ["ElectrodeTortuosity", "electrode_tortuosity", "interface_network"]

_STRUCT6 = ndi.generate_binary_structure(3, 1)


@dataclass(frozen=True)
class ElectrodeTortuosity:
    """``tau_e`` along ``axis`` and the parts of the formula (module docstring)."""

    axis: int
    tau_e: float
    real_impedance: float  # Re Z(w -> 0), in units of one voxel face's resistance
    interface_faces: int  # S
    porosity: float  # pore fraction of the box
    connected_porosity: float  # pore fraction connected to the inlet face
    length: int
    area: int

    def to_dict(self) -> dict:
        return asdict(self)


def interface_network(pore: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """``(L, s, cluster)`` along axis 0: the conductance Laplacian of the pore cluster connected to the
    inlet layer (with the inlet faces on its diagonal), the interface faces of each of its voxels, and the cluster."""
    lab, _ = ndi.label(pore, _STRUCT6)
    inlet = np.unique(lab[0][pore[0]])
    cluster = np.isin(lab, inlet[inlet > 0])
    n = int(cluster.sum())
    idx = np.full(np.add(pore.shape, 2), -1, dtype=np.int64)
    core = idx[1:-1, 1:-1, 1:-1]
    core[cluster] = np.arange(n)
    diag, s = np.zeros(n), np.zeros(n)
    rows, cols = [], []
    me = core[cluster]
    for ax in range(3):
        for d in (1, -1):
            nb = np.roll(idx, -d, axis=ax)[1:-1, 1:-1, 1:-1][cluster]
            linked = nb >= 0
            rows.append(me[linked])
            cols.append(nb[linked])
            diag[me[linked]] += 1
            faces = ~linked
            if ax == 0 and d == -1:  # the -axis face of the first layer is the driven face, not an interface
                first = np.zeros(pore.shape, dtype=bool)
                first[0] = True
                driven = faces & first[cluster]
                diag[me[driven]] += 1
                faces &= ~driven
            s[me[faces]] += 1
    r, c = np.concatenate(rows), np.concatenate(cols)
    lap = sparse.csr_matrix((-np.ones(r.size), (r, c)), shape=(n, n)) + sparse.diags(diag, format="csr")
    return lap, s, cluster


def electrode_tortuosity(pore: np.ndarray, axis: int = 0, *, rtol: float = 1e-10, max_iter: int = 2000) -> ElectrodeTortuosity:
    """The electrode tortuosity factor of the pore space (bool, True = electrolyte) along ``axis`` (module docstring).

    Raises a one-line :class:`InputError` when no pore voxel touches the inlet face, and
    :class:`ConvergenceError` when the solve does not reach ``rtol``.
    """
    pore = np.moveaxis(np.asarray(pore, dtype=bool), int(axis), 0)
    if pore.ndim != 3:
        raise InputError("volume", f"{pore.ndim}D", "a 3D pore image")
    if not pore[0].any():
        raise InputError("volume", "no pore voxel on the inlet face", "electrolyte reaching the face the current enters")
    lap, s, cluster = interface_network(pore)
    total = float(s.sum())
    if total == 0:
        raise InputError("volume", "no interface", "some solid (or box side) next to the electrolyte")
    ml = pyamg.ruge_stuben_solver(lap)
    residuals: list[float] = []
    u = ml.solve(s, tol=rtol, accel="cg", maxiter=max_iter, residuals=residuals)
    if np.linalg.norm(s - lap @ u) > 10 * rtol * np.linalg.norm(s):
        raise ConvergenceError(f"electrode tortuosity: CG stopped at residual {residuals[-1]:.2e} after {len(residuals)} "
                               f"iterations; allowed rtol {rtol:g} (raise max_iter)")
    rez = 1.0 / (2.0 * total) + float(s @ u) / total**2
    n, a1, a2 = pore.shape
    eps = float(pore.mean())
    return ElectrodeTortuosity(int(axis), eps * 3.0 * rez * a1 * a2 / (n + 2), rez, int(total), eps,
                               float(cluster.mean()), n, a1 * a2)
