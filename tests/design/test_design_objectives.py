"""The one table of better directions (alloypore.design.objectives)."""

import numpy as np
import pytest

from alloypore.cell import example_spec
from alloypore.design import parse_vary, result_columns, sweep, sweep_summary
from alloypore.design.objectives import BETTER, Objective, direction, maximize


def test_every_entry_is_a_result_field_with_a_sign():
    cols = set(result_columns(example_spec()))
    assert set(BETTER) <= cols
    assert set(BETTER.values()) <= {-1, 0, 1}


@pytest.mark.parametrize("field, sign", [
    ("cell.energy_density_Wh_kg", 1), ("cell.energy_density_Wh_L", 1), ("particle.capacity_mAh_g", 1),
    ("electrode.swelling_pct", -1), ("particle.volume_expansion_pct", -1), ("cell.electrolyte_g_Ah", -1),
    ("electrode.thickness_um", 0), ("cell.anode_lithiation_charged", 0), ("electrode.loading_mg_cm2", 0),
])
def test_direction(field, sign):
    assert direction(field) == sign
    assert maximize(field) is (sign >= 0)
    assert Objective.preferred(field) == Objective(field, sign >= 0)


def test_the_rule_the_studies_page_used_is_kept():
    # before the table, the page minimised exactly the fields ending in these names
    for f in result_columns(example_spec()):
        if f.endswith(("swelling_pct", "electrolyte_g_Ah", "expansion_pct")):
            assert not maximize(f), f


def test_streamed_summary_keeps_the_smallest_where_lower_is_better():
    spec = example_spec()
    axes = parse_vary(spec, ["particle.porosity=0.2:0.7:21", "particle.closed_pore_fraction=0:1:11"])
    table = sweep(spec, axes)
    s = sweep_summary(spec, axes, objectives=["cell.electrolyte_g_Ah", "cell.energy_density_Wh_kg"], chunk_size=50)
    feas = table.columns["feasible"]
    g = np.where(feas, table.columns["cell.electrolyte_g_Ah"], np.nan)
    assert s.best["cell.electrolyte_g_Ah"]["index"] == int(np.nanargmin(g))
    assert s.best["cell.electrolyte_g_Ah"]["value"] == np.nanmin(g)
    assert s.best["cell.energy_density_Wh_kg"]["index"] == table.best("cell.energy_density_Wh_kg")


def test_change_against_a_baseline():
    from alloypore.design.objectives import change

    assert change(331.0, 324.0) == pytest.approx(7.0)
    assert change(5.0, None) is None
    assert change(100.0, 100.0 + 1e-11) is None  # below 1e-12 of the value: no change shown
    assert change(0.5, 0.25) == 0.25
