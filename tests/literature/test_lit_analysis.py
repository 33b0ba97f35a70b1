"""Correlation statistics and the ICE(SSA) fit against independent numbers."""

import math

import numpy as np
import pytest

from alloypore.errors import InputError
from alloypore.literature import analysis as A


def test_pearson_spearman_hand_values():
    # x = 1..5, y = 2,4,5,4,5: Pearson r = 6/sqrt(10*6) = 0.7746 (sxy = 6, sxx = 10, syy = 6 by hand)
    st = A.correlate_arrays([1, 2, 3, 4, 5], [2, 4, 5, 4, 5], n_boot=500)
    assert st["pearson_r"] == pytest.approx(6 / math.sqrt(60), rel=1e-9)
    # ranks of y: 1, 2.5, 4.5, 2.5, 4.5 -> Pearson of ranks = 0.7379 (same sums with ties)
    ry = np.array([1, 2.5, 4.5, 2.5, 4.5])
    rx = np.arange(1, 6)
    expected = np.corrcoef(rx, ry)[0, 1]
    assert st["spearman_rho"] == pytest.approx(expected, rel=1e-9)


def test_exact_permutation_p_perfect_order():
    # perfect monotone with n = 5: exact two-sided p = 2/5! = 0.01667
    st = A.correlate_arrays([1, 2, 3, 4, 5], [10, 20, 30, 40, 50], n_boot=200)
    assert st["spearman_p"] == pytest.approx(2 / 120, rel=1e-6)


def test_bootstrap_seeded_and_contains_estimate():
    x = np.linspace(0, 1, 12)
    y = 2 * x + np.sin(7 * x) * 0.3
    a = A.correlate_arrays(x, y, seed=3)
    b = A.correlate_arrays(x, y, seed=3)
    assert a["pearson_ci"] == b["pearson_ci"]
    lo, hi = a["spearman_ci"]
    assert lo <= a["spearman_rho"] <= hi


def _pts(xs, ys, route="top-down"):
    return [{"material_id": str(i), "route": route, "ssa_m2_g": x, "ice_pct": y} for i, (x, y) in enumerate(zip(xs, ys))]


def test_small_n_verdicts():
    c = A.correlate(_pts([1, 2, 3, 4], [4, 3, 2, 1]), "ssa_m2_g", "ice_pct", claimed_sign=-1)
    assert c.n == 4 and not c.supported and "too few" in c.verdict
    c = A.correlate(_pts([1, 2], [4, 3]), "ssa_m2_g", "ice_pct")
    assert math.isnan(c.spearman_rho) and "too few points to compute" in c.verdict


def test_supported_and_sign_check():
    xs = list(range(10))
    c = A.correlate(_pts(xs, [100 - 2 * v for v in xs]), "ssa_m2_g", "ice_pct", claimed_sign=-1)
    assert c.supported and c.verdict.startswith("supported")
    c = A.correlate(_pts(xs, [50 + 2 * v for v in xs]), "ssa_m2_g", "ice_pct", claimed_sign=-1)
    assert not c.supported and "contradicts" in c.verdict


def test_bad_field_refused():
    with pytest.raises(InputError):
        A.correlate([], "ssa", "ice_pct")


def test_ols_fit_and_prediction_interval_hand_calc():
    # points (0, 90), (10, 85), (20, 82), (30, 75): xbar = 15, Sxx = 500,
    # Sxy = (-15)(7) + (-5)(2) + (5)(-1) + (15)(-8) = -240 -> slope = -0.48, intercept = 83 + 0.48*15 = 90.2
    f = A.fit_ice_vs_ssa_raw([0, 10, 20, 30], [90, 85, 82, 75])
    assert f.slope_pct_per_m2_g == pytest.approx(-0.48)
    assert f.intercept_pct == pytest.approx(90.2)
    # residuals: -0.2, -0.4, 1.4, -0.8 -> SSE = 2.8, s = sqrt(2.8/2) = 1.1832
    assert f.residual_sd_pct == pytest.approx(math.sqrt(1.4))
    # at x = 15: half width = t(2, .975) * s * sqrt(1 + 1/4) = 4.3027 * 1.1832 * 1.1180 = 5.692
    y, lo, hi = f.predict(15)
    assert y == pytest.approx(83.0)
    assert hi - y == pytest.approx(4.302653 * math.sqrt(1.4) * math.sqrt(1.25), rel=1e-5)


def test_estimate_ice_from_ssa_shipped():
    ice, lo, hi = A.estimate_ice_from_ssa(10.0)
    assert 0 <= lo < ice < hi <= 1
    # monotone with the fitted (negative) slope, and wider away from the data centre
    ice2, lo2, hi2 = A.estimate_ice_from_ssa(150.0)
    assert ice2 < ice
    with pytest.raises(InputError):
        A.estimate_ice_from_ssa(-1.0)


def test_shipped_claims(rows, flags):
    """The review's two claims as the curated data give them (documented in docs/literature.md)."""
    pts = A.material_points(rows, flags)
    ssa_ice = A.correlate(pts, "ssa_m2_g", "ice_pct", claimed_sign=-1)
    cd_areal = A.correlate(pts, "compaction_density_g_cm3", "areal_capacity_mAh_cm2", claimed_sign=1)
    # flagged values (SSA 1678 of ref. 74; both SSA entries of ref. 75) are out of the fit
    assert "74" not in ssa_ice.material_ids and "75" not in ssa_ice.material_ids
    assert ssa_ice.n == 8 and not ssa_ice.supported
    assert cd_areal.n == 10 and cd_areal.supported
    with_flagged = A.correlate(A.material_points(rows, flags, include_flagged=True), "ssa_m2_g", "ice_pct")
    assert "74" in with_flagged.material_ids


def test_one_point_per_material(rows, flags):
    pts = A.material_points(rows, flags)
    ids = [p["material_id"] for p in pts]
    assert len(ids) == len(set(ids))
    p70 = next(p for p in pts if p["material_id"] == "70")
    assert p70["tap_density_g_cm3"] == 0.93  # 0.48 of the first ref. 70 row is excluded (conflict)
    assert "graphite-110" not in ids  # reference material never enters fits
