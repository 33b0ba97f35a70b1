"""Gas-adsorption isotherms in house units (p/p0, mmol/g): loading any instrument export, tolerating real data.

:func:`load_isotherm` picks the reader from the file's content
(:func:`alloypore.characterization.readers.detect_format`), reads it, finds the instrument's own
BET report when the export carries one (:mod:`alloypore.characterization.instrument_bet`) and
validates the points with :func:`isotherm_from_arrays`.

Real data are tolerated, and said so in ``Isotherm.notes``:

* points without a number (instrument placeholders such as ``1.#QNAN``) are dropped;
* a p/p0 at or a hair below zero, ``-P_ZERO_TOLERANCE <= p/p0 <= 0``, is dropped: within
  1e-3 p0 (0.1 kPa for N2 at 77 K) a point cannot be told from zero by a 1000-torr transducer
  (about +/-0.1 % of full scale); anything more negative is refused (wrong unit or p0);
* a negative loading no larger than ``N_ZERO_TOLERANCE`` (1 %) of the largest loading of the
  isotherm is dropped as indistinguishable from zero (the files here dip by at most 0.03 %:
  BEL DUT-13 CH4 at 111 K -0.0229 of 71.4 mmol/g); a larger one is refused (bad baseline).

Branches: the file's own labels when it has them, else adsorption up to the highest pressure
and desorption after it (as pyGAPS guesses).  Each branch is sorted by pressure.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore._io import check_input_file
from alloypore.characterization._quiet import quiet
from alloypore.characterization.adsorbates import AdsorbateProperties, adsorbate_properties
from alloypore.characterization.instrument_bet import InstrumentBET, instrument_bet
from alloypore.characterization.readers import FORMATS, RawIsotherm, detect_format, read_raw
from alloypore.errors import DataFileError, InputError

__all__ = [
    "Isotherm",
    "AdsorbateProperties",
    "ISOTHERM_FORMATS",
    "P_ZERO_TOLERANCE",
    "N_ZERO_TOLERANCE",
    "load_isotherm",
    "isotherm_from_arrays",
    "adsorbate_properties",
]

#: Formats accepted by :func:`load_isotherm` (``fmt``); "auto" picks from the file's content.
ISOTHERM_FORMATS = FORMATS
#: p/p0 in [-P_ZERO_TOLERANCE, 0] is zero within the instrument's noise: dropped with a note.
P_ZERO_TOLERANCE = 1e-3
#: A negative loading above -N_ZERO_TOLERANCE x the largest loading is zero within noise: dropped with a note.
N_ZERO_TOLERANCE = 0.01


@dataclass(frozen=True)
class Isotherm:
    """An isotherm as plain arrays: relative pressure and loading in mmol/g, per branch.

    ``p_rel_des``/``n_des_mmol_g`` are empty when the file holds only the adsorption branch.
    ``reader`` names the format the file was read as; ``notes`` what was dropped or assumed;
    ``instrument_bet`` the instrument's own BET report when the export carries one;
    ``pygaps_isotherm`` the pyGAPS object when pyGAPS read the file (else built on demand).
    """

    adsorbate: str
    temperature_K: float
    material: str
    p_rel_ads: np.ndarray
    n_ads_mmol_g: np.ndarray
    p_rel_des: np.ndarray
    n_des_mmol_g: np.ndarray
    source: str = ""
    pygaps_isotherm: object = field(default=None, repr=False, compare=False)
    reader: str = "arrays"
    notes: tuple[str, ...] = ()
    instrument_bet: InstrumentBET | None = None

    @property
    def has_desorption(self) -> bool:
        return self.p_rel_des.size >= 3

    def properties(self) -> AdsorbateProperties:
        """The adsorptive's properties at the isotherm temperature (unknown ones None)."""
        return adsorbate_properties(self.adsorbate, self.temperature_K)

    def to_pygaps(self):
        """This isotherm as a pyGAPS ``PointIsotherm`` (p/p0, mmol/g) for the methods only pyGAPS has (DFT)."""
        if self.pygaps_isotherm is not None:
            return self.pygaps_isotherm
        import pandas as pd
        from pygaps.core.pointisotherm import PointIsotherm  # heavy: only for DFT

        frame = pd.DataFrame({"pressure": np.concatenate([self.p_rel_ads, self.p_rel_des[::-1]]),
                              "loading": np.concatenate([self.n_ads_mmol_g, self.n_des_mmol_g[::-1]]),
                              "branch": [0] * self.p_rel_ads.size + [1] * self.p_rel_des.size})
        with quiet():  # pyGAPS logs its unit assumptions to stdout
            return PointIsotherm(isotherm_data=frame, pressure_key="pressure", loading_key="loading", branch="branch",
                                 material=self.material or "sample", adsorbate=self.adsorbate, temperature=self.temperature_K,
                                 temperature_unit="K", pressure_mode="relative", pressure_unit=None, loading_basis="molar",
                                 loading_unit="mmol", material_basis="mass", material_unit="g")


