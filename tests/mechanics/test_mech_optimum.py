"""Stress-limited design vs hand calculations and an independent maximisation."""

import pytest
from scipy.optimize import minimize_scalar

from alloypore.errors import InputError
from alloypore.mechanics import (
    ActiveCore,
    CoreShell,
    ElasticMaterial,
    ShellLayer,
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


def test_shell_optimum_matches_independent_maximisation():
    # Independent route: two-layer closed form (core_shell_stress, not the N-layer solver), the
    # theta(eps) and mass formulas written out here, maximised with a bounded scalar optimiser.
    beta, strength, a = 2.8, 40.0, 50.0

    def capacity(h):
        hoop_per_eps = core_shell_stress(CoreShell(a, h, SI, C), 0.01).shell_hoop_inner_GPa / 0.01
        eps_lim = min(strength / hoop_per_eps, (1 + beta) ** (1 / 3) - 1)
        theta = ((1 + eps_lim) ** 3 - 1) / beta
        m_core, m_shell = 2.33 * a**3, 2.0 * ((a + h) ** 3 - a**3)
        return 3579 * theta * m_core / (m_core + m_shell)

    opt = minimize_scalar(lambda h: -capacity(h), bounds=(1, 100), method="bounded", options={"xatol": 1e-4})
    core = ActiveCore(a, SI, beta, capacity_mAh_g=3579, density_g_cm3=2.33)
    res = shell_optimum(core, ShellLayer(C, strength, density_g_cm3=2.0), thickness_range_nm=(1, 500), n=800)
    assert res.best_capacity_mAh_g == pytest.approx(-opt.fun, rel=1e-4)
    assert res.best_shell_thickness_nm == pytest.approx(opt.x, rel=0.02)
    # the optimum is interior: thinner shells crack early, thicker ones dilute the Si
    assert 0.2 < res.best_theta_limit < 1.0
    assert res.usable_capacity_mAh_g[0] < res.best_capacity_mAh_g > res.usable_capacity_mAh_g[-1]
    s = res.summary()
    assert s["best_capacity_mAh_g"] == res.best_capacity_mAh_g and s["beta"] == 2.8 and s["shell_strength_GPa"] == 40.0
    assert list(res.scan()) == ["shell_thickness_nm", "theta_limit", "usable_capacity_mAh_g"]
    assert len(res.plot().axes) == 2


def test_inner_oxide_is_dead_mass_by_hand():
    # a 2 nm SiO2 layer (strong, 40 GPa) below the carbon adds rho_ox ((a+t)^3 - a^3) of dead mass and moves
    # the carbon out to r_in = a + t: at the scan point h, Q = m_core theta Q_core / (m_core + m_shell + m_ox)
    ox = ShellLayer(ElasticMaterial(73, 0.17), 40.0, thickness_nm=2.0, density_g_cm3=2.2)
    core = ActiveCore(50, SI, 2.8, capacity_mAh_g=3579, density_g_cm3=2.33)
    res = shell_optimum(core, ShellLayer(C, 40.0, density_g_cm3=2.0), inner_shell=ox, thickness_range_nm=(5, 20), n=3)
    h = res.shell_thickness_nm[1]
    m_core, m_ox, m_c = 2.33 * 50**3, 2.2 * (52**3 - 50**3), 2.0 * ((52 + h) ** 3 - 52**3)
    theta = stress_limited_fraction(core, [ox, ShellLayer(C, 40.0, thickness_nm=h)])["theta_limit"]
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
        shell_optimum(ActiveCore(50, SI, 2.8, 3579), ShellLayer(C, 40.0, density_g_cm3=2.0))
    assert "core_density_g_cm3" in str(err.value)
