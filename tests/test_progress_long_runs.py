"""Long runs show progress (issue #17 item 3): a spinner around single long steps (FEM solves,
isotherm/MIP/image analysis) and a bar over NSGA-II generations, on stderr, only when enabled."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from alloypore import progress


@pytest.fixture
def terminal(monkeypatch):
    """Progress on, drawn into a buffer that rich takes for a terminal."""
    buf = io.StringIO()
    monkeypatch.setattr(progress.settings, "_show", True)
    monkeypatch.setattr(progress, "_console", lambda: Console(file=buf, force_terminal=True, width=100))
    return buf


def test_status_and_bar_draw_only_when_enabled(terminal, monkeypatch):
    with progress.status("axisymmetric FEM (core-shell)"):
        pass
    steps = []
    with progress.bar(3, "NSGA-II generations") as step:
        for _ in range(3):
            steps.append(step())
    assert "axisymmetric FEM" in terminal.getvalue() and "NSGA-II generations" in terminal.getvalue()
    monkeypatch.setattr(progress.settings, "_show", False)
    before = terminal.getvalue()
    with progress.status("quiet"), progress.bar(2, "quiet") as step:
        step()
    assert terminal.getvalue() == before  # off: nothing drawn


def test_nsga2_reports_every_generation(terminal):
    from alloypore.cell import example_spec
    from alloypore.design.objectives import Objective
    from alloypore.design.pareto import pareto

    spec = example_spec()
    res = pareto(spec, [Objective("cell.energy_density_Wh_kg"), Objective("cell.energy_density_Wh_L")],
                 {"particle.porosity": (0.3, 0.7)}, pop_size=12, n_gen=5)
    assert res.front and "5/5" in terminal.getvalue()  # the bar reached the last generation


def test_fem_solve_shows_a_spinner(terminal, capsys):
    from clihelp import run

    code, out, err = run(capsys, "stress", "core-shell", "--core-radius-nm", "50", "--shell-thickness-nm", "10",
                         "--eigenstrain", "0.01", "--method", "fem", "--mesh-size-nm", "4", "--json")
    assert code == 0, err
    assert "axisymmetric FEM (core-shell)" in terminal.getvalue()
