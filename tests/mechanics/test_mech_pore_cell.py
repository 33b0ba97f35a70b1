"""Pore cell (Zhou 2012 geometry): generalized plane strain against a closed form, the mesh check, Zhou's trends."""

import math

import numpy as np
import pytest

from alloypore.errors import InputError
from alloypore.mechanics import ElasticMaterial, PoreCell
from alloypore.mechanics.fem import pore_cell_2d, pore_cell_diffusion
from alloypore.mechanics.fem.pore_cell import MESH_TOLERANCE, mesh_change

SI = ElasticMaterial(80.0, 0.22)
C = ElasticMaterial(100.0, 0.3)


def _annulus_gps_hoop(a, R, E, nu, eps):
    """Hoop stress at the free inner wall of a confined annulus (u(R) = 0) with uniform eigenstrain eps,
    generalized plane strain with zero axial force.  Derived by hand:

    in-plane it is plane strain with the 'thermal' term T = 3K eps - lam e0; with u = A r + B/r, u(R) = 0 and
    sigma_r(a) = 0: A = T/D, D = 2(lam + mu) + 2 mu R^2/a^2, sigma_t(a) = -2 mu (R^2/a^2) T / ((lam + mu) + mu R^2/a^2);
    sigma_zz = 2 lam A + (lam + 2 mu) e0 - 3K eps is uniform, zero force gives
    e0 = 3K eps (D - 2 lam) / ((lam + 2 mu) D - 2 lam^2).
    """
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    K3 = 3 * lam + 2 * mu
    rho = R**2 / a**2
    D = 2 * (lam + mu) + 2 * mu * rho
    e0 = K3 * eps * (D - 2 * lam) / ((lam + 2 * mu) * D - 2 * lam**2)
    T = K3 * eps - lam * e0
    return -2 * mu * rho * T / ((lam + mu) + mu * rho), e0


def test_confined_cell_with_free_axis_matches_the_annulus_closed_form():
    # l = 100, r = 5 (r/l = 0.05): the square cell vs the equal-area annulus R = l/sqrt(pi) (docs/mechanics.md:
    # the plane-strain analogue agrees to 0.02 %); E = 100 GPa, nu = 0.3, eps* = 0.01
    hoop, e0 = _annulus_gps_hoop(5.0, 100 / math.sqrt(math.pi), 100.0, 0.3, 0.01)
    res = pore_cell_2d(PoreCell(100.0, 5.0, C), 0.01, bc="confined", axial="free", n_angle=24, n_radial=24)
    s = res.summary_values
    assert s["out_of_plane"].startswith("generalized plane strain")
    assert s["pore_hoop_mean_GPa"] == pytest.approx(hoop, rel=3e-3)
    assert s["axial_strain"] == pytest.approx(e0, rel=3e-3)
    # small-hole limit: biaxial far field -E eps/(1 - nu), Kirsch hoop twice that
    assert hoop == pytest.approx(2 * -100 * 0.01 / 0.7, rel=0.02) and s["confined_far_field_GPa"] == pytest.approx(-1.0 / 0.7)


def test_mesh_check_reports_converged_and_not_converged():
    cell = PoreCell(100.0, 5.0, C)
    ok = pore_cell_2d(cell, 0.01, n_angle=12, n_radial=12, mesh_check=True).summary()
    assert ok["converged"] and ok["note"].startswith("converged") and ok["mesh_check"]["refined_n_angle"] == 24
    assert max(ok["mesh_check"]["relative_change"].values()) <= MESH_TOLERANCE
    d = pore_cell_diffusion(cell, 0.01, [0.002, 0.05], bc="free", n_angle=4, n_radial=4, n_steps=20, mesh_check=True)
    assert d["note"].startswith("not converged at D t / l^2 = 0.002") and not all(d["converged"])
    assert len(d["relative_change"]) == 2 and max(d["relative_change"]) > MESH_TOLERANCE


