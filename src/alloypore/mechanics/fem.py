"""Finite-element lithiation stresses (scikit-fem, quadratic elements, curved geometry).

Cases
-----
* :func:`core_shell_axisymmetric` - core with eigenstrain bonded in a shell, axisymmetric
  (r, z) quarter section, Q2 elements; checks :func:`~alloypore.mechanics.analytic.core_shell_stress`.
* :func:`pore_cell_2d` - plane-strain periodic cell (side ``l``) with a cylindrical pore of
  radius ``r`` (Zhou et al. 2012 geometry), quarter cell by symmetry; boundary
  ``confined`` (zero macro-strain: the cell faces cannot move - a fully constrained
  periodic array) or ``free`` (zero macro-stress: faces stay straight, move freely).
  Optional one-way transient diffusion from the pore surface (eigenstrain ``eps_max c/c_s``).
* :func:`pore_rve_3d` - cubic array of spherical pores, 1/8 cell (Xia et al. 2020 geometry).

All: linear isotropic elasticity, small strain, isotropic eigenstrain (thermal analogy);
tension positive; lengths in nm, moduli and stresses in GPa.  Plane strain means
``eps_zz = 0`` (long pores); ``sigma_zz`` is included in the hydrostatic and von Mises stress.

Solvers: sparse direct (``scipy.sparse.linalg.spsolve``) below ~60k unknowns, otherwise
conjugate gradients preconditioned by pyamg smoothed aggregation with the rigid-body
modes as near-nullspace (``solver="amg"`` / ``"direct"`` to force one).

References
----------
See docs/mechanics.md for the literature of each geometry (Zhou 2012, Xia 2020, Xu 2019).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore.errors import InputError
from alloypore.mechanics._checks import check_eigenstrain, check_elastic, check_positive

__all__ = [
    "FieldResult",
    "solve_linear",
    "core_shell_axisymmetric",
    "pore_cell_2d",
    "pore_cell_diffusion",
    "pore_rve_3d",
]


# --------------------------------------------------------------------------- results
@dataclass
class FieldResult:
    """Stresses sampled at element nodes (discontinuous, GPa) plus scalar summaries."""

    case: str
    points_nm: np.ndarray  # (dim, n) sample locations
    stress_GPa: dict  # name -> (n,) arrays: xx, yy, (zz), xy, ..., hydrostatic, von_mises, max_principal
    summary_values: dict = field(default_factory=dict)
    n_dofs: int = 0
    solver: str = ""
    iterations: int | None = None

    def summary(self) -> dict:
        out = dict(self.summary_values)
        out.update({"n_dofs": self.n_dofs, "solver": self.solver})
        if self.iterations is not None:
            out["cg_iterations"] = self.iterations
        return out

    def peak(self, name: str) -> tuple[float, list]:
        v = self.stress_GPa[name]
        k = int(np.argmax(v))
        return float(v[k]), [float(x) for x in self.points_nm[:, k]]

    def plot(self, name: str = "von_mises"):
        """Field plot (matplotlib figure) of stress ``name`` at the sample points."""
        from alloypore.plotting import new_figure

        fig, ax = new_figure(5.5, 4.5)
        p = self.points_nm
        v = self.stress_GPa[name]
        if p.shape[0] == 3:  # show the z ~ 0 face
            sel = p[2] < 1e-9 * max(np.abs(p).max(), 1.0) + 1e-12
            p, v = p[:, sel], v[sel]
        sc = ax.scatter(p[0], p[1], c=v, s=6, cmap="viridis")
        fig.colorbar(sc, ax=ax, label=f"{name.replace('_', ' ')} stress (GPa)")
        ax.set_aspect("equal")
        ax.set_xlabel("x (nm)" if "axisym" not in self.case else "r (nm)")
        ax.set_ylabel("y (nm)" if "axisym" not in self.case else "z (nm)")
        ax.set_title(self.case)
        return fig


# --------------------------------------------------------------------------- linear algebra
def _rigid_modes(coords: np.ndarray, dim: int) -> np.ndarray:
    """Rigid-body modes (near-nullspace) for the interleaved vector dofs at ``coords`` (dim, n)."""
    n = coords.shape[1]
    if dim == 2:
        B = np.zeros((2 * n, 3))
        B[0::2, 0] = 1
        B[1::2, 1] = 1
        B[0::2, 2] = -coords[1]
        B[1::2, 2] = coords[0]
    else:
        B = np.zeros((3 * n, 6))
        for i in range(3):
            B[i::3, i] = 1
        x, y, z = coords
        B[0::3, 3], B[1::3, 3] = -y, x
        B[1::3, 4], B[2::3, 4] = -z, y
        B[0::3, 5], B[2::3, 5] = z, -x
    return B


def solve_linear(K, f, B=None, solver: str = "auto", tol: float = 1e-10):
    """Solve ``K u = f`` (SPD): direct below 60k unknowns, else pyamg-SA preconditioned CG.

    Returns ``(u, solver_name, iterations)``.
    """
    n = K.shape[0]
    if solver not in ("auto", "direct", "amg"):
        raise InputError("solver", solver, "one of auto, direct, amg")
    if solver == "direct" or (solver == "auto" and n < 60_000):
        from scipy.sparse.linalg import spsolve

        return spsolve(K.tocsc(), f), "direct", None
    import pyamg
    from scipy.sparse.linalg import cg

    ml = pyamg.smoothed_aggregation_solver(K.tocsr(), B=B, max_coarse=500)
    its = [0]

    def cb(_):
        its[0] += 1

    try:
        u, info = cg(K, f, rtol=tol, maxiter=2000, M=ml.aspreconditioner(), callback=cb)
    except TypeError:  # scipy < 1.12
        u, info = cg(K, f, tol=tol, maxiter=2000, M=ml.aspreconditioner(), callback=cb)
    if info != 0:
        raise RuntimeError(f"AMG-CG did not converge (info={info})")
    return u, "amg-cg", its[0]


def _tie(n: int, groups):
    """Matrix P (n x m) mapping reduced dofs to full dofs, each group of dofs sharing one unknown."""
    from scipy.sparse import csr_matrix

    master = np.arange(n)
    for g in groups:
        g = np.asarray(g)
        if g.size:
            master[g] = g[0]
    uniq, col = np.unique(master, return_inverse=True)
    return csr_matrix((np.ones(n), (np.arange(n), col.ravel())), shape=(n, uniq.size))


# --------------------------------------------------------------------------- sampling
def _sample_basis(mesh, elem, dim: int, elements=None):
    """Basis whose 'quadrature' points are the 3^dim nodes of each reference element (weights unused)."""
    from skfem import Basis

    g = np.array([0.0, 0.5, 1.0])
    X = np.array(np.meshgrid(*([g] * dim), indexing="ij")).reshape(dim, -1)
    W = np.full(X.shape[1], 1.0 / X.shape[1])
    return Basis(mesh, elem, quadrature=(X, W), elements=elements)


def _strain_fields(basis, u, axisym: bool):
    """Strain components at the basis' points: dict with xx, yy, (zz), xy, (xz, yz), tt (axisym)."""
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
        e["zz"] = np.zeros_like(G[0, 0])
    return e


