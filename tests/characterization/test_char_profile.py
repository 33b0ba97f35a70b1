"""The one PoreProfile: Measured quantities, the [particle] section (validated, one writer), JSON with a schema version."""

import json
import tomllib

import numpy as np
import pytest

from alloypore.cell.chain import parse_spec
from alloypore.characterization.density import density_analysis, porosity_from_pore_volume
from alloypore.characterization.profile import (
    QUANTITIES,
    SCHEMA_VERSION,
    Measured,
    PoreProfile,
    PoreSizeDistribution,
    read_profile,
    write_profile,
)
from alloypore.errors import AlloyporeError, DataFileError, InputError

# 50/50 Si (2.329 g/cm3) / amorphous carbon (2.00 g/cm3) of the materials table: v_s = 0.464684 cm3/g
SI_C = {"Si": 0.5, "amorphous_carbon": 0.5}
V_S = 0.5 / 2.329 + 0.5 / 2.0


def test_plain_numbers_become_measured_and_quantities_are_the_fields():
    p = PoreProfile(porosity=0.3, ssa_m2_g=Measured(120.0, 2.0, "BET", "p/p0 0.05-0.3"))
    assert p.porosity == Measured(0.3) and p.porosity.describe() == "given"
    assert p.ssa_m2_g.describe() == "BET (± 2); p/p0 0.05-0.3"
    assert list(p.measured()) == ["porosity", "ssa_m2_g"]
    assert p.value("closed_pore_fraction") is None
    assert QUANTITIES["closed_pore_fraction"] == ("fraction of the pore volume", "v_closed / v_p")
    assert set(QUANTITIES) <= set(PoreProfile.__dataclass_fields__)


def test_porosity_from_pore_volume_by_hand():
    # eps = v_p / (v_s + v_p) = 0.30 / (0.464684 + 0.30) = 0.392319
    assert porosity_from_pore_volume(0.30, SI_C) == pytest.approx(0.30 / (V_S + 0.30), rel=1e-12)
    assert porosity_from_pore_volume(0.30, SI_C) == pytest.approx(0.392319, abs=1e-6)


def test_particle_spec_is_validated_and_reads_back_through_the_design_parser():
    res = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition=SI_C)
    prof = res.to_profile(ssa_m2_g=120.0).replace(secondary_particle_size_um=12.0, accommodation_efficiency=0.8)
    section = prof.to_particle_spec()
    assert list(section) == ["phases", "porosity", "closed_pore_fraction", "ssa_m2_g", "secondary_particle_size_um",
                             "accommodation_efficiency"]
    text = prof.to_particle_toml()
    back = tomllib.loads(text)["particle"]
    assert back["phases"] == section["phases"]
    assert {k: back[k] for k in section if k != "phases"} == pytest.approx({k: section[k] for k in section if k != "phases"}, rel=1e-11)
    spec = parse_spec(tomllib.loads(text))  # the same models that validate a user's spec
    assert spec.particle.porosity == pytest.approx(res.porosity, rel=1e-11)
    assert spec.particle.closed_pore_fraction == pytest.approx(res.closed_pore_fraction, rel=1e-11)
    assert spec.particle.secondary_particle_size_um == 12.0 and spec.particle.accommodation_efficiency == 0.8
    # the comments say where every value came from
    assert "# porosity: true and He-pycnometry densities" in text and "# ssa_m2_g: given (BET)" in text


def test_pore_volume_when_no_porosity_and_an_unmeasured_closed_fraction_is_written_as_0():
    text = PoreProfile(pore_volume_cm3_g=0.3).to_particle_toml([{"material": "Si", "mass_fraction": 1.0}])
    part = tomllib.loads(text)["particle"]
    assert part["pore_volume_cm3_g"] == 0.3 and "porosity" not in part and part["closed_pore_fraction"] == 0.0
    assert "closed_pore_fraction: not measured" in text


@pytest.mark.parametrize("profile, composition, match", [
    (PoreProfile(porosity=0.3), None, "composition"),  # missing composition: one line, everywhere
    (PoreProfile(porosity=0.3), {"Si": 0.5, "amorphous_carbon": 0.4}, "sum to 0.9"),
    (PoreProfile(ssa_m2_g=100.0), SI_C, "no porosity or pore volume"),
    (PoreProfile(porosity=1.2), SI_C, "particle.porosity"),  # the spec model's own range
    (PoreProfile(porosity=0.3), {"unobtainium": 1.0}, "unobtainium"),
])
def test_refusals_are_one_line(profile, composition, match):
    with pytest.raises(AlloyporeError, match=match) as err:
        profile.to_particle_toml(composition)
    assert "\n" not in str(err.value)


def test_missing_composition_error_names_the_flag():
    with pytest.raises(InputError, match="--composition") as err:
        PoreProfile(pore_volume_cm3_g=0.3).to_particle_spec()
    assert err.value.field == "composition"


def test_particle_fields_set_one_pore_amount_and_clear_the_other():
    assert PoreProfile(porosity=0.4, pore_volume_cm3_g=0.2).particle_fields() == {"porosity": 0.4, "pore_volume_cm3_g": None}
    f = PoreProfile(pore_volume_cm3_g=0.2, closed_pore_fraction=0.1, ssa_m2_g=float("nan"), primary_particle_size_nm=30.0)
    assert f.particle_fields() == {"pore_volume_cm3_g": 0.2, "porosity": None, "closed_pore_fraction": 0.1,
                                   "primary_particle_size_nm": 30.0}
    assert PoreProfile(ssa_m2_g=50.0).particle_fields() == {"ssa_m2_g": 50.0}


