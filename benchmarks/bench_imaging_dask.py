"""Benchmark: a 1024³ volume stored as zarr, analysed out of core on Dask, with its peak memory.

Run:  python benchmarks/bench_imaging_dask.py [--n 1024] [--tile 256] [--store /tmp/alloypore_bench_1024.zarr]
                                              [--workers 2] [--chunk 256]

1. Generates the volume chunk-wise (never whole in memory): 4×4×4 tiles, each
   ``blobs(256, porosity=0.4, blobiness=1, seed=tile index)`` (alloypore's
   bit-identical port of PoreSpy's generator), written as bool (True = pore)
   into a zarr store with 128³ chunks.  Reused if it exists.
2. Runs the user's command in a child process,
   ``alloypore image analyze STORE --voxel-size 10nm --dask --no-psd --json
   --workers 2 --chunk 256`` (porosity, open / closed / unknown, surface), and
   reports its wall time and peak RSS (``ru_maxrss`` of the child).
3. Equality on a crop: a 256³ region (the corner and the centre of the
   volume) is analysed in memory (:func:`alloypore.imaging.profile.pore_profile`, one block)
   and out of core on 128³ blocks (:func:`alloypore.imaging.pipeline.pore_profile_blocks`);
   the results must be equal (counts exactly,
   surface to float32 rounding).

Peak memory target: under 4 GB for the 1024³ analysis.  There is no other
tool to compare with: PoreSpy and TauFactor hold the whole volume (1 GB as
bool, 4-8 GB for labels) in memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def generate(store: Path, n: int, tile: int) -> None:
    import zarr

    from alloypore.imaging.synthetic import blobs

    if (store / "zarr.json").exists():
        z = zarr.open(str(store), mode="r")
        if z.shape == (n, n, n) and z.attrs.get("tile") == tile and z.attrs.get("complete"):
            print(f"reusing {store}")
            return
    z = zarr.create_array(str(store), shape=(n, n, n), chunks=(128, 128, 128), dtype=bool, overwrite=True)
    k = 0
    t0 = time.perf_counter()
    m = n // tile
    for i in range(m):
        for j in range(m):
            for l in range(m):
                z[i * tile:(i + 1) * tile, j * tile:(j + 1) * tile, l * tile:(l + 1) * tile] = blobs(
                    tile, porosity=0.4, blobiness=1, seed=k)
                k += 1
                print(f"\rgenerating tile {k}/{m**3}", end="", flush=True)
    z.attrs["tile"] = tile
    z.attrs["complete"] = True
    print(f"\ngenerated {n}^3 in {time.perf_counter() - t0:.0f} s")


def analyse_cli(store: Path, workers: int, chunk: int) -> dict:
    exe = Path(sys.executable).parent / "alloypore"
    cmd = [str(exe), "image", "analyze", str(store), "--voxel-size", "10nm", "--dask", "--no-psd", "--json",
           "--mode", "faces", "--workers", str(workers), "--chunk", str(chunk)]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    prof = json.loads(p.stdout)
    return dict(seconds=dt, peak_rss_gb=peak_gb, **{k: prof[k] for k in (
        "porosity", "open_porosity", "closed_porosity", "unknown_porosity", "n_closed_pores",
        "surface_per_solid_volume_um_inv")})


def crop_equality(store: Path, n: int, size: int = 256) -> None:
    import zarr

    from alloypore.imaging.blocks import VolumeSource
    from alloypore.imaging.pipeline import pore_profile_blocks
    from alloypore.imaging.profile import pore_profile

    z = zarr.open(str(store), mode="r")
    c = n // 2 - size // 2
    for name, lo in (("corner", 0), ("centre", c)):
        crop = np.asarray(z[lo:lo + size, lo:lo + size, lo:lo + size])
        ph = (~crop).astype(np.uint8)
        t = time.perf_counter()
        mem, pcm, _ = pore_profile(ph, 10.0, mode="faces", compute_psd=False)
        t_mem = time.perf_counter() - t
        t = time.perf_counter()
        dsk, pcd, _ = pore_profile_blocks(VolumeSource(array=crop), 10.0, mode="faces", compute_psd=False,
                                          chunk=128, workers=2)
        t_dsk = time.perf_counter() - t
        counts_equal = (pcm.open_vox, pcm.closed_vox, pcm.unknown_vox, pcm.n_closed) == (
            pcd.open_vox, pcd.closed_vox, pcd.unknown_vox, pcd.n_closed)
        rel_s = dsk.surface_area_nm2 / mem.surface_area_nm2 - 1
        print(f"crop {size}^3 at {name}: in-memory open/closed/unknown vox {pcm.open_vox}/{pcm.closed_vox}/"
              f"{pcm.unknown_vox} ({pcm.n_closed} closed pores), chunked {pcd.open_vox}/{pcd.closed_vox}/"
              f"{pcd.unknown_vox} ({pcd.n_closed}): {'EQUAL' if counts_equal else 'DIFFERENT'}; surface rel diff "
              f"{rel_s:+.1e}; {t_mem:.1f} s in memory, {t_dsk:.1f} s chunked")
        if not counts_equal or abs(rel_s) > 1e-6:
            raise SystemExit("crop results differ")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--tile", type=int, default=256)
    ap.add_argument("--store", type=Path, default=Path("/tmp/alloypore_bench_1024.zarr"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=256)
    a = ap.parse_args()
    generate(a.store, a.n, a.tile)
    crop_equality(a.store, a.n)
    r = analyse_cli(a.store, a.workers, a.chunk)
    print(f"{a.n}^3 zarr, alloypore image analyze --dask --no-psd ({a.workers} workers, {a.chunk}^3 blocks): "
          f"{r['seconds']:.0f} s, peak RSS {r['peak_rss_gb']:.2f} GB (target < 4 GB)")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