def _stresses(e: dict, lam, mu, eig):
    """Stress components, hydrostatic, von Mises and max principal from strains (all 3-D)."""
    tr = e["xx"] + e["yy"] + e["zz"]
    k3 = 3 * lam + 2 * mu
    s = {c: lam * tr + 2 * mu * e[c] - k3 * eig for c in ("xx", "yy", "zz")}
    for c in ("xy", "xz", "yz"):
        s[c] = 2 * mu * e[c] if c in e else np.zeros_like(tr)
    s["hydrostatic"] = (s["xx"] + s["yy"] + s["zz"]) / 3
    S = np.stack([np.stack([s["xx"], s["xy"], s["xz"]], -1),
                  np.stack([s["xy"], s["yy"], s["yz"]], -1),
                  np.stack([s["xz"], s["yz"], s["zz"]], -1)], -2)
    ev = np.linalg.eigvalsh(S)
    s["max_principal"] = ev[..., -1]
    s["von_mises"] = np.sqrt(0.5 * ((ev[..., 0] - ev[..., 1]) ** 2 + (ev[..., 1] - ev[..., 2]) ** 2
                                    + (ev[..., 2] - ev[..., 0]) ** 2))
    return s


def _per_elem(values, basis):
    """Per-element values (n_elements,) -> (nelems of basis, n_points)."""
    if np.ndim(values) != 1:
        return values
    v = np.asarray(values, dtype=float)
    if basis.tind is not None:
        v = v[basis.tind]
    return v[:, None] * np.ones(basis.X.shape[1])[None, :]


