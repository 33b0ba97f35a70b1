"""Two contacting core-shell particles: frictionless contact of lithiating Si@C spheres (axisymmetric FEM).

Model
-----
Two identical core-shell particles (core radius ``a`` with lithiation eigenstrain ``eps*``, bonded
elastic shell to ``b = a + h``) touch at one point; the line joining their centres is the
symmetry axis.  By symmetry the plane midway between them is a frictionless rigid plane
for each particle (two identical spheres pressed together = one sphere against a symmetric,
frictionless plane).  Each particle's equatorial plane (through its centre, normal to the axis)
is held: ``u_z = 0`` there, i.e. the centres keep their distance - the particles sit in a
confined row (a calendered electrode whose neighbours stop them from moving apart), so
lithiation swelling presses them together.  ``approach_nm`` adds a prescribed approach of each
centre towards the contact (negative: an initial gap).

Only the half particle ``z >= 0`` (z from the centre towards the contact point ``(0, b)``) is
meshed: axisymmetric (r, z) Q2 quadrilaterals, graded towards the contact point
(:func:`alloypore.mechanics._mesh.quarter_disk_graded`).  Contact is node-to-plane
(no penetration of every surface node, ``z + u_z <= b``), solved *exactly* (no penalty
parameter) as a linear complementarity problem on the candidate nodes:
one sparse factorisation of the stiffness gives the displacement without contact ``u0`` and the
contact compliance ``G = E_c^T K^-1 E_c``; the nodal contact forces ``lambda >= 0`` minimise
``lambda^T G lambda / 2 + lambda^T g0`` (``g0`` the gap without contact), i.e. gap ``g = g0 + G lambda
>= 0``, ``lambda g = 0`` (Signorini conditions), solved by non-negative least squares
(Lawson-Hanson active set) after a Cholesky factorisation of ``G``.  Candidates are extended
until no surface node penetrates.

Outputs: contact force ``F = 2 pi sum(lambda)`` (nN, with GPa and nm), contact radius (midway
between the last node in contact and the next), contact pressure ``-sigma_nn`` on the surface,
and the peak von Mises / max-principal stress in the carbon at the C-C contact vs on the Si-C
interface.

Verification: a homogeneous sphere pressed onto the plane reproduces Hertz
(:func:`alloypore.mechanics.hertz.hertz_contact`); with a gap (no contact) the particle is the
free core-shell of :func:`~alloypore.mechanics.spheres.core_shell_stress` (tests/mechanics).

Limitations: linear elastic, small strain (the contact radius must stay well below ``b``;
reported as ``contact_radius_over_R``), frictionless, bonded core-shell interface, no
plasticity of lithiated Si (Xu et al. 2019 used viscoplastic Si, so their absolute numbers differ),
uniform eigenstrain (no diffusion), identical particles.

References
----------
H. Hertz, J. reine angew. Math. 92, 156 (1882); K. L. Johnson, *Contact Mechanics*, CUP 1985, ch. 4.
N. Kikuchi, J. T. Oden, *Contact Problems in Elasticity*, SIAM 1988 (Signorini problem, LCP form).
C. L. Lawson, R. J. Hanson, *Solving Least Squares Problems*, 1974 (NNLS).
Xu et al. 2019 (Si-C core-shell particles in contact; review ref. 118).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import cho_factor, solve_triangular
from scipy.optimize import nnls
from scipy.sparse.linalg import splu
from skfem import ElementQuad2, ElementVector, condense

from alloypore import resources
from alloypore.errors import ConvergenceError, InputError
from alloypore.mechanics._checks import check_eigenstrain, check_positive
from alloypore.mechanics._mesh import grow_grid, quarter_disk_graded
from alloypore.mechanics.fem._assembly import core_shell_system
from alloypore.mechanics.fem._sampling import normal_stress, peak_summary, sample
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.inputs import LINEAR_ELASTIC_NOTE, CoreShell
from alloypore.mechanics.spheres import core_shell_stress

__all__ = ["core_shell_contact", "contact_mesh", "contact_zoom_window", "CONTACT_LIMITATIONS"]

CONTACT_LIMITATIONS = "frictionless contact of identical particles with held centres; " + LINEAR_ELASTIC_NOTE
_MAX_CANDIDATE_ROUNDS = 10


def contact_mesh(core_radius_nm: float, outer_radius_nm: float, contact_mesh_nm: float, growth: float = 1.2,
                 zone_nm: float = 0.0, n_equator: int = 8):
    """Quarter (r, z) section of a core-shell sphere graded towards the pole ``(0, b)``.

    Element size ``contact_mesh_nm`` at the pole, uniform along the surface (and into the depth)
    for ``zone_nm``, then growing by ``growth`` per element along the surface (angle) and into
    the depth (shell, then core) up to ``b pi/(4 n_equator)``.
    """
    a, b, hc = float(core_radius_nm), float(outer_radius_nm), float(contact_mesh_nm)
    dphi_max = np.pi / 4 / n_equator
    d = grow_grid(np.pi / 4, hc / b, growth, dphi_max, uniform_until=zone_nm / b)
    phi_second = np.pi / 2 - d[::-1]
    phi_first = np.linspace(0.0, np.pi / 4, n_equator + 1)
    h = b - a
    t_shell = grow_grid(h, hc, growth, max(hc, min(h / 2, b * dphi_max)), uniform_until=min(zone_nm, 0.5 * h))
    shell_grid = 1.0 - t_shell[::-1] / h
    last = float(np.diff(t_shell)[-1])
    c = 0.5 * a
    t_core = grow_grid(a - c, last, growth, max(last, b * dphi_max))
    core_grid = 1.0 - t_core[::-1] / (a - c)
    return quarter_disk_graded([a, b], phi_first, phi_second, [core_grid, shell_grid], inner_fraction=0.5)


@dataclass(frozen=True)
class _Setup:
    a: float
    b: float
    h: float
    eps: float
    approach_nm: float
    contact_mesh_nm: float
    a_est: float  # Hertz-like estimate of the contact radius (nm)


def _setup(particle: CoreShell, eigenstrain, approach_nm, contact_mesh_nm, growth, iso) -> _Setup:
    """Check the inputs and choose the contact element size (see :func:`core_shell_contact`)."""
    a = particle.core_radius_nm
    h = check_positive("shell_thickness_nm", particle.shell_thickness_nm, "nm")
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    b = a + h
    if not -0.5 * b < approach_nm < 0.05 * b:
        raise InputError("approach_nm", approach_nm, f"allowed -{0.5 * b:g} < approach_nm < {0.05 * b:g} nm (small strain)")
    Es, ns = particle.shell.E_GPa, particle.shell.nu
    delta = b * (1 - ns) * iso.shell_hoop_outer_GPa / Es + approach_nm  # free swelling + approach at the pole
    a_est = float(np.sqrt(b * delta)) if delta > 0 else 0.0
    hc_default = a_est / 20 if a_est > 0 else b / 200.0
    hc = min(hc_default, b / 100) if contact_mesh_nm is None else check_positive("contact_mesh_nm", contact_mesh_nm, "nm")
    if not hc <= 0.05 * b:
        raise InputError("contact_mesh_nm", hc, f"allowed 0 < contact_mesh_nm <= {0.05 * b:g} nm (b/20)")
    if not 1.0 <= growth <= 2.0:
        raise InputError("growth", growth, "allowed 1 <= growth <= 2")
    zone = 1.3 * a_est  # uniform elements of size hc over the zone, along the surface and into the depth
    resources.check("contact_mesh_nm", hc, resources.contact_estimate(2 * (zone / hc) * (min(zone, 0.5 * h) / hc) + 1600))
    return _Setup(a, b, h, eps, float(approach_nm), hc, a_est)


def _surface_dofs(basis, I, b):
    """z dofs (nodal and facet) of the outer surface that are unknowns, sorted by r: ``(dofs, r, z)``."""
    ydofs = np.concatenate([basis.nodal_dofs[1], basis.facet_dofs[1]])
    loc = basis.doflocs[:, ydofs]
    on = np.abs(np.linalg.norm(loc, axis=0) - b) < 1e-7 * b
    surf = ydofs[on]
    surf = surf[np.isin(surf, I)]
    surf = surf[np.argsort(basis.doflocs[0, surf])]
    return surf, basis.doflocs[0, surf], basis.doflocs[1, surf]


def _signorini(lu, I, surf, xs, ys, u0, b, hc):
    """Nodal contact forces ``lambda >= 0`` with ``g = g0 + G lambda >= 0``, ``lambda g = 0`` (NNLS on Cholesky of G).

    The candidate set starts at the nodes that penetrate without contact (plus a margin) and grows
    until no surface node penetrates.  Returns ``(lambda on every surface node, u)``.
    """
    g0 = b - ys - u0[surf]  # gap without contact forces
    pos = np.full(u0.size, -1)
    pos[I] = np.arange(I.size)
    lam_c = np.zeros(0)
    cand = np.zeros(surf.size, bool)
    if (g0 < 0).any():
        cand = xs <= 1.5 * xs[g0 < 0].max() + 2 * hc
    u = u0
    for _ in range(_MAX_CANDIDATE_ROUNDS):
        if not cand.any():
            break
        idx = np.nonzero(cand)[0]
        E = np.zeros((I.size, idx.size))
        E[pos[surf[idx]], np.arange(idx.size)] = 1.0
        X = lu.solve(E)
        G = X[pos[surf[idx]], :]
        L, _low = cho_factor(0.5 * (G + G.T), lower=True)
        L = np.tril(L)
        rhs = -solve_triangular(L, g0[idx], lower=True)
        try:
            lam_c, _res = nnls(L.T, rhs, maxiter=50 * idx.size)
        except RuntimeError:  # scipy: "Maximum number of iterations reached."
            raise ConvergenceError(f"contact NNLS did not converge in {50 * idx.size} iterations on {idx.size} "
                                   "candidate nodes; use a coarser contact_mesh_nm or a smaller eigenstrain") from None
        u = u0.copy()
        u[I] -= X @ lam_c
        gap = b - ys - u[surf]
        bad = (gap < -1e-9 * b) & ~cand
        if not bad.any():
            break
        cand |= xs <= xs[bad].max() + 2 * hc
    else:
        raise ConvergenceError(f"contact candidate set still growing after {_MAX_CANDIDATE_ROUNDS} rounds "
                               f"({int(cand.sum())} nodes); use a coarser contact_mesh_nm or a smaller eigenstrain")
    lam_full = np.zeros(surf.size)
    if lam_c.size:
        lam_full[np.nonzero(cand)[0]] = lam_c
    return lam_full, u


def _contact_radius(lam_full, xs):
    """Contact radius midway between the last node in contact and the next; mask of the active nodes."""
    active = lam_full > 1e-10 * max(float(lam_full.max(initial=0.0)), 1e-300)
    if not active.any():
        return 0.0, active
    k = int(np.nonzero(active)[0].max())
    return float(0.5 * (xs[k] + xs[min(k + 1, xs.size - 1)])), active


def _stress_summary(pts, s, core_elem, setup: _Setup, a_c: float) -> dict:
    """Contact pressure, peak stresses in the C-C contact zone and on the Si-C interface."""
    a, b, h = setup.a, setup.b, setup.h
    rr = np.linalg.norm(pts, axis=0)
    on_s = np.abs(rr - b) < 1e-6 * b
    p_surf = -normal_stress(pts, s, on_s, b)  # contact pressure -sigma_nn on the outer surface
    in_contact = pts[0, on_s] <= a_c
    p0 = float(p_surf[in_contact].max()) if (in_contact.any() and a_c > 0) else 0.0
    # regions: element of each sample point (sampling is element by element, 3x3 points each)
    shell_pt = ~np.repeat(core_elem, 9)
    dist_c = np.hypot(pts[0], pts[1] - b)
    # C-C contact zone: carbon nearer the outer surface than the Si-C interface, within max(2 a_c, h) of the contact
    zone = shell_pt & (b - rr <= rr - a) & (dist_c <= max(2 * a_c, h))
    iface = np.abs(rr - a) < 1e-6 * a
    vm, mp = s["von_mises"], s["max_principal"]
    k_zone = np.nonzero(zone)[0][int(np.argmax(vm[zone]))]
    k_if = np.nonzero(iface)[0][int(np.argmax(vm[iface]))]
    cc_vm, if_vm = float(vm[k_zone]), float(vm[k_if])
    return {
        "contact_pressure_max_GPa": p0,
        "cc_contact_von_mises_max_GPa": cc_vm,
        "cc_contact_von_mises_location_nm": [float(v) for v in pts[:, k_zone]],
        "cc_contact_max_principal_GPa": float(mp[zone].max()),
        "interface_von_mises_max_GPa": if_vm,
        "interface_von_mises_location_nm": [float(v) for v in pts[:, k_if]],
        "interface_pressure_max_GPa": float((-normal_stress(pts, s, iface, a)).max()),
        "shell_max_principal_max_GPa": float(mp[shell_pt].max()),
        **peak_summary(pts, s),
        "peak_at": "C-C contact" if cc_vm > if_vm else "Si-C interface",
        "cc_over_interface_von_mises": cc_vm / if_vm if if_vm > 0 else float("inf"),
    }


def core_shell_contact(
    particle: CoreShell,
    eigenstrain: float,
    approach_nm: float = 0.0,
    contact_mesh_nm: float | None = None,
    growth: float = 1.2,
) -> FieldResult:
    """Contact of two identical lithiating core-shell particles whose centres are held (see module doc).

    Parameters
    ----------
    particle : CoreShell
        Core radius ``a``, shell thickness ``h > 0`` (outer radius ``b = a + h``), elastic constants.
    eigenstrain : float
        Linear lithiation eigenstrain of the core (shell inert).
    approach_nm : float
        Extra approach of each particle's centre towards the contact plane (negative = initial gap).
    contact_mesh_nm : float, optional
        Element size in the contact zone.  Default: ``a_est / 20`` with the Hertz-like estimate
        ``a_est = sqrt(b delta)`` from the free swelling ``delta`` of the contact point (Lame), the
        fine zone reaching ``1.3 a_est``; ``b / 200`` if no contact is expected.
    growth : float
        Element growth ratio away from the contact point.

    Returns
    -------
    FieldResult
        Nodal stresses in the (r, z) section (z from the particle centre towards the contact) and a
        summary: ``contact_force_nN``, ``contact_radius_nm``, ``contact_pressure_max_GPa``,
        ``cc_contact_von_mises_max_GPa``, ``cc_contact_max_principal_GPa`` (outer half of the carbon
        shell within ``max(2 a_c, h)`` of the contact point), ``interface_von_mises_max_GPa``,
        ``interface_pressure_max_GPa`` (Si-C interface, both sides), ``peak_at``
        (``"C-C contact"`` or ``"Si-C interface"``), and the isolated particle's Lame values.
        A contact that does not settle raises :class:`~alloypore.errors.ConvergenceError`.
    """
    iso = core_shell_stress(particle, eigenstrain)
    st = _setup(particle, eigenstrain, approach_nm, contact_mesh_nm, growth, iso)
    mesh = contact_mesh(st.a, st.b, st.contact_mesh_nm, growth, zone_nm=1.3 * st.a_est)
    basis, K, f, lam_e, mu_e, eig_e, core = core_shell_system(mesh, particle, st.eps)
    # axis: u_r = 0; equatorial plane held at the prescribed approach (centres keep their distance)
    Daxis = basis.get_dofs(lambda x: np.isclose(x[0], 0.0)).all("u^1")
    Deq = basis.get_dofs(lambda x: np.isclose(x[1], 0.0)).all("u^2")
    x = np.zeros(K.shape[0])
    x[Deq] = st.approach_nm
    Kc, fc, x, I = condense(K, f, x=x, D=np.unique(np.concatenate([Daxis, Deq])))
    lu = splu(Kc.tocsc())
    u0 = x.copy()
    u0[I] = lu.solve(fc)
    surf, xs, ys = _surface_dofs(basis, I, st.b)
    lam_full, u = _signorini(lu, I, surf, xs, ys, u0, st.b, st.contact_mesh_nm)
    a_c, active = _contact_radius(lam_full, xs)
    pts, s = sample(mesh, ElementVector(ElementQuad2()), 2, u, lam_e, mu_e, eig_e, axisym=True)
    summary = {
        "contact_force_nN": 2 * np.pi * float(lam_full.sum()),
        "contact_radius_nm": a_c,
        "contact_radius_over_R": float(a_c / st.b),
        **_stress_summary(pts, s, core, st, a_c),
        "isolated_interface_pressure_GPa": iso.interface_pressure_GPa,
        "isolated_shell_hoop_inner_GPa": iso.shell_hoop_inner_GPa,
        # displacement of the contact point towards the plane that lithiation alone would cause (no contact)
        "free_surface_displacement_nm": float(u0[surf[0]] - st.approach_nm),
        "approach_nm": st.approach_nm,
        "core_radius_nm": st.a,
        "shell_thickness_nm": st.h,
        "eigenstrain": st.eps,
        "contact_mesh_nm": st.contact_mesh_nm,
        "n_elements": int(mesh.t.shape[1]),
        "n_contact_nodes": int(active.sum()),
        "coordinates": "(r, z): r from the axis joining the centres, z from the particle centre towards the contact",
    }
    return FieldResult("core-shell contact axisymmetric", pts, s, summary, int(I.size), "direct (splu) + NNLS", None)


def contact_zoom_window(result: FieldResult) -> tuple[float, float, float, float]:
    """Plot window ``(x0, x1, y0, y1)`` around the C-C contact: ``max(3 a_c, 1.5 h)`` wide."""
    sv = result.summary_values
    b = sv["core_radius_nm"] + sv["shell_thickness_nm"]
    w = max(3 * sv["contact_radius_nm"], 1.5 * sv["shell_thickness_nm"])
    return 0.0, w, b - w, b + 0.05 * w
