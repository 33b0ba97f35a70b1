"""docs/examples/literature_ssa_ice.py: what it prints against independent numbers.

* The values the rules exclude (docs/literature.md: 7 of 21 flags), with two bounds by hand:
  ref. 65's TD 4.15 g/cm3 exceeds the true density of Si (2.329 g/cm3, the bound with
  w_Si = 2310/3579 and graphite 2.26 is 2.30); ref. 74's 1678 m2/g exceeds what its
  first-cycle loss pays for, 1640 (100/88.4 - 1) = 215 mAh/g over q_SEI = 2 nm x 2 Li per
  161.98 g/mol at 1.2 g/cm3 x F = 0.794 mAh/m2, i.e. 271 m2/g.
* The SSA-ICE verdict: Spearman rho by scipy.stats.spearmanr (not the library's code) over
  the same eight material points.
* The ICE estimate at 20 m2/g: least squares by numpy.polyfit and the 95 % prediction
  interval t_{n-2} s sqrt(1 + 1/n + (x - xbar)^2/Sxx), written out here.
"""

import math
import re

import numpy as np
import pytest
from scipy import stats

from alloypore.literature import load_literature

F = 96485.33212


def test_example_prints_the_flags_the_verdict_and_the_estimate(run_example):
    _, text, tmp_path = run_example("literature_ssa_ice")
    flagged = re.findall(r"flagged (\S+) (\w+) = ([\d.]+): (\w+)", text)
    assert len(flagged) == 7
    by_row = {(r, f): (float(v), rule) for r, f, v, rule in flagged}
    # ref. 65: TD above the composite's true density bound (w = 2310/3579 Si, rest graphite)
    w = 2310 / (3.75 * F / (3.6 * 28.0855))
    bound = 1 / (w / 2.329 + (1 - w) / 2.26)
    assert bound == pytest.approx(2.30, abs=0.005) and by_row[("T1-65", "tap_density_g_cm3")] == (4.15, "density_above_true_density")
    # ref. 74: SSA beyond what the first-cycle loss can cover with SEI
    q_sei = 2e-7 * 1e4 * (2 * 1.2 / 161.98) * F / 3.6  # nm -> cm, m2 -> cm2: mAh per m2
    assert q_sei == pytest.approx(0.794, abs=5e-4)
    assert 1640 * (100 / 88.4 - 1) / q_sei == pytest.approx(271, abs=0.5)
    assert by_row[("T1-74", "ssa_m2_g")] == (1678.0, "ssa_beyond_ice")

    pts = [p for p in load_literature().points() if p["ssa_m2_g"] is not None and p["ice_pct"] is not None]
    x = np.array([p["ssa_m2_g"] for p in pts])
    y = np.array([p["ice_pct"] for p in pts])
    rho = stats.spearmanr(x, y).statistic
    m = re.search(r"not supported: Spearman rho = ([-\d.]+), p = ([\d.]+).*\(n = (\d+)\)", text)
    assert int(m.group(3)) == len(pts) == 8
    assert float(m.group(1)) == pytest.approx(rho, abs=0.005) and rho == pytest.approx(-0.19, abs=0.005)
    assert float(m.group(2)) > 0.05  # not significant

    slope, icpt = np.polyfit(x, y, 1)
    n, xbar, sxx = len(x), x.mean(), ((x - x.mean()) ** 2).sum()
    s = math.sqrt(((y - (icpt + slope * x)) ** 2).sum() / (n - 2))
    half = stats.t.ppf(0.975, n - 2) * s * math.sqrt(1 + 1 / n + (20 - xbar) ** 2 / sxx)
    ice = icpt + slope * 20
    m = re.search(r"ICE estimate at 20 m2/g: ([\d.]+) \(95 % prediction interval ([\d.]+)-([\d.]+)\)", text)
    assert float(m.group(1)) == pytest.approx(ice / 100, abs=5e-4) and ice == pytest.approx(84.0, abs=0.05)
    assert float(m.group(2)) == pytest.approx((ice - half) / 100, abs=5e-4)
    assert float(m.group(3)) == pytest.approx(min(1.0, (ice + half) / 100), abs=5e-4)
    assert (tmp_path / "literature_ssa_ice.png").read_bytes()[:4] == b"\x89PNG"
