"""Densities of the cell hardware (constants, with sources); imports nothing of the package."""

COPPER_DENSITY_G_CM3 = 8.96  # CRC Handbook, 97th ed.
ALUMINIUM_DENSITY_G_CM3 = 2.70  # CRC Handbook, 97th ed.
LITHIUM_DENSITY_G_CM3 = 0.534  # CRC Handbook, 97th ed.

__all__ = ["COPPER_DENSITY_G_CM3", "ALUMINIUM_DENSITY_G_CM3", "LITHIUM_DENSITY_G_CM3"]
