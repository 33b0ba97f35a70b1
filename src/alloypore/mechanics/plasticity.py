"""Plastic spherical shells: the fully yielded shell and the elastic limit of a pressurised shell.

Perfect plasticity (von Mises = Tresca for this stress state, ``|sigma_theta - sigma_r| = sigma_Y``).
Lithiated Si flows at ~1 GPa, so a shell round a lithiating core or the lithiated shell of a
hollow particle is often fully plastic long before the linear-elastic stresses of
:mod:`alloypore.mechanics.spheres` are reached.

References
----------
R. Hill, *The Mathematical Theory of Plasticity*, Oxford 1950, ch. V.
K. Zhao, M. Pharr, S. Cai, J. J. Vlassak, Z. Suo, J. Am. Ceram. Soc. 94, S226 (2011).
"""

from __future__ import annotations

import numpy as np

from alloypore.mechanics._checks import check_positive, check_radius_order

__all__ = ["plastic_shell_stress", "shell_yield_onset_pressure_GPa"]


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
    check_radius_order("inner_radius_nm", a, "outer_radius_nm", b)
    r = np.asarray(r_nm, dtype=float)
    sr = -2.0 * sy * np.log(b / r)
    return sr, sr + sy, 2.0 * sy * np.log(b / a)


def shell_yield_onset_pressure_GPa(inner_radius_nm, outer_radius_nm, yield_strength_GPa) -> float:
    """Inner pressure at which an elastic shell first yields at ``r = a``: ``p = 2 sigma_Y (1 - a^3/b^3)/3``."""
    a, b = float(inner_radius_nm), float(outer_radius_nm)
    return 2.0 * float(yield_strength_GPa) * (1 - a**3 / b**3) / 3.0
