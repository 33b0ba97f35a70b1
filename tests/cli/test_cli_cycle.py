"""``alloypore cycle``: JSON contract, output files and one-line errors (exit 2)."""

import json
import sys

import pytest

from clihelp import run

CONTRACT = ["name", "model", "experiment", "sei", "n_cycles", "chain_reversible_capacity_mAh_cm2",
            "discharge_capacity_mAh_cm2", "discharge_energy_mWh_cm2", "capacity_retention", "anode_thickness_um",
            "anode_thickness_change_max_um", "anode_thickness_swing_um", "sei_lithium_loss_mAh_cm2", "sei_volume_um",
            "mapping", "initial_state", "dense", "alloy", "blend", "cathode", "voltage_window_V", "ocp_sources",
            "pybamm_citations"]




def test_cycle_json_and_files(capsys, tmp_path):
    out = tmp_path / "run"
    code, stdout, err = run(capsys, "cycle", "--experiment", "Discharge at 1C until 2.5 V; Charge at 1C until 4.2 V",
                            "--cycles", "2", "--json", "--out", str(out))
    assert code == 0, err
    d = json.loads(stdout)
    for k in CONTRACT:
        assert k in d, k
    assert d["n_cycles"] == 2 and len(d["discharge_capacity_mAh_cm2"]) == 2
    assert d["experiment"] == ["Discharge at 1C until 2.5 V", "Charge at 1C until 4.2 V"]
    # energy / capacity = mean discharge voltage, between the cut-offs
    v_mean = d["discharge_energy_mWh_cm2"][0] / d["discharge_capacity_mAh_cm2"][0]
    assert 2.5 < v_mean < 4.2
    assert d["dense"]["anode_thickness_change_max_um"] > d["anode_thickness_change_max_um"]
    for name in ("timeseries.csv", "timeseries_dense.csv", "cycles.csv", "summary.json"):
        assert (out / name).stat().st_size > 0
    for png in ("voltage_capacity.png", "capacity_energy.png", "thickness.png"):
        assert (out / png).read_bytes()[:4] == b"\x89PNG"
    import pandas as pd

    cyc = pd.read_csv(out / "cycles.csv")
    assert list(cyc["cycle"]) == [1, 2]
    assert cyc["discharge_capacity_mAh_cm2"].tolist() == pytest.approx(d["discharge_capacity_mAh_cm2"])


def test_cycle_bpx_round_trip_through_pybamm(capsys, tmp_path):
    """``cycle --bpx``: PyBaMM reloads the file and gives the same voltage curve, capacity and swelling."""
    import numpy as np
    import pandas as pd
    import pybamm

    step = "Discharge at 1C until 2.5 V"
    code, stdout, err = run(capsys, "cycle", "--experiment", step, "--no-dense", "--json", "--out",
                            str(tmp_path / "run"), "--bpx", str(tmp_path / "set.json"))
    assert code == 0, err
    d = json.loads(stdout)
    assert d["bpx"] == str(tmp_path / "set.json")
    assert {"Bonkile2024", "Chen2020", "Sulzer2021"} <= set(d["provenance"]["citations"])  # PyBaMM's, for what ran
    ts = pd.read_csv(tmp_path / "run" / "timeseries.csv")
    pv = pybamm.ParameterValues.create_from_bpx(tmp_path / "set.json")
    model = pybamm.lithium_ion.SPM({"particle phases": ("2", "1"), "particle mechanics": "swelling only"})
    sol = pybamm.Simulation(model, parameter_values=pv, experiment=pybamm.Experiment([step])).solve()
    q = sol["Discharge capacity [A.h]"].entries * 1e3  # per cm2 of electrode: A.h -> mAh/cm2
    v = sol["Voltage [V]"].entries
    q0, v0 = ts["capacity_mAh_cm2"].to_numpy(), ts["voltage_V"].to_numpy()
    assert q[-1] == pytest.approx(q0[-1], rel=5e-4)
    # the curves up to the last 0.5 % (the cut-off drop, where dV/dQ is near vertical, is compared as capacity)
    grid = np.linspace(0.0, 0.995 * min(q[-1], q0[-1]), 300)
    assert np.abs(np.interp(grid, q, v) - np.interp(grid, q0, v0)).max() < 5e-3  # V: OCP tables vs functions
    dl = sol["Negative electrode thickness change [m]"].entries * 1e6
    swing = ts["anode_thickness_change_um"].to_numpy()
    assert dl[-1] - dl[0] == pytest.approx(swing[-1] - swing[0], rel=2e-3)


