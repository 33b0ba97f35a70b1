"""Elastic spheres (Lame) vs independent numbers: hand calculations, membrane limit, own numerics."""

import numpy as np
import pytest

from alloypore.mechanics import (
    CoreShell,
    ElasticMaterial,
    core_shell_stress,
    hollow_sphere_pressure_stress,
    layered_sphere,
    sphere_eigenstrain_stress_raw,
)

SI, C = ElasticMaterial(80, 0.22), ElasticMaterial(100, 0.3)
ISSUE = CoreShell(50, 10, SI, C)  # a = 50 nm Si core, 10 nm carbon shell


def test_core_shell_issue_case_by_hand():
    # a = 50 nm, b = 60 nm, eps* = 0.01, Si core E = 80 GPa nu = 0.22, C shell E = 100 GPa nu = 0.3.
    # Hand calculation (Lame, displacement match at r = a):
    #   a^3 = 125000, b^3 = 216000, b^3 - a^3 = 91000
    #   core compliance  (1 - 2*0.22)/80 = 0.56/80 = 0.0070 /GPa
    #   shell compliance ((1 - 0.6)*125000 + 1.3*216000/2)/(100*91000) = (50000 + 140400)/9.1e6 = 0.0209231 /GPa
    #   p = 0.01 / 0.0279231 = 0.35813 GPa
    #   hoop(a) = p * 125000/91000 * (1 + 216000/250000) = p * 1.373626 * 1.864 = 0.91696 GPa
    #   hoop(b) = p * 1.373626 * 1.5 = 0.73790 GPa
    p_hand = 0.01 / (0.56 / 80 + (50000 + 140400) / 9.1e6)
    res = core_shell_stress(ISSUE, 0.01)
    assert res.interface_pressure_GPa == pytest.approx(p_hand, rel=1e-12)
    assert round(res.interface_pressure_GPa, 3) == 0.358
    assert round(res.shell_hoop_inner_GPa, 3) == 0.917
    assert round(res.shell_hoop_outer_GPa, 3) == 0.738
    assert res.core_stress_GPa == pytest.approx(-p_hand)


def test_core_shell_thin_shell_limit_is_membrane():
    # thin rigid-ish shell: hoop ~ p a / (2 h) (membrane formula, independent of Lame)
    res = core_shell_stress(CoreShell(100, 0.5, SI, C), 0.001)
    assert res.shell_hoop_inner_GPa == pytest.approx(res.interface_pressure_GPa * 100 / (2 * 0.5), rel=0.01)


def test_core_shell_profile_by_hand():
    # issue case, p = 0.358127 GPa (above); f = p a^3/(b^3 - a^3) = p * 125000/91000 = 0.491932 GPa
    # r = 55 nm: b^3/r^3 = 216000/166375 = 1.298272 -> sigma_r = f (1 - 1.298272) = -0.146730 GPa,
    #            sigma_t = f (1 + 0.649136) = 0.811263 GPa;  core (r = 20 nm): -p in both directions
    p = 0.01 / (0.56 / 80 + (50000 + 140400) / 9.1e6)
    f = p * 125000 / 91000
    sr, st = core_shell_stress(ISSUE, 0.01).profile([20.0, 55.0, 60.0])
    assert sr[0] == pytest.approx(-p) and st[0] == pytest.approx(-p)
    assert sr[1] == pytest.approx(f * (1 - 216000 / 166375), rel=1e-12)
    assert round(sr[1], 5) == -0.14673 and round(st[1], 5) == 0.81126
    assert sr[2] == pytest.approx(0.0, abs=1e-15)  # free outer surface
    assert st[2] == pytest.approx(core_shell_stress(ISSUE, 0.01).shell_hoop_outer_GPa, rel=1e-12)


