"""Isotherm files -> plain arrays: the reader is chosen from the file's content, not its name.

:func:`detect_format` looks at the bytes (an OLE2 or zip workbook, a UTF-16 report, JSON,
an AIF block, the header words each instrument writes) and names one of :data:`FORMATS`;
:func:`read_raw` reads the file with the parser made for it:

==============  ============================================================  ==========================
format          files                                                          parser
==============  ============================================================  ==========================
``mic-xl``      Micromeritics ASAP / 3Flex / TriStar / MicroActive ``.xls``    adsorption-file-parser
``mic-txt``     Micromeritics TriStar II text report (UTF-16 ``.TXT``)         alloypore (none exists)
``bel-xl``      MicrotracBEL ``.xls``                                          adsorption-file-parser
``bel-csv``     MicrotracBEL ``.csv`` (English or Japanese/Shift-JIS)          adsorption-file-parser
``bel-dat``     MicrotracBEL ``.DAT`` (English or Japanese/Shift-JIS)          adsorption-file-parser
``3p-xl``       3P Instruments ``.xlsx``                                       adsorption-file-parser
``qnt-txt``     Quantachrome ASiQwin / NovaWin "Raw Analysis Data" ``.txt``    adsorption-file-parser
``afp-json``    adsorption-file-parser's own JSON parse ``{"meta", "data"}``   alloypore
``json``        pyGAPS JSON                                                    alloypore (pyGAPS for models)
``csv``         pyGAPS CSV                                                     pyGAPS
``aif``         Adsorption Information Format                                  pyGAPS
``pygaps-xl``   pyGAPS Excel                                                   pyGAPS
==============  ============================================================  ==========================

adsorption-file-parser (the parsers pyGAPS itself calls) is used directly and its output
converted here, so that reading an instrument file does not import pyGAPS; pyGAPS JSON in
plain units (relative or absolute pressure, molar or mass loading per gram) is read by our
own code for the same reason (start-up), and handed to pyGAPS otherwise.  Files that hold no
isotherm (a 3P ``.jwgbt`` dosing log, an alloypore pore profile) are refused in one line.
"""

from __future__ import annotations

import json
import re
import struct
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore.characterization._pygaps import aif_pandas_shim
from alloypore.characterization._quiet import quiet
from alloypore.characterization.adsorbates import TABULATED, find_adsorbate, saturated_liquid
from alloypore.errors import DataFileError

__all__ = ["FORMATS", "RawIsotherm", "detect_format", "read_raw", "STP_MOLAR_VOLUME_CM3_MMOL"]

#: Formats :func:`read_raw` reads (``--format``); "auto" means :func:`detect_format`.
FORMATS = ("auto", "json", "afp-json", "csv", "aif", "pygaps-xl", "mic-xl", "mic-txt", "bel-xl", "3p-xl", "bel-csv",
           "bel-dat", "qnt-txt")
#: Ideal-gas molar volume at STP (273.15 K, 101.325 kPa), cm3 per mmol (CODATA: 22.41397 L/mol).
STP_MOLAR_VOLUME_CM3_MMOL = 22.41397
_PRESSURE_KPA = {"pa": 1e-3, "kpa": 1.0, "mpa": 1e3, "bar": 100.0, "mbar": 0.1, "torr": 0.133322368, "mmhg": 0.133322368,
                 "atm": 101.325, "psi": 6.894757293}
_AFP = {"mic-xl": ("mic", "xl"), "bel-xl": ("bel", "xl"), "bel-csv": ("bel", "csv"), "bel-dat": ("bel", "dat"),
        "3p-xl": ("3p", "xl"), "qnt-txt": ("qnt", "txt-raw")}


@dataclass
class RawIsotherm:
    """An isotherm as read, before validation: p/p0 and mmol/g in measurement order.

    ``desorption`` marks desorption points (None: guessed later, adsorption up to the highest
    pressure); ``notes`` say what the reader assumed or converted.
    """

    p_rel: np.ndarray
    n_mmol_g: np.ndarray
    desorption: np.ndarray | None
    adsorbate: str
    temperature_K: float
    material: str
    reader: str
    notes: list = field(default_factory=list)
    pygaps_isotherm: object = None


