"""docs/examples/studies_blend.py: the blend peak it prints against the analytic solution.

Linearised porosity budget (docs/studies.md): C(x) = Q(x)(1 + s - e_lin(x)) / v_s(x), with
a = Q_g, b = Q_Si - Q_g, c = 1 + s - beta_g, d = beta_Si - beta_g, v0 = 1/rho_g,
v1 = 1/rho_Si - 1/rho_g; dC/dx = 0 gives

    b d v1 x^2 + 2 b d v0 x - [(b c - a d) v0 - a c v1] = 0.

The review's inputs (basis "quoted"): Si 3579 mAh/g (Li15Si4), 280 %, 2.329 g/cm3; graphite
372 mAh/g (LiC6), 10 %, 2.26 g/cm3; s = 5 %.  The exact balance rises monotonically because Si
holds more charge per lithiated volume than graphite: Q rho/(1 + beta) = 2190 vs 764 mAh/cm3.
"""

import math
import re

import pytest

F = 96485.33212
Q_SI = 3.75 * F / (3.6 * 28.0855)  # mAh/g, Li15Si4
Q_G = F / (6 * 3.6 * 12.011)  # mAh/g, LiC6
BETA_SI, BETA_G, RHO_SI, RHO_G, S = 2.80, 0.10, 2.329, 2.26, 0.05


def _linear_peak():
    a, b = Q_G, Q_SI - Q_G
    c, d = 1 + S - BETA_G, BETA_SI - BETA_G
    v0, v1 = 1 / RHO_G, 1 / RHO_SI - 1 / RHO_G
    A, B, C = b * d * v1, 2 * b * d * v0, -((b * c - a * d) * v0 - a * c * v1)
    x = (-B + math.sqrt(B * B - 4 * A * C)) / (2 * A)
    return x, a + b * x


def test_example_prints_the_analytic_peak(run_example):
    _, text, tmp_path = run_example("studies_blend")
    m = re.search(r"linearised peak: ([\d.]+) wt% Si, anode (\d+) mAh/g", text)
    x_pct, q = float(m.group(1)), int(m.group(2))
    x, q_hand = _linear_peak()
    assert 100 * x == pytest.approx(11.88, abs=0.005)  # docs/studies.md
    assert x_pct == pytest.approx(100 * x, abs=0.005)  # printed to 2 decimals
    assert q == round(q_hand) == 753
    assert Q_SI * RHO_SI / (1 + BETA_SI) > Q_G * RHO_G / (1 + BETA_G)  # 2190 > 764 mAh/cm3
    assert "exact balance keeps rising: True" in text
    assert (tmp_path / "studies_blend.png").read_bytes()[:4] == b"\x89PNG"
