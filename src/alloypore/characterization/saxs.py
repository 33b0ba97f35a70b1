r"""Small-angle X-ray scattering: Porod invariant, Porod constant, closed and persisting pores.

For a two-phase system (solid and pores) of scattering-length-density
difference :math:`\Delta\rho`, with I(q) in absolute units (cm^-1):

.. math::

    Q = \int_0^\infty q^2 I(q)\,dq = 2\pi^2 (\Delta\rho)^2 \varphi(1-\varphi),
    \qquad
    \lim_{q\to\infty} q^4 I(q) = K = 2\pi (\Delta\rho)^2 \frac{S}{V}

so :math:`S/V = \pi \varphi(1-\varphi) K / Q` (contrast-free).  The measured
range is extended at low q by a Guinier fit :math:`I = I_0 e^{-q^2R_g^2/3}` on
the first points and at high q by the Porod law :math:`I = K q^{-4}` fitted on
the last points (tail :math:`K/q_{max}`).

Closed porosity: filling the sample with a contrast-matched liquid (or an
electrolyte of the solid's SLD) removes the contrast of the *open* pores; the
invariant that remains comes from closed pores, so
:math:`\varphi_{closed}(1-\varphi_{closed}) = Q_{filled}/(2\pi^2\Delta\rho^2)`.
Pores persisting after cycling: the ratio of invariants of the two curves
(same sample amount and contrast assumed).

Limitations: two phases only (a partly matched liquid gives three phases
and is not handled); pores larger than ~pi/q_min are not seen (the
interparticle voids of a powder usually are not); the Guinier extrapolation
assumes a single population at low q; no desmearing.

References
----------
* G. Porod, Kolloid-Z. 124 (1951) 83; 125 (1952) 51.
* O. Glatter, O. Kratky, Small Angle X-ray Scattering, Academic Press (1982), ch. 2.
* A. Guinier, G. Fournet, Small-Angle Scattering of X-rays, Wiley (1955).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from alloypore.characterization._tables import read_two_column_table
from alloypore.characterization.profile import Measured, PoreProfile
from alloypore.errors import DataFileError, InputError, check_range

__all__ = [
    "SAXSData",
    "InvariantResult",
    "read_saxs_table",
    "porod_invariant",
    "volume_fraction_from_invariant",
    "sphere_form_factor",
    "closed_porosity_from_filled",
    "persisting_pore_ratio",
    "volume_fraction_uncertainty",
    "closed_fraction_uncertainty",
    "SAXSAnalysis",
    "analyse_saxs",
]

_Q_UNITS = {"1/nm": 1.0, "nm^-1": 1.0, "nm-1": 1.0, "1/a": 10.0, "a^-1": 10.0, "a-1": 10.0, "1/å": 10.0, "å^-1": 10.0, "å-1": 10.0}


@dataclass(frozen=True)
class SAXSData:
    """A SAXS curve: ``q_nm`` (1/nm, ascending) and ``intensity_cm`` (cm^-1)."""

    q_nm: np.ndarray
    intensity_cm: np.ndarray
    source: str = ""


def read_saxs_table(path: str | Path, q_unit: str | None = None) -> SAXSData:
    """Read a q/I table (CSV or whitespace; ``#`` comments).

    The q unit comes from the header (``q_nm-1``, ``q (1/A)``, ``q [1/nm]``...)
    or from ``q_unit`` ("1/nm" or "1/A").  Points with I <= 0 are dropped.

    Raises
    ------
    DataFileError
        Empty/corrupt file, unknown q unit, fewer than 10 positive points.
    """
    p, header, arr = read_two_column_table(path, ("q", "I"))
    unit_factor = None
    if q_unit is not None:
        key = q_unit.lower().replace(" ", "")
        if key not in _Q_UNITS:
            raise InputError("q_unit", q_unit, "1/nm or 1/A")
        unit_factor = _Q_UNITS[key]
    elif header is not None:
        h = header.lower().replace(" ", "").replace("[", "(").replace("]", ")")
        first = h.split(",")[0] if "," in h else h.split()[0] if h.split() else h
        for key, fac in sorted(_Q_UNITS.items(), key=lambda kv: -len(kv[0])):
            if key in first or key.replace("/", "_") in first or key.replace("^", "") in first:
                unit_factor = fac
                break
        if unit_factor is None and ("_nm" in first or "(nm" in first):
            unit_factor = 1.0
        if unit_factor is None and ("_a" in first.split("q")[-1] or "(a" in first or "(å" in first):
            unit_factor = 10.0
    if unit_factor is None:
        raise DataFileError(p, "q unit not named in the header; allowed 1/nm or 1/A (e.g. header 'q_nm-1,I_cm-1')")
    q, i = arr[:, 0] * unit_factor, arr[:, 1]
    bad = ~(np.isfinite(q) & np.isfinite(i))
    if bad.any():  # a NaN/inf row is a broken export, not a point to drop silently
        raise DataFileError(p, f"{int(bad.sum())} of {q.size} rows have a non-finite q or I (NaN/inf), the first at "
                               f"data row {int(np.argmax(bad)) + 1}; remove or fix them")
    good = (q > 0) & (i > 0)
    q, i = q[good], i[good]
    order = np.argsort(q)
    if q.size < 10:
        raise DataFileError(p, f"{q.size} points with q > 0 and I > 0; at least 10 are needed")
    return SAXSData(q[order], i[order], str(p))


def sphere_form_factor(q_nm, radius_nm):
    """Normalised sphere form factor ``P(q) = [3 (sin x - x cos x) / x^3]^2``, ``x = q R`` (P(0) = 1)."""
    x = np.asarray(q_nm, dtype=float) * radius_nm
    with np.errstate(invalid="ignore", divide="ignore"):
        f = np.where(x < 1e-4, 1.0 - x * x / 10.0, 3.0 * (np.sin(x) - x * np.cos(x)) / x**3)
    return f * f


@dataclass(frozen=True)
class InvariantResult:
    """Porod invariant with its parts (all in cm^-1 nm^-3), the Porod constant (cm^-1 nm^-4) and fits."""

    invariant_cm_nm3: float
    low_q_part: float
    measured_part: float
    high_q_part: float
    porod_constant_cm_nm4: float
    guinier_rg_nm: float | None
    guinier_i0_cm: float | None
    q_range_nm: tuple[float, float]
    volume_fraction: float | None = None
    specific_surface_m2_cm3: float | None = None
    specific_surface_m2_g: float | None = None
    flags: list = field(default_factory=list)


def _guinier(q, i, n_points: int):
    qq, ii = q[:n_points], i[:n_points]
    slope, intercept = np.polyfit(qq**2, np.log(ii), 1)
    if slope >= 0:
        return None, None
    return float(np.sqrt(-3.0 * slope)), float(np.exp(intercept))


def porod_invariant(data: SAXSData, *, n_guinier: int = 8, n_porod: int = 10, delta_sld_1e10_cm2: float | None = None,
                    sample_density_g_cm3: float | None = None) -> InvariantResult:
    r"""Porod invariant with Guinier (low q) and Porod (high q) extrapolations.

    Parameters
    ----------
    data : SAXSData
    n_guinier, n_porod : int
        Points used for the low- and high-q fits.
    delta_sld_1e10_cm2 : float, optional
        Contrast :math:`\Delta\rho` between solid and pore in 1e10 cm^-2
        (e.g. Si vs vacuum for X-rays ~ 19.9).  Gives the volume fraction.
    sample_density_g_cm3 : float, optional
        Density of the irradiated material (mass per volume it fills), to
        turn S/V into m2/g.

    Notes
    -----
    Low-q part :math:`\int_0^{q_{min}} q^2 I_0 e^{-q^2R_g^2/3}dq` (if the first
    points do not follow a Guinier decay, a flat :math:`I(q_{min})` is used and
    flagged); high-q part :math:`K/q_{max}` with
    :math:`K = \mathrm{mean}(q^4 I)` over the last ``n_porod`` points.
    """
    q, i = data.q_nm, data.intensity_cm
    for name, n in (("n_guinier", n_guinier), ("n_porod", n_porod)):
        if not 3 <= n <= q.size:
            raise InputError(name, n, f"allowed 3 <= {name} <= {q.size} (the curve's points; at most half are used)")
    n_guinier = int(min(n_guinier, q.size // 2))
    n_porod = int(min(n_porod, q.size // 2))
    flags: list[str] = []
    measured = float(np.trapezoid(q * q * i, q))
    rg, i0 = _guinier(q, i, n_guinier)
    qmin = q[0]
    if rg is None:
        low = float(i[0] * qmin**3 / 3.0)
        flags.append("low-q points rise with q: flat low-q extrapolation used")
    else:
        qq = np.linspace(0.0, qmin, 401)
        low = float(np.trapezoid(qq * qq * i0 * np.exp(-(qq * rg) ** 2 / 3.0), qq))
        if qmin * rg > 1.3:
            flags.append(f"q_min * Rg = {qmin * rg:.2g} > 1.3: Guinier extrapolation outside its validity")
    k = float(np.mean(q[-n_porod:] ** 4 * i[-n_porod:]))
    slope = np.polyfit(np.log(q[-n_porod:]), np.log(i[-n_porod:]), 1)[0]
    if abs(slope + 4.0) > 0.5:
        flags.append(f"high-q slope {slope:.2f} is not Porod's -4 (background or rough surface?)")
    high = k / q[-1]
    total = low + measured + high
    phi = s_v = s_m = None
    if delta_sld_1e10_cm2 is not None:
        phi = volume_fraction_from_invariant(total, delta_sld_1e10_cm2)
        # S/V = pi phi(1-phi) K / Q  [1/nm] -> m2/cm3 (1 nm^-1 = 1e3 m2/cm3)
        s_v = float(np.pi * phi * (1 - phi) * k / total * 1e3)
        if sample_density_g_cm3 is not None:
            rho = check_range("sample_density", sample_density_g_cm3, 0.01, 25, unit="g/cm3")
            s_m = s_v / rho
    return InvariantResult(total, low, measured, high, k, rg, i0, (float(q[0]), float(q[-1])), phi, s_v, s_m, flags)


def volume_fraction_from_invariant(invariant_cm_nm3: float, delta_sld_1e10_cm2: float) -> float:
    r"""Minor-phase volume fraction from :math:`\varphi(1-\varphi) = Q/(2\pi^2\Delta\rho^2)`.

    ``invariant_cm_nm3`` in cm^-1 nm^-3 (= 1e21 cm^-4), contrast in 1e10 cm^-2.
    Returns the root below 0.5; refuses Q beyond the maximum ``phi(1-phi) = 1/4``.
    """
    drho = check_range("delta_sld", delta_sld_1e10_cm2, 0, None, lo_open=True, unit="1e10 cm^-2")
    q_cm4 = invariant_cm_nm3 * 1e21
    x = q_cm4 / (2.0 * np.pi**2 * (drho * 1e10) ** 2)
    if x > 0.25:
        raise InputError("delta_sld", drho, f"a contrast large enough for the invariant (phi(1-phi) = {x:.3g} > 0.25); check units (I in cm^-1?)")
    return float((1.0 - np.sqrt(1.0 - 4.0 * x)) / 2.0)


def volume_fraction_uncertainty(inv: InvariantResult, phi: float) -> float:
    r"""Uncertainty of a volume fraction from the invariant's extrapolated parts.

    The Guinier (low-q) and Porod (high-q) extrapolations are models, not data: half their
    sum is taken as the invariant's uncertainty, :math:`u_Q = (Q_{low} + Q_{high})/2`, and
    propagated through :math:`\varphi(1-\varphi) \propto Q`:
    :math:`u_\varphi = u_Q\,\varphi(1-\varphi) / (Q\,|1-2\varphi|)`.
    """
    u_q = 0.5 * (inv.low_q_part + inv.high_q_part)
    return float(u_q * phi * (1 - phi) / (inv.invariant_cm_nm3 * max(abs(1 - 2 * phi), 1e-9)))


def closed_porosity_from_filled(dry: InvariantResult, filled: InvariantResult, delta_sld_1e10_cm2: float) -> dict:
    """Closed pore volume fraction and closed share of the pores from a dry and a contrast-matched (filled) curve."""
    phi_total = volume_fraction_from_invariant(dry.invariant_cm_nm3, delta_sld_1e10_cm2)
    phi_closed = volume_fraction_from_invariant(filled.invariant_cm_nm3, delta_sld_1e10_cm2)
    if phi_closed > phi_total * 1.02:
        raise InputError("filled", f"phi_closed {phi_closed:.4g}", f"at most the dry pore fraction {phi_total:.4g} (same sample and contrast?)")
    phi_closed = min(phi_closed, phi_total)
    return {
        "pore_volume_fraction": phi_total,
        "closed_pore_volume_fraction": phi_closed,
        "open_pore_volume_fraction": phi_total - phi_closed,
        "closed_pore_fraction": phi_closed / phi_total if phi_total > 0 else 0.0,
    }


def closed_fraction_uncertainty(dry: InvariantResult, filled: InvariantResult, closed: dict) -> float | None:
    """Uncertainty of ``closed_pore_fraction = phi_closed / phi`` from both invariants' extrapolations."""
    phi, phi_c, f = closed["pore_volume_fraction"], closed["closed_pore_volume_fraction"], closed["closed_pore_fraction"]
    if phi <= 0 or phi_c <= 0:
        return None
    u_phi, u_c = volume_fraction_uncertainty(dry, phi), volume_fraction_uncertainty(filled, phi_c)
    return float(f * np.hypot(u_phi / phi, u_c / phi_c))


def persisting_pore_ratio(before: InvariantResult, after: InvariantResult) -> float:
    """Share of the pore scattering left after cycling: ``Q_after / Q_before`` (same amount and contrast)."""
    if before.invariant_cm_nm3 <= 0:
        raise InputError("invariant_before", before.invariant_cm_nm3, "> 0")
    return float(after.invariant_cm_nm3 / before.invariant_cm_nm3)


@dataclass(frozen=True)
class SAXSAnalysis:
    """A SAXS curve's invariant, and optionally the closed pores (filled curve) and persisting pores (after cycling)."""

    data: SAXSData
    invariant: InvariantResult
    filled: SAXSData | None = None
    filled_invariant: InvariantResult | None = None
    closed: dict | None = None
    after: SAXSData | None = None
    after_invariant: InvariantResult | None = None
    persisting_ratio: float | None = None

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize saxs --json``)."""
        out = {"file": self.data.source, "n_points": int(self.data.q_nm.size), **asdict(self.invariant),
               "closed": None, "persisting_ratio": None}
        if self.closed is not None:
            out["closed"] = {"file": self.filled.source, "invariant_cm_nm3": self.filled_invariant.invariant_cm_nm3, **self.closed}
        if self.after is not None:
            out["persisting_ratio"] = self.persisting_ratio
            out["after_invariant_cm_nm3"] = self.after_invariant.invariant_cm_nm3
        return out

    def second_curve(self) -> tuple[SAXSData, InvariantResult] | None:
        """The curve drawn beside the main one: the filled curve, else the one after cycling."""
        if self.filled is not None:
            return self.filled, self.filled_invariant
        return None if self.after is None else (self.after, self.after_invariant)

    def lines(self) -> list[str]:
        """Terminal summary."""
        inv = self.invariant
        out = [f"{self.data.source}: {self.data.q_nm.size} points, q {inv.q_range_nm[0]:.3g}-{inv.q_range_nm[1]:.3g} 1/nm",
               f"invariant {inv.invariant_cm_nm3:.4g} cm-1 nm-3 (low-q {inv.low_q_part:.3g}, measured {inv.measured_part:.3g}, "
               f"high-q {inv.high_q_part:.3g})",
               f"Porod constant {inv.porod_constant_cm_nm4:.4g} cm-1 nm-4"]
        if inv.volume_fraction is not None:
            out.append(f"pore volume fraction {inv.volume_fraction:.4g}, S/V {inv.specific_surface_m2_cm3:.4g} m2/cm3")
        if self.closed:
            out.append(f"closed pore fraction {self.closed['closed_pore_fraction']:.3g}")
        if self.persisting_ratio is not None:
            out.append(f"pores persisting after cycling: {100 * self.persisting_ratio:.3g} % of the invariant")
        return out + [f"note: {f}" for f in inv.flags]

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """Pore volume fraction (with a contrast), S/V per gram (with the sample density), closed fraction (filled curve).

        The volume fraction is that of the irradiated material: it is the intraparticle
        porosity when the beam sees particles only (interparticle voids larger than
        ~pi/q_min do not scatter in the measured range).
        """
        inv, q = self.invariant, {}
        how = "SAXS Porod invariant (Guinier/Porod extrapolated)"
        if inv.volume_fraction is not None:
            q["porosity"] = Measured(inv.volume_fraction, volume_fraction_uncertainty(inv, inv.volume_fraction), how,
                                     "pore volume fraction of the irradiated material (open and closed pores); "
                                     "u: half the extrapolated part of the invariant")
        if inv.specific_surface_m2_g is not None:
            q["ssa_m2_g"] = Measured(inv.specific_surface_m2_g, method="SAXS Porod constant: S/V = pi phi(1-phi) K/Q",
                                     note="per gram of irradiated material")
        if self.closed is not None:
            q["closed_pore_fraction"] = Measured(self.closed["closed_pore_fraction"], closed_fraction_uncertainty(
                self.invariant, self.filled_invariant, self.closed), f"{how}, dry vs contrast-matched filled curve")
        return PoreProfile(**q, composition=composition, source=f"SAXS {self.data.source}", method="saxs")


def analyse_saxs(
    data: SAXSData,
    *,
    filled: SAXSData | None = None,
    after: SAXSData | None = None,
    delta_sld_1e10_cm2: float | None = None,
    sample_density_g_cm3: float | None = None,
    n_guinier: int = 8,
    n_porod: int = 10,
) -> SAXSAnalysis:
    """Invariant of ``data``; closed pores from a contrast-matched ``filled`` curve (needs the
    contrast); the share of pores persisting in the ``after`` curve (same amount and contrast)."""
    if filled is not None and delta_sld_1e10_cm2 is None:
        raise InputError("contrast", None, "needed with --filled (volume fractions)")
    fit = {"n_guinier": n_guinier, "n_porod": n_porod}
    inv = porod_invariant(data, delta_sld_1e10_cm2=delta_sld_1e10_cm2, sample_density_g_cm3=sample_density_g_cm3, **fit)
    finv = closed = ainv = ratio = None
    if filled is not None:
        finv = porod_invariant(filled, **fit)
        closed = closed_porosity_from_filled(inv, finv, delta_sld_1e10_cm2)
    if after is not None:
        ainv = porod_invariant(after, **fit)
        ratio = persisting_pore_ratio(inv, ainv)
    return SAXSAnalysis(data, inv, filled, finv, closed, after, ainv, ratio)
