"""The one reader of the package's sourced data tables (TOML, ``key = {value, source}``).

Every table shipped with alloypore (materials, mechanics, cathodes, electrolytes, precursors)
stores each number as an inline table with its source::

    [[material]]
    name = "Si"
    density_g_cm3 = { value = 2.329, source = "CRC Handbook, 97th ed." }

:func:`read_data_toml` reads a file shipped in a package; :func:`sourced_values` takes the
values and sources of some keys of one row and raises a one-line
:class:`~alloypore.errors.DataFileError` naming the file, the row and the key when an entry is
missing, has no ``value``/``source`` or is not a number.  This module imports nothing of the
package's layers, so every layer may use it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any

from alloypore.errors import DataFileError

__all__ = ["read_data_toml", "sourced_values"]


def read_data_toml(package: str, resource: str) -> dict[str, Any]:
    """Parse the TOML file ``resource`` (e.g. ``"data/cathodes.toml"``) shipped in ``package``."""
    text = resources.files(package).joinpath(resource).read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(f"{package}/{resource}", f"not valid TOML ({err})") from None


def sourced_values(
    row: Mapping[str, Any],
    keys: Iterable[str],
    *,
    origin: object,
    where: str,
    required: bool = True,
    cast: Callable[[Any], Any] = float,
) -> tuple[dict[str, Any], dict[str, str]]:
    """``({key: value}, {key: source})`` of the ``{value, source}`` entries ``keys`` of ``row``.

    Parameters
    ----------
    row : one table row (a dict from TOML).
    keys : the entries to take.
    origin : the file, for the error message.
    where : the row, for the error message (e.g. ``"material 'Si'"``).
    required : a missing key is an error (else it is left out of both dicts).
    cast : applied to each value (``float`` by default; ``str`` for text entries).

    Raises
    ------
    DataFileError
        A key is missing (when ``required``), is not ``{value = ..., source = "..."}``, or its
        value does not convert with ``cast``.
    """
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key in keys:
        if key not in row:
            if required:
                raise DataFileError(origin, f"{where} needs {key} (a value with its source)")
            continue
        entry = row[key]
        if not isinstance(entry, Mapping) or "value" not in entry or "source" not in entry:
            raise DataFileError(origin, f"{where}: {key} needs value and source, e.g. {{ value = 1.0, source = \"...\" }}")
        try:
            values[key] = cast(entry["value"])
        except (TypeError, ValueError):
            raise DataFileError(origin, f"{where}: {key} = {entry['value']!r} is not a number") from None
        sources[key] = str(entry["source"])
    return values, sources
