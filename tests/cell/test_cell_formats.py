"""Cell formats (the registry): the bare stack and the pouch by hand, and the chain calling a format."""

import numpy as np
import pytest

from alloypore.cell import (
    FORMATS,
    CellFormat,
    CellSpec,
    PackagedCell,
    RepeatUnit,
    evaluate_arrays,
    evaluate_design,
    example_spec,
    get_format,
)
from alloypore.cell.formats import pouch
from alloypore.errors import SpecError

# a repeat unit with round numbers: 3.6 mAh/cm2 at 3.5 V, 0.06 g/cm2, 150 um charged
UNIT = RepeatUnit(
    capacity_mAh_cm2=np.asarray(3.6),
    voltage_V=np.asarray(3.5),
    energy_Wh_cm2=np.asarray(3.6 * 3.5e-3),
    mass_g_cm2=np.asarray(0.06),
    thickness_charged_um=np.asarray(150.0),
    anode_charged_thickness_um=np.asarray(60.0),
)


def test_stack_is_the_repeat_unit_by_hand():
    s = FORMATS["stack"](UNIT, {})
    # 12.6 mWh/cm2 over 0.06 g/cm2 = 210 Wh/kg; over 150e-4 cm = 840 Wh/L
    assert float(s.energy_density_Wh_kg) == pytest.approx(210.0, rel=1e-12)
    assert float(s.energy_density_Wh_L) == pytest.approx(840.0, rel=1e-12)
    assert s.capacity_Ah is None and s.binding_limits == {}


def test_pouch_by_hand():
    fields = dict(pouch_electrode_area_cm2=100.0, pouch_layers=20, pouch_laminate_thickness_um=150.0,
                  pouch_laminate_density_g_cm3=1.6, pouch_seal_width_mm=5.0, pouch_tab_mass_g=2.0)
    c = FORMATS["pouch"](UNIT, fields)
    # outer side 10 + 2 x 0.5 = 11 cm -> 121 cm2; laminate 2 x 121 x 0.015 cm x 1.6 = 5.808 g
    mass = 0.06 * 100 * 20 + 5.808 + 2.0  # 127.808 g
    volume = 121 * (20 * 0.015 + 2 * 0.015)  # 39.93 cm3
    assert float(c.capacity_Ah) == pytest.approx(3.6 * 100 * 20 / 1000, rel=1e-12)  # 7.2 Ah
    assert float(c.energy_Wh) == pytest.approx(25.2, rel=1e-12)
    assert float(c.mass_g) == pytest.approx(mass, rel=1e-12)
    assert float(c.volume_cm3) == pytest.approx(volume, rel=1e-12)
    assert float(c.energy_density_Wh_kg) == pytest.approx(25.2 / mass * 1000, rel=1e-12)  # 197.2 Wh/kg
    assert float(c.energy_density_Wh_L) == pytest.approx(25.2 / volume * 1000, rel=1e-12)  # 631.1 Wh/L


def test_pouch_defaults_come_from_its_data_file_with_sources():
    spec = CellSpec()
    assert set(pouch.DEFAULTS) == set(FORMATS["pouch"].fields) == set(pouch.SOURCES)
    for name, value in pouch.DEFAULTS.items():
        assert getattr(spec, name) == value and type(getattr(spec, name)) is type(value)
        assert pouch.SOURCES[name].strip()


def test_registry_names_are_the_spec_choices():
    assert CellSpec.model_fields["format"].default == "pouch"
    for name in FORMATS:
        assert CellSpec(format=name).format == name
    with pytest.raises(SpecError, match="cell.format = 'jellyroll'.*allowed: pouch, stack, 18650, 21700, 4680, prismatic, coin-2032"):
        get_format("jellyroll")


def test_chain_headline_follows_the_format():
    r_pouch = evaluate_design()
    s = example_spec()
    r_stack = evaluate_design(s.model_copy(update={"cell": s.cell.model_copy(update={"format": "stack"})}))
    for r in (r_pouch, r_stack):  # stack and pouch numbers are always both there; 400 cm2 x 40 units
        assert float(r.cell.cell_capacity_Ah) == pytest.approx(float(r.cell.delivered_capacity_mAh_cm2) * 16.0, rel=1e-12)
    assert float(r_pouch.cell.energy_density_Wh_kg) == float(r_pouch.cell.pouch_energy_density_Wh_kg)
    assert float(r_stack.cell.energy_density_Wh_kg) == float(r_stack.cell.stack_energy_density_Wh_kg)
    assert float(r_stack.cell.pouch_energy_density_Wh_kg) == float(r_pouch.cell.pouch_energy_density_Wh_kg)


def test_a_new_format_is_one_registry_entry(monkeypatch):
    """What issue #16 does: register a format; the chain calls it with the repeat unit and its fields."""
    seen = {}

    def package(unit, *, pouch_layers):
        seen["unit"], seen["layers"] = unit, pouch_layers
        energy = unit.energy_Wh_cm2 * 50.0  # a 50 cm2 single-layer cell without packaging mass
        return PackagedCell(energy_density_Wh_kg=unit.energy_Wh_cm2 / unit.mass_g_cm2 * 1e3,
                            energy_density_Wh_L=np.asarray(1.0), capacity_Ah=unit.capacity_mAh_cm2 * 0.05,
                            energy_Wh=energy, mass_g=unit.mass_g_cm2 * 50.0, volume_cm3=unit.thickness_charged_um * 50e-4,
                            binding_limits={"can": np.asarray(False)})

    monkeypatch.setitem(FORMATS, "single", CellFormat(name="single", package=package, fields=("pouch_layers",)))
    s = example_spec()
    spec = s.model_copy(update={"cell": s.cell.model_copy(update={"format": "single"})})
    r = evaluate_arrays(spec, {"cell.pouch_layers": np.array([5.0, 7.0])})
    np.testing.assert_array_equal(seen["layers"], [5.0, 7.0])
    assert float(seen["unit"].capacity_mAh_cm2) == pytest.approx(float(r.cell.delivered_capacity_mAh_cm2[0]), rel=1e-12)
    np.testing.assert_allclose(r.cell.energy_density_Wh_L, 1.0)
    np.testing.assert_allclose(r.cell.energy_density_Wh_kg, r.cell.stack_energy_density_Wh_kg, rtol=1e-12)
    np.testing.assert_allclose(r.cell.cell_capacity_Ah, r.cell.delivered_capacity_mAh_cm2 * 0.05, rtol=1e-12)
    np.testing.assert_allclose(r.cell.cell_volume_cm3, r.cell.thickness_unit_charged_um * 50e-4, rtol=1e-12)
