"""PyBaMM runs of the example design: capacity vs the chain, pore-aware swelling, SEI, refusals."""

import numpy as np
import pybamm  # the `cycle` extra; `make test` installs it
import pytest

from alloypore.cell import evaluate_design, example_spec, parse_spec
from alloypore.electrochem import simulate_cycling
from alloypore.errors import InputError
from alloypore.literature import estimate_ice_from_ssa
from alloypore.particle import volume_budget


def legacy_example():
    """The built-in example with the particle ICE it had before the wetted-surface model (0.853, the
    SSA regression at 5 m2/g, now given explicitly): the NMC811 vs Si/graphite path's numbers below
    are the ones this path always gave (a Li-limited cell)."""
    d = example_spec().model_dump()
    d["particle"]["first_cycle_efficiency"] = estimate_ice_from_ssa(5.0)[0]
    return parse_spec(d)


@pytest.fixture(scope="module")
def c20():
    """C/20 discharge from top of charge, porous and dense side by side (SPM)."""
    return simulate_cycling(legacy_example(), experiment="Discharge at C/20 until 2.5 V", show_progress=False)


@pytest.fixture(scope="module")
def ten_sei():
    return simulate_cycling(legacy_example(), cycles=10, sei=True, show_progress=False)


def test_c20_discharge_capacity_matches_chain(c20):
    # chain: Q = min(Li cyclable, Q_c) with Q_c = 4.0 / 1.1 = 3.636 mAh/cm2 and the Li left after
    # the first-cycle losses -> 3.5935 mAh/cm2 (cell.reversible_capacity_mAh_cm2)
    chain = float(evaluate_design(legacy_example()).cell.reversible_capacity_mAh_cm2)
    assert chain == pytest.approx(3.5935, abs=1e-4)  # as before the wetted-surface ICE
    q = c20.cycles["discharge_capacity_mAh_cm2"][0]
    assert q == pytest.approx(chain, rel=0.02)
    assert q < chain  # the 2.5 V cut-off leaves a little Li in the anode
    assert c20.voltage_V[0] == pytest.approx(4.2, abs=0.01)  # starts at top of charge
    assert c20.voltage_V[-1] == pytest.approx(2.5, abs=1e-3)


def test_1c_discharge_is_below_c20_but_close(c20):
    r = simulate_cycling(legacy_example(), experiment="Discharge at 1C until 2.5 V", compare_dense=False,
                         show_progress=False)
    q1, q20 = r.cycles["discharge_capacity_mAh_cm2"][0], c20.cycles["discharge_capacity_mAh_cm2"][0]
    assert 0.95 * q20 < q1 < q20
    assert r.time_h[-1] == pytest.approx(q1 / r.mapping.reversible_capacity_mAh_cm2, rel=1e-3)  # 1C = chain Q per hour


def test_pybamm_thickness_follows_the_written_out_kinematic_rule(c20):
    m = c20.mapping
    x1, x2 = c20.x_graphite, c20.x_alloy
    g, p, beta_g = m.alloy_solid_growth, m.alloy_pore_capacity, m.graphite_expansion
    # dL = L [eps_g beta_g x1 + eps_a (g x2 - min(g x2, p))], PyBaMM's own variable + initial offset
    hand = m.anode_thickness_um * (m.graphite_volume_fraction * beta_g * x1
                                   + m.alloy_volume_fraction * (g * x2 - np.minimum(g * x2, p)))
    np.testing.assert_allclose(c20.anode_thickness_change_um, hand, atol=2e-3)
    # PyBaMM's swing alone (no offset): from top of charge to the end of discharge
    swing = c20.anode_thickness_change_um[0] - c20.anode_thickness_change_um[-1]
    assert swing == pytest.approx(hand[0] - hand[-1], abs=2e-3)


def test_porous_thickness_change_smaller_than_dense_by_the_chain_budget(c20):
    """dense - porous = composite mass x pore volume the chain says the pores absorb."""
    d = c20.dense
    assert d is not None
    # SPM: the same stoichiometries in both runs (electrolyte-free), so compare point by point
    np.testing.assert_allclose(d.x_alloy, c20.x_alloy, atol=1e-6)
    p = evaluate_design(legacy_example()).particle
    used = volume_budget(p, c20.x_alloy).pore_volume_used_cm3_g  # cm3 per g of composite
    m_c = c20.mapping.composite_mass_mg_cm2 * 1e-3  # g/cm2
    predicted_um = m_c * used * 1e4
    np.testing.assert_allclose(d.anode_thickness_change_um - c20.anode_thickness_change_um, predicted_um, atol=2e-3)
    # Written out at top of charge: x_alloy = 0.978 -> solid growth 1.297 x 0.978 v_s > v_p, so all
    # pores are used: m_c = 0.15 x 4.0 / 584.8 = 1.0262e-3 g/cm2, v_p = v_s = 0.5/2.329 + 0.5/2.0
    # = 0.46468 cm3/g -> 1.0262e-3 x 0.46468 = 4.769e-4 cm = 4.77 um less swelling.
    assert c20.x_alloy[0] > 1.0 / 1.297
    assert d.anode_thickness_change_um[0] - c20.anode_thickness_change_um[0] == pytest.approx(4.769, abs=0.01)
    # and the swings PyBaMM computes over the discharge differ by the same 4.77 um (pores empty at the end)
    sw_d = d.anode_thickness_change_um[0] - d.anode_thickness_change_um[-1]
    sw_p = c20.anode_thickness_change_um[0] - c20.anode_thickness_change_um[-1]
    assert sw_d - sw_p == pytest.approx(4.769 - m_c * float(used[-1]) * 1e4, abs=0.01)
    assert sw_p < sw_d


