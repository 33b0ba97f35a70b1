"""Spec files: the example reads, and a spec written by spec_to_toml (tomlio) reads back to the same spec."""

import tomllib

import pytest

from alloypore.cell import example_spec, load_spec, parse_spec, spec_to_toml


def _with(**sections):
    d = example_spec().model_dump(mode="json")
    for sec, values in sections.items():
        for k, v in values.items():
            if v is None:
                d[sec].pop(k, None)
            else:
                d[sec][k] = v
    return parse_spec(d)


@pytest.mark.parametrize("spec", [
    example_spec(),
    _with(cell={"format": "stack", "electrolyte": "Li6PS5Cl", "anolyte_volume_fraction": 0.1, "pouch_layers": 7}),
    _with(particle={"porosity": None, "pore_volume_cm3_g": 0.3, "first_cycle_efficiency": 0.81},
          electrode={"areal_capacity_mAh_cm2": None, "loading_mg_cm2": 7.25, "swelling_model": "fill_pores"}),
], ids=["example", "stack-solid", "pore-volume-loading"])
def test_spec_to_toml_reads_back_to_the_same_spec(spec, tmp_path):
    text = spec_to_toml(spec)
    assert parse_spec(tomllib.loads(text)) == spec
    f = tmp_path / "spec.toml"
    f.write_text(text)
    assert load_spec(f) == spec
    assert 'material = "Si"' in text and "[cell]" in text  # what people (and tests) look for


def test_spec_to_toml_keeps_twelve_digits():
    spec = _with(particle={"phases": [{"material": "Si", "mass_fraction": 1 / 3},
                                      {"material": "amorphous_carbon", "mass_fraction": 2 / 3}]})
    back = parse_spec(tomllib.loads(spec_to_toml(spec)))
    assert back.particle.phases[0].mass_fraction == pytest.approx(1 / 3, rel=1e-12)
