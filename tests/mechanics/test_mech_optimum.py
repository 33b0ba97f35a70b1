"""Stress-limited design vs hand calculations and an independent maximisation."""

import numpy as np
import pytest
from scipy.optimize import brentq

from alloypore.errors import InputError
from alloypore.mechanics import (
    ActiveCore,
    CoreShell,
    ElasticMaterial,
    ShellLayer,
    core_pressure_limit_from_potential,
    core_shell_stress,
    shell_design_from_table,
    shell_optimum,
    stress_limited_fraction,
)

SI, C = ElasticMaterial(80, 0.22), ElasticMaterial(100, 0.3)


def test_stress_limited_fraction_by_hand():
    # hoop at r = a per unit eps* is 0.91696/0.01 = 91.696 GPa; strength 2 GPa -> eps_lim = 0.021811
    # theta = ((1 + eps)^3 - 1)/beta with beta = 2.8: (1.021811^3 - 1)/2.8 = 0.066851/2.8 = 0.023875
    res = stress_limited_fraction(ActiveCore(50, SI, 2.8), [ShellLayer(C, 2.0, thickness_nm=10)])
    eps_lim = 2.0 / (core_shell_stress(CoreShell(50, 10, SI, C), 0.01).shell_hoop_inner_GPa / 0.01)
    assert res["eigenstrain_limit"] == pytest.approx(eps_lim, rel=1e-8)
    assert res["theta_limit"] == pytest.approx(((1 + eps_lim) ** 3 - 1) / 2.8, rel=1e-10)
    assert res["limited_by"] == "shell1_tension"


def test_core_pressure_limit_by_hand():
    # interface pressure per unit eps* = 0.358127/0.01 = 35.8127 GPa; a 0.5 GPa core limit stops at
    # eps* = 0.5/35.8127 = 0.0139615, before the (strong, 40 GPa) shell cracks
    res = stress_limited_fraction(ActiveCore(50, SI, 2.8), [ShellLayer(C, 40.0, thickness_nm=10)],
                                  core_pressure_limit_GPa=0.5)
    assert res["limited_by"] == "core_compression"
    assert res["eigenstrain_limit"] == pytest.approx(0.5 / 35.8127, rel=1e-5)


def _cross_by_hand(a, S, P, Ec=80.0, nc=0.22, Es=100.0, ns=0.3):
    """Cross-point written out independently: two-layer Lame closed form, scipy brentq on h directly.

    p/eps = 1/[(1-2nc)/Ec + ((1-2ns) a^3 + (1+ns) b^3/2)/(Es (b^3-a^3))], hoop(a)/eps = p a^3 (1 + b^3/(2a^3))/(b^3-a^3);
    tensile limit eps_t = S/hoop, compressive limit eps_c = P/p; cross where eps_t = eps_c.
    """
    def per_eps(h):
        b3, a3 = (a + h) ** 3, a**3
        p = 1 / ((1 - 2 * nc) / Ec + ((1 - 2 * ns) * a3 + (1 + ns) * b3 / 2) / (Es * (b3 - a3)))
        return p, p * a3 * (1 + b3 / (2 * a3)) / (b3 - a3)

    h = brentq(lambda h: S / per_eps(h)[1] - P / per_eps(h)[0], 1e-4 * a, 100 * a, xtol=1e-14, rtol=1e-15)
    eps = P / per_eps(h)[0]
    return h, eps, 2.0 * ((a + h) ** 3 - a**3) / (2.33 * a**3)  # C/Si mass (a-C 2.0, Si 2.33 g/cm3)


def _core(a=50.0):
    return ActiveCore(a, SI, 2.8, capacity_mAh_g=3579, density_g_cm3=2.33, partial_molar_volume_cm3_mol=9.03)