def test_mesh_change_by_hand():
    # |fine - coarse| / max(|fine|, von Mises max of fine, 0.01 E eps): a near-zero peak is measured against von Mises
    coarse = {"von_mises_max_GPa": 1.00, "max_principal_max_GPa": 0.010, "pore_hoop_max_GPa": -2.00}
    fine = {"von_mises_max_GPa": 1.02, "max_principal_max_GPa": 0.001, "pore_hoop_max_GPa": -2.06}
    ch = mesh_change(coarse, fine, stress_scale_GPa=1.0)
    assert ch["von_mises_max_GPa"] == pytest.approx(0.02 / 1.02)
    assert ch["max_principal_max_GPa"] == pytest.approx(0.009 / 1.02)
    assert ch["pore_hoop_max_GPa"] == pytest.approx(0.06 / 2.06)


def test_diffusion_long_time_limit_is_the_uniform_solution():
    # at D t / l^2 = 3 the concentration is uniform (c = c_s) and the stress that of a uniform eigenstrain
    cell = PoreCell(20.0, 4.0, SI)
    d = pore_cell_diffusion(cell, 0.01, [3.0], bc="confined", n_angle=8, n_radial=8, n_steps=40)
    u = pore_cell_2d(cell, 0.01, bc="confined", n_angle=8, n_radial=8, grading=8.0).summary_values
    assert d["mean_concentration"][0] == pytest.approx(1.0, abs=1e-6)
    assert d["von_mises_max_GPa"][0] == pytest.approx(u["von_mises_max_GPa"], rel=1e-5)


# Zhou et al. 2012 (the review's Fig. 7a, ref. 113): (1) at a fixed pore-to-pore distance l, smaller pores raise the
# maximum lithiation stress; (2) at fixed r/l = 1/3 the maximum stress does not depend on the pore size.  Reproduced
# with the CONFINED boundary (periodic array that cannot expand, eps_zz = 0); with the free boundary (1) fails.
TAUS = np.geomspace(1e-3, 1.0, 5)


def _max_stress(l, r, bc, mesh_check=False, n=10):  # noqa: E741
    d = pore_cell_diffusion(PoreCell(l, r, SI), 0.01, TAUS, bc=bc, n_angle=n, n_radial=n, n_steps=30,
                            mesh_check=mesh_check)
    return d, max(d["von_mises_max_GPa"])


def test_zhou_smaller_pores_at_fixed_spacing_raise_the_stress_confined_and_converged():
    peaks = []
    for r in (1.0, 2.0, 4.0, 8.0):
        d, peak = _max_stress(20.0, r, "confined", mesh_check=True)
        assert all(d["converged"]), (r, d["note"])  # converged stresses agree to 2 % between n and 2n
        assert peak == pytest.approx(max(d["refined"]["von_mises_max_GPa"]), rel=MESH_TOLERANCE)
        peaks.append(peak)
    assert peaks[0] > peaks[1] > peaks[2] > peaks[3]  # 1 nm pores: ~30 % above 8 nm pores
    assert peaks[0] / peaks[3] > 1.2


def test_zhou_trend_fails_with_the_free_boundary():
    # free (zero macro-stress, free axially): the peak is the early-time surface layer, ~E eps/(1 - nu) for any r
    peaks = [_max_stress(20.0, r, "free", n=6)[1] for r in (1.0, 2.0, 4.0, 8.0)]
    assert not (peaks[0] > peaks[1] > peaks[2] > peaks[3])
    assert max(peaks) < 80 * 0.01 / 0.78 * 1.01


def test_zhou_fixed_r_over_l_is_size_invariant():
    peaks = [_max_stress(3.0 * r, r, "confined", n=6)[1] for r in (1.0, 2.0, 4.0, 8.0)]
    assert max(peaks) == pytest.approx(min(peaks), rel=1e-6)


def test_axial_and_mesh_check_errors():
    with pytest.raises(InputError, match="axial"):
        pore_cell_2d(PoreCell(100.0, 5.0, C), 0.01, axial="loose")
    with pytest.raises(InputError, match="mesh_check"):
        pore_cell_2d(PoreCell(100.0, 5.0, C), 0.01, eigenstrain_field=lambda b: 0.01 + 0 * b.X[0], mesh_check=True)
