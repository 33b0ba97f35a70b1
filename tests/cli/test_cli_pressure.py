"""``alloypore pressure``: JSON contract, files and one-line errors, against a hand calculation
from the design's own numbers (``alloypore design --json``)."""

import json

import pytest

from alloypore.cell import example_spec
from clihelp import assert_refused, run


def _design(capsys) -> dict:
    code, out, err = run(capsys, "design", "--json")
    assert code == 0, err
    return json.loads(out)


def _pristine_unit_um(d: dict) -> float:
    # repeat unit = anode + cathode + separator + half foils; charged -> pristine anode
    c, e = d["cell"], d["electrode"]
    return c["thickness_unit_charged_um"] - c["anode_charged_thickness_um"] + e["thickness_um"]


def test_fixed_gap_pressure_is_modulus_times_strain(capsys, tmp_path):
    d = _design(capsys)
    code, out, err = run(capsys, "pressure", "--json", "--out", str(tmp_path / "p"))
    assert code == 0, err
    p = json.loads(out)
    assert set(p) == {"limit_MPa", "theta_at_limit", "pressure_charged_MPa", "theta_charged", "stack_height_um",
                      "fixed_gap", "theta", "pressure_MPa", "provenance"}  # provenance: issue #18
    # fixed gap: P = E Delta / H = E (t_a,charged - t_a0) / t_unit,pristine (n layers cancel)
    strain = (d["cell"]["anode_charged_thickness_um"] - d["electrode"]["thickness_um"]) / _pristine_unit_um(d)
    assert p["fixed_gap"] is True
    assert p["pressure_charged_MPa"] == pytest.approx(200.0 * strain, rel=1e-9)
    assert p["theta_charged"] == pytest.approx(d["cell"]["anode_lithiation_charged"], rel=1e-12)
    assert p["stack_height_um"] == pytest.approx(example_spec().cell.pouch_layers * _pristine_unit_um(d), rel=1e-12)
    assert p["theta_at_limit"] is None and p["pressure_charged_MPa"] < 10  # ~6.8 MPa: below the 10 MPa limit
    assert p["pressure_MPa"][0] == 0.0 and len(p["theta"]) == len(p["pressure_MPa"])
    assert (tmp_path / "p" / "pressure.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "p" / "pressure.json").read_text())["pressure_charged_MPa"] == p["pressure_charged_MPa"]


def test_spring_fixture_and_preload_by_hand(capsys):
    d = _design(capsys)
    code, out, err = run(capsys, "pressure", "--json", "--fixture-stiffness-kN-mm", "50", "--preload-MPa", "0.5")
    assert code == 0, err
    p = json.loads(out)
    spec = example_spec()
    n, area_mm2 = spec.cell.pouch_layers, spec.cell.pouch_electrode_area_cm2 * 100.0
    delta_mm = n * (d["cell"]["anode_charged_thickness_um"] - d["electrode"]["thickness_um"]) * 1e-3
    height_mm = n * _pristine_unit_um(d) * 1e-3
    # Delta = P A / K + P H / E  ->  P = Delta / (A/K + H/E), plus the preload
    expected = 0.5 + delta_mm / (area_mm2 / 50e3 + height_mm / 200.0)
    assert p["fixed_gap"] is False
    assert p["pressure_charged_MPa"] == pytest.approx(expected, rel=1e-9)
    assert p["pressure_MPa"][0] == pytest.approx(0.5)


@pytest.mark.parametrize("args, words", [
    (["--stack-modulus-MPa", "0"], "--stack-modulus-MPa"),
    (["--preload-MPa", "20"], "--preload-MPa"),
])
def test_bad_option_exit_2_one_line(capsys, tmp_path, args, words):
    assert_refused(*run(capsys, "pressure", *args, "--out", str(tmp_path / "o")), words)
    assert not (tmp_path / "o").exists()
