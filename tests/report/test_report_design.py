"""report/design.py: the HTML report shows the library's numbers, draws what the chain computed,
and writes all of its files or none."""

import json
import re

import numpy as np
import pytest

import alloypore.report.design as rd
from alloypore import __version__
from alloypore.cell import evaluate_design, example_spec, load_spec
from alloypore.report.design import (
    FIGURES,
    design_figures,
    summary_rows,
    write_design_report,
)


@pytest.fixture(scope="module")
def result():
    return evaluate_design(example_spec())


def test_summary_rows_are_the_results_numbers(result):
    rows = {label: value for section in summary_rows(result).values() for label, value, _ in section}
    # independent: the built-in example by hand (docs/model.md, worked example): 0.5 x 3579 + 0.5 x 250
    assert rows["Specific capacity"] == "1,914.3"
    # the electrode thickness at 1.5 g/cm3: 4.0 / 584.7 mAh/g = 6.841 mg/cm2 -> 45.6 um
    assert rows["Thickness (pristine)"] == f"{4.0 / (0.15 * 1914.3 + 0.80 * 371.9) / 1.5 * 1e4:.1f}"
    assert float(rows["Interparticle porosity"]) == pytest.approx(float(result.electrode.porosity), abs=5e-4)


def test_report_files_and_numbers(result, tmp_path):
    page = write_design_report(result, tmp_path / "rep")
    out = page.parent
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["report.html", "result.json", "spec.toml", "model.md"] + [f"{k}.png" for k in FIGURES])
    html = page.read_text("utf-8")
    # every summary value is on the page, and the JSON beside it holds the unrounded ones
    for section in summary_rows(result).values():
        for label, value, _ in section:
            assert value in html, label
    data = json.loads((out / "result.json").read_text("utf-8"))
    assert data["cell"]["energy_density_Wh_kg"] == pytest.approx(float(result.cell.energy_density_Wh_kg), rel=1e-12)
    assert data["provenance"]["alloypore"] == __version__
    # the spec written beside the report gives the same design back
    again = evaluate_design(load_spec(out / "spec.toml"))
    assert float(again.cell.energy_density_Wh_kg) == pytest.approx(float(result.cell.energy_density_Wh_kg), rel=1e-12)
    for k in FIGURES:
        assert (out / f"{k}.png").read_bytes()[:4] == b"\x89PNG"
    assert re.search(r'<img src="data:image/png;base64,', html)


def test_volume_budget_figure_draws_the_chains_envelope(result):
    fig = design_figures(result)["volume_budget"]
    ax = fig.axes[0]
    env = [line for line in ax.get_lines() if line.get_label() == "particle envelope"][0]
    np.testing.assert_allclose(env.get_ydata(), result.budget.envelope_volume_cm3_g)
    # the pristine envelope per gram is 1 / envelope density (1.076 g/cm3 for the example)
    assert env.get_ydata()[0] == pytest.approx(1.0 / float(result.particle.envelope_density_g_cm3), rel=1e-12)


def test_no_partial_report_when_rendering_fails(result, tmp_path, monkeypatch):
    def broken(r):
        raise RuntimeError("figure failed")

    monkeypatch.setitem(rd.FIGURES, "cell_breakdown", ("Cell mass and volume", broken))
    with pytest.raises(RuntimeError):
        write_design_report(result, tmp_path / "rep")
    assert not (tmp_path / "rep").exists()
    assert list(tmp_path.iterdir()) == []
