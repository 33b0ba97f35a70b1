r"""Pore volumes and pore-size distributions from gas-adsorption isotherms.

* Kelvin equation and Harkins-Jura thickness -> pore diameter for a p/p0;
* BJH and Dollimore-Heal PSDs (:func:`bjh_raw`: pyGAPS' ``psd_bjh`` /
  ``psd_dollimore_heal`` algorithm with running sums instead of its double loop, the
  same numbers to 1e-12: the tests compare them; ours so that a PSD does not import
  pyGAPS), on the desorption branch when there is one;
* t-plot micropore volume and external area (Harkins-Jura t);
* total pore volume by the Gurvich rule;
* Dubinin-Radushkevich micropore volume (CO2 at 273 K);
* DFT PSD with a user kernel (pyGAPS ``psd_dft``).

Liquid volumes use the adsorbate's bulk liquid density (pyGAPS/CoolProp: N2
at 77.355 K 0.806 g/cm3), except DR where the adsorbed-phase density is a
parameter (CO2 at 273 K: 1.023 g/cm3, Cazorla-Amoros et al., Langmuir 12
(1996) 2820).

Kelvin convention (cylindrical pore, hemispherical meniscus on desorption):

.. math::

    r_K = \frac{2\gamma V_m}{R T \ln(p_0/p)}, \qquad
    t_{HJ} = \left(\frac{0.1399}{0.034 - \log_{10}(p/p_0)}\right)^{1/2}\ \mathrm{nm}, \qquad
    d_p = 2\,(r_K + t)

i.e. the pore *diameter* is twice the Kelvin radius plus twice the film
thickness (the film lines both walls).  For N2 at 77 K and p/p0 = 0.5 this is
2 (1.38 + 0.646) nm = 4.05 nm.

References
----------
* E. P. Barrett, L. G. Joyner, P. P. Halenda, J. Am. Chem. Soc. 73 (1951) 373.
* D. Dollimore, G. R. Heal, J. Appl. Chem. 14 (1964) 109.
* W. D. Harkins, G. Jura, J. Am. Chem. Soc. 66 (1944) 1366.
* B. C. Lippens, J. H. de Boer, J. Catal. 4 (1965) 319 (t-plot).
* L. Gurvich, J. Phys. Chem. Soc. Russ. 47 (1915) 805.
* M. M. Dubinin, L. V. Radushkevich, Proc. Acad. Sci. USSR 55 (1947) 331.
* ISO 15901-2:2022 (meso), ISO 15901-3:2007 (micro).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore.characterization._numerics import geometric_bin_edges, line_fit_se
from alloypore.characterization._quiet import quiet
from alloypore.errors import DataFileError, InputError, check_range

__all__ = [
    "GAS_CONSTANT",
    "kelvin_radius_nm",
    "harkins_jura_thickness_nm",
    "kelvin_pore_diameter_nm",
    "loading_to_liquid_volume_cm3_g",
    "PSDResult",
    "bjh_raw",
    "psd_mesopore",
    "cohan_pore_diameter_nm",
    "gurvich_pore_volume",
    "MicroporeFit",
    "TPlotResult",
    "t_plot",
    "gurvich_pore_volume_cm3_g",
    "DRResult",
    "dubinin_radushkevich",
    "psd_dft",
]

GAS_CONSTANT = 8.314462618  # J/(mol K)

_MENISCUS = {"hemispherical": 2.0, "cylindrical": 1.0}


def kelvin_radius_nm(p_rel, temperature_K: float, surface_tension_mN_m: float, molar_volume_cm3_mol: float,
                     meniscus: str = "hemispherical"):
    r"""Kelvin radius (nm) at relative pressure ``p_rel``.

    :math:`r_K = f\,\gamma V_m / (R T \ln(p_0/p))` with ``f = 2`` for a
    hemispherical meniscus (desorption from a cylinder) and ``f = 1`` for a
    cylindrical one (condensation on adsorption, Cohan).
    """
    if meniscus not in _MENISCUS:
        raise InputError("meniscus", meniscus, "hemispherical or cylindrical")
    p = np.asarray(p_rel, dtype=float)
    gamma = surface_tension_mN_m * 1e-3  # N/m
    vm = molar_volume_cm3_mol * 1e-6  # m3/mol
    with np.errstate(divide="ignore"):
        r_m = _MENISCUS[meniscus] * gamma * vm / (GAS_CONSTANT * temperature_K * np.log(1.0 / p))
    return r_m * 1e9


def harkins_jura_thickness_nm(p_rel):
    r"""Harkins-Jura statistical film thickness (nm) of N2 at 77 K:
    :math:`t = (0.1399 / (0.034 - \log_{10} p/p_0))^{1/2}`."""
    p = np.asarray(p_rel, dtype=float)
    return np.sqrt(0.1399 / (0.034 - np.log10(p)))


def kelvin_pore_diameter_nm(p_rel, temperature_K: float, surface_tension_mN_m: float, molar_volume_cm3_mol: float,
                            meniscus: str = "hemispherical", thickness=harkins_jura_thickness_nm):
    """Cylindrical pore diameter (nm) emptying at ``p_rel``: ``2 (r_K + t)``."""
    return 2.0 * (kelvin_radius_nm(p_rel, temperature_K, surface_tension_mN_m, molar_volume_cm3_mol, meniscus) + thickness(p_rel))


def loading_to_liquid_volume_cm3_g(n_mmol_g, molar_mass_g_mol: float, liquid_density_g_cm3: float):
    """Liquid-equivalent volume (cm3/g) of an adsorbed amount: ``n M / rho_l`` (n in mmol/g)."""
    return np.asarray(n_mmol_g, dtype=float) * 1e-3 * molar_mass_g_mol / liquid_density_g_cm3


@dataclass(frozen=True)
class PSDResult:
    """A pore-size distribution (per gram of sample).

    ``diameter_nm`` ascending; ``dv_dd_cm3_g_nm`` the volume density;
    ``dv_dlogd_cm3_g`` the log density; ``cumulative_cm3_g`` the volume in pores
    of at least each diameter... summed from large to small (instrument style),
    ``negative_points`` the number of bins with a negative pore volume (a
    sign that the model or the branch is wrong: typical on the adsorption branch).
    """

    method: str
    branch: str
    diameter_nm: np.ndarray
    pore_volume_cm3_g: np.ndarray
    dv_dd_cm3_g_nm: np.ndarray
    dv_dlogd_cm3_g: np.ndarray
    cumulative_cm3_g: np.ndarray
    total_pore_volume_cm3_g: float
    pore_area_m2_g: float
    modal_diameter_nm: float
    negative_points: int
    flags: list = field(default_factory=list)


def bjh_raw(volume_cm3_g, p_rel, thickness, kelvin) -> dict:
    """BJH / Dollimore-Heal pore volumes of cylindrical pores from a branch (p/p0 ascending).

    The algorithm of pyGAPS ``psd_bjh`` (Barrett, Joyner, Halenda 1951; for cylinders
    Dollimore-Heal's area correction is the same sum): points taken from high to low
    pressure; each step's desorbed volume, less the film thinning on the walls of the pores
    already emptied, ``dt (sum A - t_avg sum A/r)``, scaled by ``(r_p/(r_K + dt))^2``, is
    the volume of the pores of the step's mean radius.  ``thickness(p)`` and ``kelvin(p)``
    return nm.  Returns pyGAPS' keys: ``pore_widths`` (nm), ``pore_volumes`` (cm3/g),
    ``pore_areas`` (m2/g), ``pore_distribution`` (cm3/g/nm), ascending width.
    """
    v = np.asarray(volume_cm3_g, dtype=float)[::-1]
    p = np.asarray(p_rel, dtype=float)[::-1]
    dv = -np.diff(v)
    t = thickness(p)
    t_avg = (t[:-1] + t[1:]) / 2
    dt = -np.diff(t)
    rk = kelvin(p)
    rk_avg = (rk[:-1] + rk[1:]) / 2
    rp = t + rk
    rp_avg = (rp[:-1] + rp[1:]) / 2
    ratio = (rp_avg / (rk_avg + dt)) ** 2
    vols = np.zeros_like(rp_avg)
    sum_a = sum_a_r = 0.0  # running sums of 2V/r (cm3/nm) and 2V/r^2 (cm3/nm2) of the pores emptied so far
    for i in range(rp_avg.size):  # a recurrence: each step needs the areas of all earlier ones
        vols[i] = (dv[i] - dt[i] * (sum_a - t_avg[i] * sum_a_r)) * ratio[i]
        area = 2 * vols[i] / rp_avg[i]
        sum_a += area
        sum_a_r += area / rp_avg[i]
    with np.errstate(divide="ignore", invalid="ignore"):  # two points at one pressure: an infinite density, as pyGAPS
        dist = vols / -np.diff(rp) / 2
    return {"pore_widths": rp[:0:-1] * 2, "pore_areas": (2 * vols / rp_avg * 1e3)[::-1], "pore_volumes": vols[::-1],
            "pore_distribution": dist[::-1]}


def psd_mesopore(isotherm, method: str = "BJH", branch: str = "des", p_limits: tuple[float, float] = (0.35, 0.99)) -> PSDResult:
    """BJH or DH pore-size distribution (cylindrical pores, Harkins-Jura thickness, Kelvin).

    :func:`bjh_raw` with this module's Kelvin and thickness functions.  Default p/p0 window
    0.35-0.99: below about 0.42 the N2 desorption branch closes by cavitation
    (tensile-strength effect) and gives an artificial peak near 3.8 nm, so interpret peaks
    below 4 nm with care.

    Raises
    ------
    DataFileError
        The requested branch is missing or has fewer than 3 points in the window.
    InputError
        The adsorptive's liquid density or surface tension is not known at the temperature.
    """
    if method.upper() not in ("BJH", "DH"):
        raise InputError("psd_method", method, "BJH or DH")
    if branch not in ("ads", "des"):
        raise InputError("psd_branch", branch, "ads or des")
    p = isotherm.p_rel_des if branch == "des" else isotherm.p_rel_ads
    n = isotherm.n_des_mmol_g if branch == "des" else isotherm.n_ads_mmol_g
    name = "desorption" if branch == "des" else "adsorption"
    if p.size < 3:
        raise DataFileError(isotherm.source, f"no {name} branch ({p.size} points): {method.upper()} needs one (use --psd none for BET only)")
    sel = (p >= p_limits[0]) & (p <= p_limits[1])
    if sel.sum() < 3:
        raise DataFileError(isotherm.source, f"{name} branch has {int(sel.sum())} points in p/p0 {p_limits[0]:g}-{p_limits[1]:g}; at least 3 needed")
    p, n = p[sel], n[sel]
    props = isotherm.properties()
    what = f"a {method.upper()} pore-size distribution"
    vol = loading_to_liquid_volume_cm3_g(n, props.need("molar_mass_g_mol", what), props.need("liquid_density_g_cm3", what))
    gamma = props.need("surface_tension_mN_m", what)
    meniscus = "hemispherical" if branch == "des" else "cylindrical"

    def kelvin(pr):
        return kelvin_radius_nm(pr, isotherm.temperature_K, gamma, props.liquid_molar_volume_cm3_mol, meniscus)

    res = bjh_raw(vol, p, harkins_jura_thickness_nm, kelvin)
    d = np.asarray(res["pore_widths"], dtype=float)
    dv = np.asarray(res["pore_volumes"], dtype=float)
    area = np.asarray(res["pore_areas"], dtype=float)
    order = np.argsort(d)
    d, dv, area = d[order], dv[order], area[order]
    edges = geometric_bin_edges(d)
    width = np.diff(edges)
    dlog = np.diff(np.log10(edges))
    neg = int(np.sum(dv < 0))
    flags = []
    if neg:
        flags.append(f"{neg} negative pore volumes on the {name} branch: the model (cylinder, Kelvin, Harkins-Jura) does not fit this branch")
    if branch == "ads":
        flags.append("adsorption branch: delayed condensation shifts sizes up; prefer the desorption branch for cylindrical pores")
    cum = np.cumsum(dv[::-1])[::-1]
    good = dv > 0
    modal = float(d[good][np.argmax((dv / dlog)[good])]) if np.any(good) else float("nan")
    return PSDResult(method.upper(), branch, d, dv, dv / width, dv / dlog, cum, float(dv.sum()), float(area.sum()), modal, neg, flags)


@dataclass(frozen=True)
class MicroporeFit:
    """A micropore volume from a straight-line fit over ``n_points`` points (coefficient of determination ``r2``);
    ``micropore_volume_uncertainty_cm3_g`` is its standard error from the fit's intercept (NaN when not computed)."""

    micropore_volume_cm3_g: float
    n_points: int
    r2: float
    micropore_volume_uncertainty_cm3_g: float


@dataclass(frozen=True)
class TPlotResult(MicroporeFit):
    """t-plot: ``n = n_micro + slope t`` over ``t_range_nm``."""

    external_area_m2_g: float
    t_range_nm: tuple[float, float]
    slope_mmol_g_nm: float
    intercept_mmol_g: float


def t_plot(isotherm, t_range_nm: tuple[float, float] = (0.35, 0.50), thickness=harkins_jura_thickness_nm) -> TPlotResult:
    r"""t-plot micropore volume and external area (Lippens & de Boer).

    Fit ``n(t) = i + s t`` over ``t_range_nm`` on the adsorption branch;
    micropore volume ``V_mi = i M / rho_l`` (liquid), external area
    :math:`S_{ext} = s \cdot 10^{-3} M/\rho_l \cdot 10^{3}` m2/g, i.e. the film
    volume per nm of thickness: ``S = s[mmol/g/nm] * M/rho_l [cm3/mmol... ]``.
    A negative intercept (no micropores) is reported as 0 volume.  The default
    window 0.35-0.50 nm is ISO 15901-3's usual one for N2 on oxides/carbons.
    """
    lo, hi = (float(v) for v in t_range_nm)
    if not 0 < lo < hi:
        raise InputError("t_range_nm", t_range_nm, "0 < low < high (nm)")
    props = isotherm.properties()
    t = thickness(isotherm.p_rel_ads)
    sel = (t >= lo) & (t <= hi)
    if sel.sum() < 3:
        raise DataFileError(isotherm.source, f"{int(sel.sum())} adsorption points with t in {lo:g}-{hi:g} nm; the t-plot needs at least 3")
    slope, intercept, r2, _, se_i = line_fit_se(t[sel], isotherm.n_ads_mmol_g[sel])
    vm = props.liquid_molar_volume_cm3_mol  # cm3/mol (refused in one line when the liquid density is not known)
    v_micro = max(float(intercept), 0.0) * 1e-3 * vm
    # slope [mmol/(g nm)] * 1e-3 mol/mmol * vm [cm3/mol] = cm3/(g nm); 1 cm3/nm = 1e-6 m3 / 1e-9 m = 1e3 m2
    s_ext = float(slope) * 1e-3 * vm * 1e3
    return TPlotResult(v_micro, int(sel.sum()), r2, se_i * 1e-3 * vm, external_area_m2_g=s_ext, t_range_nm=(lo, hi),
                       slope_mmol_g_nm=slope, intercept_mmol_g=intercept)


def gurvich_pore_volume(isotherm, p_rel: float = 0.95, branch: str = "ads") -> tuple[float, float]:
    """Total pore volume by the Gurvich rule and its uncertainty: ``(V, u)`` in cm3/g.

    ``V``: the loading at ``p_rel`` as bulk liquid (linear interpolation on the branch).
    ``u``: what the rule cannot tell from pore volume, summed (an upper bound): the
    multilayer still growing on the surface left free at ``p_rel`` (external and
    macropore walls), ``t dW/dt`` from the slope of the plateau between the two measured
    points that bracket ``p_rel`` (Harkins-Jura t), plus half the liquid-volume step
    between those points (how well the data pin the plateau).  Refused if ``p_rel`` lies
    outside the measured range of the branch.
    """
    check_range("gurvich_p_rel", p_rel, 0, 1, lo_open=True, hi_open=True)
    p = isotherm.p_rel_ads if branch == "ads" else isotherm.p_rel_des
    n = isotherm.n_ads_mmol_g if branch == "ads" else isotherm.n_des_mmol_g
    if p.size < 2 or not (p.min() <= p_rel <= p.max()):
        span = f"{p.min():.3g}-{p.max():.3g}" if p.size else "none"
        raise InputError("gurvich_p_rel", p_rel, f"inside the measured {branch} range p/p0 {span}")
    props = isotherm.properties()
    what = "the Gurvich pore volume"
    mm, rho = props.need("molar_mass_g_mol", what), props.need("liquid_density_g_cm3", what)
    k = int(np.clip(np.searchsorted(p, p_rel), 1, p.size - 1))
    dw = float(loading_to_liquid_volume_cm3_g(n[k] - n[k - 1], mm, rho))
    t_lo, t_hi, t_at = (float(v) for v in harkins_jura_thickness_nm(np.array([p[k - 1], p[k], p_rel])))
    film = t_at * abs(dw) / (t_hi - t_lo) if t_hi > t_lo else 0.0
    return float(loading_to_liquid_volume_cm3_g(np.interp(p_rel, p, n), mm, rho)), float(film + abs(dw) / 2.0)


def gurvich_pore_volume_cm3_g(isotherm, p_rel: float = 0.95, branch: str = "ads") -> float:
    """Total pore volume by the Gurvich rule: the loading at ``p_rel`` as liquid (cm3/g); see :func:`gurvich_pore_volume`."""
    return gurvich_pore_volume(isotherm, p_rel, branch)[0]


def cohan_pore_diameter_nm(isotherm, p_rel: float) -> float:
    """Largest cylindrical pore filled at ``p_rel`` on adsorption: ``2 (r_K + t)`` with Cohan's cylindrical meniscus.

    The upper pore size that a Gurvich volume taken on the adsorption branch counts (N2,
    77 K, p/p0 = 0.95: about 21 nm); NaN when the liquid properties are not known.
    """
    props = isotherm.properties()
    if props.liquid_density_g_cm3 is None or props.surface_tension_mN_m is None:
        return float("nan")
    return float(kelvin_pore_diameter_nm(p_rel, isotherm.temperature_K, props.surface_tension_mN_m,
                                         props.liquid_molar_volume_cm3_mol, "cylindrical"))


@dataclass(frozen=True)
class DRResult(MicroporeFit):
    """Dubinin-Radushkevich fit ``ln W = ln W0 - (A/E)^2``, ``A = R T ln(p0/p)``."""

    characteristic_energy_kJ_mol: float
    p_rel_range: tuple[float, float]
    adsorbed_density_g_cm3: float


def dubinin_radushkevich_raw(p_rel, n_mmol_g, temperature_K: float, molar_mass_g_mol: float,
                             adsorbed_density_g_cm3: float, p_limits: tuple[float, float] = (1e-5, 0.03)) -> DRResult:
    r"""Dubinin-Radushkevich micropore volume from arrays.

    :math:`W = W_0 \exp[-(A/E)^2]`, :math:`A = RT\ln(p_0/p)`, ``W = n M / rho_ads``.
    Linear fit of ``ln W`` against ``(ln(p0/p))^2``: intercept ``ln W0``,
    slope ``-(RT/E)^2``.
    """
    p = np.asarray(p_rel, dtype=float)
    n = np.asarray(n_mmol_g, dtype=float)
    sel = (p >= p_limits[0]) & (p <= p_limits[1]) & (n > 0)
    if sel.sum() < 3:
        raise InputError("dr_p_limits", p_limits, f"a p/p0 window holding at least 3 points (it holds {int(sel.sum())})")
    w = n[sel] * 1e-3 * molar_mass_g_mol / adsorbed_density_g_cm3
    slope, intercept, r2, _, se_i = line_fit_se(np.log(1.0 / p[sel]) ** 2, np.log(w))
    if slope >= 0:
        raise InputError("dr_p_limits", p_limits, "a window where ln W falls with ln^2(p0/p) (DR slope must be negative)")
    e = GAS_CONSTANT * temperature_K / np.sqrt(-slope) / 1000.0
    return DRResult(float(np.exp(intercept)), int(sel.sum()), r2, float(np.exp(intercept) * se_i), characteristic_energy_kJ_mol=float(e),
                    p_rel_range=(float(p[sel].min()), float(p[sel].max())), adsorbed_density_g_cm3=float(adsorbed_density_g_cm3))


def dubinin_radushkevich(isotherm, p_limits: tuple[float, float] = (1e-5, 0.03), adsorbed_density_g_cm3: float | None = None) -> DRResult:
    """DR micropore volume of an isotherm (adsorption branch).

    ``adsorbed_density_g_cm3`` defaults to 1.023 g/cm3 for CO2 (the value used
    for CO2 at 273 K by Cazorla-Amoros et al. 1996) and to the bulk liquid
    density for other adsorbates.
    """
    props = isotherm.properties()
    if adsorbed_density_g_cm3 is None:
        co2 = props.name.lower() in ("carbon dioxide", "co2")
        adsorbed_density_g_cm3 = 1.023 if co2 else props.need("liquid_density_g_cm3", "Dubinin-Radushkevich")
    return dubinin_radushkevich_raw(isotherm.p_rel_ads, isotherm.n_ads_mmol_g, isotherm.temperature_K,
                                    props.need("molar_mass_g_mol", "Dubinin-Radushkevich"), adsorbed_density_g_cm3, p_limits)


def psd_dft(isotherm, kernel_path, branch: str = "ads") -> PSDResult:
    """DFT/NLDFT pore-size distribution with a user kernel (pyGAPS ``psd_dft``).

    ``kernel_path`` is a CSV kernel in pyGAPS' format (first column p/p0,
    header pore widths in nm, values mmol/g).  Needs the pyGAPS isotherm the
    file was read into.
    """
    from pygaps.characterisation.psd_kernel import psd_dft as _psd_dft  # pyGAPS is heavy: imported when used
    from pygaps.utilities.exceptions import pgError

    kp = Path(kernel_path)
    if not kp.is_file():
        raise DataFileError(kp, "no such DFT kernel file")
    try:
        with quiet():
            res = _psd_dft(isotherm.to_pygaps(), kernel=str(kp), branch=branch)
    except (pgError, ValueError, KeyError, IndexError, TypeError, OSError) as err:  # a kernel file pyGAPS cannot use
        raise DataFileError(kp, f"DFT kernel fit failed ({' '.join(str(err).split())[:120]})") from None
    d = np.asarray(res["pore_widths"], dtype=float)
    dist = np.asarray(res["pore_distribution"], dtype=float)
    cum = np.asarray(res["pore_volume_cumulative"], dtype=float)
    dv = np.diff(np.concatenate([[0.0], cum]))
    dlog = np.diff(np.log10(geometric_bin_edges(d)))
    modal = float(d[np.argmax(dist)])
    return PSDResult("DFT", branch, d, dv, dist, dv / dlog, cum, float(cum[-1]), float("nan"), modal,
                     int(np.sum(dv < -1e-12)), [])