def _reader_errors() -> tuple[type[BaseException], ...]:
    """What the parsers raise on a file they cannot read (all mean "not this format")."""
    import struct

    import adsorption_file_parser
    import xlrd
    import xlrd.compdoc

    # xlrd meets a corrupt .xls with CompDocError, struct.error or a bare assert (found by tests/test_fuzz.py)
    return (adsorption_file_parser.ParsingError, xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error, AssertionError,
            EOFError, SyntaxError, zipfile.BadZipFile, UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, OSError) + _pygaps_error()


def _pygaps_error() -> tuple[type[BaseException], ...]:
    import sys

    mod = sys.modules.get("pygaps.utilities.exceptions")  # only when pyGAPS was imported (its formats)
    return (mod.pgError,) if mod is not None else ()


def load_isotherm(path: str | Path, fmt: str = "auto") -> Isotherm:
    """Read an isotherm file and return it in house units.

    Parameters
    ----------
    path : str or Path
        The file.
    fmt : str
        One of :data:`ISOTHERM_FORMATS`; ``"auto"`` (default) reads the file's content to
        choose (:func:`alloypore.characterization.readers.detect_format`).

    Returns
    -------
    Isotherm

    Raises
    ------
    DataFileError
        Missing, empty, corrupt or unrecognised file; a file holding no isotherm; pressures
        not convertible to p/p0; loadings not convertible to mmol/g; values beyond the noise
        tolerances (module docstring); fewer than 3 adsorption points.
    """
    p = check_input_file(path)
    if fmt not in ISOTHERM_FORMATS:
        raise InputError("format", fmt, f"one of {', '.join(ISOTHERM_FORMATS)}")
    kind = detect_format(p) if fmt == "auto" else fmt
    raw = read_raw(p, kind, _reader_errors())
    report = instrument_bet(p, kind)
    return _from_raw(raw, p, report)


def _from_raw(raw: RawIsotherm, p: Path, report: InstrumentBET | None) -> Isotherm:
    pr, n = np.asarray(raw.p_rel, dtype=float), np.asarray(raw.n_mmol_g, dtype=float)
    if pr.shape != n.shape:
        raise DataFileError(p, f"{pr.size} pressures but {n.size} loadings")
    des = raw.desorption
    if des is None:
        top = int(np.nanargmax(pr)) if np.any(np.isfinite(pr)) else pr.size - 1
        des = np.arange(pr.size) > top
    notes = list(raw.notes)
    iso = isotherm_from_arrays(pr[~des], n[~des], pr[des], n[des], adsorbate=raw.adsorbate, temperature_K=raw.temperature_K,
                               material=raw.material, source=str(p), pygaps_isotherm=raw.pygaps_isotherm, notes=notes)
    return Isotherm(iso.adsorbate, iso.temperature_K, iso.material, iso.p_rel_ads, iso.n_ads_mmol_g, iso.p_rel_des,
                    iso.n_des_mmol_g, iso.source, raw.pygaps_isotherm, raw.reader, iso.notes, report)


