"""Closed-form lithiation stresses in spheres, core-shell and multi-shell particles.

All models use the thermal analogy: lithiation is an isotropic *linear* eigenstrain
``eps*`` (a stress-free body would grow by ``(1 + eps*)**3`` in volume).  Linear,
isotropic, small-strain elasticity; the results are exact for that model and only
indicative beyond eps* of a few percent (full lithiation of Si is eps* ~ 0.56:
use the stress-limited fraction, :func:`stress_limited_fraction`, or the plastic
solution, :func:`plastic_shell_stress`, there).

Sign convention: tension positive, stresses in GPa, radii in nm.

Building blocks (each testable on its own):

* :func:`layered_sphere_raw` - Lame solution of N bonded concentric spherical layers,
  each with its own (E, nu, eps*), traction-free outside.
* :func:`core_shell_stress` - the two-layer closed form (interface pressure, shell hoop).
* :func:`sphere_eigenstrain_stress_raw` - solid or hollow sphere with an arbitrary
  radial eigenstrain profile eps(r) (Timoshenko & Goodier thermal stresses; with
  eps = Omega c / 3 this is Zhang, Shyy & Sastry 2007 / Cheng & Verbrugge 2009).
* :func:`potentiostatic_concentration`, :func:`galvanostatic_concentration` -
  Crank's series for diffusion into a sphere, and :func:`sphere_diffusion_stress`.
* :func:`plastic_shell_stress` - fully yielded shell (sigma_r = -2 sigma_Y ln(b/r)).
* :func:`stress_limited_fraction` and :func:`shell_optimum` - the lithiation fraction
  at which the shell reaches its strength, and the shell thickness (Si:C ratio) that
  maximises usable capacity (Kim & Cho 2020 criterion).

References
----------
S. Timoshenko, J. N. Goodier, *Theory of Elasticity*, 3rd ed., McGraw-Hill 1970, sec. 150-151.
X. Zhang, W. Shyy, A. M. Sastry, J. Electrochem. Soc. 154, A910 (2007).
Y.-T. Cheng, M. W. Verbrugge, J. Power Sources 190, 453 (2009).
J. Crank, *The Mathematics of Diffusion*, 2nd ed., Oxford 1975, eqs. 6.18, 6.60.
K. Zhao, M. Pharr, S. Cai, J. J. Vlassak, Z. Suo, J. Am. Ceram. Soc. 94, S226 (2011).
S. Y. Kim, J. Cho et al., Adv. Mater. (2020) (stress-limited lithiation, optimal Si:C).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore.errors import InputError
from alloypore.mechanics._checks import (
    check_eigenstrain,
    check_elastic,
    check_nonneg,
    check_positive,
)

__all__ = [
    "bulk_shear",
    "CoreShellStress",
    "core_shell_stress",
    "LayeredSphere",
    "layered_sphere_raw",
    "layered_sphere",
    "hollow_sphere_pressure_stress",
    "sphere_eigenstrain_stress_raw",
    "potentiostatic_concentration",
    "potentiostatic_center_average",
    "galvanostatic_concentration",
    "galvanostatic_center_average",
    "sphere_diffusion_stress",
    "potentiostatic_peak",
    "galvanostatic_steady_max_GPa",
    "plastic_shell_stress",
    "shell_yield_onset_pressure_GPa",
    "eigenstrain_from_theta",
    "theta_from_eigenstrain",
    "stress_limited_fraction",
    "ShellOptimum",
    "shell_optimum",
    "HertzContact",
    "hertz_contact",
    "LINEAR_ELASTIC_NOTE",
]

LINEAR_ELASTIC_NOTE = (
    "linear-elastic small-strain model with lithiation as an isotropic eigenstrain (thermal analogy); "
    "exact for that model, indicative only above eigenstrain ~0.05; no plasticity, creep or fracture"
)


def bulk_shear(E_GPa, nu):
    """Return bulk and shear moduli ``K = E/(3(1-2nu))``, ``mu = E/(2(1+nu))``."""
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


def core_shell_stress(
    core_radius_nm: float,
    shell_thickness_nm: float,
    eigenstrain: float,
    core_E_GPa: float,
    core_nu: float,
    shell_E_GPa: float,
    shell_nu: float,
) -> CoreShellStress:
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
    a = check_positive("core_radius_nm", core_radius_nm, "nm")
    h = check_nonneg("shell_thickness_nm", shell_thickness_nm, "nm")
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    Ec, nc = check_elastic("core_", core_E_GPa, core_nu)
    Es, ns = check_elastic("shell_", shell_E_GPa, shell_nu)
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

    def stresses(self, r_nm) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(sigma_r, sigma_theta)`` in GPa at radii ``r_nm``."""
        r = np.atleast_1d(np.asarray(r_nm, dtype=float))
        layer = np.searchsorted(np.asarray(self.radii_nm), r, side="left")
        layer = np.clip(layer, 0, len(self.radii_nm) - 1)
        K, mu = bulk_shear(np.asarray(self.E_GPa)[layer], np.asarray(self.nu)[layer])
        A = np.asarray(self.A)[layer]
        B = np.asarray(self.B)[layer]
        e = np.asarray(self.eigenstrain)[layer]
        with np.errstate(divide="ignore", invalid="ignore"):
            Br3 = np.where(B == 0.0, 0.0, B / np.where(r == 0, 1.0, r) ** 3)
        sr = 3 * K * (A - e) - 4 * mu * Br3
        st = 3 * K * (A - e) + 2 * mu * Br3
        return sr, st

    def displacement_nm(self, r_nm) -> np.ndarray:
        r = np.atleast_1d(np.asarray(r_nm, dtype=float))
        layer = np.clip(np.searchsorted(np.asarray(self.radii_nm), r, side="left"), 0, len(self.radii_nm) - 1)
        A = np.asarray(self.A)[layer]
        B = np.asarray(self.B)[layer]
        return A * r + np.where(B == 0.0, 0.0, B / np.where(r == 0, 1.0, r) ** 2)


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
    # unknown vector: [A_0, A_1, B_1, ..., A_{N-1}, B_{N-1}]
    nun = 2 * N - 1

    def iA(i):
        return 0 if i == 0 else 2 * i - 1

    def iB(i):
        return None if i == 0 else 2 * i

    M = np.zeros((nun, nun))
    rhs = np.zeros(nun)
    row = 0
    for i in range(N - 1):
        r = R[i]
        # u continuity: A_i r + B_i/r^2 - A_{i+1} r - B_{i+1}/r^2 = 0
        M[row, iA(i)] += r
        if iB(i) is not None:
            M[row, iB(i)] += 1 / r**2
        M[row, iA(i + 1)] -= r
        M[row, iB(i + 1)] -= 1 / r**2
        row += 1
        # sigma_r continuity
        M[row, iA(i)] += 3 * K[i]
        if iB(i) is not None:
            M[row, iB(i)] += -4 * mu[i] / r**3
        M[row, iA(i + 1)] -= 3 * K[i + 1]
        M[row, iB(i + 1)] -= -4 * mu[i + 1] / r**3
        rhs[row] = 3 * K[i] * e[i] - 3 * K[i + 1] * e[i + 1]
        row += 1
    r = R[-1]
    i = N - 1
    M[row, iA(i)] = 3 * K[i]
    if iB(i) is not None:
        M[row, iB(i)] = -4 * mu[i] / r**3
    rhs[row] = 3 * K[i] * e[i] - outer_pressure_GPa
    sol = np.linalg.solve(M, rhs)
    A = tuple(float(sol[iA(i)]) for i in range(N))
    B = tuple(0.0 if i == 0 else float(sol[iB(i)]) for i in range(N))
    return LayeredSphere(tuple(R), tuple(E), tuple(n), tuple(e), A, B)


