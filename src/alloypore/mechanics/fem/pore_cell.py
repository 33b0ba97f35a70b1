"""Plane-strain periodic cell with a cylindrical pore (Zhou et al. 2012 geometry), Q2, quarter cell by symmetry.

* :func:`pore_cell_2d` - uniform (or given) eigenstrain.
* :func:`pore_cell_diffusion` - one-way coupled transient: Li enters from the pore wall, the
  quasi-static stress is solved at each requested time.

Plane strain means ``eps_zz = 0`` (long pores); ``sigma_zz`` is included in the hydrostatic and
von Mises stress.
"""

from __future__ import annotations

import numpy as np
from skfem import Basis, BilinearForm, ElementQuad2, ElementVector, asm, condense, solve
from skfem.helpers import dot, grad

from alloypore import resources
from alloypore.errors import InputError
from alloypore.mechanics._checks import check_eigenstrain
from alloypore.mechanics._mesh import quarter_cell_with_pore
from alloypore.mechanics.fem._cells import cell_summary, check_bc, solve_cell, uniform_eigenstrain
from alloypore.mechanics.fem._sampling import hoop_at_radius, mean_stresses, sample
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.inputs import PoreCell
from alloypore.plotting import new_figure

__all__ = ["pore_cell_2d", "pore_cell_diffusion", "plot_diffusion"]


def _mesh(l: float, r: float, n_radial: int, n_angle: int):  # noqa: E741
    L = l / 2
    name, n = ("n_angle", n_angle) if n_angle >= n_radial else ("n_radial", n_radial)  # the larger is named
    resources.check(name, n, resources.fem_estimate(2.0 * n_angle * n_radial, 2))  # two ray blocks
    return quarter_cell_with_pore(L, r, n_radial, n_angle, grading=float(np.clip((L - r) / r, 1.0, 10.0)))


def pore_cell_2d(cell: PoreCell, eigenstrain: float, bc: str = "confined", n_angle: int = 12, n_radial: int = 12,
                 solver: str = "auto", eigenstrain_field=None) -> FieldResult:
    """Plane-strain square cell (side ``l``) with a centred cylindrical pore, quarter cell by symmetry.

    ``bc="confined"``: zero macro-strain (cell faces fixed normal to themselves, sliding free) -
    the periodic array cannot expand; far from a small pore the stress is ``-E eps*/(1-2nu)``
    (hydrostatic) and the hole hoop stress tends to twice that (Kirsch, biaxial).
    ``bc="free"``: zero macro-stress (faces stay straight, each moves as one, zero net force).
    ``eigenstrain_field`` optionally maps a scikit-fem basis on this mesh to eps* at its points (nel, nqp).
    ``n_angle`` elements per 45 degrees, ``n_radial`` along each ray; ``solver`` a key of
    :data:`~alloypore.mechanics.fem.solvers.LINEAR_SOLVERS` or ``"auto"``.
    """
    l, r = cell.cell_size_nm, cell.pore_radius_nm  # noqa: E741
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    check_bc(bc)
    E, n = cell.material.E_GPa, cell.material.nu
    mesh = _mesh(l, r, n_radial, n_angle)
    elem = ElementVector(ElementQuad2())
    eig_at = uniform_eigenstrain(eps) if eigenstrain_field is None else eigenstrain_field
    sol = solve_cell(mesh, elem, 2, l / 2, cell.material, eig_at, bc, solver)
    ne = mesh.t.shape[1]
    pts, s = sample(mesh, elem, 2, sol.u, np.full(ne, sol.lam), np.full(ne, sol.mu), eig_at)
    hoop = hoop_at_radius(pts, s, r, 2)
    summary = {
        "pore_hoop_max_GPa": float(hoop.max()),
        "pore_hoop_min_GPa": float(hoop.min()),
        "pore_hoop_mean_GPa": float(hoop.mean()),
        "confined_far_field_GPa": -E * eps / (1 - 2 * n),
        **cell_summary(pts, s, float(np.pi * r**2 / l**2), r / l, bc, ne),
        **mean_stresses(sol.basis, sol.u, sol.lam, sol.mu, sol.eig_qp, 2, l),
    }
    return FieldResult(f"pore cell plane strain ({bc})", pts, s, summary, sol.n_dofs, sol.solver, sol.iterations)