# ---------------------------------------------------------------------------------------------- detection
def detect_format(path: Path) -> str:
    """The format of ``path`` from its content (see the module table); a one-line DataFileError if none fits."""
    head = path.open("rb").read(65536)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = head.decode("utf-16", errors="ignore")
        if "Micromeritics" in text or "TriStar" in text or "Isotherm Tabular Report" in text or "Quantity Adsorbed" in text:
            return "mic-txt"
        raise DataFileError(path, "a UTF-16 text file that is not a Micromeritics report; no isotherm reader fits")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _excel_kind(path)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_kind(path)
    text = _decode(head)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _json_kind(path)
    if "Quantachrome" in text or "ASiQwin" in text or "NovaWin" in text:
        return "qnt-txt"
    if re.search(r"^\s*data_\S*", text, re.M) and "_exptl_adsorptive" in text:
        return "aif"
    if "System property" in text or "装置情報" in text or stripped.startswith("===="):
        return "bel-dat"
    first = stripped.split("\n", 1)[0]
    if first.startswith("File Name,") or first.startswith("ファイル名"):
        return "bel-csv"
    if stripped.startswith("<?xml") and ("<AdsorbGas>" in text or "3P" in text):
        raise DataFileError(path, "a 3P raw dosing log (.jwgbt): dosing pressures, not an isotherm; export the isotherm "
                                  "(.xlsx) from the 3P software")
    if stripped.lower().startswith("material,") or "isotherm_data" in text or "pressure,loading" in text.lower():
        return "csv"
    raise DataFileError(path, "no isotherm reader recognises this file (allowed: Micromeritics .xls/.TXT, BEL .xls/.csv/.DAT, "
                              "3P .xlsx, Quantachrome .txt, AIF, pyGAPS JSON/CSV/Excel)")


def _decode(raw: bytes) -> str:
    for enc in ("utf-8", "shift_jis", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _excel_kind(path: Path) -> str:
    import xlrd
    import xlrd.compdoc

    try:
        book = xlrd.open_workbook(path, encoding_override="latin-1", on_demand=True)
        sheet = book.sheet_by_index(0)
        cells = " ".join(str(v) for r in range(min(sheet.nrows, 12)) for v in sheet.row_values(r))
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error, AssertionError, EOFError, IndexError, OSError,
            ValueError) as err:  # xlrd's bare asserts and compdoc errors on a corrupt file (tests/test_fuzz.py)
        raise DataFileError(path, f"a corrupt Excel workbook ({' '.join(str(err).split())[:100] or type(err).__name__})") from None
    if "AdsDes" in book.sheet_names() or "Adsorption / desorption isotherm" in cells or "COMMENT1" in cells:
        return "bel-xl"
    return "mic-xl"


