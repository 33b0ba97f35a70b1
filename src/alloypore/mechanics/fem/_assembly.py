"""Stiffness and eigenstrain load: vectorised Q2 assembly (plane strain, 3-D) and the axisymmetric weak form.

Shared by every FEM problem of :mod:`alloypore.mechanics.fem` and by :mod:`alloypore.mechanics.contact`.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from skfem import Basis, BilinearForm, ElementQuad2, ElementVector, LinearForm, asm

from alloypore.mechanics._stress import lame_moduli
from alloypore.mechanics.inputs import CoreShell

__all__ = ["per_elem", "axisym_system", "core_shell_system", "elastic_system", "eig_load"]


def per_elem(values, basis):
    """Per-element values (n_elements,) -> (nelems of basis, n_points)."""
    if np.ndim(values) != 1:
        return values
    v = np.asarray(values, dtype=float)
    if basis.tind is not None:
        v = v[basis.tind]
    return v[:, None] * np.ones(basis.X.shape[1])[None, :]


def axisym_system(mesh, lam_e, mu_e, eig_e):
    """Axisymmetric (r, z) Q2 stiffness and eigenstrain load, per-element Lame moduli and eigenstrain.

    Weak form (weight r, the 2 pi cancels): ``int (lam tr e(u) tr e(v) + 2 mu e(u):e(v)) r dr dz
    = int 3K eps* tr e(v) r dr dz`` with ``e_tt = u_r / r``.  Nodal forces of this form times
    2 pi are the real forces.  Returns ``(basis, K, f)``.
    """
    basis = Basis(mesh, ElementVector(ElementQuad2()), intorder=6)
    lam, mu, eig = (per_elem(v, basis) for v in (lam_e, mu_e, eig_e))

    def strains(u, r):
        G = u.grad
        return G[0][0], G[1][1], np.asarray(u)[0] / r, 0.5 * (G[0][1] + G[1][0])

    @BilinearForm
    def stiffness(u, v, w):
        ur, uz, ut, urz = strains(u, w.x[0])
        vr, vz, vt, vrz = strains(v, w.x[0])
        tu, tv = ur + uz + ut, vr + vz + vt
        return (w.lam * tu * tv + 2 * w.mu * (ur * vr + uz * vz + ut * vt + 2 * urz * vrz)) * w.x[0]

    @LinearForm
    def load(v, w):
        vr, vz, vt, _ = strains(v, w.x[0])
        return (3 * w.lam + 2 * w.mu) * w.eig * (vr + vz + vt) * w.x[0]

    return basis, asm(stiffness, basis, lam=lam, mu=mu), asm(load, basis, lam=lam, mu=mu, eig=eig)


def core_shell_system(mesh, particle: CoreShell, eigenstrain: float):
    """Axisymmetric system of a core-shell section: elements whose centre lies inside ``a`` are core.

    Returns ``(basis, K, f, lam_e, mu_e, eig_e, core)`` with per-element Lame moduli, eigenstrain
    (the core's, 0 in the shell) and the boolean core mask.
    """
    rc = np.linalg.norm(mesh.p[:, mesh.t].mean(axis=1), axis=0)
    core = rc < particle.core_radius_nm
    E_e = np.where(core, particle.core.E_GPa, particle.shell.E_GPa)
    nu_e = np.where(core, particle.core.nu, particle.shell.nu)
    lam_e, mu_e = lame_moduli(E_e, nu_e)
    eig_e = np.where(core, eigenstrain, 0.0)
    basis, K, f = axisym_system(mesh, lam_e, mu_e, eig_e)
    return basis, K, f, lam_e, mu_e, eig_e, core


def _bmatrix(basis):
    """Strain-displacement matrices B (nel, nqp, nvoigt, ndof_e), engineering shear strains.

    Voigt order 2-D: xx, yy, 2xy; 3-D: xx, yy, zz, 2yz, 2xz, 2xy.  Vectorised replacement of
    scikit-fem's form loop (which is slow for 81-dof Q2 hexahedra).
    """
    G = np.stack([phi[0].grad for phi in basis.basis], axis=-1)  # (dim, dim, nel, nqp, ndof)
    dim = G.shape[0]
    if dim == 2:
        rows = [G[0, 0], G[1, 1], G[0, 1] + G[1, 0]]
    else:
        rows = [G[0, 0], G[1, 1], G[2, 2], G[1, 2] + G[2, 1], G[0, 2] + G[2, 0], G[0, 1] + G[1, 0]]
    return np.stack(rows, axis=2)


def _dmatrix(dim, lam, mu):
    if dim == 2:  # plane strain
        return np.array([[lam + 2 * mu, lam, 0], [lam, lam + 2 * mu, 0], [0, 0, mu]])
    C = np.zeros((6, 6))
    C[:3, :3] = lam
    C[np.arange(3), np.arange(3)] += 2 * mu
    C[np.arange(3, 6), np.arange(3, 6)] = mu
    return C


def _assemble_K(basis, dim, lam, mu):
    B = _bmatrix(basis)
    C = _dmatrix(dim, lam, mu)
    Ke = np.einsum("eqik,ij,eqjl,eq->ekl", B, C, B, basis.dx, optimize=True)
    dofs = basis.element_dofs  # (ndof_e, nel)
    nd = dofs.shape[0]
    rows = np.repeat(dofs.T, nd, axis=1).ravel()
    cols = np.tile(dofs.T, (1, nd)).ravel()
    return coo_matrix((Ke.ravel(), (rows, cols)), shape=(basis.N, basis.N)).tocsr()


def elastic_system(mesh, elem, dim, E, nu):
    """Basis, stiffness and Lame moduli of a homogeneous body (plane strain in 2-D)."""
    basis = Basis(mesh, elem)
    lam_v, mu_v = lame_moduli(E, nu)
    return basis, _assemble_K(basis, dim, lam_v, mu_v), lam_v, mu_v


def eig_load(basis, lam_v, mu_v, eig_qp):
    """Load of an isotropic eigenstrain: f = int B^T (3K eps*) [1, 1, (1,) 0...] dx."""
    B = _bmatrix(basis)
    dim = basis.mesh.p.shape[0]
    m = np.zeros(B.shape[2])
    m[:dim] = 1.0
    fe = np.einsum("eqik,i,eq->ek", B, m, (3 * lam_v + 2 * mu_v) * eig_qp * basis.dx, optimize=True)
    return np.bincount(basis.element_dofs.T.ravel(), weights=fe.ravel(), minlength=basis.N)
