"""Contact of two core-shell particles: exact frictionless contact vs Hertz, vs Lame, and the Xu 2019 finding."""

import numpy as np
import pytest

from alloypore.errors import ConvergenceError, InputError
from alloypore.mechanics import CoreShell, ElasticMaterial, hertz_contact
from alloypore.mechanics import contact as contact_module
from alloypore.mechanics.contact import contact_zoom_window, core_shell_contact

SI, C = ElasticMaterial(80.0, 0.22), ElasticMaterial(100.0, 0.3)


def test_homogeneous_sphere_on_symmetry_plane_reproduces_hertz():
    # one material (E = 100 GPa, nu = 0.3), R = 100 nm, no eigenstrain; the centre plane is pushed
    # 1 nm towards the contact.  Hertz (a/R ~ 0.1): a = (3 F R/(4 E*))^(1/3), p0 = 3 F/(2 pi a^2).
    R = 100.0
    s = core_shell_contact(CoreShell(60.0, 40.0, C, C), 0.0, approach_nm=1.0).summary()
    H = hertz_contact(s["contact_force_nN"], R, C)
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
    s = core_shell_contact(CoreShell(50.0, 10.0, SI, C), 0.01, approach_nm=-3.0).summary()
    assert s["contact_force_nN"] == 0.0 and s["n_contact_nodes"] == 0
    assert s["interface_pressure_max_GPa"] == pytest.approx(0.358, rel=0.01)
    # free swelling of the surface u(b) = b (1 - nu_s) sigma_t(b)/E_s = 60*0.7*0.738/100 = 0.310 nm
    assert s["free_surface_displacement_nm"] == pytest.approx(60 * 0.7 * 0.7376 / 100, rel=0.01)


@pytest.fixture(scope="module")
def xu_cases():
    # 50 nm Si core, 10 and 20 nm carbon shells, eps* = 0.01, centres held
    return {h: core_shell_contact(CoreShell(50.0, h, SI, C), 0.01).summary() for h in (10.0, 20.0)}


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


@pytest.mark.parametrize("particle, kw, field", [(CoreShell(50.0, 0.0, SI, C), {}, "shell_thickness_nm"),
                                                  (CoreShell(50.0, 10.0, SI, C), {"approach_nm": 20.0}, "approach_nm"),
                                                  (CoreShell(50.0, 10.0, SI, C), {"growth": 3.0}, "growth"),
                                                  (CoreShell(50.0, 10.0, SI, C), {"contact_mesh_nm": 5.0}, "contact_mesh_nm")])
def test_contact_bad_inputs(particle, kw, field):
    with pytest.raises(InputError) as err:
        core_shell_contact(particle, 0.01, **kw)
    assert str(err.value).startswith(field) and "\n" not in str(err.value)


def test_contact_that_does_not_settle_raises_convergence_error(monkeypatch):
    # zero candidate rounds allowed: the Signorini loop cannot finish -> one line, what to change
    monkeypatch.setattr(contact_module, "_MAX_CANDIDATE_ROUNDS", 0)
    with pytest.raises(ConvergenceError) as err:
        core_shell_contact(CoreShell(50.0, 10.0, SI, C), 0.01, contact_mesh_nm=1.0)
    assert "\n" not in str(err.value) and "contact_mesh_nm" in str(err.value)


def test_zoom_window_around_the_contact():
    # h = 10 nm: window max(3 a_c, 1.5 h) wide at the pole (0, b = 60 nm)
    res = core_shell_contact(CoreShell(50.0, 10.0, SI, C), 0.01, contact_mesh_nm=1.0)
    x0, x1, y0, y1 = contact_zoom_window(res)
    w = max(3 * res.summary_values["contact_radius_nm"], 15.0)
    assert (x0, x1) == (0.0, w) and y0 == pytest.approx(60.0 - w) and y1 == pytest.approx(60.0 + 0.05 * w)
    assert np.isfinite(res.stress_GPa["von_mises"]).all()
