"""alloypore characterize: public contract (JSON names), figures, --emit-spec, exit 2 with one line."""

import json
import tomllib

import numpy as np
import pytest

from alloypore.cell import load_spec
from alloypore.characterization import sans
from alloypore.characterization.density import density_analysis
from clihelp import assert_refused, run
from evidencehelp import ISOTHERMS as TESTDATA
from evidencehelp import bimodal_mip_table, dilute_spheres, t2_distribution, write_curve, write_t2

PROFILE_KEYS = {"porosity", "closed_pore_fraction", "ssa_m2_g", "pore_volume_cm3_g", "modal_pore_diameters_nm", "psd_method", "sources",
                "uncertainties", "micropore_volume_cm3_g", "electrolyte_inaccessible_fraction"}  # the last three: issue #15


def test_isotherm_json_contract(capsys, tmp_path):
    code, out, err = run(capsys, "characterize", "isotherm", str(TESTDATA / "Sample_A.xls"), "--json", "--out", str(tmp_path / "figs"))
    assert code == 0, err
    res = json.loads(out)
    bet = res["bet"]
    assert bet["ssa_m2_g"] == pytest.approx(194.75, rel=0.03)  # instrument report: 194.7493 m2/g
    assert set(bet["criteria"]) == {"c_positive", "rouquerol_increasing", "monolayer_in_range", "monolayer_pressure_consistent"}
    assert all(bet["criteria"].values())
    assert len(bet["p_rel_range"]) == 2
    assert res["total_pore_volume_cm3_g"] > 0 and res["psd"]["method"] == "BJH"
    assert (tmp_path / "figs" / "isotherm.png").stat().st_size > 1000
    assert (tmp_path / "figs" / "psd.png").exists()


def test_isotherm_emit_spec(capsys, tmp_path):
    spec = tmp_path / "particle.toml"
    code, out, err = run(capsys, "characterize", "isotherm", str(TESTDATA / "SiO2_N2_77K.json"), "--gurvich-p", "0.94",
                         "--composition", "Si=0.5,amorphous_carbon=0.5", "--emit-spec", str(spec))
    assert code == 0, err
    part = tomllib.loads(spec.read_text())["particle"]
    assert part["closed_pore_fraction"] == 0.0 and part["ssa_m2_g"] > 100


