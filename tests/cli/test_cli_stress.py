"""The ``alloypore stress`` face: public JSON contract, figures and one-line errors (exit 2)."""

import functools
import json

import numpy as np
import pytest

import alloypore.cli.stress as stress_cli
from alloypore.mechanics.voxel import solve_voxel, sphere_pore_image
from clihelp import run


@pytest.fixture
def run_cli(capsys):
    """``alloypore ARGS`` in-process (numbers and paths as text): (exit code, stdout, stderr)."""
    return lambda *args: run(capsys, *map(str, args))

CONTRACT = ["stress", "core-shell", "--core-radius-nm", 50, "--shell-thickness-nm", 10, "--eigenstrain", 0.01,
            "--core-E-GPa", 80, "--core-nu", 0.22, "--shell-E-GPa", 100, "--shell-nu", 0.3]


def test_core_shell_contract_json(run_cli):
    code, out, err = run_cli(*CONTRACT, "--json")
    assert code == 0, err
    data = json.loads(out)
    # values of the issue (hand calculation in test_mech_spheres.py)
    assert data["interface_pressure_GPa"] == pytest.approx(0.358, abs=6e-4)
    assert data["shell_hoop_inner_GPa"] == pytest.approx(0.917, abs=6e-4)
    assert data["shell_hoop_outer_GPa"] == pytest.approx(0.738, abs=6e-4)


