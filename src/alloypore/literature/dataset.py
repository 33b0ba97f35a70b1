"""The curated dataset of published porous alloying-type anodes, and its CSV reader.

The shipped table (``data/porous_anodes.csv``) holds every row of Table 1 of the
review of porous alloying-type anode particles by Luo, Pun, Yan and Liu (Royal Society
of Chemistry, 2026; realigned: the printed "Synthesis methods" cell spans rows, so most
rows are shifted one column, and one ref. 70 row is printed split in two) plus every
material the review's text describes with numbers.  Each row's ``provenance`` is its
citation: the review, the table or section, the review's reference number and the
primary work's authors (year and publisher where the review credits a figure of it).

Users add rows from their own CSV with the same columns (:func:`read_rows_csv`);
the same type checks run, and :mod:`alloypore.literature.validation` then runs the
same plausibility rules on every row.

Columns
-------
Identity: ``row_id`` (unique), ``material_id`` (rows describing the same physical
material share it: table lines, text mentions), ``material``, ``active_element``
(Si, SiOx, Sn, Ge, Sb, Al, C), ``route`` (bottom-up / top-down / transcription /
unspecified / reference), ``method``, ``study`` (material / precursor / binder /
electrolyte / reference), ``source`` (table1 / text / user), ``line``,
``cell_type``, ``ref`` (reference number in the review).

Numbers (lab units, blank = not reported): ``capacity_mAh_g``, ``ice_pct``,
``areal_capacity_mAh_cm2``, ``rate_value`` + ``rate_unit`` (mA/cm2, A/g, C),
``retention_pct``, ``retention_cycles``, ``tap_density_g_cm3``,
``compaction_density_g_cm3``, ``ssa_m2_g``, ``porosity_pct``,
``pore_size_min_nm``, ``pore_size_max_nm``, ``expansion_pct``.

Text: ``retention_printed`` (the cell as printed; :func:`parse_retention` turns it
into rate, retention % and cycles), ``ssa_unit_printed`` (the SSA unit as printed
by the source, checked by the unit rule), ``qualifiers`` (``field:q;...`` with q one
of ``~`` approximate, ``<``/``>`` bound, ``range`` midpoint of a printed range),
``provenance``, ``notes``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from alloypore._io import check_input_file
from alloypore.errors import DataFileError, InputError, check_range

__all__ = [
    "COLUMNS",
    "NUMERIC_COLUMNS",
    "ROUTES",
    "STUDIES",
    "QUALIFIERS",
    "Retention",
    "parse_retention",
    "parse_qualifiers",
    "read_rows_csv",
    "shipped_csv_path",
    "load_rows",
]

#: Every column, in file order.
COLUMNS: tuple[str, ...] = (
    "row_id", "material_id", "material", "active_element", "route", "method", "study", "source", "line",
    "cell_type", "ref", "capacity_mAh_g", "ice_pct", "areal_capacity_mAh_cm2", "retention_printed",
    "rate_value", "rate_unit", "retention_pct", "retention_cycles", "tap_density_g_cm3",
    "compaction_density_g_cm3", "ssa_m2_g", "ssa_unit_printed", "porosity_pct", "pore_size_min_nm",
    "pore_size_max_nm", "expansion_pct", "qualifiers", "provenance", "notes",
)

#: Numeric columns with their hard limits (lo, lo_open, hi, hi_open).  Values outside are
#: input errors (not plausibility flags): a negative density or an ICE of 120 % is a typo.
NUMERIC_COLUMNS: dict[str, tuple[float | None, bool, float | None, bool]] = {
    "capacity_mAh_g": (0.0, True, None, False),
    "ice_pct": (0.0, True, 100.0, False),
    "areal_capacity_mAh_cm2": (0.0, True, None, False),
    "rate_value": (0.0, True, None, False),
    "retention_pct": (0.0, False, None, False),
    "retention_cycles": (1.0, False, None, False),
    "tap_density_g_cm3": (0.0, True, None, False),
    "compaction_density_g_cm3": (0.0, True, None, False),
    "ssa_m2_g": (0.0, False, None, False),
    "porosity_pct": (0.0, False, 100.0, True),
    "pore_size_min_nm": (0.0, True, None, False),
    "pore_size_max_nm": (0.0, True, None, False),
    "expansion_pct": (-100.0, True, None, False),
}
_INT_COLUMNS = {"retention_cycles"}
_REQUIRED_TEXT = ("row_id", "material_id", "material", "active_element", "route", "study", "source")

ROUTES = ("bottom-up", "top-down", "transcription", "unspecified", "reference")
STUDIES = ("material", "precursor", "binder", "electrolyte", "reference")
SOURCES = ("table1", "text", "user")
ACTIVE_ELEMENTS = ("Si", "SiOx", "Sn", "Ge", "Sb", "Al", "C")
RATE_UNITS = ("mA/cm2", "A/g", "C")
QUALIFIERS = ("~", "<", ">", "range")

_NUM = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Retention:
    """A parsed ``Rate-capacity retention@cycle`` cell: current, retention % and cycles."""

    rate_value: float | None
    rate_unit: str | None
    retention_pct: float | None
    retention_cycles: int | None


def _normalise(text: str) -> str:
    return " ".join(str(text).replace("\u2212", "-").replace("\u2013", "-").split())


def _parse_rate(text: str) -> tuple[float, str]:
    t = _normalise(text)
    m = re.fullmatch(rf"({_NUM})\s*C", t)
    if m:
        return float(m.group(1)), "C"
    m = re.fullmatch(rf"({_NUM})\s*mA\s*cm-2", t)
    if m:
        return float(m.group(1)), "mA/cm2"
    m = re.fullmatch(rf"({_NUM})\s*A\s*g-1", t)
    if m:
        return float(m.group(1)), "A/g"
    raise InputError("rate", text, "allowed '<number> C', '<number> mA cm-2' or '<number> A g-1'")


def parse_retention(text: str) -> Retention:
    """Parse a retention cell of the review's Table 1.

    Three printed forms occur::

        "100/67%"               -> cycles / retention %
        "96%@200"               -> retention % @ cycles
        "3.8 mA cm−2-95%@300"   -> rate - retention % @ cycles  (rate in mA cm-2, A g-1 or C)

    Parameters
    ----------
    text : str
        The cell as printed (Unicode minus signs accepted).  Blank or a dash gives an
        all-None :class:`Retention`.

    Returns
    -------
    Retention

    Raises
    ------
    InputError
        If the text matches none of the forms (or its rate none of the units).
    """
    t = _normalise(text)
    if t in ("", "-", "\u2014"):
        return Retention(None, None, None, None)
    m = re.fullmatch(rf"(\d+)\s*/\s*({_NUM})\s*%", t)
    if m:
        return Retention(None, None, float(m.group(2)), int(m.group(1)))
    m = re.fullmatch(rf"(?:(?P<rate>.+?)\s*-\s*)?(?P<pct>{_NUM})\s*%\s*@\s*(?P<cyc>\d+)", t)
    if m:
        rate_value, rate_unit = (None, None)
        if m.group("rate"):
            rate_value, rate_unit = _parse_rate(m.group("rate"))
        return Retention(rate_value, rate_unit, float(m.group("pct")), int(m.group("cyc")))
    raise InputError("retention_printed", text, "allowed forms 'CYCLES/RET%', 'RET%@CYCLES' and "
                     "'RATE-RET%@CYCLES' (RATE in mA cm-2, A g-1 or C)")


def parse_qualifiers(text: str) -> dict[str, str]:
    """Parse ``"ice_pct:~;capacity_mAh_g:>"`` into ``{"ice_pct": "~", ...}``.

    Raises :class:`~alloypore.errors.InputError` on an unknown field or qualifier.
    """
    out: dict[str, str] = {}
    for part in str(text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, q = part.partition(":")
        name, q = name.strip(), q.strip()
        if not sep or name not in NUMERIC_COLUMNS or q not in QUALIFIERS:
            raise InputError("qualifiers", part, f"expected <numeric column>:<one of {' '.join(QUALIFIERS)}>")
        out[name] = q
    return out


def shipped_csv_path() -> Path:
    """Path of the curated CSV shipped in the package."""
    return Path(str(resources.files("alloypore.literature") / "data" / "porous_anodes.csv"))


def _parse_number(path: object, lineno: int, col: str, raw: str) -> float | None:
    raw = raw.strip()
    if raw == "":
        return None
    try:
        v = float(raw)
    except ValueError:
        raise DataFileError(path, f"line {lineno}: column {col} = {raw!r}: must be a number or blank") from None
    lo, lo_open, hi, hi_open = NUMERIC_COLUMNS[col]
    try:
        check_range(col, v, lo, hi, lo_open=lo_open, hi_open=hi_open)
    except InputError as err:
        raise DataFileError(path, f"line {lineno}: column {col} = {raw}: {err.allowed}") from None
    if col in _INT_COLUMNS:
        if v != int(v):
            raise DataFileError(path, f"line {lineno}: column {col} = {raw}: must be a whole number")
        return int(v)
    return v


def _check_row(path: object, lineno: int, row: dict) -> dict:
    out: dict = {}
    for col in COLUMNS:
        raw = row.get(col)
        raw = "" if raw is None else str(raw)
        if col in NUMERIC_COLUMNS:
            out[col] = _parse_number(path, lineno, col, raw)
        else:
            out[col] = raw.strip()
    for col in _REQUIRED_TEXT:
        if not out[col]:
            raise DataFileError(path, f"line {lineno}: column {col} is blank: a value is required")
    choices = {"route": ROUTES, "study": STUDIES, "source": SOURCES, "active_element": ACTIVE_ELEMENTS}
    for col, allowed in choices.items():
        if out[col] not in allowed:
            raise DataFileError(path, f"line {lineno}: column {col} = {out[col]!r}: allowed {', '.join(allowed)}")
    if out["rate_unit"] and out["rate_unit"] not in RATE_UNITS:
        raise DataFileError(path, f"line {lineno}: column rate_unit = {out['rate_unit']!r}: allowed {', '.join(RATE_UNITS)}")
    try:
        parse_qualifiers(out["qualifiers"])
    except InputError as err:
        raise DataFileError(path, f"line {lineno}: column qualifiers: {err.value!r}: {err.allowed}") from None
    if out["retention_printed"]:
        try:
            ret = parse_retention(out["retention_printed"])
        except InputError as err:
            raise DataFileError(path, f"line {lineno}: column retention_printed = {out['retention_printed']!r}: "
                                f"{err.field} {err.value!r}: {err.allowed}") from None
        # parsed columns are filled from the printed cell, and must agree where given
        for key in ("rate_value", "rate_unit", "retention_pct", "retention_cycles"):
            parsed = getattr(ret, key)
            given = out[key]
            if given in (None, "") and parsed is not None:
                out[key] = parsed
            elif parsed is not None and given != parsed:
                raise DataFileError(
                    path, f"line {lineno}: column {key} = {given!r} disagrees with retention_printed "
                    f"{out['retention_printed']!r} (parsed {parsed!r})"
                )
    lo, hi = out["pore_size_min_nm"], out["pore_size_max_nm"]
    if lo is not None and hi is not None and hi < lo:
        raise DataFileError(path, f"line {lineno}: pore_size_max_nm = {hi:g} < pore_size_min_nm = {lo:g}: max must be >= min")
    return out


def read_rows_csv(path: str | Path, *, text: str | None = None, user: bool = True) -> list[dict]:
    """Read and type-check rows from a CSV with the dataset's columns.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8).  Every column of :data:`COLUMNS` must be present in the
        header; cells may be blank except ``row_id``, ``material_id``, ``material``,
        ``active_element``, ``route``, ``study`` (and ``source``, which defaults to
        ``user`` for user files).
    text : str, optional
        Read this text instead of the file (``path`` is then only used in messages).
    user : bool
        True for a user's file: a blank ``source`` becomes ``"user"``.

    Returns
    -------
    list of dict
        One dict per row, numbers as float/int or None.

    Raises
    ------
    DataFileError
        One line naming the file, the line, the column, the value and what is allowed.
    """
    if text is None:
        p = check_input_file(path, max_bytes=20 * 1024 * 1024)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DataFileError(path, "not UTF-8 text: save the table as a UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if not header:
        raise DataFileError(path, "no header line: the first line must name the columns")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataFileError(path, f"missing column(s) {', '.join(missing)}: the header must have all of {len(COLUMNS)} dataset columns")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise DataFileError(path, f"unknown column(s) {', '.join(unknown)}: allowed are the dataset columns only")
    rows = []
    for i, raw in enumerate(reader, start=2):
        if None in raw:
            raise DataFileError(path, f"line {i}: more cells than header columns")
        if all((v or "").strip() == "" for v in raw.values()):
            continue
        if user and not (raw.get("source") or "").strip():
            raw["source"] = "user"
        rows.append(_check_row(path, i, raw))
    if not rows:
        raise DataFileError(path, "no data rows below the header")
    return rows


def load_rows(extra: Iterable[str | Path] = ()) -> list[dict]:
    """The shipped rows followed by the rows of each user CSV in ``extra``.

    Raises DataFileError when a user row repeats a ``row_id`` already present.
    """
    rows = read_rows_csv(shipped_csv_path(), user=False)
    seen = {r["row_id"] for r in rows}
    for path in extra:
        for r in read_rows_csv(path, user=True):
            if r["row_id"] in seen:
                raise DataFileError(path, f"row_id = {r['row_id']!r} is already used: row ids must be unique")
            seen.add(r["row_id"])
            rows.append(r)
    return rows


def rows_as_table(rows: Sequence[dict]):
    """Rows as a pandas DataFrame with the dataset columns (numbers as float, blank -> NaN)."""
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=list(COLUMNS))
    for col in NUMERIC_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    return df
