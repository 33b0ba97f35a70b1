"""Periodic cell with a cylindrical pore (Zhou et al. 2012 geometry), generalized plane strain, Q2, quarter cell.

* :func:`pore_cell_2d` - uniform (or given) eigenstrain.
* :func:`pore_cell_diffusion` - one-way coupled transient: Li enters from the pore wall, the
  quasi-static stress is solved at each requested time.

Out of plane: generalized plane strain, a uniform axial strain ``eps_zz`` that is 0 (``axial="fixed"``)
or makes the net axial force vanish (``axial="free"``); by default it follows the in-plane boundary
(confined -> fixed, free -> free), so a free cell with uniform eigenstrain is stress-free (no
plane-strain ``sigma_zz = -E eps*`` artefact).  ``sigma_zz`` is included in the hydrostatic and von
Mises stress.  ``mesh_check=True`` solves again with twice the elements (and time steps) and reports
the relative change of the peak stresses; above :data:`MESH_TOLERANCE` the result says "not converged".
"""

from __future__ import annotations

import numpy as np
from skfem import Basis, BilinearForm, ElementQuad2, ElementVector, asm, condense, solve
from skfem.helpers import dot, grad

from alloypore import resources
from alloypore.errors import InputError
from alloypore.mechanics._checks import check_eigenstrain
from alloypore.mechanics._mesh import quarter_cell_with_pore
from alloypore.mechanics.fem._cells import axial_bc, cell_summary, check_bc, solve_cell, uniform_eigenstrain
from alloypore.mechanics.fem._sampling import hoop_at_radius, mean_stresses, sample
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.inputs import PoreCell
from alloypore.plotting import new_figure

__all__ = ["pore_cell_2d", "pore_cell_diffusion", "plot_diffusion", "MESH_TOLERANCE", "mesh_change"]

#: Relative change of a peak stress between n and 2n elements above which a result is "not converged".
MESH_TOLERANCE = 0.02
#: The peak stresses the mesh check compares.
_CHECKED = ("von_mises_max_GPa", "max_principal_max_GPa", "pore_hoop_max_GPa")
_AXIAL_TEXT = {"fixed": "plane strain (eps_zz = 0)", "free": "generalized plane strain (zero axial force)"}


def mesh_change(coarse: dict, fine: dict, stress_scale_GPa: float, keys=_CHECKED) -> dict[str, float]:
    """Relative change of each peak stress ``keys`` between two meshes, on the scale of the stresses.

    ``|fine - coarse| / max(|fine|, von_Mises_max(fine), 0.01 stress_scale)``: a peak that is ~0 (the
    largest principal stress of a body in compression, a stress-free cell) is measured against the
    peak von Mises stress (or 1 % of ``stress_scale``, e.g. ``E eps*``), not against itself.
    """
    floor = max(abs(fine["von_mises_max_GPa"]), 0.01 * abs(stress_scale_GPa), 1e-300)
    return {k: abs(fine[k] - coarse[k]) / max(abs(fine[k]), floor) for k in keys}


def _check_note(changes: dict, n_angle: int, n_radial: int, where: str = "") -> str:
    bad = {k: v for k, v in changes.items() if v > MESH_TOLERANCE}
    if not bad:
        return f"converged{where}: peak stresses change < {100 * MESH_TOLERANCE:g} % from n to 2n"
    worst = max(bad, key=bad.get)
    return (f"not converged{where}: {worst} changes {100 * bad[worst]:.1f} % from n = ({n_angle}, {n_radial}) to "
            f"({2 * n_angle}, {2 * n_radial}) elements; raise --n-angle/--n-radial")


def _mesh(l: float, r: float, n_radial: int, n_angle: int, grading: float | None = None):  # noqa: E741
    """Quarter cell; radial element sizes grow by ``grading`` from the pore out (default ``(L - r)/r`` in [1, 10])."""
    L = l / 2
    name, n = ("n_angle", n_angle) if n_angle >= n_radial else ("n_radial", n_radial)  # the larger is named
    resources.check(name, n, resources.fem_estimate(2.0 * n_angle * n_radial, 2))  # two ray blocks
    g = float(np.clip((L - r) / r, 1.0, 10.0)) if grading is None else float(grading)
    return quarter_cell_with_pore(L, r, n_radial, n_angle, grading=g)


