"""The documentation site builds with ``mkdocs build --strict`` (every page, the API reference
from the docstrings, the examples run with their figures): a broken link, a docstring mkdocstrings
cannot read or an example that fails breaks this test."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path):
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                          "-d", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True, timeout=1200,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    site = tmp_path / "site"
    api = (site / "api" / "chain" / "index.html").read_text()
    assert "evaluate_design" in api and "load_spec" in api  # rendered from the docstrings
    for page in ("model", "python", "imaging", "literature", "electrochem"):
        assert (site / page / "index.html").exists(), page
    assert (site / "examples" / "studies_blend" / "studies_blend.png").read_bytes()[:4] == b"\x89PNG"
    quick = (site / "examples" / "quickstart" / "index.html").read_text()
    assert "DesignResult: porous Si-C in graphite vs NMC811" in quick and "cell8_0.png" in quick
