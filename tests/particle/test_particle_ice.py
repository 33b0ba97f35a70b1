"""Wetted-surface first-cycle efficiency against hand calculations (issue 19 item 6, issue 16 item 5)."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec, parse_spec
from alloypore.errors import AlloyporeError
from alloypore.particle import evaluate_particle, phase_props
from alloypore.particle.ice import (
    default_sei_areal_loss_mAh_m2,
    first_cycle_arrays,
    sei_areal_loss_mAh_m2,
    sphere_surface_m2_g,
    wetted_surface_m2_g,
)
from alloypore.particle.spec import ParticleSpec

F_MAH = 96485.33212 / 3.6  # mAh per mol
Q_SI = 3.75 * F_MAH / 28.0855  # 3578.6 mAh/g (Li15Si4)
BETA_SI = 45.916 / (28.0855 / 2.329) - 1.0  # 2.8076, crystallographic (Li15Si4)

SI_C = {
    "phases": [{"material": "Si", "mass_fraction": 0.5}, {"material": "amorphous_carbon", "mass_fraction": 0.5}],
    "porosity": 0.5,
    "ssa_m2_g": 5.0,
    "secondary_particle_size_um": 10.0,
}


def _ice(spec: dict):
    ps = ParticleSpec(**spec)
    p = evaluate_particle(ps)
    return first_cycle_arrays(p, phase_props(ps), [ph.mass_fraction for ph in ps.phases], ssa_m2_g=ps.ssa_m2_g,
                              primary_particle_size_nm=ps.primary_particle_size_nm,
                              secondary_particle_size_um=ps.secondary_particle_size_um, ssa_basis=ps.ssa_basis)


def test_areal_loss_of_a_20_nm_ledc_sei_by_hand():
    # 2 Li per (CH2OCO2Li)2 of 95.85 cm3/mol, 20 nm = 2e-6 cm: 2 x 2e-6 / 95.85 mol/cm2 = 4.1732e-8 mol/cm2
    # = 4.1732e-4 mol/m2 x 26801.5 mAh/mol = 11.185 mAh/m2;  5 nm: 2.796 mAh/m2
    assert default_sei_areal_loss_mAh_m2() == pytest.approx(2 * 2e-6 / 95.85 * 1e4 * F_MAH, rel=1e-12)
    assert default_sei_areal_loss_mAh_m2() == pytest.approx(11.185, abs=1e-3)
    assert float(sei_areal_loss_mAh_m2(5.0)) == pytest.approx(2.796, abs=1e-3)
    # the literature plausibility bound (2 nm LEDC at 1.2 g/cm3, 0.79 mAh/m2) lies below it
    from alloypore.literature.validation import SEI_MIN_MAH_M2

    assert SEI_MIN_MAH_M2 < float(sei_areal_loss_mAh_m2(5.0)) < default_sei_areal_loss_mAh_m2()


def test_closing_pores_at_equal_porosity_and_ssa_raises_the_ice_by_hand():
    """Done when (issue 19): the ICE rises when pores are closed at equal porosity and SSA."""
    v_s = 0.5 / 2.329 + 0.5 / 2.0  # 0.464684 cm3/g
    v_env = 2 * v_s  # porosity 0.5
    a_out = 6.0 / ((1 / v_env) * 10.0)  # 0.5576 m2/g, 10 um sphere at the envelope density 1.0760 g/cm3
    d_v = 0.5 * BETA_SI / 2.329  # 0.6027 cm3/g of solid growth > v_p = 0.4647: pores used up
    out = d_v - v_s
    a_lith = a_out * ((v_env + out) / v_env) ** (2 / 3)  # 0.6116 m2/g: the grown sphere
    pore = 5.0 - a_out  # 4.4424 m2/g of pore wall
    q = 0.5 * Q_SI + 0.5 * 250.0  # 1914.3 mAh/g
    q_a = 2 * 2e-6 / 95.85 * 1e4 * F_MAH
    hand = {fc: q / (q + q_a * (a_lith + (1 - fc) * pore)) for fc in (0.0, 0.6, 1.0)}
    # open 0.9713, 60 % closed 0.9862, all closed 0.9965
    assert hand[0.0] == pytest.approx(0.97132, abs=2e-5) and hand[0.6] == pytest.approx(0.98624, abs=2e-5)
    for fc, ice in hand.items():
        got = _ice({**SI_C, "closed_pore_fraction": fc})
        assert float(got.first_cycle_efficiency) == pytest.approx(ice, rel=1e-9)
        assert float(got.wetted_surface_m2_g) == pytest.approx(a_lith + (1 - fc) * pore, rel=1e-9)
    assert hand[0.0] < hand[0.6] < hand[1.0]


def test_ice_rises_monotonically_with_the_closed_fraction_in_the_chain():
    from alloypore.cell import evaluate_arrays

    fc = np.linspace(0.0, 1.0, 11)
    r = evaluate_arrays(example_spec(), {"particle.closed_pore_fraction": fc})
    ice_p = np.asarray(r.notes["first_cycle_loss"]["first_cycle_efficiency"])
    assert np.all(np.diff(ice_p) > 0)
    assert np.all(np.diff(r.electrode.first_cycle_efficiency) > 0)


def test_open_basis_bet_does_not_see_closed_pores():
    # a BET of the sealed particle already excludes closed pores: the closed fraction changes nothing
    a = _ice({**SI_C, "ssa_basis": "open", "closed_pore_fraction": 0.0})
    b = _ice({**SI_C, "ssa_basis": "open", "closed_pore_fraction": 0.5})  # open pores still hold their SEI
    assert not bool(a.pores_filled_by_sei) and not bool(b.pores_filled_by_sei)
    assert float(a.first_cycle_efficiency) == pytest.approx(float(b.first_cycle_efficiency), rel=1e-12)
    assert float(wetted_surface_m2_g(5.0, 0.5, 0.9, ssa_basis="open")) == pytest.approx(5.0)
    assert float(wetted_surface_m2_g(5.0, 0.5, 0.9)) == pytest.approx(0.5 + 0.1 * 4.5)


def test_surface_fallbacks_primary_spheres_then_outer_only():
    spec = {k: v for k, v in SI_C.items() if k != "ssa_m2_g"}
    prim = _ice({**spec, "primary_particle_size_nm": 100.0})
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    assert float(prim.pore_surface_m2_g) == pytest.approx(6000.0 / ((1 / v_s) * 100.0) - 6.0 / (10.0 / (2 * v_s)), rel=1e-9)
    assert prim.surface_source == "primary"
    outer = _ice(spec)
    assert outer.surface_source == "outer" and float(outer.pore_surface_m2_g) == 0.0
    assert float(outer.first_cycle_efficiency) > float(prim.first_cycle_efficiency)
    assert float(sphere_surface_m2_g(2.329, 0.1)) == pytest.approx(25.76, abs=0.01)  # 100 nm Si spheres


def test_sio_without_a_given_ice_takes_its_intrinsic_loss():
    """Issue 16 item 5: SiO loses 1 Li per 2.8125 reversible (0.25 Li4SiO4): ICE_intr = 0.7377."""
    q_sio = 2.8125 * F_MAH / 44.085  # 1709.9 mAh/g reversible
    ice_intr = 2.8125 / 3.8125  # 0.73770
    spec = {"phases": [{"material": "SiO", "mass_fraction": 1.0}], "porosity": 0.0, "secondary_particle_size_um": 5.0}
    got = _ice(spec)
    a_out = 6.0 / (2.13 * 5.0)  # dense 5 um SiO sphere: 0.5634 m2/g, grown by its full expansion
    grow = (1 + (46.97 / (44.085 / 2.13) - 1)) ** (2 / 3)
    sei = default_sei_areal_loss_mAh_m2() * a_out * grow
    hand = q_sio / (q_sio + q_sio * (1 / ice_intr - 1) + sei)
    assert float(got.intrinsic_loss_mAh_g) == pytest.approx(q_sio * (1 / ice_intr - 1), rel=1e-9)
    assert float(got.first_cycle_efficiency) == pytest.approx(hand, rel=1e-9)
    assert 0.72 < hand < ice_intr


def test_sio_design_wh_kg_drops_from_the_old_085_fallback():
    """The same SiO-C spec: the old 0.85 fallback overstated Wh/kg; the model's Li budget by hand."""
    d = example_spec().model_dump()
    d["particle"]["phases"][0]["material"] = "SiO"
    d["particle"]["first_cycle_efficiency"] = 0.85
    old = evaluate_design(parse_spec(d))
    d["particle"]["first_cycle_efficiency"] = None
    new = evaluate_design(parse_spec(d))
    ice_p = new.to_dict()["particle"]["first_cycle_loss"]["first_cycle_efficiency"]
    assert ice_p < 0.76  # intrinsic 0.7377 of the SiO half, carbon half loses only SEI
    assert float(new.cell.energy_density_Wh_kg) < float(old.cell.energy_density_Wh_kg)
    # by hand: Li after formation = Q_c/ICE_c - Q_a (1/ICE_a - 1), Li-limited here
    q_a, npr, ice_c = 4.0, 1.1, 0.89
    for r in (old, new):
        ice_a = float(r.electrode.first_cycle_efficiency)
        li = q_a / npr / ice_c - q_a * (1 / ice_a - 1)
        assert float(r.cell.reversible_capacity_mAh_cm2) == pytest.approx(min(li, q_a / npr), rel=1e-9)
    drop = 1 - float(new.cell.reversible_capacity_mAh_cm2) / float(old.cell.reversible_capacity_mAh_cm2)
    assert drop > 0.03