def test_cross_point_matches_an_independent_root_and_the_usable_capacity():
    # Kim & Cho's criterion with a 40 GPa carbon limit and a 22 GPa core limit: the cross-point by hand
    h, eps, c_per_si = _cross_by_hand(50.0, 40.0, 22.0)
    res = shell_optimum(_core(), ShellLayer(C, 40.0, density_g_cm3=2.0, capacity_mAh_g=250), core_pressure_limit_GPa=22.0)
    assert not res.on_bound and "inside" in res.note
    assert res.best_shell_thickness_nm == pytest.approx(h, rel=1e-9)
    theta = ((1 + eps) ** 3 - 1) / 2.8
    assert res.theta_at_cross == pytest.approx(theta, rel=1e-9) and res.best_theta_limit == pytest.approx(min(1, theta))
    assert 1 / res.best_si_to_c_mass_ratio == pytest.approx(c_per_si, rel=1e-9)
    # S/P = 40/22 = 1.82 puts the cross-point at Kim & Cho's 1:0.977 (a back-calculation: the review gives no P)
    assert c_per_si == pytest.approx(0.977, abs=0.002)
    m_si, m_c = 2.33 * 50**3, 2.0 * ((50 + h) ** 3 - 50**3)
    assert res.best_capacity_mAh_g == pytest.approx((m_si * min(1, theta) * 3579 + m_c * 250) / (m_si + m_c), rel=1e-9)
    s = res.summary()
    assert s["si_to_c"] == f"1:{c_per_si:.3f}" and s["core_pressure_limit_GPa"] == 22.0 and s["on_bound"] is False
    # the scan: the tensile limit rises, the compressive limit falls with the shell thickness, they cross at h
    assert np.all(np.diff(res.theta_tension) > 0) and np.all(np.diff(res.theta_compression) < 0)
    k = np.searchsorted(res.shell_thickness_nm, h)
    assert res.limited_by[k - 1] == "shell_tension" and res.limited_by[k] == "core_compression"
    assert len(res.plot().axes) == 1


def test_cross_point_is_scale_invariant_to_1e_6():
    shell = ShellLayer(C, 40.0, density_g_cm3=2.0)
    r50 = shell_optimum(_core(50.0), shell, core_pressure_limit_GPa=22.0, thickness_range_nm=(0.5, 200))
    r500 = shell_optimum(_core(500.0), shell, core_pressure_limit_GPa=22.0, thickness_range_nm=(0.5, 2000))
    assert r500.best_si_to_c_mass_ratio == pytest.approx(r50.best_si_to_c_mass_ratio, rel=1e-6)
    assert r500.best_shell_thickness_nm == pytest.approx(10 * r50.best_shell_thickness_nm, rel=1e-6)
    # an inert inner layer scaled with the core keeps the invariance
    ox = ElasticMaterial(73, 0.17)
    a = shell_optimum(_core(50.0), shell, ShellLayer(ox, 1.0, thickness_nm=2.0, density_g_cm3=2.2), 30.0)
    b = shell_optimum(_core(500.0), shell, ShellLayer(ox, 1.0, thickness_nm=20.0, density_g_cm3=2.2), 30.0,
                      thickness_range_nm=(5, 2000))
    assert b.best_si_to_c_mass_ratio == pytest.approx(a.best_si_to_c_mass_ratio, rel=1e-6)


@pytest.mark.parametrize("P, rng, bound", [(0.05, (0.5, 200), 0.5), (39.0, (0.5, 5), 5.0)])
def test_cross_point_outside_the_range_is_flagged_not_returned_as_optimum(P, rng, bound):
    # P tiny: the core's compressive limit binds even for the thinnest shell; P large with a short range:
    # the shell's tensile limit binds up to the thickest one
    res = shell_optimum(_core(), ShellLayer(C, 40.0, density_g_cm3=2.0), core_pressure_limit_GPa=P, thickness_range_nm=rng)
    assert res.on_bound and res.best_shell_thickness_nm == bound and res.note.startswith("NOT an optimum")
    assert res.summary()["on_bound"] is True


def test_compressive_limit_from_the_driving_force_by_hand():
    # Omega p = F dE: P = 96485.33 C/mol * 0.1 V / 9.03e-6 m3/mol = 1.0685e9 Pa (93.6 mV per GPa)
    assert core_pressure_limit_from_potential(0.1, 9.03) == pytest.approx(96485.33212 * 0.1 / 9.03e-6 / 1e9, rel=1e-12)
    res = shell_optimum(_core(), ShellLayer(C, 2.0, density_g_cm3=2.0), driving_force_V=0.1)
    h, _, c_per_si = _cross_by_hand(50.0, 2.0, 96485.33212 * 0.1 / 9.03e-6 / 1e9)
    assert res.best_shell_thickness_nm == pytest.approx(h, rel=1e-9) and "Larche-Cahn" in res.compressive_criterion
    assert 1 / res.best_si_to_c_mass_ratio == pytest.approx(c_per_si, rel=1e-9)


@pytest.mark.parametrize("kw, field", [({}, "core_pressure_limit_GPa"),
                                        ({"core_pressure_limit_GPa": 1.0, "driving_force_V": 0.1}, "driving_force_V"),
                                        ({"driving_force_V": -0.1}, "driving_force_V"),
                                        ({"core_pressure_limit_GPa": 1.0, "thickness_range_nm": (5, 1)}, "thickness_range_nm")])
