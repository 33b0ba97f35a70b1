"""Full-cell model: hand calculation of a stack and the review's trends."""

import numpy as np
import pytest

from alloypore.cell import evaluate_arrays, evaluate_design, example_spec, parse_spec
from alloypore.errors import SpecError

F = 96485.33212


def base(**cell):
    s = example_spec().model_dump()
    s["cell"].update(cell)
    return s


def test_stack_energy_density_hand_calculation():
    s = base(format="stack", energy_model="average")  # the average-potential model, by hand
    s["electrode"]["first_cycle_efficiency"] = 0.90
    r = evaluate_design(s)
    # --- anode (see the electrode tests for these lines) ---
    q_si, q_gr = 3.75 * F / (3.6 * 28.0855), F / (6 * 3.6 * 12.011)
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    v_p = v_s  # porosity 0.5
    q_p = 0.5 * q_si + 0.5 * 250
    q_e = 0.15 * q_p + 0.80 * q_gr
    load_a = 4.0 / q_e  # g/cm2
    v_part0 = 0.15 * (v_s + v_p) + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    eps_a = 1 - 1.6 * v_part0
    t_a0 = load_a / 1.6  # cm
    # --- capacity balance: NMC811 200 mAh/g, ICE 0.89; anode ICE 0.90; N/P 1.1 ---
    q_c = 4.0 / 1.1
    li_in_anode = q_c / 0.89 - 4.0 * (1 / 0.90 - 1)
    q_cell = min(li_in_anode, q_c)
    theta = li_in_anode / 4.0
    # --- charged anode thickness (constant porosity) ---
    beta_si = (45.916 / (28.0855 / 2.329)) - 1
    beta_gr = 5.9698 / (12.011 / 2.26) - 1
    growth = theta * 0.5 * beta_si / 2.329
    out = growth - min(growth, v_p)
    v_part = 0.15 * (v_s + v_p + out) + 0.80 * (1 + beta_gr * theta) / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    t_a = t_a0 * v_part / v_part0
    # --- cathode: 96 % NMC811 (4.75) + 2 % PVDF (1.78) + 2 % carbon black (1.9), porosity 0.25 ---
    load_c = q_c / (200 * 0.96)
    rho_c = 1 / (0.96 / 4.75 + 0.02 / 1.78 + 0.02 / 1.9)
    t_c = load_c / (rho_c * 0.75)
    # --- separator 12 um, 40 % porous PE 0.95; foils Cu 8 um, Al 12 um (half each per unit) ---
    t_s = 12e-4
    m_s = t_s * 0.6 * 0.95
    m_f = 0.5 * (8e-4 * 8.96 + 12e-4 * 2.70)
    v_el = 0.25 * t_c + 0.40 * t_s + eps_a * t_a0 + load_a * 0.15 * 0.4 * v_p
    m_el = 1.2 * v_el
    # --- voltage: NMC811 3.80 V minus capacity-weighted anode potential ---
    u_a = (0.15 * q_p * 0.40 + 0.80 * q_gr * 0.125) / q_e
    e_wh = q_cell * (3.80 - u_a) / 1000
    mass = load_a + load_c + m_s + m_f + m_el
    thick = t_a + t_c + t_s + 0.5 * (8e-4 + 12e-4)
    assert float(r.cell.stack_energy_density_Wh_kg) == pytest.approx(e_wh / mass * 1000, rel=1e-4)
    assert float(r.cell.stack_energy_density_Wh_L) == pytest.approx(e_wh / thick * 1000, rel=1e-4)
    assert float(r.cell.energy_density_Wh_kg) == float(r.cell.stack_energy_density_Wh_kg)
    assert float(r.cell.electrolyte_g_Ah) == pytest.approx(m_el / (q_cell / 1000), rel=1e-4)


