"""Compliant-matrix particle model: Lamé by hand, the rigid and soft limits, conservation (issue 19 item 5)."""

import numpy as np
import pytest

from alloypore.errors import SpecError
from alloypore.particle import evaluate_particle, volume_budget
from alloypore.particle.compliant import (
    MatrixMechanics,
    bulk_shear_GPa,
    core_compliance_per_GPa,
    elastic_growth_cm3_g,
    hill_average,
    hoop_stress_GPa,
    matrix_mechanics,
    matrix_pressure_GPa,
    pores_used_cm3_g,
)

BETA_SI = 45.916 / (28.0855 / 2.329) - 1.0  # 2.8076 (Li15Si4)
W_SI = 0.5257  # PC/Np-Si: (2000 - 250) / (3578.6 - 250), review Table 1 capacity


def spec(porosity, model="compliant", w=W_SI):
    return {"phases": [{"material": "Si", "mass_fraction": w}, {"material": "amorphous_carbon", "mass_fraction": 1 - w}],
            "porosity": porosity, "expansion_model": model}


def _mech(K, G, sigma=1.0):
    return MatrixMechanics(np.asarray(K), np.asarray(G), np.asarray(sigma), np.asarray(0.2), np.asarray(0.2), ("C",), ("Si",))


def test_core_compliance_is_lame_for_a_thick_sphere_under_internal_pressure():
    # Timoshenko & Goodier: u(b) = p b [(1 + nu) c^3 + 2 (1 - 2 nu) b^3] / (2 E (c^3 - b^3)); dV/V = 3 u(b)/b
    E, nu = 100.0, 0.3
    K, G = bulk_shear_GPa(E, nu)
    assert (K, G) == pytest.approx((100 / 1.2, 100 / 2.6))
    for f in (0.05, 0.3, 0.6, 0.9):
        b3, c3 = f, 1.0
        hand = 3 * ((1 + nu) * c3 + 2 * (1 - 2 * nu) * b3) / (2 * E * (c3 - b3))
        assert float(core_compliance_per_GPa(f, K, G)) == pytest.approx(hand, rel=1e-12)
    # a cavity in an infinite body: 3/(4G); no matrix: infinitely compliant
    assert float(core_compliance_per_GPa(0.0, K, G)) == pytest.approx(0.75 / G)
    assert np.isinf(core_compliance_per_GPa(1.0, K, G))
    # hoop stress at the bore of a thick sphere: p (c^3 + 2 b^3) / (2 (c^3 - b^3))
    assert float(hoop_stress_GPa(1.0, 0.5)) == pytest.approx((1 + 1.0) / (2 * 0.5))


def test_rigid_matrix_recovers_pores_first_and_soft_matrix_free_expansion():
    g = np.linspace(0.0, 1.0, 101)
    cap = 0.4
    rigid = pores_used_cm3_g(g, elastic_growth_cm3_g(0.6, 1.0, _mech(1e12, 1e12)), cap)
    np.testing.assert_allclose(rigid, np.minimum(g, cap), atol=1e-10)  # pores first
    soft = pores_used_cm3_g(g, elastic_growth_cm3_g(0.6, 1.0, _mech(1e-12, 1e-12)), cap)
    np.testing.assert_allclose(soft, 0.0, atol=1e-12)  # everything outward: free expansion


def test_hill_average_by_hand():
    # two phases 50/50 with K 10 and 30: Voigt 20, Reuss 15, Hill 17.5
    assert float(hill_average([0.5, 0.5], [10.0, 30.0])) == pytest.approx(17.5)
    assert float(hill_average([1.0], [42.0])) == pytest.approx(42.0)


