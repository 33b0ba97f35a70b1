"""Closed-form lithiation stresses vs independent numbers (hand calculations, own numerics)."""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from alloypore.errors import InputError
from alloypore.mechanics import analytic as an


# --------------------------------------------------------------------------- core-shell
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
    res = an.core_shell_stress(50, 10, 0.01, 80, 0.22, 100, 0.3)
    assert res.interface_pressure_GPa == pytest.approx(p_hand, rel=1e-12)
    assert round(res.interface_pressure_GPa, 3) == 0.358
    assert round(res.shell_hoop_inner_GPa, 3) == 0.917
    assert round(res.shell_hoop_outer_GPa, 3) == 0.738
    assert res.core_stress_GPa == pytest.approx(-p_hand)


def test_core_shell_thin_shell_limit_is_membrane():
    # thin rigid-ish shell: hoop ~ p a / (2 h) (membrane formula, independent of Lame)
    res = an.core_shell_stress(100, 0.5, 0.001, 80, 0.22, 100, 0.3)
    assert res.shell_hoop_inner_GPa == pytest.approx(res.interface_pressure_GPa * 100 / (2 * 0.5), rel=0.01)


def test_layered_sphere_reproduces_core_shell_and_split_shell():
    cs = an.core_shell_stress(50, 10, 0.01, 80, 0.22, 100, 0.3)
    two = an.layered_sphere([50, 60], [80, 100], [0.22, 0.3], [0.01, 0.0])
    sr, st = two.stresses([0.0, 50 + 1e-9, 60.0])
    assert sr[0] == pytest.approx(-cs.interface_pressure_GPa, rel=1e-10)
    assert st[1] == pytest.approx(cs.shell_hoop_inner_GPa, rel=1e-8)
    assert st[2] == pytest.approx(cs.shell_hoop_outer_GPa, rel=1e-10)
    assert sr[2] == pytest.approx(0.0, abs=1e-12)
    # the same shell split in two identical layers must not change anything
    three = an.layered_sphere([50, 55, 60], [80, 100, 100], [0.22, 0.3, 0.3], [0.01, 0, 0])
    r = np.array([10.0, 52.0, 57.0, 59.0])
    np.testing.assert_allclose(three.stresses(r), two.stresses(r), rtol=1e-10, atol=1e-14)


def test_uniform_eigenstrain_same_material_is_stress_free():
    s = an.layered_sphere([50, 60, 70], [80, 80, 80], [0.3, 0.3, 0.3], [0.02, 0.02, 0.02])
    sr, st = s.stresses(np.linspace(1, 70, 9))
    assert np.abs(sr).max() < 1e-12 and np.abs(st).max() < 1e-12
    assert s.displacement_nm([70.0])[0] == pytest.approx(70 * 0.02)


def test_hollow_sphere_pressure_equilibrium():
    # d sigma_r/dr + 2 (sigma_r - sigma_t)/r = 0, sigma_r(a) = -p, sigma_r(b) = 0
    r = np.linspace(40, 60, 2001)
    sr, st = an.hollow_sphere_pressure_stress(r, 40, 60, 0.5)
    assert sr[0] == pytest.approx(-0.5) and sr[-1] == pytest.approx(0.0, abs=1e-12)
    res = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(res[5:-5]).max() < 1e-6


def test_radial_profile_stress_matches_lame_for_step_profile():
    # eigenstrain 0.01 in r < 50, 0 in 50 < r < 60, one material: Timoshenko integral vs Lame layers
    E, nu = 100.0, 0.3
    r = np.linspace(0, 60, 60001)
    eps = np.where(r <= 50, 0.01, 0.0)
    sr, st = an.sphere_eigenstrain_stress_raw(r, eps, E, nu)
    lame = an.layered_sphere([50, 60], [E, E], [nu, nu], [0.01, 0.0])
    probe = np.array([0.0, 20.0, 55.0, 60.0])
    idx = np.searchsorted(r, probe)
    lr, lt = lame.stresses(probe)
    np.testing.assert_allclose(sr[idx], lr, rtol=2e-3, atol=1e-6)
    np.testing.assert_allclose(st[idx], lt, rtol=2e-3, atol=1e-6)


def test_hollow_sphere_profile_free_surfaces():
    r = np.linspace(20, 60, 4001)
    eps = 0.01 * (r / 60) ** 2
    sr, st = an.sphere_eigenstrain_stress_raw(r, eps, 100, 0.25)
    assert abs(sr[0]) < 1e-9 and abs(sr[-1]) < 1e-9
    eq = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(eq[5:-5]).max() < 1e-4 * np.abs(st).max()


