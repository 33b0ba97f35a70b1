"""docs/examples/particle_compliant_matrix.py: its printed numbers against hand calculations.

Independent numbers: the pores-first volume budget by hand from the table constants (Si 2.329 g/cm3,
Li15Si4 45.916 cm3/mol, carbon 2.0 g/cm3), the porosity and lithiation fraction that would give the
measured 60.6 % (closed forms), the magnesiothermic framework from molar volumes, and the compliant
model's elastic give by Lamé (E = 100 GPa, nu = 0.3, flow stress 1.0 GPa).
"""

import re

import pytest

BETA_SI = 45.916 / (28.0855 / 2.329) - 1.0
W_SI = (2000.0 - 250.0) / (3578.6 - 250.0)
V_S = W_SI / 2.329 + (1 - W_SI) / 2.0
D_V = W_SI * BETA_SI / 2.329


@pytest.fixture(scope="module")
def printed(run_example):
    _, text, out = run_example("particle_compliant_matrix")
    assert (out / "particle_compliant_matrix.png").read_bytes()[:4] == b"\x89PNG"
    return [[float(v) for v in re.findall(r"\d+\.\d+", line)] for line in text.splitlines()]


def test_pc_np_si_both_models_by_hand(printed):
    w, eps, pf, cm, meas = printed[0]  # "... 52.57 wt% Si at porosity 0.20: pores-first 89.5 %, ..."
    assert eps == 0.2
    v_p = 0.25 * V_S  # porosity 0.2
    hand = 100 * (D_V - v_p) / (V_S + v_p)
    assert w == pytest.approx(100 * W_SI, abs=0.005)
    assert pf == pytest.approx(hand, abs=0.05) and hand == pytest.approx(89.5, abs=0.05)
    assert cm == pytest.approx(hand, abs=0.05)  # the pores run out: the compliant matrix cannot do better
    assert meas == 60.6


def test_what_the_measured_606_needs(printed):
    _, eps_needed, theta, _, td, td_lo, td_hi = printed[1]
    assert td == 0.93
    v_p = (D_V - 0.606 * V_S) / 1.606
    assert eps_needed == pytest.approx(v_p / (V_S + v_p), abs=5e-4) and eps_needed == pytest.approx(0.322, abs=1e-3)
    v_p2 = 0.25 * V_S
    assert theta == pytest.approx((0.606 * (V_S + v_p2) + v_p2) / D_V, abs=5e-4)
    assert td_lo == pytest.approx(1 - 0.93 / 0.55 * V_S, abs=5e-4)
    assert td_hi == pytest.approx(1 - 0.93 / 0.64 * V_S, abs=5e-4)
    assert td_lo < eps_needed < td_hi + 1e-3


def test_kim_microsphere_by_hand(printed):
    framework, fill, td, pf, cm = printed[2]
    assert td == 0.8
    v_sio2, v_si = 60.084 / 2.20, 28.0855 / 2.329
    assert framework == pytest.approx(1 - v_si / v_sio2, abs=5e-4)  # 0.558
    f = (1.25 * v_sio2 - 28.0855) / (2.0 * (v_sio2 - v_si))
    assert fill == pytest.approx(f, abs=5e-4)
    hand = 100 * (BETA_SI * v_si - (v_sio2 - v_si) * (1 - f)) / v_sio2  # per mol Si: growth - pores left
    assert pf == pytest.approx(hand, abs=0.05) and cm == pytest.approx(hand, abs=0.05)


def test_over_porous_particle_compliant_gives_the_lame_elastic_growth(printed):
    _, pf, cm = printed[3]
    eps = 0.6
    v_p = eps * V_S / (1 - eps)
    v_core, v_env = W_SI / 2.329 + v_p, V_S + v_p
    f = v_core / v_env
    k, g = 100 / 1.2, 100 / 2.6
    g_el = 1.0 * (f / k + 0.75 / g) / (1 - f) * v_core
    assert pf == 0.0
    assert cm == pytest.approx(100 * g_el / v_env, abs=0.05)
