"""Voxel elasticity: lithiation stress on a labelled 3-D image (one trilinear hexahedron per voxel).

Each voxel is a fully integrated 8-node hexahedron with its own Lame moduli and isotropic
eigenstrain; pores are void (zero stiffness).  The cell is periodic with a prescribed
macro-strain (zero by default: a periodic structure that cannot expand) or with zero mean
pressure (``bc="free"``, by superposition of two solves).

Solver: matrix-free conjugate gradients (node-wise hex8 matvec compiled with numba, parallel over
slices; each node sums the three rows of its eight elements' 24x24 matrices, void skipped;
:mod:`alloypore.mechanics._voxel_kernels`) preconditioned by the exact inverse of the same
discretisation for a homogeneous reference medium, which is diagonal in Fourier space (3x3 per frequency) - the
"Fourier-accelerated nodal solver" of Leuschner & Fritzen (2018).  No matrix is assembled, so a
100^3 image (3 M unknowns) fits in ~1.5 GB.  Void voxels make the operator singular on nodes
surrounded by void only; CG converges on the consistent (self-equilibrated) system and the
stress in the solid is unique.

References
----------
M. Leuschner, F. Fritzen, Int. J. Numer. Meth. Eng. 114, 1066 (2018).
J. Zeman et al., J. Comput. Phys. 229, 8065 (2010) (CG for FFT-based homogenisation).
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from tokenize import TokenError

import numpy as np
import scipy.fft as sfft
import tifffile

from alloypore import resources
from alloypore._io import check_input_file
from alloypore.errors import ConvergenceError, DataFileError, InputError
from alloypore.mechanics._checks import check_eigenstrain, check_elastic, check_positive
from alloypore.mechanics._stress import add_invariants, lame_moduli
from alloypore.mechanics._voxel_kernels import (
    OFFSETS,
    apply_K_kernel,
    fourier_preconditioner,
    gather,
    hex8_matrices,
    pmul_kernel,
    scatter,
)
from alloypore.plotting import new_figure

__all__ = ["VoxelResult", "solve_voxel", "sphere_pore_image", "read_label_image", "hex8_matrices", "VOXEL_BCS"]

VOXEL_BCS = ("confined", "free")
MAX_LABEL_FILE_BYTES = 2 * 1024**3


@dataclass
class VoxelResult:
    """Per-voxel stresses (GPa) at voxel centres and summaries."""

    stress_GPa: dict  # xx, yy, zz, yz, xz, xy, hydrostatic, von_mises, max_principal: (nx, ny, nz)
    solid: np.ndarray  # bool mask
    iterations: int
    residual: float
    summary_values: dict

    def summary(self) -> dict:
        out = dict(self.summary_values)
        out.update(cg_iterations=self.iterations, relative_residual=self.residual)
        return out

    def plot(self, name: str = "von_mises", axis: int = 2, index: int | None = None):
        v = self.stress_GPa[name]
        idx = v.shape[axis] // 2 if index is None else index
        sl = np.take(v, idx, axis=axis)
        mask = np.take(self.solid, idx, axis=axis)
        fig, ax = new_figure(5.5, 4.5)
        im = ax.imshow(np.where(mask, sl, np.nan).T, origin="lower", cmap="viridis")
        fig.colorbar(im, ax=ax, label=f"{name.replace('_', ' ')} stress (GPa)")
        ax.set_title(f"voxel slice {idx} along axis {axis}")
        return fig


def sphere_pore_image(n: int, pore_radius_over_cell: float) -> np.ndarray:
    """Labels (1 solid, 0 pore) of a periodic cell with one centred spherical pore (voxel-centre test)."""
    c = (np.arange(n) + 0.5) / n - 0.5
    X, Y, Z = np.meshgrid(c, c, c, indexing="ij")
    return (X**2 + Y**2 + Z**2 >= pore_radius_over_cell**2).astype(np.int8)


def read_label_image(path) -> np.ndarray:
    """Read a labelled 3-D volume (``.npy`` or ``.tif``, integer labels: 0 pore, 1.. solid phases)."""
    path = check_input_file(Path(path), max_bytes=MAX_LABEL_FILE_BYTES)
    try:
        if path.suffix == ".npy":
            labels = np.load(path, allow_pickle=False, mmap_mode="r")  # the header first: shape checked against the file
            labels = np.array(labels)
        elif path.suffix in (".tif", ".tiff"):
            labels = tifffile.imread(path)
        else:
            raise DataFileError(path, "unknown format; use .npy or .tif")
    except (ValueError, OSError, SyntaxError, EOFError, TokenError, struct.error, zipfile.BadZipFile) as exc:  # fuzzed
        raise DataFileError(path, f"cannot read volume ({type(exc).__name__})") from None
    if not np.issubdtype(labels.dtype, np.integer):
        raise DataFileError(path, f"labels must be integers, got {labels.dtype}")
    return labels


@dataclass
class _Phases:
    """Per-voxel Lame moduli and eigenstrain, and the compact phase index / element-matrix table of the kernel."""

    lam: np.ndarray
    mu: np.ndarray
    eig: np.ndarray
    phase: np.ndarray  # int32 index into Ktab, -1 for void
    Ktab: np.ndarray  # (n_phases, 24, 24)


def _phase_fields(labels: np.ndarray, phases: dict, Kl, Km) -> _Phases:
    """Moduli and eigenstrain per voxel from ``{label: (E_GPa, nu, eigenstrain)}``; unlisted labels are void."""
    lam = np.zeros(labels.shape)
    mu = np.zeros(labels.shape)
    eig = np.zeros(labels.shape)
    for lab, (E, nu, e) in phases.items():
        E, nu = check_elastic(f"phase{lab}.", E, nu)
        e = check_eigenstrain(f"phase{lab}.eigenstrain", e)
        sel = labels == lab
        lam[sel], mu[sel] = lame_moduli(E, nu)
        eig[sel] = e
    if not (mu > 0).any():
        raise InputError("labels", "all void", "at least one voxel of a listed solid phase")
    # one 24x24 element matrix per listed phase; void voxels have phase -1 and are skipped
    phase = np.full(labels.shape, -1, dtype=np.int32)
    Ktab = []
    for lab in phases:
        sel = labels == lab
        if sel.any():
            v = np.flatnonzero(sel)[0]
            phase[sel] = len(Ktab)
            Ktab.append(lam.flat[v] * Kl + mu.flat[v] * Km)
    return _Phases(lam, mu, eig, phase, np.ascontiguousarray(np.stack(Ktab)))


class _Operator:
    """The periodic hex8 problem of one image: matrix-free ``K u``, Fourier preconditioner, loads."""

    def __init__(self, ph: _Phases, h: float, Kl, Km, g):
        self.ph, self.Kl, self.Km, self.g = ph, Kl, Km, g
        self.shape = ph.lam.shape
        solid = ph.mu > 0
        lam0, mu0 = ph.lam[solid].mean(), ph.mu[solid].mean()
        self.Pinv = fourier_preconditioner(self.shape, lam0 * Kl + mu0 * Km)
        self.X = OFFSETS * h  # element-local node positions (affine part of a macro strain)

    def apply_K(self, u):
        out = np.empty_like(u)
        apply_K_kernel(u, self.ph.phase, self.ph.Ktab, out)
        return out

    def precond(self, r):
        rh = sfft.rfftn(r, axes=(1, 2, 3), workers=-1)
        pmul_kernel(self.Pinv, rh)
        return sfft.irfftn(rh, s=self.shape, axes=(1, 2, 3), workers=-1)

    def macro_load(self, E6):
        """Element displacement of the macro strain ``E6`` (Voigt) and its element forces."""
        lam, mu = self.ph.lam, self.ph.mu
        if not np.any(E6):
            return np.zeros(24), np.zeros((24, lam.size))
        Eps = np.array([[E6[0], E6[5] / 2, E6[4] / 2], [E6[5] / 2, E6[1], E6[3] / 2], [E6[4] / 2, E6[3] / 2, E6[2]]])
        ubar = (self.X @ Eps.T).ravel()  # (24,)
        return ubar, -(lam.reshape(1, -1) * (self.Kl @ ubar)[:, None] + mu.reshape(1, -1) * (self.Km @ ubar)[:, None])

    def solve_case(self, E6, with_eig: bool, tol: float, max_iter: int):
        """Fluctuation ``u`` for macro strain ``E6`` (+ eigenstrain): ``(u, ubar, iterations, residual)``."""
        ubar, fe = self.macro_load(E6)
        if with_eig:
            fe = fe + ((3 * self.ph.lam + 2 * self.ph.mu) * self.ph.eig).reshape(1, -1) * self.g[:, None]
        f = scatter(fe.reshape((24,) + self.shape))
        if np.linalg.norm(f) <= 1e-12 * max(np.linalg.norm(fe), 1e-300):  # self-balanced: no fluctuation
            return np.zeros_like(f), ubar, 0, 0.0
        u, its, res = _pcg(self.apply_K, self.precond, f, tol, max_iter)
        return u, ubar, its, res


def solve_voxel(
    labels: np.ndarray,
    phases: dict,
    voxel_size_nm: float = 1.0,
    macro_strain=None,
    bc: str = "confined",
    tol: float = 1e-6,
    max_iter: int = 2000,
) -> VoxelResult:
    """Solve periodic linear elasticity with per-voxel eigenstrain on a labelled 3-D image.

    Parameters
    ----------
    labels : (nx, ny, nz) int array
        Phase label per voxel.
    phases : dict
        ``{label: (E_GPa, nu, eigenstrain)}``; labels missing from the dict are void (pores).
    voxel_size_nm : float
        Voxel edge (stresses do not depend on it; kept for locations).
    macro_strain : (6,) array, optional
        Prescribed mean strain (Voigt, engineering shear); default zero (``confined``).
    bc : ``"confined"`` | ``"free"``
        ``free`` adds the hydrostatic macro-strain that makes the mean pressure zero (two solves).
    tol, max_iter : float, int
        Relative residual of the preconditioned CG and its iteration limit; not reaching ``tol``
        raises :class:`~alloypore.errors.ConvergenceError`.

    Returns
    -------
    VoxelResult
        Per-voxel centre stresses, solid mask and summaries (mean solid hydrostatic stress,
        peak von Mises / max principal with location in nm).

    Limitations: linear elastic, small strain; stair-cased surfaces make peak values at curved
    pore walls mesh dependent (means converge, peaks do not) - use the FEM cells for peaks.
    """
    labels = np.asarray(labels)
    if labels.ndim != 3 or min(labels.shape) < 2:
        raise InputError("labels.shape", labels.shape, "a 3-D array with at least 2 voxels per axis")
    if bc not in VOXEL_BCS:
        raise InputError("bc", bc, "one of " + ", ".join(VOXEL_BCS))
    h = check_positive("voxel_size_nm", voxel_size_nm, "nm")
    resources.check("image", f"shape {labels.shape}", resources.voxel_fem_estimate(labels.size))
    Kl, Km, g, Bc = hex8_matrices(h)
    ph = _phase_fields(labels, phases, Kl, Km)
    op = _Operator(ph, h, Kl, Km, g)
    E6 = np.zeros(6) if macro_strain is None else np.asarray(macro_strain, dtype=float)
    u, ubar, its, res = op.solve_case(E6, True, tol, max_iter)
    stress = _centre_stress(u, ubar, ph.lam, ph.mu, ph.eig, Bc)
    if bc == "free":
        u1, ubar1, its1, _ = op.solve_case(np.array([1.0, 1, 1, 0, 0, 0]), False, tol, max_iter)
        s1 = _centre_stress(u1, ubar1, ph.lam, ph.mu, np.zeros_like(ph.eig), Bc)
        alpha = -stress["hydrostatic"].mean() / s1["hydrostatic"].mean()
        stress = {k: stress[k] + alpha * s1[k] for k in ("xx", "yy", "zz", "yz", "xz", "xy")}
        its += its1
    solid = ph.mu > 0
    stress = {k: np.where(solid, v, 0.0) for k, v in add_invariants(stress).items()}
    return VoxelResult(stress, solid, its, res, _summary(stress, solid, h, bc))


def _solid_argmax(values: np.ndarray, solid: np.ndarray) -> tuple:
    """Index of the largest value among SOLID voxels (pores hold 0, which must not win over compression)."""
    return np.unravel_index(int(np.argmax(np.where(solid, values, -np.inf))), solid.shape)


def _summary(stress: dict, solid: np.ndarray, h: float, bc: str) -> dict:
    shape = solid.shape
    vm = stress["von_mises"]
    kmax = _solid_argmax(vm, solid)
    pmax = _solid_argmax(stress["max_principal"], solid)
    return {
        "solid_mean_hydrostatic_GPa": float(stress["hydrostatic"][solid].mean()),
        "cell_mean_hydrostatic_GPa": float(stress["hydrostatic"].mean()),
        "von_mises_max_GPa": float(vm[kmax]),
        "von_mises_max_location_nm": [float((i + 0.5) * h) for i in kmax],
        "max_principal_max_GPa": float(stress["max_principal"][pmax]),
        "max_principal_location_nm": [float((i + 0.5) * h) for i in pmax],
        "porosity": float(1 - solid.mean()),
        "shape": list(shape),
        "bc": bc,
    }


def _pcg(apply_K, precond, f, tol, max_iter):
    """Preconditioned conjugate gradients; :class:`ConvergenceError` if ``tol`` is not reached in ``max_iter``."""
    x = np.zeros_like(f)
    r = f.copy()
    nf = np.linalg.norm(f)
    if nf == 0:
        return x, 0, 0.0
    z = precond(r)
    p = z.copy()
    rz = np.vdot(r, z).real
    res = 1.0
    for it in range(1, max_iter + 1):
        q = apply_K(p)
        pq = np.vdot(p, q).real
        if not pq > 0:  # exact solution reached within round-off
            return x, it, float(np.linalg.norm(r) / nf)
        alpha = rz / pq
        x += alpha * p
        r -= alpha * q
        res = np.linalg.norm(r) / nf
        if res < tol:
            return x, it, float(res)
        z = precond(r)
        rz_new = np.vdot(r, z).real
        p = z + (rz_new / rz) * p
        rz = rz_new
    raise ConvergenceError(f"voxel CG did not converge in {max_iter} iterations (relative residual {res:.2e} > "
                           f"{tol:g}); raise max_iter or tol, or lower the stiffness contrast between phases")


def _centre_stress(u, ubar, lam, mu, eig, Bc):
    """Six stress components at the voxel centres from fluctuation ``u`` plus the affine part ``ubar``."""
    shape = lam.shape
    ue = gather(u).reshape(24, -1) + ubar[:, None]
    eps = Bc @ ue  # (6, N)
    tr = eps[0] + eps[1] + eps[2]
    L, M, E = lam.ravel(), mu.ravel(), eig.ravel()
    k3 = 3 * L + 2 * M
    s = {}
    for i, c in enumerate(("xx", "yy", "zz")):
        s[c] = (L * tr + 2 * M * eps[i] - k3 * E).reshape(shape)
    for i, c in zip((3, 4, 5), ("yz", "xz", "xy")):
        s[c] = (M * eps[i]).reshape(shape)
    s["hydrostatic"] = (s["xx"] + s["yy"] + s["zz"]) / 3
    return s