# --------------------------------------------------------------------------- diffusion
def _fd_sphere(bc: str, taus, n=400):
    """Independent numerics: finite-volume method of lines for c_t = (1/x^2)(x^2 c_x)_x on [0, 1].

    The semi-discrete system is linear, dc/dt = A c + s; A (tridiagonal) is passed to the BDF
    integrator as its exact sparse Jacobian.
    """
    from scipy.sparse import diags

    xf = np.linspace(0, 1, n + 1)  # faces
    xc = 0.5 * (xf[1:] + xf[:-1])
    vol = (xf[1:] ** 3 - xf[:-1] ** 3) / 3
    area = xf**2
    # conductance of inner faces: flux_f = -(c[i+1] - c[i]) / dx_f through area[f]
    g = area[1:-1] / (xc[1:] - xc[:-1])
    main = np.zeros(n)
    main[:-1] -= g
    main[1:] -= g
    src = np.zeros(n)
    if bc == "potentiostatic":  # c = 1 at x = 1 through the half cell
        gs = area[-1] / (1 - xc[-1])
        main[-1] -= gs
        src[-1] = gs
    else:  # unit inward flux
        src[-1] = area[-1]
    A = diags([g / vol[1:], main / vol, g / vol[:-1]], [-1, 0, 1], format="csc")
    src = src / vol

    def rhs(t, c):
        return A @ c + src

    sol = solve_ivp(rhs, (0, max(taus)), np.zeros(n), t_eval=taus, method="BDF", rtol=1e-8, atol=1e-10, jac=A)
    return xc, sol.y.T, vol


def test_potentiostatic_peak_against_own_finite_volume_solution():
    # Centre tension sigma(0) = 2 E Omega (c_avg - c0) / (9 (1 - nu)) with eps = Omega c / 3.
    taus = np.linspace(0.03, 0.09, 61)
    xc, c, vol = _fd_sphere("potentiostatic", taus)
    cavg = (c * vol).sum(axis=1) / vol.sum()
    c0 = c[:, 0]
    g = 2.0 / 9.0 * (cavg - c0)
    k = int(np.argmax(g))
    factor, tau_pk = an.potentiostatic_peak()
    assert g[k] == pytest.approx(factor, rel=5e-3)
    assert taus[k] == pytest.approx(tau_pk, abs=2e-3)
    # the published numbers (Zhang et al. 2007, Cheng & Verbrugge 2009): 0.1285 at Dt/R^2 ~ 0.057
    assert factor == pytest.approx(0.1285, abs=1e-4)
    assert tau_pk == pytest.approx(0.057, abs=1e-3)


def test_potentiostatic_series_profile_matches_finite_volume():
    xc, c, _ = _fd_sphere("potentiostatic", np.array([0.02, 0.1]))
    series = an.potentiostatic_concentration(xc, np.array([0.02, 0.1]))
    np.testing.assert_allclose(series, c, atol=3e-3)


def test_galvanostatic_steady_state_against_finite_volume():
    # E = 80 GPa, nu = 0.22, Omega = 8.89 cm3/mol, J = 1e-10 mol/cm2/s, R = 1e-5 cm, D = 1e-12 cm2/s
    E, nu, om, J, R, D = 80.0, 0.22, 8.89, 1e-10, 1e-5, 1e-12
    closed = an.galvanostatic_steady_max_GPa(E, nu, om, J, R, D)
    # by hand: 80*8.89*1e-10*1e-5/(15*0.78*1e-12) = 7.112e-13/1.17e-11 = 0.0607863 GPa
    assert closed == pytest.approx(80 * 8.89 * 1e-10 * 1e-5 / (15 * 0.78 * 1e-12), rel=1e-12)
    xc, c, vol = _fd_sphere("galvanostatic", np.array([1.0]))
    c_dim = c[0] * J * R / D
    xs = np.concatenate([[0.0], xc])
    cs = np.concatenate([[c_dim[0]], c_dim])
    sr, st = an.sphere_diffusion_stress(xs, cs, E, nu, om)
    assert sr[0] == pytest.approx(closed, rel=0.01)  # centre tension
    assert st[-1] == pytest.approx(-closed, rel=0.02)  # surface hoop compression, same magnitude
    # Crank's series gives the same centre value
    c0, cav = an.galvanostatic_center_average(1.0)
    assert 2 * E * om * (cav[0] - c0[0]) * J * R / D / (9 * (1 - nu)) == pytest.approx(closed, rel=1e-6)


