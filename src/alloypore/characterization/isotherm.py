"""Load gas-adsorption isotherms through pyGAPS into plain arrays.

pyGAPS does the parsing (its JSON, CSV, Excel and AIF formats and the
instrument exports it reads through ``adsorption_file_parser``: Micromeritics,
BEL, 3P, Quantachrome).  This module only picks the parser, converts to the
house units (relative pressure ``p/p0``, loading in mmol per gram of sample)
and refuses files that cannot be analysed, with one-line errors.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore._io import check_input_file
from alloypore.characterization._pygaps import aif_pandas_shim, quiet
from alloypore.errors import DataFileError, InputError

__all__ = [
    "Isotherm",
    "AdsorbateProperties",
    "ISOTHERM_FORMATS",
    "load_isotherm",
    "isotherm_from_arrays",
    "adsorbate_properties",
]

#: Formats accepted by :func:`load_isotherm` (``fmt``); "auto" picks from the suffix.
ISOTHERM_FORMATS = ("auto", "json", "csv", "aif", "pygaps-xl", "mic-xl", "3p-xl", "bel-csv", "bel-dat", "qnt-txt")


@dataclass(frozen=True)
class AdsorbateProperties:
    """Properties of the adsorptive at the isotherm temperature (from pyGAPS/CoolProp).

    Attributes carry their units: cross-sectional area ``sigma_nm2`` (BET),
    ``molar_mass_g_mol``, bulk saturated ``liquid_density_g_cm3`` and
    ``surface_tension_mN_m``.
    """

    name: str
    temperature_K: float
    sigma_nm2: float
    molar_mass_g_mol: float
    liquid_density_g_cm3: float
    surface_tension_mN_m: float

    @property
    def liquid_molar_volume_cm3_mol(self) -> float:
        return self.molar_mass_g_mol / self.liquid_density_g_cm3


@dataclass(frozen=True)
class Isotherm:
    """An isotherm as plain arrays: relative pressure and loading in mmol/g, per branch.

    ``p_rel_des``/``n_des_mmol_g`` are empty when the file holds only the
    adsorption branch.  ``pygaps_isotherm`` keeps the pyGAPS object for the
    methods that run on it (DFT kernels).
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

    @property
    def has_desorption(self) -> bool:
        return self.p_rel_des.size >= 3

    def properties(self) -> AdsorbateProperties:
        return adsorbate_properties(self.adsorbate, self.temperature_K)


def adsorbate_properties(name: str, temperature_K: float) -> AdsorbateProperties:
    """Look up an adsorbate in pyGAPS's database and evaluate its properties at ``temperature_K``.

    A cross-section pyGAPS does not list is NaN; an adsorbate it does not know, or a
    liquid density / surface tension it cannot give at that temperature, is a one-line
    :class:`InputError`.
    """
    from pygaps.core.adsorbate import Adsorbate  # pyGAPS is heavy (~2 s): imported when used
    from pygaps.utilities.exceptions import pgError

    with quiet():
        try:
            ads = Adsorbate.find(name)
        except pgError:
            raise InputError("adsorbate", name, "an adsorbate known to pyGAPS (e.g. nitrogen, argon, carbon dioxide)") from None
        try:
            sigma = float(ads.get_prop("cross_sectional_area"))
        except pgError:
            sigma = float("nan")
        try:
            return AdsorbateProperties(
                name=ads.name,
                temperature_K=float(temperature_K),
                sigma_nm2=sigma,
                molar_mass_g_mol=float(ads.molar_mass()),
                liquid_density_g_cm3=float(ads.liquid_density(temperature_K)),
                surface_tension_mN_m=float(ads.surface_tension(temperature_K)),
            )
        except (pgError, ValueError) as err:  # CoolProp / pyGAPS have no value at this temperature
            raise InputError("adsorbate", f"{name} at {temperature_K:g} K",
                             f"an adsorbate whose liquid density and surface tension pyGAPS knows at that temperature "
                             f"({' '.join(str(err).split())[:100]})") from None


def _guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {
        ".json": "json",
        ".csv": "csv",
        ".aif": "aif",
        ".cif": "aif",
        ".xls": "mic-xl",
        ".xlsx": "pygaps-xl",
        ".dat": "bel-dat",
        ".txt": "qnt-txt",
    }.get(suffix, "")


def _read_pygaps(path: Path, fmt: str):
    import pygaps.parsing as pgp  # pyGAPS is heavy (~2 s): imported when used

    if fmt == "json":
        return pgp.isotherm_from_json(path)
    if fmt == "csv":
        return pgp.isotherm_from_csv(path)
    if fmt == "aif":
        with aif_pandas_shim():
            return pgp.isotherm_from_aif(path)
    if fmt == "pygaps-xl":
        return pgp.isotherm_from_xl(path)
    manufacturer, kind = {
        "mic-xl": ("mic", "xl"),
        "3p-xl": ("3p", "xl"),
        "bel-csv": ("bel", "csv"),
        "bel-dat": ("bel", "dat"),
        "qnt-txt": ("qnt", "txt-raw"),
    }[fmt]
    return pgp.isotherm_from_commercial(str(path), manufacturer, kind)


def _reader_errors() -> tuple[type[BaseException], ...]:
    """What the pyGAPS parsers raise on a file they cannot read (all mean "not this format")."""
    import struct

    import adsorption_file_parser
    import openpyxl.utils.exceptions
    import xlrd
    import xlrd.compdoc
    from pygaps.utilities.exceptions import pgError

    # xlrd meets a corrupt .xls with CompDocError, struct.error or a bare assert (found by tests/test_fuzz.py)
    return (pgError, adsorption_file_parser.ParsingError, xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error,
            AssertionError, EOFError, SyntaxError, openpyxl.utils.exceptions.InvalidFileException,
            zipfile.BadZipFile, ValueError, KeyError, IndexError, TypeError, AttributeError, OSError)


