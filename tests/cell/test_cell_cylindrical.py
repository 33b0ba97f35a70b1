"""Wound cylindrical cells: a 21700 jelly roll by hand, the spiral, the can limits, bad hardware."""

import math

import numpy as np
import pytest

from alloypore.cell import FORMATS, RepeatUnit, evaluate_design, example_spec, parse_spec
from alloypore.cell.formats import cyl21700
from alloypore.cell.formats.wound import spiral_length, spiral_radius
from alloypore.errors import SpecError

# a repeat unit with round numbers: 3.6 mAh/cm2 at 3.5 V, 0.06 g/cm2, 150 um charged (anode 60 um
# charged, 50 um pristine)
UNIT = RepeatUnit(
    capacity_mAh_cm2=np.asarray(3.6), voltage_V=np.asarray(3.5), energy_Wh_cm2=np.asarray(3.6 * 3.5e-3),
    mass_g_cm2=np.asarray(0.06), thickness_charged_um=np.asarray(150.0), anode_charged_thickness_um=np.asarray(60.0),
    anode_thickness_um=np.asarray(50.0),
)


def test_21700_jelly_roll_by_hand():
    """Default 21700 hardware (data/21700.toml): D 21.0 mm, H 70.0 mm, wall 0.25 mm, core 2.5 mm,
    headspace 5.0 mm, clearance 0.1 mm, steel 7.9 g/cm3, header 4.0 g.

    Can inner radius 10.5 - 0.25 = 10.25 mm; the charged roll reaches 10.25 - 0.1 = 10.15 mm.
    Pitch = 2 x 150 um = 0.300 mm: turns N = (10.15 - 1.25)/0.3 = 29.667; length (area form)
    L = pi (10.15^2 - 1.25^2)/0.3 = pi 101.46 / 0.3 = 1062.5 mm; coated height 70 - 5 = 65 mm;
    unit area 2 L h = 2 x 106.25 x 6.5 = 1381.3 cm2 -> 4.973 Ah, 17.40 Wh.
    Can: 7.9 [pi (1.05^2 - 1.025^2) 7.0 + pi 1.025^2 0.025] = 7.9 x 1.22331 = 9.6641 g;
    mass = 0.06 x 1381.3 + 9.664 + 4.0 = 96.54 g; volume pi 1.05^2 7.0 = 24.245 cm3.
    Pristine roll (pitch 0.280 mm): R0 = sqrt(1.25^2 + L 0.28/pi) = 9.811 mm.
    Largest anode the can takes: pi (10.25^2 - 1.25^2) / L / 2 - 90 um = 153.0 - 90 = 63.0 um
    -> 100 (63.0/50 - 1) = 26.0 % swelling.
    """
    c = FORMATS["21700"](UNIT, {})
    d = c.details
    length_mm = math.pi * (10.15**2 - 1.25**2) / 0.3
    assert length_mm == pytest.approx(1062.5, abs=0.1)
    assert float(d["roll_length_mm"]) == pytest.approx(length_mm, rel=1e-4)  # arc length vs area form (+4.7e-5)
    assert float(d["roll_turns"]) == pytest.approx((10.15 - 1.25) / 0.3, rel=1e-12)
    area = 2 * length_mm / 10 * 6.5
    can = 7.9 * (math.pi * (1.05**2 - 1.025**2) * 7.0 + math.pi * 1.025**2 * 0.025)
    assert can == pytest.approx(9.6641, abs=1e-4)
    assert float(c.capacity_Ah) == pytest.approx(3.6 * area / 1000, rel=1e-4)
    assert float(c.energy_Wh) == pytest.approx(3.6 * 3.5e-3 * area, rel=1e-4)
    assert float(c.mass_g) == pytest.approx(0.06 * area + can + 4.0, rel=1e-4)
    assert float(c.mass_g) == pytest.approx(96.54, abs=0.01)
    assert float(c.volume_cm3) == pytest.approx(math.pi * 1.05**2 * 7.0, rel=1e-12)
    r0 = math.sqrt(1.25**2 + float(d["roll_length_mm"]) * 0.28 / math.pi)
    assert float(d["roll_radius_pristine_mm"]) == pytest.approx(r0, rel=1e-12)
    assert r0 == pytest.approx(9.811, abs=1e-3)
    t_max = math.pi * (10.25**2 - 1.25**2) / float(d["roll_length_mm"]) / 2 * 1000 - 90.0
    assert float(d["max_anode_swelling_pct"]) == pytest.approx(100 * (t_max / 50 - 1), rel=1e-9)
    assert float(d["can_gap_charged_mm"]) == pytest.approx(0.1, rel=1e-9)
    assert bool(c.binding_limits["can_fit"]) and not bool(c.violated["can_fit"])