def layered_sphere(radii_nm, E_GPa, nu, eigenstrain, outer_pressure_GPa: float = 0.0) -> LayeredSphere:
    """Checked wrapper of :func:`layered_sphere_raw` (radii strictly increasing, E > 0, -1 < nu < 0.5).

    Use it for a Si core in SiO2 + carbon double shells (Kim & Cho 2020):
    ``layered_sphere([a, a + t_ox, a + t_ox + h], [E_Si, E_SiO2, E_C], [...], [eps, 0, 0])``.
    """
    R = [float(x) for x in radii_nm]
    if not (len(R) == len(E_GPa) == len(nu) == len(eigenstrain)) or not R:
        raise InputError("layers", len(R), "radii, E, nu and eigenstrain must have the same non-zero length")
    prev = 0.0
    for i, r in enumerate(R):
        if not r > prev:
            raise InputError(f"radii_nm[{i}]", r, f"must be larger than {prev:g} nm (increasing radii)")
        prev = r
    for i, (Ei, ni, ei) in enumerate(zip(E_GPa, nu, eigenstrain)):
        check_elastic(f"layer{i}.", Ei, ni)
        check_eigenstrain(f"layer{i}.eigenstrain", ei)
    return layered_sphere_raw(R, E_GPa, nu, eigenstrain, outer_pressure_GPa)