# --------------------------------------------------------------------------- plastic shell
def test_plastic_shell_by_hand_and_equilibrium():
    r = np.linspace(50, 100, 5001)
    sr, st, p = an.plastic_shell_stress(r, 50, 100, 1.0)
    assert p == pytest.approx(2 * math.log(2))  # 1.3863 GPa
    assert sr[0] == pytest.approx(-p) and sr[-1] == pytest.approx(0)
    assert np.allclose(st - sr, 1.0)  # von Mises = |sigma_t - sigma_r| = sigma_Y everywhere
    eq = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(eq[2:-2]).max() < 1e-6


def test_yield_onset_below_plastic_limit():
    po = an.shell_yield_onset_pressure_GPa(50, 60, 1.0)
    # elastic shell at p: sigma_t - sigma_r at r = a equals 1.5 p b^3/(b^3 - a^3)
    sr, st = an.hollow_sphere_pressure_stress(np.array([50.0]), 50, 60, po)
    assert (st - sr)[0] == pytest.approx(1.0, rel=1e-12)
    assert po < an.plastic_shell_stress([55.0], 50, 60, 1.0)[2]


# --------------------------------------------------------------------------- stress-limited design
def test_stress_limited_fraction_by_hand():
    # hoop at r = a per unit eps* is 0.91696/0.01 = 91.696 GPa; strength 2 GPa -> eps_lim = 0.021811
    # theta = ((1 + eps)^3 - 1)/beta with beta = 2.8: (1.021811^3 - 1)/2.8 = 0.066851/2.8 = 0.023875
    res = an.stress_limited_fraction(50, [(10, 100, 0.3)], 80, 0.22, 2.8, [2.0])
    eps_lim = 2.0 / (an.core_shell_stress(50, 10, 0.01, 80, 0.22, 100, 0.3).shell_hoop_inner_GPa / 0.01)
    assert res["eigenstrain_limit"] == pytest.approx(eps_lim, rel=1e-8)
    assert res["theta_limit"] == pytest.approx(((1 + eps_lim) ** 3 - 1) / 2.8, rel=1e-10)
    assert res["limited_by"] == "shell1_tension"


def test_shell_optimum_matches_independent_maximisation():
    # Independent route: two-layer closed form (core_shell_stress, not the N-layer solver), the
    # theta(eps) and mass formulas written out here, maximised with a bounded scalar optimiser.
    from scipy.optimize import minimize_scalar

    beta, strength, a = 2.8, 40.0, 50.0

    def capacity(h):
        hoop_per_eps = an.core_shell_stress(a, h, 0.01, 80, 0.22, 100, 0.3).shell_hoop_inner_GPa / 0.01
        eps_lim = min(strength / hoop_per_eps, (1 + beta) ** (1 / 3) - 1)
        theta = ((1 + eps_lim) ** 3 - 1) / beta
        m_core, m_shell = 2.33 * a**3, 2.0 * ((a + h) ** 3 - a**3)
        return 3579 * theta * m_core / (m_core + m_shell)

    opt = minimize_scalar(lambda h: -capacity(h), bounds=(1, 100), method="bounded", options={"xatol": 1e-4})
    res = an.shell_optimum(a, 80, 0.22, beta, 3579, 2.33, 100, 0.3, strength, 2.0, 0.0,
                           thickness_range_nm=(1, 500), n=800)
    assert res.best_capacity_mAh_g == pytest.approx(-opt.fun, rel=1e-4)
    assert res.best_shell_thickness_nm == pytest.approx(opt.x, rel=0.02)
    # the optimum is interior: thinner shells crack early, thicker ones dilute the Si
    assert 0.2 < res.best_theta_limit < 1.0
    assert res.usable_capacity_mAh_g[0] < res.best_capacity_mAh_g > res.usable_capacity_mAh_g[-1]


@pytest.mark.parametrize(
    "kw",
    [
        dict(core_E_GPa=-1.0),
        dict(core_nu=0.5),
        dict(shell_nu=0.7),
        dict(shell_thickness_nm=-1.0),
        dict(core_radius_nm=0.0),
    ],
)
def test_core_shell_rejects_unphysical(kw):
    args = dict(core_radius_nm=50, shell_thickness_nm=10, eigenstrain=0.01, core_E_GPa=80, core_nu=0.22,
                shell_E_GPa=100, shell_nu=0.3)
    args.update(kw)
    with pytest.raises(InputError) as err:
        an.core_shell_stress(**args)
    assert "\n" not in str(err.value) and list(kw)[0] in str(err.value)