def test_shell_optimum_one_line_errors(kw, field):
    with pytest.raises(InputError) as err:
        shell_optimum(_core(), ShellLayer(C, 40.0, density_g_cm3=2.0), **kw)
    assert str(err.value).startswith(field + " = ") and "\n" not in str(err.value)
    with pytest.raises(InputError, match="core_partial_molar_volume_cm3_mol"):
        shell_optimum(ActiveCore(50, SI, 2.8, 3579, 2.33), ShellLayer(C, 40.0, density_g_cm3=2.0), driving_force_V=0.1)


def test_inner_oxide_is_dead_mass_by_hand():
    # a 2 nm SiO2 layer below the carbon adds rho_ox ((a+t)^3 - a^3) of dead mass and moves the carbon out to
    # r_in = a + t: at the scan point h, Q = m_core theta Q_core / (m_core + m_shell + m_ox), theta the lower limit
    ox = ShellLayer(ElasticMaterial(73, 0.17), 40.0, thickness_nm=2.0, density_g_cm3=2.2)
    core = _core()
    res = shell_optimum(core, ShellLayer(C, 40.0, density_g_cm3=2.0), inner_shell=ox, core_pressure_limit_GPa=30.0,
                        thickness_range_nm=(5, 20), n=3)
    h = res.shell_thickness_nm[1]
    m_core, m_ox, m_c = 2.33 * 50**3, 2.2 * (52**3 - 50**3), 2.0 * ((52 + h) ** 3 - 52**3)
    # only the outer (carbon) shell's tension counts (Kim & Cho): an unbreakable oxide in the independent route
    strong_ox = ShellLayer(ox.material, 1e9, thickness_nm=2.0)
    theta = stress_limited_fraction(core, [strong_ox, ShellLayer(C, 40.0, thickness_nm=h)],
                                    core_pressure_limit_GPa=30.0)["theta_limit"]
    assert res.usable_capacity_mAh_g[1] == pytest.approx(m_core * theta * 3579 / (m_core + m_c + m_ox), rel=1e-12)


def test_shell_design_from_table_uses_the_tables():
    # Si core (E 80, nu 0.22, beta 2.81, 3579 mAh/g, 2.329 g/cm3), amorphous carbon shell (a carbon: counts
    # its 250 mAh/g), SiO2 inner layer (inert: 0 mAh/g); strengths from the mechanics table unless given
    d = shell_design_from_table("Si", "amorphous_carbon", 50.0, shell_strength_GPa=40.0, oxide_thickness_nm=2.0)
    assert (d.core.material.E_GPa, d.core.material.nu) == (80.0, 0.22)
    assert d.core.beta == pytest.approx(2.81, abs=0.005) and d.core.capacity_mAh_g == pytest.approx(3579, rel=1e-3)
    assert d.shell.capacity_mAh_g == 250.0 and d.shell.strength_GPa == 40.0 and d.shell.density_g_cm3 == 2.0
    assert d.inner_shell.thickness_nm == 2.0 and d.inner_shell.capacity_mAh_g == 0.0
    assert d.inner_shell.material.E_GPa == 73.0
    # Omega of the core from the materials table: (45.916 - 28.0855/2.329)/3.75 = 9.0283 cm3/mol
    assert d.core.partial_molar_volume_cm3_mol == pytest.approx((45.916 - 28.0855 / 2.329) / 3.75, rel=1e-9)
    d22 = shell_design_from_table("Si", "amorphous_carbon", 50.0, lithiated_phase="Li22Si5")
    assert d22.core.capacity_mAh_g == pytest.approx(4.4 * 96485.33212 / 3.6 / 28.0855, rel=1e-9)
    assert shell_design_from_table("Si", "SiO2", 50.0).shell.capacity_mAh_g == 0.0  # not a carbon
    assert shell_design_from_table("Si", "amorphous_carbon", 50.0).inner_shell is None


@pytest.mark.parametrize("kw, field", [({"beta": -1.0}, "core_beta"), ({"shell_strength_GPa": 0.0}, "shell_strength_GPa"),
                                        ({"oxide_thickness_nm": -2.0}, "oxide_thickness_nm"),
                                        ({"core_radius_nm": 0.0}, "core_radius_nm")])
def test_shell_design_from_table_one_line_errors(kw, field):
    args = {"core_material": "Si", "shell_material": "amorphous_carbon", "core_radius_nm": 50.0, **kw}
    with pytest.raises(InputError) as err:
        shell_design_from_table(**args)
    assert str(err.value).startswith(field + " = ") and "\n" not in str(err.value)


def test_shell_optimum_needs_densities():
    with pytest.raises(InputError) as err:
        shell_optimum(ActiveCore(50, SI, 2.8, 3579), ShellLayer(C, 40.0, density_g_cm3=2.0), core_pressure_limit_GPa=1.0)
    assert "core_density_g_cm3" in str(err.value)
