"""Stress-limited design: how far a core may lithiate before a shell cracks, and the best shell thickness.

Linear elasticity makes every stress proportional to the core's eigenstrain ``eps*``, so one
solution of the layered sphere per unit eigenstrain gives the eigenstrain at which each shell
reaches its strength (Kim & Cho 2020 criterion); :func:`shell_optimum` scans the carbon-shell
thickness for the largest usable capacity.

References
----------
S. Y. Kim, J. Cho et al., Adv. Mater. (2020) (stress-limited lithiation, optimal Si:C).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from alloypore.errors import InputError
from alloypore.mechanics.inputs import LINEAR_ELASTIC_NOTE, ActiveCore, ShellLayer
from alloypore.mechanics.spheres import layered_sphere
from alloypore.plotting import new_figure

__all__ = [
    "eigenstrain_from_theta",
    "theta_from_eigenstrain",
    "stress_limited_fraction",
    "ShellOptimum",
    "shell_optimum",
]

_UNIT_EIGENSTRAIN = 0.01  # solve at eps* = 1 % and scale (the problem is linear)


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
    core: ActiveCore | None = None
    shell: ShellLayer | None = None
    notes: str = field(default=LINEAR_ELASTIC_NOTE)

    def summary(self) -> dict:
        """The optimum and the two inputs that set it (core expansion, shell strength)."""
        return {
            "best_shell_thickness_nm": self.best_shell_thickness_nm,
            "best_theta_limit": self.best_theta_limit,
            "best_capacity_mAh_g": self.best_capacity_mAh_g,
            "best_si_to_c_mass_ratio": self.best_si_to_c_mass_ratio,
            "beta": None if self.core is None else self.core.beta,
            "shell_strength_GPa": None if self.shell is None else self.shell.strength_GPa,
        }

    def scan(self) -> dict:
        """The scanned curves: shell thickness, stress-limited fraction, usable capacity."""
        return {"shell_thickness_nm": self.shell_thickness_nm, "theta_limit": self.theta_limit,
                "usable_capacity_mAh_g": self.usable_capacity_mAh_g}

    def plot(self):
        """Usable capacity and stress-limited lithiation fraction against the shell thickness."""
        fig, ax = new_figure()
        ax.semilogx(self.shell_thickness_nm, self.usable_capacity_mAh_g)
        ax.set_xlabel("shell thickness (nm)")
        ax.set_ylabel("usable capacity (mAh/g)")
        ax2 = ax.twinx()
        ax2.semilogx(self.shell_thickness_nm, self.theta_limit, color="C1")
        ax2.set_ylabel("stress-limited lithiation fraction", color="C1")
        return fig


def _density(layer, field_name: str) -> float:
    if layer.density_g_cm3 is None:
        raise InputError(field_name, None, "a density (g/cm3) is needed for the usable capacity")
    return layer.density_g_cm3


def shell_optimum(
    core: ActiveCore,
    shell: ShellLayer,
    inner_shell: ShellLayer | None = None,
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
    theta_lim), thick shells dilute the active core: ``Q(h)`` has a maximum.  ``shell.thickness_nm``
    is not used (the scan sets it); ``inner_shell`` is an optional inert layer of fixed thickness
    between core and carbon (Si/SiO2/C, Kim & Cho 2020).  Limitations: linear elasticity up to the
    limit (softening and plasticity of Li_xSi ignored), uniform lithiation of the core.
    """
    a = core.radius_nm
    rho_core = _density(core, "core_density_g_cm3")
    rho_shell = _density(shell, "shell_density_g_cm3")
    lo, hi = (float(thickness_range_nm[0]), float(thickness_range_nm[1]))
    if not 0 < lo < hi:
        raise InputError("thickness_range_nm", thickness_range_nm, "need 0 < min < max")
    inner = [] if inner_shell is None else [inner_shell]
    r_in, m_inner = a, 0.0
    if inner_shell is not None:
        t = inner_shell.thickness_nm
        m_inner = _density(inner_shell, "inner_shell_density_g_cm3") * ((a + t) ** 3 - a**3)
        r_in = a + t
    hs = np.geomspace(lo, hi, int(n))
    thetas, caps, ratios, by = [], [], [], []
    m_core = rho_core * a**3
    for h in hs:
        scanned = ShellLayer(shell.material, shell.strength_GPa, thickness_nm=h)
        res = stress_limited_fraction(core, inner + [scanned], core_pressure_limit_GPa, measure)
        m_shell = rho_shell * ((r_in + h) ** 3 - r_in**3)
        q = (m_core * res["theta_limit"] * core.capacity_mAh_g + m_shell * shell.capacity_mAh_g) / (
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
        core=core,
        shell=shell,
    )
