"""The Design page's inputs, built from the spec models (no Streamlit, no physics).

Every input of the Design page is a :class:`FieldInput` derived from a pydantic field of
:class:`~alloypore.particle.spec.PhaseSpec`, :class:`~alloypore.particle.spec.ParticleSpec`,
:class:`~alloypore.electrode.spec.ElectrodeSpec` or :class:`~alloypore.cell.spec.CellSpec`:
its title, its unit (from the name suffix, the house convention), its bounds (the
``ge/gt/le/lt`` metadata) and its choices (``Literal`` types, the materials and cathode
tables).  The page holds the values as a flat ``state`` dict keyed by :attr:`FieldInput.key`;
:func:`state_to_spec_dict` turns that dict into a spec dict for
:func:`alloypore.cell.parse_spec`, :func:`spec_to_state` goes the other way.

Bounds are *shown*, not enforced by the widgets: a value out of range reaches the spec
validation and comes back as the same one-line :class:`~alloypore.errors.SpecError` that
``alloypore design`` prints.
"""

from __future__ import annotations

import json
import math
import tomllib
import typing
from dataclasses import dataclass
from typing import Any, Mapping

import annotated_types as at

from alloypore.cell import parse_spec, spec_to_toml
from alloypore.cell.cathodes import list_cathodes
from alloypore.cell.electrolytes import list_electrolytes
from alloypore.cell.spec import CellSpec
from alloypore.electrode.spec import ElectrodeSpec
from alloypore.errors import AlloyporeError, DataFileError
from alloypore.materials import list_materials
from alloypore.particle.spec import ParticleSpec, PhaseSpec

__all__ = [
    "FieldInput",
    "MAX_PHASES",
    "MAX_UPLOAD_BYTES",
    "UNIT_SUFFIXES",
    "unit_from_name",
    "section_fields",
    "phase_fields",
    "all_fields",
    "field_key",
    "phase_key",
    "spec_to_state",
    "state_to_spec_dict",
    "spec_from_state",
    "spec_toml",
    "read_spec_upload",
    "check_upload",
    "result_table",
]

#: Largest accepted upload (bytes), for every page.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Most phases the page offers (the spec model allows up to 12).
MAX_PHASES = 6

#: Unit shown for a field, from the suffix of its name (longest suffix first).
UNIT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("_mAh_cm2", "mAh/cm²"),
    ("_mAh_cm3", "mAh/cm³"),
    ("_cm3_cm2", "cm³/cm²"),
    ("_g_cm2", "g/cm²"),
    ("_Wh_kg", "Wh/kg"),
    ("_Wh_L", "Wh/L"),
    ("_mAh_g", "mAh/g"),
    ("_mg_cm2", "mg/cm²"),
    ("_g_cm3", "g/cm³"),
    ("_cm3_g", "cm³/g"),
    ("_m2_g", "m²/g"),
    ("_g_Ah", "g/Ah"),
    ("_cm2", "cm²"),
    ("_cm3", "cm³"),
    ("_Wh", "Wh"),
    ("_Ah", "Ah"),
    ("_pct", "%"),
    ("_um", "µm"),
    ("_nm", "nm"),
    ("_mm", "mm"),
    ("_V", "V"),
    ("_g", "g"),
)


def unit_from_name(name: str) -> str:
    """The unit a field name carries (``"loading_mg_cm2"`` -> ``"mg/cm²"``); ``""`` if none."""
    for suffix, unit in UNIT_SUFFIXES:
        if name.endswith(suffix):
            return unit
    return ""


def _title(name: str) -> str:
    for suffix, _ in UNIT_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    text = name.replace("_", " ")
    for short, long in _ABBREVIATIONS.items():
        text = text.replace(short, long)
    return text[:1].upper() + text[1:]


_ABBREVIATIONS = {"ssa": "specific surface area (BET)", "np ratio": "N/P ratio"}


