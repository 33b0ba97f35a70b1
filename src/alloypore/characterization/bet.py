r"""BET specific surface area with the ISO 9277 / Rouquerol consistency criteria.

Layout after pyGAPS ``area_bet.py``: :func:`area_bet` works on an
:class:`~alloypore.characterization.isotherm.Isotherm`, :func:`area_bet_raw` on
plain arrays, and tiny helpers (:func:`bet_transform`, :func:`rouquerol_transform`,
:func:`bet_parameters`, :func:`bet_criteria`) can be checked one by one.

The automatic range is the best of *all* contiguous candidate ranges that meet
all four criteria (pyGAPS takes a range ending on the first falling point of the
Rouquerol plot).  A range the user gives (an instrument's range) is computed over
exactly its points and every failed criterion is reported in ``criteria``; with
``strict=True`` a failed criterion raises :class:`BETRangeError` instead.

Equations
---------
BET equation, linear form (p = p/p0, n in mmol/g):

.. math:: \frac{p}{n(1-p)} = \frac{1}{n_m C} + \frac{C-1}{n_m C}\,p

so with slope s and intercept i: :math:`C = 1 + s/i`, :math:`n_m = 1/(s+i)`,
the BET monolayer pressure :math:`p_m = 1/(\sqrt{C}+1)` and the area
:math:`a_{BET} = n_m N_A \sigma`.

Criteria (Rouquerol, Llewellyn & Rouquerol 2007; ISO 9277:2010), in Rouquerol's order
------------------------------------------------------------------------------------
1. ``rouquerol_increasing``: n(1-p) increases with p over the range, and the range
   does not run past the maximum of n(1-p) of the branch; both judged within the
   measurement noise :data:`ROUQUEROL_NOISE` = 0.1 % (about the reading accuracy of
   the capacitance manometers of these instruments): a point counts as "not falling"
   when n(1-p) stays within 0.1 % of its running maximum from the start of the
   branch.  (A strict point-by-point test rules out ranges over a 0.03 % dip.)
2. ``c_positive``: C > 0 (positive intercept).
3. ``monolayer_in_range``: the monolayer loading n_m lies between the first and
   last loading of the range (the p/p0 at which the isotherm reaches n_m is
   inside the range).
4. ``monolayer_pressure_consistent``: the BET monolayer pressure
   1/(sqrt(C)+1) and the measured p/p0 at n_m agree within 10 % (relative).

Uncertainty: the standard error of the area from the regression,
``u(a) = a u(s+i)/(s+i)`` with ``u(s+i)^2 = u_s^2 + u_i^2 + 2 cov(s,i)``
(``ssa_uncertainty_m2_g``).  Micromeritics prints ``a sqrt(u_s^2 + u_i^2)/(s+i)``,
without the (negative) covariance; that number is reported too
(``ssa_uncertainty_instrument_convention_m2_g``) and reproduces the instruments' ± to
four digits.

References
----------
* S. Brunauer, P. H. Emmett, E. Teller, J. Am. Chem. Soc. 60 (1938) 309.
* J. Rouquerol, P. Llewellyn, F. Rouquerol, Stud. Surf. Sci. Catal. 160 (2007) 49.
* ISO 9277:2010, Determination of the specific surface area of solids by gas
  adsorption -- BET method.
* J. W. M. Osterrieth et al., Adv. Mater. 34 (2022) 2201502 (BETSI).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore.characterization._numerics import line_fit
from alloypore.errors import InputError, check_range

__all__ = [
    "AVOGADRO",
    "BETResult",
    "bet_transform",
    "rouquerol_transform",
    "bet_parameters",
    "bet_loading",
    "bet_criteria",
    "area_bet_raw",
    "bet_fit_range",
    "area_bet",
    "BETRangeError",
    "ROUQUEROL_NOISE",
    "MONOLAYER_P_TOLERANCE",
    "bet_uncertainty",
]

AVOGADRO = 6.02214076e23  # 1/mol, exact (SI 2019)
#: Criterion 4: BET and measured monolayer p/p0 agree within this relative difference.
MONOLAYER_P_TOLERANCE = 0.10
#: Criterion 1: relative fall of n(1-p/p0) below its running maximum that is measurement noise.
ROUQUEROL_NOISE = 1e-3


class BETRangeError(InputError):
    """No candidate range (or the user's range) meets all four criteria."""


@dataclass(frozen=True)
class BETResult:
    """Result of a BET analysis (all per gram of sample).

    ``criteria`` maps the four criterion names to booleans (all True for an
    automatic range; a user's range may fail some: :attr:`failed`); ``p_rel_range``
    is the (first, last) p/p0 of the points used; ``ssa_uncertainty_m2_g`` the
    regression standard error (module docstring).
    """

    ssa_m2_g: float
    c_constant: float
    n_monolayer_mmol_g: float
    p_rel_monolayer_bet: float
    p_rel_monolayer_measured: float
    p_rel_range: tuple[float, float]
    n_points: int
    r2: float
    slope: float
    intercept: float
    criteria: dict = field(default_factory=dict)
    index_range: tuple[int, int] = (0, 0)
    candidates_tested: int = 0
    candidates_passing: int = 0
    automatic: bool = True
    sigma_nm2: float = 0.162
    ssa_uncertainty_m2_g: float = float("nan")
    ssa_uncertainty_instrument_convention_m2_g: float = float("nan")

    @property
    def failed(self) -> list[str]:
        """Names of the criteria this range fails (empty when all hold)."""
        return [k for k, v in self.criteria.items() if not v]


def rouquerol_transform(p_rel, n):
    """Rouquerol transform ``n (1 - p/p0)``."""
    return np.asarray(n, dtype=float) * (1.0 - np.asarray(p_rel, dtype=float))


def bet_transform(p_rel, n):
    """BET transform ``(p/p0) / (n (1 - p/p0))`` (g/mmol when n is in mmol/g)."""
    return np.asarray(p_rel, dtype=float) / rouquerol_transform(p_rel, n)


def bet_parameters(slope, intercept, sigma_nm2: float):
    """BET parameters from the fitted line.

    Returns ``(n_monolayer, c_constant, p_rel_monolayer, area_m2_g)`` where
    ``n_m = 1/(s+i)`` (units of 1/transform, mmol/g), ``C = 1 + s/i``,
    ``p_m = 1/(sqrt(C)+1)`` (NaN when C <= 0) and ``area = n_m 1e-3 N_A sigma 1e-18``.
    Works on arrays.
    """
    slope = np.asarray(slope, dtype=float)
    intercept = np.asarray(intercept, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = 1.0 + slope / intercept
        n_m = 1.0 / (slope + intercept)
        p_m = np.where(c > 0, 1.0 / (np.sqrt(np.abs(c)) + 1.0), np.nan)
    area = n_m * 1e-3 * AVOGADRO * sigma_nm2 * 1e-18
    return n_m, c, p_m, area


def bet_loading(p_rel, n_monolayer, c_constant):
    """Loading predicted by the BET equation (inverse of the linear form)."""
    p = np.asarray(p_rel, dtype=float)
    return n_monolayer * c_constant * p / ((1.0 - p) * (1.0 - p + c_constant * p))


def _measured_p_at(n_target: float, p_rel, n) -> float:
    """p/p0 at which the measured branch first reaches ``n_target`` (linear interpolation), NaN if never."""
    p_rel = np.asarray(p_rel, dtype=float)
    n = np.asarray(n, dtype=float)
    if not np.isfinite(n_target) or n_target <= 0:
        return float("nan")
    above = np.nonzero(n >= n_target)[0]
    if above.size == 0:
        return float("nan")
    k = above[0]
    if k == 0:
        return float(p_rel[0] * n_target / n[0]) if n[0] > 0 else float("nan")
    f = (n_target - n[k - 1]) / (n[k] - n[k - 1])
    return float(p_rel[k - 1] + f * (p_rel[k] - p_rel[k - 1]))


def _not_falling(roq: np.ndarray) -> np.ndarray:
    """Per point: n(1-p) within :data:`ROUQUEROL_NOISE` of its running maximum from the start of the branch."""
    return roq >= (1.0 - ROUQUEROL_NOISE) * np.maximum.accumulate(roq)


def bet_criteria(i: int, j: int, p_rel, n, c_constant: float, n_monolayer: float, p_rel_monolayer: float) -> dict:
    """Evaluate the four ISO 9277 / Rouquerol criteria for the points ``i..j`` (inclusive).

    Returns a dict with the four booleans (Rouquerol's order) plus ``p_rel_monolayer_measured``.
    """
    p_rel = np.asarray(p_rel, dtype=float)
    n = np.asarray(n, dtype=float)
    roq = rouquerol_transform(p_rel, n)
    c1 = bool(np.all(_not_falling(roq)[i : j + 1]))
    c2 = bool(c_constant > 0)
    c3 = bool(n[i] <= n_monolayer <= n[j])
    p_meas = _measured_p_at(n_monolayer, p_rel, n)
    c4 = bool(
        c2 and np.isfinite(p_meas) and np.isfinite(p_rel_monolayer)
        and abs(p_rel_monolayer - p_meas) <= MONOLAYER_P_TOLERANCE * p_meas
    )
    return {
        "rouquerol_increasing": c1,
        "c_positive": c2,
        "monolayer_in_range": c3,
        "monolayer_pressure_consistent": c4,
        "p_rel_monolayer_measured": p_meas,
    }


def bet_uncertainty(p_rel, n, sigma_nm2: float) -> tuple[float, float]:
    """Standard error of the BET area (m2/g) from the line through ``(p, p/(n(1-p)))`` (at least 3 points).

    Returns ``(u with the slope-intercept covariance, u without it)``: the second is the
    Micromeritics convention ``a sqrt(u_s^2 + u_i^2)/(s+i)``.
    """
    x = np.asarray(p_rel, dtype=float)
    y = bet_transform(x, n)
    k = x.size
    if k < 3:
        return float("nan"), float("nan")
    design = np.column_stack([x, np.ones(k)])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    cov = float(resid @ resid) / (k - 2) * np.linalg.inv(design.T @ design)
    total = float(coef.sum())
    area = float(bet_parameters(coef[0], coef[1], sigma_nm2)[3])
    with_cov = abs(area) * np.sqrt(max(cov[0, 0] + cov[1, 1] + 2 * cov[0, 1], 0.0)) / abs(total)
    without = abs(area) * np.sqrt(cov[0, 0] + cov[1, 1]) / abs(total)
    return float(with_cov), float(without)


def _all_fits(x: np.ndarray, y: np.ndarray, min_points: int):
    """Least-squares lines through every contiguous range i..j with >= min_points points."""
    m = x.size
    i_idx, j_idx = np.triu_indices(m, k=min_points - 1)
    cx = np.concatenate([[0.0], np.cumsum(x)])
    cy = np.concatenate([[0.0], np.cumsum(y)])
    cxx = np.concatenate([[0.0], np.cumsum(x * x)])
    cxy = np.concatenate([[0.0], np.cumsum(x * y)])
    cyy = np.concatenate([[0.0], np.cumsum(y * y)])
    k = (j_idx - i_idx + 1).astype(float)

    def s(c):
        return c[j_idx + 1] - c[i_idx]

    sx, sy, sxx, sxy, syy = s(cx), s(cy), s(cxx), s(cxy), s(cyy)
    vx = sxx - sx * sx / k
    vy = syy - sy * sy / k
    cov = sxy - sx * sy / k
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = cov / vx
        intercept = (sy - slope * sx) / k
        r2 = np.where(vy > 0, cov * cov / (vx * vy), 1.0)
    return i_idx, j_idx, slope, intercept, r2


def area_bet_raw(
    p_rel,
    n_mmol_g,
    sigma_nm2: float = 0.162,
    p_limits: tuple[float, float] | None = None,
    *,
    min_points: int = 3,
    p_rel_max: float = 0.5,
    r2_min: float = 0.995,
    strict: bool = False,
) -> BETResult:
    """BET area from arrays, with automatic ISO 9277 / Rouquerol range selection.

    Parameters
    ----------
    p_rel, n_mmol_g : array_like
        Adsorption branch: relative pressure and loading (mmol/g), any order.
    sigma_nm2 : float
        Cross-sectional area of one adsorbed molecule (N2: 0.162 nm^2).
    p_limits : (float, float), optional
        Use exactly the points with ``p_limits[0] <= p/p0 <= p_limits[1]``;
        the result's ``criteria`` say which criteria hold.
    min_points : int
        Smallest number of points in a candidate range (>= 3).
    p_rel_max : float
        Candidates use only points with p/p0 below this.
    r2_min : float
        Automatic search only: candidates must also have a BET-plot
        coefficient of determination of at least this.
    strict : bool
        With ``p_limits``: raise :class:`BETRangeError` when a criterion fails.

    Returns
    -------
    BETResult
        For the automatic search: among candidates passing all criteria, the
        one with the most points, ties broken by the highest R^2.

    Raises
    ------
    BETRangeError
        No candidate passes, or (``strict``) the given range fails (message
        names the failed criteria and values).
    """
    p = np.asarray(p_rel, dtype=float).ravel()
    n = np.asarray(n_mmol_g, dtype=float).ravel()
    order = np.argsort(p, kind="stable")
    p, n = p[order], n[order]
    sigma_nm2 = check_range("sigma_nm2", sigma_nm2, 0, 2, lo_open=True, unit="nm^2")
    if int(min_points) < 3:
        raise InputError("min_points", min_points, "at least 3")
    keep = (p > 0) & (p < 1) & (n > 0)
    p, n = p[keep], n[keep]
    if p_limits is not None:
        return _user_range(p, n, sigma_nm2, p_limits, strict)
    return _best_range(p, n, sigma_nm2, int(min_points), p_rel_max, r2_min)


def _user_range(p: np.ndarray, n: np.ndarray, sigma_nm2: float, p_limits, strict: bool) -> BETResult:
    """The fit over the user's range; with ``strict`` refused (:class:`BETRangeError`) when a criterion fails."""
    res = bet_fit_range(p, n, sigma_nm2, p_limits)
    failed = res.failed
    if failed and strict:
        raise BETRangeError(
            "p_limits", tuple(float(v) for v in p_limits),
            f"fails BET criteria {', '.join(failed)} (C = {res.c_constant:.4g}, n_m = {res.n_monolayer_mmol_g:.4g} mmol/g); "
            "allowed: a range meeting all four ISO 9277/Rouquerol criteria",
        )
    return res


def _best_range(p: np.ndarray, n: np.ndarray, sigma_nm2: float, min_points: int, p_rel_max: float, r2_min: float) -> BETResult:
    """Every contiguous range below ``p_rel_max`` fitted at once; the best one meeting all criteria (sorted p, n)."""
    cand = np.nonzero(p < p_rel_max)[0]
    if cand.size < min_points:
        raise BETRangeError("p_rel", f"{cand.size} points below {p_rel_max:g}", f"at least {min_points} adsorption points below p/p0 = {p_rel_max:g}")
    m = int(cand[-1]) + 1
    i_idx, j_idx, slope, intercept, r2 = _all_fits(p[:m], bet_transform(p[:m], n[:m]), min_points)
    n_m, c, p_m, area = bet_parameters(slope, intercept, sigma_nm2)
    roq = rouquerol_transform(p, n)
    # criterion 1 vectorised: no point of the range falls below its running maximum beyond the noise
    bad = np.concatenate([[0], np.cumsum(~_not_falling(roq[:m]))])
    crit2 = bad[j_idx + 1] - bad[i_idx] == 0
    crit1 = c > 0
    crit3 = (n[i_idx] <= n_m) & (n_m <= n[j_idx])
    # criterion 4 needs the measured p at n_m: interpolate on the (monotone part of the) branch
    p_meas = np.array([_measured_p_at(v, p, n) for v in np.where(crit1 & crit2 & crit3, n_m, np.nan)])
    with np.errstate(invalid="ignore"):
        crit4 = crit1 & (np.abs(p_m - p_meas) <= MONOLAYER_P_TOLERANCE * p_meas)
    passing = crit1 & crit2 & crit3 & crit4 & (r2 >= r2_min) & np.isfinite(area)
    tested = int(i_idx.size)
    if not np.any(passing):
        best_c = float(np.nanmax(c)) if np.any(np.isfinite(c)) else float("nan")
        raise BETRangeError(
            "bet_range", f"{tested} candidate ranges below p/p0 = {p_rel_max:g}",
            f"none meets all four ISO 9277/Rouquerol criteria with R^2 >= {r2_min:g} "
            f"(C>0: {int(crit1.sum())}, n(1-p) increasing within {ROUQUEROL_NOISE:.1%}: {int((crit1 & crit2).sum())}, "
            f"monolayer in range: {int((crit1 & crit2 & crit3).sum())}, largest C {best_c:.3g}); "
            "BET area is not defined for this isotherm",
        )
    idx = np.nonzero(passing)[0]
    npts = (j_idx - i_idx + 1)[idx]
    best = idx[np.lexsort((-r2[idx], -npts))[0]]
    i, j = int(i_idx[best]), int(j_idx[best])
    crit = bet_criteria(i, j, p, n, float(c[best]), float(n_m[best]), float(p_m[best]))
    u, u_instr = bet_uncertainty(p[i : j + 1], n[i : j + 1], sigma_nm2)
    return BETResult(
        float(area[best]), float(c[best]), float(n_m[best]), float(p_m[best]), crit["p_rel_monolayer_measured"],
        (float(p[i]), float(p[j])), j - i + 1, float(r2[best]), float(slope[best]), float(intercept[best]),
        _bools(crit), (i, j), tested, int(idx.size), True, sigma_nm2, u, u_instr,
    )


def bet_fit_range(p_rel, n_mmol_g, sigma_nm2: float, p_limits: tuple[float, float]) -> BETResult:
    """Fit the BET line through the points with ``lo <= p/p0 <= hi`` and evaluate the criteria.

    The result is returned even when criteria fail (``criteria`` then holds
    False values), so that, e.g., an instrument's range can be reproduced.
    """
    p = np.asarray(p_rel, dtype=float).ravel()
    n = np.asarray(n_mmol_g, dtype=float).ravel()
    order = np.argsort(p, kind="stable")
    p, n = p[order], n[order]
    lo, hi = (float(v) for v in p_limits)
    if not (0 < lo < hi < 1):
        raise InputError("p_limits", p_limits, "0 < low < high < 1 (p/p0)")
    sel = np.nonzero((p >= lo) & (p <= hi))[0]
    if sel.size < 3:
        raise BETRangeError("p_limits", (lo, hi), f"holds {sel.size} points; at least 3 are needed")
    i, j = int(sel[0]), int(sel[-1])
    slope, intercept, r2 = line_fit(p[i : j + 1], bet_transform(p[i : j + 1], n[i : j + 1]))
    n_m, c, p_m, area = (float(v) for v in bet_parameters(slope, intercept, sigma_nm2))
    crit = bet_criteria(i, j, p, n, c, n_m, p_m)
    u, u_instr = bet_uncertainty(p[i : j + 1], n[i : j + 1], sigma_nm2)
    return BETResult(area, c, n_m, p_m, crit["p_rel_monolayer_measured"], (float(p[i]), float(p[j])), j - i + 1,
                     r2, slope, intercept, _bools(crit), (i, j), 1, int(all(_bools(crit).values())), False, float(sigma_nm2),
                     u, u_instr)


def _bools(crit: dict) -> dict:
    return {k: bool(v) for k, v in crit.items() if k != "p_rel_monolayer_measured"}


def area_bet(isotherm, p_limits: tuple[float, float] | None = None, *, sigma_nm2: float | None = None, **kw) -> BETResult:
    """BET area of an :class:`~alloypore.characterization.isotherm.Isotherm` (adsorption branch).

    ``sigma_nm2`` defaults to the adsorbate's cross-section in pyGAPS's adsorbate list
    (N2 0.162, Ar 0.138, Kr 0.202, CO2 0.17 nm^2 ...); an adsorbate without one is a one-line
    :class:`InputError` (give ``sigma_nm2``).  Other keywords go to :func:`area_bet_raw`.
    """
    if sigma_nm2 is None:
        sigma_nm2 = isotherm.properties().need("sigma_nm2", "BET")
    return area_bet_raw(isotherm.p_rel_ads, isotherm.n_ads_mmol_g, sigma_nm2, p_limits, **kw)
