"""The ``alloypore stress`` face: public JSON contract and one-line errors."""

import json

import pytest

CONTRACT = ["stress", "core-shell", "--core-radius-nm", 50, "--shell-thickness-nm", 10, "--eigenstrain", 0.01,
            "--core-E-GPa", 80, "--core-nu", 0.22, "--shell-E-GPa", 100, "--shell-nu", 0.3]


def test_core_shell_contract_json(run_cli):
    code, out, err = run_cli(*CONTRACT, "--json")
    assert code == 0, err
    data = json.loads(out)
    # values of the issue (hand calculation in test_mech_analytic.py)
    assert data["interface_pressure_GPa"] == pytest.approx(0.358, abs=6e-4)
    assert data["shell_hoop_inner_GPa"] == pytest.approx(0.917, abs=6e-4)
    assert data["shell_hoop_outer_GPa"] == pytest.approx(0.738, abs=6e-4)


@pytest.mark.parametrize(
    "change, field",
    [
        (("--core-E-GPa", -80), "core_E_GPa"),
        (("--shell-nu", 0.5), "shell_nu"),
        (("--shell-thickness-nm", -2), "shell_thickness_nm"),
        (("--method", "magic"), "--method"),
    ],
)
def test_core_shell_unphysical_exits_2_one_line(run_cli, change, field):
    args = list(CONTRACT)
    if change[0] in args:
        args[args.index(change[0]) + 1] = change[1]
    else:
        args += list(change)
    code, out, err = run_cli(*args, "--json")
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and field in lines[0]
    assert out == ""


def test_sphere_potentiostatic_json(run_cli):
    code, out, err = run_cli("stress", "sphere", "--E-GPa", 80, "--nu", 0.22, "--partial-molar-volume-cm3-mol", 9,
                             "--surface-concentration-mol-cm3", 0.01, "--json")
    assert code == 0, err
    d = json.loads(out)
    # 0.1285 * 80 * 9 * 0.01 / 0.78 = 1.1862 GPa
    assert d["center_tension_peak_GPa"] == pytest.approx(0.1285 * 80 * 9 * 0.01 / 0.78, rel=1e-3)


def test_shell_optimum_writes_png(run_cli, tmp_path):
    code, out, err = run_cli("stress", "shell-optimum", "--shell-strength-GPa", 40, "--json", "--out", tmp_path / "o")
    assert code == 0, err
    d = json.loads(out)
    assert 0 < d["best_theta_limit"] <= 1
    assert (tmp_path / "o" / "shell_optimum.png").stat().st_size > 1000


def test_core_shell_fem_contract(run_cli, tmp_path):
    code, out, err = run_cli(*CONTRACT, "--method", "fem", "--mesh-size-nm", 4, "--json", "--out", tmp_path / "f")
    assert code == 0, err
    d = json.loads(out)
    assert d["shell_hoop_inner_GPa"] == pytest.approx(0.917, rel=0.01)
    assert d["interface_pressure_GPa"] == pytest.approx(0.358, rel=0.01)
    assert (tmp_path / "f" / "core_shell_fields.png").exists()


def test_pore_cell_too_large_pore_exits_2(run_cli, tmp_path):
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 10, "--pore-radius-nm", 6, "--json",
                             "--out", tmp_path / "x")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "pore_radius_nm" in err
    assert not (tmp_path / "x").exists()


def test_pore_cell_hole_json(run_cli):
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 100, "--pore-radius-nm", 5, "--E-GPa", 100,
                             "--nu", 0.3, "--eigenstrain", 0.01, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["pore_hoop_mean_GPa"] == pytest.approx(-5.0, rel=0.02)  # 2 x (-100*0.01/0.4)


def test_voxel_cli_npy(run_cli, tmp_path):
    import numpy as np

    np.save(tmp_path / "v.npy", np.ones((4, 4, 4), dtype=np.int8))
    code, out, err = run_cli("stress", "voxel", tmp_path / "v.npy", "--E-GPa", 1, "--nu", 0.25,
                             "--eigenstrain", 0.01, "--json", "--out", tmp_path / "o")
    assert code == 0, err
    assert json.loads(out)["solid_mean_hydrostatic_GPa"] == pytest.approx(-0.02, rel=1e-9)
    assert (tmp_path / "o" / "voxel_von_mises.png").exists()
    code, out, err = run_cli("stress", "voxel", tmp_path / "missing.npy", "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1
