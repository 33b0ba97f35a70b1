"""Curves the faces draw (alloypore.design.curves) against hand calculations and the chain."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec, parse_spec
from alloypore.design.curves import SWELLING_MODELS, repeat_unit_breakdown, swelling_curves
from alloypore.materials import get_material

# a dense pure-Si coating, nothing else in it: every bit of growth is the particle's
DENSE_SI = {
    "particle": {"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.0},
    "electrode": {"composite_mass_fraction": 1.0, "graphite_mass_fraction": 0.0, "binder_mass_fraction": 0.0,
                  "conductive_mass_fraction": 0.0, "swelling_limit_pct": 400},
    # a dense 10 um Si particle loses only its outer surface's SEI (ICE ~0.998, wetted-surface model):
    # against NMC811 (ICE 0.89) N/P 1.1 would plate
    "cell": {"np_ratio": 1.2},
}


def test_swelling_curves_by_hand_for_a_dense_si_coating():
    r = evaluate_design(parse_spec(DENSE_SI))
    beta = get_material("Si").volume_expansion  # 2.808: V = V0 (1 + beta theta)
    theta = np.array([0.0, 0.05, 0.5, 1.0])
    c = swelling_curves(r, theta)
    # constant porosity: the coating grows with its solid, 100 beta theta
    np.testing.assert_allclose(c["constant_porosity"], 100 * beta * theta, rtol=1e-12)
    # fill pores: the solid fills the interparticle pores down to min_porosity first,
    # t/t0 = (1 - eps)(1 + beta theta)/(1 - eps_min), never below 1
    eps, eps_min = float(r.electrode.porosity), r.spec.electrode.min_porosity
    hand = 100 * np.maximum((1 - eps) * (1 + beta * theta) / (1 - eps_min) - 1, 0)
    np.testing.assert_allclose(c["fill_pores"], hand, rtol=1e-12, atol=1e-12)
    assert c["fill_pores"][1] == 0.0 and c["fill_pores"][2] > 0  # pores absorb 5 % lithiation, not 50 %


def test_swelling_curves_meet_the_chain_at_full_and_charged_lithiation():
    r = evaluate_design(example_spec())
    th_c = float(r.cell.anode_lithiation_charged)
    c = swelling_curves(r, [0.0, th_c, 1.0])
    assert set(c) == {"theta", *SWELLING_MODELS}
    assert c[r.spec.electrode.swelling_model][2] == pytest.approx(float(r.electrode.swelling_pct), rel=1e-12)
    charged = 100 * (float(r.cell.anode_charged_thickness_um) / float(r.electrode.thickness_um) - 1)
    assert c[r.spec.electrode.swelling_model][1] == pytest.approx(charged, rel=1e-12)
    assert c["constant_porosity"][0] == c["fill_pores"][0] == 0.0
    assert len(swelling_curves(r)["theta"]) == 51


def test_repeat_unit_breakdown_adds_up_to_the_cell_model():
    r = evaluate_design(example_spec())
    b = repeat_unit_breakdown(r)
    # thickness: anode (charged) + cathode + separator + half of each foil = the model's repeat unit
    assert sum(b["thickness_um"].values()) == pytest.approx(float(r.cell.thickness_unit_charged_um), rel=1e-12)
    cs = r.spec.cell
    assert b["thickness_um"]["foils (half each)"] == pytest.approx(0.5 * (cs.anode_foil_thickness_um + cs.cathode_foil_thickness_um))
    # mass: Wh/kg = Q U / m  ->  m [g/cm2] = Q [mAh/cm2] U [V] / (Wh/kg), Q delivered to the cut-off
    c = r.cell
    m = float(c.delivered_capacity_mAh_cm2) * float(c.cell_voltage_V) / float(c.stack_energy_density_Wh_kg)
    assert sum(b["mass_mg_cm2"].values()) * 1e-3 == pytest.approx(m, rel=1e-12)
    assert list(b["mass_mg_cm2"]) == ["anode", "cathode", "electrolyte", "separator", "foils"]
