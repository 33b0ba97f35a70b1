"""Start-up: ``alloypore design --json`` on the built-in example, this checkout vs the previous release.

The previous release is the commit before the packaging work (``PREVIOUS``, default 324e1e6,
the state of issue #18's report: 1.3-2.9 s), checked out with ``git worktree`` into
``benchmarks/_work/previous`` and run with this interpreter (same dependencies), so the two
differ only by alloypore's code. Each is run ``--repeat`` times as a fresh process (wall
clock, the way a user or a shell script starts it); the medians and their ratio are printed.
Target (issue #18): <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
PREVIOUS = "324e1e6"
CODE = "import sys; sys.argv = ['alloypore', 'design', '--json']; from alloypore.cli import main; main()"


def _checkout(commit: str) -> Path:
    dest = WORK / f"previous-{commit}"
    if not dest.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(dest), commit], check=True,
                       capture_output=True)
    return dest / "src"


def _time(src: Path, repeat: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(src), "ALLOYPORE_PROGRESS": "0"}
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True)
        out.append(time.perf_counter() - t0)
        if run.returncode != 0:
            raise SystemExit(f"{src}: exit {run.returncode}: {run.stderr.strip().splitlines()[-1:]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--previous", default=PREVIOUS, help="commit of the previous release (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    old_src = _checkout(args.previous)
    _time(ROOT / "src", 1), _time(old_src, 1)  # warm the file cache and .pyc files of both
    now, before = _time(ROOT / "src", args.repeat), _time(old_src, args.repeat)
    m_now, m_before = statistics.median(now), statistics.median(before)
    print(f"alloypore design --json, wall clock, median of {args.repeat} fresh processes")
    print(f"  previous release ({args.previous}): {m_before:.3f} s  (min {min(before):.3f}, max {max(before):.3f})")
    print(f"  this checkout:                {m_now:.3f} s  (min {min(now):.3f}, max {max(now):.3f})")
    print(f"  ratio previous / now: {m_before / m_now:.1f}x; target <= 0.5 s: {'met' if m_now <= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
