"""Elastic spheres (Lame): core-shell, N bonded layers, hollow sphere under pressure, radial eigenstrain.

Lithiation is an isotropic *linear* eigenstrain ``eps*`` (thermal analogy: a stress-free body
grows by ``(1 + eps*)**3`` in volume).  Linear, isotropic, small-strain elasticity; exact for
that model and only indicative beyond eps* of a few percent (see :data:`LINEAR_ELASTIC_NOTE`).
Tension positive, stresses in GPa, radii in nm.

* :func:`core_shell_stress` - the two-layer closed form (interface pressure, shell hoop) and its
  radial profile :meth:`CoreShellStress.profile`.
* :func:`layered_sphere_raw` / :func:`layered_sphere` - N bonded concentric layers, each with its
  own (E, nu, eps*), traction-free (or pressurised) outside.
* :func:`hollow_sphere_pressure_stress` - thick hollow sphere under inner/outer pressure.
* :func:`sphere_eigenstrain_stress_raw` - solid or hollow sphere with a radial eigenstrain profile
  eps(r) (used by :mod:`alloypore.mechanics.diffusion`).

References
----------
S. Timoshenko, J. N. Goodier, *Theory of Elasticity*, 3rd ed., McGraw-Hill 1970, sec. 141, 150-151.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from alloypore.errors import InputError
from alloypore.mechanics._checks import check_eigenstrain, check_positive, check_radius_order
from alloypore.mechanics.inputs import LINEAR_ELASTIC_NOTE, CoreShell, ElasticMaterial
from alloypore.plotting import new_figure

__all__ = [
    "bulk_shear",
    "CoreShellStress",
    "core_shell_stress",
    "LayeredSphere",
    "layered_sphere_raw",
    "layered_sphere",
    "hollow_sphere_pressure_stress",
    "sphere_eigenstrain_stress_raw",
]


def bulk_shear(E_GPa, nu):
    """Return bulk and shear moduli ``K = E/(3(1-2nu))``, ``mu = E/(2(1+nu))`` (arrays allowed)."""
    E = np.asarray(E_GPa, dtype=float)
    n = np.asarray(nu, dtype=float)
    return E / (3.0 * (1.0 - 2.0 * n)), E / (2.0 * (1.0 + n))


# --------------------------------------------------------------------------- core-shell
@dataclass(frozen=True)
class CoreShellStress:
    """Stresses of an elastic core (eigenstrain) bonded in an elastic shell (GPa, tension > 0)."""

    core_radius_nm: float
    shell_thickness_nm: float
    eigenstrain: float
    interface_pressure_GPa: float
    core_stress_GPa: float  # uniform hydrostatic stress in the core (= -p)
    shell_hoop_inner_GPa: float
    shell_hoop_outer_GPa: float
    shell_radial_inner_GPa: float
    shell_von_mises_max_GPa: float  # at r = a (largest in the shell)
    outer_radial_displacement_nm: float
    model: str = "analytic Lame core-shell (linear elastic)"
    limitations: str = LINEAR_ELASTIC_NOTE

    def profile(self, r_nm) -> tuple[np.ndarray, np.ndarray]:
        """Radial and hoop stress ``(sigma_r, sigma_theta)`` in GPa at radii ``r_nm`` (0 <= r <= b).

        Core: ``-p`` in every direction; shell: ``sigma_r = f (1 - b^3/r^3)``,
        ``sigma_theta = f (1 + b^3/(2 r^3))`` with ``f = p a^3/(b^3 - a^3)``.
        """
        a = self.core_radius_nm
        b = a + self.shell_thickness_nm
        p = self.interface_pressure_GPa
        r = np.asarray(r_nm, dtype=float)
        f = p * a**3 / (b**3 - a**3) if b > a else 0.0
        with np.errstate(divide="ignore"):
            b3r3 = b**3 / r**3
        return np.where(r < a, -p, f * (1 - b3r3)), np.where(r < a, -p, f * (1 + b3r3 / 2))

    def plot(self, n_points: int = 400):
        """Figure of the radial and hoop stress against r (the interface marked)."""
        a, b = self.core_radius_nm, self.core_radius_nm + self.shell_thickness_nm
        fig, ax = new_figure()
        r = np.linspace(1e-9, b, n_points)
        sr, st = self.profile(r)
        ax.plot(r, sr, label="radial")
        ax.plot(r, st, label="hoop")
        ax.axvline(a, color="0.6", lw=0.8)
        ax.set_xlabel("r (nm)")
        ax.set_ylabel("stress (GPa)")
        ax.legend()
        return fig


def core_shell_stress(particle: CoreShell, eigenstrain: float) -> CoreShellStress:
    """Lame solution for a sphere with eigenstrain bonded inside a stress-free shell.

    The core (radius ``a``) carries the linear eigenstrain ``eps*``; the shell
    (``a < r < b = a + h``) none.  Matching the radial displacement at ``r = a``::

        u_core(a)  = a [eps* - p (1 - 2 nu_c) / E_c]
        u_shell(a) = a p [(1 - 2 nu_s) a^3 + (1 + nu_s) b^3 / 2] / (E_s (b^3 - a^3))

    gives the interface pressure ``p = eps* / [(1-2nu_c)/E_c + ((1-2nu_s)a^3 + (1+nu_s)b^3/2)/(E_s(b^3-a^3))]``,
    the core stress ``-p`` (uniform, hydrostatic) and in the shell::

        sigma_r(r)  = p a^3/(b^3 - a^3) (1 - b^3/r^3)
        sigma_th(r) = p a^3/(b^3 - a^3) (1 + b^3/(2 r^3))

    Limitations: linear elastic, small strain, perfect bonding; see :data:`LINEAR_ELASTIC_NOTE`.
    A zero shell thickness returns a stress-free free sphere.

    References: Timoshenko & Goodier (1970), sec. 141 (thick spherical shell).
    """
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    a, h = particle.core_radius_nm, particle.shell_thickness_nm
    Ec, nc = particle.core.E_GPa, particle.core.nu
    Es, ns = particle.shell.E_GPa, particle.shell.nu
    b = a + h
    if h == 0.0:
        return CoreShellStress(a, h, eps, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, a * eps)
    a3, b3 = a**3, b**3
    shell_compliance = ((1 - 2 * ns) * a3 + (1 + ns) * b3 / 2) / (Es * (b3 - a3))
    p = eps / ((1 - 2 * nc) / Ec + shell_compliance)
    f = p * a3 / (b3 - a3)
    hoop_a = f * (1 + b3 / (2 * a3))
    hoop_b = f * 1.5
    rad_a = -p
    # shell outer displacement: u(b) = b [(1-2nu) A' ... ] written via Lame: u = C r + D / r^2
    C = f * (1 - 2 * ns) / Es
    D = f * (1 + ns) * b3 / (2 * Es)
    u_b = C * b + D / b**2
    return CoreShellStress(
        core_radius_nm=a,
        shell_thickness_nm=h,
        eigenstrain=eps,
        interface_pressure_GPa=p,
        core_stress_GPa=-p,
        shell_hoop_inner_GPa=hoop_a,
        shell_hoop_outer_GPa=hoop_b,
        shell_radial_inner_GPa=rad_a,
        shell_von_mises_max_GPa=abs(hoop_a - rad_a),
        outer_radial_displacement_nm=u_b,
    )


# --------------------------------------------------------------------------- N layers
@dataclass(frozen=True)
class LayeredSphere:
    """Lame coefficients of N bonded spherical layers: in layer i, ``u = A_i r + B_i / r^2``."""

    radii_nm: tuple  # outer radius of each layer
    E_GPa: tuple
    nu: tuple
    eigenstrain: tuple
    A: tuple
    B: tuple

    def _layer(self, r_nm):
        r = np.atleast_1d(np.asarray(r_nm, dtype=float))
        layer = np.clip(np.searchsorted(np.asarray(self.radii_nm), r, side="left"), 0, len(self.radii_nm) - 1)
        return r, layer, np.asarray(self.A)[layer], np.asarray(self.B)[layer]

    def stresses(self, r_nm) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(sigma_r, sigma_theta)`` in GPa at radii ``r_nm``."""
        r, layer, A, B = self._layer(r_nm)
        K, mu = bulk_shear(np.asarray(self.E_GPa)[layer], np.asarray(self.nu)[layer])
        e = np.asarray(self.eigenstrain)[layer]
        with np.errstate(divide="ignore", invalid="ignore"):
            Br3 = np.where(B == 0.0, 0.0, B / np.where(r == 0, 1.0, r) ** 3)
        sr = 3 * K * (A - e) - 4 * mu * Br3
        st = 3 * K * (A - e) + 2 * mu * Br3
        return sr, st

    def displacement_nm(self, r_nm) -> np.ndarray:
        r, _, A, B = self._layer(r_nm)
        return A * r + np.where(B == 0.0, 0.0, B / np.where(r == 0, 1.0, r) ** 2)


