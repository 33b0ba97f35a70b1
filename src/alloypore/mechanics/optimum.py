"""Stress-limited design: how far a core may lithiate before a shell cracks or the core stops taking Li.

Linear elasticity makes every stress proportional to the core's eigenstrain ``eps*``, so one
solution of the layered sphere per unit eigenstrain gives the eigenstrain at which each limit
is reached.  Two limits, as in Kim & Cho's stress-limited lithiation (the review's ref. 119,
Fig. 7e):

* **tensile**: the hoop stress at the inner surface of the outer (carbon) shell reaches its
  strength ``S``: ``eps_t(h) = S / s(h)``, ``s`` the hoop stress per unit eigenstrain;
* **compressive**: the hydrostatic compression ``p`` of the core reaches the value at which the
  core stops taking Li: ``eps_c(h) = P / p(h)``.  ``P`` is given, or set by the stress-potential
  coupling of the Li chemical potential (Larche & Cahn; measured for Li_xSi by Sethuraman et al.
  2010): inserting Li into a core under pressure ``p`` costs ``Omega p`` per mole, so lithiation
  stops when ``Omega p = F dE``, ``dE`` the driving force (V) and Omega the partial molar volume
  of the materials table, i.e. ``P = F dE / Omega``.

A thin shell cracks early (``eps_t`` small), a thick one squeezes the core (``eps_c`` small):
:func:`shell_optimum` finds the cross-point ``eps_t(h) = eps_c(h)`` by root finding
(:func:`scipy.optimize.brentq` on ``ln h``), which with no fixed-thickness inner layer depends on
``h/a`` only (scale invariant).  A cross-point outside the thickness range is never returned as
an optimum: the bound is reported with ``on_bound = True`` and a note.

References
----------
S. Y. Kim, J. Cho et al. (2020), the review's ref. 119 (Fig. 7e): stress-limited lithiation,
optimal Si:C = 1:0.977 with a ~40 GPa carbon limit.
F. Larche, J. W. Cahn, Acta Metall. 26, 1579 (1978); V. A. Sethuraman, V. Srinivasan, A. F. Bower,
P. R. Guduru, J. Electrochem. Soc. 157, A1253 (2010) (stress-potential coupling in Li_xSi).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from scipy.optimize import brentq

from alloypore.errors import InputError
from alloypore.mechanics._checks import check_positive
from alloypore.mechanics.inputs import LINEAR_ELASTIC_NOTE, ActiveCore, ShellLayer
from alloypore.mechanics.spheres import layered_sphere
from alloypore.plotting import new_figure

__all__ = [
    "eigenstrain_from_theta",
    "theta_from_eigenstrain",
    "stress_limited_fraction",
    "core_pressure_limit_from_potential",
    "DEFAULT_DRIVING_FORCE_V",
    "ShellOptimum",
    "shell_optimum",
]

_UNIT_EIGENSTRAIN = 0.01  # solve at eps* = 1 % and scale (the problem is linear)
FARADAY_C_MOL = 96485.33212
#: Default lithiation driving force (V) of the compressive limit: amorphous Li_xSi lithiates at
#: ~0.05-0.3 V vs Li (Obrovac & Chevrier, Chem. Rev. 114 (2014) 11444) and cells cut off near 0 V, so
#: ~0.1 V is left near the end of lithiation; an order-of-magnitude engineering choice, give your own.
DEFAULT_DRIVING_FORCE_V = 0.1


def core_pressure_limit_from_potential(driving_force_V: float, partial_molar_volume_cm3_mol: float) -> float:
    """Core pressure (GPa) at which Li insertion stops: ``P = F dE / Omega`` (Larche-Cahn stress-potential coupling).

    ``F dE`` (J/mol) is the driving force of lithiation, ``Omega p`` (J/mol) the work of inserting
    one mole of Li against the pressure ``p``.  Omega = 9.03 cm3/mol (Si) gives 93.6 mV per GPa,
    the order measured for Li_xSi (~0.1 V/GPa, Sethuraman et al. 2010).
    """
    dE = check_positive("driving_force_V", driving_force_V, "V")
    om = check_positive("partial_molar_volume_cm3_mol", partial_molar_volume_cm3_mol, "cm3/mol")
    return FARADAY_C_MOL * dE / (om * 1e-6) * 1e-9


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


def _per_unit_eigenstrain(core: ActiveCore, shells: Sequence[ShellLayer]) -> tuple[list, float]:
    """Peak hoop stress of each shell (at its inner surface) and the core pressure, per unit eps*."""
    radii = [core.radius_nm]
    for s in shells:
        radii.append(radii[-1] + s.thickness_nm)
    materials = [core.material] + [s.material for s in shells]
    sol = layered_sphere(radii, materials, [_UNIT_EIGENSTRAIN] + [0.0] * len(shells))
    hoop_per_eps = []
    for i in range(1, len(radii)):
        _, st = sol.stresses([radii[i - 1] * (1 + 1e-12)])
        hoop_per_eps.append(float(st[0]) / _UNIT_EIGENSTRAIN)
    p_per_eps = -float(sol.stresses([0.0])[0][0]) / _UNIT_EIGENSTRAIN
    return hoop_per_eps, p_per_eps


def stress_limited_fraction(
    core: ActiveCore,
    shells: Sequence[ShellLayer],
    core_pressure_limit_GPa: float | None = None,
    measure: str = "volumetric",
) -> dict:
    """Lithiation fraction at which the first shell reaches its tensile strength (Kim & Cho 2020).

    ``shells`` from inside out, each with its thickness, elastic constants and strength; only the
    core carries eigenstrain.  Linear elasticity makes every stress proportional to eps*, so with
    ``s_i`` the peak hoop stress of shell i per unit eps* (at its inner surface)
    ``eps_lim = min_i(strength_i / s_i, p_lim / p_1)``, ``theta_lim = min(1, theta(eps_lim))``.
    Returns a dict with ``theta_limit``, ``eigenstrain_limit``, ``limited_by`` and the
    per-unit-eigenstrain stresses.
    """
    hoop_per_eps, p_per_eps = _per_unit_eigenstrain(core, shells)
    limits = {}
    for i, (s, layer) in enumerate(zip(hoop_per_eps, shells)):
        if s > 0:
            limits[f"shell{i + 1}_tension"] = float(layer.strength_GPa) / s
    if core_pressure_limit_GPa is not None and p_per_eps > 0:
        limits["core_compression"] = float(core_pressure_limit_GPa) / p_per_eps
    eps_full = float(eigenstrain_from_theta(1.0, core.beta, measure))
    limits["full_lithiation"] = eps_full
    by = min(limits, key=limits.get)
    eps_lim = min(limits[by], eps_full)
    return {
        "theta_limit": float(min(1.0, theta_from_eigenstrain(eps_lim, core.beta, measure))),
        "eigenstrain_limit": eps_lim,
        "limited_by": by,
        "shell_hoop_inner_per_eigenstrain_GPa": hoop_per_eps,
        "interface_pressure_per_eigenstrain_GPa": p_per_eps,
    }


@dataclass(frozen=True)
class ShellOptimum:
    """Result of :func:`shell_optimum`: the cross-point of the two limits and the scan for the figure.

    Arrays over the scanned outer-shell thickness: ``theta_tension`` / ``theta_compression`` (the
    lithiation fraction at which each limit is reached, not capped at 1), ``theta_limit`` (the
    lower of the two, capped at full lithiation), usable capacity and Si:C mass ratio.
    """

    shell_thickness_nm: np.ndarray
    theta_tension: np.ndarray
    theta_compression: np.ndarray
    theta_limit: np.ndarray
    usable_capacity_mAh_g: np.ndarray
    si_to_c_mass_ratio: np.ndarray
    limited_by: list
    best_shell_thickness_nm: float
    best_theta_limit: float
    best_capacity_mAh_g: float
    best_si_to_c_mass_ratio: float
    theta_at_cross: float
    core_pressure_limit_GPa: float
    compressive_criterion: str
    on_bound: bool
    note: str
    core: ActiveCore | None = None
    shell: ShellLayer | None = None
    notes: str = field(default=LINEAR_ELASTIC_NOTE)

    def summary(self) -> dict:
        """The cross-point optimum, how it was found and the inputs that set it."""
        return {
            "best_shell_thickness_nm": self.best_shell_thickness_nm,
            "best_theta_limit": self.best_theta_limit,
            "best_capacity_mAh_g": self.best_capacity_mAh_g,
            "best_si_to_c_mass_ratio": self.best_si_to_c_mass_ratio,
            "c_per_si_mass": 1.0 / self.best_si_to_c_mass_ratio,
            "si_to_c": f"1:{1.0 / self.best_si_to_c_mass_ratio:.3f}",
            "theta_at_cross": self.theta_at_cross,
            "on_bound": self.on_bound,
            "note": self.note,
            "optimum": "cross-point of the shell's tensile limit and the core's compressive limit (Kim & Cho), root-found",
            "beta": None if self.core is None else self.core.beta,
            "shell_strength_GPa": None if self.shell is None else self.shell.strength_GPa,
            "core_pressure_limit_GPa": self.core_pressure_limit_GPa,
            "compressive_criterion": self.compressive_criterion,
        }

    def scan(self) -> dict:
        """The scanned curves: shell thickness, both limits, the stress-limited fraction, usable capacity."""
        return {"shell_thickness_nm": self.shell_thickness_nm, "theta_tension": self.theta_tension,
                "theta_compression": self.theta_compression, "theta_limit": self.theta_limit,
                "usable_capacity_mAh_g": self.usable_capacity_mAh_g, "si_to_c_mass_ratio": self.si_to_c_mass_ratio}

    def plot(self):
        """Both limits against the shell thickness with the cross-point marked (cf. the review's Fig. 7e)."""
        fig, ax = new_figure()
        h = self.shell_thickness_nm
        ax.semilogx(h, self.theta_tension, label="tensile limit of the shell")
        ax.semilogx(h, self.theta_compression, label="compressive limit of the core")
        ax.fill_between(h, 0, np.minimum(1.0, np.minimum(self.theta_tension, self.theta_compression)), color="0.9",
                        label="usable lithiation")
        ax.axhline(1.0, color="0.5", lw=0.8, ls=":")
        h0, t0 = self.best_shell_thickness_nm, self.theta_at_cross
        ax.plot([h0], [t0], "ko", label=f"{'bound' if self.on_bound else 'cross-point'}: {h0:.3g} nm, "
                                        f"Si:C = 1:{1 / self.best_si_to_c_mass_ratio:.3f}")
        top = max(1.2, 1.5 * t0) if np.isfinite(t0) else 1.2
        ax.set_ylim(0, top)
        ax.set_xlabel("outer shell thickness (nm)")
        ax.set_ylabel("lithiation fraction at the limit")
        ax.legend(fontsize=7)
        return fig


def _density(layer, field_name: str) -> float:
    if layer.density_g_cm3 is None:
        raise InputError(field_name, None, "a density (g/cm3) is needed for the usable capacity")
    return layer.density_g_cm3


def _core_pressure_limit(core: ActiveCore, core_pressure_limit_GPa, driving_force_V) -> tuple[float, str]:
    """The compressive limit P (GPa) and a sentence saying where it comes from."""
    if core_pressure_limit_GPa is not None:
        if driving_force_V is not None:
            raise InputError("driving_force_V", driving_force_V, "give core_pressure_limit_GPa or driving_force_V, not both")
        P = check_positive("core_pressure_limit_GPa", core_pressure_limit_GPa, "GPa")
        return P, f"core hydrostatic compression reaches the given {P:g} GPa"
    if driving_force_V is None:
        raise InputError("core_pressure_limit_GPa", None, "give it (GPa) or driving_force_V (V) for the compressive limit")
    if core.partial_molar_volume_cm3_mol is None:
        raise InputError("core_partial_molar_volume_cm3_mol", None, "needed with driving_force_V (Omega, cm3/mol)")
    P = core_pressure_limit_from_potential(driving_force_V, core.partial_molar_volume_cm3_mol)
    return P, (f"Omega p = F dE (Larche-Cahn stress-potential coupling): Omega = "
               f"{core.partial_molar_volume_cm3_mol:.3f} cm3/mol, dE = {driving_force_V:g} V -> P = {P:.3g} GPa")


class _Design:
    """Per-thickness limits of one design: core, fixed inner layers, the scanned outer shell and P."""

    def __init__(self, core, shell, inner, P, measure):
        self.core, self.shell, self.inner, self.P, self.measure = core, shell, inner, P, measure
        self.r_in = core.radius_nm + sum(s.thickness_nm for s in inner)

    def eigenstrains(self, h: float) -> tuple[float, float]:
        """``(eps_t, eps_c)``: eigenstrain at the shell's tensile limit and at the core's compressive limit."""
        hoop, p = _per_unit_eigenstrain(self.core, self.inner + [ShellLayer(self.shell.material, self.shell.strength_GPa,
                                                                            thickness_nm=h)])
        eps_t = self.shell.strength_GPa / hoop[-1] if hoop[-1] > 0 else np.inf
        eps_c = self.P / p if p > 0 else np.inf
        return eps_t, eps_c

    def log_gap(self, log_h: float) -> float:
        eps_t, eps_c = self.eigenstrains(float(np.exp(log_h)))
        return float(np.log(eps_t) - np.log(eps_c))

    def theta(self, eps):
        return float(theta_from_eigenstrain(eps, self.core.beta, self.measure))

    def masses(self, h: float) -> tuple[float, float, float]:
        """Core, outer-shell and inner-layer masses (arbitrary units: g/cm3 nm^3)."""
        a = self.core.radius_nm
        m_inner, r = 0.0, a
        for layer in self.inner:
            m_inner += _density(layer, "inner_shell_density_g_cm3") * ((r + layer.thickness_nm) ** 3 - r**3)
            r += layer.thickness_nm
        m_core = _density(self.core, "core_density_g_cm3") * a**3
        return m_core, _density(self.shell, "shell_density_g_cm3") * ((self.r_in + h) ** 3 - self.r_in**3), m_inner

    def capacity(self, h: float, theta: float) -> float:
        m_core, m_shell, m_inner = self.masses(h)
        return (m_core * theta * self.core.capacity_mAh_g + m_shell * self.shell.capacity_mAh_g) / (m_core + m_shell + m_inner)


def _cross_point(d: _Design, lo: float, hi: float) -> tuple[float, bool, str]:
    """Root of ``ln eps_t - ln eps_c`` in ``[ln lo, ln hi]``, or the bound the optimum lies beyond (flagged)."""
    g_lo, g_hi = d.log_gap(np.log(lo)), d.log_gap(np.log(hi))
    if g_lo <= 0.0 <= g_hi:
        root = brentq(d.log_gap, np.log(lo), np.log(hi), xtol=1e-13, rtol=4 * np.finfo(float).eps, maxiter=200)
        return float(np.exp(root)), False, "cross-point inside the thickness range"
    if g_hi < 0:  # the tensile limit is the lower one everywhere: a thicker shell would do better
        return hi, True, (f"NOT an optimum: the shell's tensile limit binds up to the largest thickness scanned "
                          f"({hi:g} nm); the cross-point lies above it - raise the maximum thickness")
    return lo, True, (f"NOT an optimum: the core's compressive limit binds down to the smallest thickness scanned "
                      f"({lo:g} nm); the cross-point lies below it - lower the minimum thickness")


def shell_optimum(
    core: ActiveCore,
    shell: ShellLayer,
    inner_shell: ShellLayer | None = None,
    core_pressure_limit_GPa: float | None = None,
    thickness_range_nm: tuple = (0.5, 200.0),
    n: int = 200,
    measure: str = "volumetric",
    driving_force_V: float | None = None,
) -> ShellOptimum:
    """Outer-shell thickness at the cross-point of the shell's tensile and the core's compressive limit.

    Kim & Cho's criterion (the review's ref. 119, Fig. 7e): for a shell of thickness ``h`` the core
    lithiates until either the shell's hoop stress reaches its strength (``eps_t(h)``, rises with h)
    or the core's hydrostatic compression reaches ``P`` (``eps_c(h)``, falls with h); the best shell
    is where the two meet, found by :func:`scipy.optimize.brentq` on ``ln eps_t - ln eps_c`` over
    ``ln h`` (relative tolerance ~1e-15).  ``P`` is ``core_pressure_limit_GPa`` or
    :func:`core_pressure_limit_from_potential` of ``driving_force_V`` and the core's Omega.
    ``inner_shell`` is an inert layer of fixed thickness between core and shell (Si/SiO2/C).

    Reported at the optimum: ``theta_at_cross`` (not capped), ``best_theta_limit = min(1, theta)``,
    the usable capacity ``Q = [m_core theta Q_core + m_shell Q_shell]/m_total`` and the Si:C mass
    ratio ``m_core / m_shell``.  If the cross-point is outside ``thickness_range_nm`` the bound is
    returned with ``on_bound = True`` and a note saying which limit binds.  ``n`` points of the
    scan are for the figure only.  Limitations: linear elasticity, uniform lithiation of the core
    (see :data:`LINEAR_ELASTIC_NOTE`).
    """
    lo, hi = (float(thickness_range_nm[0]), float(thickness_range_nm[1]))
    if not 0 < lo < hi:
        raise InputError("thickness_range_nm", thickness_range_nm, "need 0 < min < max")
    if int(n) < 2:
        raise InputError("n", n, "allowed n >= 2")
    P, criterion = _core_pressure_limit(core, core_pressure_limit_GPa, driving_force_V)
    d = _Design(core, shell, [] if inner_shell is None else [inner_shell], P, measure)
    d.masses(lo)  # one-line InputError now if a density is missing
    h_best, on_bound, note = _cross_point(d, lo, hi)
    eps_t, eps_c = d.eigenstrains(h_best)
    theta_cross = d.theta(min(eps_t, eps_c))
    if theta_cross > 1 and not on_bound:
        note += "; both limits lie above full lithiation there (the core lithiates fully)"
    hs = np.geomspace(lo, hi, int(n))
    eps = np.array([d.eigenstrains(h) for h in hs])
    th_t, th_c = (np.array([d.theta(e) for e in eps[:, k]]) for k in (0, 1))
    th = np.minimum(1.0, np.minimum(th_t, th_c))
    m = np.array([d.masses(h) for h in hs])
    return ShellOptimum(
        shell_thickness_nm=hs, theta_tension=th_t, theta_compression=th_c, theta_limit=th,
        usable_capacity_mAh_g=np.array([d.capacity(h, t) for h, t in zip(hs, th)]),
        si_to_c_mass_ratio=m[:, 0] / m[:, 1],
        limited_by=["shell_tension" if a < b else "core_compression" for a, b in zip(th_t, th_c)],
        best_shell_thickness_nm=h_best, best_theta_limit=min(1.0, theta_cross),
        best_capacity_mAh_g=d.capacity(h_best, min(1.0, theta_cross)),
        best_si_to_c_mass_ratio=d.masses(h_best)[0] / d.masses(h_best)[1], theta_at_cross=theta_cross,
        core_pressure_limit_GPa=P, compressive_criterion=criterion, on_bound=on_bound, note=note,
        core=core, shell=shell,
    )