def pore_cell_2d(cell: PoreCell, eigenstrain: float, bc: str = "confined", n_angle: int = 12, n_radial: int = 12,
                 solver: str = "auto", eigenstrain_field=None, axial: str | None = None,
                 mesh_check: bool = False, grading: float | None = None) -> FieldResult:
    """Square cell (side ``l``) with a centred cylindrical pore, quarter cell by symmetry, generalized plane strain.

    ``bc="confined"``: zero macro-strain (cell faces fixed normal to themselves, sliding free) -
    the periodic array cannot expand; far from a small pore the stress is ``-E eps*/(1-2nu)``
    (hydrostatic, with ``axial="fixed"``) and the hole hoop stress tends to twice that (Kirsch, biaxial).
    ``bc="free"``: zero macro-stress (faces stay straight, each moves as one, zero net force).
    ``axial``: ``"fixed"`` (eps_zz = 0) or ``"free"`` (zero axial force); default follows ``bc``.
    ``eigenstrain_field`` optionally maps a scikit-fem basis on this mesh to eps* at its points (nel, nqp).
    ``n_angle`` elements per 45 degrees, ``n_radial`` along each ray; ``solver`` a key of
    :data:`~alloypore.mechanics.fem.solvers.LINEAR_SOLVERS` or ``"auto"``.  ``mesh_check`` adds
    ``mesh_check`` (relative changes at 2n, :func:`mesh_change`), ``converged`` and ``note`` to the summary.
    ``grading``: radial growth of the element size from the pore out (default ``(l/2 - r)/r`` in [1, 10]).
    """
    l, r = cell.cell_size_nm, cell.pore_radius_nm  # noqa: E741
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    ax = axial_bc(bc, axial)
    E, n = cell.material.E_GPa, cell.material.nu
    mesh = _mesh(l, r, n_radial, n_angle, grading)
    elem = ElementVector(ElementQuad2())
    eig_at = uniform_eigenstrain(eps) if eigenstrain_field is None else eigenstrain_field
    sol = solve_cell(mesh, elem, 2, l / 2, cell.material, eig_at, bc, solver, axial=ax)
    ne = mesh.t.shape[1]
    pts, s = sample(mesh, elem, 2, sol.u, np.full(ne, sol.lam), np.full(ne, sol.mu), eig_at, ezz=sol.ezz)
    hoop = hoop_at_radius(pts, s, r, 2)
    summary = {
        "pore_hoop_max_GPa": float(hoop.max()),
        "pore_hoop_min_GPa": float(hoop.min()),
        "pore_hoop_mean_GPa": float(hoop.mean()),
        "confined_far_field_GPa": -E * eps / (1 - 2 * n) if ax == "fixed" else -E * eps / (1 - n),
        **cell_summary(pts, s, float(np.pi * r**2 / l**2), r / l, bc, ne),
        "axial": ax,
        "out_of_plane": _AXIAL_TEXT[ax],
        "axial_strain": sol.ezz,
        "n_angle": int(n_angle),
        "n_radial": int(n_radial),
        **mean_stresses(sol.basis, sol.u, sol.lam, sol.mu, sol.eig_qp, 2, l, ezz=sol.ezz),
    }
    if mesh_check:
        if eigenstrain_field is not None:
            raise InputError("mesh_check", True, "only with a uniform eigenstrain (a field lives on one mesh)")
        fine = pore_cell_2d(cell, eigenstrain, bc, 2 * n_angle, 2 * n_radial, solver, axial=ax, grading=grading).summary_values
        changes = mesh_change(summary, fine, E * eps)
        summary.update(mesh_check={"refined_n_angle": 2 * n_angle, "refined_n_radial": 2 * n_radial,
                                   "relative_change": changes, "tolerance": MESH_TOLERANCE,
                                   "refined": {k: fine[k] for k in _CHECKED}},
                       converged=max(changes.values()) <= MESH_TOLERANCE, note=_check_note(changes, n_angle, n_radial))
    return FieldResult(f"pore cell, {_AXIAL_TEXT[ax]} ({bc})", pts, s, summary, sol.n_dofs, sol.solver, sol.iterations)


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


_EULER_START = 4  # implicit Euler steps before Crank-Nicolson (Rannacher start: damps the wall discontinuity)
#: Radial grading of the diffusion mesh (at least): elements grow 8x from the pore wall, where the
#: early-time concentration boundary layer (width ~ sqrt(D t)) sits.
DIFFUSION_GRADING = 8.0