def _sample(mesh, elem, dim, u, lam_e, mu_e, eig_e, axisym=False):
    """Stresses at the reference-node lattice of every element; eigenstrain per element (or callable)."""
    sb = _sample_basis(mesh, elem, dim)
    e = _strain_fields(sb, u, axisym)
    lam = _per_elem(lam_e, sb)
    mu = _per_elem(mu_e, sb)
    eig = eig_e(sb) if callable(eig_e) else _per_elem(eig_e, sb)
    s = _stresses(e, lam, mu, eig)
    pts = np.asarray(sb.global_coordinates()).reshape(dim, -1)
    return pts, {k: v.reshape(-1) for k, v in s.items()}


def _hoop_at_radius(pts, s, R, dim, tol=1e-6):
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


def _axisym_system(mesh, lam_e, mu_e, eig_e):
    """Axisymmetric (r, z) Q2 stiffness and eigenstrain load, per-element Lame moduli and eigenstrain.

    Weak form (weight r, the 2 pi cancels): ``int (lam tr e(u) tr e(v) + 2 mu e(u):e(v)) r dr dz
    = int 3K eps* tr e(v) r dr dz`` with ``e_tt = u_r / r``.  Nodal forces of this form times
    2 pi are the real forces.  Returns ``(basis, K, f)``.
    """
    from skfem import Basis, BilinearForm, ElementQuad2, ElementVector, LinearForm, asm

    basis = Basis(mesh, ElementVector(ElementQuad2()), intorder=6)
    lam, mu, eig = (_per_elem(v, basis) for v in (lam_e, mu_e, eig_e))

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


