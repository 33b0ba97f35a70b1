"""Sweep core: vectorised == one-design path, complement rules, Dask equality."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alloypore.cell import evaluate_arrays, evaluate_design, example_spec, parse_spec
from alloypore.design import Axis, complete_overrides, parse_vary, sweep
from alloypore.design.grid import Grid
from alloypore.errors import AlloyporeError, InputError

ACTIVE = ["Si", "Ge", "Sn", "Sb", "Al", "SiO"]
MATRIX = ["amorphous_carbon", "hard_carbon", "graphite", "SiO2"]

# field -> (lo, hi) of random values drawn for it
VARIABLE = {
    "particle.porosity": (0.0, 0.85),
    "particle.closed_pore_fraction": (0.0, 1.0),
    "particle.accommodation_efficiency": (0.2, 1.0),
    "particle.phases.0.mass_fraction": (0.05, 0.95),
    "electrode.composite_mass_fraction": (0.0, 0.9),
    "electrode.compaction_density_g_cm3": (0.4, 2.0),
    "electrode.areal_capacity_mAh_cm2": (0.5, 8.0),
    "electrode.swelling_limit_pct": (1.0, 60.0),
    "cell.np_ratio": (1.0, 1.5),
    "cell.cathode_porosity": (0.1, 0.4),
    "cell.separator_thickness_um": (5.0, 30.0),
    "cell.electrolyte_excess": (0.8, 2.0),
    "cell.cathode_active_mass_fraction": (0.85, 0.98),
}


@st.composite
def base_specs(draw):
    w = draw(st.floats(0.1, 0.9))
    matrix = draw(st.sampled_from(MATRIX))
    # hard carbon has no voltage curve: its designs use the average-potential energy model
    energy_model = "average" if matrix == "hard_carbon" else draw(st.sampled_from(["ocv", "average"]))
    return {
        "particle": {
            "phases": [
                {"material": draw(st.sampled_from(ACTIVE)), "mass_fraction": w},
                {"material": matrix, "mass_fraction": 1.0 - w},
            ],
            "porosity": draw(st.floats(0.0, 0.8)),
            "closed_pore_fraction": draw(st.floats(0.0, 1.0)),
        },
        "electrode": {
            "composite_mass_fraction": 0.2,
            "graphite_mass_fraction": 0.75,
            "binder_mass_fraction": 0.03,
            "conductive_mass_fraction": 0.02,
            "compaction_density_g_cm3": draw(st.floats(0.6, 1.7)),
            "swelling_model": draw(st.sampled_from(["constant_porosity", "fill_pores"])),
        },
        "cell": {
            "cathode": draw(st.sampled_from(["NMC811", "LFP", "LCO"])),
            "format": draw(st.sampled_from(["pouch", "stack", "21700"])),
            "energy_model": energy_model,
        },
    }


def _set(d, field, value):
    parts = field.split(".")
    if parts[:2] == ["particle", "phases"]:
        d["particle"]["phases"][int(parts[2])]["mass_fraction"] = value
    else:
        d[parts[0]][parts[1]] = value


def _one_design_dict(base, row):
    """The spec dict of one grid row, with the complements applied by hand."""
    d = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    d["particle"]["phases"] = [dict(p) for p in base["particle"]["phases"]]
    for field, value in row.items():
        _set(d, field, float(value))
    if "particle.phases.0.mass_fraction" in row:  # the other phase takes the remainder
        d["particle"]["phases"][1]["mass_fraction"] = 1.0 - float(row["particle.phases.0.mass_fraction"])
    if "electrode.composite_mass_fraction" in row:  # graphite takes the remainder
        e = d["electrode"]
        e["graphite_mass_fraction"] = 1.0 - e["composite_mass_fraction"] - e["binder_mass_fraction"] - e["conductive_mass_fraction"]
    return d


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base_specs(), st.lists(st.sampled_from(sorted(VARIABLE)), min_size=1, max_size=2, unique=True), st.randoms())
def test_sweep_rows_equal_one_design_path(base, varied, rnd):
    spec = parse_spec(base)
    axes = []
    for f in varied:
        lo, hi = VARIABLE[f]
        axes.append(Axis(f, np.array(sorted(rnd.uniform(lo, hi) for _ in range(3)))))
    res = sweep(spec, axes, chunk_size=4)  # several chunks
    assert res.n_designs == 9 or res.n_designs == 3
    for i in range(res.n_designs):
        row = {a.field: res.columns[a.field][i] for a in axes}
        try:
            one_spec = parse_spec(_one_design_dict(base, row))
        except AlloyporeError:
            assert not res.columns["valid"][i] or "electrode.composite_mass_fraction" in row
            continue
        one = evaluate_arrays(one_spec)
        if res.columns["feasible"][i]:
            one = evaluate_design(one_spec)  # the checked path accepts it
        for section, obj in (("particle", one.particle), ("electrode", one.electrode), ("cell", one.cell)):
            items = obj.to_dict()
            items.update(items.pop("format_details", {}))  # sweep columns cell.<detail>
            for k, v in items.items():
                got = res.columns[f"{section}.{k}"][i]
                if isinstance(v, (bool, np.bool_)):
                    assert bool(got) == bool(v), (section, k)
                else:
                    np.testing.assert_allclose(got, v, rtol=1e-12, atol=1e-12, err_msg=f"{section}.{k}")


def test_two_phase_complement():
    spec = example_spec()  # Si 0.5 / amorphous carbon 0.5
    ov, valid = complete_overrides(spec, {"particle.phases.0.mass_fraction": np.array([0.2, 0.7, 1.2])})
    np.testing.assert_allclose(ov["particle.phases.1.mass_fraction"], [0.8, 0.3, -0.2])
    assert valid.tolist() == [True, True, False]


def test_three_phase_complement_is_proportional():
    spec = parse_spec({"particle": {"phases": [
        {"material": "Si", "mass_fraction": 0.4},
        {"material": "amorphous_carbon", "mass_fraction": 0.45},
        {"material": "SiO2", "mass_fraction": 0.15},
    ]}})
    ov, valid = complete_overrides(spec, {"particle.phases.0.mass_fraction": np.array(0.6)})
    # remainder 0.4 shared 0.45 : 0.15 = 3 : 1 -> 0.3 and 0.1
    assert float(ov["particle.phases.1.mass_fraction"]) == pytest.approx(0.3, abs=1e-15)
    assert float(ov["particle.phases.2.mass_fraction"]) == pytest.approx(0.1, abs=1e-15)
    assert bool(valid)


def test_electrode_complement_graphite_takes_remainder():
    spec = example_spec()  # binder 0.03, conductive 0.02
    ov, valid = complete_overrides(spec, {"electrode.composite_mass_fraction": np.array([0.1, 0.95, 0.96])})
    np.testing.assert_allclose(ov["electrode.graphite_mass_fraction"], [0.85, 0.0, -0.01], atol=1e-15)
    assert valid.tolist() == [True, True, False]
    ov, _ = complete_overrides(spec, {"electrode.graphite_mass_fraction": np.array([0.5])})
    np.testing.assert_allclose(ov["electrode.composite_mass_fraction"], [0.45])


def test_grid_order_and_chunks():
    g = Grid((Axis("a", np.array([1.0, 2.0])), Axis("b", np.array([10.0, 20.0, 30.0]))))
    full = g.inputs()
    assert full["a"].tolist() == [1, 1, 1, 2, 2, 2] and full["b"].tolist() == [10, 20, 30, 10, 20, 30]
    part = g.inputs(2, 5)
    assert part["a"].tolist() == [1, 2, 2] and part["b"].tolist() == [30, 10, 20]


def test_infeasible_designs_are_marked():
    spec = example_spec()
    # compaction density above the max leaves no interparticle pores; a 2 % swelling limit is broken
    res = sweep(spec, parse_vary(spec, ["electrode.compaction_density_g_cm3=1.0,1.6,2.5", "electrode.swelling_limit_pct=2,50"]))
    c = res.columns
    assert not c["electrode.feasible"][4] and not c["feasible"][4] and not c["feasible"][5]
    assert c["feasible"][1] and not c["feasible"][0]  # same design, limit 50 % vs 2 %
    assert c["electrode.swelling_pct"][0] > 2.0


@pytest.mark.parametrize(
    "items, words",
    [
        (["particle.porosity=0.1:0.5"], "FIELD=START:STOP:N"),
        (["particle.porosity"], "FIELD=START:STOP:N"),
        (["particle.porosity=0.1:0.5:0"], "empty range"),
        (["particle.porosity=0.3:0.3:5"], "empty range"),
        (["particle.porosity=0.1:1.0:5"], "porosity < 1"),
        (["particle.pores=0.1:0.5:3"], "unknown numeric spec field"),
        (["particle.porosity=a:0.5:3"], "not a number"),
        (["particle.porosity=0.1:0.5:3", "particle.porosity=0.2:0.4:3"], "twice"),
        (["electrode.composite_mass_fraction=0.1:0.2:2", "electrode.graphite_mass_fraction=0.7:0.8:2"], "vary one"),
    ],
)
def test_bad_vary(items, words):
    with pytest.raises(InputError) as e:
        parse_vary(example_spec(), items)
    assert words in str(e.value) and "\n" not in str(e.value)


@pytest.mark.extra("dask")  # the core-only job deselects it; everywhere else a broken import fails
def test_dask_equals_local():
    import dask.distributed as distributed
    spec = example_spec()
    axes = parse_vary(spec, ["particle.porosity=0.05:0.8:37", "particle.closed_pore_fraction=0:1:11"])
    local = sweep(spec, axes)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            remote = sweep(spec, axes, chunk_size=50, client=client)
    assert list(remote.columns) == list(local.columns)
    for k in local.columns:
        assert np.array_equal(local.columns[k], remote.columns[k], equal_nan=local.columns[k].dtype.kind == "f"), k


def test_summary_stream_matches_table():
    from alloypore.design import sweep_summary

    spec = example_spec()
    axes = parse_vary(spec, ["particle.porosity=0.05:0.8:40", "electrode.composite_mass_fraction=0.05:0.4:25"])
    table = sweep(spec, axes)
    s = sweep_summary(spec, axes, columns=["cell.energy_density_Wh_kg"], chunk_size=64)
    feas = table.columns["feasible"]
    assert s.n_designs == 1000 and s.n_feasible == int(feas.sum())
    v = table.columns["cell.energy_density_Wh_kg"][feas]
    assert s.maximum["cell.energy_density_Wh_kg"] == v.max() and s.minimum["cell.energy_density_Wh_kg"] == v.min()
    assert s.best["cell.energy_density_Wh_kg"]["index"] == table.best("cell.energy_density_Wh_kg")
    assert s.histogram["cell.energy_density_Wh_kg"][1].sum() == feas.sum()


def test_map_columns_are_the_numeric_results():
    from alloypore.design.sweep import map_columns, result_columns

    spec = example_spec()
    masks = set(result_columns(spec)) - set(map_columns(spec))
    assert masks == {"electrode.feasible", "electrode.swelling_limit_met", "cell.plating_free", "cell.electrolyte_fits",
                     "cell.manufacturable", "cell.binds_min_electrode_porosity", "cell.binds_can_fit",
                     "cell.binds_max_anode_compaction_density_g_cm3", "cell.binds_min_electrolyte_fill"}
    assert "cell.energy_density_Wh_L" in map_columns(spec)
