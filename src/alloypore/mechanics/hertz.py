"""Hertz contact of two elastic spheres (or a sphere on a plane): the closed form the contact FEM is checked against.

References
----------
H. Hertz, J. reine angew. Math. 92, 156 (1882); K. L. Johnson, *Contact Mechanics*, CUP 1985, eqs. 4.22-4.23.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alloypore.mechanics._checks import check_positive
from alloypore.mechanics.inputs import ElasticMaterial

__all__ = ["HertzContact", "hertz_contact"]


@dataclass(frozen=True)
class HertzContact:
    """Hertz contact of two elastic spheres (or a sphere on a plane); lengths nm, stresses GPa, force nN."""

    force_nN: float
    contact_radius_nm: float
    peak_pressure_GPa: float
    approach_nm: float
    effective_radius_nm: float
    effective_modulus_GPa: float


def hertz_contact(
    force_nN: float,
    radius_nm: float,
    material: ElasticMaterial,
    radius2_nm: float | None = None,
    material2: ElasticMaterial | None = None,
) -> HertzContact:
    """Hertz contact of two elastic spheres pressed together by ``F`` (frictionless, small contact).

    ``1/R* = 1/R1 + 1/R2``, ``1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2``,
    ``a = (3 F R*/(4 E*))^(1/3)``, ``p0 = 3 F/(2 pi a^2)``, ``delta = a^2/R*``.

    ``radius2_nm=None`` is a flat plane, ``material2=None`` a rigid body.  Two identical spheres
    (``R``, ``E``, ``nu``) give the same ``a`` and ``p0`` as one of them on a rigid frictionless
    plane (``R* = R/2``, ``E* = E/(2(1-nu^2))``).  Units: GPa x nm^2 = nN.

    Limitations: half-space theory, valid for ``a << R``; linear elastic.
    """
    F = check_positive("force_nN", force_nN, "nN")
    R1 = check_positive("radius_nm", radius_nm, "nm")
    inv_R = 1.0 / R1 + (0.0 if radius2_nm is None else 1.0 / check_positive("radius2_nm", radius2_nm, "nm"))
    inv_E = (1 - material.nu**2) / material.E_GPa
    if material2 is not None:
        inv_E += (1 - material2.nu**2) / material2.E_GPa
    Rs, Es = 1.0 / inv_R, 1.0 / inv_E
    a = (3 * F * Rs / (4 * Es)) ** (1.0 / 3.0)
    return HertzContact(F, a, 3 * F / (2 * np.pi * a**2), a**2 / Rs, Rs, Es)
