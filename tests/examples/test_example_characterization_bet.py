"""docs/examples/characterization_bet.py: its printed numbers against hand calculations."""

import re
import tomllib

import numpy as np
import pytest

N_A = 6.02214076e23
SIGMA_N2_M2 = 0.162e-18


def _bet_line(p, n):
    """Least squares through p/(n(1-p)) against p: C = 1 + s/i, n_m = 1/(s+i)."""
    s, i = np.polyfit(p, p / (n * (1 - p)), 1)
    return 1 + s / i, 1 / (s + i)


def test_example_prints_numbers_that_agree_with_hand_calculations(run_example):
    g, out, tmp_path = run_example("characterization_bet")
    iso, bet = g["iso"], g["bet"]
    p, n = iso.p_rel_ads, iso.n_ads_mmol_g

    # 1. the textbook window 0.05-0.30 fails c_positive: by hand its BET line has a negative intercept, C < 0
    sel = (p >= 0.05) & (p <= 0.30)
    c_hand, _ = _bet_line(p[sel], n[sel])
    line = re.search(r"textbook range 0.05-0.30: C = (-?[\d.]+), fails (.*)", out)
    assert c_hand < 0 and float(line.group(1)) == pytest.approx(c_hand, rel=1e-3) and "c_positive" in line.group(2)

    # 2. the area printed is n_m N_A sigma of the line through the points of the printed range
    sel = (p >= bet.p_rel_range[0]) & (p <= bet.p_rel_range[1])
    c_hand, n_m = _bet_line(p[sel], n[sel])
    area_hand = n_m * 1e-3 * N_A * SIGMA_N2_M2
    assert float(re.search(r"BET (\d+) m2/g", out).group(1)) == pytest.approx(area_hand, abs=0.5)
    assert float(re.search(r"C = (\d+), p/p0", out).group(1)) == pytest.approx(c_hand, abs=0.5)

    # 3. the [particle] section of the densities: 50/50 Si (2.329) / amorphous carbon (2.00 g/cm3), He 1.90, open 0.30
    part = tomllib.loads(out[out.index("# measured pore profile"):out.index("figure:")])["particle"]
    v_s = 0.5 / 2.329 + 0.5 / 2.0  # 0.464684 cm3/g
    v_closed = 1 / 1.90 - v_s  # 0.061632 cm3/g
    assert part["porosity"] == pytest.approx((0.30 + v_closed) / (v_s + 0.30 + v_closed), rel=1e-9)  # 0.4376
    assert part["closed_pore_fraction"] == pytest.approx(v_closed / (0.30 + v_closed), rel=1e-9)  # 0.1704
    assert part["ssa_m2_g"] == pytest.approx(round(area_hand, 1), abs=0.05)
    assert (tmp_path / "characterization_bet.png").read_bytes()[:4] == b"\x89PNG"
