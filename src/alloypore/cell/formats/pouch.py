"""A pouch cell: ``n`` repeat units of area ``A`` in a laminate envelope with seals and tabs.

With ``a = sqrt(A) + 2 w_seal`` the outer side of a square pouch, ``t_lam`` and ``rho_lam``
the laminate thickness and density and ``m_tabs`` the tab mass::

    capacity = Q A n,   energy = Q U A n
    mass     = m_unit A n + 2 a^2 t_lam rho_lam + m_tabs
    volume   = a^2 (n t_unit(charged) + 2 t_lam)

Defaults (``data/pouch.toml``): 20 layers of 100 cm2, a 153 um laminate of 1.6 g/cm3, 5 mm
seals and 2 g of tabs.
"""

from __future__ import annotations

import numpy as np

from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, format_defaults, packaged

__all__ = ["FORMAT", "DEFAULTS", "SOURCES", "package"]

#: Default ``[cell]`` values of the pouch and their sources.
DEFAULTS, SOURCES = format_defaults("pouch.toml")


def package(
    unit: RepeatUnit,
    *,
    pouch_electrode_area_cm2,
    pouch_layers,
    pouch_laminate_thickness_um,
    pouch_laminate_density_g_cm3,
    pouch_seal_width_mm,
    pouch_tab_mass_g,
) -> PackagedCell:
    """Capacity, energy, mass and volume of the pouch (see the module docstring)."""
    area = np.asarray(pouch_electrode_area_cm2, dtype=float)
    n = np.asarray(pouch_layers, dtype=float)
    side = np.sqrt(area) + 2.0 * np.asarray(pouch_seal_width_mm) / 10.0
    outer = side * side
    t_lam = np.asarray(pouch_laminate_thickness_um) * 1e-4
    cap_ah = unit.capacity_mAh_cm2 * area * n * 1e-3
    energy = unit.energy_Wh_cm2 * area * n
    mass = unit.mass_g_cm2 * area * n + 2.0 * outer * t_lam * np.asarray(pouch_laminate_density_g_cm3) + pouch_tab_mass_g
    volume = outer * (n * unit.thickness_charged_um * 1e-4 + 2.0 * t_lam)
    return packaged(capacity_Ah=cap_ah, energy_Wh=energy, mass_g=mass, volume_cm3=volume)


FORMAT = CellFormat(
    name="pouch",
    package=package,
    fields=tuple(DEFAULTS),
    defaults=DEFAULTS,
    sources=SOURCES,
    description="repeat units in a laminate pouch with seals and tabs",
)
