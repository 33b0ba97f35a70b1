"""Electrode tortuosity factor: alloypore's exact low-frequency limit against TauFactor's ElectrodeSolver, side by side.

Run:  .venv/bin/python benchmarks/bench_imaging_electrode.py [N ...]   (needs the bench extra: taufactor, torch CPU)

On alloypore's bit-identical port of PoreSpy's blobs (porosity 0.5, seed 1) of N^3 voxels: tau_e, wall time of each
and the ratio.  TauFactor iterates a complex SOR at omega 1e-6, then 1e-7, until two runs agree to 1e-3 (its default
criteria); alloypore solves one real symmetric system (pyamg CG) for the omega -> 0 limit.
"""

from __future__ import annotations

import sys
import time
import warnings

from alloypore.imaging.synthetic import blobs
from alloypore.imaging.tortuosity.electrode import electrode_tortuosity


def main(sizes) -> None:
    import torch
    import taufactor as tau

    print(f"{'volume':>7s} {'tau_e alloypore':>15s} {'tau_e TauFactor':>15s} {'rel. diff':>9s} {'alloypore s':>11s} "
          f"{'TauFactor s':>11s} {'speed-up':>8s}")
    for n in sizes:
        img = blobs((n, n, n), porosity=0.5, seed=1)
        t0 = time.perf_counter()
        ours = electrode_tortuosity(img).tau_e
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            solver = tau.ElectrodeSolver(img.astype(float), device=torch.device("cpu"))
            solver.solve(verbose=False, iter_limit=500000)
        t_tf = time.perf_counter() - t0
        theirs = float(solver.tau_e)
        print(f"{n:>5d}^3 {ours:15.6f} {theirs:15.6f} {ours / theirs - 1:+9.1e} {t_ours:11.3f} {t_tf:11.1f} {t_tf / t_ours:8.0f}x")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [24, 32, 48])