def _interface_rows(M, rhs, row, i, r, K, mu, e) -> None:
    """Continuity of ``u`` and ``sigma_r`` between layers ``i`` and ``i + 1`` at radius ``r``."""
    iA0, iB0, iA1, iB1 = _iA(i), _iB(i), _iA(i + 1), _iB(i + 1)
    # u continuity: A_i r + B_i/r^2 - A_{i+1} r - B_{i+1}/r^2 = 0
    M[row, iA0] += r
    if iB0 is not None:
        M[row, iB0] += 1 / r**2
    M[row, iA1] -= r
    M[row, iB1] -= 1 / r**2
    # sigma_r continuity
    M[row + 1, iA0] += 3 * K[i]
    if iB0 is not None:
        M[row + 1, iB0] += -4 * mu[i] / r**3
    M[row + 1, iA1] -= 3 * K[i + 1]
    M[row + 1, iB1] -= -4 * mu[i + 1] / r**3
    rhs[row + 1] = 3 * K[i] * e[i] - 3 * K[i + 1] * e[i + 1]


def _iA(i: int) -> int:
    """Index of ``A_i`` in the unknown vector ``[A_0, A_1, B_1, ..., A_{N-1}, B_{N-1}]``."""
    return 0 if i == 0 else 2 * i - 1


