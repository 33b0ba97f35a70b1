r"""Mercury intrusion porosimetry (MIP): Washburn diameters, PSDs and the inter/intraparticle split.

Washburn equation for a cylindrical pore entrance of diameter D:

.. math:: D = -\frac{4\gamma\cos\theta}{P}

with the mercury surface tension :math:`\gamma` (default 0.485 N/m) and contact
angle :math:`\theta` (default 140 deg); 100 MPa -> 14.86 nm.

Steps: read a cumulative intrusion table (pressure in MPa, kPa or psi(a); volume
in mL/g, or in mL per sample with the sample mass; listed from low to high
pressure, or from high to low as instrument exports sorted by pore size are,
which is read in reverse); keep the intrusion part (points up to the highest pressure);
optionally apply a conformance correction (subtract the volume intruded
below a given pressure, which fills the gaps between particles and the
penetrometer, not pores); compute D for each pressure, the cumulative
distribution and :math:`dV/d\log_{10}D` on a uniform log grid; split at the
valley between the interparticle (large D) and intraparticle (small D) modes,
or at a user cutoff diameter.

Limitations: D is the *entrance* (throat) diameter, so ink-bottle pores are
counted at their neck size; no correction is made for mercury, penetrometer or
sample compressibility at high pressure; pores below ~3 nm (about 400 MPa) are
not reached.

References
----------
* E. W. Washburn, Phys. Rev. 17 (1921) 273.
* ISO 15901-1:2016, Pore size distribution and porosity by mercury porosimetry.
* H. Giesche, Part. Part. Syst. Charact. 23 (2006) 9.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.signal import find_peaks

from alloypore._io import check_input_file
from alloypore.characterization.density import porosity_from_pore_volume
from alloypore.characterization.profile import Measured, PoreProfile, PoreSizeDistribution
from alloypore.errors import DataFileError, InputError, check_range

__all__ = [
    "PSIA_TO_MPA",
    "PRESSURE_UNITS_MPA",
    "MIPData",
    "MIPResult",
    "washburn_diameter_nm",
    "read_mip_csv",
    "mip_distribution",
    "find_valley_diameter_nm",
    "analyse_mip",
]

PSIA_TO_MPA = 0.00689475729  # 1 psi = 6894.75729 Pa
#: Pressure units a MIP table may name in its header, in MPa per unit.
PRESSURE_UNITS_MPA = {"MPa": 1.0, "kPa": 1e-3, "psia": PSIA_TO_MPA, "psi": PSIA_TO_MPA}
_PER_GRAM = ("ml/g", "cm3/g", "cm^3/g", "cc/g", "ml_g", "cm3_g", "mlg-1", "ml·g", "cm³/g")
_PER_SAMPLE = ("(ml)", "(cm3)", "(cm^3)", "(cc)", "(cm³)", "_ml", "_cm3", "[ml]", "[cm3]")


def washburn_diameter_nm(pressure_MPa, surface_tension_N_m: float = 0.485, contact_angle_deg: float = 140.0):
    """Washburn pore-entrance diameter (nm) at pressure ``pressure_MPa``: ``-4 gamma cos(theta) / P``."""
    p = np.asarray(pressure_MPa, dtype=float) * 1e6
    return -4.0 * surface_tension_N_m * np.cos(np.radians(contact_angle_deg)) / p * 1e9


@dataclass(frozen=True)
class MIPData:
    """Intrusion branch: pressure (MPa, ascending) and cumulative intrusion (mL/g)."""

    pressure_MPa: np.ndarray
    intrusion_mL_g: np.ndarray
    source: str = ""
    pressure_unit_in_file: str = "MPa"
    dropped_extrusion_points: int = 0
    notes: tuple[str, ...] = ()


def _find_col(headers: list[str], keys: tuple[str, ...]) -> int | None:
    for k, h in enumerate(headers):
        hl = h.lower().replace(" ", "")
        if any(key in hl for key in keys):
            return k
    return None


def _pressure_column(headers: list[str], p: Path) -> tuple[int, str]:
    """The pressure column and its unit (MPa, kPa, psi/psia), from the headers."""
    for unit in ("MPa", "kPa", "psia", "psi"):
        k = _find_col(headers, (unit.lower(),))
        if k is not None:
            return k, unit
    raise DataFileError(p, f"no pressure column with a unit in its header (got {headers[:4]}); allowed units MPa, kPa or psi(a)")


def _volume_column(headers: list[str], ip: int, p: Path, sample_mass_g: float | None) -> tuple[int, float, str]:
    """The cumulative-volume column and the factor to mL/g: per gram as is, per sample divided by the mass."""
    iv = _find_col(headers, _PER_GRAM)
    if iv is not None and iv != ip:
        if sample_mass_g is not None:
            raise InputError("sample_mass", sample_mass_g, f"only with a per-sample volume (mL); {headers[iv]!r} is already per gram")
        return iv, 1.0, ""
    iv = _find_col(headers, _PER_SAMPLE)
    if iv is None or iv == ip:
        raise DataFileError(p, f"no cumulative intrusion column in mL/g or mL (got {headers[:4]}); name the unit in the header, "
                               "e.g. intrusion_mL_g")
    if sample_mass_g is None:
        raise InputError("sample_mass", None, f"the sample mass in g (--sample-mass): {headers[iv]!r} is a volume per sample")
    mass = check_range("sample_mass", sample_mass_g, 0, 1000, lo_open=True, unit="g")
    return iv, 1.0 / mass, f"volume per sample divided by the sample mass {mass:g} g"


def read_mip_csv(path: str | Path, sample_mass_g: float | None = None) -> MIPData:
    """Read a MIP CSV: a pressure column (header naming MPa, kPa or psi/psia) and the cumulative intrusion.

    Lines starting with ``#`` are comments.  The header must name the units, e.g.
    ``pressure_MPa,intrusion_mL_g``, ``Pressure (psia),Cumulative Intrusion (mL/g)`` or
    ``Pressure (kPa),Cumulative Volume (mL)`` (per sample: give ``sample_mass_g``).  Rows
    may run from low to high pressure or from high to low (read in reverse, with a note).

    Raises
    ------
    DataFileError
        Empty or corrupt file, missing or unknown units (bar, a per-sample volume without a
        mass ...), non-numeric values, fewer than 5 intrusion points, intrusion that falls
        with pressure (not cumulative).
    """
    p = check_input_file(path)
    try:
        df = pd.read_csv(p, comment="#", skipinitialspace=True)
    except (ValueError, OSError) as err:  # pandas' EmptyDataError, ParserError and UnicodeDecodeError are ValueErrors
        raise DataFileError(p, f"not a readable CSV table ({' '.join(str(err).split())[:100]})") from None
    headers = [str(c) for c in df.columns]
    ip, unit = _pressure_column(headers, p)
    iv, v_factor, v_note = _volume_column(headers, ip, p, sample_mass_g)
    try:
        pr = pd.to_numeric(df.iloc[:, ip], errors="raise").to_numpy(dtype=float)
        v = pd.to_numeric(df.iloc[:, iv], errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        raise DataFileError(p, "non-numeric values in the pressure or intrusion column") from None
    if not (np.all(np.isfinite(pr)) and np.all(np.isfinite(v))):
        raise DataFileError(p, "missing or infinite values in the pressure or intrusion column")
    pr, v = pr * PRESSURE_UNITS_MPA[unit], v * v_factor
    if pr.size and pr.min() <= 0:
        raise DataFileError(p, f"pressure {pr.min() / PRESSURE_UNITS_MPA[unit]:.4g} {unit}: allowed > 0")
    notes = [v_note] if v_note else []
    if pr.size > 1 and pr[0] == pr.max():
        pr, v = pr[::-1], v[::-1]
        notes.append("rows listed from high to low pressure: read in reverse")
    # intrusion branch: points up to the maximum pressure
    k = int(np.argmax(pr)) + 1 if pr.size else 0
    dropped = pr.size - k
    pr, v = pr[:k], v[:k]
    order = np.argsort(pr, kind="stable")
    pr, v = pr[order], v[order]
    if pr.size < 5:
        raise DataFileError(p, f"{pr.size} intrusion points; at least 5 are needed")
    scale = max(float(np.ptp(v)), 1e-12)
    if np.any(np.diff(v) < -0.02 * scale):
        raise DataFileError(p, "intrusion volume falls with rising pressure; expected a cumulative intrusion curve")
    v = np.maximum.accumulate(v)
    if v.max() > 20:
        raise DataFileError(p, f"cumulative intrusion reaches {v.max():.4g} mL/g; allowed <= 20 mL/g (wrong unit or sample mass?)")
    return MIPData(pr, v, str(p), unit, dropped, tuple(notes))


def mip_distribution(pressure_MPa, intrusion_mL_g, surface_tension_N_m: float = 0.485, contact_angle_deg: float = 140.0,
                     points_per_decade: int = 20):
    """Cumulative and log-differential distribution on a uniform log10(D) grid.

    Returns ``(diameter_nm, cumulative_mL_g, dv_dlogd_mL_g)`` with D ascending;
    ``cumulative`` is the volume intruded into pores of diameter >= D (the
    intrusion curve read against D), and ``dV/dlogD = -d cumulative / d log10 D``.
    """
    d = washburn_diameter_nm(pressure_MPa, surface_tension_N_m, contact_angle_deg)
    v = np.asarray(intrusion_mL_g, dtype=float)
    logd = np.log10(d)[::-1]  # ascending D
    vv = v[::-1]
    lo, hi = logd.min(), logd.max()
    n = max(int(np.ceil((hi - lo) * points_per_decade)) + 1, 5)
    grid = np.linspace(lo, hi, n)
    cum = np.interp(grid, logd, vv)
    dvdlog = -np.gradient(cum, grid)
    return 10.0 ** grid, cum, np.maximum(dvdlog, 0.0)


def find_valley_diameter_nm(diameter_nm, dv_dlogd, min_prominence: float = 0.05) -> float | None:
    """Diameter of the minimum of dV/dlogD below its largest-diameter mode (None if fewer than two modes).

    ``diameter_nm`` ascending.  The largest pores of a powder are the voids between its
    particles, so the cut lies in the valley between the largest-diameter mode and the next
    mode below it; every mode below (macro- and mesopores of the particles) counts as
    intraparticle.  The curve is smoothed with a 3-point running mean; modes must rise by at
    least ``min_prominence`` of the maximum above their surroundings.
    """
    y = np.convolve(np.asarray(dv_dlogd, dtype=float), np.ones(3) / 3, mode="same")
    if y.max() <= 0:
        return None
    peaks, _ = find_peaks(np.concatenate([[0.0], y, [0.0]]), prominence=min_prominence * y.max())
    peaks = np.sort(peaks - 1)
    if peaks.size < 2:
        return None
    seg = y[peaks[-2] : peaks[-1] + 1]
    return float(np.asarray(diameter_nm)[peaks[-2] + int(np.argmin(seg))])


@dataclass(frozen=True)
class MIPResult:
    """MIP analysis, volumes per gram of sample."""

    total_intrusion_cm3_g: float
    conformance_volume_cm3_g: float
    cutoff_diameter_nm: float | None
    cutoff_source: str
    intraparticle_pore_volume_cm3_g: float | None
    interparticle_volume_cm3_g: float | None
    modal_intraparticle_diameter_nm: float | None
    modal_interparticle_diameter_nm: float | None
    envelope_density_g_cm3: float | None
    diameter_range_nm: tuple[float, float]
    surface_tension_N_m: float
    contact_angle_deg: float
    diameter_nm: np.ndarray = field(repr=False, default=None)
    cumulative_cm3_g: np.ndarray = field(repr=False, default=None)
    dv_dlogd_cm3_g: np.ndarray = field(repr=False, default=None)
    flags: list = field(default_factory=list)
    data: MIPData | None = field(repr=False, default=None, compare=False)

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize mip --json``)."""
        pr = self.data.pressure_MPa
        return {
            "file": self.data.source, "pressure_unit_in_file": self.data.pressure_unit_in_file, "n_points": int(pr.size),
            "surface_tension_N_m": self.surface_tension_N_m, "contact_angle_deg": self.contact_angle_deg,
            "pressure_range_MPa": [float(pr.min()), float(pr.max())], "diameter_range_nm": list(self.diameter_range_nm),
            "total_intrusion_cm3_g": self.total_intrusion_cm3_g, "conformance_volume_cm3_g": self.conformance_volume_cm3_g,
            "cutoff_diameter_nm": self.cutoff_diameter_nm, "cutoff_source": self.cutoff_source,
            "intraparticle_pore_volume_cm3_g": self.intraparticle_pore_volume_cm3_g,
            "interparticle_volume_cm3_g": self.interparticle_volume_cm3_g,
            "modal_intraparticle_diameter_nm": self.modal_intraparticle_diameter_nm,
            "modal_interparticle_diameter_nm": self.modal_interparticle_diameter_nm,
            "envelope_density_g_cm3": self.envelope_density_g_cm3,
            "diameter_nm": self.diameter_nm, "cumulative_cm3_g": self.cumulative_cm3_g, "dv_dlogd_cm3_g": self.dv_dlogd_cm3_g,
            "flags": self.flags,
        }

    def lines(self) -> list[str]:
        """Terminal summary."""
        d = self.diameter_range_nm
        out = [f"{self.data.source}: {self.data.pressure_MPa.size} intrusion points, D {d[0]:.3g}-{d[1]:.4g} nm",
               f"total intrusion {self.total_intrusion_cm3_g:.4g} mL/g"]
        if self.cutoff_diameter_nm is not None:
            out.append(f"cutoff {self.cutoff_diameter_nm:.4g} nm ({self.cutoff_source}): intraparticle "
                       f"{self.intraparticle_pore_volume_cm3_g:.4g} mL/g, interparticle {self.interparticle_volume_cm3_g:.4g} mL/g")
        if self.envelope_density_g_cm3 is not None:
            out.append(f"envelope density {self.envelope_density_g_cm3:.4g} g/cm3")
        return out + [f"note: {f}" for f in self.flags]

    def cutoff_uncertainty_cm3_g(self) -> float | None:
        """How much the intraparticle volume depends on where the cut-off lies: half the volume intruded
        within one grid step (1/20 decade) either side of it (small at a clean valley)."""
        if self.cutoff_diameter_nm is None:
            return None
        logd, step = np.log10(self.diameter_nm), 1.0 / 20.0
        lo, hi = (float(np.interp(np.log10(self.cutoff_diameter_nm) + s, logd, self.cumulative_cm3_g)) for s in (-step, step))
        return abs(lo - hi) / 2.0

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """Intraparticle intrusion as the open pore volume (closed pores: 0 assumed, mercury cannot see them).

        Its uncertainty is the cut-off sensitivity (:meth:`cutoff_uncertainty_cm3_g`); the volume
        covers pores from the smallest intruded diameter to the cut-off (``size_range_nm``).  With a
        composition the porosity follows as ``v_p / (1/rho_true + v_p)``.
        """
        v = self.intraparticle_pore_volume_cm3_g
        how = f"MIP intraparticle intrusion (cutoff {self.cutoff_source})"
        q: dict = {}
        u = self.cutoff_uncertainty_cm3_g()
        if v is not None:
            q["pore_volume_cm3_g"] = Measured(v, u, how, "open pores only; u: cut-off sensitivity")
            q["open_pore_volume_cm3_g"] = Measured(v, u, how, "u: cut-off sensitivity")
            q["closed_pore_fraction"] = Measured(0.0, method="mercury intrusion", note="closed pores are not seen by mercury: 0 assumed")
            if composition:
                q["porosity"] = Measured(porosity_from_pore_volume(v, composition), method=f"{how} + true density of the composition")
        if self.envelope_density_g_cm3 is not None:
            q["envelope_density_g_cm3"] = Measured(self.envelope_density_g_cm3, method="1 / (1/rho_skeletal + V_intra)")
        modes = [m for m in (self.modal_intraparticle_diameter_nm,) if m is not None]
        psd = PoreSizeDistribution(self.diameter_nm, self.dv_dlogd_cm3_g, "cm3/g", "MIP Washburn", modes)
        rng = None if self.cutoff_diameter_nm is None else (self.diameter_range_nm[0], self.cutoff_diameter_nm)
        return PoreProfile(**q, psd=psd, composition=composition, source=f"MIP {self.data.source}" if self.data else "MIP",
                           method="mip", size_range_nm=rng, notes=tuple(self.flags))