def test_spiral_arc_length_against_the_area_formula_and_its_inverse():
    r0, r1, p = 0.125, 1.015, 0.03
    exact = float(spiral_length(r0, r1, p))
    area = math.pi * (r1**2 - r0**2) / p
    assert exact == pytest.approx(area, rel=1e-4) and exact > area  # the radial term only adds
    assert float(spiral_radius(r0, area, p)) == pytest.approx(r1, rel=1e-12)


def test_given_length_sets_the_gap_and_an_overfull_roll_is_violated():
    c = FORMATS["21700"](UNIT, {"cylinder_electrode_length_mm": 1100.0})
    r = math.sqrt(0.125**2 + 110.0 * 0.03 / math.pi) * 10  # 10.325 mm charged; 9.98 mm pristine
    assert float(c.details["roll_radius_charged_mm"]) == pytest.approx(r, rel=1e-12)
    assert float(c.details["can_gap_charged_mm"]) == pytest.approx(10.25 - r, rel=1e-12) and r > 10.25
    assert bool(c.violated["can_fit"]) and not bool(c.violated["roll_fits_empty"])


def test_formats_share_the_cylinder_fields_with_their_own_defaults():
    assert cyl21700.DEFAULTS["cylinder_diameter_mm"] == 21.0 and FORMATS["18650"].defaults["cylinder_diameter_mm"] == 18.0
    assert FORMATS["4680"].defaults["cylinder_height_mm"] == 80.0
    for name in ("18650", "21700", "4680"):
        f = FORMATS[name]
        assert set(f.defaults) | {"cylinder_electrode_length_mm"} == set(f.fields)
        assert all(f.sources[k] for k in f.defaults)


def _spec(**cell):
    d = example_spec().model_dump(exclude_none=True)
    d["cell"] = {k: v for k, v in d["cell"].items() if not k.startswith("pouch_")}
    d["cell"].update(cell)
    return d


def test_bad_input_is_one_line():
    with pytest.raises(SpecError, match=r"^cell.pouch_layers = 3: not a field of format '21700'"):
        parse_spec(_spec(format="21700", pouch_layers=3))
    with pytest.raises(SpecError, match=r"cell.cylinder_electrode_length_mm = 5000.*does not fit the 21700 can even empty"):
        evaluate_design(_spec(format="21700", cylinder_electrode_length_mm=5000.0))
    with pytest.raises(SpecError, match=r"cell.cylinder_mandrel_diameter_mm = 20.4.*no room for a roll"):
        evaluate_design(_spec(format="21700", cylinder_mandrel_diameter_mm=20.4))
    with pytest.raises(SpecError, match=r"cell.cylinder_headspace_mm = 70.*no coated height"):
        evaluate_design(_spec(format="21700", cylinder_headspace_mm=70.0))
    for err in (SpecError,):
        with pytest.raises(err) as e:
            parse_spec(_spec(format="18650", coin_mode="half"))
        assert "\n" not in str(e.value)


def test_chain_21700_reports_the_roll_and_fits_at_full_charge():
    r = evaluate_design(_spec(format="21700"))
    d = r.to_dict()["cell"]
    fd = d["format_details"]
    assert d["format"] == "21700" and fd["can_gap_charged_mm"] == pytest.approx(0.1)
    # the pristine roll is smaller than the charged one by the anode's swelling at top of charge
    assert fd["roll_radius_pristine_mm"] < fd["roll_radius_charged_mm"]
    assert "can_fit" in d["binding_limits"]
    # capacity = delivered areal capacity x 2 L h
    area = 2 * fd["roll_length_mm"] / 10 * fd["coated_height_mm"] / 10
    assert d["cell_capacity_Ah"] == pytest.approx(d["delivered_capacity_mAh_cm2"] * area / 1000, rel=1e-12)
    assert fd["max_anode_swelling_pct"] > float(r.electrode.swelling_pct) * 0  # reported, finite
