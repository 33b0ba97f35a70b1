"""Coin 2032 (half and full cell) and prismatic formats by hand."""

import math

import numpy as np
import pytest

from alloypore.cell import FORMATS, RepeatUnit, evaluate_design, example_spec
from alloypore.cell.constants import COPPER_DENSITY_G_CM3, LITHIUM_DENSITY_G_CM3

UNIT = RepeatUnit(
    capacity_mAh_cm2=np.asarray(3.6), voltage_V=np.asarray(3.5), energy_Wh_cm2=np.asarray(3.6 * 3.5e-3),
    mass_g_cm2=np.asarray(0.06), thickness_charged_um=np.asarray(150.0), anode_charged_thickness_um=np.asarray(60.0),
    anode_thickness_um=np.asarray(50.0), anode_capacity_mAh_cm2=np.asarray(4.0), anode_first_cycle_efficiency=np.asarray(0.8),
    anode_potential_V=np.asarray(0.3), anode_mass_g_cm2=np.asarray(0.008), cathode_mass_g_cm2=np.asarray(0.02),
    cathode_thickness_um=np.asarray(60.0), separator_thickness_um=np.asarray(12.0), separator_mass_g_cm2=np.asarray(0.000684),
    anode_foil_um=np.asarray(8.0), cathode_foil_um=np.asarray(12.0), electrolyte_mass_g_cm2=np.asarray(0.005),
    electrolyte_density_g_cm3=np.asarray(1.2),
)


def test_coin_half_cell_by_hand():
    """15 mm disk: A = pi 0.75^2 = 1.76715 cm2.  Reversible 4.0 x 1.76715 = 7.0686 mAh; the first
    lithiation a lab measures 7.0686 / 0.8 = 8.8357 mAh.  Mass: A (8 + 7.168 Cu + 0.684 sep) mg
    + Li 0.534 x 0.045 x pi 0.78^2 = 0.04595 g + 40 uL x 1.2 = 0.048 g + 2.9 g hardware."""
    c = FORMATS["coin-2032"](UNIT, {})
    a = math.pi * 0.75**2
    d = c.details
    assert float(d["reversible_capacity_mAh"]) == pytest.approx(4.0 * a, rel=1e-12) == pytest.approx(7.0686, abs=1e-4)
    assert float(d["first_lithiation_mAh"]) == pytest.approx(4.0 * a / 0.8, rel=1e-12)
    assert float(d["first_delithiation_mAh"]) == float(d["reversible_capacity_mAh"])
    li = LITHIUM_DENSITY_G_CM3 * 0.045 * math.pi * 0.78**2
    assert float(d["lithium_mass_g"]) == pytest.approx(li, rel=1e-12)
    mass = a * (0.008 + 8e-4 * COPPER_DENSITY_G_CM3 + 0.000684) + li + 0.040 * 1.2 + 2.9
    assert float(c.mass_g) == pytest.approx(mass, rel=1e-12)
    assert float(c.volume_cm3) == pytest.approx(math.pi * 1.0**2 * 0.32, rel=1e-12)
    assert float(c.energy_Wh) == pytest.approx(4.0 * a * 1e-3 * 0.3, rel=1e-12)


def test_coin_full_cell_and_the_chain():
    c = FORMATS["coin-2032"](UNIT, {"coin_mode": "full"})
    a = math.pi * 0.75**2
    assert float(c.capacity_Ah) == pytest.approx(3.6 * a * 1e-3, rel=1e-12)
    assert float(c.energy_Wh) == pytest.approx(3.6 * 3.5e-3 * a, rel=1e-12)
    d = example_spec().model_dump(exclude_none=True)
    d["cell"] = {"format": "coin-2032"}
    r = evaluate_design(d)
    fd = r.to_dict()["cell"]["format_details"]
    q_a = float(r.electrode.areal_capacity_mAh_cm2)
    assert fd["reversible_capacity_mAh"] == pytest.approx(q_a * a, rel=1e-12)
    assert fd["first_lithiation_mAh"] == pytest.approx(q_a * a / float(r.electrode.first_cycle_efficiency), rel=1e-12)


def test_prismatic_by_hand():
    """VDA PHEV2 148 x 91 x 26.5 mm, wall 0.8, headspace 10, clearance 0.5 mm:
    room 26.5 - 1.6 - 0.5 = 24.4 mm -> n = 24.4 / 0.150 = 162.67 units of 14.64 x 8.1 cm
    = 118.58 cm2 each: 19289 cm2, 69.44 Ah; case 2.70 (357.0 - 14.64 x 8.94 x 2.49) cm3."""
    c = FORMATS["prismatic"](UNIT, {})
    n = 2.44 / 0.015
    area = n * 14.64 * 8.1
    assert float(c.details["repeat_units"]) == pytest.approx(n, rel=1e-12)
    assert float(c.capacity_Ah) == pytest.approx(3.6 * area / 1000, rel=1e-12)
    case = 2.70 * (14.8 * 9.1 * 2.65 - 14.64 * 8.94 * 2.49)
    assert float(c.mass_g) == pytest.approx(0.06 * area + case + 25.0, rel=1e-12)
    assert float(c.volume_cm3) == pytest.approx(14.8 * 9.1 * 2.65, rel=1e-12)
    assert float(c.details["max_anode_swelling_pct"]) == pytest.approx(20.0, rel=1e-9)  # 60/50: the layers fill the case
