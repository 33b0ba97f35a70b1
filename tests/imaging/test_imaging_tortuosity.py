"""Tortuosity solver against analytic answers and against TauFactor / PoreSpy reference values."""

import numpy as np
import pytest

from alloypore.errors import ConvergenceError, InputError
from alloypore.imaging import synthetic as syn
from alloypore.imaging.tortuosity import SOLVERS, percolating_cluster, tortuosity, tortuosity_raw
from alloypore.imaging.tortuosity.problem import set_up


@pytest.mark.parametrize("axis", [0, 1, 2])
@pytest.mark.parametrize("bc", ["faces", "voxel-centres"])
def test_straight_channels_and_half_slab_tau_is_one(axis, bc):
    ch = syn.straight_channels((24, 28, 20), axis=axis, width=3, spacing=7)
    r = tortuosity_raw(ch == 0, axis, bc=bc)
    assert r.tortuosity == pytest.approx(1.0, rel=1e-3)
    slab = syn.half_slab((22, 18, 26), axis=axis)
    r = tortuosity_raw(slab == 0, axis, bc=bc)
    assert r.tortuosity == pytest.approx(1.0, rel=1e-3)
    assert r.relative_diffusivity == pytest.approx(r.porosity, rel=1e-3)  # D_eff = eps D for straight pores


def _jog_channel(N=20, A_side=9, shift=5, at=8):
    """One-voxel-wide channel along axis 0 that steps sideways by `shift` voxels at layer `at`."""
    pore = np.zeros((N, A_side, A_side), dtype=bool)
    pore[: at + 1, 1, 4] = True
    pore[at, 1 : 1 + shift + 1, 4] = True
    pore[at:, 1 + shift, 4] = True
    return pore


def test_jogged_channel_matches_series_resistance():
    # A 1-voxel-wide path of P = N + shift voxels is a chain of conductances.
    # faces BC: R = 1/2 + (P-1) + 1/2 = P, J = 1/P, D_rel = J N / A, eps = P / (N A)
    #           => tau = eps / D_rel = (P / N)^2.
    # voxel-centres BC: R = P - 1, D_rel = J (N-1) / A, eps = P/(N A) => tau = P (P-1) / (N (N-1)).
    N, A_side, shift = 20, 9, 5
    P = N + shift
    pore = _jog_channel(N, A_side, shift)
    assert pore.sum() == P
    r = tortuosity_raw(pore, 0, bc="faces")
    assert r.tortuosity == pytest.approx((P / N) ** 2, rel=1e-4)  # 1.5625; solver ftol 1e-4
    assert r.flux_in == pytest.approx(1 / P, rel=1e-4)
    r = tortuosity_raw(pore, 0, bc="voxel-centres")
    assert r.tortuosity == pytest.approx(P * (P - 1) / (N * (N - 1)), rel=1e-4)


def test_dead_ends_and_isolated_pores_do_not_change_the_flux():
    pore = _jog_channel()
    base = tortuosity_raw(pore, 0, bc="faces")
    more = pore.copy()
    more[10, 7, 7] = True  # isolated voxel: no flux, but it counts in TauFactor's total porosity
    more[3, 2:5, 4] = True  # dead-end branch on the path
    r = tortuosity_raw(more, 0, bc="faces")
    assert r.flux_in == pytest.approx(base.flux_in, rel=1e-4)
    assert r.total_porosity == pytest.approx((pore.sum() + 4) / pore.size)
    assert percolating_cluster(more, 0).sum() == pore.sum() + 3


def test_low_porosity_blobs_converge_on_flux_balance():
    b = syn.blobs(48, porosity=0.2, blobiness=1, seed=3)
    assert percolating_cluster(b, 0).any()  # this seed percolates (near the threshold, ~0.2): a real test case
    r = tortuosity_raw(b, 0)
    assert r.converged and r.flux_mismatch < 1e-4
    assert r.tortuosity > 1.5


def test_no_percolating_path_is_refused():
    pore = np.zeros((10, 10, 10), dtype=bool)
    pore[:4, 5, 5] = True
    with pytest.raises(InputError, match="connecting the two faces"):
        tortuosity_raw(pore, 0)
    with pytest.raises(InputError, match="axis"):
        tortuosity(np.zeros((5, 5, 5), np.uint8), axis="w")


