"""The 21700 cylindrical cell (``[cell] format = "21700"``): a wound roll in a steel can.

Geometry, mass and limits: :mod:`alloypore.cell.formats.wound`; hardware defaults with their
sources: ``data/21700.toml``.
"""

from __future__ import annotations

from alloypore.cell.formats.base import format_defaults
from alloypore.cell.formats.wound import make_format

__all__ = ["FORMAT", "DEFAULTS", "SOURCES"]

#: Default ``[cell] cylinder_*`` values of the 21700 and their sources.
DEFAULTS, SOURCES = format_defaults("21700.toml")

FORMAT = make_format("21700", DEFAULTS, SOURCES, "21700 cylindrical cell: jelly roll wound to fill the can at full charge")
