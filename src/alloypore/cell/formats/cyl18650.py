"""The 18650 cylindrical cell (``[cell] format = "18650"``): a wound roll in a steel can.

Geometry, mass and limits: :mod:`alloypore.cell.formats.wound`; hardware defaults with their
sources: ``data/18650.toml``.
"""

from __future__ import annotations

from alloypore.cell.formats.base import format_defaults
from alloypore.cell.formats.wound import make_format

__all__ = ["FORMAT", "DEFAULTS", "SOURCES"]

#: Default ``[cell] cylinder_*`` values of the 18650 and their sources.
DEFAULTS, SOURCES = format_defaults("18650.toml")

FORMAT = make_format("18650", DEFAULTS, SOURCES, "18650 cylindrical cell: jelly roll wound to fill the can at full charge")
