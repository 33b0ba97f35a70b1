"""The instrument's own BET report inside an export, so that alloypore can be checked against it.

Micromeritics (``.xls`` sheets and TriStar text reports) and 3P (``.xlsx``) exports carry the
instrument software's BET report: the area (Micromeritics with its ``±`` standard error), the
cross-section it used and the p/p0 points of its fit.  :func:`instrument_bet` finds it;
``alloypore characterize isotherm`` then computes BET over exactly those points and prints both.

Numbers are read in either decimal convention (``1.589,6174`` and ``214,3621`` are German-locale
exports of 1589.6174 and 214.3621).  A file without such a report gives None.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from alloypore.characterization.readers import read_utf16_text

__all__ = ["InstrumentBET", "instrument_bet", "parse_number", "match_points"]

_LABEL = re.compile(r"^\s*BET\s+surface\s+area\s*:?\s*$", re.I)
_SIGMA = re.compile(r"cross[- ]sectional\s+area", re.I)
_NUMBER = r"[-+]?[\d.,]*\d(?:[eE][-+]?\d+)?"


@dataclass(frozen=True)
class InstrumentBET:
    """The instrument's BET report: area (m2/g), its ± (None if not printed), its points' p/p0 (as printed), cross-section."""

    ssa_m2_g: float
    uncertainty_m2_g: float | None
    p_rel_range: tuple[float, float] | None
    n_points: int
    sigma_nm2: float | None
    where: str
    p_rel_points: tuple[float, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


def parse_number(text) -> float | None:
    """A number written ``1589.6174``, ``1.589,6174``, ``214,3621`` or ``1,234.5``; None if there is none."""
    if isinstance(text, (int, float)):
        return float(text)
    m = re.search(_NUMBER, str(text))
    if m is None:
        return None
    s = m.group(0)
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".") if s.count(",") == 1 else s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def _value_and_error(text) -> tuple[float | None, float | None]:
    parts = str(text).split("±")
    return parse_number(parts[0]), (parse_number(parts[1]) if len(parts) > 1 else None)


def instrument_bet(path: Path, fmt: str) -> InstrumentBET | None:
    """The BET report of a Micromeritics (``mic-xl``, ``mic-txt``) or 3P (``3p-xl``) export; None for other formats
    or when the export holds none."""
    if fmt == "mic-txt":
        return _from_text(read_utf16_text(path))
    if fmt == "mic-xl":
        return _from_grids(*_xls_grids(path), "Micromeritics BET report")
    if fmt == "3p-xl":
        return _from_grids(*_xlsx_grids(path), "3P BET Surface Area sheet")
    return None


def _xls_grids(path: Path) -> tuple[list[str], list[list[list]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, encoding_override="latin-1")
    except (xlrd.XLRDError, OSError, ValueError):
        return [], []
    return book.sheet_names(), [[sh.row_values(r) for r in range(sh.nrows)] for sh in book.sheets()]


def _xlsx_grids(path: Path) -> tuple[list[str], list[list[list]]]:
    import openpyxl

    try:
        with path.open("rb") as fh:  # a file object: openpyxl would refuse a path by its suffix
            book = openpyxl.load_workbook(fh, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], []
    return list(book.sheetnames), [[list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets]


def _cells(grids):
    for g, grid in enumerate(grids):
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v is not None and str(v).strip():
                    yield g, r, c, v


def _right_of(grid, r: int, c: int):
    row = grid[r]
    return next((v for v in row[c + 1:] if v is not None and str(v).strip()), None)


def _from_grids(names: list[str], grids, where: str) -> InstrumentBET | None:
    """The BET value (prefer one printed with ±), the cross-section and the points under a p/p0 header."""
    found = []
    for g, r, c, v in _cells(grids):
        if isinstance(v, str) and _LABEL.match(v):
            val, err = _value_and_error(_right_of(grids[g], r, c))
            if val is not None:
                found.append((err is None, g, r, c, val, err))
    if not found:
        return None
    _, g, r, c, value, err = min(found)  # the report's "± ..." line over the summary's bare number
    sigma = next((parse_number(_right_of(grids[gg], rr, cc)) for gg, rr, cc, v in _cells(grids)
                  if isinstance(v, str) and _SIGMA.search(v)), None)
    points = _points(names, grids, g, r, c)
    rng = (min(points), max(points)) if points else None
    return InstrumentBET(value, err, rng, len(points), sigma, where, tuple(points))


def _points(names: list[str], grids, g: int, r: int, c: int) -> list[float]:
    """p/p0 values under the first "Relative Pressure" or "p/p0" header below/right of the report (same sheet),
    else in a sheet named for BET."""
    candidates = [(g, grids[g], r)] + [(k, grid, 0) for k, grid in enumerate(grids) if k != g and "BET" in names[k].upper()]
    for k, grid, start in candidates:
        for rr in range(start, len(grid)):
            for cc, v in enumerate(grid[rr]):
                if isinstance(v, str) and (v.strip().lower().startswith("relative pressure") or v.strip() == "p/p0"):
                    if k == g and cc < c:
                        continue
                    pts = _column_numbers(grid, rr + 1, cc)
                    if len(pts) >= 2 and all(0 < p < 1 for p in pts):
                        return pts
    return []


def _column_numbers(grid, r0: int, c: int) -> list[float]:
    out = []
    for row in grid[r0:]:
        v = row[c] if c < len(row) else None
        x = parse_number(v) if v is not None and str(v).strip() else None
        if x is None:
            if out:
                break
            continue
        out.append(x)
    return out


def _from_text(text: str) -> InstrumentBET | None:
    """The "BET Surface Area Report" block of a TriStar text report: its value lines, then its table of points."""
    start = text.find("BET Surface Area Report")
    if start < 0:
        return None
    lines = text[start:].split("\n")[1:80]
    val = next((ln.split(":", 1)[1] for ln in lines if re.match(r"\s*BET Surface Area:", ln)), None)
    if val is None:
        return None
    value, err = _value_and_error(val)
    sig = next((ln.split(":", 1)[1] for ln in lines if _SIGMA.search(ln) and ":" in ln), None)
    row = re.compile(r"^\s*(" + _NUMBER + r")\s+" + _NUMBER + r"\s+" + _NUMBER + r"\s*$")
    pts: list[float] = []
    for ln in lines:
        m = row.match(ln)
        if m:
            pts.append(float(m.group(1)))
        elif pts:
            break
    return InstrumentBET(value, err, (min(pts), max(pts)) if pts else None, len(pts),
                         parse_number(sig) if sig else None, "Micromeritics BET Surface Area Report", tuple(pts))


def match_points(p_rel, printed) -> list[int]:
    """Indices of the measured points the instrument's printed p/p0 values are (nearest in log p/p0).

    Exports print p/p0 rounded (3P: five decimals, TriStar plot tables: six digits), so a range
    test ``lo <= p <= hi`` can miss an end point; each printed value is matched to its nearest point.
    """
    import numpy as np

    logp = np.log(np.asarray(p_rel, dtype=float))
    return sorted({int(np.argmin(np.abs(logp - np.log(v)))) for v in printed if v > 0})
