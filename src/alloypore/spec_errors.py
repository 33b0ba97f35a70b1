"""Turn pydantic validation errors into the package's one-line :class:`SpecError`.

The message names the dotted field, the value and the allowed range, e.g.
``particle.porosity = 1.3: allowed 0 <= porosity < 1``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import annotated_types as at
from pydantic import BaseModel, ValidationError

from alloypore.errors import AlloyporeError, SpecError

__all__ = ["validate", "spec_error_from", "field_range", "canonical_name"]


def _unwrap(tp: Any) -> Any:
    """The BaseModel class inside Optional[...] / list[...] annotations, if any."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _field_info(model: type[BaseModel], loc: tuple) -> tuple[Any, str] | None:
    current: Any = model
    info, name = None, ""
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        if part not in current.model_fields:
            return None
        info, name = current.model_fields[part], part
        current = _unwrap(info.annotation)
    return (info, name) if info is not None else None


def field_range(info: Any, name: str) -> str | None:
    """``"0 <= name < 1"`` from a pydantic FieldInfo's Gt/Ge/Lt/Le metadata, or None."""
    lo = hi = ""
    for m in getattr(info, "metadata", []):
        if isinstance(m, at.Gt):
            lo = f"{m.gt:g} < "
        elif isinstance(m, at.Ge):
            lo = f"{m.ge:g} <= "
        elif isinstance(m, at.Lt):
            hi = f" < {m.lt:g}"
        elif isinstance(m, at.Le):
            hi = f" <= {m.le:g}"
    if not lo and not hi:
        return None
    return f"{lo}{name}{hi}"


def spec_error_from(err: ValidationError, model: type[BaseModel], prefix: str = "") -> AlloyporeError:
    """The first error of ``err`` as one line naming field, value and what is allowed."""
    e = err.errors(include_url=False)[0]
    loc = tuple(e.get("loc", ()))
    path = ".".join(str(p) for p in ((prefix,) if prefix else ()) + loc)
    value = e.get("input")
    kind = e.get("type", "")
    msg = e.get("msg", "invalid value")
    if kind == "extra_forbidden":
        parent = _field_info(model, loc[:-1])
        parent_model = model if len(loc) <= 1 else (_unwrap(parent[0].annotation) if parent else None)
        allowed = ", ".join(parent_model.model_fields) if parent_model else "see the docs"
        out = SpecError(path, value, f"unknown key; allowed keys: {allowed}")
        # the key as written is the message's subject; its value is not echoed (it may be anything)
        AlloyporeError.__init__(out, f"{path}: unknown key (a typo?); allowed keys here: {allowed}")
        return out
    if kind == "missing":
        return AlloyporeError(f"{path}: required field is missing")
    if kind in ("value_error", "assertion_error") and not loc:
        text = msg.removeprefix("Value error, ")
        return AlloyporeError(f"{prefix + '.' if prefix else ''}{text}")
    found = _field_info(model, loc)
    allowed = None
    if found is not None:
        allowed = field_range(*found)
        if allowed is None and typing.get_origin(found[0].annotation) is typing.Literal:
            allowed = "one of " + ", ".join(repr(a) for a in typing.get_args(found[0].annotation))
    text = msg.removeprefix("Value error, ")
    if kind.startswith(("greater", "less")) and allowed:
        return SpecError(path, value, f"allowed {allowed}")
    if allowed:
        return SpecError(path, value, f"{text}; allowed {allowed}")
    return SpecError(path, value, text)


def validate(model: type[BaseModel], data: Any, prefix: str = "") -> BaseModel:
    """Validate ``data`` against ``model``; raise a one-line SpecError on failure."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise spec_error_from(err, model, prefix) from None
    except AlloyporeError as err:  # e.g. unknown material raised inside a validator
        raise err from None


def canonical_name(lookup: Callable[[str], Any], value: str) -> str:
    """``lookup(value).name``: a table name as the table spells it (lookups are case-insensitive).

    For a spec's field validator: the lookup's one-line :class:`SpecError` becomes the
    ``ValueError`` pydantic reports against the field (with the lookup's "allowed" text).
    """
    try:
        return lookup(value).name
    except SpecError as err:
        raise ValueError(err.allowed) from None
