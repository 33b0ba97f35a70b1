"""Mechanics solver timings: AMG-CG vs sparse direct (FEM), and the voxel FFT-PCG vs assembled AMG-CG.

Run: .venv/bin/python benchmarks/bench_mechanics.py [--quick] [--voxel-only]
Prints one table per comparison with the time ratio.  Same input, same tolerance (1e-8 FEM, 1e-6 voxel).
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pyamg
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import cg

from alloypore.mechanics import CoreShell, ElasticMaterial, PoreCell, fem, hertz_contact
from alloypore.mechanics._voxel_kernels import OFFSETS, apply_K_kernel, apply_K_numpy, hex8_matrices
from alloypore.mechanics.contact import core_shell_contact
from alloypore.mechanics.fem.solvers import rigid_modes
from alloypore.mechanics.voxel import solve_voxel, sphere_pore_image


def fem_direct_vs_amg(quick: bool):
    print("\n## FEM: sparse direct (spsolve/SuperLU) vs pyamg smoothed-aggregation CG")
    print(f"{'case':34s} {'dofs':>8s} {'direct s':>9s} {'amg-cg s':>9s} {'its':>4s} {'direct/amg':>10s} {'rel diff':>9s}")
    cell2, cell3 = PoreCell(100, 30, ElasticMaterial(80, 0.22)), PoreCell(1, 0.25, ElasticMaterial(1, 0.25))
    cases = [("pore cell 2-D n=24", lambda s: fem.pore_cell_2d(cell2, 0.01, n_angle=24, n_radial=24, solver=s)),
             ("pore cell 2-D n=48", lambda s: fem.pore_cell_2d(cell2, 0.01, n_angle=48, n_radial=48, solver=s)),
             ("pore RVE 3-D n=4", lambda s: fem.pore_rve_3d(cell3, 0.01, n_angle=4, n_radial=4, solver=s))]
    if not quick:
        cases.append(("pore RVE 3-D n=6", lambda s: fem.pore_rve_3d(cell3, 0.01, n_angle=6, n_radial=6, solver=s)))
    for name, run in cases:
        t0 = time.perf_counter()
        rd = run("direct")
        td = time.perf_counter() - t0
        t0 = time.perf_counter()
        ra = run("amg")
        ta = time.perf_counter() - t0
        key = "von_mises_max_GPa"
        diff = abs(rd.summary_values[key] - ra.summary_values[key]) / abs(rd.summary_values[key])
        print(f"{name:34s} {rd.n_dofs:8d} {td:9.2f} {ta:9.2f} {ra.iterations or 0:4d} {td / ta:10.2f} {diff:9.1e}")


def _assembled_voxel(labels, E, nu, eps, void_E=1e-6):
    """Assembled global hex8 matrix (void as very soft) + pyamg SA-CG: what a user would write."""
    shape = labels.shape
    N = labels.size
    Kl, Km, g, _ = hex8_matrices(1.0)
    Ev = np.where(labels > 0, E, void_E * E).ravel()
    lam = Ev * nu / ((1 + nu) * (1 - 2 * nu))
    mu = Ev / (2 * (1 + nu))
    idx = np.arange(N).reshape(shape)
    nodes = np.stack([np.roll(idx, tuple(-o for o in off), axis=(0, 1, 2)).ravel() for off in OFFSETS])
    dofs = (3 * nodes[:, None, :] + np.arange(3)[None, :, None]).reshape(24, N)
    Ke = lam[:, None, None] * Kl + mu[:, None, None] * Km
    Ke = Ke.reshape(N, 24, 24)
    rows = np.repeat(dofs.T, 24, axis=1).ravel()
    cols = np.tile(dofs.T, (1, 24)).ravel()
    K = coo_matrix((Ke.ravel(), (rows, cols)), shape=(3 * N, 3 * N)).tocsr()
    fe = ((3 * lam + 2 * mu) * np.where(labels > 0, eps, 0.0).ravel())[None, :] * g[:, None]
    f = np.bincount(dofs.ravel(), weights=fe.ravel(), minlength=3 * N)
    keep = np.arange(3, 3 * N)  # pin node 0 (periodic translation)
    K = K[keep][:, keep]
    f = f[keep]
    B = rigid_modes(np.array(np.unravel_index(np.arange(N), shape), dtype=float), 3)
    t0 = time.perf_counter()
    ml = pyamg.smoothed_aggregation_solver(K, B=B[keep], max_coarse=500)
    its = [0]
    u, info = cg(K, f, rtol=1e-6, M=ml.aspreconditioner(), maxiter=3000, callback=lambda _: its.__setitem__(0, its[0] + 1))
    return time.perf_counter() - t0, its[0], info


def voxel_fft_vs_amg(quick: bool):
    print("\n## Voxel: matrix-free Fourier-preconditioned CG (alloypore) vs assembled hex8 + pyamg SA-CG")
    print(f"{'grid':8s} {'dofs':>9s} {'fft-pcg s':>10s} {'its':>4s} {'amg s':>8s} {'its':>4s} {'amg/fft':>8s}")
    sizes = [24, 40] if quick else [24, 40, 64]
    for n in sizes:
        labels = sphere_pore_image(n, 0.25)
        t0 = time.perf_counter()
        r = solve_voxel(labels, {1: (1.0, 0.25, 0.01)})
        tf = time.perf_counter() - t0
        ta, ia, info = _assembled_voxel(labels, 1.0, 0.25, 0.01)
        flag = "" if info == 0 else " (not converged)"
        print(f"{n:3d}^3    {3 * n**3:9d} {tf:10.2f} {r.iterations:4d} {ta:8.2f} {ia:4d} {ta / tf:8.2f}{flag}")
    if not quick:
        labels = sphere_pore_image(100, 0.25)
        t0 = time.perf_counter()
        r = solve_voxel(labels, {1: (1.0, 0.25, 0.01)})
        print(f"100^3    {3 * 100**3:9d} {time.perf_counter() - t0:10.2f} {r.iterations:4d}   (assembled AMG not run: ~3 GB matrix)")


def voxel_matvec_numba_vs_numpy(quick: bool):
    """The voxel operator: numba node-wise kernel vs the numpy gather / 24x24 / scatter product."""
    print("\n## Voxel matvec: numba node-wise kernel (alloypore) vs numpy element-by-element (np.roll gather/scatter)")
    print(f"{'grid':8s} {'numpy s':>8s} {'numba s':>8s} {'numpy/numba':>11s} {'max rel diff':>12s}")
    Kl, Km, _, _ = hex8_matrices(1.0)
    kern = apply_K_kernel
    for n in ([48] if quick else [48, 100]):
        lab = sphere_pore_image(n, 0.25)
        lam, mu = 0.4 * lab, 0.4 * lab
        u = np.random.default_rng(0).standard_normal((3, n, n, n))
        phase = np.where(lab > 0, 0, -1).astype(np.int32)
        Ktab = (0.4 * Kl + 0.4 * Km)[None]
        out = np.empty_like(u)
        kern(u, phase, Ktab, out)  # compile / load
        t0 = time.perf_counter()
        ref = apply_K_numpy(u, lam, mu, Kl, Km)
        tn = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(3):
            kern(u, phase, Ktab, out)
        tb = (time.perf_counter() - t0) / 3
        diff = np.abs(out - ref).max() / np.abs(ref).max()
        print(f"{n:3d}^3    {tn:8.3f} {tb:8.3f} {tn / tb:11.1f} {diff:12.1e}")


def contact_timing():
    print("\n## Contact (sphere R = 100 nm on the symmetry plane, approach 1 nm): FEM vs Hertz, by element size")
    print(f"{'mesh nm':>8s} {'dofs':>7s} {'time s':>7s} {'a/a_H':>7s} {'p0/p0_H':>8s}")
    for hc in (1.0, 0.5, 0.25):
        t0 = time.perf_counter()
        c = ElasticMaterial(100.0, 0.3)
        s = core_shell_contact(CoreShell(60.0, 40.0, c, c), 0.0, approach_nm=1.0, contact_mesh_nm=hc).summary()
        t = time.perf_counter() - t0
        H = hertz_contact(s["contact_force_nN"], 100.0, c)
        print(f"{hc:8.2f} {s['n_dofs']:7d} {t:7.2f} {s['contact_radius_nm'] / H.contact_radius_nm:7.4f} "
              f"{s['contact_pressure_max_GPa'] / H.peak_pressure_GPa:8.4f}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    if "--voxel-only" not in sys.argv:
        fem_direct_vs_amg(quick)
        contact_timing()
    voxel_matvec_numba_vs_numpy(quick)
    voxel_fft_vs_amg(quick)
