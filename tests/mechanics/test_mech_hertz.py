"""Hertz contact vs a hand calculation."""

import pytest

from alloypore.mechanics import ElasticMaterial, hertz_contact


def test_hertz_closed_form_by_hand():
    # sphere R = 50 nm on a rigid plane, E = 100 GPa, nu = 0.3, F = 100 nN (GPa nm^2)
    # E* = 100/(1 - 0.09) = 109.890 GPa; a^3 = 3*100*50/(4*109.890) = 34.125 nm^3 -> a = 3.2436 nm
    # p0 = 3*100/(2 pi 3.2436^2) = 4.5383 GPa; delta = a^2/R = 0.21042 nm
    c = ElasticMaterial(100.0, 0.3)
    h = hertz_contact(100.0, 50.0, c)
    assert h.contact_radius_nm == pytest.approx(3.2436, rel=1e-4)
    assert h.peak_pressure_GPa == pytest.approx(4.5383, rel=1e-4)
    assert h.approach_nm == pytest.approx(0.21042, rel=1e-4)
    # two identical spheres: R* = R/2, E* = E/(2(1 - nu^2)) -> same a and p0 as one sphere on a rigid plane
    two = hertz_contact(100.0, 50.0, c, radius2_nm=50.0, material2=c)
    assert two.contact_radius_nm == pytest.approx(h.contact_radius_nm, rel=1e-12)
    assert two.approach_nm == pytest.approx(2 * h.approach_nm, rel=1e-12)
