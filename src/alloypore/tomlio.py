"""The one TOML writer of the package.

Every TOML text alloypore emits (design specs, ``[particle]`` sections from
measurements or synthesis routes, rows of the user materials file) is produced
here, by :mod:`tomli_w`, so numbers, strings and comments look the same
whichever command wrote them and always read back with :mod:`tomllib`.

Conventions
-----------
* Floats are written with at most :data:`FLOAT_DIGITS` significant digits
  (``0.1 + 0.2`` is written ``0.3``); integers stay integers; numpy scalars and
  arrays become plain numbers and lists.
* ``None`` values are left out (TOML has no null).
* ``comment`` lines go first, each prefixed with ``# ``.

The module imports nothing of the package's layers, so every layer may use it.
Callers that write a spec validate it with their own spec model before writing
(the writer knows TOML, not physics).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

import tomli_w

__all__ = ["FLOAT_DIGITS", "dumps", "clean", "loads_back"]

#: Significant digits kept for floats (enough to reproduce any measured or computed value).
FLOAT_DIGITS = 12


def _clean_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    # numpy scalars and 0-d arrays without importing numpy
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 0) == 0:
        value = value.item()
    elif hasattr(value, "tolist") and callable(value.tolist):
        value = value.tolist()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the non-finite number {value!r} to TOML")
        return float(f"{value:.{FLOAT_DIGITS}g}")
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return clean(value)
    if isinstance(value, Sequence):
        return [v for v in (_clean_value(x) for x in value) if v is not None]
    raise TypeError(f"cannot write a {type(value).__name__} to TOML")


def clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` as plain TOML-writable Python values (``None`` dropped, floats rounded)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        v = _clean_value(value)
        if v is not None:
            out[str(key)] = v
    return out


def dumps(data: Mapping[str, Any], *, comment: str | Sequence[str] = "") -> str:
    """TOML text for ``data``, with ``comment`` lines (``# ...``) at the top.

    Tables (dicts) become ``[sections]``; short lists of dicts are written inline
    (``phases = [{material = "Si", mass_fraction = 0.5}]``), as people write them
    by hand (tomli-w's rule: inline when each fits on a line).
    """
    lines = comment.splitlines() if isinstance(comment, str) else [str(c) for c in comment]
    head = "".join(f"# {line}".rstrip() + "\n" for line in lines)
    body = tomli_w.dumps(clean(data), multiline_strings=False)
    return head + body


def loads_back(text: str) -> dict[str, Any]:
    """Parse ``text`` written by :func:`dumps` (a check that it reads back)."""
    return tomllib.loads(text)
