"""Stresses from a FEM displacement: sampled at the reference-node lattice of each element, surface values, means."""

from __future__ import annotations

import numpy as np
from skfem import Basis

from alloypore.mechanics._stress import add_invariants
from alloypore.mechanics.fem._assembly import per_elem

__all__ = ["sample_basis", "strain_fields", "stresses", "sample", "hoop_at_radius", "normal_stress",
           "axial_force", "mean_stresses", "peak_summary"]


def sample_basis(mesh, elem, dim: int, elements=None):
    """Basis whose 'quadrature' points are the 3^dim nodes of each reference element (weights unused)."""
    g = np.array([0.0, 0.5, 1.0])
    X = np.array(np.meshgrid(*([g] * dim), indexing="ij")).reshape(dim, -1)
    W = np.full(X.shape[1], 1.0 / X.shape[1])
    return Basis(mesh, elem, quadrature=(X, W), elements=elements)


def strain_fields(basis, u, axisym: bool, ezz: float = 0.0):
    """Strain components at the basis' points: dict with xx, yy, (zz), xy, (xz, yz), tt (axisym).

    2-D (not axisymmetric): ``zz`` is the uniform axial strain ``ezz`` (0: plane strain; the
    generalized plane strain of the pore cell sets it from the zero axial force).
    """
    uf = basis.interpolate(u)
    G = uf.grad
    dim = G.shape[0]
    e = {"xx": G[0, 0], "yy": G[1, 1], "xy": 0.5 * (G[0, 1] + G[1, 0])}
    if dim == 3:
        e.update(zz=G[2, 2], xz=0.5 * (G[0, 2] + G[2, 0]), yz=0.5 * (G[1, 2] + G[2, 1]))
    elif axisym:
        r = np.asarray(basis.global_coordinates())[0]
        on_axis = r <= 1e-12 * max(float(np.abs(r).max()), 1.0)
        # hoop (theta) strain u_r / r; on the axis its limit du_r/dr
        e["zz"] = np.where(on_axis, G[0, 0], np.asarray(uf)[0] / np.where(on_axis, 1.0, r))
    else:
        e["zz"] = np.full_like(G[0, 0], float(ezz))
    return e


def stresses(e: dict, lam, mu, eig):
    """Stress components, hydrostatic, von Mises and max principal from strains (all 3-D)."""
    tr = e["xx"] + e["yy"] + e["zz"]
    k3 = 3 * lam + 2 * mu
    s = {c: lam * tr + 2 * mu * e[c] - k3 * eig for c in ("xx", "yy", "zz")}
    for c in ("xy", "xz", "yz"):
        s[c] = 2 * mu * e[c] if c in e else np.zeros_like(tr)
    return add_invariants(s)


def sample(mesh, elem, dim, u, lam_e, mu_e, eig_e, axisym=False, elements=None, ezz: float = 0.0):
    """Stresses at the reference-node lattice of every element; eigenstrain per element (or callable).

    ``elements`` restricts the sampling to those elements; ``ezz`` is the uniform axial strain of a
    2-D (generalized) plane-strain solution.  Returns ``(points (dim, n), {name: (n,)})``.
    """
    sb = sample_basis(mesh, elem, dim, elements=elements)
    e = strain_fields(sb, u, axisym, ezz)
    lam = per_elem(lam_e, sb)
    mu = per_elem(mu_e, sb)
    eig = eig_e(sb) if callable(eig_e) else per_elem(eig_e, sb)
    s = stresses(e, lam, mu, eig)
    pts = np.asarray(sb.global_coordinates()).reshape(dim, -1)
    return pts, {k: v.reshape(-1) for k, v in s.items()}


def normal_stress(pts, s, sel, R):
    """In-plane normal stress ``n.sigma.n`` (n = x / R, 2-D) at the sample points ``sel`` on the circle R."""
    n = pts[:, sel] / R
    return s["xx"][sel] * n[0] ** 2 + s["yy"][sel] * n[1] ** 2 + 2 * s["xy"][sel] * n[0] * n[1]


def hoop_at_radius(pts, s, R, dim, tol=1e-6):
    """Tangential (hoop) stress at sample points on the circle/sphere of radius R (2-D: in-plane)."""
    r = np.linalg.norm(pts, axis=0)
    sel = np.abs(r - R) < tol * R
    if not sel.any():
        return np.array([])
    if dim == 2:
        x, y = pts[0, sel] / R, pts[1, sel] / R
        t = np.vstack([-y, x])
        return s["xx"][sel] * t[0] ** 2 + s["yy"][sel] * t[1] ** 2 + 2 * s["xy"][sel] * t[0] * t[1]
    # 3-D: the larger of the two principal tangential stresses; return the mean tangential stress
    n = pts[:, sel] / R
    S = np.array([[s["xx"][sel], s["xy"][sel], s["xz"][sel]],
                  [s["xy"][sel], s["yy"][sel], s["yz"][sel]],
                  [s["xz"][sel], s["yz"][sel], s["zz"][sel]]])
    trace = S[0, 0] + S[1, 1] + S[2, 2]
    snn = np.einsum("in,ijn,jn->n", n, S, n)
    return 0.5 * (trace - snn)


def axial_force(basis, u, lam_v, mu_v, eig_qp, ezz: float) -> float:
    """``int sigma_zz dA`` over a 2-D section with uniform axial strain ``ezz`` (generalized plane strain)."""
    s = stresses(strain_fields(basis, u, False, ezz), lam_v, mu_v, eig_qp)
    return float((s["zz"] * basis.dx).sum())


def mean_stresses(basis, u, lam_v, mu_v, eig_qp, dim, l, ezz: float = 0.0):
    """Volume-averaged stresses over the solid (quadrature)."""
    e = strain_fields(basis, u, False, ezz)
    s = stresses(e, lam_v, mu_v, eig_qp)
    dx = basis.dx
    vol = dx.sum()
    cell = (l / 2) ** dim
    return {"solid_mean_hydrostatic_GPa": float((s["hydrostatic"] * dx).sum() / vol),
            "cell_mean_hydrostatic_GPa": float((s["hydrostatic"] * dx).sum() / cell),
            "solid_fraction_meshed": float(vol / cell)}


def peak_summary(pts, s) -> dict:
    """Peak von Mises and max principal stress over the sample points, each with its location (nm)."""
    out = {}
    for name, where in (("von_mises", "von_mises_max_location_nm"), ("max_principal", "max_principal_location_nm")):
        k = int(np.argmax(s[name]))
        out[f"{name}_max_GPa"] = float(s[name][k])
        out[where] = [float(x) for x in pts[:, k]]
    return out
