"""Finite-element solvers vs closed forms (small meshes: each test runs in seconds)."""

import numpy as np
import pytest

from scipy.sparse import diags

from alloypore.errors import ConvergenceError, InputError
from alloypore.mechanics import CoreShell, ElasticMaterial, PoreCell, core_shell_stress, fem

ISSUE = CoreShell(50, 10, ElasticMaterial(80, 0.22), ElasticMaterial(100, 0.3))
C = ElasticMaterial(100.0, 0.3)


def test_axisymmetric_core_shell_within_1_percent_of_lame():
    # issue case: a = 50 nm, b = 60 nm, eps* = 0.01, core 80 GPa / 0.22, shell 100 GPa / 0.3
    # closed form (hand calculation in test_mech_spheres.py): p = 0.358, hoop 0.917 (r=a), 0.738 (r=b)
    res = fem.core_shell_axisymmetric(ISSUE, 0.01, mesh_size_nm=4.0).summary()
    ref = core_shell_stress(ISSUE, 0.01)
    assert res["interface_pressure_GPa"] == pytest.approx(ref.interface_pressure_GPa, rel=0.01)
    assert res["shell_hoop_inner_GPa"] == pytest.approx(ref.shell_hoop_inner_GPa, rel=0.01)
    assert res["shell_hoop_outer_GPa"] == pytest.approx(ref.shell_hoop_outer_GPa, rel=0.01)
    assert res["shell_radial_inner_GPa"] == pytest.approx(-ref.interface_pressure_GPa, rel=0.03)


def test_axisymmetric_converges_with_mesh():
    ref = core_shell_stress(ISSUE, 0.01).shell_hoop_inner_GPa
    e4 = abs(fem.core_shell_axisymmetric(ISSUE, 0.01, mesh_size_nm=4.0).summary()["shell_hoop_inner_GPa"] - ref)
    e2 = abs(fem.core_shell_axisymmetric(ISSUE, 0.01, mesh_size_nm=2.0).summary()["shell_hoop_inner_GPa"] - ref)
    assert e2 < 0.5 * e4  # at least first order; measured ~2.5x (docs/mechanics.md)


def test_confined_plate_hole_hoop_is_twice_far_field():
    # far field of a confined plate (plane strain, zero macro-strain): -E eps*/(1 - 2 nu) = -100*0.01/0.4 = -2.5 GPa
    # small hole in an equibiaxial field: hoop = 2 x far field = -5.0 GPa (Kirsch)
    E, nu, eps = 100.0, 0.3, 0.01
    res = fem.pore_cell_2d(PoreCell(100.0, 5.0, ElasticMaterial(E, nu)), eps, bc="confined", n_angle=12, n_radial=12)
    far = -E * eps / (1 - 2 * nu)
    assert res.summary_values["confined_far_field_GPa"] == pytest.approx(-2.5)
    assert res.summary_values["pore_hoop_mean_GPa"] == pytest.approx(2 * far, rel=0.02)
    assert res.summary_values["pore_hoop_max_GPa"] == pytest.approx(2 * far, rel=0.02)
    # far from the hole (cell corner) the stress is the confined hydrostatic -E eps/(1 - 2 nu)
    corner = np.argmin(np.linalg.norm(res.points_nm - 50.0, axis=0))
    assert res.stress_GPa["hydrostatic"][corner] == pytest.approx(far, rel=0.02)


def test_free_cell_uniform_eigenstrain_is_stress_free():
    # generalized plane strain, free axially (the default with bc="free"): the cell grows by eps* in every
    # direction and carries no stress at all (issue 19: no plane-strain sigma_zz artefact)
    res = fem.pore_cell_2d(PoreCell(100.0, 30.0, C), 0.01, bc="free", n_angle=6, n_radial=6)
    s = res.stress_GPa
    assert max(np.abs(s[k]).max() for k in ("xx", "yy", "zz", "xy", "von_mises")) < 1e-9
    assert res.summary_values["axial"] == "free" and res.summary_values["axial_strain"] == pytest.approx(0.01, rel=1e-9)
    # plane strain (axial fixed): in-plane stress vanishes, sigma_zz = -E eps* (uniaxial constraint along z)
    res = fem.pore_cell_2d(PoreCell(100.0, 30.0, C), 0.01, bc="free", axial="fixed", n_angle=6, n_radial=6)
    s = res.stress_GPa
    assert np.abs(s["xx"]).max() < 1e-9 and np.abs(s["xy"]).max() < 1e-9
    assert np.allclose(s["zz"], -100.0 * 0.01, rtol=1e-8)


def test_elastic_peak_stress_is_scale_invariant_at_fixed_r_over_l():
    a = fem.pore_cell_2d(PoreCell(10.0, 10 / 3, C), 0.01, n_angle=6, n_radial=6).summary_values
    b = fem.pore_cell_2d(PoreCell(1000.0, 1000 / 3, C), 0.01, n_angle=6, n_radial=6).summary_values
    assert a["von_mises_max_GPa"] == pytest.approx(b["von_mises_max_GPa"], rel=1e-8)
    # but at fixed spacing l, a smaller pore changes the peak (the test can fail)
    c = fem.pore_cell_2d(PoreCell(10.0, 1.0, C), 0.01, n_angle=6, n_radial=6).summary_values
    assert abs(c["von_mises_max_GPa"] - a["von_mises_max_GPa"]) > 0.05 * a["von_mises_max_GPa"]


