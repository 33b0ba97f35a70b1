"""Start-up: `alloypore characterize isotherm FILE --json` against the pyGAPS script a user would otherwise run.

Run:  .venv/bin/python benchmarks/bench_characterization_startup.py [FILE] [--repeat 7]

Each command runs as a fresh process (what a user waits for); wall time and the CPU time of the child
(user + system, from ``resource.getrusage(RUSAGE_CHILDREN)``: the part that does not depend on how busy the
machine is) are taken, medians printed with the load average.  Issue #15's target: at most 2 s for the example
isotherm (``tests/data/characterization/isotherms/UiO-66Zr_N2_77K.json``, pyGAPS JSON in absolute pressures).

alloypore does the whole analysis (reading, BET with the ISO 9277 search, t-plot, Gurvich, BJH on the
desorption branch, JSON); the pyGAPS script only reads the file and runs ``area_BET``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "characterization" / "isotherms" / "UiO-66Zr_N2_77K.json"
PYGAPS = ("import pygaps.parsing as p; from pygaps.characterisation.area_bet import area_BET; "
          "iso = p.isotherm_from_json(r'{f}'); print(area_BET(iso)['area'])")


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall s, child CPU s) of one run of ``cmd``; raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=EXAMPLE)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    exe = Path(sys.executable).with_name("alloypore")
    runs = {
        "alloypore characterize isotherm --json": [str(exe), "characterize", "isotherm", str(args.file), "--json"],
        "pyGAPS: read + area_BET": [sys.executable, "-c", PYGAPS.format(f=args.file)],
    }
    for cmd in runs.values():  # warm the file cache and the .pyc files once
        timed(cmd)
    res = {name: [timed(cmd) for _ in range(args.repeat)] for name, cmd in runs.items()}
    print(f"{args.file.name}, {args.repeat} runs each, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    med = {}
    for name, values in res.items():
        wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
        med[name] = (wall, cpu)
        print(f"  {name:40s} wall {wall:5.2f} s   CPU {cpu:5.2f} s")
    (wa, ca), (wp, cp) = med.values()
    print(f"  ratio pyGAPS / alloypore: wall {wp / wa:.1f}x, CPU {cp / ca:.1f}x; target <= 2 s: "
          f"{'met' if wa <= 2.0 else 'NOT met on this machine (wall)'}{'' if ca <= 2.0 else ', CPU over 2 s'}")


if __name__ == "__main__":
    main()