def _concentrations(mesh, l: float, r: float, taus: np.ndarray, n_steps: int):  # noqa: E741
    """Scalar basis and the Q2 concentration ``c/c_s`` at each ``tau``.

    Crank-Nicolson after :data:`_EULER_START` implicit Euler steps, ``n_steps`` steps to the last time
    (at least ``n_steps // 3`` per requested interval), graded quadratically from each interval's start.
    """
    sb, A, M = _diffusion_operators(mesh, l)
    # dofs on the pore wall (facet midpoints of curved edges are off the circle: select by dof location)
    wall = np.nonzero(np.isclose(np.linalg.norm(sb.doflocs, axis=0), r, rtol=1e-7))[0]
    c = np.zeros(sb.N)
    c[wall] = 1.0
    out, t, step = [], 0.0, 0
    for target in taus:
        span = target - t
        k = max(n_steps // 3, int(np.ceil(n_steps * span / taus[-1])))
        for dt in np.diff(t + span * (np.linspace(0, 1, k + 1) ** 2)):
            w = 1.0 if step < _EULER_START else 0.5  # implicit weight: Euler, then Crank-Nicolson
            c = solve(*condense(M + w * dt * A, M @ c - (1 - w) * dt * (A @ c), x=c, D=wall))
            step += 1
        t = target
        out.append(c.copy())
    return sb, out


_DIFFUSION_KEYS = ("von_mises_max_GPa", "max_principal_max_GPa", "pore_hoop_max_GPa")


def _diffusion_run(cell, eigenstrain_max, taus, bc, axial, n_angle, n_radial, n_steps) -> dict:
    l, r = cell.cell_size_nm, cell.pore_radius_nm  # noqa: E741
    grading = max(DIFFUSION_GRADING, float(np.clip((l / 2 - r) / r, 1.0, 10.0)))
    sb, cs = _concentrations(_mesh(l, r, n_radial, n_angle, grading), l, r, taus, n_steps)
    out = {k: [] for k in ("Dt_over_l2", *_DIFFUSION_KEYS, "mean_concentration")}
    for target, c in zip(taus, cs):
        res = pore_cell_2d(cell, eigenstrain_max, bc=bc, n_angle=n_angle, n_radial=n_radial, axial=axial,
                           eigenstrain_field=_interp_scalar(c, eigenstrain_max), grading=grading).summary_values
        out["Dt_over_l2"].append(float(target))
        for key in _DIFFUSION_KEYS:
            out[key].append(res[key])
        out["mean_concentration"].append(float((np.asarray(sb.interpolate(c)) * sb.dx).sum() / sb.dx.sum()))
    return out


def pore_cell_diffusion(
    cell: PoreCell,
    eigenstrain_max: float,
    Dt_over_l2,
    bc: str = "free",
    n_angle: int = 10,
    n_radial: int = 10,
    n_steps: int = 60,
    axial: str | None = None,
    mesh_check: bool = False,
) -> dict:
    """One-way coupled lithiation of a porous cell: Li enters from the pore surface.

    ``c_t = D lap c`` with ``c = c_s`` on the pore wall, no flux on the symmetry faces,
    ``c = 0`` at t = 0 (Q2, implicit Euler in the dimensionless time ``D t / l^2``, ``n_steps``
    steps to the last time, at least ``n_steps // 3`` per requested interval, graded); the eigenstrain
    is ``eps_max c/c_s`` and the stress is solved at each requested time (quasi-static, stress does
    not feed back on diffusion, Zhou et al. 2012), in generalized plane strain (``axial`` as in
    :func:`pore_cell_2d`).  Returns ``{"Dt_over_l2": [...], "von_mises_max_GPa": [...],
    "max_principal_max_GPa": [...], "pore_hoop_max_GPa": [...], "mean_concentration": [...]}`` plus
    ``axial``/``out_of_plane``.  In these units the result depends on ``r/l`` only (size effect
    collapses onto ``D t / l^2``).  ``mesh_check`` runs again with twice the elements and steps and
    adds ``relative_change`` and ``converged`` (per time) and a ``note`` naming the unconverged times.
    """
    check_eigenstrain("eigenstrain_max", eigenstrain_max)
    ax = axial_bc(bc, axial)
    taus = np.sort(np.atleast_1d(np.asarray(Dt_over_l2, dtype=float)))
    if not taus[0] > 0:
        raise InputError("Dt_over_l2", float(taus[0]), "allowed 0 < Dt_over_l2")
    out = _diffusion_run(cell, eigenstrain_max, taus, bc, ax, n_angle, n_radial, n_steps)
    out.update(axial=ax, out_of_plane=_AXIAL_TEXT[ax], n_angle=int(n_angle), n_radial=int(n_radial), n_steps=int(n_steps))
    if mesh_check:
        fine = _diffusion_run(cell, eigenstrain_max, taus, bc, ax, 2 * n_angle, 2 * n_radial, 2 * n_steps)
        scale = cell.material.E_GPa * eigenstrain_max
        changes = [mesh_change({k: out[k][i] for k in _DIFFUSION_KEYS}, {k: fine[k][i] for k in _DIFFUSION_KEYS}, scale)
                   for i in range(len(taus))]
        worst = [max(ch.values()) for ch in changes]
        bad = [f"{t:g}" for t, w in zip(taus, worst) if w > MESH_TOLERANCE]
        out.update(relative_change=worst, converged=[w <= MESH_TOLERANCE for w in worst],
                   refined={k: fine[k] for k in _DIFFUSION_KEYS},
                   note=(f"converged: peak stresses change < {100 * MESH_TOLERANCE:g} % with 2x elements and steps"
                         if not bad else f"not converged at D t / l^2 = {', '.join(bad)}: peak stresses change up to "
                         f"{100 * max(worst):.1f} % with 2x elements and steps; raise --n-angle/--n-radial"))
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
