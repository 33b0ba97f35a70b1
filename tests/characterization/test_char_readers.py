"""Isotherm readers chosen from the file's content, real instrument exports, and the tolerance of real data (issue #15)."""

import json
from pathlib import Path

import numpy as np
import pytest

from alloypore.characterization.isotherm import P_ZERO_TOLERANCE, isotherm_from_arrays, load_isotherm
from alloypore.characterization.readers import STP_MOLAR_VOLUME_CM3_MMOL, detect_format
from alloypore.errors import DataFileError, InputError
from evidencehelp import ISOTHERMS

INSTR = Path(__file__).resolve().parents[1] / "data" / "characterization" / "instruments"


@pytest.mark.parametrize("rel, fmt, adsorbate, temperature", [
    ("mic/Sample_N.xls", "mic-xl", "Ar", 86.886),
    ("mic/Sample_D.xls", "mic-xl", "N2", 273.15 - 195.78),  # the export gives the bath in °C
    ("tristar/K01072A.TXT", "mic-txt", "N2", 77.35),
    ("bel/Sample_C.xls", "bel-xl", "C3H8", 303.0),
    ("bel/DUT-13-CH4-190K.csv", "bel-csv", "CH4", 190.0),
    ("bel/Asch065B_C2H6_298K_Exp190327a_jis.csv", "bel-csv", "C2H6", 298.0),  # Japanese, Shift-JIS
    ("bel/200819-2_jis.DAT", "bel-dat", "N2", 77.0),  # Japanese, Shift-JIS
    ("bel/DUT-67-N2_77K.DAT", "bel-dat", "N2", 77.0),
    ("bel/1.json", "afp-json", "Ar", 87.0),
    ("3p/CBV712_N2_77K.xlsx", "3p-xl", "N2", 77.3),
    ("qnt/RE-22 (Raw Analysis Data).txt", "qnt-txt", "Nitrogen", 273.0),
])
def test_reader_is_chosen_from_the_content(rel, fmt, adsorbate, temperature, tmp_path):
    path = INSTR / rel
    assert detect_format(path) == fmt
    # the content decides, not the name: the same bytes under a misleading suffix read the same way
    renamed = tmp_path / "renamed.dat"
    renamed.write_bytes(path.read_bytes())
    iso, again = load_isotherm(path), load_isotherm(renamed)
    assert iso.reader == again.reader == fmt
    np.testing.assert_array_equal(iso.n_ads_mmol_g, again.n_ads_mmol_g)
    assert iso.adsorbate == adsorbate and iso.temperature_K == pytest.approx(temperature, abs=1e-9)
    assert iso.p_rel_ads.size >= 3 and np.all(np.diff(iso.p_rel_ads) >= 0)


def test_bel_dat_matches_adsorption_file_parsers_own_parse():
    # 1.json is adsorption-file-parser's expected parse of bel/1.DAT: mL(STP)/g -> mmol/g by 22.41397 cm3/mmol
    ref = json.loads((INSTR / "bel" / "1.json").read_text())["data"]
    iso = load_isotherm(INSTR / "bel" / "1.json")
    ads = np.asarray(ref["branch"]) == 0
    p = np.asarray(ref["pressure"], float)[ads] / np.asarray(ref["pressure_saturation"], float)[ads]
    n = np.asarray(ref["loading"], float)[ads] / STP_MOLAR_VOLUME_CM3_MMOL
    order = np.argsort(p, kind="stable")
    np.testing.assert_allclose(iso.p_rel_ads, p[order], rtol=1e-12)
    np.testing.assert_allclose(iso.n_ads_mmol_g, n[order], rtol=1e-12)


def test_tristar_text_report_values_by_hand():
    iso = load_isotherm(INSTR / "tristar" / "K01072A.TXT")
    # first rows of the report's "Isotherm Linear Plot": 0.000752095 / 4.13459 cm3/g STP, ...; last desorption 0.992924 / 86.2053
    assert iso.p_rel_ads[0] == pytest.approx(0.000752095, rel=1e-12)
    assert iso.n_ads_mmol_g[0] == pytest.approx(4.13459 / 22.41397, rel=1e-12)
    assert iso.p_rel_des[-1] == pytest.approx(0.992924) and iso.n_des_mmol_g[-1] == pytest.approx(86.2053 / 22.41397)
    assert (iso.adsorbate, iso.material) == ("N2", "K01072A")