# --------------------------------------------------------------------------- core-shell, axisymmetric
def core_shell_axisymmetric(
    core_radius_nm: float,
    shell_thickness_nm: float,
    eigenstrain: float,
    core_E_GPa: float,
    core_nu: float,
    shell_E_GPa: float,
    shell_nu: float,
    mesh_size_nm: float | None = None,
    solver: str = "auto",
) -> FieldResult:
    """Axisymmetric Q2 FEM of a core (eigenstrain) in a bonded shell; quarter (r, z) section.

    Weak form (weight r, the 2 pi cancels): ``int (lam tr e(u) tr e(v) + 2 mu e(u):e(v)) r dr dz
    = int 3K eps* tr e(v) r dr dz`` with ``e_tt = u_r / r``.  Symmetry: ``u_r = 0`` on the axis,
    ``u_z = 0`` on ``z = 0``; outer surface traction free.  The shell hoop stress is the
    circumferential ``sigma_tt`` sampled on the shell side of ``r = a`` and at ``r = b``.
    """
    from skfem import ElementQuad2, ElementVector, condense

    from alloypore.mechanics._mesh import quarter_disk_layers

    a = check_positive("core_radius_nm", core_radius_nm, "nm")
    h = check_positive("shell_thickness_nm", shell_thickness_nm, "nm")
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    Ec, nc = check_elastic("core_", core_E_GPa, core_nu)
    Es, ns = check_elastic("shell_", shell_E_GPa, shell_nu)
    b = a + h
    hs = b / 30.0 if mesh_size_nm is None else check_positive("mesh_size_nm", mesh_size_nm, "nm")
    n_angle = max(4, int(np.ceil(np.pi / 4 * b / hs)))
    n_core = max(3, int(np.ceil(0.5 * a / hs)))
    n_shell = max(3, int(np.ceil(h / hs)))
    mesh = quarter_disk_layers([a, b], n_angle, n_core, [n_shell])
    e = ElementVector(ElementQuad2())
    rc = np.linalg.norm(mesh.p[:, mesh.t].mean(axis=1), axis=0)
    core = rc < a
    E_e = np.where(core, Ec, Es)
    nu_e = np.where(core, nc, ns)
    lam_e = E_e * nu_e / ((1 + nu_e) * (1 - 2 * nu_e))
    mu_e = E_e / (2 * (1 + nu_e))
    eig_e = np.where(core, eps, 0.0)
    basis, K, f = _axisym_system(mesh, lam_e, mu_e, eig_e)
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
    pts, s = _sample(mesh, ElementVector(ElementQuad2()), 2, u, lam_e, mu_e, eig_e, axisym=True)
    r = np.linalg.norm(pts, axis=0)
    # core elements' samples at r = a are core side; use shell elements only for the shell values
    shell_pts = _sample_basis(mesh, e, 2, elements=np.nonzero(~core)[0])
    es = _strain_fields(shell_pts, u, True)
    ss = _stresses(es, _per_elem(lam_e, shell_pts), _per_elem(mu_e, shell_pts), _per_elem(eig_e, shell_pts))
    sp = np.asarray(shell_pts.global_coordinates()).reshape(2, -1)
    sr_ = np.linalg.norm(sp, axis=0)
    hoop = ss["zz"].reshape(-1)
    inner = np.abs(sr_ - a) < 1e-6 * a
    outer = np.abs(sr_ - b) < 1e-6 * b
    # radial stress at the interface (shell side) = -p
    n = sp[:, inner] / a
    srr = (ss["xx"].reshape(-1)[inner] * n[0] ** 2 + ss["yy"].reshape(-1)[inner] * n[1] ** 2
           + 2 * ss["xy"].reshape(-1)[inner] * n[0] * n[1])
    core_mask = r < a * (1 - 1e-9)
    summary = {
        # the core stress is uniform (-p): its mean is the most accurate pressure estimate
        "interface_pressure_GPa": float(-s["hydrostatic"][core_mask].mean()),
        "shell_radial_inner_GPa": float(srr.mean()),
        "shell_hoop_inner_GPa": float(hoop[inner].mean()),
        "shell_hoop_outer_GPa": float(hoop[outer].mean()),
        "core_hydrostatic_mean_GPa": float(s["hydrostatic"][core_mask].mean()),
        "von_mises_max_GPa": float(s["von_mises"].max()),
        "max_principal_max_GPa": float(s["max_principal"].max()),
        "max_principal_location_nm": [float(x) for x in pts[:, int(np.argmax(s["max_principal"]))]],
        "n_elements": int(mesh.t.shape[1]),
        "mesh_size_nm": hs,
    }
    return FieldResult("core-shell axisymmetric", pts, s, summary, int(len(I)), name, its)


# --------------------------------------------------------------------------- plane-strain pore cell
def _check_pore(cell_nm: float, pore_radius_nm: float) -> tuple[float, float]:
    l = check_positive("cell_size_nm", cell_nm, "nm")
    r = check_positive("pore_radius_nm", pore_radius_nm, "nm")
    if not r < 0.5 * l * 0.98:
        raise InputError("pore_radius_nm", r, f"must be below 0.49 x cell_size_nm = {0.49 * l:g} nm (pore larger than the cell)")
    return l, r


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
    from scipy.sparse import coo_matrix

    B = _bmatrix(basis)
    C = _dmatrix(dim, lam, mu)
    Ke = np.einsum("eqik,ij,eqjl,eq->ekl", B, C, B, basis.dx, optimize=True)
    dofs = basis.element_dofs  # (ndof_e, nel)
    nd = dofs.shape[0]
    rows = np.repeat(dofs.T, nd, axis=1).ravel()
    cols = np.tile(dofs.T, (1, nd)).ravel()
    return coo_matrix((Ke.ravel(), (rows, cols)), shape=(basis.N, basis.N)).tocsr()


def _elastic_system(mesh, elem, dim, E, nu):
    from skfem import Basis

    basis = Basis(mesh, elem)
    lam_v = E * nu / ((1 + nu) * (1 - 2 * nu))
    mu_v = E / (2 * (1 + nu))
    return basis, _assemble_K(basis, dim, lam_v, mu_v), lam_v, mu_v