def test_summary_keeps_the_json_contract():
    prof = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition=SI_C).to_profile()
    s = prof.summary()
    # issue #15 adds uncertainties, the micropore volume and the electrolyte-inaccessible fraction
    assert set(s) == {"porosity", "closed_pore_fraction", "ssa_m2_g", "pore_volume_cm3_g", "modal_pore_diameters_nm",
                      "psd_method", "sources", "uncertainties", "micropore_volume_cm3_g", "electrolyte_inaccessible_fraction"}
    assert s["pore_volume_cm3_g"] == pytest.approx(0.30 + (1 / 1.90 - V_S), rel=1e-9)
    assert s["sources"]["closed_pore_fraction"].startswith("1/rho_He - 1/rho_true")


def test_json_round_trip_and_newer_version_refused(tmp_path):
    psd = PoreSizeDistribution([2.0, 5.0, 10.0], [0.1, 0.5, 0.2], "cm3/g", "BJH (des)", [5.0])
    prof = PoreProfile(porosity=Measured(0.35, 0.02, "densities"), closed_pore_fraction=0.2, psd=psd, composition=SI_C,
                       source="lab book p. 12", notes=("dried at 120 C",))
    path = write_profile(prof, tmp_path / "p.json")
    assert read_profile(path) == prof
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION and data["quantities"]["porosity"]["uncertainty"] == 0.02
    data["schema_version"] = SCHEMA_VERSION + 1
    (tmp_path / "new.json").write_text(json.dumps(data))
    with pytest.raises(DataFileError, match="newer than this alloypore reads") as err:
        read_profile(tmp_path / "new.json")
    assert "\n" not in str(err.value)
    (tmp_path / "x.json").write_text('{"porosity": 0.3}')
    with pytest.raises(DataFileError, match="not an alloypore pore profile"):
        read_profile(tmp_path / "x.json")
    data["schema_version"] = SCHEMA_VERSION
    data["quantities"]["tortuosity"] = {"value": 2.0}
    with pytest.raises(DataFileError, match="unknown quantity 'tortuosity'"):
        PoreProfile.from_dict(data)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(DataFileError, match="not a JSON pore profile"):
        read_profile(tmp_path / "bad.json")


def test_psd_volume_fraction_below_by_hand():
    # centres 1, 10, 100 nm: edges at 10^-0.5, 10^0.5, 10^1.5, 10^2.5 (one decade each, geometric midpoints)
    psd = PoreSizeDistribution([1.0, 10.0, 100.0], [0.2, 0.3, 0.5], "cm3/g", "test")
    np.testing.assert_allclose(np.log10(psd.edges_nm()), [-0.5, 0.5, 1.5, 2.5])
    # below 10^0.5 nm: the first bin only -> 0.2 / 1.0; below 10 nm: half of the second bin -> (0.2 + 0.15) / 1.0
    assert psd.volume_fraction_below(10**0.5) == pytest.approx(0.2)
    assert psd.volume_fraction_below(10.0) == pytest.approx(0.35)
    assert psd.volume_fraction_below(1e4) == pytest.approx(1.0) and psd.volume_fraction_below(0.01) == 0.0
    with pytest.raises(InputError, match="psd"):
        PoreSizeDistribution([1.0, 2.0], [1.0], "cm3/g", "test")


def test_inaccessible_fraction_by_hand():
    from alloypore.characterization.profile import ELECTROLYTE_THRESHOLD_NM

    assert ELECTROLYTE_THRESHOLD_NM == 2.0
    # micropore route: 0.08 / 0.38, u = f sqrt((0.004/0.08)^2 + (0.019/0.38)^2)
    prof = PoreProfile(micropore_volume_cm3_g=Measured(0.08, 0.004, "t-plot"), open_pore_volume_cm3_g=Measured(0.38, 0.019, "Gurvich"),
                       method="isotherm")
    m = prof.inaccessible_fraction()
    assert m.value == pytest.approx(0.08 / 0.38) and m.uncertainty == pytest.approx(0.08 / 0.38 * (0.05**2 + 0.05**2) ** 0.5)
    # another threshold: only a gas-adsorption distribution that reaches below it can tell
    assert prof.inaccessible_fraction(1.0) is None
    psd = PoreSizeDistribution([0.8, 1.5, 6.0, 12.0], [0.1, 0.1, 0.4, 0.4], "cm3/g", "DFT (ads)")
    with_psd = prof.replace(psd=psd)
    assert with_psd.inaccessible_fraction(1.0).value == pytest.approx(psd.volume_fraction_below(1.0))
    assert PoreProfile(psd=psd, method="nmr").inaccessible_fraction(1.0) is None  # a liquid probe fills what it fills
    # into the spec, with its comment line
    text = prof.replace(pore_volume_cm3_g=0.38).to_particle_toml({"Si": 1.0})
    assert "electrolyte_inaccessible_fraction = 0.21" in text and "review ref. 38" in text
    assert "electrolyte_inaccessible_fraction" not in prof.replace(pore_volume_cm3_g=0.38).to_particle_spec({"Si": 1.0}, threshold_nm=1.0)


def test_volume_between_by_hand():
    # two bins of equal log width holding 0.1 and 0.3 cm3/g: half of the second bin lies above its centre
    psd = PoreSizeDistribution([1.0, 10.0], [0.1, 0.3], "cm3/g", "x")
    assert psd.volume_between(0.0001, 1e6) == pytest.approx(0.1 + 0.3)
    assert psd.volume_between(10.0, 1e6) == pytest.approx(0.15)


def test_version_1_profiles_still_read():
    prof = PoreProfile.from_dict({"schema": "alloypore.pore_profile", "schema_version": 1, "quantities": {
        "porosity": {"value": 0.4, "uncertainty": None, "method": "densities", "note": ""}}})
    assert prof.value("porosity") == 0.4 and prof.method == ""
