"""The 4680 cylindrical cell (``[cell] format = "4680"``): a wound roll in a steel can.

Geometry, mass and limits: :mod:`alloypore.cell.formats.wound`; hardware defaults with their
sources: ``data/4680.toml``.
"""

from __future__ import annotations

from alloypore.cell.formats.base import format_defaults
from alloypore.cell.formats.wound import make_format

__all__ = ["FORMAT", "DEFAULTS", "SOURCES"]

#: Default ``[cell] cylinder_*`` values of the 4680 and their sources.
DEFAULTS, SOURCES = format_defaults("4680.toml")

FORMAT = make_format("4680", DEFAULTS, SOURCES, "4680 cylindrical cell: jelly roll wound to fill the can at full charge")
