"""A prismatic cell (``[cell] format = "prismatic"``): a flat roll (or stack) in an aluminium case.

The layers fill the inner thickness of the case at their **charged** thickness less a clearance;
their coated area is the inner width times the coated height (case height less the headspace of
lid, terminals, tabs and insulators).  With ``W, H, T`` the outer dimensions and ``w`` the wall::

    n        = (T - 2 w - c) / t_unit(charged)          repeat units across the thickness
    A        = n (W - 2 w) (H - h_head)                   cm2 of repeat unit
    capacity = Q A,   energy = E A,   volume = W H T
    mass     = m_unit A + rho_case [W H T - (W - 2w)(H - 2w)(T - 2w)] + m_lid

(the bends of a flat-wound roll are neglected).  Defaults: the VDA PHEV2 format (``data/prismatic.toml``).
The layers fill the case by construction, so ``can_fit`` always binds; ``details`` reports the
number of units and the largest anode swelling the case takes.
"""

from __future__ import annotations

import numpy as np

from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, format_defaults, packaged
from alloypore.errors import SpecError

__all__ = ["FORMAT", "DEFAULTS", "SOURCES", "package"]

DEFAULTS, SOURCES = format_defaults("prismatic.toml")


def package(unit: RepeatUnit, *, prismatic_width_mm, prismatic_height_mm, prismatic_thickness_mm, prismatic_can_wall_mm,
            prismatic_can_density_g_cm3, prismatic_headspace_mm, prismatic_clearance_mm,
            prismatic_header_mass_g) -> PackagedCell:
    """The prismatic cell (see the module docstring); mm at the interface, cm inside."""
    w_out, h_out, t_out = (np.asarray(v, dtype=float) / 10.0 for v in (prismatic_width_mm, prismatic_height_mm, prismatic_thickness_mm))
    wall = np.asarray(prismatic_can_wall_mm, dtype=float) / 10.0
    head = np.asarray(prismatic_headspace_mm, dtype=float) / 10.0
    clear = np.asarray(prismatic_clearance_mm, dtype=float) / 10.0
    room = t_out - 2.0 * wall - clear
    if np.any(room <= 0) or np.any(w_out <= 2 * wall):
        raise SpecError("cell.prismatic_thickness_mm", float(np.min(t_out)) * 10, "the case walls and clearance leave no room for layers")
    if np.any(head >= h_out):
        raise SpecError("cell.prismatic_headspace_mm", float(np.max(head)) * 10, "leaves no coated height in the case")
    t_unit = unit.thickness_charged_um * 1e-4
    n = room / t_unit
    area = n * (w_out - 2.0 * wall) * (h_out - head)
    outer = w_out * h_out * t_out
    case = prismatic_can_density_g_cm3 * (outer - (w_out - 2 * wall) * (h_out - 2 * wall) * (t_out - 2 * wall))
    mass = unit.mass_g_cm2 * area + case + prismatic_header_mass_g
    energy = unit.energy_Wh_cm2 * area
    t_rest = unit.thickness_charged_um - unit.anode_charged_thickness_um
    t_a0 = unit.anode_charged_thickness_um if unit.anode_thickness_um is None else unit.anode_thickness_um
    return packaged(
        capacity_Ah=unit.capacity_mAh_cm2 * area * 1e-3,
        energy_Wh=energy,
        mass_g=mass,
        volume_cm3=outer,
        binding_limits={"can_fit": np.ones(np.shape(n), dtype=bool)},
        details={
            "repeat_units": n,
            "electrode_area_cm2": area,
            "max_anode_swelling_pct": 100.0 * ((room * 1e4 / n - t_rest) / t_a0 - 1.0),
            "case_mass_g": case,
        },
    )


FORMAT = CellFormat(name="prismatic", package=package, fields=tuple(DEFAULTS), defaults=DEFAULTS, sources=SOURCES,
                    description="flat roll/stack filling an aluminium prismatic case at full charge")
