"""Diffusion-induced stress in a sphere vs independent numerics (own finite volumes) and hand calculations."""

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.sparse import diags

from alloypore.errors import InputError
from alloypore.mechanics import (
    ElasticMaterial,
    LithiatingSphere,
    galvanostatic_center_average,
    galvanostatic_steady_max_GPa,
    potentiostatic_concentration,
    potentiostatic_peak,
    sphere_diffusion,
    sphere_diffusion_stress,
)


def _fd_sphere(bc: str, taus, n=400):
    """Independent numerics: finite-volume method of lines for c_t = (1/x^2)(x^2 c_x)_x on [0, 1].

    The semi-discrete system is linear, dc/dt = A c + s; A (tridiagonal) is passed to the BDF
    integrator as its exact sparse Jacobian.
    """
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
    factor, tau_pk = potentiostatic_peak()
    assert g[k] == pytest.approx(factor, rel=5e-3)
    assert taus[k] == pytest.approx(tau_pk, abs=2e-3)
    # the published numbers (Zhang et al. 2007, Cheng & Verbrugge 2009): 0.1285 at Dt/R^2 ~ 0.057
    assert factor == pytest.approx(0.1285, abs=1e-4)
    assert tau_pk == pytest.approx(0.057, abs=1e-3)


def test_potentiostatic_series_profile_matches_finite_volume():
    xc, c, _ = _fd_sphere("potentiostatic", np.array([0.02, 0.1]))
    series = potentiostatic_concentration(xc, np.array([0.02, 0.1]))
    np.testing.assert_allclose(series, c, atol=3e-3)


def test_galvanostatic_steady_state_against_finite_volume():
    # E = 80 GPa, nu = 0.22, Omega = 8.89 cm3/mol, J = 1e-10 mol/cm2/s, R = 1e-5 cm (100 nm), D = 1e-12 cm2/s
    E, nu, om, J, R, D = 80.0, 0.22, 8.89, 1e-10, 1e-5, 1e-12
    si = ElasticMaterial(E, nu)
    closed = galvanostatic_steady_max_GPa(LithiatingSphere(100.0, si, om, D), J)
    # by hand: 80*8.89*1e-10*1e-5/(15*0.78*1e-12) = 7.112e-13/1.17e-11 = 0.0607863 GPa
    assert closed == pytest.approx(80 * 8.89 * 1e-10 * 1e-5 / (15 * 0.78 * 1e-12), rel=1e-12)
    xc, c, vol = _fd_sphere("galvanostatic", np.array([1.0]))
    c_dim = c[0] * J * R / D
    xs = np.concatenate([[0.0], xc])
    cs = np.concatenate([[c_dim[0]], c_dim])
    sr, st = sphere_diffusion_stress(xs, cs, si, om)
    assert sr[0] == pytest.approx(closed, rel=0.01)  # centre tension
    assert st[-1] == pytest.approx(-closed, rel=0.02)  # surface hoop compression, same magnitude
    # Crank's series gives the same centre value
    c0, cav = galvanostatic_center_average(1.0)
    assert 2 * E * om * (cav[0] - c0[0]) * J * R / D / (9 * (1 - nu)) == pytest.approx(closed, rel=1e-6)


# --------------------------------------------------------------------------- the one call of `stress sphere`
def test_sphere_diffusion_potentiostatic_summary_by_hand():
    # E = 80 GPa, nu = 0.22, Omega = 9 cm3/mol, c_s = 0.01 mol/cm3, R = 100 nm = 1e-5 cm, D = 1e-10 cm2/s
    # peak centre tension 0.1285 * 80 * 9 * 0.01 / 0.78 = 1.1862 GPa at Dt/R^2 = 0.0574, i.e. t = 0.0574 s;
    # initial surface hoop -E Omega c_s / (3 (1 - nu)) = -7.2 / 2.34 = -3.0769 GPa
    sphere = LithiatingSphere(100.0, ElasticMaterial(80.0, 0.22), 9.0, 1e-10, name="Si")
    res = sphere_diffusion(sphere, "potentiostatic", surface_concentration_mol_cm3=0.01)
    s = res.summary()
    assert s["center_tension_peak_GPa"] == pytest.approx(0.1285 * 80 * 9 * 0.01 / 0.78, rel=1e-3)
    assert s["peak_Dt_over_R2"] == pytest.approx(0.0574, abs=2e-4)
    assert s["peak_time_s"] == pytest.approx(0.0574, abs=2e-4)
    assert s["surface_hoop_initial_GPa"] == pytest.approx(-7.2 / 2.34, rel=1e-12)
    assert s["material"] == "Si" and s["radius_nm"] == 100.0 and len(s["profiles_Dt_over_R2"]) == 5
    # the centre of the stress profile at the peak time (trapezoid integral of the profile) is the same peak
    k = int(np.argmin(np.abs(res.Dt_over_R2 - s["peak_Dt_over_R2"])))
    assert res.sigma_r_GPa[k, 0] == pytest.approx(s["center_tension_peak_GPa"], rel=2e-3)
    assert res.sigma_theta_GPa.shape == (5, 201) and len(res.plot().axes[0].lines) == 10


def test_sphere_diffusion_galvanostatic_summary_by_hand():
    # steady centre tension 0.0607863 GPa (hand calculation above); time to steady 0.3 R^2 / D = 0.3 * 1e-10/1e-12 = 30 s
    sphere = LithiatingSphere(100.0, ElasticMaterial(80.0, 0.22), 8.89, 1e-12)
    res = sphere_diffusion(sphere, "galvanostatic", flux_mol_cm2_s=1e-10)
    s = res.summary()
    assert s["steady_center_tension_GPa"] == pytest.approx(0.0607863, rel=1e-5)
    assert s["steady_surface_hoop_GPa"] == -s["steady_center_tension_GPa"]
    assert s["time_to_steady_s"] == pytest.approx(30.0, rel=1e-12)
    # at D t / R^2 = 1 the profile's centre tension has reached the steady value (series, not the closed form)
    assert res.sigma_r_GPa[-1, 0] == pytest.approx(s["steady_center_tension_GPa"], rel=2e-3)


@pytest.mark.parametrize("kw, field", [({"mode": "pulsed"}, "mode"),
                                        ({"surface_concentration_mol_cm3": 0.0}, "surface_concentration_mol_cm3"),
                                        ({"mode": "galvanostatic", "flux_mol_cm2_s": -1.0}, "flux_mol_cm2_s")])
def test_sphere_diffusion_refuses_bad_inputs(kw, field):
    sphere = LithiatingSphere(100.0, ElasticMaterial(80.0, 0.22), 9.0, 1e-10)
    with pytest.raises(InputError) as err:
        sphere_diffusion(sphere, **kw)
    assert str(err.value).startswith(field) and "\n" not in str(err.value)