@dataclass(frozen=True)
class FieldInput:
    """One input of the Design page.

    ``kind`` is ``"float"``, ``"int"``, ``"choice"`` or ``"text"``; ``optional`` fields may be left
    empty (the model's default, e.g. the material table's value, applies).
    """

    section: str  # "particle", "electrode", "cell" or "phase"
    name: str
    title: str
    unit: str
    kind: str
    default: Any
    optional: bool
    lo: float | None = None
    lo_open: bool = False
    hi: float | None = None
    hi_open: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""

    @property
    def key(self) -> str:
        return field_key(self.section, self.name)

    @property
    def range_text(self) -> str:
        """``"0 ≤ porosity < 1"`` (empty when unbounded or a choice)."""
        lo = "" if self.lo is None else f"{self.lo:g} {'<' if self.lo_open else '≤'} "
        hi = "" if self.hi is None else f" {'<' if self.hi_open else '≤'} {self.hi:g}"
        return f"{lo}{self.name}{hi}" if (lo or hi) else ""

    @property
    def label(self) -> str:
        """Widget label: title, unit and allowed range."""
        unit = f" [{self.unit}]" if self.unit else (" [–]" if self.kind in ("float", "int") else "")
        rng = f" · {self.range_text}" if self.range_text else ""
        return f"{self.title}{unit}{rng}"

    @property
    def step(self) -> float | int:
        if self.kind == "int":
            return 1
        if self.hi is not None and self.hi <= 1.0:
            return 0.01
        ref = self.default if isinstance(self.default, (int, float)) and self.default else (self.hi or 1.0)
        return float(10 ** math.floor(math.log10(abs(ref)))) / 10 if ref else 0.1


def field_key(section: str, name: str) -> str:
    """Widget/state key of a section field (CSS-class safe: letters, digits, ``_``)."""
    return f"f_{section}__{name}"


def phase_key(i: int, name: str) -> str:
    """Widget/state key of field ``name`` of phase ``i``."""
    return f"f_phase{i}__{name}"


