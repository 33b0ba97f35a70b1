"""Every script in docs/examples runs (as in scikit-fem), so the docs cannot rot."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "docs" / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(script, tmp_path):
    env = {**os.environ, "ALLOYPORE_EXAMPLE_OUT": str(tmp_path), "MPLBACKEND": "Agg", "ALLOYPORE_PROGRESS": "0"}
    p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert list(tmp_path.glob("*.png")), "an example writes its own figure"
