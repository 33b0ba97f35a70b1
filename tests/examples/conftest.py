"""Shared by the example tests: run a docs/examples script with its output folder in a temp dir."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture(scope="module")
def run_example(tmp_path_factory):
    """``run_example(name) -> (globals, printed lines, output folder)`` for ``docs/examples/<name>.py``."""

    def run(name: str):
        out = tmp_path_factory.mktemp(name)
        mp = pytest.MonkeyPatch()
        mp.setenv("ALLOYPORE_EXAMPLE_OUT", str(out))
        lines: list[str] = []
        mp.setattr("builtins.print", lambda *a, **k: lines.append(" ".join(map(str, a))))
        try:
            g = runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
        finally:
            mp.undo()
        return g, lines, out

    return run