def _iB(i: int) -> int | None:
    """Index of ``B_i`` (``None`` for the solid core, ``B_0 = 0``)."""
    return None if i == 0 else 2 * i


def layered_sphere_raw(radii_nm, E_GPa, nu, eigenstrain, outer_pressure_GPa: float = 0.0) -> LayeredSphere:
    """Solve the Lame problem of N perfectly bonded concentric layers (layer 0 is the solid core).

    In layer i the radial displacement is ``u = A_i r + B_i / r^2`` (``B_0 = 0`` so the
    centre stays finite) and, with ``K = E/(3(1-2nu))``, ``mu = E/(2(1+nu))``::

        sigma_r  = 3K (A - eps*) - 4 mu B / r^3
        sigma_th = 3K (A - eps*) + 2 mu B / r^3

    Unknowns are fixed by continuity of ``u`` and ``sigma_r`` at each interface and
    ``sigma_r(R_N) = -outer_pressure``.  Plain arrays in, no checks (see :func:`layered_sphere`).
    """
    R = np.asarray(radii_nm, dtype=float)
    E = np.asarray(E_GPa, dtype=float)
    n = np.asarray(nu, dtype=float)
    e = np.asarray(eigenstrain, dtype=float)
    N = len(R)
    K, mu = bulk_shear(E, n)
    nun = 2 * N - 1
    M = np.zeros((nun, nun))
    rhs = np.zeros(nun)
    for i in range(N - 1):
        _interface_rows(M, rhs, 2 * i, i, R[i], K, mu, e)
    row, i, r = 2 * (N - 1), N - 1, R[-1]
    M[row, _iA(i)] = 3 * K[i]
    if _iB(i) is not None:
        M[row, _iB(i)] = -4 * mu[i] / r**3
    rhs[row] = 3 * K[i] * e[i] - outer_pressure_GPa
    sol = np.linalg.solve(M, rhs)
    A = tuple(float(sol[_iA(i)]) for i in range(N))
    B = tuple(0.0 if i == 0 else float(sol[_iB(i)]) for i in range(N))
    return LayeredSphere(tuple(R), tuple(E), tuple(n), tuple(e), A, B)


def layered_sphere(
    radii_nm: Sequence[float],
    materials: Sequence[ElasticMaterial],
    eigenstrain: Sequence[float],
    outer_pressure_GPa: float = 0.0,
) -> LayeredSphere:
    """Checked wrapper of :func:`layered_sphere_raw`: outer radii strictly increasing, one material each.

    Use it for a Si core in SiO2 + carbon double shells (Kim & Cho 2020):
    ``layered_sphere([a, a + t_ox, a + t_ox + h], [si, sio2, carbon], [eps, 0, 0])``.
    """
    R = [float(x) for x in radii_nm]
    if not (len(R) == len(materials) == len(eigenstrain)) or not R:
        raise InputError("layers", len(R), "radii, materials and eigenstrain must have the same non-zero length")
    prev = 0.0
    for i, r in enumerate(R):
        if not r > prev:
            raise InputError(f"radii_nm[{i}]", r, f"must be larger than {prev:g} nm (increasing radii)")
        prev = r
    for i, ei in enumerate(eigenstrain):
        check_eigenstrain(f"layer{i}.eigenstrain", ei)
    E = [m.E_GPa for m in materials]
    nu = [m.nu for m in materials]
    return layered_sphere_raw(R, E, nu, eigenstrain, outer_pressure_GPa)


