"""Local thickness: alloypore (exact ball fitting, numba) against PoreSpy's local_thickness(method="dt"), side by side.

Run:  .venv/bin/python benchmarks/bench_imaging_thickness.py   (needs the bench extra: porespy)

On PoreSpy's own blobs (porosity 0.4, blobiness 1, seed 42) at 64^3, 96^3, 128^3: the best of 3 wall times,
their ratio, and the accuracy of each against the exact ball-fitting definition lt(x) = max{dt(c): |x-c| < dt(c)}
(alloypore's map equals it voxel for voxel: tests/imaging/test_imaging_thickness_exact.py checks it against a
brute-force evaluation).  Then the mean pore size each reports, to document the conventions: alloypore's
``mean_pore_size_nm`` is the volume-weighted mean DIAMETER 2r; PoreSpy's local thickness is a RADIUS, binned down
to 25 sizes (``sizes=25``).
"""

from __future__ import annotations

import time

import numpy as np


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    import porespy as ps

    from alloypore.imaging.thickness import local_thickness_vox

    local_thickness_vox(np.pad(np.ones((4, 4, 4), bool), 1))  # numba: compile (or load the cache) once
    print(f"{'volume':>7s} {'ours s':>7s} {'PoreSpy s':>9s} {'ratio':>6s} {'PoreSpy mean |dr|':>17s} {'voxels off':>10s} "
          f"{'mean 2r ours':>12s} {'mean 2r PoreSpy':>15s} {'offset':>7s}")
    for n in (64, 96, 128):
        im = ps.generators.blobs(shape=[n] * 3, porosity=0.4, blobiness=1, seed=42)
        t_ours, ours = best_of(lambda: local_thickness_vox(im))
        t_ps, theirs = best_of(lambda: ps.filters.local_thickness(im, method="dt"))
        err = np.abs(theirs[im] - ours[im])
        d_ours, d_ps = 2 * ours[im].mean(), 2 * theirs[im].mean()
        print(f"{n:>5d}^3 {t_ours:7.3f} {t_ps:9.3f} {t_ps / t_ours:6.2f} {err.mean():17.3f} {100 * (err > 1e-6).mean():9.1f}% "
              f"{d_ours:12.3f} {d_ps:15.3f} {100 * (d_ps / d_ours - 1):+6.1f}%")


if __name__ == "__main__":
    main()
