"""The route's particle as a whole design spec (alloypore.synthesis.spec), against hand numbers.

Hand data (materials table): Si 2.329, Al 2.70, hard carbon 1.55, graphite 2.26, binder 1.2,
conductive carbon 1.9 g/cm3.  The built-in example electrode: 15 % composite, 80 % graphite,
3 % binder, 2 % conductive carbon, compaction density 1.5 g/cm3.  The highest compaction
density is 1 / v0 with v0 the solid + intraparticle-pore volume of one gram of coating.
"""

import tomllib

import pytest

from alloypore.cell import EXAMPLE_SPEC_TOML
from alloypore.errors import SpecError
from alloypore.synthesis import (
    SynthesisResult,
    design_spec,
    design_spec_toml,
    particle_section_toml,
    top_down,
    transcription,
)

EXAMPLE = tomllib.loads(EXAMPLE_SPEC_TOML)


def _v0(envelope_cm3_g: float) -> float:
    """Volume of one gram of the example coating with particles of this envelope volume."""
    return 0.15 * envelope_cm3_g + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9


def test_alsi20_lowers_compaction_to_95_percent_of_the_maximum():
    # AlSi20 etched: 1 g Si in (0.8/2.70 + 0.2/2.329)/0.2 = 1.91085 cm3 of envelope
    env = (0.8 / 2.70 + 0.2 / 2.329) / 0.2
    cd_max = 1 / _v0(env)  # 1 / 0.676136 = 1.47899 g/cm3 < 1.5: no interparticle pores at 1.5
    assert cd_max == pytest.approx(1.47899, abs=1e-5)
    spec = design_spec(top_down("AlSi", si_wt_pct=20))
    assert spec.data["electrode"]["compaction_density_g_cm3"] == round(0.95 * cd_max, 3) == 1.405
    assert "lowered from the example's 1.5" in spec.note and "1.405" in spec.note and "1.479" in spec.note
    # everything else is the example's, the name is the route's title
    assert {k: v for k, v in spec.data["electrode"].items() if k != "compaction_density_g_cm3"} == {
        k: v for k, v in EXAMPLE["electrode"].items() if k != "compaction_density_g_cm3"}
    assert spec.data["cell"] == EXAMPLE["cell"]
    assert spec.data["name"] == "top-down from AlSi (20 wt% Si)"
    assert spec.route == "top-down"


def test_example_compaction_kept_when_it_leaves_pores():
    # HC-0.8 filled to the zero-expansion limit: per g template 1/1.55 + 0.8 cm3 of envelope
    # holding 1 + 0.8 * 2.329 / (1 + beta) g; 1 / v0 = 1.869 g/cm3 > 1.5, so nothing changes
    beta = 45.916 / (28.0855 / 2.329) - 1
    mass = 1 + 0.8 * 2.329 / (1 + beta)
    assert 1 / _v0((1 / 1.55 + 0.8) / mass) == pytest.approx(1.86895, abs=1e-4)
    spec = design_spec(transcription(template_pore_volume_cm3_g=0.8), name="HC-0.8")
    assert spec.note is None
    assert spec.data["electrode"] == EXAMPLE["electrode"] and spec.data["cell"] == EXAMPLE["cell"]
    assert spec.data["name"] == "HC-0.8"


def test_toml_is_the_spec_with_its_comments():
    r = top_down("AlSi", si_wt_pct=20)
    text = design_spec_toml(r)
    assert tomllib.loads(text) == design_spec(r).data
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert head[0].startswith("# Written by `alloypore synthesize top-down`")
    assert "lowered from the example's 1.5" in head[-1]
    # the particle section reads back to the route's porosity (12 significant digits written)
    assert tomllib.loads(text)["particle"]["porosity"] == pytest.approx(r.porosity, rel=1e-11)


def test_particle_section_toml_reads_back():
    r = transcription(template_pore_volume_cm3_g=0.8, fill=0.5, template_material="amorphous_carbon")
    text = particle_section_toml(r.particle_spec(), comment="HC test\nsecond line")
    assert text.startswith("# HC test\n# second line\n")
    back = tomllib.loads(text)["particle"]
    assert back["porosity"] == pytest.approx(0.4 / 1.3, rel=1e-11)  # (0.8 - 0.4) / (1/2.0 + 0.8)
    assert [p["material"] for p in back["phases"]] == ["amorphous_carbon", "Si"]


@pytest.mark.parametrize("bad, field", [
    ({"pore_volume_cm3_g": -0.1}, "particle.porosity"),
    ({"secondary_particle_size_um": -1.0}, "particle.secondary_particle_size_um"),
])
def test_bad_emitted_value_is_refused_naming_the_field(bad, field):
    r = SynthesisResult(route="top-down", mass_fractions={"Si": 1.0}, solid_volume_cm3_g=1 / 2.329,
                        pore_volume_cm3_g=0.3, closed_pore_volume_cm3_g=0.0, usable_pore_volume_cm3_g=0.3)
    r = SynthesisResult(**{**r.__dict__, **bad})
    with pytest.raises(SpecError) as err:
        design_spec(r)
    assert err.value.field == field and len(str(err.value).splitlines()) == 1
