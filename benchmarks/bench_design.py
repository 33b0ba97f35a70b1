"""Vectorised design chain vs a plain loop over the one-design path, in one run.

    .venv/bin/python benchmarks/bench_design.py            # 1e6-design grid + loop of 300
    .venv/bin/python benchmarks/bench_design.py --big 1e8  # also a streamed 1e8-design sweep

Prints designs/s of (a) a Python loop over ``evaluate_design`` (what a user would write
without alloypore.design), (b) ``alloypore.design.sweep`` on one core, (c) the same
chunks on a 2-thread pool of :func:`alloypore.parallel.map_ordered` (numpy releases the GIL), and the ratios.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from alloypore.cell import evaluate_arrays, evaluate_design, example_spec
from alloypore.design import parse_vary, sweep, sweep_summary
from alloypore.design.grid import Grid
from alloypore.design.sweep import _concat, _eval_chunk
from alloypore.parallel import map_ordered
from alloypore.progress import settings


def loop_rate(spec, n=300):
    rng = np.random.default_rng(0)
    specs = []
    for p, f in zip(rng.uniform(0.3, 0.7, n), rng.uniform(0, 1, n)):
        s = spec.model_copy(deep=True)
        s.particle.porosity = float(p)
        s.particle.closed_pore_fraction = float(f)
        specs.append(s)
    t = time.perf_counter()
    out = [evaluate_design(s, budget_points=0) for s in specs]
    dt = time.perf_counter() - t
    return n / dt, out, specs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="grid side (n x n designs)")
    ap.add_argument("--big", type=float, default=0, help="also stream a sweep of this many designs")
    a = ap.parse_args()
    spec = example_spec()
    r_loop, out, specs = loop_rate(spec)
    # correctness: the grid path equals the loop path on the loop's designs
    cols = evaluate_arrays(spec, {"particle.porosity": np.array([s.particle.porosity for s in specs]),
                                  "particle.closed_pore_fraction": np.array([s.particle.closed_pore_fraction for s in specs])})
    np.testing.assert_allclose(cols.cell.energy_density_Wh_kg, [float(o.cell.energy_density_Wh_kg) for o in out], rtol=1e-12)

    axes = parse_vary(spec, [f"particle.porosity=0.3:0.7:{a.n}", f"particle.closed_pore_fraction=0:1:{a.n}"])
    n = a.n * a.n
    sweep(spec, axes)  # warm-up
    t = time.perf_counter()
    res = sweep(spec, axes)
    r_vec = n / (time.perf_counter() - t)

    grid = Grid(tuple(axes))
    chunks = grid.chunks(1 << 16)
    t = time.perf_counter()
    parts = list(map_ordered(_eval_chunk, chunks, shared=(spec, grid), threads=2, description="sweep, 2 threads"))
    r_thr = n / (time.perf_counter() - t)
    table = _concat(parts)
    assert all(np.array_equal(table[k], res.columns[k], equal_nan=table[k].dtype.kind == "f") for k in table)

    print(f"cores available: {os.cpu_count()}; designs: {n:,} ({len(res.columns)} columns each)")
    print(f"loop over evaluate_design : {r_loop:12,.0f} designs/s")
    print(f"sweep, 1 core             : {r_vec:12,.0f} designs/s   ratio {r_vec / r_loop:8.0f}x")
    print(f"sweep, 2 threads          : {r_thr:12,.0f} designs/s   ratio {r_thr / r_loop:8.0f}x")

    if a.big:
        settings.show_progress = True
        side = int(round(np.sqrt(a.big)))
        axes = parse_vary(spec, [f"particle.porosity=0.3:0.7:{side}", f"electrode.composite_mass_fraction=0.02:0.5:{side}"])
        t = time.perf_counter()
        s = sweep_summary(spec, axes, objectives=["cell.energy_density_Wh_kg"],
                          columns=["cell.energy_density_Wh_kg", "cell.energy_density_Wh_L", "electrode.swelling_pct"],
                          chunk_size=1 << 18)
        dt = time.perf_counter() - t
        b = s.best["cell.energy_density_Wh_kg"]
        print(f"streamed sweep: {s.n_designs:,} designs in {dt:.1f} s = {s.n_designs / dt:,.0f} designs/s (1 core), "
              f"{s.n_feasible:,} feasible; best {b['value']:.2f} Wh/kg at porosity {b['row']['particle.porosity']:.4f}, "
              f"composite {b['row']['electrode.composite_mass_fraction']:.4f}")


if __name__ == "__main__":
    main()
