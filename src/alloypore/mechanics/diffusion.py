"""Diffusion-induced stress in a sphere: Crank's series for the concentration and the stresses they cause.

A solid sphere, initially empty, takes up Li either with its surface held at ``c_s``
(potentiostatic, Crank eq. 6.18) or through a constant inward flux ``J`` (galvanostatic, Crank
eq. 6.60).  The lithiation eigenstrain is ``eps = Omega c / 3`` and the stresses follow from
:func:`alloypore.mechanics.spheres.sphere_eigenstrain_stress_raw` (Zhang, Shyy & Sastry 2007;
Cheng & Verbrugge 2009).  In ``x = r/R`` and ``tau = D t / R^2`` the results do not depend on size.

:func:`sphere_diffusion` gathers what a user asks first (peak centre tension, when it occurs, the
surface hoop stress, stress profiles at a few times) in one :class:`SphereDiffusionStress`.

References
----------
J. Crank, *The Mathematics of Diffusion*, 2nd ed., Oxford 1975, eqs. 6.18, 6.20, 6.60.
X. Zhang, W. Shyy, A. M. Sastry, J. Electrochem. Soc. 154, A910 (2007).
Y.-T. Cheng, M. W. Verbrugge, J. Power Sources 190, 453 (2009).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from alloypore.errors import InputError
from alloypore.mechanics._checks import check_nonneg, check_positive
from alloypore.mechanics.inputs import LINEAR_ELASTIC_NOTE, ElasticMaterial, LithiatingSphere
from alloypore.mechanics.spheres import sphere_eigenstrain_stress_raw
from alloypore.plotting import new_figure

__all__ = [
    "potentiostatic_concentration",
    "potentiostatic_center_average",
    "galvanostatic_concentration",
    "galvanostatic_center_average",
    "sphere_diffusion_stress",
    "potentiostatic_peak",
    "galvanostatic_steady_max_GPa",
    "SphereDiffusionStress",
    "sphere_diffusion",
    "DIFFUSION_MODES",
]

DIFFUSION_MODES = ("potentiostatic", "galvanostatic")
# profile times D t / R^2 reported by sphere_diffusion (the potentiostatic peak time is added)
_PROFILE_TAUS = {"potentiostatic": (0.005, 0.02, 0.15, 0.3), "galvanostatic": (0.01, 0.05, 0.1, 0.3, 1.0)}
_N_RADIAL = 201


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


def sphere_diffusion_stress(x, concentration_mol_cm3, material: ElasticMaterial, partial_molar_volume_cm3_mol: float):
    """Radial and hoop stress (GPa) in a solid sphere for radial concentration profiles.

    ``eps = Omega c / 3`` into :func:`~alloypore.mechanics.spheres.sphere_eigenstrain_stress_raw`;
    ``x = r/R`` from 0 to 1 (the stress depends on r/R only).  ``concentration_mol_cm3`` may be
    (times x radii).
    """
    om = check_nonneg("partial_molar_volume_cm3_mol", partial_molar_volume_cm3_mol, "cm3/mol")
    x = np.asarray(x, dtype=float)
    eps = om * np.asarray(concentration_mol_cm3, dtype=float) / 3.0
    return sphere_eigenstrain_stress_raw(x, eps, material.E_GPa, material.nu)


def potentiostatic_peak(n_terms: int = 400) -> tuple[float, float]:
    """Peak of the centre tension of a potentiostatically charged sphere.

    Returns ``(factor, tau_peak)`` with ``sigma_center,max = factor * E Omega c_s / (1 - nu)``.
    The centre stress is ``sigma(0) = 2 E Omega (c_avg - c_0) / (9 (1 - nu))`` (eps = Omega c/3);
    with Crank's series the maximum of ``(c_avg - c_0)/c_s`` is 0.5784 at ``tau = 0.0574``,
    so ``factor = 2/9 * 0.5784 = 0.1285`` (Zhang et al. 2007; Cheng & Verbrugge 2009).
    """

    def neg(t):
        c0, ca = potentiostatic_center_average(t, n_terms)
        return -(ca[0] - c0[0])

    res = minimize_scalar(neg, bounds=(1e-3, 0.5), method="bounded", options={"xatol": 1e-7})
    return 2.0 / 9.0 * (-res.fun), float(res.x)


def galvanostatic_steady_max_GPa(sphere: LithiatingSphere, flux_mol_cm2_s: float) -> float:
    """Long-time centre tension under constant flux: ``E Omega J R / (15 (1 - nu) D)`` (GPa).

    From the quasi-steady profile ``c = c_avg + (J R/D)(x^2/2 - 3/10)``: ``c_avg - c(0) = 3 J R/(10 D)``
    and ``sigma(0) = 2 E Omega (c_avg - c_0)/(9(1 - nu))`` (Cheng & Verbrugge 2009).  The surface
    hoop stress is its negative.
    """
    m = sphere.material
    return (m.E_GPa * sphere.partial_molar_volume_cm3_mol * flux_mol_cm2_s * sphere.radius_cm
            / (15 * (1 - m.nu) * sphere.diffusivity_cm2_s))


# --------------------------------------------------------------------------- one call for a face
@dataclass(frozen=True)
class SphereDiffusionStress:
    """Diffusion-induced stress in a sphere: scalar results of the mode plus profiles at a few times."""

    sphere: LithiatingSphere
    mode: str
    values: dict  # the mode's scalar results (GPa, s), in report order
    x: np.ndarray  # r / R
    Dt_over_R2: np.ndarray  # times of the profiles
    sigma_r_GPa: np.ndarray  # (times, x)
    sigma_theta_GPa: np.ndarray  # (times, x)

    def summary(self) -> dict:
        """Mode, its results, the inputs used and the profile times (the ``stress sphere`` JSON)."""
        s, m = self.sphere, self.sphere.material
        return {"mode": self.mode, **self.values, "material": s.name, "lithiated_phase": s.lithiated_phase or None,
                "E_GPa": m.E_GPa, "nu": m.nu,
                "partial_molar_volume_cm3_mol": s.partial_molar_volume_cm3_mol,
                "diffusivity_cm2_s": s.diffusivity_cm2_s, "radius_nm": s.radius_nm,
                "profiles_Dt_over_R2": self.Dt_over_R2, "limitations": LINEAR_ELASTIC_NOTE}

    def plot(self):
        """Hoop (solid) and radial (dashed) stress against r/R at each profile time."""
        fig, ax = new_figure()
        for k, t in enumerate(self.Dt_over_R2):
            ax.plot(self.x, self.sigma_theta_GPa[k], label=f"hoop, Dt/R2={t:.3g}")
            ax.plot(self.x, self.sigma_r_GPa[k], ls="--", color=ax.lines[-1].get_color())
        ax.set_xlabel("r / R")
        ax.set_ylabel("stress (GPa); dashed radial")
        ax.legend(fontsize=7)
        return fig


def _potentiostatic(sphere: LithiatingSphere, c_surface: float):
    """Scalar results, profile times and concentrations (mol/cm3) with the surface held at ``c_s``."""
    E, n, om = sphere.material.E_GPa, sphere.material.nu, sphere.partial_molar_volume_cm3_mol
    factor, tau_pk = potentiostatic_peak()
    t = _PROFILE_TAUS["potentiostatic"]
    taus = np.array([t[0], t[1], tau_pk, t[2], t[3]])
    values = {
        "center_tension_peak_GPa": factor * E * om * c_surface / (1 - n),
        "center_tension_peak_factor": factor,
        "peak_Dt_over_R2": tau_pk,
        "peak_time_s": tau_pk * sphere.radius_cm**2 / sphere.diffusivity_cm2_s,
        # at t -> 0 the surface is at c_s and the bulk empty: sigma_theta(R) = -E eps_s/(1 - nu), eps_s = Omega c_s/3
        "surface_hoop_initial_GPa": -E * om * c_surface / (3 * (1 - n)),
    }
    return values, taus, lambda x: c_surface * potentiostatic_concentration(x, taus)


def _galvanostatic(sphere: LithiatingSphere, flux: float):
    """Scalar results, profile times and concentrations (mol/cm3) under a constant inward flux."""
    R_cm, D = sphere.radius_cm, sphere.diffusivity_cm2_s
    taus = np.array(_PROFILE_TAUS["galvanostatic"])
    values = {
        "steady_center_tension_GPa": galvanostatic_steady_max_GPa(sphere, flux),
        "steady_surface_hoop_GPa": -galvanostatic_steady_max_GPa(sphere, flux),
        "time_to_steady_s": 0.3 * R_cm**2 / D,  # quasi-steady profile from D t / R^2 ~ 0.3
    }
    return values, taus, lambda x: (flux * R_cm / D) * galvanostatic_concentration(x, taus)


def sphere_diffusion(
    sphere: LithiatingSphere,
    mode: str = "potentiostatic",
    surface_concentration_mol_cm3: float = 0.01,
    flux_mol_cm2_s: float = 1e-10,
) -> SphereDiffusionStress:
    """Diffusion-induced stress of a sphere charged potentiostatically or galvanostatically.

    ``potentiostatic`` (surface at ``c_s``): peak centre tension ``0.1285 E Omega c_s/(1 - nu)`` at
    ``D t/R^2 = 0.0574`` (:func:`potentiostatic_peak`) and the initial surface hoop stress
    ``-E Omega c_s/(3 (1 - nu))``; ``galvanostatic`` (flux ``J``): the quasi-steady centre tension
    ``E Omega J R/(15 (1 - nu) D)`` (:func:`galvanostatic_steady_max_GPa`), reached after
    ``D t/R^2 ~ 0.3``.  Profiles over 201 radial points at five times (Crank's series).
    """
    if mode == "potentiostatic":
        c_s = check_positive("surface_concentration_mol_cm3", surface_concentration_mol_cm3, "mol/cm3")
        values, taus, concentration = _potentiostatic(sphere, c_s)
    elif mode == "galvanostatic":
        J = check_positive("flux_mol_cm2_s", flux_mol_cm2_s, "mol/cm2/s")
        values, taus, concentration = _galvanostatic(sphere, J)
    else:
        raise InputError("mode", mode, "one of " + ", ".join(DIFFUSION_MODES))
    x = np.linspace(0, 1, _N_RADIAL)
    sr, st = sphere_diffusion_stress(x, concentration(x), sphere.material, sphere.partial_molar_volume_cm3_mol)
    return SphereDiffusionStress(sphere, mode, values, x, taus, sr, st)