def test_closed_pores_cut_electrolyte_and_raise_wh_kg():
    fc = np.linspace(0.0, 1.0, 21)
    r = evaluate_arrays(example_spec(), {"particle.closed_pore_fraction": fc})
    g_ah = r.cell.electrolyte_g_Ah
    wh_kg = r.cell.energy_density_Wh_kg
    assert np.all(np.diff(g_ah) < 0)
    assert np.all(np.diff(wh_kg) > 0)
    # closed pores spare the SEI (issue 19: the wetted-surface ICE model): the anode ICE rises
    assert np.all(np.diff(r.electrode.first_cycle_efficiency) > 0)
    # at a fixed first-cycle efficiency Wh/L does not depend on whether pores are open or closed
    fixed = evaluate_arrays(parse_spec({**example_spec().model_dump(), "electrode": {
        **example_spec().electrode.model_dump(), "first_cycle_efficiency": 0.9}}), {"particle.closed_pore_fraction": fc})
    np.testing.assert_allclose(fixed.cell.energy_density_Wh_L, fixed.cell.energy_density_Wh_L[0], rtol=1e-12)


def test_wh_l_falls_as_swelling_rises():
    s = example_spec().model_dump()
    values = []
    for beta_pct in (250, 280, 350, 450, 600):  # above ~225 % the pores (eps 0.5) no longer absorb it all
        s["particle"]["phases"][0]["volume_expansion_pct"] = beta_pct
        r = evaluate_design(s)
        values.append((float(r.electrode.swelling_pct), float(r.cell.energy_density_Wh_L)))
    swell, whl = np.array(values).T
    assert np.all(np.diff(swell) > 0)
    assert np.all(np.diff(whl) < 0)


def test_fixed_electrolyte_dosage():
    r = evaluate_design(base(electrolyte_g_Ah=2.0))
    assert float(r.cell.electrolyte_g_Ah) == pytest.approx(2.0, rel=1e-12)


def test_anode_ice_adds_component_losses():
    s = example_spec().model_dump()
    s["particle"]["first_cycle_efficiency"] = 0.80
    r = evaluate_design(s)
    q_p = float(r.particle.capacity_mAh_g)
    q_gr = F / (6 * 3.6 * 12.011)
    loss = 0.15 * q_p * (1 / 0.80 - 1) + 0.80 * q_gr * (1 / 0.93 - 1)  # graphite 0.93 from the table
    q_e = 0.15 * q_p + 0.80 * q_gr
    assert float(r.electrode.first_cycle_efficiency) == pytest.approx(q_e / (q_e + loss), rel=1e-12)
    assert "given in the spec" in r.notes["first_cycle_efficiency_basis"]


def test_anode_ice_modelled_from_the_wetted_surface_is_labelled():
    r = evaluate_design()  # the example gives ssa_m2_g = 5 and no ICE
    assert r.notes["first_cycle_efficiency_basis"].startswith("MODEL")
    assert "wetted-surface SEI" in r.notes["first_cycle_efficiency_basis"]
    d = r.to_dict()
    assert d["electrode"]["first_cycle_efficiency_basis"].startswith("MODEL")
    ice_p = d["particle"]["first_cycle_loss"]["first_cycle_efficiency"]
    s = example_spec().model_dump()
    s["particle"]["first_cycle_efficiency"] = ice_p
    same = evaluate_design(s)
    assert float(same.electrode.first_cycle_efficiency) == pytest.approx(float(r.electrode.first_cycle_efficiency), rel=1e-12)
    assert "first_cycle_loss" not in same.to_dict()["particle"]
    # higher SSA -> more wetted surface -> lower ICE -> less cyclable Li
    s2 = example_spec().model_dump()
    s2["particle"]["ssa_m2_g"] = 100.0
    assert float(evaluate_design(s2).electrode.first_cycle_efficiency) < float(r.electrode.first_cycle_efficiency)


def test_plating_is_refused():
    s = base(np_ratio=1.0, cathode_first_cycle_efficiency=0.80)
    with pytest.raises(SpecError, match="cell.np_ratio"):
        evaluate_design(s)