def test_diffusion_size_effect_collapses_onto_Dt_over_l2():
    taus = [0.003, 0.03]
    small = fem.pore_cell_diffusion(PoreCell(8.0, 8 / 3, C), 0.01, taus, n_angle=6, n_radial=6, n_steps=20)
    large = fem.pore_cell_diffusion(PoreCell(800.0, 800 / 3, C), 0.01, taus, n_angle=6, n_radial=6, n_steps=20)
    np.testing.assert_allclose(small["von_mises_max_GPa"], large["von_mises_max_GPa"], rtol=1e-6)
    np.testing.assert_allclose(small["mean_concentration"], large["mean_concentration"], rtol=1e-8)
    # the stress does change with Dt/l^2 (transient), and the cell fills up
    assert abs(small["von_mises_max_GPa"][0] - small["von_mises_max_GPa"][1]) > 0.02
    assert small["mean_concentration"][0] < small["mean_concentration"][1] < 1.0


def hashin_shtrikman_mean_solid_hydrostatic(E, nu, eps, phi):
    """Derivation (also in docs/mechanics.md).

    A porous solid with uniform isotropic eigenstrain eps* expands stress free by eps* (the pores
    grow with it), so at zero macro-strain the macro stress is -3 K_eff eps* (hydrostatic) and,
    as the pores carry no stress, the mean solid stress is -3 K_eff eps*/(1 - phi).  The
    Hashin-Shtrikman upper bound for the bulk modulus with empty pores is
    K_HS = 4 K mu (1 - phi) / (4 mu + 3 K phi).
    E = 1, nu = 0.25, eps = 0.01, phi = 0.0654: K = 2/3, mu = 0.4, K_HS = 0.5760, sigma = -0.01849.
    """
    K, mu = E / (3 * (1 - 2 * nu)), E / (2 * (1 + nu))
    K_hs = 4 * K * mu * (1 - phi) / (4 * mu + 3 * K * phi)
    return -3 * K_hs * eps / (1 - phi)


def test_cubic_array_of_spherical_pores_vs_hashin_shtrikman(rve_fem_n3):
    # l = 1, r = 0.25: porosity 4/3 pi 0.25^3 = 0.0654 (fixture: E = 1, nu = 0.25, eps* = 0.01, confined, n = 3)
    res = rve_fem_n3
    s = res.summary_values
    assert s["porosity"] == pytest.approx(0.0654, abs=1e-4)
    hs = hashin_shtrikman_mean_solid_hydrostatic(1.0, 0.25, 0.01, s["porosity"])
    assert hs == pytest.approx(-0.0185, abs=1e-4)
    assert s["solid_mean_hydrostatic_GPa"] == pytest.approx(hs, rel=0.005)
    assert s["solid_fraction_meshed"] == pytest.approx(1 - s["porosity"], rel=1e-5)


@pytest.mark.parametrize("r", [50.0, 60.0, -1.0])
def test_pore_larger_than_cell_refused(r):
    with pytest.raises(InputError) as err:
        fem.pore_cell_2d(PoreCell(100.0, r, C), 0.01)
    assert "pore_radius_nm" in str(err.value)


# --------------------------------------------------------------------------- the solver seam
def test_amg_cg_agrees_with_direct_on_the_kirsch_cell():
    # the two registered solvers on the same system: same field (and both near the Kirsch value -5 GPa above)
    d = fem.pore_cell_2d(PoreCell(100.0, 5.0, C), 0.01, n_angle=6, n_radial=6, solver="direct")
    a = fem.pore_cell_2d(PoreCell(100.0, 5.0, C), 0.01, n_angle=6, n_radial=6, solver="amg")
    assert (d.solver, a.solver) == ("direct", "amg-cg") and a.iterations > 0
    assert a.summary_values["pore_hoop_mean_GPa"] == pytest.approx(d.summary_values["pore_hoop_mean_GPa"], rel=1e-8)
    np.testing.assert_allclose(a.stress_GPa["von_mises"], d.stress_GPa["von_mises"], rtol=1e-6, atol=1e-9)
    assert set(fem.LINEAR_SOLVERS) == {"direct", "amg"}


def _laplacian(n=2000):
    """1-D Dirichlet Laplacian (SPD, condition ~ n^2) and a load whose exact solution is known: K u = f, u = 1."""
    K = diags([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], [-1, 0, 1], format="csr")
    return K, K @ np.ones(n)


def test_solve_linear_direct_is_exact_and_amg_non_convergence_is_one_line():
    K, f = _laplacian()
    u, name, its = fem.solve_linear(K, f, solver="direct")
    assert name == "direct" and its is None and np.allclose(u, 1.0, atol=1e-9)
    with pytest.raises(ConvergenceError) as err:
        fem.solve_linear(K, f, B=np.ones((K.shape[0], 1)), solver="amg", tol=1e-14, maxiter=1)
    msg = str(err.value)
    assert "\n" not in msg and "did not converge in 1 iterations" in msg and "relative residual" in msg
    assert "solver='direct'" in msg


def test_solve_linear_unknown_solver():
    K, f = _laplacian(10)
    with pytest.raises(InputError) as err:
        fem.solve_linear(K, f, solver="gpu")
    assert str(err.value) == "solver = 'gpu': one of auto, direct, amg"