def _eig_load(basis, lam_v, mu_v, eig_qp):
    """Load of an isotropic eigenstrain: f = int B^T (3K eps*) [1, 1, (1,) 0...] dx."""
    B = _bmatrix(basis)
    dim = basis.mesh.p.shape[0]
    m = np.zeros(B.shape[2])
    m[:dim] = 1.0
    fe = np.einsum("eqik,i,eq->ek", B, m, (3 * lam_v + 2 * mu_v) * eig_qp * basis.dx, optimize=True)
    return np.bincount(basis.element_dofs.T.ravel(), weights=fe.ravel(), minlength=basis.N)


def _cell_bcs(basis, K, dim, L, bc):
    """Dirichlet dofs and tie matrix for symmetric cells: rollers on x_i = 0; x_i = L fixed or tied."""
    if bc not in ("confined", "free"):
        raise InputError("bc", bc, "one of confined, free")
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
    D = np.unique(np.concatenate(D))
    return D, groups


def _solve_cell(basis, K, f, D, groups, dim, solver):
    from skfem import condense

    n = K.shape[0]
    P = _tie(n, groups)
    Kr = (P.T @ K @ P).tocsr()
    fr = P.T @ f
    # Dirichlet dofs in reduced numbering
    keep_full = np.ones(n, bool)
    keep_full[D] = False
    red_of_full = P.indices  # column of each full dof (one entry per row)
    Dr = np.unique(red_of_full[D])
    Kc, fc, _, I = condense(Kr, fr, D=Dr)
    coords = basis.doflocs[:, ::dim]
    B = _rigid_modes(coords, dim)
    Bfull = B
    Br = (P.T @ Bfull)[I] / np.maximum(np.asarray(P.sum(axis=0)).ravel()[I, None], 1)
    if solver == "auto" and dim == 3 and Kc.shape[0] > 12_000:
        solver = "amg"  # 3-D Q2 fill-in makes the direct solver slow early
    x, name, its = solve_linear(Kc, fc, B=Br, solver=solver)
    ur = np.zeros(Kr.shape[0])
    ur[I] = x
    return P @ ur, name, its, len(I)


def pore_cell_2d(
    cell_size_nm: float,
    pore_radius_nm: float,
    eigenstrain: float,
    E_GPa: float,
    nu: float,
    bc: str = "confined",
    n_angle: int = 12,
    n_radial: int = 12,
    solver: str = "auto",
    eigenstrain_field=None,
) -> FieldResult:
    """Plane-strain square cell (side ``l``) with a centred cylindrical pore, quarter cell by symmetry.

    ``bc="confined"``: zero macro-strain (cell faces fixed normal to themselves, sliding free) -
    the periodic array cannot expand; far from a small pore the stress is ``-E eps*/(1-2nu)``
    (hydrostatic) and the hole hoop stress tends to twice that (Kirsch, biaxial).
    ``bc="free"``: zero macro-stress (faces stay straight, each moves as one, zero net force).
    ``eigenstrain_field`` optionally maps a scikit-fem basis on this mesh to eps* at its points (nel, nqp).
    """
    from skfem import ElementQuad2, ElementVector

    from alloypore.mechanics._mesh import quarter_cell_with_pore

    l, r = _check_pore(cell_size_nm, pore_radius_nm)
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    E, n = check_elastic("", E_GPa, nu)
    L = l / 2
    mesh = quarter_cell_with_pore(L, r, n_radial, n_angle, grading=float(np.clip((L - r) / r, 1.0, 10.0)))
    elem = ElementVector(ElementQuad2())
    basis, K, lam_v, mu_v = _elastic_system(mesh, elem, 2, E, n)
    X = np.asarray(basis.global_coordinates())
    eig_qp = eps * np.ones(X.shape[1:]) if eigenstrain_field is None else eigenstrain_field(basis)
    f = _eig_load(basis, lam_v, mu_v, eig_qp)
    D, groups = _cell_bcs(basis, K, 2, L, bc)
    u, name, its, ndof = _solve_cell(basis, K, f, D, groups, 2, solver)
    eig_s = (lambda sb: eps * np.ones(sb.X.shape[1])[None, :] * np.ones((sb.nelems, 1))) \
        if eigenstrain_field is None else eigenstrain_field
    pts, s = _sample(mesh, elem, 2, u, np.full(mesh.t.shape[1], lam_v), np.full(mesh.t.shape[1], mu_v), eig_s)
    hoop = _hoop_at_radius(pts, s, r, 2)
    far = -E * eps / (1 - 2 * n)
    vm, vm_at = (float(s["von_mises"].max()), pts[:, int(np.argmax(s["von_mises"]))])
    summary = {
        "pore_hoop_max_GPa": float(hoop.max()),
        "pore_hoop_min_GPa": float(hoop.min()),
        "pore_hoop_mean_GPa": float(hoop.mean()),
        "confined_far_field_GPa": far,
        "von_mises_max_GPa": vm,
        "von_mises_max_location_nm": [float(x) for x in vm_at],
        "max_principal_max_GPa": float(s["max_principal"].max()),
        "max_principal_location_nm": [float(x) for x in pts[:, int(np.argmax(s["max_principal"]))]],
        "porosity": float(np.pi * r**2 / l**2),
        "r_over_l": r / l,
        "bc": bc,
        "n_elements": int(mesh.t.shape[1]),
    }
    summary.update(_mean_stresses(basis, u, lam_v, mu_v, eig_qp, 2, l))
    return FieldResult(f"pore cell plane strain ({bc})", pts, s, summary, ndof, name, its)