def hollow_sphere_pressure_stress(r_nm, inner_radius_nm, outer_radius_nm, inner_pressure_GPa, outer_pressure_GPa=0.0):
    """Lame thick hollow sphere under inner/outer pressure: ``(sigma_r, sigma_theta)`` in GPa.

    ``sigma_r = (p_i a^3 - p_o b^3)/(b^3 - a^3) - (p_i - p_o) a^3 b^3 / ((b^3 - a^3) r^3)``,
    ``sigma_th = (p_i a^3 - p_o b^3)/(b^3 - a^3) + (p_i - p_o) a^3 b^3 / (2 (b^3 - a^3) r^3)``
    (Timoshenko & Goodier 1970, sec. 141).
    """
    a = check_positive("inner_radius_nm", inner_radius_nm, "nm")
    b = check_positive("outer_radius_nm", outer_radius_nm, "nm")
    check_radius_order("inner_radius_nm", a, "outer_radius_nm", b)
    r = np.asarray(r_nm, dtype=float)
    d = b**3 - a**3
    c0 = (inner_pressure_GPa * a**3 - outer_pressure_GPa * b**3) / d
    c1 = (inner_pressure_GPa - outer_pressure_GPa) * a**3 * b**3 / d
    return c0 - c1 / r**3, c0 + c1 / (2 * r**3)


# --------------------------------------------------------------------------- radial eigenstrain
def _cumint_r2(r: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Cumulative trapezoid of ``f r^2 dr`` from r[0]."""
    g = f * r**2
    out = np.zeros_like(g, dtype=float)
    out[..., 1:] = np.cumsum(0.5 * (g[..., 1:] + g[..., :-1]) * np.diff(r), axis=-1)
    return out


def sphere_eigenstrain_stress_raw(r, eps, E_GPa: float, nu: float):
    """Stresses of a free solid or hollow sphere with a radial eigenstrain profile ``eps(r)``.

    ``r`` runs from the inner radius ``a`` (0 for a solid sphere) to the outer radius
    ``b``; both surfaces are traction free.  With ``I(r) = int_a^r eps r'^2 dr'``
    (Timoshenko & Goodier 1970, sec. 151, with alpha*T -> eps)::

        sigma_r  = 2E/(1-nu) [ (r^3 - a^3)/((b^3 - a^3) r^3) I(b) - I(r)/r^3 ]
        sigma_th =  E/(1-nu) [ (2 r^3 + a^3)/((b^3 - a^3) r^3) I(b) + I(r)/r^3 - eps ]

    For diffusion, ``eps = Omega c / 3`` (Zhang et al. 2007; Cheng & Verbrugge 2009).
    ``eps`` may be 2-D (time x radius).  At ``r = 0`` the limit ``I(r)/r^3 -> eps(0)/3``
    is used.  Trapezoid integration: use >= 200 radial points for 0.1 % accuracy.
    """
    r = np.asarray(r, dtype=float)
    eps = np.asarray(eps, dtype=float)
    a, b = r[0], r[-1]
    I = _cumint_r2(r, eps)  # noqa: E741 - the integral of the textbook formula
    Ib = I[..., -1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        Ir3 = np.where(r > 0, I / np.where(r > 0, r, 1.0) ** 3, eps / 3.0)
        geo_r = np.where(r > 0, (r**3 - a**3) / ((b**3 - a**3) * np.where(r > 0, r, 1.0) ** 3), 1.0 / b**3)
        geo_t = np.where(r > 0, (2 * r**3 + a**3) / ((b**3 - a**3) * np.where(r > 0, r, 1.0) ** 3), 2.0 / b**3)
    k = E_GPa / (1.0 - nu)
    sr = 2 * k * (geo_r * Ib - Ir3)
    st = k * (geo_t * Ib + Ir3 - eps)
    return sr, st