@pytest.mark.parametrize(
    "change, field",
    [
        (("--core-E-GPa", -80), "--core-E-GPa"),
        (("--shell-nu", 0.5), "--shell-nu"),
        (("--shell-thickness-nm", -2), "--shell-thickness-nm"),
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
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--pore-radius-nm" in err
    assert not (tmp_path / "x").exists()


def test_pore_cell_hole_json(run_cli):
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 100, "--pore-radius-nm", 5, "--E-GPa", 100,
                             "--nu", 0.3, "--eigenstrain", 0.01, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["pore_hoop_mean_GPa"] == pytest.approx(-5.0, rel=0.02)  # 2 x (-100*0.01/0.4)


def test_voxel_cli_npy(run_cli, tmp_path):
    np.save(tmp_path / "v.npy", np.ones((4, 4, 4), dtype=np.int8))
    code, out, err = run_cli("stress", "voxel", tmp_path / "v.npy", "--E-GPa", 1, "--nu", 0.25,
                             "--eigenstrain", 0.01, "--json", "--out", tmp_path / "o")
    assert code == 0, err
    assert json.loads(out)["solid_mean_hydrostatic_GPa"] == pytest.approx(-0.02, rel=1e-9)
    assert (tmp_path / "o" / "voxel_von_mises.png").exists()
    code, out, err = run_cli("stress", "voxel", tmp_path / "missing.npy", "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("h", ["-1", "0", "nan", "inf"])
def test_voxel_size_refused_in_one_line(run_cli, tmp_path, h):
    np.save(tmp_path / "v.npy", np.ones((4, 4, 4), dtype=np.int8))
    code, out, err = run_cli("stress", "voxel", tmp_path / "v.npy", "--voxel-size-nm", h, "--json")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "--voxel-size-nm" in err


def test_pore_cell_free_is_stress_free_and_reports_the_mesh_check(run_cli):
    # generalized plane strain, free axially: no sigma_zz artefact; the run checks itself at 2n elements
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 100, "--pore-radius-nm", 30, "--bc", "free",
                             "--n-angle", 6, "--n-radial", 6, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["von_mises_max_GPa"] < 1e-9 and d["out_of_plane"] == "generalized plane strain (zero axial force)"
    assert d["converged"] is True and d["mesh_check"]["refined_n_angle"] == 12
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 100, "--pore-radius-nm", 5, "--bc", "free",
                             "--diffusion", "--Dt-over-l2", "0.002", "--n-angle", 4, "--n-radial", 4, "--json")
    assert code == 0, err
    assert json.loads(out)["note"].startswith("not converged at D t / l^2 = 0.002")
    code, out, err = run_cli("stress", "pore-cell", "--cell-size-nm", 100, "--pore-radius-nm", 5, "--axial", "loose")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "axial" in err


def test_voxel_non_convergence_exits_2_one_line(run_cli, tmp_path, monkeypatch):
    # the library's ConvergenceError (a 2-iteration limit forced on the real solver) reaches the user as one line
    np.save(tmp_path / "p.npy", sphere_pore_image(8, 0.25))
    monkeypatch.setattr(stress_cli, "solve_voxel", functools.partial(solve_voxel, max_iter=2))
    code, out, err = run_cli("stress", "voxel", tmp_path / "p.npy", "--E-GPa", 1, "--nu", 0.25, "--json",
                             "--out", tmp_path / "o")
    assert code == 2 and out == "" and not (tmp_path / "o").exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "did not converge in 2 iterations" in lines[0] and "Traceback" not in err


SPHERE_KEYS = ["material", "lithiated_phase", "E_GPa", "nu", "partial_molar_volume_cm3_mol", "diffusivity_cm2_s", "radius_nm",
               "profiles_Dt_over_R2", "limitations"]


def test_sphere_json_fields(run_cli, tmp_path):
    code, out, err = run_cli("stress", "sphere", "--json", "--out", tmp_path / "p")
    assert code == 0, err
    assert list(json.loads(out)) == ["mode", "center_tension_peak_GPa", "center_tension_peak_factor", "peak_Dt_over_R2",
                                     "peak_time_s", "surface_hoop_initial_GPa", *SPHERE_KEYS, "provenance"]  # issue #18
    assert (tmp_path / "p" / "sphere_profiles.png").stat().st_size > 1000
    code, out, err = run_cli("stress", "sphere", "--mode", "galvanostatic", "--material", "Ge", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert list(d) == ["mode", "steady_center_tension_GPa", "steady_surface_hoop_GPa", "time_to_steady_s", *SPHERE_KEYS,
                       "provenance"]
    assert d["material"] == "Ge" and d["steady_surface_hoop_GPa"] == -d["steady_center_tension_GPa"]
    code, out, err = run_cli("stress", "sphere", "--mode", "pulsed", "--json")
    assert code == 2 and err.strip().startswith("error: --mode = 'pulsed'")


@pytest.mark.parametrize("host", ["Si", "Ge", "Sn", "Sb", "Al", "SiO", "graphite"])
def test_sphere_omega_agrees_with_materials_json(run_cli, host):
    # issue 19: `materials --json` and `stress sphere --material X --json` report the same Omega,
    # (V_lith - V_host)/x of the same phase (hand numbers per host in tests/mechanics/test_mech_materials_table.py)
    code, out, err = run_cli("materials", "--json")
    assert code == 0, err
    row = {r["name"]: r for r in json.loads(out)}[host]
    by_hand = (row["lithiated_molar_volume_cm3_mol"] - row["molar_mass_g_mol"] / row["density_g_cm3"]) / row["li_per_host"]
    code, out, err = run_cli("stress", "sphere", "--material", host, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["lithiated_phase"] == row["lithiated_phase"]
    assert d["partial_molar_volume_cm3_mol"] == pytest.approx(row["partial_molar_volume_cm3_mol"], rel=0.01)
    assert d["partial_molar_volume_cm3_mol"] == pytest.approx(by_hand, rel=1e-9)


def test_sphere_lithiated_phase_option(run_cli):
    code, out, err = run_cli("stress", "sphere", "--material", "Si", "--lithiated-phase", "Li22Si5", "--json")
    assert code == 0, err
    assert json.loads(out)["partial_molar_volume_cm3_mol"] == pytest.approx((18.75**3 / 80 * 0.602214076 - 28.0855 / 2.329) / 4.4)
    code, out, err = run_cli("stress", "sphere", "--material", "Si", "--lithiated-phase", "Li17Ge4", "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Li15Si4" in err


def test_shell_optimum_json_fields(run_cli):
    code, out, err = run_cli("stress", "shell-optimum", "--oxide-thickness-nm", 2, "--max-thickness-nm", 50, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert list(d) == ["best_shell_thickness_nm", "best_theta_limit", "best_capacity_mAh_g", "best_si_to_c_mass_ratio",
                       "c_per_si_mass", "si_to_c", "theta_at_cross", "on_bound", "note", "optimum", "beta",
                       "shell_strength_GPa", "core_pressure_limit_GPa", "compressive_criterion", "core_material",
                       "shell_material", "oxide_thickness_nm", "limitations",
                       "provenance"]  # provenance: issue #18
    assert d["shell_strength_GPa"] == 2.0 and d["oxide_thickness_nm"] == 2.0  # table strength of amorphous carbon
    # default compressive limit: Omega p = F dE with dE = 0.1 V and Omega(Si) = 9.028 cm3/mol -> 1.0687 GPa
    assert d["core_pressure_limit_GPa"] == pytest.approx(96485.33212 * 0.1 / ((45.916 - 28.0855 / 2.329) / 3.75) * 1e-3)


def test_shell_optimum_cross_point_scale_invariant_and_flagged_bounds(run_cli, tmp_path):
    # Kim & Cho's tensile limit (40 GPa) with a compressive limit of 22 GPa: the cross-point at Si:C = 1:0.977
    # (S/P = 1.82; the review gives no P, so this is the back-calculated P - see docs/mechanics.md)
    args = ["stress", "shell-optimum", "--shell-strength-GPa", 40, "--core-pressure-limit-GPa", 22, "--json"]
    code, out, err = run_cli(*args, "--core-radius-nm", 50, "--out", tmp_path / "o")
    assert code == 0, err
    d50 = json.loads(out)
    assert d50["c_per_si_mass"] == pytest.approx(0.977, rel=0.10) and d50["on_bound"] is False
    assert (tmp_path / "o" / "shell_optimum.png").stat().st_size > 1000
    scan = json.loads((tmp_path / "o" / "result.json").read_text())["scan"]
    assert set(scan) >= {"theta_tension", "theta_compression", "shell_thickness_nm"}
    code, out, err = run_cli(*args, "--core-radius-nm", 500, "--max-thickness-nm", 2000)
    d500 = json.loads(out)
    assert d500["best_si_to_c_mass_ratio"] == pytest.approx(d50["best_si_to_c_mass_ratio"], rel=1e-6)
    # a 10 nm SiO2 inner shell under a 1.07 GPa limit: the cross-point is below the 0.5 nm minimum -> flagged
    code, out, err = run_cli("stress", "shell-optimum", "--shell-strength-GPa", 40, "--oxide-thickness-nm", 10, "--json")
    d = json.loads(out)
    assert code == 0 and d["on_bound"] is True and d["best_shell_thickness_nm"] == 0.5 and "NOT an optimum" in d["note"]
    code, out, err = run_cli("stress", "shell-optimum", "--core-pressure-limit-GPa", 1, "--driving-force-V", 0.1)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--driving-force-V" in err


def test_contact_cli_json_and_png(run_cli, tmp_path):
    code, out, err = run_cli("stress", "contact", "--core-radius-nm", 50, "--shell-thickness-nm", 10,
                             "--eigenstrain", 0.01, "--contact-mesh-nm", 0.5, "--json", "--out", tmp_path / "c")
    assert code == 0, err
    d = json.loads(out)
    assert d["peak_at"] == "C-C contact"
    assert d["contact_pressure_max_GPa"] > d["interface_pressure_max_GPa"] > 0
    assert d["limitations"].startswith("frictionless contact of identical particles")
    assert (tmp_path / "c" / "contact_von_mises_zoom.png").stat().st_size > 1000
    assert json.loads((tmp_path / "c" / "result.json").read_text())["contact_force_nN"] == pytest.approx(
        d["contact_force_nN"])
    code, out, err = run_cli("stress", "contact", "--shell-E-GPa", -5, "--json", "--out", tmp_path / "bad")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--shell-E-GPa" in err
    assert out == "" and not (tmp_path / "bad").exists()