def load_isotherm(path: str | Path, fmt: str = "auto") -> Isotherm:
    """Read an isotherm file with pyGAPS and return it in house units.

    Parameters
    ----------
    path : str or Path
        The file.
    fmt : str
        One of :data:`ISOTHERM_FORMATS`; ``"auto"`` picks from the suffix
        (``.json`` pyGAPS JSON, ``.csv`` pyGAPS CSV, ``.aif`` AIF, ``.xls``
        Micromeritics export, ``.xlsx`` pyGAPS Excel, ``.dat`` BEL, ``.txt``
        Quantachrome raw).

    Returns
    -------
    Isotherm

    Raises
    ------
    DataFileError
        Missing, empty, corrupt or unreadable file; pressures not convertible
        to p/p0; loadings not convertible to mmol/g; fewer than 3 adsorption points.
    """
    p = check_input_file(path)
    if fmt not in ISOTHERM_FORMATS:
        raise InputError("fmt", fmt, f"one of {', '.join(ISOTHERM_FORMATS)}")
    kind = _guess_format(p) if fmt == "auto" else fmt
    if not kind:
        raise DataFileError(p, f"unknown isotherm file type {p.suffix!r}; give the format (one of {', '.join(ISOTHERM_FORMATS[1:])})")
    errors = _reader_errors()
    try:
        with quiet():  # the parsers log to stdout; keep stdout clean for --json
            iso = _read_pygaps(p, kind)
    except errors as err:
        msg = " ".join(str(err).split())[:160] or type(err).__name__
        raise DataFileError(p, f"cannot read as {kind} isotherm ({msg})") from None
    with quiet():
        return _from_pygaps(iso, p, errors)


def _from_pygaps(iso, p: Path, errors: tuple) -> Isotherm:
    try:
        temperature = float(iso.temperature)
        adsorbate = str(iso.adsorbate)
    except (AttributeError, TypeError, ValueError):
        raise DataFileError(p, "isotherm has no adsorbate or temperature") from None
    if not (np.isfinite(temperature) and temperature > 0):  # pyGAPS raised CalculationError at -5 K
        raise DataFileError(p, f"temperature = {temperature:g} K; an isotherm is measured at an absolute temperature "
                               "> 0 K (77 K for N2, 87 K for Ar, 273 K for CO2)")

    def branch(name: str) -> tuple[np.ndarray, np.ndarray]:
        if not iso.has_branch(name):
            return np.empty(0), np.empty(0)
        try:
            pr = np.asarray(iso.pressure(branch=name, pressure_mode="relative"), dtype=float)
        except errors as err:
            raise DataFileError(p, f"pressures cannot be converted to p/p0 ({' '.join(str(err).split())[:100]})") from None
        try:
            n = np.asarray(
                iso.loading(branch=name, loading_unit="mmol", loading_basis="molar", material_unit="g", material_basis="mass"),
                dtype=float,
            )
        except errors as err:
            raise DataFileError(p, f"loadings cannot be converted to mmol/g ({' '.join(str(err).split())[:100]})") from None
        return pr, n

    pa, na = branch("ads")
    pd_, nd = branch("des")
    material = iso.material if isinstance(iso.material, str) else str(getattr(iso.material, "name", iso.material))
    return isotherm_from_arrays(pa, na, pd_, nd, adsorbate=adsorbate, temperature_K=temperature, material=material, source=str(p), pygaps_isotherm=iso)


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
) -> Isotherm:
    """Build and validate an :class:`Isotherm` from arrays (p/p0, mmol/g).

    Branches are sorted by pressure (adsorption ascending, desorption
    ascending too; the order of measurement is not kept).  Raises
    :class:`DataFileError` (with ``source`` as the path) when values are not
    finite, p/p0 lies outside (0, 1.05], loadings are negative, or the
    adsorption branch has fewer than 3 points.
    """
    out = []
    for label, pr, n in (("adsorption", p_rel_ads, n_ads_mmol_g), ("desorption", p_rel_des, n_des_mmol_g)):
        pr = np.asarray(pr, dtype=float).ravel()
        n = np.asarray(n, dtype=float).ravel()
        if pr.shape != n.shape:
            raise DataFileError(source, f"{label} branch has {pr.size} pressures but {n.size} loadings")
        if pr.size and not (np.all(np.isfinite(pr)) and np.all(np.isfinite(n))):
            raise DataFileError(source, f"{label} branch has non-numeric or infinite values")
        if pr.size and (pr.min() <= 0 or pr.max() > 1.05):
            raise DataFileError(
                source,
                f"{label} p/p0 spans {pr.min():.4g}..{pr.max():.4g}; allowed 0 < p/p0 <= 1.05 (wrong pressure unit or saturation pressure?)",
            )
        if pr.size and n.min() < -1e-9:
            raise DataFileError(source, f"{label} branch has a negative loading ({n.min():.4g} mmol/g)")
        order = np.argsort(pr, kind="stable")
        out.append((pr[order], n[order]))
    (pa, na), (pd_, nd) = out
    if pa.size < 3:
        raise DataFileError(source, f"adsorption branch has {pa.size} points; at least 3 are needed")
    return Isotherm(adsorbate, float(temperature_K), material, pa, na, pd_, nd, source, pygaps_isotherm)
