"""The light core and the extras: with every optional package hidden, the core commands run and
every other command exits 2 with one line naming its extra and the install command.

The packages are hidden by an import hook in a fresh interpreter (the full suite runs with every
extra installed); CI also runs the core tests in a real core-only environment (.ci/run).
"""

import json
import os
import subprocess
import sys

import pytest

from alloypore._optional import EXTRA_OF

HIDDEN = sorted(name for name, extra in EXTRA_OF.items() if extra != "core")
RUN = """
import importlib.abc, sys
HIDDEN = {hidden!r}
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, Hide())
from alloypore.cli import main
main({args!r})
"""


def _run(tmp_path, *args, hidden=HIDDEN):
    code = RUN.format(hidden=list(hidden), args=list(args))
    (tmp_path / "iso.csv").write_text("pressure,loading\n0.1,1.0\n0.2,1.5\n")
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env=env)


CORE = [
    ("design", "--json"),
    ("materials", "--json"),
    ("pressure", "--json"),
    ("study", "blend-swelling", "--json"),
    ("sweep", "--vary", "particle.porosity=0.2:0.6:5", "--json", "--out", "sw"),
    ("optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.1:0.8", "--json"),
    ("design", "--out", "rep"),
]


@pytest.mark.parametrize("args", CORE, ids=[" ".join(a[:2]) for a in CORE])
def test_core_commands_run_without_any_extra(tmp_path, args):
    run = _run(tmp_path, *args)
    assert run.returncode == 0, run.stderr[-2000:]
    if "--json" in args:
        assert "provenance" in json.loads(run.stdout) or isinstance(json.loads(run.stdout), list)
    if args[0] == "sweep":
        assert (tmp_path / "sw" / "sweep.csv").exists() and not (tmp_path / "sw" / "sweep.parquet").exists()


OTHERS = [
    (("characterize", "isotherm", "iso.csv"), "evidence", None),
    (("image", "analyze", "v.tif", "--voxel-size", "10nm"), "imaging", None),
    (("stress", "sphere"), "mechanics", None),
    (("cycle",), "cycle", "pybamm"),
    (("web",), "web", "streamlit"),
]


@pytest.mark.parametrize("args,extra,package", OTHERS, ids=[a[0][0] for a in OTHERS])
def test_other_commands_name_their_extra_in_one_line(tmp_path, args, extra, package):
    run = _run(tmp_path, *args)
    assert run.returncode == 2, run.stderr[-2000:]
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert lines[0].startswith(f"error: alloypore {args[0]} needs ")
    assert lines[0].endswith(f"which is not installed: pip install 'alloypore[{extra}]'")
    if package:
        assert f"needs {package}," in lines[0]


def test_help_lists_every_command_in_a_light_install(tmp_path):
    run = _run(tmp_path, "--help")
    assert run.returncode == 0, run.stderr
    for name in ("design", "sweep", "characterize", "image", "stress", "cycle", "web"):
        assert name in run.stdout
    assert "(not installed: needs the imaging extra" in run.stdout  # the extra a command needs
    assert "(not installed: needs the mechanics extra" in run.stdout


@pytest.mark.extra("parquet")
def test_parquet_is_written_when_the_extra_is_there(tmp_path):
    run = _run(tmp_path, "sweep", "--vary", "particle.porosity=0.2:0.6:5", "--json", "--out", "sw", hidden=[])
    assert run.returncode == 0, run.stderr[-2000:]
    assert set(json.loads(run.stdout)["files"]) >= {"csv", "parquet"}
