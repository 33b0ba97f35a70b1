"""A 2032 coin cell (``[cell] format = "coin-2032"``): a half cell against Li metal, or a full cell.

One electrode disk of diameter ``d`` (area ``A = pi d^2 / 4``), coated on one side of a whole
foil, a separator, and a fixed electrolyte dose ``V_el`` (a coin cell is flooded, not filled to
its pores), in case, cap, spacer and spring of mass ``m_hw``; volume ``pi D^2 h / 4``.

* ``coin_mode = "half"`` (default): the anode against a Li metal chip.  A lab measures the
  first lithiation ``Q_a A / ICE_a`` and the first delithiation ``Q_a A`` (the reversible
  capacity, mAh), ``Q_a`` the coating's reversible areal capacity and ``ICE_a`` its first-cycle
  efficiency.  ``capacity_Ah`` is the reversible capacity; ``energy_Wh = Q_a A U_a`` with
  ``U_a`` the average delithiation potential (the energy a half cell takes to delithiate; a
  half cell is not an energy store, so its Wh/kg says nothing about a battery).

      mass = A (m_anode + rho_Cu t_Cu + m_sep) + rho_Li t_Li pi d_Li^2/4 + rho_el V_el + m_hw

* ``coin_mode = "full"``: anode and cathode disks of the same area with the spec's N/P ratio:
  ``capacity = Q A`` and ``energy = E A`` of the repeat unit (after the first-cycle losses of
  both electrodes), mass with whole foils and the electrolyte dose.
"""

from __future__ import annotations

import numpy as np

from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, format_defaults, packaged
from alloypore.cell.constants import ALUMINIUM_DENSITY_G_CM3, COPPER_DENSITY_G_CM3, LITHIUM_DENSITY_G_CM3
from alloypore.errors import SpecError

__all__ = ["FORMAT", "DEFAULTS", "SOURCES", "MODES", "package"]

DEFAULTS, SOURCES = format_defaults("coin-2032.toml")
#: ``coin_mode`` values.
MODES = ("half", "full")


def _need(unit: RepeatUnit) -> None:
    missing = [k for k in ("anode_capacity_mAh_cm2", "anode_first_cycle_efficiency", "anode_potential_V", "anode_mass_g_cm2",
                           "cathode_mass_g_cm2", "separator_mass_g_cm2", "anode_foil_um", "cathode_foil_um",
                           "electrolyte_density_g_cm3") if getattr(unit, k) is None]
    if missing:
        raise SpecError("cell.format", "coin-2032", f"needs the repeat unit's pieces ({', '.join(missing)})")


def package(unit: RepeatUnit, *, coin_mode, coin_diameter_mm, coin_height_mm, coin_electrode_diameter_mm,
            coin_lithium_diameter_mm, coin_lithium_thickness_um, coin_electrolyte_uL, coin_hardware_mass_g) -> PackagedCell:
    """The coin cell (see the module docstring)."""
    if coin_mode not in MODES:
        raise SpecError("cell.coin_mode", coin_mode, f"allowed: {', '.join(MODES)}")
    _need(unit)
    area = np.pi * (np.asarray(coin_electrode_diameter_mm, dtype=float) / 10.0) ** 2 / 4.0
    volume = np.pi * (np.asarray(coin_diameter_mm, dtype=float) / 10.0) ** 2 / 4.0 * np.asarray(coin_height_mm) / 10.0
    m_el = np.asarray(coin_electrolyte_uL, dtype=float) * 1e-3 * unit.electrolyte_density_g_cm3
    cu = unit.anode_foil_um * 1e-4 * COPPER_DENSITY_G_CM3
    if coin_mode == "half":
        q_rev = unit.anode_capacity_mAh_cm2 * area  # mAh
        li = LITHIUM_DENSITY_G_CM3 * np.asarray(coin_lithium_thickness_um) * 1e-4 * np.pi * (np.asarray(coin_lithium_diameter_mm) / 10.0) ** 2 / 4.0
        mass = area * (unit.anode_mass_g_cm2 + cu + unit.separator_mass_g_cm2) + li + m_el + coin_hardware_mass_g
        energy = q_rev * 1e-3 * unit.anode_potential_V
        details = {
            "electrode_area_cm2": area,
            "first_lithiation_mAh": q_rev / unit.anode_first_cycle_efficiency,
            "first_delithiation_mAh": q_rev,
            "reversible_capacity_mAh": q_rev,
            "first_cycle_efficiency": np.asarray(unit.anode_first_cycle_efficiency, dtype=float),
            "lithium_mass_g": li,
        }
        capacity = q_rev * 1e-3
    else:
        al = unit.cathode_foil_um * 1e-4 * ALUMINIUM_DENSITY_G_CM3
        mass = area * (unit.anode_mass_g_cm2 + unit.cathode_mass_g_cm2 + unit.separator_mass_g_cm2 + cu + al) + m_el + coin_hardware_mass_g
        capacity = unit.capacity_mAh_cm2 * area * 1e-3
        energy = unit.energy_Wh_cm2 * area
        details = {"electrode_area_cm2": area, "reversible_capacity_mAh": capacity * 1e3}
    return packaged(capacity_Ah=capacity, energy_Wh=energy, mass_g=mass, volume_cm3=np.broadcast_to(volume, np.shape(mass)),
                    details=details)


FORMAT = CellFormat(name="coin-2032", package=package, fields=tuple(DEFAULTS), defaults=DEFAULTS, sources=SOURCES,
                    description="2032 coin cell: half cell against Li metal, or a full cell")
