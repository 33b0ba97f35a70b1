"""Cell formats: a registry of the ways repeat units become a cell.

Adding a format (issue #16: 18650, 21700, 4680, prismatic, coin-2032) is one module here
with a ``package(unit, **fields) -> PackagedCell`` function and a ``FORMAT``
(:class:`~alloypore.cell.formats.base.CellFormat`), one data file of its cited hardware in
``data/`` (the defaults of the ``[cell]`` fields it reads), and one line in :data:`FORMATS`.
The chain (:func:`alloypore.cell.chain.evaluate_arrays`) calls the format named by
``[cell] format`` through :func:`get_format`; ``CellSpec.format`` accepts every name here.
"""

from __future__ import annotations

from alloypore.cell.formats import pouch, stack
from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, format_defaults
from alloypore.errors import SpecError

__all__ = ["FORMATS", "FORMAT_NAMES", "CellFormat", "PackagedCell", "RepeatUnit", "format_defaults", "get_format"]

#: The registry: ``[cell] format`` value -> format (the first is the default).
FORMATS: dict[str, CellFormat] = {
    "pouch": pouch.FORMAT,
    "stack": stack.FORMAT,
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def get_format(name: str, *, field: str = "cell.format") -> CellFormat:
    """The registered format ``name``; a one-line SpecError naming ``field`` if there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise SpecError(field, name, f"unknown cell format; allowed: {', '.join(FORMATS)}") from None