def test_bad_ssa_basis_is_one_line():
    with pytest.raises(AlloyporeError) as e:
        evaluate_design(parse_spec({**example_spec().model_dump(), "particle": {**SI_C, "ssa_basis": "bet"}}))
    assert "ssa_basis" in str(e.value) and "\n" not in str(e.value)


def test_sei_in_narrow_open_pores_is_capped_by_their_volume():
    """A mesoporous particle: 300 m2/g of pore wall but only 0.05 cm3/g of open pores.  A 20 nm SEI on
    all of it would need 0.6 cm3/g; it can fill the pores at most: k v_open = 559.2 x 0.05 mAh/g."""
    k = 2 / 95.85 * F_MAH  # mAh per cm3 of (CH2OCO2Li)2
    assert k == pytest.approx(559.24, abs=0.01)
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    spec = {**SI_C, "porosity": None, "pore_volume_cm3_g": 0.05, "ssa_m2_g": 300.0}
    got = _ice(spec)
    v_env = v_s + 0.05
    a_out = 6.0 / (10.0 / v_env)
    out = 0.5 * BETA_SI / 2.329 - 0.05
    a_lith = a_out * ((v_env + out) / v_env) ** (2 / 3)
    q = 0.5 * Q_SI + 0.5 * 250.0
    q_a = 2 * 2e-6 / 95.85 * 1e4 * F_MAH
    hand = q / (q + q_a * a_lith + k * 0.05)
    assert bool(got.pores_filled_by_sei)
    assert float(got.first_cycle_efficiency) == pytest.approx(hand, rel=1e-9)
    assert float(got.sei_loss_mAh_g) == pytest.approx(q_a * a_lith + k * 0.05, rel=1e-9)


