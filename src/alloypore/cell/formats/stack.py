"""The bare stack: the repeat unit alone, no packaging (``[cell] format = "stack"``).

    Wh/kg = Q U / m_unit,    Wh/L = Q U / t_unit(charged)

It has no cell of its own, so its capacity, energy, mass and volume are None (the chain then
reports those of the pouch made from the same units, as a reference).
"""

from __future__ import annotations

from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit

__all__ = ["FORMAT", "package"]


def package(unit: RepeatUnit) -> PackagedCell:
    """Energy densities of the repeat unit (per kg and per litre of unit)."""
    return PackagedCell(
        energy_density_Wh_kg=unit.energy_Wh_cm2 / unit.mass_g_cm2 * 1e3,
        energy_density_Wh_L=unit.energy_Wh_cm2 / (unit.thickness_charged_um * 1e-4) * 1e3,
    )


FORMAT = CellFormat(name="stack", package=package, description="the repeat unit alone (no packaging)")
