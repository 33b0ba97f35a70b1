"""Solid-state electrolytes and stack pressure against hand calculations (issue 11, chain part)."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.cell.pressure import stack_pressure, stack_pressure_raw
from alloypore.errors import AlloyporeError, SpecError


def design(**cell):
    s = example_spec().model_dump()
    s["particle"]["closed_pore_fraction"] = 1.0  # no open intraparticle pores: same filled volume in both modes
    s["cell"].update(cell)
    return s


def test_sulfide_electrolyte_mass_scales_with_density_for_the_same_filled_volume():
    liq = evaluate_design(design(format="stack"))
    # in the liquid cell the separator is 40 % porous; give the solid cell the same filled volume
    # by filling the same coating porosities and a separator of 0.4 x 12 um = 4.8 um (dense)
    sol = evaluate_design(design(format="stack", electrolyte="Li6PS5Cl", separator_thickness_um=4.8))
    v_liq = float(liq.cell.electrolyte_volume_cm3_cm2)
    v_sol = float(sol.cell.electrolyte_volume_cm3_cm2)
    assert v_sol == pytest.approx(v_liq, rel=1e-12)
    m_ratio = float(sol.cell.mass_electrolyte_g_cm2) / float(liq.cell.mass_electrolyte_g_cm2)
    assert m_ratio == pytest.approx(1.86 / 1.2, rel=1e-12)  # Li6PS5Cl X-ray density / liquid


def test_solid_electrolyte_never_fills_intraparticle_pores():
    s = design(electrolyte="LLZO")
    s["particle"]["closed_pore_fraction"] = 0.0  # all pores open, still empty with a solid
    r = evaluate_design(s)
    assert float(r.cell.electrolyte_in_open_intraparticle_pores_cm3_cm2) == 0.0
    # hand calculation: rho (phi_c t_c + t_s + phi_a t_a) with phi = coating porosities
    e, c = r.electrode, r.cell
    v = (0.25 * float(c.cathode_thickness_um) + 12.0 + float(e.porosity) * float(e.thickness_um)) * 1e-4
    assert float(c.mass_electrolyte_g_cm2) == pytest.approx(5.11 * v, rel=1e-12)
    assert float(c.mass_separator_g_cm2) == 0.0


def test_solid_cells_lose_wh_kg_with_denser_electrolytes():
    wh = [float(evaluate_design(design(electrolyte=n)).cell.energy_density_Wh_kg) for n in ("liquid", "Li6PS5Cl", "LGPS", "LLZO")]
    assert wh[0] > wh[1] > wh[2] > wh[3]


def test_anolyte_fraction_larger_than_porosity_is_refused():
    with pytest.raises(SpecError, match="cell.anolyte_volume_fraction"):
        evaluate_design(design(electrolyte="Li6PS5Cl", anolyte_volume_fraction=0.9))


def test_stack_pressure_raw_hand_calculation():
    # fixed gap: P = E Delta/H = 200 MPa x 5 um / 100 um = 10 MPa
    assert float(stack_pressure_raw(5.0, 100.0, 10.0, 200.0)) == pytest.approx(10.0)
    # spring fixture K = 1000 N/mm over A = 1 cm2 = 100 mm2: A/K = 0.1 mm/MPa; H/E = 0.1 mm / 200 MPa
    # P = 0.005 mm / (0.1 + 0.0005) mm/MPa = 0.049751 MPa
    assert float(stack_pressure_raw(5.0, 100.0, 1.0, 200.0, 1000.0)) == pytest.approx(0.005 / 0.1005, rel=1e-12)


def test_stack_pressure_of_a_design_and_limit_crossing():
    r = evaluate_design()
    pr = stack_pressure(r, stack_modulus_MPa=200.0, limit_MPa=5.0)
    e, c = r.electrode, r.cell
    t0 = float(e.thickness_um)
    strain = (float(c.anode_charged_thickness_um) - t0) / (float(c.thickness_unit_charged_um) - float(c.anode_charged_thickness_um) + t0)
    assert pr.pressure_charged_MPa == pytest.approx(200.0 * strain, rel=1e-9)
    assert pr.theta_at_limit is not None and 0 < pr.theta_at_limit < pr.theta_charged
    assert float(np.interp(pr.theta_at_limit, pr.theta, pr.pressure_MPa)) == pytest.approx(5.0, rel=1e-6)
    assert np.all(np.diff(pr.pressure_MPa) >= 0)


def test_stack_pressure_bad_input():
    with pytest.raises(AlloyporeError, match="stack_modulus_MPa"):
        stack_pressure(evaluate_design(), stack_modulus_MPa=-1.0)