def test_core_shell_profile_matches_layered_solver_and_plots():
    res = core_shell_stress(ISSUE, 0.01)
    r = np.r_[np.linspace(1.0, 49.5, 50), np.linspace(50.5, 60.0, 40)]  # r = a is on the core side in one, shell in the other
    np.testing.assert_allclose(res.profile(r), layered_sphere([50, 60], [SI, C], [0.01, 0.0]).stresses(r),
                               rtol=1e-9, atol=1e-12)
    assert len(res.plot().axes[0].lines) == 3  # radial, hoop, interface marker


def test_bare_core_is_stress_free():
    res = core_shell_stress(CoreShell(50, 0, SI, C), 0.01)
    assert res.interface_pressure_GPa == 0.0 and res.outer_radial_displacement_nm == pytest.approx(0.5)
    assert np.all(np.asarray(res.profile([10.0, 49.0])) == 0.0)


def test_layered_sphere_reproduces_core_shell_and_split_shell():
    cs = core_shell_stress(ISSUE, 0.01)
    two = layered_sphere([50, 60], [SI, C], [0.01, 0.0])
    sr, st = two.stresses([0.0, 50 + 1e-9, 60.0])
    assert sr[0] == pytest.approx(-cs.interface_pressure_GPa, rel=1e-10)
    assert st[1] == pytest.approx(cs.shell_hoop_inner_GPa, rel=1e-8)
    assert st[2] == pytest.approx(cs.shell_hoop_outer_GPa, rel=1e-10)
    assert sr[2] == pytest.approx(0.0, abs=1e-12)
    # the same shell split in two identical layers must not change anything
    three = layered_sphere([50, 55, 60], [SI, C, C], [0.01, 0, 0])
    r = np.array([10.0, 52.0, 57.0, 59.0])
    np.testing.assert_allclose(three.stresses(r), two.stresses(r), rtol=1e-10, atol=1e-14)


def test_uniform_eigenstrain_same_material_is_stress_free():
    m = ElasticMaterial(80, 0.3)
    s = layered_sphere([50, 60, 70], [m, m, m], [0.02, 0.02, 0.02])
    sr, st = s.stresses(np.linspace(1, 70, 9))
    assert np.abs(sr).max() < 1e-12 and np.abs(st).max() < 1e-12
    assert s.displacement_nm([70.0])[0] == pytest.approx(70 * 0.02)


def test_hollow_sphere_pressure_equilibrium():
    # d sigma_r/dr + 2 (sigma_r - sigma_t)/r = 0, sigma_r(a) = -p, sigma_r(b) = 0
    r = np.linspace(40, 60, 2001)
    sr, st = hollow_sphere_pressure_stress(r, 40, 60, 0.5)
    assert sr[0] == pytest.approx(-0.5) and sr[-1] == pytest.approx(0.0, abs=1e-12)
    res = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(res[5:-5]).max() < 1e-6


def test_radial_profile_stress_matches_lame_for_step_profile():
    # eigenstrain 0.01 in r < 50, 0 in 50 < r < 60, one material: Timoshenko integral vs Lame layers
    E, nu = 100.0, 0.3
    r = np.linspace(0, 60, 60001)
    eps = np.where(r <= 50, 0.01, 0.0)
    sr, st = sphere_eigenstrain_stress_raw(r, eps, E, nu)
    m = ElasticMaterial(E, nu)
    lame = layered_sphere([50, 60], [m, m], [0.01, 0.0])
    probe = np.array([0.0, 20.0, 55.0, 60.0])
    idx = np.searchsorted(r, probe)
    lr, lt = lame.stresses(probe)
    np.testing.assert_allclose(sr[idx], lr, rtol=2e-3, atol=1e-6)
    np.testing.assert_allclose(st[idx], lt, rtol=2e-3, atol=1e-6)


def test_hollow_sphere_profile_free_surfaces():
    r = np.linspace(20, 60, 4001)
    eps = 0.01 * (r / 60) ** 2
    sr, st = sphere_eigenstrain_stress_raw(r, eps, 100, 0.25)
    assert abs(sr[0]) < 1e-9 and abs(sr[-1]) < 1e-9
    eq = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(eq[5:-5]).max() < 1e-4 * np.abs(st).max()
