"""CLI of the design chain: the public contract and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clihelp import assert_refused, run

CONTRACT = {
    "particle": ["capacity_mAh_g", "porosity", "closed_pore_fraction", "required_porosity", "volume_expansion_pct",
                 "true_density_g_cm3", "skeletal_density_g_cm3", "envelope_density_g_cm3"],
    "electrode": ["areal_capacity_mAh_cm2", "thickness_um", "porosity", "swelling_pct", "volumetric_capacity_mAh_cm3"],
    "cell": ["energy_density_Wh_kg", "energy_density_Wh_L", "electrolyte_g_Ah"],
}




def test_design_json_contract(capsys):
    code, out, _ = run(capsys, "design", "--json")
    assert code == 0
    d = json.loads(out)
    for sec, names in CONTRACT.items():
        for n in names:
            assert isinstance(d[sec][n], float), (sec, n)
    assert d["particle"]["porosity"] == 0.5 and d["particle"]["closed_pore_fraction"] == 0.6


def test_design_prints_the_ice_model_and_its_sources(capsys):
    """Issue 19: the example's printed ICE basis names the model and its source."""
    code, out, _ = run(capsys, "design")
    assert code == 0
    text = " ".join(out.split())  # rich wraps the note
    assert "first-cycle efficiency: MODEL: particle ICE 0.986 = wetted-surface SEI" in text
    assert "review Fig. 9c, ref. 181" in text and "Safari 2009, PyBaMM Chen2020 SEI" in text
    code, out, _ = run(capsys, "design", "--json")
    loss = json.loads(out)["particle"]["first_cycle_loss"]
    assert loss["first_cycle_efficiency"] == pytest.approx(0.9862, abs=1e-4) and loss["surface_source"] == "ssa"


def test_materials_json_contract(capsys):
    code, out, _ = run(capsys, "materials", "--json")
    rows = json.loads(out)
    si = next(r for r in rows if r["name"] == "Si")
    for key in ("name", "capacity_mAh_g", "capacity_mAh_cm3", "volume_expansion_pct"):
        assert key in si
    assert si["capacity_mAh_g"] == pytest.approx(3579, rel=0.005)


