"""The suite is hermetic (issue #17 item 1): no test reads the folder of shared data beside the
checkout, no test skips itself, and every file a test reads is in ``tests/data`` with its origin in ``tests/data/SOURCES.md``.

That the sdist carries the tests and their data and that pytest runs from the unpacked sdist is
checked by ``.ci/run`` (``scripts/ci_packaging.sh``: the core tests from the unpacked sdist in a
core-only venv); ``make test`` on a clean clone with nothing beside it runs the whole suite.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"


def _test_sources() -> list[Path]:
    return [p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_test_reads_shared_data():
    pattern = re.compile(r"\.\./shared|/work/shared|[\"'][^\"'\n]*shared/(testdata|seed)")  # a path, not a comment
    offenders = [str(p.relative_to(REPO)) for p in _test_sources() if pattern.search(p.read_text("utf-8"))
                 and p.name != "test_hermetic.py"]
    assert offenders == []


def test_no_test_skips_itself():
    """Skips hide failures: only the browser fixture may skip (loudly), and it fails where the browser is required."""
    pattern = re.compile(r"importorskip|pytest\.skip\(|mark\.skip|skipif")
    offenders = [str(p.relative_to(REPO)) for p in _test_sources() if pattern.search(p.read_text("utf-8"))
                 and p.name != "test_hermetic.py" and p.relative_to(TESTS).as_posix() != "web/conftest.py"]
    assert offenders == []


def _patterns(sources: str) -> list[str]:
    """The file column of SOURCES.md: names, ``*`` globs and ``{a,b}`` alternatives."""
    out = []
    for entry in re.findall(r"^\| `([^`]+)`", sources, re.M):
        m = re.search(r"\{([^}]+)\}", entry)
        out += [entry[:m.start()] + alt + entry[m.end():] for alt in m.group(1).split(",")] if m else [entry]
    return out


def test_every_data_file_is_listed_with_its_source():
    sources = (TESTS / "data" / "SOURCES.md").read_text("utf-8")
    patterns = _patterns(sources)
    files = [p.relative_to(TESTS / "data").as_posix() for p in (TESTS / "data").rglob("*") if p.is_file()
             and p.name != "SOURCES.md"]
    assert files and [f for f in files if not any(fnmatch.fnmatchcase(f, pat) for pat in patterns)] == []
