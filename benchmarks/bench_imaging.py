"""Benchmark: alloypore.imaging vs TauFactor (CPU) and PoreSpy on the same blobs volumes.

Run:  python benchmarks/bench_imaging.py [--sizes 200 300] [--ref-python /tmp/refvenv/bin/python]

Every measurement runs in its own child process (clean peak memory, reported
by the child as ru_maxrss).  alloypore runs in this interpreter; TauFactor and
PoreSpy (the ``bench`` extra: ``pip install torch==2.13.0`` first for a CPU
build, then ``taufactor porespy openpnm``) run in ``--ref-python``
(default: env ALLOYPORE_BENCH_REF_PYTHON or this interpreter).

The second tortuosity backend of alloypore (``solver="pyamg"``: pyamg's smoothed-aggregation
AMG, the library a user would otherwise pick for this linear system) runs beside the default.

Volume: ``porespy.generators.blobs(shape=[n]*3, porosity=0.4, blobiness=1,
seed=42)`` (periodic default of PoreSpy 3.2); alloypore uses its bit-identical
port :func:`alloypore.imaging.synthetic.blobs` (checked by sha256 in the
tests).  Tortuosity along axis 0.  Conventions compared like with like:
TauFactor vs alloypore ``bc="faces"`` (c fixed on the outer faces, τ = ε_total
/ D_rel); PoreSpy ``tortuosity_fd`` vs alloypore ``bc="voxel-centres"``
(c fixed on the end voxel layers, L = N - 1, τ = ε_percolating / D_rel).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

CHILD = {
    "alloypore_tau_faces": """
        import sys; sys.path.insert(0, {src!r})
        from alloypore.imaging.synthetic import blobs
        from alloypore.imaging.tortuosity import tortuosity_raw
        im = blobs({n}, porosity=0.4, blobiness=1, seed=42)
        tortuosity_raw(blobs(24, porosity=0.4, seed=1), 0)  # compile (numba cache) outside the timing
        t = time.perf_counter(); r = tortuosity_raw(im, 0, bc="faces"); dt = time.perf_counter() - t
        out = dict(tau=r.tortuosity, iterations=r.iterations, flux_mismatch=r.flux_mismatch)
    """,
    "alloypore_tau_voxel_centres": """
        import sys; sys.path.insert(0, {src!r})
        from alloypore.imaging.synthetic import blobs
        from alloypore.imaging.tortuosity import tortuosity_raw
        im = blobs({n}, porosity=0.4, blobiness=1, seed=42)
        tortuosity_raw(blobs(24, porosity=0.4, seed=1), 0, bc="voxel-centres")
        t = time.perf_counter(); r = tortuosity_raw(im, 0, bc="voxel-centres"); dt = time.perf_counter() - t
        out = dict(tau=r.tortuosity, iterations=r.iterations, flux_mismatch=r.flux_mismatch)
    """,
    "alloypore_tau_pyamg": """
        import sys; sys.path.insert(0, {src!r})
        from alloypore.imaging.synthetic import blobs
        from alloypore.imaging.tortuosity import tortuosity_raw
        im = blobs({n}, porosity=0.4, blobiness=1, seed=42)
        t = time.perf_counter(); r = tortuosity_raw(im, 0, bc="faces", solver="pyamg"); dt = time.perf_counter() - t
        out = dict(tau=r.tortuosity, iterations=r.iterations, flux_mismatch=r.flux_mismatch)
    """,
    "taufactor_cpu": """
        import numpy as np, porespy as ps, taufactor as tf
        im = ps.generators.blobs([{n}]*3, porosity=0.4, blobiness=1, seed=42)
        t = time.perf_counter()
        s = tf.Solver(im.astype(np.uint8), device="cpu")
        s.solve(verbose=False)
        dt = time.perf_counter() - t
        out = dict(tau=float(np.ravel(s.tau)[0]), iterations=int(s.iter))
    """,
    "porespy_tortuosity_fd": """
        import numpy as np, porespy as ps
        im = ps.generators.blobs([{n}]*3, porosity=0.4, blobiness=1, seed=42)
        t = time.perf_counter(); r = ps.simulations.tortuosity_fd(im, axis=0); dt = time.perf_counter() - t
        out = dict(tau=float(r.tortuosity), effective_porosity=float(r.effective_porosity))
    """,
    "alloypore_open_closed": """
        import sys; sys.path.insert(0, {src!r})
        from alloypore.imaging.synthetic import blobs
        from alloypore.imaging.metrics import classify_pores
        im = blobs({n}, porosity=0.4, blobiness=1, seed=42)
        ph = (~im).astype("uint8")
        classify_pores((~blobs(24, porosity=0.4, seed=1)).astype("uint8"), mode="faces")  # compile outside the timing
        t = time.perf_counter(); pc = classify_pores(ph, mode="faces"); dt = time.perf_counter() - t
        out = dict(closed=pc.closed_porosity, total=pc.porosity)
    """,
    "porespy_porosity_by_type": """
        import numpy as np, porespy as ps
        im = ps.generators.blobs([{n}]*3, porosity=0.4, blobiness=1, seed=42)
        t = time.perf_counter(); r = ps.metrics.porosity_by_type(im); dt = time.perf_counter() - t
        out = dict(closed=float(r.closed), total=float(r.total))
    """,
}

PRELUDE = "import json, resource, time, warnings, logging\nwarnings.filterwarnings('ignore')\nlogging.disable(logging.WARNING)\n"
EPILOGUE = "\nout['seconds'] = dt\nout['peak_rss_gb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2\nprint('RESULT ' + json.dumps(out))\n"


def run(name: str, n: int, python: str) -> dict:
    code = PRELUDE + textwrap.dedent(CHILD[name].format(src=SRC, n=n)) + EPILOGUE
    p = subprocess.run([python, "-c", code], capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 300])
    ap.add_argument("--ref-python", default=os.environ.get("ALLOYPORE_BENCH_REF_PYTHON", sys.executable))
    ap.add_argument("--skip", nargs="*", default=[])
    a = ap.parse_args()
    for n in a.sizes:
        res = {}
        for name in CHILD:
            if name in a.skip:
                continue
            py = sys.executable if name.startswith("alloypore") else a.ref_python
            res[name] = run(name, n, py)
            print(f"{n}^3 {name:28s} {json.dumps(res[name])}", flush=True)
        def ratio(ref, ours, key):
            try:
                return res[ref][key] / res[ours][key]
            except (KeyError, ZeroDivisionError, TypeError):
                return float("nan")
        def rel(ref, ours, key="tau"):
            try:
                return res[ours][key] / res[ref][key] - 1
            except (KeyError, ZeroDivisionError, TypeError):
                return float("nan")
        print(f"--- {n}^3 blobs (porosity 0.4, blobiness 1, seed 42), axis 0")
        print(f"tau  alloypore(faces) vs TauFactor CPU: rel diff {rel('taufactor_cpu', 'alloypore_tau_faces'):+.2e}, "
              f"speed-up x{ratio('taufactor_cpu', 'alloypore_tau_faces', 'seconds'):.1f}, "
              f"memory ratio {ratio('alloypore_tau_faces', 'taufactor_cpu', 'peak_rss_gb'):.2f}")
        print(f"tau  alloypore(voxel-centres) vs PoreSpy tortuosity_fd: rel diff "
              f"{rel('porespy_tortuosity_fd', 'alloypore_tau_voxel_centres'):+.2e}, "
              f"speed-up x{ratio('porespy_tortuosity_fd', 'alloypore_tau_voxel_centres', 'seconds'):.1f}, "
              f"peak memory alloypore/PoreSpy {ratio('alloypore_tau_voxel_centres', 'porespy_tortuosity_fd', 'peak_rss_gb'):.2f}")
        print(f"tau  alloypore(faces) default multigrid vs the pyamg backend (solver='pyamg'): rel diff "
              f"{rel('alloypore_tau_pyamg', 'alloypore_tau_faces'):+.2e}, "
              f"speed-up x{ratio('alloypore_tau_pyamg', 'alloypore_tau_faces', 'seconds'):.1f}, "
              f"memory ratio {ratio('alloypore_tau_faces', 'alloypore_tau_pyamg', 'peak_rss_gb'):.2f}")
        print(f"open/closed alloypore vs porosity_by_type: closed diff "
              f"{res.get('alloypore_open_closed', {}).get('closed', float('nan')) - res.get('porespy_porosity_by_type', {}).get('closed', float('nan')):+.2e}, "
              f"speed-up x{ratio('porespy_porosity_by_type', 'alloypore_open_closed', 'seconds'):.1f}")


if __name__ == "__main__":
    main()