def test_design_report_written(capsys, tmp_path):
    code, out, _ = run(capsys, "design", "--out", str(tmp_path / "rep"))
    assert code == 0
    html = (tmp_path / "rep" / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 3
    for png in ("volume_budget.png", "electrode_swelling.png", "cell_breakdown.png"):
        assert (tmp_path / "rep" / png).read_bytes()[:4] == b"\x89PNG"
    # the saved spec reproduces the same result
    code, out2, _ = run(capsys, "design", str(tmp_path / "rep" / "spec.toml"), "--json")
    code, out1, _ = run(capsys, "design", "--json")
    assert json.loads(out2)["cell"] == json.loads(out1)["cell"]


BAD = {
    "unknown material": ('[particle]\nphases = [{material = "Xe", mass_fraction = 1.0}]\n', "particle.phases.0.material"),
    "fractions": ('[particle]\nphases = [{material = "Si", mass_fraction = 0.6}]\n', "sum to 1"),
    "porosity >= 1": ('[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\nporosity = 1.3\n', "particle.porosity = 1.3"),
    "porosity < 0": ('[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\nporosity = -0.2\n', "particle.porosity = -0.2"),
    "negative thickness": (
        '[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\n[cell]\nseparator_thickness_um = -5\n',
        "cell.separator_thickness_um = -5",
    ),
    "compaction": (
        '[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\n[electrode]\ncompaction_density_g_cm3 = 3.0\n',
        "highest density",
    ),
    "malformed": ("[particle\nphases = [", "malformed TOML"),
    "unknown key": ('[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\nporosty = 0.3\n', "particle.porosty"),
    "unknown section": ('[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\n[cel]\nnp_ratio = 1\n', "cel"),
    "bad unit": ('[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\nssa_m2_g = "3 kg"\n', "particle.ssa_m2_g"),
    "no particle": ("[cell]\nnp_ratio = 1.1\n", "particle"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_with_one_line_and_no_report(capsys, tmp_path, case):
    text, needle = BAD[case]
    spec = tmp_path / "bad.toml"
    spec.write_text(text)
    out_dir = tmp_path / "report"
    assert_refused(*run(capsys, "design", str(spec), "--json", "--out", str(out_dir)), needle)
    assert not out_dir.exists()


def test_units_strings_accepted(capsys, tmp_path):
    spec = tmp_path / "u.toml"
    spec.write_text(
        '[particle]\nphases = [{material = "Si", mass_fraction = 1.0}]\nporosity = "70 %"\n'
        '[electrode]\nareal_capacity_mAh_cm2 = "3.5 mAh/cm^2"\ncompaction_density_g_cm3 = "1500 kg/m^3"\n'
    )
    code, out, err = run(capsys, "design", str(spec), "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["particle"]["porosity"] == pytest.approx(0.7)
    assert d["electrode"]["areal_capacity_mAh_cm2"] == pytest.approx(3.5)


def test_entry_point_subprocess():
    exe = Path(sys.executable).parent / "alloypore"
    p = subprocess.run([str(exe), "design", "--json"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "energy_density_Wh_L" in json.loads(p.stdout)["cell"]


def test_design_list_examples_and_run_one(capsys):
    code, out, _ = run(capsys, "design", "--list-examples", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["name"] for r in rows} == {"cho2020-csi-mpcg-ncm622", "lg-m50-21700", "lg-mj1-18650"}
    assert all(r["reproduces"] for r in rows)
    code, out, _ = run(capsys, "design", "--example", "lg-m50-21700", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["cell"]["format"] == "21700" and "roll_turns" in d["cell"]["format_details"]
    cmp = d["example"]["comparison"]
    assert set(cmp) == {"cell_capacity_Ah", "cell_energy_Wh", "cell_mass_g", "cell_volume_cm3"}
    assert all(abs(c["difference_pct"]) < 5 for c in cmp.values())
    code, out, _ = run(capsys, "design", "--example", "cho2020-csi-mpcg-ncm622")
    assert code == 0 and "published vs model (stack basis)" in out


def test_design_json_has_the_issue16_contract(capsys):
    code, out, _ = run(capsys, "design", "--json")
    c = json.loads(out)["cell"]
    for key in ("cell_capacity_Ah", "cell_energy_Wh", "cell_mass_g", "cell_volume_cm3", "cell_voltage_V",
                "energy_density_Wh_kg", "energy_density_Wh_L"):
        assert isinstance(c[key], float), key
    assert c["binding_limits"] == ["min_electrolyte_fill"] and c["manufacturable"] is True


@pytest.mark.parametrize("cell, words", [
    ('format = "21700"\npouch_layers = 3', "cell.pouch_layers = 3: not a field of format '21700'"),
    ('format = "21700"\ncylinder_electrode_length_mm = 5000', "does not fit the 21700 can even empty"),
    ('cathode = "NMC811"\nenergy_model = "ocv"', None),
])
def test_design_bad_cell_input_exit_2_one_line(capsys, tmp_path, cell, words):
    p = tmp_path / "s.toml"
    p.write_text('[particle]\nphases = [{material = "Si", mass_fraction = 0.5}, {material = "amorphous_carbon", '
                 'mass_fraction = 0.5}]\nporosity = 0.5\n[cell]\n' + cell + "\n")
    code, out, err = run(capsys, "design", str(p))
    if words is None:
        assert code == 0
        return
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err, err


def test_design_cathode_without_a_curve_exit_2(capsys, monkeypatch, tmp_path):
    """No shipped cathode lacks a curve; a cathode whose curve is missing (here: NMC811's curve
    hidden) under energy_model = "ocv" is one line naming cell.cathode."""
    import alloypore.cell.energy_model as em
    from alloypore.materials.ocv import list_curves

    monkeypatch.setattr(em, "list_curves", lambda role=None: [c for c in list_curves(role) if c.name != "NMC811"])
    code, out, err = run(capsys, "design")
    assert code == 2 and err.startswith("error: cell.cathode = 'NMC811': has no voltage curve") and len(err.strip().splitlines()) == 1