def test_ten_cycles_with_sei_fade_by_the_lithium_lost(ten_sei):
    c = ten_sei.cycles
    assert len(c["cycle"]) == 10
    q, sei = c["discharge_capacity_mAh_cm2"], c["sei_lithium_loss_mAh_cm2"]
    assert np.all(np.diff(q[1:]) < 0) and np.all(np.diff(sei) > 0)
    # Li-limited cell (cyclable Li 3.59 < cathode 3.64 mAh/cm2) with no loss of active material:
    # the fade cannot exceed the Li consumed by SEI.  At a fixed top-of-charge voltage (4.2 V CV)
    # a Li loss dn is shared by the two electrodes in proportion to their differential capacities,
    # so the anode (whose Li is what a discharge delivers) carries dn C_n / (C_n + C_p): the fade
    # is a large fraction (here ~0.87), but less than 1, of the SEI loss.
    fade, lost = q[1] - q[9], sei[8] - sei[0]
    assert 0.5 * lost < fade < lost
    assert np.all(np.asarray(c["sei_volume_um"]) > 0)


def test_sei_on_the_alloy_scales_with_the_wetted_share(ten_sei):
    # reaction-limited SEI: rate independent of film thickness, so j0 x (1 - closed fraction)
    # = growth on 40 % of the alloy surface only (60 % of the pores are closed)
    dense = ten_sei.dense.cycles["sei_alloy_lithium_loss_mAh_cm2"][-1]
    porous = ten_sei.cycles["sei_alloy_lithium_loss_mAh_cm2"][-1]
    assert porous / dense == pytest.approx(0.4, rel=0.03)


def test_sei_on_cracks_refused_up_front_and_still_broken_in_pybamm():
    opts = {"SEI on cracks": "true", "particle mechanics": "swelling and cracking", "SEI": "reaction limited"}
    with pytest.raises(InputError) as e:
        simulate_cycling(options=opts, show_progress=False)
    assert "SEI on cracks" in str(e.value) and "\n" not in str(e.value)
    # the refusal mirrors a real PyBaMM failure; when PyBaMM fixes it this fails and the refusal can go
    with pytest.raises(pybamm.ModelError):
        pybamm.lithium_ion.SPM({"particle phases": ("2", "1"), **opts})


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"model": "P2D"}, "--model"),
        ({"cycles": 0}, "--cycles"),
        ({"experiment": "Dance at 1C until 2.5 V"}, "--experiment"),
        ({"experiment": "Discharge at 0C until 2.5 V"}, "--experiment"),  # PyBaMM: ZeroDivisionError
        ({"experiment": "Hold at 1C for 1 h or until 1 Ohm"}, "--experiment"),  # PyBaMM: KeyError
        ({"experiment": "Rest at 1C until "}, "--experiment"),  # PyBaMM: IndexError
    ],
)
def test_bad_arguments(kw, field):
    with pytest.raises(InputError) as e:
        simulate_cycling(show_progress=False, **kw)
    assert str(e.value).startswith(field)


@pytest.mark.parametrize(
    "update, limited_by",
    [
        # ICE_a 0.99, N/P 1.2: cyclable Li 3.705 > cathode 4.0/1.2 = 3.333 -> cathode-limited
        ({"electrode": {"first_cycle_efficiency": 0.99}, "cell": {"np_ratio": 1.2}}, "cathode"),
        # 95 wt% composite, no graphite: Li-limited, alloy phase alone
        ({"electrode": {"composite_mass_fraction": 0.95, "graphite_mass_fraction": 0.0,
                        "compaction_density_g_cm3": 0.9}}, "lithium"),
    ],
)
def test_c20_capacity_is_min_of_lithium_and_cathode(update, limited_by):
    d = legacy_example().model_dump()
    for sec, vals in update.items():
        d[sec].update(vals)
    r = simulate_cycling(parse_spec(d), experiment="Discharge at C/20 until 2.5 V", compare_dense=False,
                         show_progress=False)
    m = r.mapping
    li, qc = m.lithium_inventory_mAh_cm2, m.cathode_capacity_mAh_cm2
    assert (qc < li) == (limited_by == "cathode")
    assert r.cycles["discharge_capacity_mAh_cm2"][0] == pytest.approx(min(li, qc), rel=0.02)