def test_cycle_a_tin_carbon_design_against_lfp_in_its_own_window(capsys, tmp_path):
    p = tmp_path / "sn.toml"
    p.write_text('name = "Sn-C vs LFP"\n[particle]\nphases = [{material = "Sn", mass_fraction = 0.6}, '
                 '{material = "amorphous_carbon", mass_fraction = 0.4}]\nporosity = 0.4\nclosed_pore_fraction = 0.5\n'
                 '[electrode]\ncomposite_mass_fraction = 0.3\ngraphite_mass_fraction = 0.65\n[cell]\ncathode = "LFP"\n')
    code, stdout, err = run(capsys, "cycle", str(p), "--no-dense", "--json")
    assert code == 0, err
    d = json.loads(stdout)
    lo, hi = d["voltage_window_V"]
    assert (d["alloy"], d["cathode"]) == ("Sn", "LFP") and 2.0 < lo < hi < 3.6
    assert d["experiment"] == [f"Discharge at 1C until {lo:g} V", f"Charge at 1C until {hi:g} V",
                               f"Hold at {hi:g} V until C/20"]
    assert "Prada2013" in d["pybamm_citations"] and "Marquis2019" in d["pybamm_citations"]
    assert d["ocp_sources"]["positive"].startswith("LFP: PyBaMM Prada2013")
    # 1C: below the chain's reversible capacity (overpotentials reach the cut-off early; 84 % here)
    assert 0.75 * d["chain_reversible_capacity_mAh_cm2"] < d["discharge_capacity_mAh_cm2"][0] < d["chain_reversible_capacity_mAh_cm2"]
    code, stdout, err = run(capsys, "cycle", str(p), "--no-dense")  # the table names the window and sources
    assert code == 0 and "Sn + graphite vs LFP" in stdout and "PyBaMM citations" in stdout


BAD = {
    "model": (["--model", "P2D"], "--model = 'P2D'"),
    "cycles": (["--cycles", "0"], "--cycles = 0"),
    "experiment": (["--experiment", "Dance at 1C until 2.5 V"], "--experiment = 'Dance at 1C until 2.5 V'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_options_exit_2_one_line(capsys, case):
    args, msg = BAD[case]
    code, out, err = run(capsys, "cycle", *args)
    assert code == 2
    assert err.startswith("error: ") and msg in err and err.count("\n") == 1


def test_unsupported_blend_carbon_exit_2(capsys, tmp_path):
    p = tmp_path / "hc.toml"
    p.write_text('[particle]\nphases = [{material = "Ge", mass_fraction = 0.5}, '
                 '{material = "amorphous_carbon", mass_fraction = 0.5}]\nporosity = 0.5\n'
                 '[electrode]\nblend_material = "hard_carbon"\ncompaction_density_g_cm3 = 1.2\n')
    code, out, err = run(capsys, "cycle", str(p))
    assert code == 2 and "electrode.blend_material = 'hard_carbon'" in err and err.count("\n") == 1


def test_missing_pybamm_exit_2(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pybamm", None)  # import pybamm -> ImportError
    code, out, err = run(capsys, "cycle", "--json")
    assert code == 2 and "pip install 'alloypore[cycle]'" in err and err.count("\n") == 1 and out == ""