def test_density_contract(capsys):
    code, out, err = run(capsys, "characterize", "density", "--true-density", "2.151998", "--helium-density", "1.90",
                         "--open-pore-volume", "0.30", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["closed_pore_volume_cm3_g"] == pytest.approx(0.0616, abs=1e-4)  # hand calculation, see test_char_density_mip
    assert round(100 * res["closed_porosity"], 1) == 7.5


def test_mip_contract(capsys, tmp_path):
    p = np.geomspace(0.003, 400.0, 120)
    from scipy.stats import norm

    from alloypore.characterization.mip import washburn_diameter_nm

    d = washburn_diameter_nm(p)
    v = 0.4 * norm.sf(np.log10(d), np.log10(5000.0), 0.1) + 0.3 * norm.sf(np.log10(d), np.log10(50.0), 0.1)
    f = tmp_path / "mip.csv"
    f.write_text("Pressure (psia),Cumulative Intrusion (mL/g)\n" + "\n".join(f"{a / 0.00689475729:.8g},{b:.8g}" for a, b in zip(p, v)))
    code, out, err = run(capsys, "characterize", "mip", str(f), "--json", "--skeletal-density", "2.0")
    assert code == 0, err
    res = json.loads(out)
    assert res["intraparticle_pore_volume_cm3_g"] == pytest.approx(0.3, rel=0.02)
    assert res["envelope_density_g_cm3"] == pytest.approx(1.25, rel=0.01)


def test_saxs_command(capsys, tmp_path):
    from alloypore.characterization.saxs import sphere_form_factor

    q = np.geomspace(0.01, 5, 300)
    i = 0.01 * 0.99 * 1e22 * (4 / 3 * np.pi * 125) * sphere_form_factor(q, 5.0) * 1e-21 + 0 * q
    f = tmp_path / "s.csv"
    f.write_text("q_nm-1,I_cm-1\n" + "\n".join(f"{a:.8g},{b:.8g}" for a, b in zip(q, i)))
    code, out, err = run(capsys, "characterize", "saxs", str(f), "--contrast", "10", "--json", "--out", str(tmp_path / "o"))
    assert code == 0, err
    assert json.loads(out)["volume_fraction"] == pytest.approx(0.01, rel=0.02)
    assert (tmp_path / "o" / "saxs_invariant.png").exists()


def _bad(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json")
    one = tmp_path / "one_branch.aif"
    one.write_text("data_x\n_exptl_adsorptive 'nitrogen'\n_exptl_temperature 77.35\n_adsnt_material_id 'x'\n"
                   "_units_temperature K\n_units_pressure 'relative'\n_units_loading 'mmol/g'\n\nloop_\n_adsorp_pressure\n_adsorp_amount\n"
                   + "\n".join(f"{p:.3f} {1 + 2 * p:.4f}" for p in np.linspace(0.02, 0.9, 20)) + "\n")
    kpa = tmp_path / "kpa.aif"
    kpa.write_text(one.read_text().replace("'relative'", "'relative'").replace("\n0.", "\n5"))  # p/p0 values of 5.x
    mip_unit = tmp_path / "mip.csv"
    mip_unit.write_text("pressure_bar,intrusion_mL_g\n1,0.1\n2,0.2\n3,0.3\n4,0.3\n5,0.3\n")
    return [
        ("isotherm", str(empty)),
        ("isotherm", str(corrupt)),
        ("isotherm", str(kpa)),
        ("isotherm", str(tmp_path / "missing.json")),
        ("mip", str(mip_unit)),
        ("saxs", str(empty)),
    ]


def test_adsorption_only_isotherm_runs_every_step_it_can(capsys, tmp_path):
    # issue #15: an adsorption-only file is no longer refused; the PSD uses the adsorption branch (said so)
    _bad(tmp_path)
    code, out, err = run(capsys, "characterize", "isotherm", str(tmp_path / "one_branch.aif"), "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["psd_branch"] == "adsorption" and res["n_points_desorption"] == 0
    assert any("no desorption branch" in n for n in res["notes"])


def test_bad_files_exit_2_with_one_line(capsys, tmp_path):
    for cmd, path in _bad(tmp_path):
        assert_refused(*run(capsys, "characterize", cmd, path, "--json"))


def test_bad_options_exit_2(capsys, tmp_path):
    cases = [
        ("characterize", "density", "--true-density", "2.2", "--helium-density", "2.6", "--open-pore-volume", "0.3"),
        ("characterize", "density", "--composition", "Si=0.5,unobtainium=0.5", "--helium-density", "1.9", "--open-pore-volume", "0.3"),
        # issue #15: a failing range is computed (exit 0) unless --strict
        ("characterize", "isotherm", str(TESTDATA / "Takeda_5A_N2_77K.json"), "--bet-range", "0.05,0.30", "--strict"),
        ("characterize", "isotherm", str(TESTDATA / "SiO2_N2_77K.json"), "--emit-spec", str(tmp_path / "x.toml")),
    ]
    for args in cases:
        code, out, err = run(capsys, *args)
        assert code == 2, (args, err)
        assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "x.toml").exists()


# ---------------------------------------------------------------- --emit-spec through the one profile and writer
def test_every_emitted_spec_reads_back_as_a_design_spec(capsys, tmp_path):
    """isotherm, mip and density write the [particle] of their pore profile; alloypore.cell.load_spec reads each."""
    comp = ["--composition", "Si=0.5,amorphous_carbon=0.5"]
    runs = {
        "isotherm": ["isotherm", str(TESTDATA / "SiO2_N2_77K.json"), "--gurvich-p", "0.94", *comp],
        "mip": ["mip", str(bimodal_mip_table(tmp_path / "mip.csv")), *comp],
        "density": ["density", "--helium-density", "1.90", "--open-pore-volume", "0.30", *comp, "--ssa", "120"],
    }
    # v_s = 0.5/2.329 + 0.5/2.0 = 0.464684 cm3/g (Si, amorphous carbon of the materials table)
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    for name, args in runs.items():
        spec = tmp_path / f"{name}.toml"
        code, out, err = run(capsys, "characterize", *args, "--emit-spec", str(spec), "--json")
        assert code == 0, (name, err)
        res = json.loads(out)
        assert set(res["pore_profile"]) == PROFILE_KEYS
        assert res["written"][-1] == str(spec)
        part = load_spec(spec).particle  # the design chain's own loader
        assert [p.material for p in part.phases] == ["Si", "amorphous_carbon"]
        if name == "density":
            # worked example of docs/characterization.md: eps = (0.30 + 0.0616) / (0.4647 + 0.3616)
            v_closed = 1 / 1.90 - v_s
            assert part.porosity == pytest.approx((0.30 + v_closed) / (v_s + 0.30 + v_closed), rel=1e-9)
            assert part.closed_pore_fraction == pytest.approx(v_closed / (0.30 + v_closed), rel=1e-9)
            assert part.ssa_m2_g == 120.0
        else:  # gas and mercury see open pores only: porosity from the pore volume and the composition
            v = res["total_pore_volume_cm3_g"] if name == "isotherm" else res["intraparticle_pore_volume_cm3_g"]
            assert part.porosity == pytest.approx(v / (v_s + v), rel=1e-9)
            assert part.closed_pore_fraction == 0.0
        assert "# " in spec.read_text().splitlines()[0]  # where the numbers came from


def test_saxs_sans_nmr_json_carry_the_pore_profile(capsys, tmp_path):
    a = sans.neutron_sld("C", 1.80)
    dry, filled = write_curve(tmp_path / "dry.csv", dilute_spheres(0.02, a)), write_curve(tmp_path / "f.csv", dilute_spheres(0.005, a))
    code, out, err = run(capsys, "characterize", "saxs", str(dry), "--filled", str(filled), "--contrast", str(a), "--json")
    assert code == 0, err
    prof = json.loads(out)["pore_profile"]
    assert prof["porosity"] == pytest.approx(0.02, rel=0.01) and prof["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)
    code, out, err = run(capsys, "characterize", "sans", "--solid", "C:1.8", "--dry", str(dry), "--filled", str(filled), "--json")
    assert code == 0, err
    assert json.loads(out)["pore_profile"]["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)
    t2 = write_t2(tmp_path / "t2.csv", t2_distribution(10.0))
    code, out, err = run(capsys, "characterize", "nmr", str(t2), "--relaxivity", "5", "--json")
    assert code == 0, err
    prof = json.loads(out)["pore_profile"]
    assert prof["modal_pore_diameters_nm"][0] == pytest.approx(300.0, rel=0.06)  # d = 6 rho T2 = 6 * 5 * 10 nm
    assert prof["porosity"] is None and prof["psd_method"].startswith("NMR T2")


def test_text_output_and_density_figure(capsys, tmp_path):
    code, out, err = run(capsys, "characterize", "density", "--true-density", "2.151998", "--helium-density", "1.90",
                         "--open-pore-volume", "0.30", "--tap", "0.8", "--out", str(tmp_path / "o"))
    assert code == 0, err
    res = density_analysis(true_density_g_cm3=2.151998, helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, tap_density_g_cm3=0.8)
    assert f"porosity {100 * res.porosity:.3g} %" in out and "interparticle void" in out
    assert (tmp_path / "o" / "density_volumes.png").read_bytes()[:4] == b"\x89PNG"


# ---------------------------------------------------------------- SANS and NMR (moved from tests/characterization)
def test_cli_sans_json_and_figure(capsys, tmp_path):
    a = sans.neutron_sld("C", 1.80)
    dry = write_curve(tmp_path / "dry.csv", dilute_spheres(0.02, a))
    filled = write_curve(tmp_path / "filled.csv", dilute_spheres(0.005, a))
    code, out, err = run(capsys, "characterize", "sans", "--solid", "C:1.8", "--phase", "Si", "--phase", "SiO2",
                         "--dry", str(dry), "--filled", str(filled), "--json", "--out", str(tmp_path / "fig"))
    assert code == 0, err
    d = json.loads(out)
    assert d["solid"]["neutron_sld_1e10_cm2"] == pytest.approx(5.998, abs=0.01)
    assert d["solid"]["match_d_volume_fraction"] == pytest.approx(0.948, abs=0.003)
    assert [p["name"] for p in d["phases"]] == ["C", "Si", "SiO2"]
    assert d["closed"]["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)
    assert (tmp_path / "fig" / "sans_contrast.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args, word", [
    (["--solid", "Xq2:2.0"], "formula"),
    (["--solid", "C:-1"], "density"),
    (["--solid", "graphite", "--filled", "x.csv"], "dry"),
    (["--solid", "C:2.26", "--dry", "DRY", "--filled", "DRY"], "matched"),
])
def test_cli_sans_bad_inputs_exit_2(capsys, tmp_path, args, word):
    dry = write_curve(tmp_path / "dry.csv", dilute_spheres(0.02, sans.neutron_sld("C", 1.80)))
    args = [str(dry) if x == "DRY" else x for x in args]
    code, out, err = run(capsys, "characterize", "sans", *args)
    assert code == 2 and err.count("\n") == 1 and word in err, err


def test_cli_nmr_json_and_figure(capsys, tmp_path):
    f = write_t2(tmp_path / "t2.csv", t2_distribution(10.0))
    code, out, err = run(capsys, "characterize", "nmr", str(f), "--relaxivity", "5", "--geometry", "cylinder",
                         "--liquid-volume", "0.3", "--pore-volume", "0.4", "--json", "--out", str(tmp_path / "fig"))
    assert code == 0, err
    d = json.loads(out)
    assert d["median_size_nm"] == pytest.approx(200.0, rel=0.01)  # cylinder: 4 * 5 * 10
    assert d["filled_fraction"] == pytest.approx(0.75, rel=1e-6)
    assert d["geometry_factor"] == 4.0
    assert (tmp_path / "fig" / "nmr_psd.png").read_bytes()[:4] == b"\x89PNG"
    # calibration from a known pore: 300 nm at 10 ms (sphere) -> rho = 5 um/s
    code, out, _ = run(capsys, "characterize", "nmr", str(f), "--reference", "10:300", "--json")
    assert json.loads(out)["relaxivity_um_s"] == pytest.approx(5.0)


@pytest.mark.parametrize("extra, word", [
    (["--relaxivity", "-2"], "relaxivity"),
    (["--relaxivity", "0"], "relaxivity"),
    ([], "relaxivity"),
    (["--relaxivity", "5", "--geometry", "cube"], "geometry"),
    (["--relaxivity", "5", "--pore-volume", "0.4"], "--liquid-volume"),
    (["--relaxivity", "5", "--bulk", "-1"], "bulk"),
    (["--relaxivity", "5", "--signal-per-cm3", "10"], "--sample-mass"),
])
def test_cli_nmr_bad_inputs_exit_2(capsys, tmp_path, extra, word):
    f = write_t2(tmp_path / "t2.csv", t2_distribution(10.0))
    code, _, err = run(capsys, "characterize", "nmr", str(f), *extra)
    assert code == 2 and err.count("\n") == 1 and word in err, err


def test_cli_nmr_bad_file_exit_2(capsys, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("T2_ms,amplitude\n1,0.5\n10,-1\n100,0.2\n")
    code, _, err = run(capsys, "characterize", "nmr", str(f), "--relaxivity", "5")
    assert code == 2 and err.count("\n") == 1 and "negative amplitude" in err


def test_missing_composition_is_the_same_line_for_every_emit_spec(capsys, tmp_path):
    from alloypore.characterization.profile import PoreProfile
    from alloypore.errors import InputError

    with pytest.raises(InputError) as lib:
        PoreProfile(porosity=0.3).to_particle_spec()
    for args in (["isotherm", str(TESTDATA / "SiO2_N2_77K.json")], ["mip", str(bimodal_mip_table(tmp_path / "m.csv"))],
                 ["density", "--true-density", "2.2", "--helium-density", "1.9", "--open-pore-volume", "0.3"]):
        code, out, err = run(capsys, "characterize", *args, "--emit-spec", str(tmp_path / "x.toml"))
        assert code == 2 and err == f"error: --{lib.value}\n", err  # the CLI names the flag
    assert not (tmp_path / "x.toml").exists()


# ---------------------------------------------------------------- issue #15: real files, BET as the instrument, combine
INSTR = TESTDATA.parent / "instruments"


def test_given_bet_range_is_computed_and_its_failed_criteria_printed(capsys):
    takeda = str(TESTDATA / "Takeda_5A_N2_77K.json")
    code, out, err = run(capsys, "characterize", "isotherm", takeda, "--bet-range", "0.05,0.30", "--psd", "none")
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if ln.startswith("BET "))
    assert "the given range" in line and "FAILS criteria: " in line and "c_positive" in line
    code, out, err = run(capsys, "characterize", "isotherm", takeda, "--bet-range", "0.05,0.30", "--json")
    bet = json.loads(out)["bet"]
    assert bet["criteria"]["c_positive"] is False and "c_positive" in bet["failed_criteria"] and not bet["automatic"]
    code, out, err = run(capsys, "characterize", "isotherm", takeda, "--bet-range", "0.05,0.30", "--strict")
    assert code == 2 and err.count("\n") == 1 and "c_positive" in err and out == ""


def test_instrument_report_reproduced_on_the_terminal(capsys):
    code, out, err = run(capsys, "characterize", "isotherm", str(INSTR / "mic" / "Sample_N.xls"))
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if ln.startswith("instrument's BET"))
    assert "1589.6 m2/g" in line and "(+0.00 %)" in line
    bet = next(ln for ln in out.splitlines() if ln.startswith("BET "))
    assert "sigma 0.138 nm2" in bet  # argon's own cross-section for the automatic BET


@pytest.mark.parametrize("rel", ["bel/DUT-67-N2_77K.DAT", "bel/DUT-13_CH4_111K.DAT", "mic/Sample_J.xls",
                                 "qnt/RE-22 (Raw Analysis Data).txt", "bel/Sample_C.xls"])
def test_real_files_that_used_to_fail_run_every_step_they_can(capsys, rel):
    code, out, err = run(capsys, "characterize", "isotherm", str(INSTR / rel), "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["notes"]  # what was dropped, assumed or not computed, one line each
    assert all("\n" not in n for n in res["notes"])


def _powder_profiles(capsys, tmp_path):
    import powderhelp as ph

    f = ph.write_files(tmp_path / "lab")
    comp = ["--composition", ph.COMPOSITION]
    runs = {
        "iso": ["isotherm", str(f["isotherm"])],
        "mip": ["mip", str(f["mip"])],
        "den": ["density", "--helium-density", repr(ph.HE_DENSITY), "--helium-density-u", "0.002", "--open-pore-volume", "0.3"],
        "saxs": ["saxs", str(f["saxs_dry"]), "--filled", str(f["saxs_filled"]), "--contrast", str(ph.CONTRAST)],
        "bad": ["saxs", str(f["saxs_dry"]), "--filled", str(f["saxs_filled_wrong"]), "--contrast", str(ph.CONTRAST)],
    }
    out_paths = {}
    for key, args in runs.items():
        out_paths[key] = tmp_path / f"{key}.json"
        code, out, err = run(capsys, "characterize", *args, *comp, "--profile-out", str(out_paths[key]))
        assert code == 0, (key, err)
    return ph, out_paths


def test_combine_cli_on_the_constructed_powder_and_two_commands_to_wh_per_litre(capsys, tmp_path):
    ph, prof = _powder_profiles(capsys, tmp_path)
    spec = tmp_path / "particle.toml"
    code, out, err = run(capsys, "characterize", "combine", *(str(prof[k]) for k in ("iso", "mip", "den", "saxs")),
                         "--emit-spec", str(spec), "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["disagreements"] == []
    q = res["profile"]["quantities"]
    for name, truth in (("open_pore_volume_cm3_g", ph.V_OPEN), ("closed_pore_volume_cm3_g", ph.V_CLOSED), ("porosity", ph.POROSITY)):
        assert abs(q[name]["value"] - truth) <= q[name]["uncertainty"] + 1e-12, name
    # the second command: the fused [particle] into a design
    code, out, err = run(capsys, "design", "--particle", str(spec), "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["particle"]["porosity"] == pytest.approx(q["porosity"]["value"], rel=1e-9)
    assert d["particle"]["electrolyte_inaccessible_fraction"] == pytest.approx(ph.V_MICRO / ph.V_OPEN, rel=0.02)
    assert d["cell"]["energy_density_Wh_L"] > 0
    # the deliberately inconsistent SAXS pair is flagged on the terminal with both numbers
    code, out, err = run(capsys, "characterize", "combine", str(prof["den"]), str(prof["bad"]), "--out", str(tmp_path / "figs"))
    assert code == 0, err
    assert (tmp_path / "figs" / "combine.png").read_bytes()[:4] == b"\x89PNG"
    flag = next(ln for ln in out.splitlines() if ln.startswith("DISAGREE closed_pore_volume_cm3_g"))
    assert "density 0.06" in flag and "saxs 0.15" in flag


def test_two_commands_from_an_instrument_file_to_a_cell(capsys, tmp_path):
    """Lab file -> [particle] -> Wh/L; the particle by hand: porosity = V/(v_s + V) with the Gurvich V."""
    from alloypore.cell import evaluate_design, load_spec

    spec = tmp_path / "particle.toml"
    code, out, err = run(capsys, "characterize", "isotherm", str(TESTDATA / "Sample_A.xls"), "--composition",
                         "Si=0.5,amorphous_carbon=0.5", "--emit-spec", str(spec), "--json")
    assert code == 0, err
    v = json.loads(out)["total_pore_volume_cm3_g"]
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    base = tmp_path / "base.toml"
    base.write_text('name = "lab"\n[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\n'
                    '[electrode]\ncomposite_mass_fraction = 0.15\ngraphite_mass_fraction = 0.8\nbinder_mass_fraction = 0.03\n'
                    'conductive_mass_fraction = 0.02\ncompaction_density_g_cm3 = 1.5\n[cell]\ncathode = "NMC811"\nnp_ratio = 1.1\n')
    code, out, err = run(capsys, "design", str(base), "--particle", str(spec), "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["particle"]["porosity"] == pytest.approx(v / (v_s + v), rel=1e-9)
    assert d["cell"]["energy_density_Wh_L"] == pytest.approx(
        float(evaluate_design(load_spec(base, spec)).cell.energy_density_Wh_L), rel=1e-12)


def test_bad_input_exits_2_with_one_line_and_writes_nothing(capsys, tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema": "alloypore.pore_profile", "schema_version": 99, "quantities": {}}))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    nmr_t2 = write_t2(tmp_path / "t2.csv", t2_distribution(10.0))
    spec, prof = tmp_path / "out" / "p.toml", tmp_path / "out" / "p.json"
    outputs = ["--emit-spec", str(spec), "--profile-out", str(prof)]
    comp = ["--composition", "Si=0.5,amorphous_carbon=0.5"]
    cases = [
        ["characterize", "combine", str(newer), *comp, *outputs],  # a profile from a newer alloypore
        ["characterize", "isotherm", str(empty), *comp, *outputs],  # an empty file
        ["characterize", "mip", str(bimodal_mip_table(tmp_path / "m.csv")), "--sample-mass", "0.2", *comp, *outputs],  # mass with mL/g
        ["characterize", "nmr", str(nmr_t2), "--relaxivity", "5", *comp, *outputs],  # NMR gives no pore amount for a spec
        ["characterize", "isotherm", str(INSTR / "mic" / "Sample_B.xls"), *comp, *outputs],  # one point
        ["characterize", "isotherm", str(TESTDATA / "Sample_A.xls"), "--bet-range", "0.3,0.05", *outputs],
        ["characterize", "isotherm", str(TESTDATA / "Sample_A.xls"), "--psd-branch", "both"],
        ["design", "--particle", str(empty)],
    ]
    for args in cases:
        code, out, err = run(capsys, *args)
        assert code == 2, (args, err)
        assert err.count("\n") == 1 and err.startswith("error:") and "Traceback" not in err, (args, err)
        assert not spec.exists() and not prof.exists(), args
    assert "newer than this alloypore reads" in run(capsys, "characterize", "combine", str(newer))[2]


def test_profile_out_and_emit_spec_on_scattering_commands(capsys, tmp_path):
    a = sans.neutron_sld("C", 1.80)
    dry, filled = write_curve(tmp_path / "dry.csv", dilute_spheres(0.02, a)), write_curve(tmp_path / "f.csv", dilute_spheres(0.005, a))
    comp = ["--composition", "Si=0.5,amorphous_carbon=0.5"]
    for cmd in (["saxs", str(dry), "--filled", str(filled), "--contrast", str(a)],
                ["sans", "--solid", "C:1.8", "--dry", str(dry), "--filled", str(filled)]):
        spec, prof = tmp_path / f"{cmd[0]}.toml", tmp_path / f"{cmd[0]}.json"
        code, out, err = run(capsys, "characterize", *cmd, *comp, "--emit-spec", str(spec), "--profile-out", str(prof))
        assert code == 0, err
        section = tomllib.loads(spec.read_text())["particle"]
        assert section["porosity"] == pytest.approx(0.02, rel=0.01) and section["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)
        assert json.loads(prof.read_text())["method"] == cmd[0]