def _xlsx_kind(path: Path) -> str:
    import openpyxl

    try:
        with path.open("rb") as fh:
            book = openpyxl.load_workbook(fh, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise DataFileError(path, f"a corrupt .xlsx workbook ({' '.join(str(err).split())[:100]})") from None
    try:
        names = book.sheetnames
        if "Isotherm" in names and ("BET Surface Area" in names or "Info" in names or "Summary" in names):
            return "3p-xl"
        return "pygaps-xl"
    finally:
        book.close()


def _json_kind(path: Path) -> str:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(path, f"not valid JSON ({' '.join(str(err).split())[:100]})") from None
    if isinstance(data, dict) and str(data.get("schema", "")).startswith("alloypore."):
        raise DataFileError(path, "an alloypore pore profile, not an isotherm (combine profiles with: alloypore characterize combine)")
    if isinstance(data, dict) and isinstance(data.get("meta"), dict) and isinstance(data.get("data"), dict):
        return "afp-json"
    if isinstance(data, dict) and ("isotherm_data" in data or "isotherm_model" in data):
        return "json"
    raise DataFileError(path, "a JSON file that is not an isotherm (pyGAPS JSON has \"isotherm_data\")")


# ---------------------------------------------------------------------------------------------- reading
def read_raw(path: Path, fmt: str, errors: tuple[type[BaseException], ...]) -> RawIsotherm:
    """Read ``path`` as ``fmt`` (a format name, not "auto"); ``errors`` are the parser exceptions meaning "not this format"."""
    with quiet():  # the parsers log to stdout; keep stdout clean for --json
        try:
            if fmt in _AFP:
                return _read_afp(path, fmt)
            if fmt == "mic-txt":
                return _read_tristar_txt(path)
            if fmt == "afp-json":
                data = json.loads(path.read_text("utf-8"))
                return from_afp(data["meta"], data["data"], path, "afp-json", manufacturer=data["meta"].get("apparatus", ""))
            if fmt == "json":
                fast = _read_pygaps_json(path)
                if fast is not None:
                    return fast
            return _read_with_pygaps(path, fmt, errors)
        except DataFileError:
            raise
        except errors + _pygaps_errors() as err:  # evaluated now: pyGAPS' errors once its reader has imported it
            msg = " ".join(str(err).split())[:160] or type(err).__name__
            raise DataFileError(path, f"cannot read as {fmt} isotherm ({msg})") from None


def _pygaps_errors() -> tuple[type[BaseException], ...]:
    mod = sys.modules.get("pygaps.utilities.exceptions")  # pyGAPS is imported only by the formats that need it
    return (mod.pgError,) if mod is not None else ()


def _read_afp(path: Path, fmt: str) -> RawIsotherm:
    import adsorption_file_parser as afp

    manufacturer, kind = _AFP[fmt]
    if manufacturer == "bel" and kind in ("csv", "dat"):
        lang = "JPN" if _is_japanese(path) else "ENG"
        meta, data = afp.read(str(path), manufacturer, kind, lang=lang)
    elif manufacturer == "3p":
        with path.open("rb") as fh:  # a file object: openpyxl judges a path by its suffix, we by the content
            meta, data = afp.read(fh, manufacturer, kind)
    else:
        meta, data = afp.read(str(path), manufacturer, kind)
    return from_afp(meta, data, path, fmt, manufacturer=manufacturer)


def _is_japanese(path: Path) -> bool:
    raw = path.open("rb").read(4096)
    try:
        raw.decode("ascii")
        return False
    except UnicodeDecodeError:
        text = _decode(raw)
        return any(w in text for w in ("装置情報", "ファイル名", "測定"))


def from_afp(meta: dict, data: dict, path: Path, reader: str, manufacturer: str = "") -> RawIsotherm:
    """Convert adsorption-file-parser's ``(meta, data)`` to p/p0 and mmol/g (see :func:`loading_factor`)."""
    notes: list[str] = []
    n = _numbers(data.get("loading"), path, "loading")
    temperature = _temperature(meta, path, notes)
    adsorbate = str(meta.get("adsorbate") or "")
    if not adsorbate:
        raise DataFileError(path, "the file names no adsorbate")
    p_rel = _relative_pressure(meta, data, path, adsorbate, temperature, notes)
    factor = loading_factor(meta, path, adsorbate)
    original = meta.get("original_loading_string")
    per_sample = original is not None and not re.search(r"/\s*g\b|g\s*-1|g\^-1|/g", str(original))
    if manufacturer == "qnt" or per_sample:
        mass = _mass(meta, path)
        factor /= mass
        notes.append(f"loading per sample divided by the sample mass {mass:g} g")
    desorption = None
    if "branch" in data and len(data["branch"]) == n.size:
        desorption = np.asarray([str(b) in ("1", "des", "True", "1.0") for b in data["branch"]], dtype=bool)
    return RawIsotherm(p_rel, n * factor, desorption, adsorbate, temperature, str(meta.get("material") or ""), reader, notes)


def _numbers(values, path: Path, what: str) -> np.ndarray:
    if values is None:
        raise DataFileError(path, f"the file holds no {what} column")
    out = np.empty(len(values))
    for k, v in enumerate(values):
        try:
            out[k] = float(v)
        except (TypeError, ValueError):
            out[k] = np.nan  # placeholders ("1.#QNAN", "") are dropped later, with a note
    return out


def _temperature(meta: dict, path: Path, notes: list) -> float:
    t, unit = meta.get("temperature"), str(meta.get("temperature_unit") or "K")
    try:
        t = float(str(t).replace(",", "."))
    except (TypeError, ValueError):
        raise DataFileError(path, f"the isotherm temperature {t!r} is not a number") from None
    if unit.replace("°", "").strip().upper() == "C":
        notes.append(f"temperature {t:g} °C = {t + 273.15:g} K")
        t += 273.15
    if not t > 0:
        raise DataFileError(path, f"isotherm temperature {t:g} K: allowed > 0 K")
    return t


def _relative_pressure(meta: dict, data: dict, path: Path, adsorbate: str, temperature: float, notes: list) -> np.ndarray:
    if "pressure_relative" in data:
        return _numbers(data["pressure_relative"], path, "relative pressure")
    p = _numbers(data.get("pressure"), path, "pressure")
    if "pressure_saturation" in data:
        return p / _numbers(data["pressure_saturation"], path, "saturation pressure")
    if meta.get("pressure_mode") == "relative":
        return p
    return p * pressure_kpa_factor(meta.get("pressure_unit"), path) / saturation_pressure_kpa(adsorbate, temperature, path, notes)


def pressure_kpa_factor(unit, path: Path) -> float:
    """kPa per unit of ``unit`` (Pa, kPa, MPa, bar, mbar, torr, mmHg, atm, psi)."""
    key = str(unit or "").strip().lower()
    if key not in _PRESSURE_KPA:
        raise DataFileError(path, f"pressure unit {unit!r}: allowed {', '.join(_PRESSURE_KPA)}")
    return _PRESSURE_KPA[key]


def saturation_pressure_kpa(adsorbate: str, temperature: float, path: Path, notes: list) -> float:
    """Saturation pressure of the adsorptive at the temperature (CoolProp; the shipped table for the usual six)."""
    rec = find_adsorbate(adsorbate)
    fluid = TABULATED.get(rec["name"]) or rec.get("backend_name")
    liquid = saturated_liquid(fluid, temperature) if fluid else None
    if liquid is None:
        raise DataFileError(path, f"absolute pressures of {rec['name']} at {temperature:g} K and no saturation pressure in the file "
                                  "or in CoolProp; cannot form p/p0")
    notes.append(f"p/p0 from absolute pressures with p0 = {liquid.saturation_pressure_kPa:.5g} kPa ({liquid.source})")
    return liquid.saturation_pressure_kPa


def loading_factor(meta: dict, path: Path, adsorbate: str) -> float:
    """mmol/g per unit of the file's loading: molar (mmol, mol, umol, cm3/mL/cc/L at STP) or mass (g, mg, kg) loading,
    per g, mg or kg of material."""
    unit = str(meta.get("loading_unit") or "").strip()
    key = unit.lower().replace(" ", "")
    molar = {"mmol": 1.0, "mol": 1e3, "umol": 1e-3, "µmol": 1e-3, "cm3(stp)": 1 / STP_MOLAR_VOLUME_CM3_MMOL,
             "ml(stp)": 1 / STP_MOLAR_VOLUME_CM3_MMOL, "cc(stp)": 1 / STP_MOLAR_VOLUME_CM3_MMOL, "l(stp)": 1e3 / STP_MOLAR_VOLUME_CM3_MMOL}
    mass = {"g": 1.0, "mg": 1e-3, "kg": 1e3}
    if key in molar:
        f = molar[key]
    elif key in mass:
        mm = find_adsorbate(adsorbate).get("molar_mass")
        f = mass[key] * 1e3 / float(mm)
    else:
        raise DataFileError(path, f"loading unit {unit!r}: allowed molar (mmol, mol, cm3(STP) ...) or mass (g, mg) loadings")
    basis, per = str(meta.get("material_basis") or "mass"), str(meta.get("material_unit") or "g").lower()
    if basis != "mass" or per not in mass:
        raise DataFileError(path, f"loading per {basis} ({per}): allowed per mass of material (g, mg, kg)")
    return f / mass[per]


def _mass(meta: dict, path: Path) -> float:
    try:
        m = float(str(meta.get("material_mass")).split("(")[0].replace(",", "."))
    except (TypeError, ValueError):
        m = float("nan")
    if not m > 0:
        raise DataFileError(path, f"sample mass {meta.get('material_mass')!r}: a per-sample loading needs a mass > 0")
    return m


# ---------------------------------------------------------------------------------------------- pyGAPS formats
def _read_pygaps_json(path: Path) -> RawIsotherm | None:
    """pyGAPS JSON of a point isotherm in plain units, read without pyGAPS; None to let pyGAPS read it."""
    data = json.loads(path.read_text("utf-8"))
    points = data.get("isotherm_data")
    if not isinstance(points, list) or data.get("isotherm_model") is not None or not points:
        return None
    pkey, lkey = data.get("pressure_key", "pressure"), data.get("loading_key", "loading")
    if not all(isinstance(p, dict) and pkey in p and lkey in p for p in points):
        return None
    meta = dict(data)
    if meta.get("pressure_mode", "absolute") != "relative" and str(meta.get("pressure_unit") or "").lower() not in _PRESSURE_KPA:
        return None
    raw = {"pressure": [p[pkey] for p in points], "loading": [p[lkey] for p in points],
           "branch": [1 if p.get("branch") == "des" else 0 for p in points]}
    if not any(raw["branch"]):
        del raw["branch"]  # pyGAPS guesses the branches
    return from_afp(meta, raw, path, "json")


def _read_with_pygaps(path: Path, fmt: str, errors) -> RawIsotherm:
    """Formats only pyGAPS reads (its CSV, Excel, AIF, model JSON): its own parser and unit conversion."""
    import pygaps.parsing as pgp  # pyGAPS is heavy (~2.6 s of CPU): only for these formats

    if fmt == "aif":
        with aif_pandas_shim():
            iso = pgp.isotherm_from_aif(path)
    else:
        iso = {"json": pgp.isotherm_from_json, "csv": pgp.isotherm_from_csv, "pygaps-xl": pgp.isotherm_from_xl}[fmt](path)
    try:
        temperature, adsorbate = float(iso.temperature), str(iso.adsorbate)
    except (AttributeError, TypeError, ValueError):
        raise DataFileError(path, "isotherm has no adsorbate or temperature") from None
    parts = []
    for k, name in enumerate(("ads", "des")):
        if not iso.has_branch(name):
            continue
        try:
            pr = np.asarray(iso.pressure(branch=name, pressure_mode="relative"), dtype=float)
        except errors as err:
            raise DataFileError(path, f"pressures cannot be converted to p/p0 ({' '.join(str(err).split())[:100]})") from None
        n = np.asarray(iso.loading(branch=name, loading_unit="mmol", loading_basis="molar", material_unit="g",
                                   material_basis="mass"), dtype=float)
        parts.append((pr, n, np.full(pr.size, bool(k))))
    if not parts:
        raise DataFileError(path, "the file holds no isotherm points")
    p, n, des = (np.concatenate(x) for x in zip(*parts))
    material = iso.material if isinstance(iso.material, str) else str(getattr(iso.material, "name", iso.material))
    return RawIsotherm(p, n, des, adsorbate, temperature, material, fmt, [], iso)


# ---------------------------------------------------------------------------------------------- Micromeritics TriStar text
_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _read_tristar_txt(path: Path) -> RawIsotherm:
    """A Micromeritics TriStar II text report (UTF-16): the "Isotherm Linear Plot" branches in cm3/g STP.

    Adsorptive, bath temperature and sample name come from the page header; NaN placeholders
    (``1.#QNAN``) are kept as NaN and dropped later with a note.
    """
    text = read_utf16_text(path)
    adsorbate = _header(text, r"Analysis Adsorptive:\s*(\S+)", path, "adsorptive")
    temp = _header(text, r"Analysis Bath Temp\.?:\s*(" + _NUM + r")\s*K", path, "bath temperature")
    sample = re.search(r"Sample:\s*(.+?)\s*$", text, re.M)
    branches = []
    for label in ("Adsorption", "Desorption"):
        m = re.search(rf"-\s*{label}\s*\n\s*Relative Pressure[^\n]*\n((?:\s*{_NUM}\s+{_NUM}\s*\n)+)", text)
        rows = [] if m is None else [line.split() for line in m.group(1).strip().splitlines()]
        branches.append(np.asarray(rows, dtype=float).reshape(-1, 2))
    if branches[0].size == 0:
        raise DataFileError(path, "Micromeritics report without an \"Isotherm Linear Plot\" adsorption table; no isotherm to read")
    data = np.vstack(branches)
    des = np.concatenate([np.zeros(len(branches[0]), bool), np.ones(len(branches[1]), bool)])
    return RawIsotherm(data[:, 0], data[:, 1] / STP_MOLAR_VOLUME_CM3_MMOL, des, adsorbate, float(temp),
                       sample.group(1) if sample else "", "mic-txt",
                       ["loadings in cm3/g STP converted with 22.414 cm3/mmol"])


def read_utf16_text(path: Path) -> str:
    """The text of a UTF-16 report with its line ends normalised."""
    try:
        return path.read_bytes().decode("utf-16").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise DataFileError(path, "not a UTF-16 text report") from None


def _header(text: str, pattern: str, path: Path, what: str) -> str:
    m = re.search(pattern, text)
    if m is None:
        raise DataFileError(path, f"Micromeritics report without its {what}")
    return m.group(1)