def _tolerate(label: str, pr: np.ndarray, n: np.ndarray, n_scale: float, source, notes: list) -> tuple[np.ndarray, np.ndarray]:
    """Drop the points of one branch that are zero within noise (module docstring); refuse the rest."""
    finite = np.isfinite(pr) & np.isfinite(n)
    if not np.all(finite):
        notes.append(f"{label}: {int((~finite).sum())} points without a number (instrument placeholders) dropped")
        pr, n = pr[finite], n[finite]
    if pr.size and (pr.min() < -P_ZERO_TOLERANCE or pr.max() > 1.05):
        raise DataFileError(source, f"{label} p/p0 spans {pr.min():.4g}..{pr.max():.4g}; allowed 0 < p/p0 <= 1.05, "
                                    f"and -{P_ZERO_TOLERANCE:g} <= p/p0 <= 0 dropped as zero (wrong pressure unit or p0?)")
    zero_p = pr <= 0
    if np.any(zero_p):
        notes.append(f"{label}: {int(zero_p.sum())} points at p/p0 {pr[zero_p].min():.3g}..{pr[zero_p].max():.3g} "
                     f"(zero within {P_ZERO_TOLERANCE:g}) dropped")
        pr, n = pr[~zero_p], n[~zero_p]
    if n.size and n.min() < 0:
        if n.min() < -N_ZERO_TOLERANCE * n_scale:
            raise DataFileError(source, f"{label} branch has a negative loading ({n.min():.4g} mmol/g) beyond the noise "
                                        f"tolerance ({N_ZERO_TOLERANCE:.0%} of the largest loading {n_scale:.4g} mmol/g)")
        neg = n < 0
        notes.append(f"{label}: {int(neg.sum())} negative loadings down to {n.min():.3g} mmol/g (zero within "
                     f"{N_ZERO_TOLERANCE:.0%} of the largest loading) dropped")
        pr, n = pr[~neg], n[~neg]
    return pr, n


def isotherm_from_arrays(
    p_rel_ads,
    n_ads_mmol_g,
    p_rel_des=(),
    n_des_mmol_g=(),
    *,
    adsorbate: str = "nitrogen",
    temperature_K: float = 77.355,
    material: str = "",
    source: str = "arrays",
    pygaps_isotherm=None,
    notes: list | None = None,
) -> Isotherm:
    """Build and validate an :class:`Isotherm` from arrays (p/p0, mmol/g).

    Branches are sorted by pressure (adsorption ascending, desorption ascending too; the
    order of measurement is not kept).  Points that are zero within the noise tolerances are
    dropped with a note (module docstring).  Raises :class:`DataFileError` (with ``source`` as
    the path) when values lie beyond them, p/p0 exceeds 1.05, or the adsorption branch has
    fewer than 3 points.
    """
    notes = [] if notes is None else list(notes)
    try:
        t_ok = bool(np.isfinite(float(temperature_K)) and float(temperature_K) > 0)
    except (TypeError, ValueError):
        t_ok = False
    if not t_ok:  # pyGAPS raised CalculationError at -5 K
        raise DataFileError(source, f"temperature = {temperature_K} K; an isotherm is measured at an absolute temperature "
                                    "> 0 K (77 K for N2, 87 K for Ar, 273 K for CO2)")
    arrays = []
    for label, pr, n in (("adsorption", p_rel_ads, n_ads_mmol_g), ("desorption", p_rel_des, n_des_mmol_g)):
        pr = np.asarray(pr, dtype=float).ravel()
        n = np.asarray(n, dtype=float).ravel()
        if pr.shape != n.shape:
            raise DataFileError(source, f"{label} branch has {pr.size} pressures but {n.size} loadings")
        arrays.append((label, pr, n))
    finite_n = np.concatenate([n[np.isfinite(n)] for _, _, n in arrays])
    scale = float(finite_n.max()) if finite_n.size and finite_n.max() > 0 else 0.0
    out = []
    for label, pr, n in arrays:
        if pr.size and not np.any(np.isfinite(pr) & np.isfinite(n)):
            raise DataFileError(source, f"{label} branch has non-numeric or infinite values only")
        pr, n = _tolerate(label, pr, n, scale, source, notes)
        order = np.argsort(pr, kind="stable")
        out.append((pr[order], n[order]))
    (pa, na), (pd_, nd) = out
    if pa.size < 3:
        raise DataFileError(source, f"adsorption branch has {pa.size} points; at least 3 are needed")
    return Isotherm(adsorbate, float(temperature_K), material, pa, na, pd_, nd, source, pygaps_isotherm, "arrays", tuple(notes))
