"""What the periodic pore cells (2-D generalized plane strain, 3-D 1/8 cell) share: checks, boundary conditions, solve.

Symmetric cells ``[0, L]^dim`` (``L = l / 2``): rollers on the faces ``x_i = 0``; on ``x_i = L`` either
fixed normal displacement (``confined``: zero macro-strain, a periodic array that cannot expand) or
one shared normal displacement per face with zero net force (``free``: zero macro-stress).

2-D cells are solved in **generalized plane strain**: the axial strain ``eps_zz = e0`` is uniform
over the section and either fixed at 0 (``axial="fixed"``, plane strain) or set so that the net
axial force vanishes (``axial="free"``, long pores whose ends are free).  By superposition: with
``u1`` the plane-strain solution and ``u2`` the in-plane response to a unit axial strain (an
in-plane load equal to that of the eigenstrain ``-lambda/(3 lambda + 2 mu)``), ``u = u1 + e0 u2`` and
``N(e0) = N1 + e0 N2 = 0`` gives ``e0 = -N1/N2`` (``N = int sigma_zz dA``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from skfem import condense

from alloypore.errors import InputError
from alloypore.mechanics.fem._assembly import eig_load, elastic_system
from alloypore.mechanics.fem._sampling import axial_force, peak_summary
from alloypore.mechanics.fem.solvers import rigid_modes, solve_linear, tie_matrix
from alloypore.mechanics.inputs import ElasticMaterial

__all__ = ["CELL_BCS", "AXIAL_BCS", "check_bc", "axial_bc", "uniform_eigenstrain", "CellSolution", "solve_cell",
           "cell_summary"]

CELL_BCS = ("confined", "free")
#: Axial condition of a 2-D cell: eps_zz = 0 (plane strain) or zero net axial force (generalized plane strain).
AXIAL_BCS = ("fixed", "free")


def check_bc(bc: str) -> str:
    if bc not in CELL_BCS:
        raise InputError("bc", bc, "one of " + ", ".join(CELL_BCS))
    return bc


def axial_bc(bc: str, axial: str | None) -> str:
    """The axial condition: given, else the in-plane one's (confined -> fixed, free -> free: zero macro-strain or
    zero macro-stress in every direction)."""
    if axial is None:
        return "fixed" if check_bc(bc) == "confined" else "free"
    if axial not in AXIAL_BCS:
        raise InputError("axial", axial, "one of " + ", ".join(AXIAL_BCS))
    return axial


def uniform_eigenstrain(eps: float):
    """Eigenstrain callable: ``eps`` at every point of a basis, shape (elements, points)."""
    return lambda basis: eps * np.ones(basis.X.shape[1])[None, :] * np.ones((basis.nelems, 1))


def _cell_bcs(basis, dim, L, bc):
    """Dirichlet dofs and tie groups: rollers on x_i = 0; x_i = L fixed (confined) or tied (free)."""
    comps = [f"u^{i + 1}" for i in range(dim)]
    D = []
    groups = []
    for i in range(dim):
        D.append(basis.get_dofs(lambda x, i=i: np.isclose(x[i], 0.0)).all(comps[i]))
        far = basis.get_dofs(lambda x, i=i: np.isclose(x[i], L)).all(comps[i])
        if bc == "confined":
            D.append(far)
        else:
            groups.append(far)
    return np.unique(np.concatenate(D)), groups


def _solve_reduced(basis, K, f, D, groups, dim, solver):
    """Tie the ``free`` faces, condense the rollers, solve; ``(u, name, iterations, n_unknowns)``."""
    n = K.shape[0]
    P = tie_matrix(n, groups)
    Kr = (P.T @ K @ P).tocsr()
    fr = P.T @ f
    Dr = np.unique(P.indices[D])  # Dirichlet dofs in reduced numbering (one column per full dof)
    Kc, fc, _, I = condense(Kr, fr, D=Dr)
    B = rigid_modes(basis.doflocs[:, ::dim], dim)
    Br = (P.T @ B)[I] / np.maximum(np.asarray(P.sum(axis=0)).ravel()[I, None], 1)
    if solver == "auto" and dim == 3 and Kc.shape[0] > 12_000:
        solver = "amg"  # 3-D Q2 fill-in makes the direct solver slow early
    x, name, its = solve_linear(Kc, fc, B=Br, solver=solver)
    ur = np.zeros(Kr.shape[0])
    ur[I] = x
    return P @ ur, name, its, len(I)


@dataclass
class CellSolution:
    basis: object
    u: np.ndarray
    lam: float
    mu: float
    eig_qp: np.ndarray  # eigenstrain at the quadrature points (nel, nqp)
    solver: str
    iterations: int | None
    n_dofs: int
    ezz: float = 0.0  # uniform axial strain of a 2-D (generalized plane strain) solution


def solve_cell(mesh, elem, dim: int, L: float, material: ElasticMaterial, eigenstrain_at, bc: str, solver: str,
               axial: str = "fixed"):
    """Assemble, load with the eigenstrain ``eigenstrain_at(basis) -> (nel, nqp)``, apply ``bc`` and solve.

    2-D with ``axial="free"``: generalized plane strain with zero axial force (module docstring).
    """
    basis, K, lam_v, mu_v = elastic_system(mesh, elem, dim, material.E_GPa, material.nu)
    eig_qp = eigenstrain_at(basis)
    f = eig_load(basis, lam_v, mu_v, eig_qp)
    D, groups = _cell_bcs(basis, dim, L, bc)
    u, name, its, ndof = _solve_reduced(basis, K, f, D, groups, dim, solver)
    ezz = 0.0
    if dim == 2 and axial == "free":
        unit = np.full_like(eig_qp, -lam_v / (3 * lam_v + 2 * mu_v))  # in-plane load of a unit axial strain
        u2, _, its2, _ = _solve_reduced(basis, K, eig_load(basis, lam_v, mu_v, unit), D, groups, dim, solver)
        n1 = axial_force(basis, u, lam_v, mu_v, eig_qp, 0.0)
        n2 = axial_force(basis, u2, lam_v, mu_v, np.zeros_like(eig_qp), 1.0)
        ezz = -n1 / n2
        u = u + ezz * u2
        its = None if its is None else its + (its2 or 0)
    return CellSolution(basis, u, lam_v, mu_v, eig_qp, name, its, ndof, ezz)


def cell_summary(pts, s, porosity: float, r_over_l: float, bc: str, n_elements: int) -> dict:
    """Peak von Mises / max principal (with location), porosity, ``r/l``, boundary condition, elements."""
    return {**peak_summary(pts, s), "porosity": porosity, "r_over_l": r_over_l, "bc": bc,
            "n_elements": int(n_elements)}
