"""Cell formats: a registry of the ways repeat units become a cell.

Registered: ``pouch`` (default), ``stack``, ``18650``, ``21700``, ``4680`` (wound rolls,
:mod:`~alloypore.cell.formats.wound`), ``prismatic`` and ``coin-2032``.  Adding a format is one
module here with a ``package(unit, **fields) -> PackagedCell`` function and a ``FORMAT``
(:class:`~alloypore.cell.formats.base.CellFormat`), one data file of its cited hardware in
``data/`` (the defaults of the ``[cell]`` fields it reads), and one line in :data:`FORMATS`.
The chain (:func:`alloypore.cell.chain.evaluate_arrays`) calls the format named by
``[cell] format`` through :func:`get_format`; ``CellSpec.format`` accepts every name here.
"""

from __future__ import annotations

from alloypore.cell.formats import coin, cyl4680, cyl18650, cyl21700, pouch, prismatic, stack
from alloypore.cell.formats.base import CellFormat, PackagedCell, RepeatUnit, format_defaults
from alloypore.errors import SpecError

__all__ = ["FORMATS", "FORMAT_NAMES", "fields_of_other_formats", "CellFormat", "PackagedCell", "RepeatUnit", "format_defaults", "get_format"]

#: The registry: ``[cell] format`` value -> format (the first is the default).
FORMATS: dict[str, CellFormat] = {
    "pouch": pouch.FORMAT,
    "stack": stack.FORMAT,
    "18650": cyl18650.FORMAT,
    "21700": cyl21700.FORMAT,
    "4680": cyl4680.FORMAT,
    "prismatic": prismatic.FORMAT,
    "coin-2032": coin.FORMAT,
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def get_format(name: str, *, field: str = "cell.format") -> CellFormat:
    """The registered format ``name``; a one-line SpecError naming ``field`` if there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise SpecError(field, name, f"unknown cell format; allowed: {', '.join(FORMATS)}") from None


def fields_of_other_formats(name: str) -> set[str]:
    """The ``[cell]`` fields that only formats other than ``name`` read (the bare stack also
    reports the pouch of its units, so it reads the pouch's fields)."""
    own = set(FORMATS[name].fields) | (set(FORMATS["pouch"].fields) if name == "stack" else set())
    return {f for fmt in FORMATS.values() for f in fmt.fields} - own