def test_quantachrome_per_sample_loading_divided_by_the_mass():
    raw = (INSTR / "qnt" / "BF001 DUT-13 (Raw Analysis Data).txt").read_text("cp1252")
    iso = load_isotherm(INSTR / "qnt" / "BF001 DUT-13 (Raw Analysis Data).txt")
    assert "Sample weight: 0.0101 g" in raw
    assert any("sample mass 0.0101 g" in n for n in iso.notes)


@pytest.mark.parametrize("name", sorted(p.name for p in ISOTHERMS.glob("*.json")))
def test_pygaps_json_read_without_pygaps_equals_pygaps(name):
    """Our pyGAPS-JSON reader (no pyGAPS import: start-up) against pyGAPS's own reading of the same file."""
    import pygaps.parsing as pgp

    from alloypore.characterization._quiet import quiet

    ours = load_isotherm(ISOTHERMS / name)
    with quiet():
        theirs = pgp.isotherm_from_json(ISOTHERMS / name)
    p = np.asarray(theirs.pressure(branch="ads", pressure_mode="relative"))
    n = np.asarray(theirs.loading(branch="ads", loading_unit="mmol", material_unit="g"))
    order = np.argsort(p, kind="stable")
    # p0 from the shipped CoolProp table (within 1e-6 of CoolProp) vs pyGAPS's CoolProp call
    np.testing.assert_allclose(ours.p_rel_ads, p[order], rtol=1e-6)
    np.testing.assert_allclose(ours.n_ads_mmol_g, n[order], rtol=1e-12)
    assert ours.reader == "json" and ours.pygaps_isotherm is None


def test_points_a_hair_below_zero_are_dropped_with_a_note():
    iso = load_isotherm(INSTR / "bel" / "DUT-67-N2_77K.DAT")  # p/p0 -6.797e-05 .. -4.1e-21 at the start
    assert iso.p_rel_ads.min() > 0
    assert any("4 points at p/p0" in n and "dropped" in n for n in iso.notes)
    neg = load_isotherm(INSTR / "bel" / "DUT-13_CH4_111K.DAT")  # one loading of -0.51298 cm3/g STP
    assert neg.n_ads_mmol_g.min() >= 0
    note = next(n for n in neg.notes if "negative loadings" in n)
    assert f"{-0.51298 / 22.41397:.3g}" in note


def test_tolerance_rules_by_hand():
    p = np.array([-5e-4, 0.05, 0.1, 0.2, 0.3])
    iso = isotherm_from_arrays(p, [0.0, 1.0, 1.2, 1.4, 1.6])
    assert iso.p_rel_ads.size == 4 and "dropped" in iso.notes[0]
    with pytest.raises(DataFileError, match="p/p0 spans"):
        isotherm_from_arrays(p - 2 * P_ZERO_TOLERANCE, [0.0, 1.0, 1.2, 1.4, 1.6])
    # a loading of -1 % of the largest one is still zero within noise; -2 % is refused
    ok = isotherm_from_arrays([0.01, 0.05, 0.1, 0.2], [-0.016, 1.0, 1.2, 1.6])
    assert ok.n_ads_mmol_g.size == 3
    with pytest.raises(DataFileError, match="beyond the noise tolerance"):
        isotherm_from_arrays([0.01, 0.05, 0.1, 0.2], [-0.04, 1.0, 1.2, 1.6])


@pytest.mark.parametrize("rel, match", [
    ("mic/Sample_B.xls", "1 points; at least 3"),
    ("3p/CBV712_N2_77K_head.jwgbt", "raw dosing log"),
])
def test_files_without_a_usable_isotherm_are_one_line(rel, match):
    with pytest.raises(DataFileError, match=match) as err:
        load_isotherm(INSTR / rel)
    assert "\n" not in str(err.value)


def test_a_pore_profile_is_not_an_isotherm(tmp_path):
    f = tmp_path / "profile.json"
    f.write_text(json.dumps({"schema": "alloypore.pore_profile", "schema_version": 2}))
    with pytest.raises(DataFileError, match="characterize combine"):
        load_isotherm(f)


@pytest.mark.parametrize("content, match", [
    (b"", "empty"),
    (b"\x00\x01binary", "no isotherm reader"),
    (b"{\"a\": 1}", "not an isotherm"),
    (b"\xd0\xcf\x11\xe0garbage", "corrupt Excel"),
])
def test_bad_files_are_one_line(tmp_path, content, match):
    f = tmp_path / "bad.xls"
    f.write_bytes(content)
    with pytest.raises(DataFileError, match=match):
        load_isotherm(f)


def test_unknown_format_name_is_refused():
    with pytest.raises(InputError, match="format"):
        load_isotherm(ISOTHERMS / "Sample_A.xls", fmt="micromeritics")