# Reference values, computed once (this repo's benchmarks/bench_imaging.py, /tmp venv with
# torch 2.13.0 CPU, taufactor 1.2.1, porespy 3.2.0, openpnm 3.6.4) on
# porespy.generators.blobs(shape=[128]*3, porosity=0.4, blobiness=1, seed=42), axis 0:
#   TauFactor  tf.Solver(im.astype(uint8), device="cpu").solve()        -> tau = TAU_TAUFACTOR_128
#   PoreSpy    ps.simulations.tortuosity_fd(im, axis=0).tortuosity     -> tau = TAU_PORESPY_128
# (TauFactor converged with its defaults, conv_crit 1e-2; PoreSpy with ftol 1e-3; alloypore gives
# 2.60481 and 2.58969, i.e. +1.6e-4 and +1.2e-4 relative, with the default solver settings.)
TAU_TAUFACTOR_128 = 2.6044037342071533
TAU_PORESPY_128 = 2.5893873155598013


def test_blobs_128_against_taufactor_and_porespy():
    b = syn.blobs(128, porosity=0.4, blobiness=1, seed=42)
    r = tortuosity_raw(b, 0, bc="faces")
    assert r.tortuosity == pytest.approx(TAU_TAUFACTOR_128, rel=3e-3)
    r = tortuosity_raw(b, 0, bc="voxel-centres")
    assert r.tortuosity == pytest.approx(TAU_PORESPY_128, rel=3e-3)


# ---------------------------------------------------------------- the solver seam
@pytest.mark.parametrize("bc", ["faces", "voxel-centres"])
def test_pyamg_backend_gives_the_series_resistance_answer(bc):
    # the jogged channel has an exact answer (test above); the second backend must reproduce it
    N, shift = 20, 5
    P = N + shift
    pore = _jog_channel(N, 9, shift)
    exact = (P / N) ** 2 if bc == "faces" else P * (P - 1) / (N * (N - 1))
    r = tortuosity_raw(pore, 0, bc=bc, solver="pyamg")
    assert r.converged and r.tortuosity == pytest.approx(exact, rel=1e-4)


def test_backends_agree_on_blobs():
    b = syn.blobs(40, porosity=0.4, blobiness=1, seed=4)
    for axis in (0, 2):
        mg = tortuosity_raw(b, axis, return_concentration=True)
        amg = tortuosity_raw(b, axis, solver="pyamg", return_concentration=True)
        assert amg.tortuosity == pytest.approx(mg.tortuosity, rel=3e-4)  # both stop at ftol 1e-4, rtol 1e-6
        assert (mg.porosity, mg.percolating_porosity) == (amg.porosity, amg.percolating_porosity)
        np.testing.assert_allclose(amg.concentration, mg.concentration, atol=1e-3)  # same NaN pattern, same field


def test_problem_matrix_is_the_conductance_laplacian():
    # a straight 1-voxel channel of N voxels along z, faces bc: tridiagonal with 2 + 1 at the ends (half-voxel
    # boundary conductance 2), rhs 2 at the inlet; c is linear from 1 - 1/(2N) to 1/(2N)
    N = 6
    pore = np.zeros((N, 3, 3), dtype=bool)
    pore[:, 1, 1] = True
    A, b, _ = set_up(pore, 0, "faces").matrix()
    assert A.toarray().diagonal().tolist() == [3.0] + [2.0] * (N - 2) + [3.0]
    assert b.tolist() == [2.0] + [0.0] * (N - 1)
    c = np.linalg.solve(A.toarray(), b)
    np.testing.assert_allclose(c, 1 - (np.arange(N) + 0.5) / N)


def test_unknown_solver_and_non_convergence_are_one_line_errors():
    assert "multigrid" in SOLVERS and "pyamg" in SOLVERS
    pore = _jog_channel()
    with pytest.raises(InputError, match="solver = 'gpu'.*multigrid"):
        tortuosity_raw(pore, 0, solver="gpu")
    with pytest.raises(ConvergenceError, match="max_iter = 1") as err:
        tortuosity_raw(syn.blobs(32, porosity=0.4, seed=1), 0, max_iter=1)
    assert "\n" not in str(err.value)
