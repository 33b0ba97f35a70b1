"""Contact of two core-shell particles: exact frictionless contact vs Hertz, vs Lame, and the Xu 2019 finding."""

import json

import pytest

from alloypore.errors import InputError
from alloypore.mechanics.analytic import hertz_contact
from alloypore.mechanics.contact import core_shell_contact


def test_hertz_closed_form_by_hand():
    # sphere R = 50 nm on a rigid plane, E = 100 GPa, nu = 0.3, F = 100 nN (GPa nm^2)
    # E* = 100/(1 - 0.09) = 109.890 GPa; a^3 = 3*100*50/(4*109.890) = 34.125 nm^3 -> a = 3.2436 nm
    # p0 = 3*100/(2 pi 3.2436^2) = 4.5383 GPa; delta = a^2/R = 0.21042 nm
    h = hertz_contact(100.0, 50.0, 100.0, 0.3)
    assert h.contact_radius_nm == pytest.approx(3.2436, rel=1e-4)
    assert h.peak_pressure_GPa == pytest.approx(4.5383, rel=1e-4)
    assert h.approach_nm == pytest.approx(0.21042, rel=1e-4)
    # two identical spheres: R* = R/2, E* = E/(2(1 - nu^2)) -> same a and p0 as one sphere on a rigid plane
    two = hertz_contact(100.0, 50.0, 100.0, 0.3, radius2_nm=50.0, E2_GPa=100.0)
    assert two.contact_radius_nm == pytest.approx(h.contact_radius_nm, rel=1e-12)
    assert two.approach_nm == pytest.approx(2 * h.approach_nm, rel=1e-12)


def test_homogeneous_sphere_on_symmetry_plane_reproduces_hertz():
    # one material (E = 100 GPa, nu = 0.3), R = 100 nm, no eigenstrain; the centre plane is pushed
    # 1 nm towards the contact.  Hertz (a/R ~ 0.1): a = (3 F R/(4 E*))^(1/3), p0 = 3 F/(2 pi a^2).
    R = 100.0
    s = core_shell_contact(60.0, 40.0, 0.0, 100.0, 0.3, 100.0, 0.3, approach_nm=1.0).summary()
    H = hertz_contact(s["contact_force_nN"], R, 100.0, 0.3)
    assert 0.05 < s["contact_radius_over_R"] < 0.15
    assert s["contact_radius_nm"] == pytest.approx(H.contact_radius_nm, rel=0.03)
    assert s["contact_pressure_max_GPa"] == pytest.approx(H.peak_pressure_GPa, rel=0.02)
    # Hertz's approach for this force is close to the imposed one (the rest is the hemisphere's bulk compliance)
    assert H.approach_nm == pytest.approx(1.0, rel=0.06)
    # half-space theory (Johnson eq. 3.45 on the axis, nu = 0.3): peak von Mises = sigma_r - sigma_z = 0.620 p0
    # at depth 0.481 a.  The finite sphere (a/R = 0.1) sits 3 % below (mesh-converged: 0.601 p0 with
    # 21k and 51k unknowns; 0.609 p0 at a/R = 0.05), hence 5 %.
    assert s["von_mises_max_GPa"] == pytest.approx(0.620 * H.peak_pressure_GPa, rel=0.05)
    depth = R - s["von_mises_max_location_nm"][1]
    assert depth == pytest.approx(0.481 * H.contact_radius_nm, rel=0.15)


def test_gap_means_free_core_shell_lame():
    # a 3 nm gap exceeds the free swelling (~0.31 nm): no contact, and the particle is the free core-shell
    # (issue case a = 50, h = 10, eps* = 0.01, Si 80/0.22, C 100/0.3: interface pressure 0.358 GPa)
    s = core_shell_contact(50.0, 10.0, 0.01, 80.0, 0.22, 100.0, 0.3, approach_nm=-3.0).summary()
    assert s["contact_force_nN"] == 0.0 and s["n_contact_nodes"] == 0
    assert s["interface_pressure_max_GPa"] == pytest.approx(0.358, rel=0.01)
    # free swelling of the surface u(b) = b (1 - nu_s) sigma_t(b)/E_s = 60*0.7*0.738/100 = 0.310 nm
    assert s["free_surface_displacement_nm"] == pytest.approx(60 * 0.7 * 0.7376 / 100, rel=0.01)


@pytest.fixture(scope="module")
def xu_cases():
    # 50 nm Si core, 10 and 20 nm carbon shells, eps* = 0.01, centres held
    return {h: core_shell_contact(50.0, h, 0.01, 80.0, 0.22, 100.0, 0.3).summary() for h in (10.0, 20.0)}


def test_cc_contact_carries_the_peak_for_a_10nm_shell(xu_cases):
    s = xu_cases[10.0]
    assert s["peak_at"] == "C-C contact"
    assert s["cc_contact_von_mises_max_GPa"] > 1.3 * s["interface_von_mises_max_GPa"]
    # and the contact makes the interface worse than in an isolated particle (Lame p = 0.358 GPa)
    assert s["interface_pressure_max_GPa"] > 2 * s["isolated_interface_pressure_GPa"]


def test_thicker_shell_reduces_contact_stress(xu_cases):
    thin, thick = xu_cases[10.0], xu_cases[20.0]
    assert thick["contact_pressure_max_GPa"] < 0.85 * thin["contact_pressure_max_GPa"]
    assert thick["cc_contact_von_mises_max_GPa"] < 0.85 * thin["cc_contact_von_mises_max_GPa"]
    assert thick["interface_von_mises_max_GPa"] < thin["interface_von_mises_max_GPa"]


@pytest.mark.parametrize("kw, field", [({"shell_thickness_nm": -1.0}, "shell_thickness_nm"),
                                        ({"shell_nu": 0.5}, "shell_nu"),
                                        ({"approach_nm": 20.0}, "approach_nm")])
def test_contact_bad_inputs(kw, field):
    args = dict(core_radius_nm=50.0, shell_thickness_nm=10.0, eigenstrain=0.01, core_E_GPa=80.0, core_nu=0.22,
                shell_E_GPa=100.0, shell_nu=0.3)
    args.update(kw)
    with pytest.raises(InputError) as err:
        core_shell_contact(**args)
    assert field in str(err.value)


def test_contact_cli_json_and_png(run_cli, tmp_path):
    code, out, err = run_cli("stress", "contact", "--core-radius-nm", 50, "--shell-thickness-nm", 10,
                             "--eigenstrain", 0.01, "--contact-mesh-nm", 0.5, "--json", "--out", tmp_path / "c")
    assert code == 0, err
    d = json.loads(out)
    assert d["peak_at"] == "C-C contact"
    assert d["contact_pressure_max_GPa"] > d["interface_pressure_max_GPa"] > 0
    assert (tmp_path / "c" / "contact_von_mises_zoom.png").stat().st_size > 1000
    assert json.loads((tmp_path / "c" / "result.json").read_text())["contact_force_nN"] == pytest.approx(
        d["contact_force_nN"])
    code, out, err = run_cli("stress", "contact", "--shell-E-GPa", -5, "--json", "--out", tmp_path / "bad")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "shell_E_GPa" in err
    assert out == "" and not (tmp_path / "bad").exists()