def analyse_mip(
    data: MIPData,
    *,
    surface_tension_N_m: float = 0.485,
    contact_angle_deg: float = 140.0,
    conformance_pressure_MPa: float | None = None,
    cutoff_diameter_nm: float | None = None,
    skeletal_density_g_cm3: float | None = None,
) -> MIPResult:
    """Washburn PSD, conformance correction and inter/intraparticle split.

    Parameters
    ----------
    data : MIPData
    surface_tension_N_m, contact_angle_deg : float
        Mercury surface tension and contact angle.
    conformance_pressure_MPa : float, optional
        Volume intruded up to this pressure is conformance (removed).
    cutoff_diameter_nm : float, optional
        Interparticle/intraparticle boundary; default: the valley between
        the two main modes of dV/dlogD (none found -> no split, a flag).
    skeletal_density_g_cm3 : float, optional
        He-pycnometry density; gives the envelope density
        ``1 / (1/rho_skeletal + V_intra)``.
    """
    gamma = check_range("surface_tension", surface_tension_N_m, 0.1, 1.0, unit="N/m")
    theta = check_range("contact_angle", contact_angle_deg, 90, 180, lo_open=True, unit="deg")
    pr, v = data.pressure_MPa, data.intrusion_mL_g
    conf = 0.0
    flags: list[str] = list(data.notes)
    if data.dropped_extrusion_points:
        flags.append(f"{data.dropped_extrusion_points} extrusion points after the highest pressure ignored")
    if conformance_pressure_MPa is not None:
        cp = check_range("conformance_pressure", conformance_pressure_MPa, pr.min(), pr.max(), unit="MPa (inside the measured range)")
        conf = float(np.interp(cp, pr, v))
        keep = pr >= cp
        pr = np.concatenate([[cp], pr[keep]])
        v = np.concatenate([[conf], v[keep]]) - conf
    d, cum, dvdlog = mip_distribution(pr, v, gamma, theta)
    total = float(v.max() - v.min())
    source = "user"
    if cutoff_diameter_nm is not None:
        cut = check_range("cutoff_diameter", cutoff_diameter_nm, float(d.min()), float(d.max()), unit="nm (inside the measured range)")
    else:
        cut = find_valley_diameter_nm(d, dvdlog)
        source = "valley"
        if cut is None:
            source = "none"
            flags.append("one mode only: no automatic inter/intraparticle split; give a cutoff diameter")
    intra = inter = modal_intra = modal_inter = env = None
    if cut is not None:
        v_at_cut = float(np.interp(np.log10(cut), np.log10(d), cum))  # volume in pores >= cut
        inter = v_at_cut - float(cum.min())
        intra = float(cum.max()) - v_at_cut
        small = d < cut
        big = d >= cut
        if np.any(small) and dvdlog[small].max() > 0:
            modal_intra = float(d[small][np.argmax(dvdlog[small])])
        if np.any(big) and dvdlog[big].max() > 0:
            modal_inter = float(d[big][np.argmax(dvdlog[big])])
        if skeletal_density_g_cm3 is not None:
            rho = check_range("skeletal_density", skeletal_density_g_cm3, 0.1, 25, unit="g/cm3")
            env = 1.0 / (1.0 / rho + intra)
    elif skeletal_density_g_cm3 is not None:
        flags.append("envelope density needs an inter/intraparticle split")
    return MIPResult(total, conf, cut, source, intra, inter, modal_intra, modal_inter, env,
                     (float(d.min()), float(d.max())), gamma, theta, d, cum, dvdlog, flags, data)
