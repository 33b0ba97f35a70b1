"""Figures are made without pyplot: importing and drawing changes no global matplotlib state."""

import subprocess
import sys

import numpy as np

from alloypore.plotting import figure_to_png_bytes, new_figure, save_figure


def _passes_in_a_fresh_interpreter(code: str) -> None:
    """Run ``code`` in a new Python (nothing imported yet) and fail with its error."""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_figures_are_png_and_leave_pyplot_alone(tmp_path):
    fig, (a, b) = new_figure(4, 3, ncols=2)
    a.plot(np.arange(3), np.arange(3) ** 2)
    png = figure_to_png_bytes(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    out = save_figure(fig, tmp_path / "f.png")
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_importing_the_package_plots_does_not_select_a_backend_or_import_pyplot():
    code = (
        "import sys, matplotlib; before = matplotlib.rcParams._get_backend_or_none();"
        "import alloypore.plotting, alloypore.report.design, alloypore.design.studies;"
        "from alloypore.plotting import new_figure; f, ax = new_figure(); ax.plot([0, 1]);"
        "from alloypore.plotting import figure_to_png_bytes; figure_to_png_bytes(f);"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported';"
        "assert matplotlib.rcParams._get_backend_or_none() == before, 'backend changed'"
    )
    _passes_in_a_fresh_interpreter(code)


def test_modules_that_draw_load_matplotlib_only_for_a_figure():
    # every drawing module imports alloypore.plotting at its top; matplotlib itself comes with the
    # first figure, so `design --json`, sweeps without plots and studies with --json never load it
    code = (
        "import sys, alloypore.design.sweep, alloypore.design.studies, alloypore.design.cell_studies,"
        " alloypore.design.pareto, alloypore.design.optimize, alloypore.literature.plots,"
        " alloypore.electrochem.output, alloypore.cli.pressure, alloypore.cli.design;"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported';"
        "from alloypore.plotting import new_figure; new_figure();"
        "assert 'matplotlib.figure' in sys.modules"
    )
    _passes_in_a_fresh_interpreter(code)
