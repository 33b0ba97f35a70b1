"""Design -> two-phase electrode mapping (pure numpy; no PyBaMM needed), checked by hand."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.electrochem import (
    alloy_volume_change,
    anode_thickness_change_um,
    composite_mapping,
    dense_variant,
)
from alloypore.errors import SpecError
from alloypore.particle import volume_budget

F = 96485.33212
# Hand numbers of the built-in example (50 wt% Si + 50 wt% amorphous C, porosity 0.5,
# 60 % closed; 15 wt% composite + 80 wt% graphite; 4.0 mAh/cm2 at 1.6 g/cm3).
V_SI = 0.5 / 2.329  # cm3/g, CRC density of Si
V_C = 0.5 / 2.0  # cm3/g, amorphous carbon
V_S = V_SI + V_C  # 0.464684 cm3/g
BETA_SI = 45.916 / (28.0855 / 2.329) - 1.0  # Li15Si4 molar volume / Si molar volume - 1 = 2.80762
Q_SI = 3.75 * F / 3.6 / 28.0855  # 3579 mAh/g
Q_P = 0.5 * Q_SI + 0.5 * 250.0  # particle capacity, mAh/g
Q_G = F / 6 / 3.6 / 12.011  # LiC6: 372.1 mAh/g


@pytest.fixture(scope="module")
def m():
    return composite_mapping(evaluate_design(example_spec()))


def test_hand_numbers_of_the_example(m):
    assert V_S == pytest.approx(0.464684, rel=1e-5)
    assert BETA_SI == pytest.approx(2.80762, rel=1e-5)
    cd, w_c, w_g = 1.6, 0.15, 0.80
    q_e = w_c * Q_P + w_g * Q_G  # mAh/g coating
    load = 4.0 / q_e  # g/cm2
    assert m.anode_thickness_um == pytest.approx(load / cd * 1e4, rel=1e-6)
    # porosity 0.5 -> pore volume = solid volume; 40 % open, 60 % closed
    assert m.open_pore_porosity == pytest.approx(cd * w_c * 0.4 * V_S, rel=1e-6)
    assert m.closed_pore_porosity == pytest.approx(cd * w_c * 0.6 * V_S, rel=1e-6)
    assert m.alloy_volume_fraction == pytest.approx(cd * w_c * V_S, rel=1e-6)  # 0.111524
    assert m.graphite_volume_fraction == pytest.approx(cd * w_g / 2.26, rel=1e-6)  # 0.566372
    v_part = w_c * 2 * V_S + w_g / 2.26 + 0.03 / 1.2 + 0.02 / 1.9  # envelope volumes per g coating
    eps_e = 1 - cd * v_part
    assert m.electrolyte_porosity == pytest.approx(eps_e + cd * w_c * 0.4 * V_S, rel=2e-3)
    # solid growth per solid volume and usable pores per solid volume
    assert m.alloy_solid_growth == pytest.approx(BETA_SI * V_SI / V_S, rel=1e-5)  # 1.29711
    assert m.alloy_pore_capacity == pytest.approx(1.0, rel=1e-9)
    assert m.alloy_radius_um == pytest.approx(0.05)  # 100 nm primary particles


def test_max_concentrations_from_stoichiometry():
    # Pure dense Si: c_max from Li15Si4 = 3.75 Li per Si molar volume 12.059 cm3/mol
    spec = example_spec()
    si = spec.model_copy(
        update={"particle": spec.particle.model_copy(update={"phases": [spec.particle.phases[0].model_copy(
            update={"mass_fraction": 1.0})], "porosity": 0.0, "closed_pore_fraction": 0.0})}
    )
    m = composite_mapping(evaluate_design(si))
    assert m.alloy_max_concentration_mol_m3 == pytest.approx(3.75 / (28.0855 / 2.329) * 1e6, rel=1e-4)  # 310 970
    # graphite: LiC6, 1/6 Li per C of molar volume 12.011/2.26 cm3/mol -> 31 360 mol/m3
    # (Chen et al. 2020 fit 28 700 for LG M50 graphite, i.e. 92 % of this theoretical value)
    assert m.graphite_max_concentration_mol_m3 == pytest.approx(1 / 6 / (12.011 / 2.26) * 1e6, rel=1e-4)


def test_phase_capacities_add_up_and_np_is_honoured(m):
    # capacity of each phase from volume fraction, c_max and thickness = chain's capacities
    L_cm = m.anode_thickness_um * 1e-4
    q_g = m.graphite_volume_fraction * m.graphite_max_concentration_mol_m3 * 1e-6 * F / 3.6 * L_cm
    q_a = m.alloy_volume_fraction * m.alloy_max_concentration_mol_m3 * 1e-6 * F / 3.6 * L_cm
    assert q_g + q_a == pytest.approx(4.0, rel=1e-6)
    assert m.anode_capacity_mAh_cm2 / m.cathode_capacity_mAh_cm2 == pytest.approx(1.1, rel=1e-9)


def test_alloy_volume_change_pores_first():
    g, p = 1.297, 1.0
    # below x* = p/g = 0.771 all growth goes into pores
    assert alloy_volume_change(0.5, g, p) == 0.0
    assert alloy_volume_change(1.0, g, p) == pytest.approx(0.297)
    assert alloy_volume_change(0.9, g, p) == pytest.approx(1.297 * 0.9 - 1.0)
    # dense: linear, Ai et al. 2019 form Omega c_max x with Omega c_max = g
    np.testing.assert_allclose(alloy_volume_change(np.array([0, 0.25, 1]), g, 0.0), [0, 0.32425, 1.297])


def test_thickness_difference_is_the_chain_pore_budget(m):
    """Kinematic rule: dense - porous thickness = composite mass x pore volume used (chain)."""
    r = evaluate_design(example_spec())
    for x in (0.3, 0.771, 0.95, 1.0):
        diff_um = anode_thickness_change_um(m, 0.5, x, dense=True) - anode_thickness_change_um(m, 0.5, x)
        used = float(volume_budget(r.particle, x).pore_volume_used_cm3_g)
        assert diff_um == pytest.approx(m.composite_mass_mg_cm2 * 1e-3 * used * 1e4, rel=1e-9)
    # hand: full lithiation uses all 0.4647 cm3/g of pores; m_c = 0.15 * 4.0 / 584.8 g/cm2
    m_c = 0.15 * 4.0 / (0.15 * Q_P + 0.80 * Q_G)
    full = anode_thickness_change_um(m, 0.5, 1.0, dense=True) - anode_thickness_change_um(m, 0.5, 1.0)
    assert full == pytest.approx(m_c * V_S * 1e4, rel=1e-4)  # 4.77 um


def test_dense_variant_keeps_everything_but_pores():
    spec = example_spec()
    d = dense_variant(spec)
    assert d.particle.porosity == 0.0 and d.particle.closed_pore_fraction == 0.0
    assert d.electrode == spec.electrode and d.cell == spec.cell
    md, mp = composite_mapping(evaluate_design(d)), composite_mapping(evaluate_design(spec))
    assert md.alloy_volume_fraction == pytest.approx(mp.alloy_volume_fraction)
    assert md.anode_thickness_um == pytest.approx(mp.anode_thickness_um)
    assert md.alloy_pore_capacity == 0.0 and md.open_surface_share == 1.0


@pytest.mark.parametrize(
    "update, field",
    [
        ({"particle": {"phases": [{"material": "Si", "mass_fraction": 0.3}, {"material": "Ge", "mass_fraction": 0.2},
                                  {"material": "amorphous_carbon", "mass_fraction": 0.5}]}}, "particle.phases = 'Si, Ge'"),
        ({"electrode": {"blend_material": "hard_carbon", "compaction_density_g_cm3": 1.2}}, "electrode.blend_material"),
    ],
)
def test_unsupported_designs_refused_in_one_line(update, field):
    from alloypore.cell import parse_spec

    d = example_spec().model_dump()
    for sec, vals in update.items():
        d[sec].update(vals)
    with pytest.raises(SpecError) as e:
        composite_mapping(evaluate_design(parse_spec(d)))
    assert str(e.value).startswith(field) and "\n" not in str(e.value)


def test_compliant_matrix_volume_change_is_the_chain_budget():
    """expansion_model = "compliant": t2(x) = g x - clip(g x - a, 0, p) per solid volume equals the
    chain's outward growth / v_s at every lithiation (a = g_el / v_s)."""
    from alloypore.cell import parse_spec

    d = example_spec().model_dump()
    d["particle"].update(porosity=0.65, expansion_model="compliant")
    r = evaluate_design(parse_spec(d))
    m = composite_mapping(r)
    v_s = float(r.particle.solid_volume_cm3_g)
    assert m.alloy_elastic_growth == pytest.approx(float(r.particle.matrix_elastic_growth_cm3_g) / v_s, rel=1e-12)
    assert m.alloy_elastic_growth > 0
    x = np.linspace(0, 1, 21)
    t2 = alloy_volume_change(x, m.alloy_solid_growth, m.alloy_pore_capacity, m.alloy_elastic_growth)
    np.testing.assert_allclose(t2 * v_s, volume_budget(r.particle, x).outward_growth_cm3_g, rtol=1e-12, atol=1e-15)
    # the pores-first form is the case a = 0
    np.testing.assert_allclose(alloy_volume_change(x, 1.3, 1.0, 0.0), 1.3 * x - np.minimum(1.3 * x, 1.0))
