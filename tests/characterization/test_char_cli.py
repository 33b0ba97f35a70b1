"""alloypore characterize: public contract (JSON names), figures, --emit-spec, exit 2 with one line."""

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest

from alloypore.cli import main

TESTDATA = Path(__file__).resolve().parents[1] / "data" / "characterization" / "isotherms"


def run(capsys, *args):
    with pytest.raises(SystemExit) as ex:
        main(list(args))
    out, err = capsys.readouterr()
    return ex.value.code, out, err


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
        ("isotherm", str(one)),
        ("isotherm", str(kpa)),
        ("isotherm", str(tmp_path / "missing.json")),
        ("mip", str(mip_unit)),
        ("saxs", str(empty)),
    ]


def test_bad_files_exit_2_with_one_line(capsys, tmp_path):
    for cmd, path in _bad(tmp_path):
        code, out, err = run(capsys, "characterize", cmd, path, "--json")
        assert code == 2, (cmd, path, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), (path, err)
        assert "Traceback" not in err and out == ""


def test_bad_options_exit_2(capsys, tmp_path):
    cases = [
        ("characterize", "density", "--true-density", "2.2", "--helium-density", "2.6", "--open-pore-volume", "0.3"),
        ("characterize", "density", "--composition", "Si=0.5,unobtainium=0.5", "--helium-density", "1.9", "--open-pore-volume", "0.3"),
        ("characterize", "isotherm", str(TESTDATA / "Takeda_5A_N2_77K.json"), "--bet-range", "0.05,0.30"),
        ("characterize", "isotherm", str(TESTDATA / "SiO2_N2_77K.json"), "--emit-spec", str(tmp_path / "x.toml")),
    ]
    for args in cases:
        code, out, err = run(capsys, *args)
        assert code == 2, (args, err)
        assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "x.toml").exists()
