r"""NMR relaxometry of a liquid imbibed in the pores: pore size and pore filling.

In the fast-diffusion limit a liquid in a pore of surface S and volume V relaxes
with (Brownstein & Tarr 1979)

.. math::

    \frac{1}{T_2} = \frac{1}{T_{2,bulk}} + \rho_2 \frac{S}{V}

(the same for T1 with :math:`\rho_1`).  With the geometry factor G of a pore of
size d (diameter of a sphere or cylinder, width of a slit),

.. math::

    \frac{S}{V} = \frac{G}{d},\quad G = 6\ (\mathrm{sphere}, S/V = 3/r),\
    4\ (\mathrm{cylinder}, 2/r),\ 2\ (\mathrm{slit\ of\ width}\ d = 2h, 1/h)

    d = G\,\rho_2\,T_{2,s},\qquad \frac{1}{T_{2,s}} = \frac{1}{T_2} - \frac{1}{T_{2,bulk}}

In lab units, :math:`d\,[\mathrm{nm}] = G\,\rho_2\,[\mu\mathrm{m/s}]\,T_{2,s}\,[\mathrm{ms}]`
(1 um/s x 1 ms = 1 nm).  Components with :math:`T_2 \ge T_{2,bulk}` (or above a
user cut-off) relax like bulk liquid: they are liquid outside the pores
(between particles) and are left out of the pore-size distribution.

The amplitude of a component is proportional to the liquid volume that relaxes
at that T2, so the amplitudes of a distribution are incremental pore volumes.
Fraction of the pores filled by the probe liquid:

.. math::

    f_{fill} = \frac{V_{liquid}\,s_{pore}}{V_{pore}}

with :math:`V_{liquid}` the imbibed liquid volume per gram (weighed, or from the
total NMR signal and a bulk-liquid calibration), :math:`s_{pore}` the share of the
signal from pore-confined components, and :math:`V_{pore}` the pore volume per gram
(N2 Gurvich, MIP or densities).

Limitations: fast-diffusion limit (:math:`\rho_2 d / D \ll 1`; for water,
D = 2.3e-9 m2/s, this holds for all pores below ~10 um at ρ2 < 10 um/s); the
relaxivity is one number for the whole surface (a Si/C composite has two
surfaces); diffusion coupling between neighbouring pores averages their T2;
internal-gradient (T2 only) and paramagnetic-impurity effects are not modelled;
the inversion that made the distribution is the instrument's.

References
----------
* K. R. Brownstein, C. E. Tarr, Phys. Rev. A 19 (1979) 2446.
* G. R. Coates, L. Xiao, M. G. Prammer, NMR Logging: Principles and Applications,
  Halliburton (1999), ch. 3 (T2 distributions, S/V, cut-offs).
* The review (shared seed), Table 3: NMR relaxation of pore fluids for pore
  wettability and accessibility to the electrolyte.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from alloypore.characterization._tables import read_two_column_table
from alloypore.characterization.profile import PoreProfile, PoreSizeDistribution
from alloypore.errors import DataFileError, InputError, check_range

__all__ = [
    "GEOMETRY_FACTOR",
    "RelaxationData",
    "NMRResult",
    "read_relaxation_distribution",
    "geometry_factor",
    "surface_relaxation_time_ms",
    "pore_size_nm",
    "relaxivity_from_pore_size",
    "liquid_volume_from_signal",
    "pore_filling_fraction",
    "nmr_pore_size_distribution",
    "NMRAnalysis",
    "analyse_nmr",
]

#: S/V = G / d with d the diameter (sphere, cylinder) or the width (slit).
GEOMETRY_FACTOR = {"sphere": 6.0, "cylinder": 4.0, "slit": 2.0}


@dataclass(frozen=True)
class RelaxationData:
    """A relaxation-time distribution: times in ms (ascending) and amplitudes (>= 0)."""

    time_ms: np.ndarray
    amplitude: np.ndarray
    kind: str = "T2"  # "T2" or "T1"
    source: str = ""


def read_relaxation_distribution(path: str | Path, time_unit: str | None = None) -> RelaxationData:
    """Read a T2 (or T1) distribution: CSV/whitespace, columns time and amplitude, ``#`` comments.

    The header names the time column with its unit, e.g. ``T2_ms,amplitude``,
    ``T1 (s),amp``, ``T2[us]``; or pass ``time_unit`` ("ms", "s", "us").  ``T1`` in
    the header marks a T1 distribution, else T2.

    Raises
    ------
    DataFileError
        Empty/binary file, no unit, non-numeric lines, negative amplitudes or times,
        fewer than 3 points, all-zero amplitude.
    """
    p, header, arr = read_two_column_table(path, ("time", "amplitude"))
    factors = {"ms": 1.0, "s": 1e3, "us": 1e-3, "µs": 1e-3}
    kind = "T2"
    factor = None
    if time_unit is not None:
        if time_unit.lower() not in factors:
            raise InputError("time_unit", time_unit, "ms, s or us")
        factor = factors[time_unit.lower()]
    if header is not None:
        first = header.replace(";", ",").split(",")[0] if ("," in header or ";" in header) else header.split()[0]
        h = first.lower().replace(" ", "")
        if "t1" in h:
            kind = "T1"
        if factor is None:
            m = re.search(r"[_(\[\s/]+(ms|us|µs|s)[)\]]?$", h)
            if m and (h.startswith("t") or "time" in h):
                factor = factors[m.group(1)]
    if factor is None:
        raise DataFileError(p, "time unit not named in the header; allowed ms, s or us (e.g. header 'T2_ms,amplitude')")
    t, a = arr[:, 0] * factor, arr[:, 1]
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(a))):
        raise DataFileError(p, "non-finite values")
    if np.any(t <= 0):
        raise DataFileError(p, f"relaxation time {t.min():g} ms; allowed > 0")
    if np.any(a < -1e-9 * max(a.max(), 1e-300)):
        raise DataFileError(p, f"negative amplitude {a.min():g}; allowed >= 0 (a distribution)")
    if t.size < 3:
        raise DataFileError(p, f"{t.size} points; at least 3 are needed")
    if not a.sum() > 0:
        raise DataFileError(p, "all amplitudes are zero")
    order = np.argsort(t)
    t, a = t[order], np.clip(a[order], 0.0, None)
    if np.any(np.diff(t) == 0):
        raise DataFileError(p, "repeated relaxation times")
    return RelaxationData(t, a, kind, str(p))


def geometry_factor(geometry: str) -> float:
    """G in S/V = G/d: sphere 6 (S/V = 3/r), cylinder 4 (2/r), slit 2 (1/h, width d = 2h)."""
    g = str(geometry).lower()
    if g not in GEOMETRY_FACTOR:
        raise InputError("geometry", geometry, "sphere, cylinder or slit")
    return GEOMETRY_FACTOR[g]


def _check_relaxivity(relaxivity_um_s: float) -> float:
    return check_range("relaxivity", relaxivity_um_s, 0.0, 1e4, lo_open=True, unit="um/s")


def surface_relaxation_time_ms(time_ms, bulk_time_ms: float | None = None):
    """Surface part of the relaxation: ``1/T_s = 1/T - 1/T_bulk`` (inf where T >= T_bulk)."""
    t = np.asarray(time_ms, dtype=float)
    if bulk_time_ms is None:
        return t
    tb = check_range("bulk_time", bulk_time_ms, 0.0, None, lo_open=True, unit="ms")
    rate = 1.0 / t - 1.0 / tb
    with np.errstate(divide="ignore"):
        return np.where(rate > 0, 1.0 / np.where(rate > 0, rate, 1.0), np.inf)


def pore_size_nm(time_ms, relaxivity_um_s: float, geometry: str = "sphere", bulk_time_ms: float | None = None):
    """Pore size ``d = G rho T_s`` in nm (diameter; slit width) from relaxation times in ms.

    ``relaxivity_um_s`` in um/s (1 um/s x 1 ms = 1 nm).  Bulk-like times give inf.
    """
    rho = _check_relaxivity(relaxivity_um_s)
    return geometry_factor(geometry) * rho * surface_relaxation_time_ms(time_ms, bulk_time_ms)


def relaxivity_from_pore_size(time_ms: float, pore_size_nm_: float, geometry: str = "sphere",
                              bulk_time_ms: float | None = None) -> float:
    """Calibrate the relaxivity (um/s) from a pore of known size relaxing at ``time_ms``: ``rho = d / (G T_s)``."""
    d = check_range("reference_size", pore_size_nm_, 0.0, None, lo_open=True, unit="nm")
    ts = float(surface_relaxation_time_ms(check_range("reference_time", time_ms, 0.0, None, lo_open=True, unit="ms"), bulk_time_ms))
    if not np.isfinite(ts):
        raise InputError("reference_time", time_ms, f"below the bulk relaxation time {bulk_time_ms:g} ms")
    return float(d / (geometry_factor(geometry) * ts))


def liquid_volume_from_signal(total_signal: float, signal_per_cm3: float, sample_mass_g: float) -> float:
    """Imbibed liquid volume per gram of sample, cm3/g: ``signal / (signal per cm3 of bulk liquid) / mass``."""
    s = check_range("total_signal", total_signal, 0.0, None, lo_open=True)
    c = check_range("signal_per_cm3", signal_per_cm3, 0.0, None, lo_open=True)
    m = check_range("sample_mass", sample_mass_g, 0.0, None, lo_open=True, unit="g")
    return s / c / m


def pore_filling_fraction(liquid_volume_cm3_g: float, pore_volume_cm3_g: float, pore_signal_share: float = 1.0) -> float:
    """Fraction of the pore volume filled by the probe liquid: ``V_liquid s_pore / V_pore``.

    May exceed 1 when liquid outside the pores is counted (set a cut-off) or the
    pore volume is underestimated; the caller flags that.
    """
    v = check_range("liquid_volume", liquid_volume_cm3_g, 0.0, None, unit="cm3/g")
    vp = check_range("pore_volume", pore_volume_cm3_g, 0.0, None, lo_open=True, unit="cm3/g")
    s = check_range("pore_signal_share", pore_signal_share, 0.0, 1.0)
    return v * s / vp


@dataclass(frozen=True)
class NMRResult:
    """Pore sizes and volumes from a relaxation distribution (see module docstring)."""

    kind: str
    geometry: str
    geometry_factor: float
    relaxivity_um_s: float
    bulk_time_ms: float | None
    cutoff_time_ms: float | None
    time_ms: np.ndarray
    amplitude: np.ndarray
    pore_size_nm: np.ndarray  # inf for bulk-like components
    confined: np.ndarray  # bool
    pore_signal_share: float
    bulk_signal_share: float
    dv_dlogd: np.ndarray  # per log10(d), in amplitude units (or cm3/g when scaled)
    cumulative: np.ndarray
    modal_size_nm: float | None
    median_size_nm: float | None
    log_mean_size_nm: float | None
    size_range_nm: tuple[float, float] | None
    volume_unit: str = "fraction of the signal"
    liquid_volume_cm3_g: float | None = None
    pore_volume_cm3_g: float | None = None
    filled_fraction: float | None = None
    flags: list = field(default_factory=list)


def nmr_pore_size_distribution(
    data: RelaxationData,
    relaxivity_um_s: float,
    geometry: str = "sphere",
    *,
    bulk_time_ms: float | None = None,
    cutoff_time_ms: float | None = None,
    liquid_volume_cm3_g: float | None = None,
    pore_volume_cm3_g: float | None = None,
) -> NMRResult:
    r"""Relaxation distribution -> pore-size distribution, median/modal size, pore filling.

    Parameters
    ----------
    data : RelaxationData
    relaxivity_um_s : float
        Surface relaxivity :math:`\rho_2` (or :math:`\rho_1`), um/s, > 0.
    geometry : {"sphere", "cylinder", "slit"}
    bulk_time_ms : float, optional
        Relaxation time of the bulk liquid (subtracted as a rate).
    cutoff_time_ms : float, optional
        Components above this time are counted as liquid outside the pores.
    liquid_volume_cm3_g, pore_volume_cm3_g : float, optional
        Imbibed liquid and pore volume per gram: give both for the filled fraction;
        with the liquid volume the distribution is scaled to cm3/g.

    Notes
    -----
    Amplitudes are incremental volumes; ``dV/dlog10 d`` divides each by the width
    of its bin in log10 d (edges at geometric midpoints).  Median: size below which
    half the pore-confined signal lies (interpolated in log d).  Size range: sizes
    whose amplitude exceeds 1e-3 of the largest.
    """
    rho = _check_relaxivity(relaxivity_um_s)
    g = geometry_factor(geometry)
    if cutoff_time_ms is not None:
        cutoff_time_ms = check_range("cutoff_time", cutoff_time_ms, 0.0, None, lo_open=True, unit="ms")
    t, a = data.time_ms, data.amplitude
    d = pore_size_nm(t, rho, geometry, bulk_time_ms)
    confined = np.isfinite(d)
    if cutoff_time_ms is not None:
        confined &= t <= cutoff_time_ms
    total = float(a.sum())
    share = float(a[confined].sum() / total)
    flags: list[str] = []
    if share < 1.0:
        flags.append(f"{100 * (1 - share):.3g} % of the signal relaxes like liquid outside the pores"
                     f" ({'above the cut-off' if cutoff_time_ms is not None else 'T >= bulk'}): left out of the pore sizes")
    scale = 1.0 / total
    unit = "fraction of the signal"
    if liquid_volume_cm3_g is not None:
        scale = check_range("liquid_volume", liquid_volume_cm3_g, 0.0, None, lo_open=True, unit="cm3/g") / total
        unit = "cm3/g"
    dv, cum, stats = _size_statistics(d, a * scale, confined)
    if stats[0] is None:
        flags.append("no component relaxes faster than the bulk liquid: no pore-confined liquid")
    filled = None
    if pore_volume_cm3_g is not None:
        if liquid_volume_cm3_g is None:
            raise InputError("liquid_volume", None, "the imbibed liquid volume (cm3/g) with a pore volume, for the filled fraction")
        filled = pore_filling_fraction(liquid_volume_cm3_g, pore_volume_cm3_g, share)
        if filled > 1.05:
            flags.append(f"filled fraction {filled:.3g} > 1: liquid outside the pores is counted (set a cut-off time)"
                         " or the pore volume is underestimated")
    rng = stats[3]
    # fast-diffusion check: rho d / D < 1 (water D = 2.3e-9 m2/s); rho [um/s] d [nm] = 1e-15 m2/s
    if rng is not None and rho * rng[1] * 1e-15 / 2.3e-9 > 0.2:
        flags.append(f"rho d / D = {rho * rng[1] * 1e-15 / 2.3e-9:.2g} for the largest pores (water D): outside the fast-diffusion limit")
    return NMRResult(data.kind, str(geometry).lower(), g, rho, bulk_time_ms, cutoff_time_ms, t, a, d, confined, share, 1 - share,
                     dv, cum, *stats, unit, liquid_volume_cm3_g, pore_volume_cm3_g, filled, flags)


def _size_statistics(d: np.ndarray, amount: np.ndarray, confined: np.ndarray):
    """dV/dlog10 d and cumulative volume of the confined components, and (modal, median, log-mean, range).

    Bins are centred on log10 d with edges halfway in log d (end bins mirrored); the median
    interpolates the cumulative volume at the bin edges in log d; the range spans the sizes
    whose volume exceeds 1e-3 of the largest.
    """
    dv = np.zeros_like(amount)
    cum = np.zeros_like(amount)
    n = int(confined.sum())
    if n == 0:
        return dv, cum, (None, None, None, None)
    if n == 1:
        size = float(d[confined][0])
        cum[confined] = amount[confined]
        return dv, cum, (size, size, size, (size, size))
    dc, ac = d[confined], amount[confined]
    ld = np.log10(dc)
    edges = np.concatenate([[ld[0] - (ld[1] - ld[0]) / 2], (ld[1:] + ld[:-1]) / 2, [ld[-1] + (ld[-1] - ld[-2]) / 2]])
    dv[confined] = ac / np.diff(edges)
    cum[confined] = np.cumsum(ac)
    modal = float(dc[np.argmax(dv[confined])])
    median = logmean = None
    if ac.sum() > 0:
        c = np.concatenate([[0.0], np.cumsum(ac)]) / ac.sum()
        median = float(10 ** np.interp(0.5, c, edges))
        logmean = float(10 ** (np.sum(ac * ld) / ac.sum()))
    sig = ac > 1e-3 * ac.max()
    return dv, cum, (modal, median, logmean, (float(dc[sig].min()), float(dc[sig].max())))


@dataclass(frozen=True)
class NMRAnalysis:
    """A relaxation distribution read as pore sizes (``result``), with the relaxivity calibration if one was made."""

    data: RelaxationData
    result: NMRResult
    calibration: dict | None = None

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize nmr --json``); bulk-like sizes (inf) are null."""
        out = {"file": self.data.source, "n_points": int(self.data.time_ms.size), **asdict(self.result),
               "relaxivity_calibration": self.calibration}
        out["pore_size_nm"] = [None if not np.isfinite(v) else float(v) for v in self.result.pore_size_nm]
        return out

    def lines(self) -> list[str]:
        """Terminal summary."""
        res, cal, t = self.result, self.calibration, self.data.time_ms
        size = "width" if res.geometry == "slit" else "diameter"
        out = [f"{self.data.source}: {t.size} {res.kind} components, {t.min():.3g}-{t.max():.4g} ms",
               f"{res.geometry} pores: d = {res.geometry_factor:g} x rho x {res.kind}s, rho = {res.relaxivity_um_s:.4g} um/s"
               + (f" (calibrated on {cal['pore_size_nm']:g} nm at {cal['time_ms']:g} ms)" if cal else "")]
        if res.modal_size_nm is not None:
            out.append(f"pore {size}: modal {res.modal_size_nm:.4g} nm, median {res.median_size_nm:.4g} nm,"
                       f" range {res.size_range_nm[0]:.3g}-{res.size_range_nm[1]:.4g} nm")
        out.append(f"signal in pores {100 * res.pore_signal_share:.3g} %, bulk-like {100 * res.bulk_signal_share:.3g} %")
        if res.filled_fraction is not None:
            out.append(f"pores filled by the liquid: {100 * res.filled_fraction:.3g} % ({res.liquid_volume_cm3_g:.4g} cm3/g liquid,"
                       f" {res.pore_volume_cm3_g:.4g} cm3/g pores)")
        return out + [f"note: {f}" for f in res.flags]

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """The pore-size distribution of the pore-confined liquid (NMR gives sizes, not the pore amount)."""
        res = self.result
        psd = None
        if res.confined.sum() >= 2:
            c = res.confined
            psd = PoreSizeDistribution(res.pore_size_nm[c], res.dv_dlogd[c], res.volume_unit,
                                       f"NMR {res.kind} relaxometry: d = {res.geometry_factor:g} rho {res.kind}s ({res.geometry}), "
                                       f"rho = {res.relaxivity_um_s:.4g} um/s", [res.modal_size_nm])
        notes = () if res.filled_fraction is None else (f"pores filled by the NMR liquid: {res.filled_fraction:.3g}",)
        return PoreProfile(psd=psd, composition=composition, source=f"NMR {self.data.source}", notes=notes, method="nmr")