def _mean_stresses(basis, u, lam_v, mu_v, eig_qp, dim, l):
    """Volume-averaged stresses over the solid (quadrature)."""
    e = _strain_fields(basis, u, False)
    s = _stresses(e, lam_v, mu_v, eig_qp)
    dx = basis.dx
    vol = dx.sum()
    cell = (l / 2) ** dim
    out = {"solid_mean_hydrostatic_GPa": float((s["hydrostatic"] * dx).sum() / vol),
           "cell_mean_hydrostatic_GPa": float((s["hydrostatic"] * dx).sum() / cell),
           "solid_fraction_meshed": float(vol / cell)}
    return out


def pore_cell_diffusion(
    cell_size_nm: float,
    pore_radius_nm: float,
    eigenstrain_max: float,
    E_GPa: float,
    nu: float,
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
    from skfem import Basis, BilinearForm, ElementQuad2, asm, condense, solve
    from skfem.helpers import dot, grad

    from alloypore.mechanics._mesh import quarter_cell_with_pore

    l, r = _check_pore(cell_size_nm, pore_radius_nm)
    check_eigenstrain("eigenstrain_max", eigenstrain_max)
    E, n = check_elastic("", E_GPa, nu)
    taus = np.sort(np.atleast_1d(np.asarray(Dt_over_l2, dtype=float)))
    if taus[0] <= 0:
        raise InputError("Dt_over_l2", float(taus[0]), "allowed 0 < Dt_over_l2")
    L = l / 2
    mesh = quarter_cell_with_pore(L, r, n_radial, n_angle, grading=float(np.clip((L - r) / r, 1.0, 10.0)))
    sb = Basis(mesh, ElementQuad2())

    @BilinearForm
    def lap(u, v, w):
        return dot(grad(u), grad(v)) * l**2  # dc/dtau = l^2 lap c with tau = D t / l^2

    @BilinearForm
    def mass(u, v, w):
        return u * v

    A = asm(lap, sb)
    M = asm(mass, sb)
    # dofs on the pore wall (facet midpoints of curved edges are off the circle: select by dof location)
    wall = np.nonzero(np.isclose(np.linalg.norm(sb.doflocs, axis=0), r, rtol=1e-7))[0]
    c = np.zeros(sb.N)
    c[wall] = 1.0
    # graded time steps (fine at start), passing exactly through each requested time
    out = {k: [] for k in ("Dt_over_l2", "von_mises_max_GPa", "max_principal_max_GPa", "pore_hoop_max_GPa",
                           "mean_concentration")}
    t = 0.0
    for target in taus:
        span = target - t
        k = max(4, int(np.ceil(n_steps * span / taus[-1])))
        edges = t + span * (np.linspace(0, 1, k + 1) ** 2)
        for dt in np.diff(edges):
            S = M + dt * A
            c = solve(*condense(S, M @ c, x=c, D=wall))
        t = target
        cfield = sb.interpolate(c)
        eig_fun = _interp_scalar(c, eigenstrain_max)
        res = pore_cell_2d(l, r, eigenstrain_max, E, n, bc=bc, n_angle=n_angle, n_radial=n_radial,
                           eigenstrain_field=eig_fun)
        out["Dt_over_l2"].append(float(target))
        out["von_mises_max_GPa"].append(res.summary_values["von_mises_max_GPa"])
        out["max_principal_max_GPa"].append(res.summary_values["max_principal_max_GPa"])
        out["pore_hoop_max_GPa"].append(res.summary_values["pore_hoop_max_GPa"])
        out["mean_concentration"].append(float((np.asarray(cfield) * sb.dx).sum() / sb.dx.sum()))
    return out


def _interp_scalar(c, scale):
    """Eigenstrain callable: ``scale * c`` evaluated at the points of any vector basis on the same mesh."""
    from skfem import ElementQuad2

    def g(basis):
        return scale * np.asarray(basis.with_element(ElementQuad2()).interpolate(c))

    return g


# --------------------------------------------------------------------------- 3-D 1/8 cell
def pore_rve_3d(
    cell_size_nm: float,
    pore_radius_nm: float,
    eigenstrain: float,
    E_GPa: float,
    nu: float,
    bc: str = "confined",
    n_angle: int = 6,
    n_radial: int = 6,
    solver: str = "auto",
) -> FieldResult:
    """Cubic array of spherical pores (cell side ``l``), 1/8 cell ``[0, l/2]^3`` with a pore octant.

    Same boundary options as :func:`pore_cell_2d`; Q2 hexahedra (27 nodes) with an exact
    spherical pore surface at the nodes.  ``confined`` = zero macro-strain: the mean solid
    hydrostatic stress compares with the Hashin-Shtrikman estimate ``-3 K_HS eps*/(1 - phi)``.
    """
    from skfem import ElementHex2, ElementVector

    from alloypore.mechanics._mesh import octant_cell_with_pore

    l, r = _check_pore(cell_size_nm, pore_radius_nm)
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    E, n = check_elastic("", E_GPa, nu)
    L = l / 2
    mesh = octant_cell_with_pore(L, r, n_radial, n_angle, grading=max(1.0, 2.0 * (L - r) / L))
    elem = ElementVector(ElementHex2())
    basis, K, lam_v, mu_v = _elastic_system(mesh, elem, 3, E, n)
    X = np.asarray(basis.global_coordinates())
    eig_qp = eps * np.ones(X.shape[1:])
    f = _eig_load(basis, lam_v, mu_v, eig_qp)
    D, groups = _cell_bcs(basis, K, 3, L, bc)
    u, name, its, ndof = _solve_cell(basis, K, f, D, groups, 3, solver)
    ne = mesh.t.shape[1]
    pts, s = _sample(mesh, elem, 3, u, np.full(ne, lam_v), np.full(ne, mu_v), np.full(ne, eps))
    hoop = _hoop_at_radius(pts, s, r, 3)
    summary = {
        "pore_hoop_mean_max_GPa": float(hoop.max()),
        "von_mises_max_GPa": float(s["von_mises"].max()),
        "von_mises_max_location_nm": [float(x) for x in pts[:, int(np.argmax(s["von_mises"]))]],
        "max_principal_max_GPa": float(s["max_principal"].max()),
        "max_principal_location_nm": [float(x) for x in pts[:, int(np.argmax(s["max_principal"]))]],
        "porosity": float(4 / 3 * np.pi * r**3 / l**3),
        "r_over_l": r / l,
        "bc": bc,
        "n_elements": int(ne),
    }
    summary.update(_mean_stresses(basis, u, lam_v, mu_v, eig_qp, 3, l))
    return FieldResult(f"pore RVE 3-D 1/8 cell ({bc})", pts, s, summary, ndof, name, its)