def hollow_sphere_pressure_stress(r_nm, inner_radius_nm, outer_radius_nm, inner_pressure_GPa, outer_pressure_GPa=0.0):
    """Lame thick hollow sphere under inner/outer pressure: ``(sigma_r, sigma_theta)`` in GPa.

    ``sigma_r = (p_i a^3 - p_o b^3)/(b^3 - a^3) - (p_i - p_o) a^3 b^3 / ((b^3 - a^3) r^3)``,
    ``sigma_th = (p_i a^3 - p_o b^3)/(b^3 - a^3) + (p_i - p_o) a^3 b^3 / (2 (b^3 - a^3) r^3)``
    (Timoshenko & Goodier 1970, sec. 141).
    """
    a = check_positive("inner_radius_nm", inner_radius_nm, "nm")
    b = check_positive("outer_radius_nm", outer_radius_nm, "nm")
    if not a < b:
        raise InputError("inner_radius_nm", a, f"must be smaller than outer_radius_nm = {b:g}")
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
    I = _cumint_r2(r, eps)
    Ib = I[..., -1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        Ir3 = np.where(r > 0, I / np.where(r > 0, r, 1.0) ** 3, eps / 3.0)
        geo_r = np.where(r > 0, (r**3 - a**3) / ((b**3 - a**3) * np.where(r > 0, r, 1.0) ** 3), 1.0 / b**3)
        geo_t = np.where(r > 0, (2 * r**3 + a**3) / ((b**3 - a**3) * np.where(r > 0, r, 1.0) ** 3), 2.0 / b**3)
    k = E_GPa / (1.0 - nu)
    sr = 2 * k * (geo_r * Ib - Ir3)
    st = k * (geo_t * Ib + Ir3 - eps)
    return sr, st


# --------------------------------------------------------------------------- diffusion series
def potentiostatic_concentration(x, tau, n_terms: int = 400):
    """Crank eq. 6.18: ``c/c_s`` in a sphere, initially empty, surface held at ``c_s``.

    ``c/c_s = 1 + (2/(pi x)) sum_n (-1)^n / n sin(n pi x) exp(-n^2 pi^2 tau)``, with
    ``x = r/R`` and ``tau = D t / R^2``.  ``x`` 1-D, ``tau`` scalar or 1-D (rows).
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    tau = np.atleast_1d(np.asarray(tau, dtype=float))[:, None, None]
    n = np.arange(1, n_terms + 1, dtype=float)[None, :, None]
    xx = x[None, None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(xx > 0, np.sin(n * np.pi * xx) / (np.pi * np.where(xx > 0, xx, 1.0)), n)
    terms = 2.0 * (-1.0) ** n / n * s * np.exp(-(n**2) * np.pi**2 * tau)
    return 1.0 + terms.sum(axis=1)


def potentiostatic_center_average(tau, n_terms: int = 400):
    """``(c(0)/c_s, c_avg/c_s)`` for the potentiostatic sphere (Crank 6.18, 6.20)."""
    tau = np.atleast_1d(np.asarray(tau, dtype=float))[:, None]
    n = np.arange(1, n_terms + 1, dtype=float)[None, :]
    ex = np.exp(-(n**2) * np.pi**2 * tau)
    c0 = 1.0 + 2.0 * ((-1.0) ** n * ex).sum(axis=1)
    cav = 1.0 - 6.0 / np.pi**2 * (ex / n**2).sum(axis=1)
    return c0, cav


def _tan_roots(n_terms: int) -> np.ndarray:
    """Positive roots of ``tan(alpha) = alpha`` (alpha in (n pi, n pi + pi/2))."""
    from scipy.optimize import brentq

    roots = []
    for k in range(1, n_terms + 1):
        lo, hi = k * np.pi + 1e-12, k * np.pi + np.pi / 2 - 1e-12
        roots.append(brentq(lambda a: np.sin(a) - a * np.cos(a), lo, hi))
    return np.asarray(roots)


def galvanostatic_concentration(x, tau, n_terms: int = 200):
    """Crank eq. 6.60: sphere, initially empty, constant inward flux ``J`` at the surface.

    In units of ``J R / D``: ``c = 3 tau + x^2/2 - 3/10 - 2 sum_n sin(a_n x)/(a_n^2 x sin a_n) exp(-a_n^2 tau)``
    with ``a_n`` the positive roots of ``tan a = a`` and ``x = r/R``, ``tau = D t/R^2``.
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    tau = np.atleast_1d(np.asarray(tau, dtype=float))[:, None, None]
    al = _tan_roots(n_terms)[None, :, None]
    xx = x[None, None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(xx > 0, np.sin(al * xx) / np.where(xx > 0, xx, 1.0), al)
    series = (2.0 * s / (al**2 * np.sin(al)) * np.exp(-(al**2) * tau)).sum(axis=1)
    return 3 * tau[:, :, 0] + x[None, :] ** 2 / 2 - 0.3 - series


def galvanostatic_center_average(tau, n_terms: int = 200):
    """``(c(0), c_avg)`` in units of ``J R / D`` for the galvanostatic sphere (``c_avg = 3 tau``)."""
    tau = np.atleast_1d(np.asarray(tau, dtype=float))
    c0 = galvanostatic_concentration(np.array([0.0]), tau, n_terms)[:, 0]
    return c0, 3 * tau


def sphere_diffusion_stress(
    x,
    concentration_mol_cm3,
    E_GPa: float,
    nu: float,
    partial_molar_volume_cm3_mol: float,
):
    """Radial and hoop stress (GPa) in a solid sphere for radial concentration profiles.

    ``eps = Omega c / 3`` into :func:`sphere_eigenstrain_stress_raw`; ``x = r/R`` from 0 to 1
    (the stress depends on r/R only).  ``concentration_mol_cm3`` may be (times x radii).
    """
    E, n = check_elastic("", E_GPa, nu)
    om = check_nonneg("partial_molar_volume_cm3_mol", partial_molar_volume_cm3_mol, "cm3/mol")
    x = np.asarray(x, dtype=float)
    return sphere_eigenstrain_stress_raw(x, om * np.asarray(concentration_mol_cm3, dtype=float) / 3.0, E, n)


def potentiostatic_peak(n_terms: int = 400) -> tuple[float, float]:
    """Peak of the centre tension of a potentiostatically charged sphere.

    Returns ``(factor, tau_peak)`` with ``sigma_center,max = factor * E Omega c_s / (1 - nu)``.
    The centre stress is ``sigma(0) = 2 E Omega (c_avg - c_0) / (9 (1 - nu))`` (eps = Omega c/3);
    with Crank's series the maximum of ``(c_avg - c_0)/c_s`` is 0.5784 at ``tau = 0.0574``,
    so ``factor = 2/9 * 0.5784 = 0.1285`` (Zhang et al. 2007; Cheng & Verbrugge 2009).
    """
    from scipy.optimize import minimize_scalar

    def neg(t):
        c0, ca = potentiostatic_center_average(t, n_terms)
        return -(ca[0] - c0[0])

    res = minimize_scalar(neg, bounds=(1e-3, 0.5), method="bounded", options={"xatol": 1e-7})
    return 2.0 / 9.0 * (-res.fun), float(res.x)


def galvanostatic_steady_max_GPa(E_GPa, nu, partial_molar_volume_cm3_mol, flux_mol_cm2_s, radius_cm, diffusivity_cm2_s):
    """Long-time centre tension under constant flux: ``E Omega J R / (15 (1 - nu) D)`` (GPa).

    From the quasi-steady profile ``c = c_avg + (J R/D)(x^2/2 - 3/10)``: ``c_avg - c(0) = 3 J R/(10 D)``
    and ``sigma(0) = 2 E Omega (c_avg - c_0)/(9(1 - nu))`` (Cheng & Verbrugge 2009).
    """
    return E_GPa * partial_molar_volume_cm3_mol * flux_mol_cm2_s * radius_cm / (15 * (1 - nu) * diffusivity_cm2_s)


# --------------------------------------------------------------------------- plastic shell
def plastic_shell_stress(r_nm, inner_radius_nm, outer_radius_nm, yield_strength_GPa):
    """Fully yielded spherical shell ``a < r < b`` (perfect plasticity, von Mises = Tresca here).

    ``sigma_r = -2 sigma_Y ln(b/r)``, ``sigma_th = sigma_r + sigma_Y``; the pressure on the core
    (or the pressure needed to drive the shell fully plastic) is ``p = 2 sigma_Y ln(b/a)``
    (Hill 1950; Zhao, Pharr, Cai, Vlassak, Suo 2011 for a lithiated shell).  Returns
    ``(sigma_r, sigma_theta, core_pressure)`` in GPa.
    """
    a = check_positive("inner_radius_nm", inner_radius_nm, "nm")
    b = check_positive("outer_radius_nm", outer_radius_nm, "nm")
    sy = check_positive("yield_strength_GPa", yield_strength_GPa, "GPa")
    if not a < b:
        raise InputError("inner_radius_nm", a, f"must be smaller than outer_radius_nm = {b:g}")
    r = np.asarray(r_nm, dtype=float)
    sr = -2.0 * sy * np.log(b / r)
    return sr, sr + sy, 2.0 * sy * np.log(b / a)


def shell_yield_onset_pressure_GPa(inner_radius_nm, outer_radius_nm, yield_strength_GPa) -> float:
    """Inner pressure at which an elastic shell first yields at ``r = a``: ``p = 2 sigma_Y (1 - a^3/b^3)/3``."""
    a, b = float(inner_radius_nm), float(outer_radius_nm)
    return 2.0 * float(yield_strength_GPa) * (1 - a**3 / b**3) / 3.0


# --------------------------------------------------------------------------- stress-limited design
def eigenstrain_from_theta(theta, beta, measure: str = "volumetric"):
    """Linear eigenstrain at lithiation fraction ``theta`` for full volume expansion ``beta``.

    ``volumetric``: ``(1 + beta theta)^(1/3) - 1`` (consistent with V = V0 (1 + beta theta));
    ``linear``: ``beta theta / 3`` (small-strain limit).
    """
    theta = np.asarray(theta, dtype=float)
    if measure == "linear":
        return beta * theta / 3.0
    if measure == "volumetric":
        return np.cbrt(1.0 + beta * theta) - 1.0
    raise InputError("measure", measure, "one of volumetric, linear")


def theta_from_eigenstrain(eps, beta, measure: str = "volumetric"):
    """Inverse of :func:`eigenstrain_from_theta`."""
    eps = np.asarray(eps, dtype=float)
    if measure == "linear":
        return 3.0 * eps / beta
    if measure == "volumetric":
        return ((1.0 + eps) ** 3 - 1.0) / beta
    raise InputError("measure", measure, "one of volumetric, linear")


def _unit_layers(core_radius_nm, shells, E_core, nu_core):
    radii = [core_radius_nm]
    E = [E_core]
    nu = [nu_core]
    for t, Es, ns in shells:
        radii.append(radii[-1] + t)
        E.append(Es)
        nu.append(ns)
    return radii, E, nu


def stress_limited_fraction(
    core_radius_nm: float,
    shells,
    core_E_GPa: float,
    core_nu: float,
    beta: float,
    shell_strengths_GPa,
    core_pressure_limit_GPa: float | None = None,
    measure: str = "volumetric",
) -> dict:
    """Lithiation fraction at which the first shell reaches its tensile strength (Kim & Cho 2020).

    ``shells`` is a list of ``(thickness_nm, E_GPa, nu)`` from inside out; only the core
    carries eigenstrain.  Linear elasticity makes every stress proportional to eps*, so with
    ``s_i`` the peak hoop stress of shell i per unit eps* (at its inner surface)
    ``eps_lim = min_i(strength_i / s_i, p_lim / p_1)``, ``theta_lim = min(1, theta(eps_lim))``.
    Returns a dict with ``theta_limit``, ``eigenstrain_limit``, ``limited_by`` and the
    per-unit-eigenstrain stresses.
    """
    check_positive("beta", beta)
    radii, E, nu = _unit_layers(core_radius_nm, shells, core_E_GPa, core_nu)
    unit = 0.01  # solve at eps* = 1 %, scale (the problem is linear)
    sol = layered_sphere(radii, E, nu, [unit] + [0.0] * len(shells))
    hoop_per_eps = []
    for i in range(1, len(radii)):
        _, st = sol.stresses([radii[i - 1] * (1 + 1e-12)])
        hoop_per_eps.append(float(st[0]) / unit)
    p_per_eps = -float(sol.stresses([0.0])[0][0]) / unit
    limits = {}
    for i, (s, f) in enumerate(zip(hoop_per_eps, shell_strengths_GPa)):
        if s > 0:
            limits[f"shell{i + 1}_tension"] = float(f) / s
    if core_pressure_limit_GPa is not None and p_per_eps > 0:
        limits["core_compression"] = float(core_pressure_limit_GPa) / p_per_eps
    eps_full = float(eigenstrain_from_theta(1.0, beta, measure))
    limits["full_lithiation"] = eps_full
    by = min(limits, key=limits.get)
    eps_lim = min(limits[by], eps_full)
    return {
        "theta_limit": float(min(1.0, theta_from_eigenstrain(eps_lim, beta, measure))),
        "eigenstrain_limit": eps_lim,
        "limited_by": by,
        "shell_hoop_inner_per_eigenstrain_GPa": hoop_per_eps,
        "interface_pressure_per_eigenstrain_GPa": p_per_eps,
    }


@dataclass(frozen=True)
class ShellOptimum:
    """Result of :func:`shell_optimum` (arrays over the scanned carbon-shell thickness)."""

    shell_thickness_nm: np.ndarray
    theta_limit: np.ndarray
    usable_capacity_mAh_g: np.ndarray
    si_to_c_mass_ratio: np.ndarray
    limited_by: list
    best_shell_thickness_nm: float
    best_theta_limit: float
    best_capacity_mAh_g: float
    best_si_to_c_mass_ratio: float
    notes: str = field(default=LINEAR_ELASTIC_NOTE)


def shell_optimum(
    core_radius_nm: float,
    core_E_GPa: float,
    core_nu: float,
    beta: float,
    core_capacity_mAh_g: float,
    core_density_g_cm3: float,
    shell_E_GPa: float,
    shell_nu: float,
    shell_strength_GPa: float,
    shell_density_g_cm3: float,
    shell_capacity_mAh_g: float = 0.0,
    inner_shell: tuple | None = None,
    core_pressure_limit_GPa: float | None = None,
    thickness_range_nm: tuple = (0.5, 200.0),
    n: int = 400,
    measure: str = "volumetric",
) -> ShellOptimum:
    """Carbon-shell thickness that maximises usable capacity without shell fracture.

    For each shell thickness ``h`` the stress-limited lithiation fraction ``theta_lim(h)``
    (:func:`stress_limited_fraction`) gives the usable capacity per gram of particle::

        Q(h) = [m_core theta_lim Q_core + m_shell Q_shell (+ m_inner * 0)] / m_total

    with masses from the layer volumes and densities.  Thin shells crack early (small
    theta_lim), thick shells dilute the active core: ``Q(h)`` has a maximum.  ``inner_shell`` is
    an optional ``(thickness_nm, E_GPa, nu, strength_GPa, density_g_cm3)`` inert layer between
    core and carbon (Si/SiO2/C, Kim & Cho 2020).  Limitations: linear elasticity up to the
    limit (softening and plasticity of Li_xSi ignored), uniform lithiation of the core.
    """
    a = check_positive("core_radius_nm", core_radius_nm, "nm")
    check_elastic("core_", core_E_GPa, core_nu)
    check_elastic("shell_", shell_E_GPa, shell_nu)
    check_positive("shell_strength_GPa", shell_strength_GPa, "GPa")
    check_positive("core_density_g_cm3", core_density_g_cm3, "g/cm3")
    check_positive("shell_density_g_cm3", shell_density_g_cm3, "g/cm3")
    lo, hi = (float(thickness_range_nm[0]), float(thickness_range_nm[1]))
    if not 0 < lo < hi:
        raise InputError("thickness_range_nm", thickness_range_nm, "need 0 < min < max")
    hs = np.geomspace(lo, hi, int(n))
    thetas, caps, ratios, by = [], [], [], []
    for h in hs:
        shells, strengths = [], []
        r_in = a
        m_inner = 0.0
        if inner_shell is not None:
            t, Ei, ni, si, rho_i = inner_shell
            shells.append((t, Ei, ni))
            strengths.append(si)
            m_inner = rho_i * ((a + t) ** 3 - a**3)
            r_in = a + t
        shells.append((h, shell_E_GPa, shell_nu))
        strengths.append(shell_strength_GPa)
        res = stress_limited_fraction(a, shells, core_E_GPa, core_nu, beta, strengths, core_pressure_limit_GPa, measure)
        m_core = core_density_g_cm3 * a**3
        m_shell = shell_density_g_cm3 * ((r_in + h) ** 3 - r_in**3)
        q = (m_core * res["theta_limit"] * core_capacity_mAh_g + m_shell * shell_capacity_mAh_g) / (
            m_core + m_shell + m_inner
        )
        thetas.append(res["theta_limit"])
        caps.append(q)
        ratios.append(m_core / m_shell)
        by.append(res["limited_by"])
    caps = np.asarray(caps)
    k = int(np.argmax(caps))
    return ShellOptimum(
        shell_thickness_nm=hs,
        theta_limit=np.asarray(thetas),
        usable_capacity_mAh_g=caps,
        si_to_c_mass_ratio=np.asarray(ratios),
        limited_by=by,
        best_shell_thickness_nm=float(hs[k]),
        best_theta_limit=float(thetas[k]),
        best_capacity_mAh_g=float(caps[k]),
        best_si_to_c_mass_ratio=float(ratios[k]),
    )


@dataclass(frozen=True)
class HertzContact:
    """Hertz contact of two elastic spheres (or a sphere on a plane); lengths nm, stresses GPa, force nN."""

    force_nN: float
    contact_radius_nm: float
    peak_pressure_GPa: float
    approach_nm: float
    effective_radius_nm: float
    effective_modulus_GPa: float


def hertz_contact(force_nN, radius_nm, E_GPa, nu, radius2_nm=None, E2_GPa=None, nu2=None) -> HertzContact:
    """Hertz contact of two elastic spheres pressed together by ``F`` (frictionless, small contact).

    ``1/R* = 1/R1 + 1/R2``, ``1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2``,
    ``a = (3 F R*/(4 E*))^(1/3)``, ``p0 = 3 F/(2 pi a^2)``, ``delta = a^2/R*``.

    ``radius2_nm=None`` is a flat plane, ``E2_GPa=None`` a rigid body.  Two identical spheres
    (``R``, ``E``, ``nu``) give the same ``a`` and ``p0`` as one of them on a rigid frictionless
    plane (``R* = R/2``, ``E* = E/(2(1-nu^2))``).  Units: GPa x nm^2 = nN.

    Limitations: half-space theory, valid for ``a << R``; linear elastic.

    References: H. Hertz (1882); K. L. Johnson, *Contact Mechanics*, CUP 1985, eqs. 4.22-4.23.
    """
    F = check_positive("force_nN", force_nN, "nN")
    R1 = check_positive("radius_nm", radius_nm, "nm")
    E1, n1 = check_elastic("", E_GPa, nu)
    inv_R = 1.0 / R1 + (0.0 if radius2_nm is None else 1.0 / check_positive("radius2_nm", radius2_nm, "nm"))
    inv_E = (1 - n1**2) / E1
    if E2_GPa is not None:
        E2, n2 = check_elastic("2_", E2_GPa, nu if nu2 is None else nu2)
        inv_E += (1 - n2**2) / E2
    Rs, Es = 1.0 / inv_R, 1.0 / inv_E
    a = (3 * F * Rs / (4 * Es)) ** (1.0 / 3.0)
    return HertzContact(F, a, 3 * F / (2 * np.pi * a**2), a**2 / Rs, Rs, Es)
