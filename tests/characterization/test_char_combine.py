"""`characterize combine` in the library: a constructed powder's files fused back into its known pores (issue #15)."""

import json

import pytest

import powderhelp as ph
from alloypore.characterization.combine import Candidate, combine_profiles, disagree
from alloypore.characterization.density import density_analysis, parse_composition
from alloypore.characterization.profile import PoreProfile, read_profile, write_profile
from alloypore.characterization.registry import get_method

COMP = parse_composition(ph.COMPOSITION)
# floating-point round-off: an exact construction recovered "within 0" still differs by ~1e-16
ROUND_OFF = 1e-9


def _profiles(folder, filled="saxs_filled"):
    f = ph.write_files(folder)
    iso = get_method("isotherm").run(f["isotherm"], composition=COMP)
    mip = get_method("mip").run(f["mip"])
    den = density_analysis(helium_density_g_cm3=ph.HE_DENSITY, open_pore_volume_cm3_g=0.30, composition=COMP,
                           helium_density_uncertainty_g_cm3=0.002)  # 0.1 % pycnometry
    sx = get_method("saxs")
    saxs = sx.analyse(sx.read(f["saxs_dry"]), filled=sx.read(f[filled]), delta_sld_1e10_cm2=ph.CONTRAST)
    return [iso.to_profile(), mip.to_profile(COMP), den.to_profile(), saxs.to_profile(COMP)]


@pytest.fixture(scope="module")
def fused(tmp_path_factory):
    return combine_profiles(_profiles(tmp_path_factory.mktemp("powder")), COMP)


@pytest.mark.parametrize("name, truth", [
    ("open_pore_volume_cm3_g", ph.V_OPEN),
    ("closed_pore_volume_cm3_g", ph.V_CLOSED),
    ("micropore_volume_cm3_g", ph.V_MICRO),
    ("pore_volume_cm3_g", ph.V_P),
    ("porosity", ph.POROSITY),
    ("closed_pore_fraction", ph.CLOSED_FRACTION),
    ("electrolyte_inaccessible_fraction", ph.V_MICRO / ph.V_OPEN),
])
def test_constructed_powder_recovered_within_the_stated_uncertainty(fused, name, truth):
    m = fused.profile.measured()[name]
    assert m.uncertainty is not None
    assert abs(m.value - truth) <= m.uncertainty + ROUND_OFF * truth, (name, m.value, m.uncertainty, truth)


def test_each_fused_quantity_says_which_method_and_why(fused):
    choices = {c.quantity: c for c in fused.choices}
    opened = choices["open_pore_volume_cm3_g"]
    assert opened.method == "isotherm+mip" and "MIP intraparticle volume in pores" in opened.why
    assert choices["closed_pore_volume_cm3_g"].method == "density"
    assert {c.method for c in choices["closed_pore_volume_cm3_g"].candidates} == {"density", "saxs"}
    assert choices["micropore_volume_cm3_g"].method == "isotherm"
    assert fused.disagreements == []  # a consistent set of measurements raises no flag


def test_a_deliberately_inconsistent_pair_is_flagged_with_both_numbers(tmp_path):
    # the "filled" SAXS curve made from 2.5x the closed pores the densities give
    res = combine_profiles(_profiles(tmp_path, filled="saxs_filled_wrong"), COMP)
    flag = next(d for d in res.disagreements if d.quantity == "closed_pore_volume_cm3_g")
    assert (flag.chosen.method, flag.other.method) == ("density", "saxs")
    assert flag.chosen.value == pytest.approx(ph.V_CLOSED, rel=1e-6)
    assert flag.other.value == pytest.approx(2.5 * ph.V_CLOSED, rel=0.02)
    line = flag.line()
    assert f"{flag.chosen.value:.4g}" in line and f"{flag.other.value:.4g}" in line and "kept density" in line
    assert res.profile.value("closed_pore_volume_cm3_g") == pytest.approx(ph.V_CLOSED, rel=1e-6)


def test_disagreement_rule_by_hand():
    a, b = Candidate("x", 1.00, 0.03), Candidate("y", 1.09, 0.04)
    assert disagree(a, b) is None  # 0.09 <= 2 sqrt(0.03^2 + 0.04^2) = 0.10
    assert disagree(a, Candidate("y", 1.11, 0.04)) == pytest.approx(0.10)
    assert disagree(Candidate("x", 1.0, None), Candidate("y", 1.04, None)) is None  # 5 % of 1.04
    assert disagree(Candidate("x", 1.0, None), Candidate("y", 1.06, None)) == pytest.approx(0.053)


def test_single_method_choices_say_what_is_missed():
    gas = PoreProfile(open_pore_volume_cm3_g=(0.3), method="isotherm")
    mip = PoreProfile(open_pore_volume_cm3_g=(0.2), method="mip")
    assert "pores larger than its range" in combine_profiles([gas], COMP).choices[0].why
    assert "below ~3.7 nm not reached" in combine_profiles([mip], COMP).choices[0].why
    # no composition: volumes stay volumes, and the notes say why there is no porosity
    alone = combine_profiles([gas])
    assert alone.profile.value("porosity") is None and "give --composition" in alone.profile.notes[0]


def test_fused_profile_round_trips_and_writes_a_spec(fused, tmp_path):
    back = read_profile(write_profile(fused.profile, tmp_path / "fused.json"))
    assert back.method == "combine" and back.value("porosity") == pytest.approx(fused.profile.value("porosity"))
    section = back.to_particle_spec()
    assert section["porosity"] == pytest.approx(fused.profile.value("porosity"))
    assert section["closed_pore_fraction"] == pytest.approx(fused.profile.value("closed_pore_fraction"))
    assert section["electrolyte_inaccessible_fraction"] == pytest.approx(ph.V_MICRO / ph.V_OPEN, rel=0.02)
    doc = json.loads(json.dumps(fused.to_dict()))
    assert {c["quantity"] for c in doc["choices"]} >= {"open_pore_volume_cm3_g", "closed_pore_volume_cm3_g", "porosity"}
