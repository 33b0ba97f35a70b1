"""docs/examples/quickstart.ipynb, executed in a Jupyter kernel: a design in three lines, a table
and a plot inline; its numbers against a hand calculation.

The particle of the built-in example is 50 wt% Si and 50 wt% amorphous carbon, so its capacity is
``0.5 x 3.75 F / (3.6 M_Si) + 0.5 x 250`` mAh/g (Li15Si4: 3.75 Li per Si, M_Si = 28.0855 g/mol;
amorphous carbon 250 mAh/g, Dahn et al. 1995, the value in the materials table).
"""

import base64
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "examples" / "quickstart.ipynb"
F = 96485.33212


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    backend = os.environ.pop("MPLBACKEND", None)  # the suite's Agg: the kernel gets Jupyter's inline backend
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}}).execute()
    finally:
        if backend is not None:
            os.environ["MPLBACKEND"] = backend
    return [c for c in nb.cells if c.cell_type == "code"]


def _data(cell, mime):
    return [o["data"][mime] for o in cell.outputs if "data" in o and mime in o["data"]]


def test_the_design_takes_three_lines_and_shows_a_table(executed):
    first = executed[0]
    assert len([line for line in first.source.splitlines() if line.strip()]) == 3
    (page,) = _data(first, "text/html")
    assert page.startswith("<div><b>DesignResult: porous Si-C in graphite vs NMC811") and "Wh/kg" in page
    (table,) = _data(executed[1], "text/html")  # the pandas table of the particle quantities
    assert "capacity" in table and "mAh/g" in table


def test_the_printed_capacity_is_the_hand_calculation(executed):
    text = "".join(o.get("text", "") for o in executed[2].outputs)
    capacity = float(re.search(r"particle capacity ([\d.]+) mAh/g", text).group(1))
    si = 3.75 * F / (3.6 * 28.0855)
    assert capacity == pytest.approx(0.5 * si + 0.5 * 250, abs=0.05)


def test_the_sweep_and_its_plot_show_inline(executed):
    (summary,) = _data(executed[3], "text/plain")
    assert "26 designs over particle.porosity (26 values)" in summary
    (png,) = _data(executed[4], "image/png")
    assert base64.b64decode(png)[:4] == b"\x89PNG"
    assert not [o for c in executed for o in c.outputs if o.get("output_type") == "error"]
