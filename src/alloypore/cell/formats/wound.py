"""A wound (jelly-roll) cylindrical cell: the geometry shared by the 18650, 21700 and 4680 formats.

One winding is a double-side-coated cathode, a double-side-coated anode and two separators,
i.e. two repeat units: its thickness (the spiral's pitch) is ``p = 2 t_unit``.  The roll is an
Archimedean spiral ``r = r0 + p phi / (2 pi)`` from the mandrel (core) radius ``r0`` to its outer
radius ``R``; its length is the arc length

    L = (a/2) [ phi sqrt(1 + phi^2) + asinh(phi) ]_{r0/a}^{R/a},   a = p / (2 pi)

(= pi (R^2 - r0^2) / p to within ~(p / 2 pi r)^2 of the inner turns: +5e-5 for a 21700 roll) and it makes
``N = (R - r0)/p`` turns.  Both faces of the cathode face an anode, so the roll holds ``2 L h``
cm2 of repeat unit, ``h`` the coated height (can height less the headspace: bottom, header,
insulators, electrode overhang).

The length is set **at the charged (swollen) thickness**: the roll, with the anode at its
lithiation at top of charge, fills the can's inner radius ``R_can = D/2 - wall`` less a radial
``clearance``.  Given a length instead (``cylinder_electrode_length_mm``, e.g. from a teardown),
the charged roll radius follows from the area, ``R = sqrt(r0^2 + L p / pi)``.

Reported (``details``): roll length, turns, pristine and charged roll radius, the radial gap
between the charged roll and the can, and the largest anode swelling the can takes (the anode
thickness at which the charged roll touches the can, over the pristine anode thickness).

Cell::

    capacity = Q 2 L h,   energy = E 2 L h,   volume = pi (D/2)^2 H
    mass     = m_unit 2 L h + rho_can [pi ((D/2)^2 - R_can^2) H + pi R_can^2 wall] + m_header

(the can: side wall over the whole height plus a bottom of the wall thickness; ``m_header``:
cap, vent/CID, gasket, tabs and insulators).  Limits: ``can_fit`` binds where the charged roll
is within the clearance of the can (violated where it does not fit at all).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, packaged
from alloypore.errors import SpecError

__all__ = ["FIELDS", "spiral_length", "spiral_radius", "package", "make_format"]

#: The ``[cell]`` fields every cylindrical format reads (defaults per format in its data file).
FIELDS = (
    "cylinder_diameter_mm",
    "cylinder_height_mm",
    "cylinder_can_wall_mm",
    "cylinder_can_density_g_cm3",
    "cylinder_mandrel_diameter_mm",
    "cylinder_headspace_mm",
    "cylinder_clearance_mm",
    "cylinder_header_mass_g",
    "cylinder_electrode_length_mm",
)


def spiral_length(r0, r1, pitch):
    """Arc length of the Archimedean spiral of ``pitch`` from radius ``r0`` to ``r1`` (same units)."""
    a = np.asarray(pitch, dtype=float) / (2.0 * np.pi)

    def f(r):
        phi = np.asarray(r, dtype=float) / a
        return 0.5 * a * (phi * np.sqrt(1.0 + phi * phi) + np.arcsinh(phi))

    return f(r1) - f(r0)


def spiral_radius(r0, length, pitch):
    """Outer radius of a spiral of ``length`` and ``pitch`` wound from ``r0`` (area form, ``pi (R^2 - r0^2) = L p``)."""
    return np.sqrt(np.asarray(r0, dtype=float) ** 2 + np.asarray(length) * np.asarray(pitch) / np.pi)


def _check_hardware(name: str, d, h, wall, r0, headspace, clearance) -> None:
    """Hardware that leaves no room for any roll: a one-line SpecError naming the field."""
    r_can = d / 2.0 - wall
    if np.any(r_can <= 0):
        raise SpecError("cell.cylinder_can_wall_mm", float(np.max(wall)), f"the {name} can wall fills its radius")
    if np.any(r0 + clearance >= r_can):
        raise SpecError("cell.cylinder_mandrel_diameter_mm", float(np.max(2 * r0 * 10)),
                        f"the {name} core plus the clearance leaves no room for a roll "
                        f"(can inner radius {float(np.min(r_can)) * 10:.3f} mm)")
    if np.any(headspace + wall >= h):
        raise SpecError("cell.cylinder_headspace_mm", float(np.max(headspace * 10)),
                        f"leaves no coated height in the {name} can")


def package(unit: RepeatUnit, *, name: str = "cylindrical", cylinder_diameter_mm, cylinder_height_mm,
            cylinder_can_wall_mm, cylinder_can_density_g_cm3, cylinder_mandrel_diameter_mm, cylinder_headspace_mm,
            cylinder_clearance_mm, cylinder_header_mass_g, cylinder_electrode_length_mm=None) -> PackagedCell:
    """The wound cell (see the module docstring); lengths in cm inside, mm at the interface."""
    d = np.asarray(cylinder_diameter_mm, dtype=float) / 10.0
    h_can = np.asarray(cylinder_height_mm, dtype=float) / 10.0
    wall = np.asarray(cylinder_can_wall_mm, dtype=float) / 10.0
    r0 = np.asarray(cylinder_mandrel_diameter_mm, dtype=float) / 20.0
    head = np.asarray(cylinder_headspace_mm, dtype=float) / 10.0
    gap_min = np.asarray(cylinder_clearance_mm, dtype=float) / 10.0
    _check_hardware(name, d, h_can, wall, r0, head, gap_min)
    r_can = d / 2.0 - wall
    h = h_can - head
    p_charged = 2.0 * unit.thickness_charged_um * 1e-4
    t_rest = unit.thickness_charged_um - unit.anode_charged_thickness_um  # um, all but the anode
    if cylinder_electrode_length_mm is None:
        r_charged = r_can - gap_min
        length = spiral_length(r0, r_charged, p_charged)
    else:
        length = np.asarray(cylinder_electrode_length_mm, dtype=float) / 10.0
        r_charged = spiral_radius(r0, length, p_charged)
    t_a0 = unit.anode_charged_thickness_um if unit.anode_thickness_um is None else unit.anode_thickness_um
    p_pristine = 2.0 * (t_rest + t_a0) * 1e-4
    r_pristine = spiral_radius(r0, length, p_pristine)
    # the anode thickness at which the charged roll touches the can (area form)
    t_a_max = np.pi * (r_can**2 - r0**2) / length / 2.0 * 1e4 - t_rest
    area = 2.0 * length * h  # cm2 of repeat unit
    can = cylinder_can_density_g_cm3 * (np.pi * ((d / 2.0) ** 2 - r_can**2) * h_can + np.pi * r_can**2 * wall)
    mass = unit.mass_g_cm2 * area + can + cylinder_header_mass_g
    volume = np.pi * (d / 2.0) ** 2 * h_can
    energy = unit.energy_Wh_cm2 * area
    gap = r_can - r_charged
    return packaged(
        capacity_Ah=unit.capacity_mAh_cm2 * area * 1e-3,
        energy_Wh=energy,
        mass_g=mass,
        volume_cm3=volume,
        binding_limits={"can_fit": gap <= gap_min * (1.0 + 1e-9)},
        violated={"can_fit": gap < 0.0, "roll_fits_empty": r_pristine > r_can},
        details={
            "roll_length_mm": length * 10.0,
            "roll_turns": (r_charged - r0) / p_charged,
            "coated_height_mm": h * 10.0,
            "roll_radius_pristine_mm": r_pristine * 10.0,
            "roll_radius_charged_mm": r_charged * 10.0,
            "can_inner_radius_mm": r_can * 10.0,
            "can_gap_charged_mm": gap * 10.0,
            "max_anode_swelling_pct": 100.0 * (t_a_max / t_a0 - 1.0),
            "can_mass_g": can,
        },
    )


def make_format(name: str, defaults: Mapping[str, Any], sources: Mapping[str, str], description: str) -> CellFormat:
    """A cylindrical format: :func:`package` with the hardware of ``name``'s data file."""

    def package_named(unit: RepeatUnit, **fields) -> PackagedCell:
        return package(unit, name=name, **fields)

    return CellFormat(name=name, package=package_named, fields=FIELDS, description=description,
                      defaults=dict(defaults), sources=dict(sources))