def _choices_for(model_name: str, name: str, annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if name == "cathode":
        return tuple(c.name for c in list_cathodes())
    if name == "electrolyte":
        return tuple(e.name for e in list_electrolytes())
    if name == "material" or name.endswith("_material"):
        return tuple(m.name for m in list_materials())
    return ()


def _kind(annotation: Any) -> str:
    if annotation is int:
        return "int"
    if annotation is str or str in typing.get_args(annotation):  # str or str | None (e.g. lithiated_phase)
        return "text"
    return "float"


def _fields_of(model: type, section: str, skip: tuple[str, ...] = ()) -> list[FieldInput]:
    out = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        choices = _choices_for(model.__name__, name, info.annotation)
        lo = hi = None
        lo_open = hi_open = False
        for m in info.metadata:
            if isinstance(m, at.Gt):
                lo, lo_open = float(m.gt), True
            elif isinstance(m, at.Ge):
                lo = float(m.ge)
            elif isinstance(m, at.Lt):
                hi, hi_open = float(m.lt), True
            elif isinstance(m, at.Le):
                hi = float(m.le)
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        optional = not info.is_required() and default is None
        out.append(
            FieldInput(
                section=section,
                name=name,
                title=info.title or _title(name),
                unit=unit_from_name(name),
                kind="choice" if choices else _kind(info.annotation),
                default=default,
                optional=optional,
                lo=lo,
                lo_open=lo_open,
                hi=hi,
                hi_open=hi_open,
                choices=choices,
                help=info.description or "",
            )
        )
    return out


def phase_fields() -> list[FieldInput]:
    """Inputs of one particle phase (``section == "phase"``; keys via :func:`phase_key`)."""
    return _fields_of(PhaseSpec, "phase")


def section_fields(section: str) -> list[FieldInput]:
    """Inputs of the ``particle`` (without ``phases``), ``electrode`` or ``cell`` section."""
    model = {"particle": ParticleSpec, "electrode": ElectrodeSpec, "cell": CellSpec}[section]
    return _fields_of(model, section, skip=("phases",))


def all_fields() -> dict[str, list[FieldInput]]:
    """``{"phase": [...], "particle": [...], "electrode": [...], "cell": [...]}``."""
    return {"phase": phase_fields(), **{s: section_fields(s) for s in ("particle", "electrode", "cell")}}


# ---------------------------------------------------------------------------
# state <-> spec


def spec_to_state(spec) -> dict[str, Any]:
    """Flat page state from a validated :class:`~alloypore.cell.spec.DesignSpec`."""
    state: dict[str, Any] = {"name": spec.name, "n_phases": len(spec.particle.phases)}
    pf = phase_fields()
    for i in range(MAX_PHASES):
        ph = spec.particle.phases[i] if i < len(spec.particle.phases) else None
        for f in pf:
            if ph is not None:
                v = getattr(ph, f.name)
            else:
                v = f.choices[0] if f.kind == "choice" else (0.0 if f.name == "mass_fraction" else None)
            state[phase_key(i, f.name)] = _as_kind(v, f)
    for section in ("particle", "electrode", "cell"):
        model = getattr(spec, section)
        for f in section_fields(section):
            state[f.key] = _as_kind(getattr(model, f.name), f)
    return state


def _as_kind(v: Any, f: FieldInput) -> Any:
    if v is None or f.kind in ("choice", "text"):
        return v
    return int(v) if f.kind == "int" else float(v)


def state_to_spec_dict(state: Mapping[str, Any]) -> dict[str, Any]:
    """Spec dict (as TOML would give) from the page state; empty optional inputs are omitted."""
    n = int(state.get("n_phases", 1))
    phases = []
    for i in range(n):
        ph = {}
        for f in phase_fields():
            v = state.get(phase_key(i, f.name))
            if v is not None and v != "":
                ph[f.name] = v
        phases.append(ph)
    out: dict[str, Any] = {"name": state.get("name") or "design", "particle": {"phases": phases}}
    for section in ("particle", "electrode", "cell"):
        sec = out.setdefault(section, {})
        for f in section_fields(section):
            v = state.get(f.key)
            if v is not None and v != "":
                sec[f.name] = v
    return out


def spec_from_state(state: Mapping[str, Any]):
    """Validated spec from the page state (one-line SpecError on a bad value)."""
    return parse_spec(state_to_spec_dict(state))


def spec_toml(spec) -> str:
    """The spec as a TOML text that :func:`alloypore.cell.load_spec` reads back to the same spec."""
    return spec_to_toml(spec)


# ---------------------------------------------------------------------------
# uploads


def check_upload(filename: str, data: bytes, *, suffixes: tuple[str, ...], max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse an upload that is empty, too large or of the wrong type (one-line DataFileError)."""
    name = str(filename or "upload")
    if not name.lower().endswith(tuple(s.lower() for s in suffixes)):
        raise DataFileError(name, f"wrong file type; allowed: {', '.join(suffixes)}")
    if len(data) == 0:
        raise DataFileError(name, "file is empty")
    if len(data) > max_bytes:
        raise DataFileError(name, f"file is {len(data)} bytes; the limit is {max_bytes} bytes")


def read_spec_upload(filename: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES):
    """Validated :class:`~alloypore.cell.spec.DesignSpec` from uploaded TOML bytes (in memory).

    Raises a one-line :class:`~alloypore.errors.AlloyporeError` for a file that is too big,
    not ``.toml``, not UTF-8, not TOML, or not a valid spec.
    """
    check_upload(filename, data, suffixes=(".toml",), max_bytes=max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(filename, "not a UTF-8 text file (expected a TOML design spec)") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(filename, f"malformed TOML: {err}") from None
    return parse_spec(raw)


# ---------------------------------------------------------------------------
# results


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v)
    f = float(v)
    if not math.isfinite(f):
        return "–"
    return f"{f:.6g}"


def result_table(result_dict: Mapping[str, Any]) -> list[dict[str, str]]:
    """Rows (section, quantity = JSON name, value to 6 significant digits, unit) of every
    number of a result's :meth:`~alloypore.cell.chain.DesignResult.to_dict`."""
    rows = []
    for section in ("particle", "electrode", "cell"):
        for key, v in result_dict.get(section, {}).items():
            rows.append({"section": section, "quantity": key, "value": _fmt(v), "unit": unit_from_name(key)})
    return rows


def error_field_key(err: AlloyporeError) -> str | None:
    """The state key an error names (``particle.porosity`` -> its key), if it names one."""
    field = getattr(err, "field", None)
    if not field:
        return None
    parts = str(field).split(".")
    if len(parts) >= 4 and parts[:2] == ["particle", "phases"] and parts[2].isdigit():
        return phase_key(int(parts[2]), parts[3])
    if len(parts) == 2 and parts[0] in ("particle", "electrode", "cell"):
        return field_key(parts[0], parts[1])
    return None


__all__.append("error_field_key")
