"""Property tests over random valid designs (hypothesis)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alloypore.cell import evaluate_arrays, example_spec, parse_spec
from alloypore.errors import AlloyporeError
from alloypore.particle import volume_budget

ACTIVE = ["Si", "Ge", "Sn", "Sb", "Al", "SiO"]
MATRIX = ["amorphous_carbon", "hard_carbon", "graphite", "SiO2"]


@st.composite
def designs(draw):
    w = draw(st.floats(0.05, 1.0))
    phases = [{"material": draw(st.sampled_from(ACTIVE)), "mass_fraction": w}]
    if w < 1.0:
        phases.append({"material": draw(st.sampled_from(MATRIX)), "mass_fraction": 1.0 - w})
    comp = draw(st.floats(0.0, 0.95))
    binder = draw(st.floats(0.0, 0.05))
    cond = draw(st.floats(0.0, 0.05))
    graphite = 1.0 - comp - binder - cond
    if graphite < 0:
        comp += graphite
        graphite = 0.0
    return {
        "particle": {
            "phases": phases,
            "porosity": draw(st.floats(0.0, 0.85)),
            "closed_pore_fraction": draw(st.floats(0.0, 1.0)),
            "accommodation_efficiency": draw(st.floats(0.2, 1.0)),
        },
        "electrode": {
            "composite_mass_fraction": comp,
            "graphite_mass_fraction": graphite,
            "binder_mass_fraction": binder,
            "conductive_mass_fraction": cond,
            "areal_capacity_mAh_cm2": draw(st.floats(0.5, 8.0)),
            "compaction_density_g_cm3": draw(st.floats(0.4, 2.0)),
            "swelling_model": draw(st.sampled_from(["constant_porosity", "fill_pores"])),
        },
        "cell": {"cathode": draw(st.sampled_from(["NMC811", "NMC622", "NCA", "LCO", "LFP"])), "np_ratio": draw(st.floats(1.05, 1.5))},
    }


def _spec(d):
    try:
        return parse_spec(d)
    except AlloyporeError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(designs())
def test_random_designs_are_physical(d):
    spec = _spec(d)
    if spec is None:
        return
    r = evaluate_arrays(spec)
    p, e, c = r.particle, r.electrode, r.cell
    for obj in (p, e, c):
        for k, v in obj.to_dict().items():
            if isinstance(v, dict):  # cell.format_details: the format's own arrays
                assert all(np.all(np.isfinite(np.asarray(x, dtype=float))) for x in v.values()), k
                continue
            assert np.all(np.isfinite(np.asarray(v, dtype=float))), k
    assert 0 <= float(p.porosity) < 1
    assert p.true_density_g_cm3 >= p.skeletal_density_g_cm3 >= p.envelope_density_g_cm3
    # volume conservation along lithiation
    b = volume_budget(p, np.linspace(0, 1, 11))
    np.testing.assert_allclose(
        b.envelope_volume_cm3_g, b.solid_volume_cm3_g + b.open_pore_volume_cm3_g + b.closed_pore_volume_cm3_g, rtol=1e-10
    )
    assert np.all((b.porosity >= -1e-12) & (b.porosity < 1))
    # mass conservation of the cell: components add up
    if bool(e.feasible) and bool(c.plating_free):
        assert 0 < float(e.porosity) < 1
        total = c.mass_anode_g_cm2 + c.mass_cathode_g_cm2 + c.mass_separator_g_cm2 + c.mass_foils_g_cm2 + c.mass_electrolyte_g_cm2
        e_wh = float(c.delivered_capacity_mAh_cm2) * float(c.cell_voltage_V) / 1000  # to the cut-off
        np.testing.assert_allclose(float(c.stack_energy_density_Wh_kg), e_wh / float(total) * 1000, rtol=1e-10)
        assert float(e.swelling_pct) >= -1e-9


@settings(max_examples=60, deadline=None)
@given(designs())
def test_monotonic_trends(d):
    spec = _spec(d)
    if spec is None:
        return
    fc = np.linspace(0, 1, 6)
    r = evaluate_arrays(spec, {"particle.closed_pore_fraction": fc})
    ok = np.asarray(r.electrode.feasible) & np.asarray(r.cell.plating_free)
    if ok.all() and float(spec.electrode.composite_mass_fraction) > 0.01 and spec.particle.porosity > 0.01:
        assert np.all(np.diff(r.cell.electrolyte_g_Ah) < 0)
        assert np.all(np.diff(r.cell.energy_density_Wh_kg) > 0)
    # more pores never expand a particle more outward
    eps = np.linspace(0, 0.8, 9)
    rp = evaluate_arrays(spec, {"particle.porosity": eps})
    assert np.all(np.diff(rp.particle.volume_expansion_pct) <= 1e-12)


def test_vectorised_equals_one_design_path():
    spec = example_spec()
    grid = np.linspace(0.1, 0.7, 7)
    vec = evaluate_arrays(spec, {"particle.porosity": grid})
    for i, eps in enumerate(grid):
        one = evaluate_arrays(spec.model_copy(update={"particle": spec.particle.model_copy(update={"porosity": eps})}))
        for k, v in one.cell.to_dict().items():
            if isinstance(v, dict):  # cell.format_details
                for name, x in v.items():
                    np.testing.assert_allclose(np.asarray(vec.cell.format_details[name])[i], x, rtol=1e-12, atol=0)
                continue
            np.testing.assert_allclose(np.asarray(vec.cell.to_dict()[k])[i], v, rtol=1e-12, atol=0)
