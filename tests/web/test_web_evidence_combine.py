"""The Evidence page's Combine tab uses the same fusion as `alloypore characterize combine` (issue #15), in Streamlit's AppTest."""

import pytest
from streamlit.testing.v1 import AppTest

import powderhelp as ph
from alloypore.characterization.combine import combine_profiles
from alloypore.characterization.density import density_analysis, parse_composition
from alloypore.characterization.registry import get_method
from alloypore.web.evidence_page import COMBINATION

COMP = parse_composition(ph.COMPOSITION)


def _run(profiles):
    at = AppTest.from_string("from alloypore.web import evidence_page\nevidence_page.render()\n", default_timeout=120)
    at.session_state[COMBINATION] = [p.to_dict() for p in profiles]
    at.run()
    assert not at.exception and not at.error, ([e.value for e in at.exception], [e.value for e in at.error])
    return at


@pytest.fixture(scope="module")
def profiles(tmp_path_factory):
    f = ph.write_files(tmp_path_factory.mktemp("powder"))
    sx = get_method("saxs")
    wrong = sx.analyse(sx.read(f["saxs_dry"]), filled=sx.read(f["saxs_filled_wrong"]), delta_sld_1e10_cm2=ph.CONTRAST)
    return [get_method("isotherm").run(f["isotherm"], composition=COMP).to_profile(),
            density_analysis(helium_density_g_cm3=ph.HE_DENSITY, open_pore_volume_cm3_g=0.3, composition=COMP,
                             helium_density_uncertainty_g_cm3=0.002).to_profile(),
            wrong.to_profile(COMP)]


def test_combine_tab_shows_the_library_fusion(profiles):
    at = _run(profiles[:2])
    table = at.table[0].value
    expected = combine_profiles(profiles[:2])
    row = table[table["quantity"] == "closed_pore_volume_cm3_g"].iloc[0]
    choice = next(c for c in expected.choices if c.quantity == "closed_pore_volume_cm3_g")
    assert row["value"] == f"{choice.value:.5g}" and row["from"] == "density"
    assert not at.warning


def test_combine_tab_flags_a_disagreement_with_both_numbers(profiles):
    at = _run(profiles)
    flags = [w.value for w in at.warning]
    assert any("closed_pore_volume_cm3_g" in w and "density 0.06" in w and "saxs 0.15" in w for w in flags), flags