def _diffusion_operators(mesh, l: float):  # noqa: E741
    """Scalar Q2 basis, stiffness ``l^2 lap`` (dc/dtau with tau = D t / l^2) and mass matrix."""
    sb = Basis(mesh, ElementQuad2())

    @BilinearForm
    def lap(u, v, w):
        return dot(grad(u), grad(v)) * l**2

    @BilinearForm
    def mass(u, v, w):
        return u * v

    return sb, asm(lap, sb), asm(mass, sb)


def _interp_scalar(c, scale):
    """Eigenstrain callable: ``scale * c`` evaluated at the points of any vector basis on the same mesh."""

    def g(basis):
        return scale * np.asarray(basis.with_element(ElementQuad2()).interpolate(c))

    return g


def pore_cell_diffusion(
    cell: PoreCell,
    eigenstrain_max: float,
    Dt_over_l2,
    bc: str = "free",
    n_angle: int = 10,
    n_radial: int = 10,
    n_steps: int = 60,
) -> dict:
    """One-way coupled lithiation of a porous cell: Li enters from the pore surface.

    ``c_t = D lap c`` with ``c = c_s`` on the pore wall, no flux on the symmetry faces,
    ``c = 0`` at t = 0 (Q2, implicit Euler in the dimensionless time ``D t / l^2``, graded
    steps); the eigenstrain is ``eps_max c/c_s`` and the stress is solved at each requested
    time (quasi-static, stress does not feed back on diffusion, Zhou et al. 2012).
    Returns ``{"Dt_over_l2": [...], "von_mises_max_GPa": [...], "max_principal_max_GPa": [...],
    "pore_hoop_max_GPa": [...], "mean_concentration": [...]}``.  In these units the result
    depends on ``r/l`` only (size effect collapses onto ``D t / l^2``).
    """
    l, r = cell.cell_size_nm, cell.pore_radius_nm  # noqa: E741
    check_eigenstrain("eigenstrain_max", eigenstrain_max)
    check_bc(bc)
    taus = np.sort(np.atleast_1d(np.asarray(Dt_over_l2, dtype=float)))
    if taus[0] <= 0:
        raise InputError("Dt_over_l2", float(taus[0]), "allowed 0 < Dt_over_l2")
    sb, A, M = _diffusion_operators(_mesh(l, r, n_radial, n_angle), l)
    # dofs on the pore wall (facet midpoints of curved edges are off the circle: select by dof location)
    wall = np.nonzero(np.isclose(np.linalg.norm(sb.doflocs, axis=0), r, rtol=1e-7))[0]
    c = np.zeros(sb.N)
    c[wall] = 1.0
    out = {k: [] for k in ("Dt_over_l2", "von_mises_max_GPa", "max_principal_max_GPa", "pore_hoop_max_GPa",
                           "mean_concentration")}
    t = 0.0
    for target in taus:
        # graded time steps (fine at start), passing exactly through each requested time
        span = target - t
        k = max(4, int(np.ceil(n_steps * span / taus[-1])))
        for dt in np.diff(t + span * (np.linspace(0, 1, k + 1) ** 2)):
            c = solve(*condense(M + dt * A, M @ c, x=c, D=wall))
        t = target
        res = pore_cell_2d(cell, eigenstrain_max, bc=bc, n_angle=n_angle, n_radial=n_radial,
                           eigenstrain_field=_interp_scalar(c, eigenstrain_max)).summary_values
        out["Dt_over_l2"].append(float(target))
        for key in ("von_mises_max_GPa", "max_principal_max_GPa", "pore_hoop_max_GPa"):
            out[key].append(res[key])
        out["mean_concentration"].append(float((np.asarray(sb.interpolate(c)) * sb.dx).sum() / sb.dx.sum()))
    return out


def plot_diffusion(result: dict):
    """Peak von Mises and max principal stress against ``D t / l^2`` (a :func:`pore_cell_diffusion` result)."""
    fig, ax = new_figure()
    ax.semilogx(result["Dt_over_l2"], result["von_mises_max_GPa"], "o-", label="max von Mises")
    ax.semilogx(result["Dt_over_l2"], result["max_principal_max_GPa"], "s-", label="max principal")
    ax.set_xlabel("D t / l^2")
    ax.set_ylabel("stress (GPa)")
    ax.legend()
    return fig
