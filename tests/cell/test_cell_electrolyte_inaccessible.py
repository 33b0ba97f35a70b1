"""[particle] electrolyte_inaccessible_fraction through the chain, against a hand calculation (issue #15, item 7).

Open pores too small for the electrolyte (below ~2 nm: the review's ref. 38) are neither
electrolyte-filled nor closed: He still reaches them (skeletal density unchanged), the electrolyte
does not (its volume and mass drop by exactly that volume x excess), and the SEI forms only on the
walls the electrolyte wets (the wetted share of the pores falls by the same factor).
"""

import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.electrochem.mapping import composite_mapping

F_IN = 0.3


def _spec(f_in):
    spec = example_spec()  # 50/50 Si/amorphous carbon, porosity 0.5, closed 0.6, 15 % in graphite, NMC811
    return spec.model_copy(update={"particle": spec.particle.model_copy(update={"electrolyte_inaccessible_fraction": f_in})})


def test_default_is_zero_and_every_open_pore_takes_electrolyte():
    spec = example_spec()
    assert spec.particle.electrolyte_inaccessible_fraction == 0.0
    p = evaluate_design(spec).particle
    assert float(p.electrolyte_pore_volume_cm3_g) == float(p.open_pore_volume_cm3_g)


def test_hand_calculation():
    dense, small = evaluate_design(_spec(0.0)), evaluate_design(_spec(F_IN))
    # particle, by hand: v_s = 0.5/2.329 + 0.5/2.0; v_p = 0.5 v_s/(1 - 0.5) = v_s; v_closed = 0.6 v_p; v_open = 0.4 v_p
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    v_open = 0.4 * v_s
    p = small.particle
    assert float(p.electrolyte_inaccessible_pore_volume_cm3_g) == pytest.approx(F_IN * v_open, rel=1e-12)
    assert float(p.electrolyte_pore_volume_cm3_g) == pytest.approx((1 - F_IN) * v_open, rel=1e-12)
    assert float(p.open_pore_volume_cm3_g) == pytest.approx(v_open, rel=1e-12)  # still open: gas and He reach it
    assert float(p.closed_pore_volume_cm3_g) == pytest.approx(0.6 * v_s, rel=1e-12)  # not closed either
    assert float(p.skeletal_density_g_cm3) == pytest.approx(float(dense.particle.skeletal_density_g_cm3), rel=1e-15)
    # wetted share of the pore walls (SEI): v_el / v_p = (1 - 0.6)(1 - 0.3) = 0.28
    assert float(p.electrolyte_wetted_share) == pytest.approx(0.4 * 0.7, rel=1e-12)
    # electrode: the electrolyte-filled intraparticle volume per cm2 = loading x w_c x v_el
    e = small.electrode
    load_g_cm2 = float(e.loading_mg_cm2) * 1e-3
    assert float(e.electrolyte_intraparticle_pore_volume_cm3_cm2) == pytest.approx(load_g_cm2 * 0.15 * (1 - F_IN) * v_open, rel=1e-12)
    assert float(e.inaccessible_intraparticle_pore_volume_cm3_cm2) == pytest.approx(load_g_cm2 * 0.15 * F_IN * v_open, rel=1e-12)
    # the coating itself does not change (the pores are still there): same thickness, loading and porosity
    assert float(e.thickness_um) == float(dense.electrode.thickness_um) and float(e.porosity) == float(dense.electrode.porosity)
    # cell: electrolyte volume and mass fall by exactly the inaccessible volume (excess 1, density of the liquid)
    c0, c1 = dense.cell, small.cell
    dv = load_g_cm2 * 0.15 * F_IN * v_open
    assert float(c0.electrolyte_volume_cm3_cm2 - c1.electrolyte_volume_cm3_cm2) == pytest.approx(dv, rel=1e-9)
    rho_el = float(c0.mass_electrolyte_g_cm2 / c0.electrolyte_volume_cm3_cm2)
    assert float(c0.mass_electrolyte_g_cm2 - c1.mass_electrolyte_g_cm2) == pytest.approx(rho_el * dv, rel=1e-9)
    assert float(c1.energy_density_Wh_kg) > float(c0.energy_density_Wh_kg)  # less electrolyte to carry


def test_sei_surface_share_in_the_cycling_map():
    # the electrochemistry map grows SEI on the wetted share: (1 - closed)(1 - inaccessible)
    share = composite_mapping(evaluate_design(_spec(F_IN))).open_surface_share
    assert share == pytest.approx((1 - 0.6) * (1 - F_IN), rel=1e-12)
    assert composite_mapping(evaluate_design(_spec(0.0))).open_surface_share == pytest.approx(0.4, rel=1e-12)


def test_sei_surface_of_the_first_cycle_loss_by_hand():
    # the wetted surface the first-cycle SEI forms on: A_out,lith + (1 - f_closed)(1 - f_in) A_pore
    # (example: SSA 5 m2/g counted on every pore wall, closed fraction 0.6)
    dense, small = evaluate_design(_spec(0.0)), evaluate_design(_spec(F_IN))
    a, b = dense.notes["first_cycle_loss"], small.notes["first_cycle_loss"]
    outer, pore = float(b["outer_surface_m2_g"]), float(b["pore_surface_m2_g"])
    assert float(a["pore_surface_m2_g"]) == pore  # the walls are there either way
    assert float(a["wetted_surface_m2_g"]) == pytest.approx(outer + 0.4 * pore, rel=1e-12)
    assert float(b["wetted_surface_m2_g"]) == pytest.approx(outer + 0.4 * (1 - F_IN) * pore, rel=1e-12)
    # the SEI charge drops by q_A x the dry walls, so the particle's first-cycle efficiency rises
    q_a = float(b["sei_areal_loss_mAh_m2"])
    assert float(a["sei_loss_mAh_g"] - b["sei_loss_mAh_g"]) == pytest.approx(q_a * 0.4 * F_IN * pore, rel=1e-9)
    assert float(b["first_cycle_efficiency"]) > float(a["first_cycle_efficiency"])
