"""``alloypore study``: files, JSON and one-line errors (exit 2) of the named studies."""

import json

from clihelp import run


def test_study_cli(capsys, tmp_path):
    code, out, _ = run(capsys, "study", "blend-swelling", "--json", "--out", str(tmp_path / "b"))
    assert code == 0
    d = json.loads(out)
    assert 11.2 <= d["linear_peak"]["alloy_wt_pct"] <= 12.2 and d["exact_keeps_rising"] is True
    assert (tmp_path / "b" / "blend_swelling.png").exists()
    code, out, _ = run(capsys, "study", "closed-pores", "--si", "15", "--out", str(tmp_path / "c"))
    assert code == 0 and (tmp_path / "c" / "closed_pores.csv").exists()
    code, out, _ = run(capsys, "study", "required-porosity", "--json", "--out", str(tmp_path / "r"))
    assert code == 0 and any(r["material"] == "Ge" for r in json.loads(out)["materials"])
    for args, words in ((["blend-swelling", "--swelling-limit", "0"], "--swelling-limit"),
                        (["blend-swelling", "--basis", "weird"], "--basis"),
                        (["closed-pores", "--si", "90"], "--si")):
        code, _, err = run(capsys, "study", *args, "--out", str(tmp_path / "x"))
        assert code == 2 and len(err.strip().splitlines()) == 1 and words in err
    assert not (tmp_path / "x").exists()


def test_cli_liquid_vs_solid(capsys, tmp_path):
    code, out, _ = run(capsys, "study", "liquid-vs-solid", "--json", "--out", str(tmp_path / "o"))
    assert code == 0
    d = json.loads(out)
    assert d["table"]["electrolyte"][0] == "liquid"
    assert (tmp_path / "o" / "liquid_vs_solid.png").exists()
    code, _, err = run(capsys, "study", "liquid-vs-solid", "--electrolyte", "unobtainium", "--out", str(tmp_path / "x"))
    assert code == 2
    err = err.strip().splitlines()
    assert len(err) == 1 and "--electrolyte" in err[0]


def test_cli_cell_level_studies(capsys, tmp_path):
    code, out, _ = run(capsys, "study", "capacity-optimum", "--points", "7", "--json", "--out", str(tmp_path / "a"))
    assert code == 0
    d = json.loads(out)
    assert d["peak"]["si_wt_pct"] == 30.0 and d["table"]["binding"][0] == "max_anode_compaction_density_g_cm3"
    assert (tmp_path / "a" / "capacity_optimum.png").exists()
    code, out, _ = run(capsys, "study", "closed-pores-dosage", "--points", "3", "--json", "--out", str(tmp_path / "b"))
    assert code == 0
    t = json.loads(out)["table"]
    assert t["electrolyte_g_Ah_dosage"] == [2.0, 2.0, 2.0]
    for args, words in ((["capacity-optimum", "--points", "1"], "--points"), (["capacity-optimum", "--max-si", "99"], "--si"),
                        (["closed-pores-dosage", "--points", "1"], "--points")):
        code, _, err = run(capsys, "study", *args, "--out", str(tmp_path / "x"))
        assert code == 2 and len(err.strip().splitlines()) == 1 and words in err, err