def test_elastic_growth_of_a_porous_si_c_particle_by_hand():
    eps = 0.6
    v_a, v_m = W_SI / 2.329, (1 - W_SI) / 2.0
    v_s = v_a + v_m
    v_p = eps * v_s / (1 - eps)
    v_env = v_s + v_p
    f = (v_a + v_p) / v_env
    K, G = 100 / 1.2, 100 / 2.6  # amorphous carbon E = 100 GPa, nu = 0.3 (mechanics table)
    c = (f / K + 0.75 / G) / (1 - f)
    g_el = 1.0 * c * (v_a + v_p)  # lithiated Si flow stress 1.0 GPa
    d_v = W_SI * BETA_SI / 2.329
    assert g_el == pytest.approx(0.13037, abs=1e-4)
    assert d_v < g_el + v_p  # the pores are not used up: out = g_el
    p = evaluate_particle(spec(eps))
    assert float(p.matrix_elastic_growth_cm3_g) == pytest.approx(g_el, rel=1e-9)
    assert float(p.volume_expansion_pct) == pytest.approx(100 * g_el / v_env, rel=1e-9)  # 11.3 %
    assert float(evaluate_particle(spec(eps, "pores_first")).volume_expansion_pct) == 0.0
    # pressure on the matrix at full lithiation: sigma_y, the active phase is flowing into the pores
    mech = matrix_mechanics(["Si", "amorphous_carbon"], [W_SI, 1 - W_SI], [2.329, 2.0])
    assert float(matrix_pressure_GPa(d_v, v_a + v_p, v_env, v_p, mech)) == pytest.approx(1.0)
    assert float(matrix_pressure_GPa(0.5 * g_el, v_a + v_p, v_env, v_p, mech)) == pytest.approx(0.5)


def test_when_pores_run_out_both_models_agree():
    """The bound out(1) >= dV - v_p: at PC/Np-Si's ~20 % porosity both give 89.5 % (review ref. 70: 60.6 %)."""
    pf, cm = evaluate_particle(spec(0.2, "pores_first")), evaluate_particle(spec(0.2))
    v_s = W_SI / 2.329 + (1 - W_SI) / 2.0
    v_p = 0.25 * v_s
    hand = 100 * (W_SI * BETA_SI / 2.329 - v_p) / (v_s + v_p)
    assert float(pf.volume_expansion_pct) == pytest.approx(hand, rel=1e-9)
    assert hand == pytest.approx(89.5, abs=0.1)
    assert float(cm.volume_expansion_pct) == pytest.approx(hand, rel=1e-9)
    # compliant >= pores first everywhere
    eps = np.linspace(0.05, 0.85, 17)
    for e in eps:
        assert float(evaluate_particle(spec(e)).volume_expansion_pct) >= float(
            evaluate_particle(spec(e, "pores_first")).volume_expansion_pct) - 1e-12


def test_compliant_budget_conserves_volume_along_lithiation():
    p = evaluate_particle({**spec(0.6), "closed_pore_fraction": 0.3})
    b = volume_budget(p, np.linspace(0, 1, 41))
    left = b.open_pore_volume_cm3_g + b.closed_pore_volume_cm3_g
    np.testing.assert_allclose(b.envelope_volume_cm3_g, b.solid_volume_cm3_g + left, rtol=1e-12)
    g_el = float(p.matrix_elastic_growth_cm3_g)
    grow = b.theta * float(p.solid_growth_cm3_g)
    np.testing.assert_allclose(b.outward_growth_cm3_g, np.minimum(grow, g_el), rtol=1e-12)  # stage 1, then 2


def test_compliant_needs_a_matrix_and_mechanics_rows():
    with pytest.raises(SpecError) as e:
        evaluate_particle({"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.5,
                           "expansion_model": "compliant"})
    assert "matrix phase" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(SpecError) as e:
        evaluate_particle({"phases": [{"material": "Si", "mass_fraction": 0.9}, {"material": "binder", "mass_fraction": 0.1}],
                           "porosity": 0.5, "expansion_model": "compliant"})
    assert str(e.value).startswith("particle.phases.1.material = 'binder'") and "\n" not in str(e.value)
