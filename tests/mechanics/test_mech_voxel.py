"""Voxel solver vs closed forms and vs the FEM 1/8 cell."""

import numpy as np
import pytest

from alloypore.errors import ConvergenceError, DataFileError, InputError
from alloypore.mechanics._voxel_kernels import apply_K_kernel, apply_K_numpy, hex8_matrices
from alloypore.mechanics.voxel import read_label_image, solve_voxel, sphere_pore_image


def test_homogeneous_confined_block():
    # uniform eigenstrain, zero macro-strain: sigma = -3 K eps* = -E eps*/(1 - 2 nu) = -1*0.01/0.5 = -0.02
    r = solve_voxel(np.ones((6, 6, 6), int), {1: (1.0, 0.25, 0.01)})
    assert np.allclose(r.stress_GPa["hydrostatic"], -0.02, rtol=1e-9)


def test_laminate_exact():
    # two layers (equal thickness, stacked along x), same E = 10, nu = 0.3, eigenstrains 0.02 and 0;
    # zero macro-strain.  lam = 5.769, mu = 3.846, 3K = 25.0, lam + 2 mu = 13.46.
    # eps_xx(A) = -eps_xx(B) = 3K (eA - eB) / (2 (lam + 2 mu)); sigma_xx = -3K (eA + eB)/2 (both layers)
    # sigma_yy(A) = lam eps_xx(A) - 3K eA
    E, nu, eA = 10.0, 0.3, 0.02
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    k3 = 3 * lam + 2 * mu
    exA = k3 * eA / (2 * (lam + 2 * mu))
    labels = np.ones((8, 3, 3), int)
    labels[4:] = 2
    r = solve_voxel(labels, {1: (E, nu, eA), 2: (E, nu, 0.0)}, tol=1e-10)
    s = r.stress_GPa
    assert np.allclose(s["xx"], -k3 * eA / 2, rtol=1e-6)
    # voxel centres of the A layer away from the interfaces
    assert s["yy"][1, 1, 1] == pytest.approx(lam * exA - k3 * eA, rel=1e-6)
    assert s["yy"][6, 1, 1] == pytest.approx(lam * (-exA), rel=1e-6)


@pytest.mark.parametrize("eA", [0.02, -0.02])
def test_laminate_max_principal_in_compression_and_tension(eA):
    # the laminate above: sigma_xx = -3K eA/2 everywhere, in-plane sigma_yy = sigma_zz = lam exA - 3K eA (A) and
    # -lam exA (B), exA = 3K eA/(2 (lam + 2 mu)).  eA = +0.02 (lithiating A): every principal stress is negative,
    # the largest is B's -lam exA = -0.1071; eA = -0.02 (delithiating A): A's in-plane +0.3929 is the largest.
    E, nu = 10.0, 0.3
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    k3 = 3 * lam + 2 * mu
    exA = k3 * eA / (2 * (lam + 2 * mu))
    candidates = {"xx": -k3 * eA / 2, "A": lam * exA - k3 * eA, "B": -lam * exA}
    labels = np.ones((8, 3, 3), int)
    labels[4:] = 2
    sm = solve_voxel(labels, {1: (E, nu, eA), 2: (E, nu, 0.0)}, voxel_size_nm=2.0, tol=1e-10).summary()
    assert sm["max_principal_max_GPa"] == pytest.approx(max(candidates.values()), rel=1e-6)
    layer = max(candidates, key=candidates.get)
    x = sm["max_principal_location_nm"][0]
    assert (x < 8.0) if layer == "A" else (x > 8.0)  # voxel size 2 nm: layer A is x < 8 nm
    assert (sm["max_principal_max_GPa"] < 0) == (eA > 0)


@pytest.mark.parametrize("e", [0.01, -0.01])
def test_max_principal_is_taken_over_solid_voxels_only(e):
    # a solid slab and a pore slab stacked along x, confined: the pore carries no traction, so sigma_xx = 0 and the
    # slab is biaxially confined, sigma_yy = sigma_zz = -E e/(1 - nu) (= -0.01333 GPa for e = 0.01, E = 1, nu = 0.25).
    # Lithiating (e > 0): max principal = 0 (sigma_xx) in the SOLID; delithiating: +E|e|/(1 - nu).  Before the fix the
    # arg-max also ran over the zeroed pore voxels and reported a pore location.
    labels = np.ones((8, 3, 3), int)
    labels[:3] = 0
    r = solve_voxel(labels, {1: (1.0, 0.25, e)}, tol=1e-12)
    sm = r.summary()
    biax = -1.0 * e / 0.75
    assert sm["max_principal_max_GPa"] == pytest.approx(max(0.0, biax), abs=1e-9)
    assert sm["von_mises_max_GPa"] == pytest.approx(abs(biax), rel=1e-6)
    assert sm["max_principal_location_nm"][0] > 3.0 and sm["von_mises_max_location_nm"][0] > 3.0  # in the solid


