r"""Mercury intrusion porosimetry (MIP): Washburn diameters, PSDs and the inter/intraparticle split.

Washburn equation for a cylindrical pore entrance of diameter D:

.. math:: D = -\frac{4\gamma\cos\theta}{P}

with the mercury surface tension :math:`\gamma` (default 0.485 N/m) and contact
angle :math:`\theta` (default 140 deg); 100 MPa -> 14.86 nm.

Steps: read a cumulative intrusion table (pressure in MPa or psia, volume
in mL/g); keep the intrusion part (points up to the highest pressure);
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
from alloypore.errors import DataFileError, check_range

__all__ = [
    "PSIA_TO_MPA",
    "MIPData",
    "MIPResult",
    "washburn_diameter_nm",
    "read_mip_csv",
    "mip_distribution",
    "find_valley_diameter_nm",
    "analyse_mip",
]

PSIA_TO_MPA = 0.00689475729  # 1 psi = 6894.75729 Pa


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


def _find_col(headers: list[str], keys: tuple[str, ...]) -> int | None:
    for k, h in enumerate(headers):
        hl = h.lower().replace(" ", "")
        if any(key in hl for key in keys):
            return k
    return None


def read_mip_csv(path: str | Path) -> MIPData:
    """Read a MIP CSV: a pressure column (header naming MPa or psia) and cumulative intrusion (mL/g).

    Lines starting with ``#`` are comments.  The header must name the units,
    e.g. ``pressure_MPa,intrusion_mL_g`` or ``Pressure (psia),Cumulative Intrusion (mL/g)``.

    Raises
    ------
    DataFileError
        Empty or corrupt file, missing or unknown units (kPa, bar, mL without
        per-gram ...), non-numeric values, fewer than 5 intrusion points,
        intrusion that falls with pressure (not cumulative).
    """
    p = check_input_file(path)
    try:
        df = pd.read_csv(p, comment="#", skipinitialspace=True)
    except (ValueError, OSError) as err:  # pandas' EmptyDataError, ParserError and UnicodeDecodeError are ValueErrors
        raise DataFileError(p, f"not a readable CSV table ({' '.join(str(err).split())[:100]})") from None
    headers = [str(c) for c in df.columns]
    ip_mpa = _find_col(headers, ("mpa",))
    ip_psi = _find_col(headers, ("psia", "psi"))
    if ip_mpa is None and ip_psi is None:
        raise DataFileError(p, f"no pressure column with a unit in its header (got {headers[:4]}); allowed units MPa or psia")
    ip = ip_mpa if ip_mpa is not None else ip_psi
    unit = "MPa" if ip_mpa is not None else "psia"
    iv = _find_col(headers, ("ml/g", "cm3/g", "cm^3/g", "cc/g", "ml_g", "cm3_g", "mlg-1", "ml·g"))
    if iv is None or iv == ip:
        raise DataFileError(p, f"no cumulative intrusion column in mL/g (got {headers[:4]}); name the unit in the header, e.g. intrusion_mL_g")
    try:
        pr = pd.to_numeric(df.iloc[:, ip], errors="raise").to_numpy(dtype=float)
        v = pd.to_numeric(df.iloc[:, iv], errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        raise DataFileError(p, "non-numeric values in the pressure or intrusion column") from None
    if not (np.all(np.isfinite(pr)) and np.all(np.isfinite(v))):
        raise DataFileError(p, "missing or infinite values in the pressure or intrusion column")
    if unit == "psia":
        pr = pr * PSIA_TO_MPA
    if pr.size and pr.min() <= 0:
        raise DataFileError(p, f"pressure {pr.min():.4g} {unit}: allowed > 0")
    # intrusion branch: points up to the maximum pressure
    k = int(np.argmax(pr)) + 1 if pr.size else 0
    dropped = pr.size - k
    pr, v = pr[:k], v[:k]
    order = np.argsort(pr, kind="stable")
    pr, v = pr[order], v[order]
    if pr.size < 5:
        raise DataFileError(p, f"{pr.size} intrusion points; at least 5 are needed")
    drop = np.diff(v)
    scale = max(float(np.ptp(v)), 1e-12)
    if np.any(drop < -0.02 * scale):
        raise DataFileError(p, "intrusion volume falls with rising pressure; expected a cumulative intrusion curve in mL/g")
    v = np.maximum.accumulate(v)
    if v.max() > 20:
        raise DataFileError(p, f"cumulative intrusion reaches {v.max():.4g} mL/g; allowed <= 20 mL/g (wrong unit?)")
    return MIPData(pr, v, str(p), unit, dropped)


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
    """Diameter of the minimum of dV/dlogD between its two most prominent modes (None if fewer than two).

    The curve is smoothed with a 3-point running mean; peaks must rise by at
    least ``min_prominence`` of the maximum above their surroundings.
    """
    y = np.convolve(np.asarray(dv_dlogd, dtype=float), np.ones(3) / 3, mode="same")
    if y.max() <= 0:
        return None
    peaks, props = find_peaks(np.concatenate([[0.0], y, [0.0]]), prominence=min_prominence * y.max())
    peaks = peaks - 1
    if peaks.size < 2:
        return None
    top = np.sort(peaks[np.argsort(props["prominences"])[-2:]])
    seg = y[top[0] : top[1] + 1]
    return float(np.asarray(diameter_nm)[top[0] + int(np.argmin(seg))])


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

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """Intraparticle intrusion as the open pore volume (closed pores: 0 assumed, mercury cannot see them).

        With a composition the porosity follows as ``v_p / (1/rho_true + v_p)``.
        """
        v = self.intraparticle_pore_volume_cm3_g
        how = f"MIP intraparticle intrusion (cutoff {self.cutoff_source})"
        q: dict = {}
        if v is not None:
            q["pore_volume_cm3_g"] = Measured(v, method=how, note="open pores only")
            q["open_pore_volume_cm3_g"] = Measured(v, method=how)
            q["closed_pore_fraction"] = Measured(0.0, method="mercury intrusion", note="closed pores are not seen by mercury: 0 assumed")
            if composition:
                q["porosity"] = Measured(porosity_from_pore_volume(v, composition), method=f"{how} + true density of the composition")
        if self.envelope_density_g_cm3 is not None:
            q["envelope_density_g_cm3"] = Measured(self.envelope_density_g_cm3, method="1 / (1/rho_skeletal + V_intra)")
        modes = [m for m in (self.modal_intraparticle_diameter_nm,) if m is not None]
        psd = PoreSizeDistribution(self.diameter_nm, self.dv_dlogd_cm3_g, "cm3/g", "MIP Washburn", modes)
        return PoreProfile(**q, psd=psd, composition=composition, source=f"MIP {self.data.source}" if self.data else "MIP")


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
    flags: list[str] = []
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
