"""Core with eigenstrain bonded in a shell: axisymmetric Q2 FEM of a quarter (r, z) section.

Checks the closed form :func:`alloypore.mechanics.spheres.core_shell_stress` (tests/mechanics).
"""

from __future__ import annotations

import math

import numpy as np
from skfem import ElementQuad2, ElementVector, condense

from alloypore import resources
from alloypore.mechanics._checks import check_eigenstrain, check_positive
from alloypore.mechanics._mesh import quarter_disk_layers
from alloypore.mechanics.fem._assembly import core_shell_system
from alloypore.mechanics.fem._sampling import normal_stress, sample
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.fem.solvers import solve_linear
from alloypore.mechanics.inputs import CoreShell

__all__ = ["core_shell_axisymmetric"]


def _mesh(a: float, h: float, hs: float):
    b = a + h
    # elements of quarter_disk_layers: the inner square plus two ray blocks (checked before any allocation)
    # Python floats: a tiny --mesh-size-nm gives an inf estimate (refused), not a numpy overflow warning
    na, nc, ns = (max(lo, float(math.ceil(x))) if math.isfinite(x) else math.inf
                  for lo, x in ((4.0, math.pi / 4 * b / hs), (3.0, 0.5 * a / hs), (3.0, h / hs)))
    resources.check("mesh_size_nm", hs, resources.fem_estimate(na * na + 2 * na * (nc + ns), 2))
    n_angle = max(4, int(np.ceil(np.pi / 4 * b / hs)))
    n_core = max(3, int(np.ceil(0.5 * a / hs)))
    n_shell = max(3, int(np.ceil(h / hs)))
    return quarter_disk_layers([a, b], n_angle, n_core, [n_shell])


def _solve(basis, K, f, solver):
    """Symmetry (``u_r = 0`` on the axis, ``u_z = 0`` on ``z = 0``), solve; ``(u, ndofs, name, its)``."""
    D = np.concatenate([basis.get_dofs(lambda x: np.isclose(x[0], 0.0)).nodal["u^1"],
                        basis.get_dofs(lambda x: np.isclose(x[1], 0.0)).nodal["u^2"]])
    # facet/interior dofs on the symmetry lines too
    D = np.unique(np.concatenate([D, basis.get_dofs(lambda x: np.isclose(x[0], 0.0)).all("u^1"),
                                  basis.get_dofs(lambda x: np.isclose(x[1], 0.0)).all("u^2")]))
    Kc, fc, _, I = condense(K, f, D=D)
    B = np.zeros((len(I), 1))
    B[:, 0] = (np.arange(K.shape[0]) % 2 == 1)[I]  # z-translation
    x_I, name, its = solve_linear(Kc, fc, B=B, solver=solver)
    u = np.zeros(K.shape[0])
    u[I] = x_I
    return u, len(I), name, its


def _shell_surface_values(mesh, u, lam_e, mu_e, eig_e, core, a: float, b: float) -> dict:
    """Hoop stress on the shell side of ``r = a`` and at ``r = b``, radial stress at ``r = a`` (shell side)."""
    # core elements' samples at r = a are core side; use shell elements only for the shell values
    sp, ss = sample(mesh, ElementVector(ElementQuad2()), 2, u, lam_e, mu_e, eig_e, axisym=True,
                    elements=np.nonzero(~core)[0])
    sr_ = np.linalg.norm(sp, axis=0)
    hoop = ss["zz"]
    inner = np.abs(sr_ - a) < 1e-6 * a
    outer = np.abs(sr_ - b) < 1e-6 * b
    return {"shell_radial_inner_GPa": float(normal_stress(sp, ss, inner, a).mean()),  # = -p
            "shell_hoop_inner_GPa": float(hoop[inner].mean()),
            "shell_hoop_outer_GPa": float(hoop[outer].mean())}


def core_shell_axisymmetric(
    particle: CoreShell,
    eigenstrain: float,
    mesh_size_nm: float | None = None,
    solver: str = "auto",
) -> FieldResult:
    """Axisymmetric Q2 FEM of a core (eigenstrain) in a bonded shell; quarter (r, z) section.

    Weak form (weight r, the 2 pi cancels): ``int (lam tr e(u) tr e(v) + 2 mu e(u):e(v)) r dr dz
    = int 3K eps* tr e(v) r dr dz`` with ``e_tt = u_r / r``.  Symmetry: ``u_r = 0`` on the axis,
    ``u_z = 0`` on ``z = 0``; outer surface traction free.  The shell hoop stress is the
    circumferential ``sigma_tt`` sampled on the shell side of ``r = a`` and at ``r = b``.
    ``mesh_size_nm`` defaults to ``b / 30``; ``solver`` is a key of
    :data:`~alloypore.mechanics.fem.solvers.LINEAR_SOLVERS` or ``"auto"``.
    """
    a = particle.core_radius_nm
    h = check_positive("shell_thickness_nm", particle.shell_thickness_nm, "nm")
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    b = a + h
    hs = b / 30.0 if mesh_size_nm is None else check_positive("mesh_size_nm", mesh_size_nm, "nm")
    mesh = _mesh(a, h, hs)
    basis, K, f, lam_e, mu_e, eig_e, core = core_shell_system(mesh, particle, eps)
    u, ndofs, name, its = _solve(basis, K, f, solver)
    pts, s = sample(mesh, ElementVector(ElementQuad2()), 2, u, lam_e, mu_e, eig_e, axisym=True)
    core_mask = np.linalg.norm(pts, axis=0) < a * (1 - 1e-9)
    shell = _shell_surface_values(mesh, u, lam_e, mu_e, eig_e, core, a, b)
    summary = {
        # the core stress is uniform (-p): its mean is the most accurate pressure estimate
        "interface_pressure_GPa": float(-s["hydrostatic"][core_mask].mean()),
        "shell_radial_inner_GPa": shell["shell_radial_inner_GPa"],
        "shell_hoop_inner_GPa": shell["shell_hoop_inner_GPa"],
        "shell_hoop_outer_GPa": shell["shell_hoop_outer_GPa"],
        "core_hydrostatic_mean_GPa": float(s["hydrostatic"][core_mask].mean()),
        "von_mises_max_GPa": float(s["von_mises"].max()),
        "max_principal_max_GPa": float(s["max_principal"].max()),
        "max_principal_location_nm": [float(x) for x in pts[:, int(np.argmax(s["max_principal"]))]],
        "n_elements": int(mesh.t.shape[1]),
        "mesh_size_nm": hs,
    }
    return FieldResult("core-shell axisymmetric", pts, s, summary, ndofs, name, its)
