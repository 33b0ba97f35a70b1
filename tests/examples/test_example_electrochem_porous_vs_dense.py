"""docs/examples/electrochem_porous_vs_dense.py: its printed numbers against hand calculations.

The example cycles the built-in design (50/50 Si / amorphous carbon, porosity 0.5, 15 wt% in
graphite, 4.0 mAh/cm2 at 1.5 g/cm3, NMC811, N/P 1.1) and the same design with dense particles in
PyBaMM (SPM, 1C, three cycles) and prints the discharge capacity, the chain's reversible capacity,
the coating thickness and the largest thickness change of each.  Independent numbers:

* coating thickness ``L0 = (Q_a / q_e) / CD`` from the table's constants (docs/model.md, step 2);
* the chain's reversible capacity from the Li balance by hand (docs/model.md, step 4), with the
  particle ICE of the wetted-surface model by hand (docs/model.md, step 3: a 20 nm LEDC SEI,
  11.18 mAh/m2, on the outer surface and the open 40 % of the pore walls);
* the thickness change at top of charge from the PyBaMM-solved stoichiometries of the two phases,
  ``dL = L0 (eps_g beta_g x_g + eps_a [g x_a - min(g x_a, p)])`` (p = 0 for dense particles).
"""

import re

import numpy as np
import pytest

F = 96485.33212

# table constants (src/alloypore/materials/data/materials.toml)
Q_SI = 3.75 * F / (3.6 * 28.0855)  # mAh/g, Li15Si4
Q_GR = F / (6 * 3.6 * 12.011)  # mAh/g, LiC6
BETA_SI = 45.916 / (28.0855 / 2.329) - 1  # Li15Si4 molar volume / Si molar volume - 1
BETA_GR = 5.9698 / (12.011 / 2.26) - 1
V_S = 0.5 / 2.329 + 0.5 / 2.0  # cm3 solid per g particle (Si + amorphous carbon)
V_P = V_S  # porosity 0.5
Q_P = 0.5 * Q_SI + 0.5 * 250.0
Q_E = 0.15 * Q_P + 0.80 * Q_GR  # mAh per g coating
L0_UM = 4.0 / Q_E / 1.5 * 1e4


def _thickness_change_um(x_graphite, x_alloy, dense):
    eps_g = 1.5 * 0.80 / 2.26  # graphite volume fraction of the coating
    eps_a = 1.5 * 0.15 * V_S  # composite solid volume fraction
    g = 0.5 * BETA_SI / 2.329 / V_S  # solid growth per solid volume at full lithiation
    p = 0.0 if dense else V_P / V_S  # pore volume the growth may use, per solid volume
    return L0_UM * (eps_g * BETA_GR * x_graphite + eps_a * (g * x_alloy - min(g * x_alloy, p)))


@pytest.fixture(scope="module")
def example(run_example):
    g, text, out = run_example("electrochem_porous_vs_dense")
    numbers = [float(v) for v in re.findall(r"[-+]?\d+\.\d+", text.strip().splitlines()[-1])]
    return g, numbers, out


def test_it_writes_its_figure(example):
    _, _, out = example
    assert (out / "electrochem_porous_vs_dense.png").read_bytes()[:4] == b"\x89PNG"


def test_coating_thickness_by_hand(example):
    g, numbers, _ = example
    assert numbers[-1] == pytest.approx(L0_UM, abs=0.05)  # printed "of 45.6 um"
    assert L0_UM == pytest.approx(45.6, abs=0.05)  # docs/model.md, step 2
    assert g["s"]["anode_thickness_um"] == pytest.approx(L0_UM, rel=1e-9)


def test_chain_capacity_by_hand_and_pybamm_close_to_it(example):
    g, numbers, _ = example
    q_sei = 2 * 20e-7 / 95.85 * 1e4 * F / 3.6  # mAh/m2: 2 Li per (CH2OCO2Li)2 of 95.85 cm3/mol, 20 nm
    a_out = 6.0 / (1.0 / (2 * V_S) * 10.0)  # 10 um sphere at the envelope density, m2/g
    a_out_lith = a_out * ((2 * V_S + 0.5 * BETA_SI / 2.329 - V_P) / (2 * V_S)) ** (2 / 3)
    a_wet = a_out_lith + 0.4 * (5.0 - a_out)  # SSA 5 m2/g, 60 % of the pores closed
    ice_p = Q_P / (Q_P + q_sei * a_wet)
    assert ice_p == pytest.approx(0.986, abs=5e-4)  # docs/model.md, step 3
    loss = 0.15 * Q_P * (1 / ice_p - 1) + 0.80 * Q_GR * (1 / 0.93 - 1)
    ice_a = Q_E / (Q_E + loss)
    q_c = 4.0 / 1.1
    q_cell = min(q_c / 0.89 - 4.0 * (1 / ice_a - 1), q_c)  # NMC811 ICE 0.89
    assert q_cell == pytest.approx(3.636, abs=5e-4)  # docs/model.md, step 4: cathode-limited
    assert numbers[1] == pytest.approx(q_cell, abs=5e-4)  # printed "(chain 3.594)"
    assert g["s"]["chain_reversible_capacity_mAh_cm2"] == pytest.approx(q_cell, rel=1e-9)
    # PyBaMM at 1C delivers a little less than the full balance (polarisation at the cut-off)
    assert 0.97 * q_cell < numbers[0] <= q_cell


def test_thickness_changes_at_top_of_charge_by_hand(example):
    g, numbers, _ = example
    r = g["r"]
    for run, dense, printed in ((r, False, numbers[2]), (r.dense, True, numbers[3])):
        x_g, x_a = run.initial_state["x_graphite"], run.initial_state["x_alloy"]
        hand = _thickness_change_um(x_g, x_a, dense)
        # the largest change is at top of charge (the start; later charges end at C/20 just below it)
        assert printed == pytest.approx(hand, abs=0.006)  # printed with two decimals
        assert float(np.max(run.anode_thickness_change_um)) == pytest.approx(hand, rel=1e-9)
    # the pores take the Si growth first: the porous coating breathes less than half as much
    assert numbers[2] < 0.5 * numbers[3]