def test_porous_solid_in_compression_reports_a_negative_max_principal():
    # issue 19: a confined porous solid lithiating is compressed everywhere; the largest principal stress of the
    # SOLID is negative (it was reported as 0 from a pore voxel)
    sm = solve_voxel(sphere_pore_image(12, 0.3), {1: (80.0, 0.22, 0.01)}).summary()
    loc = np.floor(np.asarray(sm["max_principal_location_nm"])).astype(int)
    assert sm["max_principal_max_GPa"] < 0 and sphere_pore_image(12, 0.3)[tuple(loc)] == 1


def test_cubic_array_voxel_matches_fem_and_hashin_shtrikman(rve_fem_n3):
    labels = sphere_pore_image(24, 0.25)
    vox = solve_voxel(labels, {1: (1.0, 0.25, 0.01)}).summary()
    fe = rve_fem_n3.summary_values  # l = 1, r = 0.25, E = 1, nu = 0.25, eps* = 0.01, confined
    assert vox["solid_mean_hydrostatic_GPa"] == pytest.approx(fe["solid_mean_hydrostatic_GPa"], rel=0.01)
    # HS derivation in test_mech_fem.py: -3 K_HS eps/(1 - phi) with the voxel porosity
    K, mu, phi = 2 / 3, 0.4, vox["porosity"]
    hs = -3 * 4 * K * mu * (1 - phi) / (4 * mu + 3 * K * phi) * 0.01 / (1 - phi)
    assert abs(vox["solid_mean_hydrostatic_GPa"]) <= abs(hs) * 1.002
    assert vox["solid_mean_hydrostatic_GPa"] == pytest.approx(hs, rel=0.01)


def test_free_bc_zero_mean_pressure_and_isolated_particle():
    # a solid ball in void with uniform eigenstrain expands freely: (near) zero stress
    labels = 1 - sphere_pore_image(16, 0.3)
    r = solve_voxel(labels, {1: (1.0, 0.25, 0.01)})
    assert np.abs(r.stress_GPa["von_mises"]).max() < 1e-6
    labels = sphere_pore_image(12, 0.25)
    r = solve_voxel(labels, {1: (1.0, 0.25, 0.01)}, bc="free")
    assert abs(r.summary()["cell_mean_hydrostatic_GPa"]) < 1e-8


def test_bad_inputs():
    with pytest.raises(InputError):
        solve_voxel(np.ones((4, 4, 4), int), {1: (-1.0, 0.25, 0.01)})
    with pytest.raises(InputError):
        solve_voxel(np.zeros((4, 4, 4), int), {1: (1.0, 0.25, 0.01)})
    with pytest.raises(InputError):
        solve_voxel(np.ones((4, 4), int), {1: (1.0, 0.25, 0.01)})
    for h in (-1.0, 0.0, float("nan"), float("inf")):
        with pytest.raises(InputError, match="voxel_size_nm"):
            solve_voxel(np.ones((4, 4, 4), int), {1: (1.0, 0.25, 0.01)}, voxel_size_nm=h)


def test_numba_operator_equals_element_by_element_reference():
    # the compiled node-wise matvec must equal the plain gather / 24x24 / scatter product (two phases + void)
    rng = np.random.default_rng(1)
    lab = rng.integers(0, 3, (5, 6, 7))
    u = rng.standard_normal((3, 5, 6, 7))
    Kl, Km, _, _ = hex8_matrices(1.0)
    lam_of, mu_of = np.array([0.0, 1.3, 2.0]), np.array([0.0, 0.7, 1.1])
    ref = apply_K_numpy(u, lam_of[lab], mu_of[lab], Kl, Km)
    phase = np.where(lab == 0, -1, lab - 1).astype(np.int32)
    Ktab = np.stack([lam_of[i] * Kl + mu_of[i] * Km for i in (1, 2)])
    out = np.empty_like(u)
    apply_K_kernel(u, phase, Ktab, out)
    np.testing.assert_allclose(out, ref, rtol=0, atol=1e-13 * np.abs(ref).max())
    assert np.abs(ref).max() > 1.0  # non-trivial


def test_non_convergence_is_one_line_convergence_error():
    # a cubic pore array needs ~20 iterations to 1e-6 (docs/mechanics.md): 2 are not enough
    with pytest.raises(ConvergenceError) as err:
        solve_voxel(sphere_pore_image(8, 0.25), {1: (1.0, 0.25, 0.01)}, max_iter=2)
    msg = str(err.value)
    assert "\n" not in msg and "did not converge in 2 iterations" in msg and "max_iter" in msg


def test_read_label_image(tmp_path):
    lab = sphere_pore_image(4, 0.3)
    np.save(tmp_path / "v.npy", lab)
    np.testing.assert_array_equal(read_label_image(tmp_path / "v.npy"), lab)
    np.save(tmp_path / "f.npy", lab.astype(float))
    with pytest.raises(DataFileError) as err:
        read_label_image(tmp_path / "f.npy")
    assert "labels must be integers" in str(err.value)
    (tmp_path / "v.csv").write_text("1,2\n")
    with pytest.raises(DataFileError):
        read_label_image(tmp_path / "v.csv")