def test_the_basis_names_a_given_areal_loss():
    from alloypore.cell import evaluate_arrays

    r = evaluate_arrays(example_spec(), {"particle.sei_areal_loss_mAh_m2": np.array([2.8, 30.0])})
    assert "areal loss given in the spec (2.8-30 mAh/m2" in r.notes["first_cycle_efficiency_basis"]
    d = example_spec().model_dump()
    d["particle"]["sei_areal_loss_mAh_m2"] = "2.8 mAh/m^2"
    one = evaluate_design(parse_spec(d))
    assert "given in the spec" in one.notes["first_cycle_efficiency_basis"]
    assert one.to_dict()["particle"]["first_cycle_loss"]["sei_areal_loss_mAh_m2"] == 2.8


def test_a_carbon_phase_carries_its_measured_typical_ice():
    """Hard carbon's table ICE 0.85 (Dahn 1995: bulk trapping) is its own loss; amorphous carbon has none."""
    spec = {"phases": [{"material": "hard_carbon", "mass_fraction": 1.0}], "porosity": 0.0}
    got = _ice(spec)
    q = 300.0  # hard carbon, materials table
    assert float(got.intrinsic_loss_mAh_g) == pytest.approx(q * (1 / 0.85 - 1), rel=1e-12)
    assert float(got.first_cycle_efficiency) < 0.85
    assert float(_ice(SI_C).intrinsic_loss_mAh_g) == 0.0  # Si + amorphous carbon: no host-bound loss
