"""Unit handling at the boundary: strings such as ``"3.5 mAh/cm^2"`` or ``"50 %"`` become floats
in the unit a field's name carries.  Only specs and CLI options use this; the library
computes in plain floats of lab units.
"""

from __future__ import annotations

import tokenize
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["to_unit", "Quantity"]


@lru_cache(maxsize=1)
def _ureg():
    import pint  # ~0.1 s to import: only when a spec or option carries a unit string

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.define("percent = 0.01 = %")
    return ureg


def _pint_errors() -> tuple[type[BaseException], ...]:
    """What pint raises on text that is not a quantity, or on a conversion it cannot make
    (found by feeding it random strings): its own errors, tokenizer errors, and plain
    Python errors from its expression parser."""
    import pint

    return (pint.PintError, tokenize.TokenError, SyntaxError, AssertionError, ArithmeticError,
            ValueError, TypeError, AttributeError)


def to_unit(value: Any, unit: str) -> Any:
    """Convert ``value`` to a float in ``unit`` if it is a string with units; numbers pass through.

    A bare number string ("0.5") is read as a number already in ``unit``.  On a unit that
    cannot convert, raise ``ValueError`` with a one-line message (pydantic turns it into a
    field error).
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    ureg = _ureg()
    errors = _pint_errors()
    try:
        q = ureg.Quantity(text.replace("µ", "u"))
    except errors:
        raise ValueError(f"cannot read {value!r} as a quantity in {unit}") from None
    try:
        return float(q.to(unit).magnitude)
    except errors:
        raise ValueError(f"{value!r} cannot be converted to {unit}") from None


def Quantity(unit: str):
    """An annotated float type that also accepts strings with units convertible to ``unit``."""
    return Annotated[float, BeforeValidator(lambda v: to_unit(v, unit))]