def analyse_nmr(
    data: RelaxationData,
    *,
    relaxivity_um_s: float | None = None,
    reference: tuple[float, float] | None = None,
    geometry: str = "sphere",
    bulk_time_ms: float | None = None,
    cutoff_time_ms: float | None = None,
    liquid_volume_cm3_g: float | None = None,
    signal_per_cm3: float | None = None,
    sample_mass_g: float | None = None,
    pore_volume_cm3_g: float | None = None,
) -> NMRAnalysis:
    """Pore sizes from a relaxation distribution with a relaxivity, or one calibrated on a
    ``reference`` pore ``(time_ms, size_nm)`` (exactly one of the two); the imbibed liquid
    volume given, or from the total signal (``signal_per_cm3`` of bulk liquid, ``sample_mass_g``)."""
    if (relaxivity_um_s is None) == (reference is None):
        raise InputError("relaxivity", relaxivity_um_s, "give exactly one of --relaxivity (um/s, > 0) and --reference TIME_MS:SIZE_NM")
    calibration = None
    if reference is not None:
        relaxivity_um_s = relaxivity_from_pore_size(reference[0], reference[1], geometry, bulk_time_ms)
        calibration = {"time_ms": reference[0], "pore_size_nm": reference[1], "relaxivity_um_s": relaxivity_um_s}
    if signal_per_cm3 is not None or sample_mass_g is not None:
        if liquid_volume_cm3_g is not None:
            raise InputError("liquid_volume", liquid_volume_cm3_g, "either --liquid-volume or --signal-per-cm3 with --sample-mass, not both")
        if signal_per_cm3 is None or sample_mass_g is None:
            raise InputError("signal_per_cm3" if signal_per_cm3 is None else "sample_mass", None, "both --signal-per-cm3 and --sample-mass")
        liquid_volume_cm3_g = liquid_volume_from_signal(float(data.amplitude.sum()), signal_per_cm3, sample_mass_g)
    res = nmr_pore_size_distribution(data, relaxivity_um_s, geometry, bulk_time_ms=bulk_time_ms, cutoff_time_ms=cutoff_time_ms,
                                     liquid_volume_cm3_g=liquid_volume_cm3_g, pore_volume_cm3_g=pore_volume_cm3_g)
    return NMRAnalysis(data, res, calibration)
