"""The suite is hermetic: the sdist carries the tests and their data, and pytest runs from it (issue #17 item 1).

Builds the source distribution the way a packager would (``python -m build --sdist``, from a
copy of this tree), unpacks it into an empty folder with nothing beside it, and runs a subset of
the tests there against the unpacked package (``PYTHONPATH=src``) - tests that read
``tests/data``, the docs examples and the CLI.  Also checks, by grep, that no test reads
``../shared`` and that no test skips itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SUBSET = ["tests/test_units.py", "tests/characterization/test_char_gas_pores.py", "tests/cli/test_cli_design.py",
          "tests/examples/test_example_design_closed_pores.py", "tests/cli/test_bad_inputs_usage.py"]
JUNK = shutil.ignore_patterns(".venv", ".git", "out", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis",
                              "build", "dist", "_work")


def _test_sources() -> list[Path]:
    return [p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_test_reads_shared_data():
    pattern = re.compile(r"\.\./shared|/work/shared|[\"'][^\"'\n]*shared/(testdata|seed)")  # a path, not a comment
    offenders = [str(p.relative_to(REPO)) for p in _test_sources() if pattern.search(p.read_text("utf-8"))
                 and p.name != "test_sdist.py"]
    assert offenders == []


def test_no_test_skips_itself():
    """Skips hide failures: only the browser fixture may skip (loudly), and it fails where the browser is required."""
    pattern = re.compile(r"importorskip|pytest\.skip\(|mark\.skip|skipif")
    offenders = [str(p.relative_to(REPO)) for p in _test_sources() if pattern.search(p.read_text("utf-8"))
                 and p.name not in ("test_sdist.py",) and p.relative_to(TESTS).as_posix() != "web/conftest.py"]
    assert offenders == []


def test_every_data_file_is_listed_with_its_source():
    sources = (TESTS / "data" / "SOURCES.md").read_text("utf-8")
    files = [p.relative_to(TESTS / "data").as_posix() for p in (TESTS / "data").rglob("*") if p.is_file()
             and p.name != "SOURCES.md"]
    assert files and [f for f in files if f"`{f}`" not in sources] == []


@pytest.mark.slow
def test_sdist_ships_the_tests_and_they_run_from_it(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(REPO, tree, ignore=JUNK)
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--skip-dependency-check",
                            "--outdir", str(dist), str(tree)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    [sdist] = list(dist.glob("alloypore-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
        top = names[0].split("/")[0]
        for needed in ("tests/data/SOURCES.md", "tests/clihelp.py", "tests/data/characterization/isotherms/SiO2_N2_77K.json",
                       "docs/examples/design_closed_pores.py", "src/alloypore/materials/data/materials.toml",
                       "scripts/install_browser.sh", "Makefile"):
            assert f"{top}/{needed}" in names, needed
        alone = tmp_path / "alone"  # nothing beside it: no ../shared, no git checkout
        alone.mkdir()
        tar.extractall(alone, filter="data")
    root = alone / top
    env = dict(os.environ, PYTHONPATH=str(root / "src"), ALLOYPORE_PROGRESS="0", ALLOYPORE_MATERIALS="")
    where = subprocess.run([sys.executable, "-c", "import alloypore; print(alloypore.__file__)"], cwd=root, env=env,
                           capture_output=True, text=True, timeout=120)
    assert where.stdout.strip().startswith(str(root / "src")), where.stdout + where.stderr  # the unpacked package
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *SUBSET], cwd=root,
                         env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout
