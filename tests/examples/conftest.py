"""Shared by the example tests: run a docs/examples script with its output folder in a temp dir."""

import runpy
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture(scope="module")
def run_example(tmp_path_factory):
    """``run_example(name) -> (globals, printed text, output folder)`` for ``docs/examples/<name>.py``:
    run as ``__main__`` with ``ALLOYPORE_EXAMPLE_OUT`` set to a fresh folder, stdout captured."""

    def run(name: str):
        out = tmp_path_factory.mktemp(name)
        mp = pytest.MonkeyPatch()
        mp.setenv("ALLOYPORE_EXAMPLE_OUT", str(out))
        buf = StringIO()
        try:
            with redirect_stdout(buf):
                g = runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
        finally:
            mp.undo()
        return g, buf.getvalue(), out

    return run
