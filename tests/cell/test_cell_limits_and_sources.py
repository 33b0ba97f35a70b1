"""Manufacturing limits (which bind), sourced defaults, and the default pouch against a published pouch."""

import numpy as np
import pytest

from alloypore.cell import FORMATS, CellSpec, evaluate_arrays, evaluate_design, example_spec
from alloypore.cell.limits import LIMIT_NAMES, LIMIT_SOURCES, binding_limits, limit_masks
from alloypore.cell.spec import CELL_SOURCES


def _spec(**cell):
    s = example_spec()
    return s.model_copy(update={"cell": s.cell.model_copy(update=cell)})


def test_limit_masks_by_hand():
    binds, viol = limit_masks(porosity=np.array([0.15, 0.2, 0.2001, 0.3]), compaction_density_g_cm3=1.6,
                              electrolyte_fill=1.2, min_electrode_porosity=0.2, max_anode_compaction_density_g_cm3=1.75,
                              min_electrolyte_fill=1.0, format_binds={}, format_violated={})
    assert binds["min_electrode_porosity"].tolist() == [True, True, True, False]  # within 0.1 % binds
    assert viol["min_electrode_porosity"].tolist() == [True, False, False, False]
    assert not binds["max_anode_compaction_density_g_cm3"].any() and not binds["min_electrolyte_fill"].any()
    assert binding_limits({k: v[0] for k, v in binds.items()}) == ["min_electrode_porosity"]


def test_the_example_says_which_limits_bind():
    r = evaluate_design()
    # interparticle porosity 0.154 < 0.20 and the electrolyte exactly fills the pores
    assert r.binding_limits() == ["min_electrode_porosity", "min_electrolyte_fill"]
    assert not bool(r.cell.manufacturable) and float(r.cell.electrolyte_fill) == pytest.approx(1.0, rel=1e-12)
    assert r.to_dict()["cell"]["binding_limits"] == r.binding_limits()
    s = example_spec()
    looser = evaluate_design(s.model_copy(update={"electrode": s.electrode.model_copy(update={"compaction_density_g_cm3": 1.3})}))
    assert float(looser.electrode.porosity) > 0.2 and bool(looser.cell.manufacturable)
    assert looser.binding_limits() == ["min_electrolyte_fill"]


def test_a_fixed_dosage_below_the_pores_is_not_manufacturable():
    r = evaluate_arrays(_spec(min_electrode_porosity=0.1), {"cell.electrolyte_g_Ah": np.array([0.5, 2.0])})
    fill = r.cell.electrolyte_fill
    # fill = dosage x Q / rho / pores: the 2 g/Ah dose overfills, 0.5 g/Ah does not wet them
    assert fill[0] < 1.0 < fill[1]
    assert fill[1] / fill[0] == pytest.approx(4.0, rel=1e-12)
    assert r.cell.manufacturable.tolist() == [False, True]


def test_compaction_limit_binds_and_is_changeable():
    r = evaluate_arrays(example_spec(), {"electrode.compaction_density_g_cm3": np.array([1.5, 1.75, 1.8])})
    assert r.cell.binds_max_anode_compaction_density_g_cm3.tolist() == [False, True, True]
    r2 = evaluate_arrays(_spec(max_anode_compaction_density_g_cm3=2.0), {"electrode.compaction_density_g_cm3": np.array([1.8])})
    assert not r2.cell.binds_max_anode_compaction_density_g_cm3.any()


def test_every_cell_default_has_a_source():
    fmt_fields = {f for fmt in FORMATS.values() for f in fmt.fields}
    for name, info in CellSpec.model_fields.items():
        if info.default is None or name in ("cathode", "electrolyte", "format", "energy_model") or name in fmt_fields:
            continue  # None: from a table or a format; text choices documented in docs/cells.md
        assert name in CELL_SOURCES or name in LIMIT_SOURCES, name
    for name, fmt in FORMATS.items():
        for f in fmt.defaults:
            assert fmt.sources[f].strip(), (name, f)
    assert set(LIMIT_SOURCES) == set(LIMIT_NAMES) - {"can_fit"}


def test_default_pouch_costs_less_wh_per_litre_than_a_published_pouch():
    """Kokam SLPB 75106100 (7.5 Ah; Ecker et al., J. Electrochem. Soc. 162 (2015) A1836, PyBaMM
    Ecker2015): 48 repeat units of 10.1 x 8.5 cm x (74 + 54 + 20 + (14 + 15)/2) um = 162.5 um,
    i.e. 66.96 cm3 of stack, in a 100 x 106 x 7.5 mm pouch (79.5 cm3): the pouch costs 15.8 % of
    the stack's Wh/L.  The default pouch (40 x 400 cm2) on the built-in example costs less."""
    kokam_cost = 1 - 48 * 10.1 * 8.5 * 162.5e-4 / (10.0 * 10.6 * 0.75)
    assert kokam_cost == pytest.approx(0.158, abs=1e-3)
    c = evaluate_design().cell
    cost = 1 - float(c.pouch_energy_density_Wh_L) / float(c.stack_energy_density_Wh_L)
    assert cost < kokam_cost
    assert cost == pytest.approx(0.145, abs=2e-3)
    # the old default (20 x 100 cm2, 2 g tabs) cost 26 %
    old = evaluate_arrays(example_spec(), {"cell.pouch_electrode_area_cm2": np.array(100.0), "cell.pouch_layers": np.array(20.0),
                                           "cell.pouch_tab_mass_g": np.array(2.0)}).cell
    assert 1 - float(old.pouch_energy_density_Wh_L) / float(old.stack_energy_density_Wh_L) == pytest.approx(0.263, abs=2e-3)
