"""Correlations in the literature data and the empirical ICE(SSA) estimate.

Points
------
One point per material (``material_id``): for each field the first value, in row
order (Table 1 rows, then text rows, then user rows), that is not excluded by a
flag.  This merges a Table 1 row with the text's numbers for the same material and
keeps the split ref. 70 row and repeated mentions from being counted twice.
Reference materials (graphite) are never used; binder/electrolyte studies only when
asked (their particles are not porous-engineered).

Statistics
----------
Pearson r with its p-value (``scipy.stats.pearsonr``, t-test, assumes normality),
Spearman rho with a permutation p-value (``scipy.stats.permutation_test``, exact when
n! <= 20000), and seeded percentile bootstrap 95 % CIs of both (pairs resampled, 2000
resamples; resamples with a constant column are dropped).  A claim is called
*supported* only when n >= 5 (below that even a perfect rank order has exact
two-sided p >= 2/4! = 0.083), the Spearman p < 0.05 and the Spearman CI excludes 0.

ICE(SSA)
--------
Ordinary least squares ``ICE = a + b SSA`` over the points with both values; the
interval of :func:`estimate_ice_from_ssa` is the 95 % prediction interval of a new
material::

    ICE(x) +- t_{n-2, 0.975} s sqrt(1 + 1/n + (x - xbar)^2 / Sxx)

The linear form is the first-order physics: the first-cycle loss grows with the
SEI-covered area, ``1 - ICE = (Q_0 + q_SEI SSA) / Q_lith`` at a given capacity.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import numpy as np

from alloypore.errors import InputError, check_range
from alloypore.literature.dataset import NUMERIC_COLUMNS, ROUTES, load_rows
from alloypore.literature.validation import Flag, run_rules

__all__ = [
    "CLAIMED_PAIRS",
    "OTHER_PAIRS",
    "MIN_N_SUPPORT",
    "Correlation",
    "IceSsaFit",
    "material_points",
    "correlate_arrays",
    "correlate",
    "correlate_all",
    "fit_ice_vs_ssa",
    "fit_ice_vs_ssa_raw",
    "estimate_ice_from_ssa",
]

#: (x, y, sign the review claims): "a clear negative correlation between high SSA and ICE",
#: "a clear positive correlation between compaction density and electrode areal capacity"
CLAIMED_PAIRS = (("ssa_m2_g", "ice_pct", -1), ("compaction_density_g_cm3", "areal_capacity_mAh_cm2", +1))
OTHER_PAIRS = (
    ("tap_density_g_cm3", "ssa_m2_g", 0),
    ("capacity_mAh_g", "ice_pct", 0),
    ("capacity_mAh_g", "areal_capacity_mAh_cm2", 0),
    ("capacity_mAh_g", "compaction_density_g_cm3", 0),
    ("tap_density_g_cm3", "capacity_mAh_g", 0),
)
MIN_N_SUPPORT = 5
DEFAULT_STUDIES = ("material", "precursor")


@dataclass(frozen=True)
class Correlation:
    """One x-y correlation in one group (``"all"`` or a synthesis route)."""

    x: str
    y: str
    group: str
    n: int
    pearson_r: float
    pearson_p: float
    pearson_ci: tuple[float, float]
    spearman_rho: float
    spearman_p: float
    spearman_ci: tuple[float, float]
    claimed_sign: int
    supported: bool
    verdict: str
    material_ids: tuple[str, ...] = field(default=())


def material_points(rows: Sequence[dict], flags: Sequence[Flag] = (), *, include_flagged: bool = False,
                    studies: Iterable[str] = DEFAULT_STUDIES) -> list[dict]:
    """One record per material: first non-excluded value of each numeric field (row order).

    Parameters
    ----------
    rows, flags : the dataset rows and the flags of :func:`~alloypore.literature.validation.run_rules`.
    include_flagged : bool
        Use values whose flag excludes them (default False).
    studies : iterable of str
        Which ``study`` kinds enter ("reference" never does).

    Returns
    -------
    list of dict with ``material_id``, ``material``, ``route``, ``active_element``, the numeric
    fields and ``row_ids`` (the rows merged).
    """
    studies = set(studies) - {"reference"}
    excluded = set() if include_flagged else {(f.row_id, f.field) for f in flags if f.excluded}
    out: dict[str, dict] = {}
    for r in rows:
        if r["study"] not in studies or r["route"] == "reference":
            continue
        p = out.setdefault(r["material_id"], {
            "material_id": r["material_id"], "material": r["material"], "route": r["route"],
            "active_element": r["active_element"], "row_ids": [], **{k: None for k in NUMERIC_COLUMNS}})
        p["row_ids"].append(r["row_id"])
        for k in NUMERIC_COLUMNS:
            v = r.get(k)
            if p[k] is None and v is not None and (r["row_id"], k) not in excluded:
                p[k] = float(v)
    return list(out.values())


def _rank(a: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    return rankdata(a, axis=-1)


def _rowwise_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xm = x - x.mean(axis=-1, keepdims=True)
    ym = y - y.mean(axis=-1, keepdims=True)
    den = np.sqrt((xm * xm).sum(-1) * (ym * ym).sum(-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (xm * ym).sum(-1) / den, np.nan)


def correlate_arrays(x: Sequence[float], y: Sequence[float], *, n_boot: int = 2000, seed: int = 0
                     ) -> dict[str, float | tuple[float, float] | int]:
    """Pearson and Spearman coefficients, p-values and bootstrap 95 % CIs of paired samples.

    Returns NaN statistics when n < 3 or a column is constant.
    """
    from scipy import stats

    x = np.asarray(x, float)
    y = np.asarray(y, float)
    n = int(x.size)
    nan2 = (math.nan, math.nan)
    res = {"n": n, "pearson_r": math.nan, "pearson_p": math.nan, "pearson_ci": nan2,
           "spearman_rho": math.nan, "spearman_p": math.nan, "spearman_ci": nan2}
    if n < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return res
    pr = stats.pearsonr(x, y)
    res["pearson_r"], res["pearson_p"] = float(pr.statistic), float(pr.pvalue)
    rho = float(_rowwise_pearson(_rank(x), _rank(y)))
    res["spearman_rho"] = rho
    perm = stats.permutation_test(
        (x,), lambda a, axis=-1: _rowwise_pearson(_rank(a), _rank(y)), permutation_type="pairings",
        n_resamples=20000, alternative="two-sided", vectorized=True, random_state=np.random.default_rng(seed))
    res["spearman_p"] = float(min(1.0, perm.pvalue))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    bx, by = x[idx], y[idx]
    ok = (np.ptp(bx, axis=1) > 0) & (np.ptp(by, axis=1) > 0)
    bx, by = bx[ok], by[ok]
    if bx.shape[0] >= 20:
        pb = _rowwise_pearson(bx, by)
        sb = _rowwise_pearson(_rank(bx), _rank(by))
        res["pearson_ci"] = tuple(float(v) for v in np.nanpercentile(pb, [2.5, 97.5]))
        res["spearman_ci"] = tuple(float(v) for v in np.nanpercentile(sb, [2.5, 97.5]))
    return res


def _verdict(n: int, stats_: dict, claimed: int) -> tuple[bool, str]:
    if n < 3:
        return False, f"n = {n}: too few points to compute a correlation"
    rho, p, (lo, hi) = stats_["spearman_rho"], stats_["spearman_p"], stats_["spearman_ci"]
    if math.isnan(rho):
        return False, f"n = {n}: a column is constant, no correlation defined"
    if n < MIN_N_SUPPORT:
        return False, (f"n = {n}: too few points to support any claim (even a perfect rank order has exact "
                       f"p >= {2 / math.factorial(n):.3f})")
    direction = "negative" if rho < 0 else "positive"
    ci_excl = not (lo <= 0 <= hi) if not math.isnan(lo) else False
    if p < 0.05 and ci_excl:
        msg = f"supported: {direction} (Spearman rho = {rho:.2f}, p = {p:.3f}, 95 % CI {lo:.2f} to {hi:.2f}, n = {n})"
        if claimed and np.sign(rho) != claimed:
            return False, "contradicts the claimed sign: " + msg
        return True, msg
    return False, (f"not supported: Spearman rho = {rho:.2f}, p = {p:.2f}, 95 % CI {lo:.2f} to {hi:.2f} "
                   f"includes 0 or p >= 0.05 (n = {n})")


def correlate(points: Sequence[dict], x: str, y: str, *, group: str = "all", claimed_sign: int = 0,
              n_boot: int = 2000, seed: int = 0) -> Correlation:
    """Correlate fields ``x`` and ``y`` over ``points`` (optionally one route: ``group``)."""
    for name in (x, y):
        if name not in NUMERIC_COLUMNS:
            raise InputError("field", name, f"allowed {', '.join(NUMERIC_COLUMNS)}")
    if group != "all" and group not in ROUTES:
        raise InputError("group", group, f"allowed all, {', '.join(ROUTES)}")
    sel = [p for p in points if p[x] is not None and p[y] is not None and (group == "all" or p["route"] == group)]
    st = correlate_arrays([p[x] for p in sel], [p[y] for p in sel], n_boot=n_boot, seed=seed)
    supported, verdict = _verdict(len(sel), st, claimed_sign)
    return Correlation(x, y, group, len(sel), st["pearson_r"], st["pearson_p"], st["pearson_ci"], st["spearman_rho"],
                       st["spearman_p"], st["spearman_ci"], claimed_sign, supported, verdict,
                       tuple(p["material_id"] for p in sel))


def correlate_all(points: Sequence[dict], pairs: Iterable[tuple[str, str, int]] = CLAIMED_PAIRS + OTHER_PAIRS, *,
                  n_boot: int = 2000, seed: int = 0) -> list[Correlation]:
    """Every pair overall and per synthesis route (routes with at least one point)."""
    check_range("seed", seed, 0, 2**32 - 1)  # numpy's seed range (a negative seed was a ValueError)
    out = []
    for x, y, sign in pairs:
        out.append(correlate(points, x, y, claimed_sign=sign, n_boot=n_boot, seed=seed))
        for route in ("bottom-up", "top-down", "transcription"):
            if any(p["route"] == route and p[x] is not None and p[y] is not None for p in points):
                out.append(correlate(points, x, y, group=route, claimed_sign=sign, n_boot=n_boot, seed=seed))
    return out


# ------------------------------------------------------------------ ICE(SSA)
@dataclass(frozen=True)
class IceSsaFit:
    """Least-squares line ``ice_pct = intercept + slope * ssa_m2_g`` with what a prediction interval needs."""

    intercept_pct: float
    slope_pct_per_m2_g: float
    n: int
    residual_sd_pct: float
    ssa_mean_m2_g: float
    ssa_sxx: float
    ssa_min_m2_g: float
    ssa_max_m2_g: float
    r_squared: float
    material_ids: tuple[str, ...] = ()

    def predict(self, ssa_m2_g: float, level: float = 0.95) -> tuple[float, float, float]:
        """(ice_pct, low_pct, high_pct): fit and prediction interval for a new material."""
        y = self.intercept_pct + self.slope_pct_per_m2_g * ssa_m2_g
        tq = t_quantile(0.5 + level / 2, self.n - 2)
        half = tq * self.residual_sd_pct * math.sqrt(1 + 1 / self.n + (ssa_m2_g - self.ssa_mean_m2_g) ** 2 / self.ssa_sxx)
        return y, y - half, y + half


def fit_ice_vs_ssa_raw(ssa_m2_g: Sequence[float], ice_pct: Sequence[float], material_ids: Sequence[str] = ()) -> IceSsaFit:
    """OLS line through (SSA, ICE) pairs; needs at least 3 points with distinct SSA."""
    x = np.asarray(ssa_m2_g, float)
    y = np.asarray(ice_pct, float)
    n = x.size
    if n < 3 or np.ptp(x) == 0:
        raise InputError("points", n, "need at least 3 (SSA, ICE) points with distinct SSA")
    xm = x.mean()
    sxx = float(((x - xm) ** 2).sum())
    slope = float(((x - xm) * (y - y.mean())).sum() / sxx)
    icpt = float(y.mean() - slope * xm)
    resid = y - (icpt + slope * x)
    s = float(math.sqrt((resid ** 2).sum() / (n - 2)))
    sst = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - float((resid ** 2).sum()) / sst if sst > 0 else math.nan
    return IceSsaFit(icpt, slope, n, s, float(xm), sxx, float(x.min()), float(x.max()), r2, tuple(material_ids))


def fit_ice_vs_ssa(points: Sequence[dict]) -> IceSsaFit:
    """:func:`fit_ice_vs_ssa_raw` over the material points that have both SSA and ICE."""
    sel = [p for p in points if p["ssa_m2_g"] is not None and p["ice_pct"] is not None]
    return fit_ice_vs_ssa_raw([p["ssa_m2_g"] for p in sel], [p["ice_pct"] for p in sel], [p["material_id"] for p in sel])


#: Student-t quantiles the CLI needs at start-up, (p, degrees of freedom) -> t, precomputed so
#: ``alloypore design`` does not import scipy.special (0.3 s) for one number; checked in the tests
#: against ``scipy.stats.t.ppf``.
T_QUANTILES = {(0.975, 6): 2.4469118511449786}

#: the shipped literature fit, precomputed (data/ice_ssa_fit.json; checked in the tests against a
#: fresh fit of the shipped rows, so it cannot go stale; regenerate with :func:`shipped_fit_record`)
SHIPPED_FIT_FILE = "ice_ssa_fit.json"


def t_quantile(p: float, df: int) -> float:
    """Quantile ``p`` of Student's t with ``df`` degrees of freedom (scipy.special.stdtrit)."""
    cached = T_QUANTILES.get((round(p, 12), int(df)))
    if cached is not None:
        return cached
    from scipy.special import stdtrit  # 0.3 s to import: only for a quantile not precomputed

    return float(stdtrit(df, p))