def test_pouch_is_below_stack():
    r = evaluate_design()
    assert float(r.cell.pouch_energy_density_Wh_kg) < float(r.cell.stack_energy_density_Wh_kg)
    assert float(r.cell.pouch_energy_density_Wh_L) < float(r.cell.stack_energy_density_Wh_L)
    # pouch capacity = delivered areal capacity x area x layers (defaults: 400 cm2 x 40)
    assert float(r.cell.cell_capacity_Ah) == pytest.approx(float(r.cell.delivered_capacity_mAh_cm2) * 400 * 40 / 1000)


def test_repeat_unit_pieces_by_hand():
    from alloypore.cell.model import CellProps, capacity_balance, cathode_coating, electrolyte_fill, unit_masses

    # Q_a 4.0, ICE_a 0.9, ICE_c 0.8, N/P 1.1: Q_c = 3.6364, first charge 4.5455, SEI 0.4444 -> 4.1010 > Q_c
    b = capacity_balance(4.0, 0.9, 0.8, 1.1)
    assert float(b.cathode_capacity_mAh_cm2) == pytest.approx(4.0 / 1.1, rel=1e-12)
    assert float(b.reversible_capacity_mAh_cm2) == pytest.approx(4.0 / 1.1, rel=1e-12)  # cathode-limited
    assert float(b.anode_lithiation_charged) == pytest.approx((4.0 / 1.1 / 0.8 - 4.0 * (1 / 0.9 - 1)) / 4.0, rel=1e-12)
    assert not bool(b.plating_free)  # theta = 1.025 > 1
    # cathode: 200 mAh/g, 96 % active, solid 4.0 g/cm3, porosity 0.25 -> 3.6364/192 = 18.94 mg/cm2, 63.1 um
    load, t = cathode_coating(4.0 / 1.1, CellProps(200.0, 3.8, 0.89, 4.0), 0.96, 0.25)
    assert float(load) == pytest.approx(4.0 / 1.1 / 192.0, rel=1e-12)
    assert float(t) == pytest.approx(4.0 / 1.1 / 192.0 / (4.0 * 0.75) * 1e4, rel=1e-12)
    # liquid: 0.3 x 60 + 0.4 x 12 + 0.2 x 50 um of pores + 1e-4 cm3 open intraparticle, x 1.1
    common = dict(anode_thickness_um=50.0, anode_porosity=0.2, anode_open_intraparticle_cm3_cm2=1e-4,
                  cathode_thickness_um=60.0, cathode_porosity=0.3, separator_thickness_um=12.0,
                  separator_porosity=0.4, electrolyte_excess=1.1)
    v, v_open, fits = electrolyte_fill(**common, solid_electrolyte=False)
    assert float(v) == pytest.approx(1.1 * ((18.0 + 4.8 + 10.0) * 1e-4 + 1e-4), rel=1e-12)
    assert float(v_open) == pytest.approx(1.1e-4, rel=1e-12) and bool(fits)
    # solid: phi_a 0.1 of the anode, the cathode's pores, a dense 12 um separator; no intraparticle pores
    v, v_open, fits = electrolyte_fill(**common, solid_electrolyte=True, anolyte_volume_fraction=0.1)
    assert float(v) == pytest.approx((0.3 * 60 + 12 + 0.1 * 50) * 1e-4, rel=1e-12)
    assert float(v_open) == 0.0 and bool(fits)
    # masses: 8 mg/cm2 anode; 12 um PE separator 60 % solid x 0.95; Cu 8 um + Al 12 um halves; 2 g/Ah x 3.6 mAh
    m_a, m_s, m_f, m_el = unit_masses(8.0, 3.6, 5e-3, 12.0, 8.0, 12.0, separator_porosity=0.4,
                                      separator_density_g_cm3=0.95, electrolyte_density_g_cm3=1.2, electrolyte_g_Ah=2.0)
    assert (float(m_a), float(m_el)) == pytest.approx((8e-3, 2.0 * 3.6e-3), rel=1e-12)
    assert float(m_s) == pytest.approx(12e-4 * 0.6 * 0.95, rel=1e-12)
    assert float(m_f) == pytest.approx(0.5 * (8e-4 * 8.96 + 12e-4 * 2.70), rel=1e-12)
