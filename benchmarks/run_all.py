"""Run every benchmark script in this folder, one after the other (``make bench``).

Each ``bench_*.py`` runs alloypore and the tool a user would otherwise pick on the same
input and prints the ratio.  Pass names to run a subset: ``python benchmarks/run_all.py design``.
"""

import subprocess
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent
wanted = sys.argv[1:]
scripts = sorted(p for p in here.glob("bench_*.py") if not wanted or any(w in p.name for w in wanted))
failed = []
for script in scripts:
    print(f"\n=== {script.name} ===", flush=True)
    t0 = time.perf_counter()
    rc = subprocess.call([sys.executable, str(script)], cwd=here.parent)
    print(f"--- {script.name}: exit {rc}, {time.perf_counter() - t0:.1f} s", flush=True)
    if rc:
        failed.append(script.name)
if failed:
    print("failed:", ", ".join(failed))
    sys.exit(1)