def fit_shipped_rows() -> IceSsaFit:
    """The ICE(SSA) fit over the shipped, unflagged literature rows, computed now (0.5 s of rules)."""
    rows = load_rows()
    return fit_ice_vs_ssa(material_points(rows, run_rules(rows)))


def shipped_fit_record() -> dict:
    """The JSON record of :func:`fit_shipped_rows` (what ``data/ice_ssa_fit.json`` holds)."""
    fit = fit_shipped_rows()
    return {"source": "fit_shipped_rows() over data/porous_anodes.csv", **asdict(fit),
            "material_ids": list(fit.material_ids)}


@lru_cache(maxsize=1)
def _shipped_fit() -> IceSsaFit:
    data = json.loads(resources.files("alloypore.literature").joinpath("data", SHIPPED_FIT_FILE).read_text("utf-8"))
    data.pop("source", None)
    return IceSsaFit(**{**data, "material_ids": tuple(data["material_ids"])})


def estimate_ice_from_ssa(ssa_m2_g: float) -> tuple[float, float, float]:
    """Empirical first-cycle efficiency from specific surface area (shipped literature fit).

    Parameters
    ----------
    ssa_m2_g : float
        BET specific surface area of the particle (m2/g), >= 0.

    Returns
    -------
    (ice, ice_low, ice_high) : tuple of float
        Fractions in [0, 1]: the fitted ICE and its 95 % prediction interval for a new
        material (clipped to [0, 1]).

    Notes
    -----
    An estimate, not a model: a line through the curated, unflagged literature points
    (see ``alloypore literature correlate``), which mix capacities, carbons and cell
    formats; the interval is wide for that reason.  Outside the fitted SSA range the
    interval widens as the formula says, but the line itself is an extrapolation.
    """
    s = check_range("ssa_m2_g", ssa_m2_g, 0.0, None, unit="m2/g")
    ice, lo, hi = _shipped_fit().predict(s)

    def clip(v: float) -> float:
        return min(1.0, max(0.0, v / 100.0))

    return clip(ice), clip(lo), clip(hi)
