"""Parsing of ``--vary`` / ``--constraint`` and the complement rules for mass fractions.

A *grid* is the outer product of the values of one or more numeric spec fields
(dotted names from :func:`alloypore.cell.numeric_fields`).  Designs are numbered in
C order (the first varied field changes slowest), so any slice ``[i0, i1)`` of the
flat design index can be rebuilt from the grid alone: a chunked or distributed sweep
never needs to hold all inputs.

Complement rules (mass fractions must keep summing to 1):

* **Particle phases.** When some of the ``particle.phases.<i>.mass_fraction`` are
  varied, the phases that are not varied share the remainder ``1 - sum(varied)`` in
  proportion to their spec fractions.  For a two-phase particle this is simply "the
  other phase takes the remainder".
* **Electrode.** When ``electrode.composite_mass_fraction`` (and/or the binder or
  conductive fraction) is varied, ``electrode.graphite_mass_fraction`` takes the
  remainder; binder and conductive stay at their spec values unless varied.  When only
  the graphite fraction is varied, the composite fraction takes the remainder.
  Varying both composite and graphite (without binder and conductive) is refused.

A design whose remainder is negative is *invalid*: it is kept in the table with
``valid = False`` (and ``feasible = False``).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

import annotated_types as at
import numpy as np

from alloypore import resources
from alloypore.cell import DesignSpec, numeric_fields
from alloypore.cell.spec import CellSpec
from alloypore.electrode.spec import ElectrodeSpec
from alloypore.errors import InputError, check_range
from alloypore.particle.spec import ParticleSpec, PhaseSpec

__all__ = [
    "Axis",
    "Grid",
    "Constraint",
    "parse_vary",
    "parse_bounds",
    "parse_constraint",
    "field_bounds",
    "check_field",
    "field_value",
    "suggest_range",
    "complete_overrides",
    "ELECTRODE_FRACTIONS",
]

ELECTRODE_FRACTIONS = (
    "electrode.composite_mass_fraction",
    "electrode.graphite_mass_fraction",
    "electrode.binder_mass_fraction",
    "electrode.conductive_mass_fraction",
)

#: Largest grid accepted (designs); larger sweeps are a sign of a typo in N.
MAX_DESIGNS = 10**10

_SECTIONS = {"particle": ParticleSpec, "electrode": ElectrodeSpec, "cell": CellSpec}
_INT_FIELDS = {"cell.pouch_layers"}


@dataclass(frozen=True)
class Axis:
    """One varied field and its values."""

    field: str
    values: np.ndarray


@dataclass(frozen=True)
class Constraint:
    """``field op value`` with op one of ``<=``, ``>=``, ``<``, ``>`` (strict = non-strict here)."""

    field: str
    op: str
    value: float

    @property
    def text(self) -> str:
        return f"{self.field}{self.op}{self.value:g}"

    def slack(self, x: np.ndarray) -> np.ndarray:
        """Signed distance to the bound: >= 0 when honoured (in the field's unit)."""
        x = np.asarray(x, dtype=float)
        return (self.value - x) if self.op in ("<=", "<") else (x - self.value)


# ---------------------------------------------------------------------------
# fields


def field_bounds(name: str) -> tuple[float | None, bool, float | None, bool]:
    """``(lo, lo_open, hi, hi_open)`` of a numeric spec field, from the pydantic model."""
    parts = name.split(".")
    if len(parts) == 4 and parts[:2] == ["particle", "phases"]:
        info = PhaseSpec.model_fields[parts[3]]
    else:
        info = _SECTIONS[parts[0]].model_fields[parts[1]]
    lo = hi = None
    lo_open = hi_open = False
    for m in getattr(info, "metadata", []):
        if isinstance(m, at.Gt):
            lo, lo_open = float(m.gt), True
        elif isinstance(m, at.Ge):
            lo, lo_open = float(m.ge), False
        elif isinstance(m, at.Lt):
            hi, hi_open = float(m.lt), True
        elif isinstance(m, at.Le):
            hi, hi_open = float(m.le), False
    return lo, lo_open, hi, hi_open


def check_field(spec: DesignSpec, name: str, option: str = "--vary") -> str:
    """Return ``name`` if it is a numeric field of ``spec``, else a one-line InputError."""
    known = numeric_fields(spec)
    if name in known:
        return name
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise InputError(option, name, f"unknown numeric spec field; {hint}allowed: {', '.join(known)}")


def field_value(spec: DesignSpec, name: str) -> float:
    """Value of the dotted numeric field ``name`` of ``spec`` (an unset optional field: nan)."""
    obj = spec
    for part in name.split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return math.nan if obj is None else float(obj)


def suggest_range(spec: DesignSpec, name: str) -> tuple[float, float]:
    """A first ``(start, stop)`` to sweep ``name`` over, inside its allowed range.

    A fraction (upper bound <= 1): from ``max(lo, 0.05)`` to 0.9 when the spec's value is
    at least 0.3, else to ``max(2.5 x value, 0.1)``.  Any other field: half to one and a
    half times the spec's value (half the upper bound, or 0.5, when unset), clipped to the
    allowed range.
    """
    lo, lo_open, hi, hi_open = field_bounds(name)
    cur = field_value(spec, name)
    cur = 0.0 if math.isnan(cur) else cur
    if hi is not None and hi <= 1.0:
        return max(lo or 0.0, 0.05), min(hi, 0.9 if cur >= 0.3 else max(2.5 * cur, 0.1))
    cur = cur or (hi or 1.0) / 2
    a, b = 0.5 * cur, 1.5 * cur
    if lo is not None:
        a = max(a, lo + (1e-6 if lo_open else 0.0))
    if hi is not None:
        b = min(b, hi)
    return a, b


def _check_value(name: str, value: float, option: str) -> None:
    lo, lo_open, hi, hi_open = field_bounds(name)
    check_range(f"{option} {name}", value, lo, hi, lo_open=lo_open, hi_open=hi_open)
    if name in _INT_FIELDS and value != int(value):
        raise InputError(f"{option} {name}", value, "must be a whole number")


def _number(text: str, option: str, whole: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise InputError(option, whole, f"{text!r} is not a number") from None
    if math.isnan(v) or math.isinf(v):
        raise InputError(option, whole, f"{text!r} is not a finite number")
    return v


_VARY_SYNTAX = "expected FIELD=START:STOP:N, FIELD=V1,V2,... or FIELD=VALUE"


def _split_assignment(text: str, option: str, syntax: str) -> tuple[str, str]:
    if text.count("=") != 1:
        raise InputError(option, text, syntax)
    name, rhs = (s.strip() for s in text.split("="))
    if not name or not rhs:
        raise InputError(option, text, syntax)
    return name, rhs


def parse_vary(spec: DesignSpec, items: Sequence[str], *, max_designs: float = MAX_DESIGNS) -> list[Axis]:
    """Parse ``--vary`` options into axes; one-line InputError on any problem.

    ``FIELD=START:STOP:N`` gives N evenly spaced values (ends included; N >= 1, also written
    1e4); ``FIELD=V1,V2,...`` a list; ``FIELD=VALUE`` one value.  Every value is checked
    against the field's allowed range; a grid of more than ``max_designs`` designs is refused
    before any axis is allocated.
    """
    if not items:
        raise InputError("--vary", "(none)", "give at least one --vary FIELD=START:STOP:N")
    axes: list[Axis] = []
    n_before = 1
    for text in items:
        name, rhs = _split_assignment(text, "--vary", _VARY_SYNTAX)
        check_field(spec, name)
        if any(a.field == name for a in axes):
            raise InputError("--vary", name, "field varied twice; give it once")
        if ":" in rhs:
            parts = rhs.split(":")
            if len(parts) != 3:
                raise InputError("--vary", text, _VARY_SYNTAX)
            start = _number(parts[0], "--vary", text)
            stop = _number(parts[1], "--vary", text)
            n = _count(parts[2], text)
            if n < 1:
                raise InputError("--vary", text, "empty range: N must be >= 1")
            if n > 1 and start == stop:
                raise InputError("--vary", text, "empty range: START equals STOP with N > 1")
            if n * n_before > max_designs:  # refused before the linspace allocates anything
                raise InputError("--vary", text, f"{n * n_before:.3g} designs (~{resources.format_bytes(resources.designs_estimate(n * n_before).bytes)}); allowed at most {max_designs:.3g}")
            resources.check("--vary", text, resources.array_estimate(n, what=f"an axis of {n:.3g} values"))
            values = np.linspace(start, stop, n)
        else:
            values = np.array([_number(v, "--vary", text) for v in rhs.split(",")], dtype=float)
            if values.size == 0:
                raise InputError("--vary", text, "empty range")
        for v in (values.min(), values.max()):
            _check_value(name, float(v), "--vary")
        axes.append(Axis(name, values))
        n_before *= values.size
    n = math.prod(a.values.size for a in axes)
    if n > max_designs:
        raise InputError("--vary", n, f"too many designs; allowed at most {max_designs:.3g}")
    _check_complements(spec, [a.field for a in axes])
    return axes


def _count(text: str, whole: str) -> int:
    """N of START:STOP:N: a whole number, also written as 1e6 or 1000.0."""
    try:
        v = float(text)
    except ValueError:
        v = math.nan
    if not math.isfinite(v) or v != int(v):
        raise InputError("--vary", whole, f"N = {text!r} must be a whole number >= 1")
    return int(v)


def parse_bounds(spec: DesignSpec, items: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Parse optimiser ``--vary FIELD=LO:HI`` options (LO < HI, both allowed values)."""
    syntax = "expected FIELD=LO:HI with LO < HI"
    if not items:
        raise InputError("--vary", "(none)", "give at least one --vary FIELD=LO:HI")
    out: dict[str, tuple[float, float]] = {}
    for text in items:
        name, rhs = _split_assignment(text, "--vary", syntax)
        check_field(spec, name)
        if name in out:
            raise InputError("--vary", name, "field varied twice; give it once")
        parts = rhs.split(":")
        if len(parts) != 2:
            raise InputError("--vary", text, syntax)
        lo, hi = (_number(p, "--vary", text) for p in parts)
        if not lo < hi:
            raise InputError("--vary", text, "empty range: LO must be < HI")
        for v in (lo, hi):
            _check_value(name, v, "--vary")
        out[name] = (lo, hi)
    _check_complements(spec, list(out))
    return out


_CONSTRAINT_RE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(<=|>=|<|>)\s*(\S+)\s*$")


def parse_constraint(text: str, columns: Sequence[str]) -> Constraint:
    """Parse ``'FIELD<=VALUE'`` (or ``>=``, ``<``, ``>``); FIELD must be a table column."""
    m = _CONSTRAINT_RE.match(text or "")
    if not m:
        raise InputError("--constraint", text, "expected FIELD<=VALUE or FIELD>=VALUE")
    name, op, rhs = m.groups()
    if name not in columns:
        close = difflib.get_close_matches(name, list(columns), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise InputError("--constraint", name, f"unknown input or result field{hint}")
    return Constraint(name, op, _number(rhs, "--constraint", text))


# ---------------------------------------------------------------------------
# complement rules


def _check_complements(spec: DesignSpec, varied: Sequence[str]) -> None:
    n_phases = len(spec.particle.phases)
    phase_varied = [f for f in varied if f.startswith("particle.phases.")]
    if phase_varied and n_phases == 1:
        raise InputError("--vary", phase_varied[0], "a one-phase particle has mass fraction 1; add a second phase")
    e_varied = {f for f in varied if f in ELECTRODE_FRACTIONS}
    both = {"electrode.composite_mass_fraction", "electrode.graphite_mass_fraction"}
    if both <= e_varied and len(e_varied) < 4:
        raise InputError(
            "--vary",
            "electrode.graphite_mass_fraction",
            "varied together with electrode.composite_mass_fraction; vary one (the graphite takes the remainder)",
        )


def complete_overrides(spec: DesignSpec, overrides: Mapping[str, np.ndarray]) -> tuple[dict, np.ndarray]:
    """Add the complementary mass fractions; return ``(overrides, valid)``.

    ``valid`` is False where a remainder is negative (or fractions that are all varied
    do not sum to 1 within 1e-9).  See the module docstring for the rules.
    """
    ov = {k: np.asarray(v, dtype=float) for k, v in overrides.items()}
    shape = np.broadcast_shapes(*(v.shape for v in ov.values())) if ov else ()
    valid = np.ones(shape, dtype=bool)

    phases = spec.particle.phases
    pv = {i for i in range(len(phases)) if f"particle.phases.{i}.mass_fraction" in ov}
    if pv:
        rest = [i for i in range(len(phases)) if i not in pv]
        used = sum(ov[f"particle.phases.{i}.mass_fraction"] for i in sorted(pv))
        remainder = 1.0 - used
        if rest:
            w0 = sum(phases[i].mass_fraction for i in rest)
            for i in rest:
                ov[f"particle.phases.{i}.mass_fraction"] = remainder * (phases[i].mass_fraction / w0)
            valid = valid & (remainder >= -1e-12)
        else:
            valid = valid & (np.abs(remainder) <= 1e-9)

    ev = [f for f in ELECTRODE_FRACTIONS if f in ov]
    if ev:
        if "electrode.graphite_mass_fraction" not in ov:
            target = "electrode.graphite_mass_fraction"
        elif "electrode.composite_mass_fraction" not in ov:
            target = "electrode.composite_mass_fraction"
        else:
            target = None
        values = {
            f: ov[f] if f in ov else getattr(spec.electrode, f.split(".")[1]) for f in ELECTRODE_FRACTIONS if f != target
        }
        total = sum(values.values())
        if target is None:
            valid = valid & (np.abs(total - 1.0) <= 1e-9)
        else:
            rem = 1.0 - total
            ov[target] = np.asarray(rem, dtype=float)
            valid = valid & (rem >= -1e-12)
    return ov, np.broadcast_to(valid, shape)


# ---------------------------------------------------------------------------
# grid


@dataclass(frozen=True)
class Grid:
    """Outer product of axes, numbered in C order; chunks are rebuilt from indices."""

    axes: tuple[Axis, ...]

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(a.values.size for a in self.axes)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def fields(self) -> list[str]:
        return [a.field for a in self.axes]

    def inputs(self, start: int = 0, stop: int | None = None) -> dict[str, np.ndarray]:
        """The varied values of designs ``start <= i < stop`` (flat 1-D arrays)."""
        stop = self.size if stop is None else min(stop, self.size)
        idx = np.arange(start, stop, dtype=np.int64)
        multi = np.unravel_index(idx, self.shape)
        return {a.field: a.values[m] for a, m in zip(self.axes, multi)}

    def chunks(self, chunk_size: int) -> list[tuple[int, int]]:
        """``[(start, stop), ...]`` covering all designs in order."""
        if chunk_size < 1:
            raise InputError("--chunk-size", chunk_size, "allowed chunk-size >= 1")
        return [(i, min(i + chunk_size, self.size)) for i in range(0, self.size, chunk_size)]
