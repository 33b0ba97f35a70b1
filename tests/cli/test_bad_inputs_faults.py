"""Bad-input corpus, part 4: faults - nothing a user does to a running command loses a file (issue #17 item 8).

* Ctrl+C (SIGINT) or SIGTERM during a run that writes ``--out``: exit 130, one line, no output
  folder and no temporary folder left.
* A Dask worker killed mid-sweep: the sweep finishes with the whole table, or fails in one line
  with no table at all.
* Several ``materials add`` into one user file at once: every row lands and the file loads
  (the read-modify-write runs under :func:`alloypore._io.file_lock`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import psutil
import pytest

from cifhelp import li15si4_cif, si_cif

CLI = [sys.executable, "-c", "from alloypore.cli import main; main()"]


def _env(**extra) -> dict:
    return dict(os.environ, ALLOYPORE_PROGRESS="0", **extra)


def _wait_for_children(proc: subprocess.Popen, n: int, timeout: float = 120.0) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = psutil.Process(proc.pid).children(recursive=True)
        if len(kids) >= n:
            return kids
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    return psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_during_a_run_leaves_no_output(tmp_path, sig):
    out = tmp_path / "cycles"
    # PyBaMM cycling of a few minutes; interrupted while it cycles
    proc = subprocess.Popen(CLI + ["cycle", "--cycles", "400", "--out", str(out)], cwd=tmp_path, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(8.0)  # after the imports and the model set-up
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "error: interrupted" and "Traceback" not in stderr
    assert os.listdir(tmp_path) == []  # neither rve/ nor a temporary folder


def test_killed_dask_worker_mid_sweep_finishes_or_fails_in_one_line(tmp_path):
    out, n = tmp_path / "sweep", 40000
    proc = subprocess.Popen(CLI + ["sweep", "--vary", f"particle.porosity=0.1:0.8:{n}", "--chunk-size", "500",
                                   "--workers", "2", "--out", str(out)],
                            cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers = [p for p in _wait_for_children(proc, 3) if "spawn_main" in " ".join(p.cmdline())]
    killed = None
    deadline = time.monotonic() + 120
    while workers and killed is None and proc.poll() is None and time.monotonic() < deadline:
        for w in workers:  # kill the first worker seen evaluating chunks (mid-sweep)
            try:
                if w.cpu_times().user > 1.0:
                    w.send_signal(signal.SIGKILL)
                    killed = w.pid
                    break
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.05)
    stdout, stderr = proc.communicate(timeout=600)
    assert killed is not None, "no worker was seen working"
    assert "Traceback" not in stderr, stderr
    if proc.returncode == 0:  # the lost chunks were run again on a worker: the whole table
        import pandas as pd

        assert len(pd.read_parquet(out / "sweep.parquet")) == n
    else:
        assert proc.returncode == 2, stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), stderr
        assert not out.exists()  # no partial table
    assert [n for n in os.listdir(tmp_path) if n != "sweep"] == []  # no temporary folder


@pytest.mark.parametrize("n", [4])
def test_concurrent_materials_add_all_land(tmp_path, n):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    user = tmp_path / "user" / "materials.toml"
    user.parent.mkdir()
    procs = [subprocess.Popen(CLI + ["materials", "add", "--host", str(host), "--lithiated", str(lith),
                                     "--name", f"SiCIF{k}", "--file", str(user), "--potential", "0.4"],
                              env=_env(ALLOYPORE_MATERIALS=str(user)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for k in range(n)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    for out, err, code in results:
        assert code == 0, err  # each waited for the lock instead of overwriting another's row
    rows = tomllib.loads(user.read_text())["material"]
    assert sorted(r["name"] for r in rows) == [f"SiCIF{k}" for k in range(n)]
    from alloypore.materials.user import parse_material_rows

    assert len(parse_material_rows(user.read_text(), user)) == n  # the file loads
    assert os.listdir(user.parent) == ["materials.toml"]
