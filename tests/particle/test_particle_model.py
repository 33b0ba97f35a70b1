"""Particle model against hand calculations."""

import numpy as np
import pytest

from alloypore.errors import AlloyporeError
from alloypore.materials import get_material
from alloypore.particle import evaluate_particle, volume_budget

SI_C = {
    "phases": [{"material": "Si", "mass_fraction": 0.5}, {"material": "amorphous_carbon", "mass_fraction": 0.5}],
    "porosity": 0.5,
    "closed_pore_fraction": 0.6,
}


def test_densities_and_pore_volumes_by_hand():
    p = evaluate_particle(SI_C)
    v_s = 0.5 / 2.329 + 0.5 / 2.0  # 0.464684 cm3/g
    v_p = v_s * 0.5 / (1 - 0.5)  # porosity 0.5 -> v_p = v_s
    v_closed = 0.6 * v_p
    assert float(p.solid_volume_cm3_g) == pytest.approx(0.464684, abs=1e-6)
    assert float(p.true_density_g_cm3) == pytest.approx(1 / v_s, rel=1e-12)
    assert float(p.skeletal_density_g_cm3) == pytest.approx(1 / (v_s + v_closed))
    assert float(p.skeletal_density_g_cm3) == pytest.approx(1.34500, abs=1e-5)
    assert float(p.envelope_density_g_cm3) == pytest.approx(1.07600, abs=1e-5)
    assert float(p.open_pore_volume_cm3_g) == pytest.approx(0.4 * v_p)
    # capacity: 0.5 * 3578.6 + 0.5 * 250
    assert float(p.capacity_mAh_g) == pytest.approx(0.5 * 3578.63 + 0.5 * 250, rel=1e-4)


def test_pore_volume_input_equals_porosity_input():
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    a = evaluate_particle({**SI_C, "porosity": None, "pore_volume_cm3_g": v_s})
    assert float(a.porosity) == pytest.approx(0.5)


def test_pure_si_porosity_half_expands_outward_90_pct():
    # v_p = v_s; solid grows by beta v_s = 2.8 v_s; pores take v_s; outward 1.8 v_s of envelope 2 v_s = 90 %
    spec = {"phases": [{"material": "Si", "mass_fraction": 1.0, "volume_expansion_pct": 280}], "porosity": 0.5}
    assert float(evaluate_particle(spec).volume_expansion_pct) == pytest.approx(90.0, rel=1e-12)
    # with the crystallographic beta (2.808) it is still ~90 %
    spec["phases"][0].pop("volume_expansion_pct")
    assert float(evaluate_particle(spec).volume_expansion_pct) == pytest.approx(90.0, abs=1.0)


def test_required_porosity_formula():
    ge = {"phases": [{"material": "Ge", "mass_fraction": 1.0}], "expansion_basis": "quoted", "porosity": 0.3}
    assert float(evaluate_particle(ge).required_porosity) == pytest.approx(370 / 470, abs=1e-12)
    # composite: dV = 0.5*beta_Si/rho_Si; eps = dV/(v_s + dV)
    b = get_material("Si").volume_expansion
    dv = 0.5 * b / 2.329
    v_s = 0.5 / 2.329 + 0.5 / 2.0
    assert float(evaluate_particle(SI_C).required_porosity) == pytest.approx(dv / (v_s + dv), rel=1e-12)
    # with accommodation efficiency eta: eps = dV/(eta v_s + dV)
    eta = evaluate_particle({**SI_C, "accommodation_efficiency": 0.5})
    assert float(eta.required_porosity) == pytest.approx(dv / (0.5 * v_s + dv), rel=1e-12)


def test_at_required_porosity_there_is_no_outward_growth():
    req = float(evaluate_particle(SI_C).required_porosity)
    at = evaluate_particle({**SI_C, "porosity": req})
    assert float(at.volume_expansion_pct) == pytest.approx(0.0, abs=1e-9)
    below = evaluate_particle({**SI_C, "porosity": req - 0.05})
    assert float(below.volume_expansion_pct) > 0


def test_volume_budget_conserves_volume_at_every_theta():
    p = evaluate_particle(SI_C)
    b = volume_budget(p, np.linspace(0, 1, 101))
    np.testing.assert_allclose(
        b.envelope_volume_cm3_g, b.solid_volume_cm3_g + b.open_pore_volume_cm3_g + b.closed_pore_volume_cm3_g, rtol=1e-12
    )
    # growth = pore volume used + outward growth
    np.testing.assert_allclose(
        b.solid_volume_cm3_g - b.solid_volume_cm3_g[0], b.pore_volume_used_cm3_g + b.outward_growth_cm3_g, rtol=1e-12
    )
    # outward growth only after the pores are used up (pores-first)
    full = b.pore_volume_used_cm3_g >= p.pore_volume_cm3_g * (1 - 1e-12)
    assert np.all(b.outward_growth_cm3_g[~full] == 0)


def test_accommodation_efficiency_leaves_pores_unused():
    p = evaluate_particle({**SI_C, "accommodation_efficiency": 0.5})
    assert float(p.pore_volume_used_cm3_g) == pytest.approx(0.5 * float(p.pore_volume_cm3_g))


@pytest.mark.parametrize(
    "bad,field",
    [
        ({**SI_C, "porosity": 1.0}, "particle.porosity"),
        ({**SI_C, "porosity": -0.1}, "particle.porosity"),
        ({**SI_C, "closed_pore_fraction": 1.2}, "particle.closed_pore_fraction"),
        ({**SI_C, "phases": [{"material": "Si", "mass_fraction": 0.7}]}, "phases"),
        ({**SI_C, "phases": [{"material": "kryptonite", "mass_fraction": 1.0}]}, "particle.phases.0.material"),
        ({**SI_C, "pore_volume_cm3_g": 0.3}, "pore_volume_cm3_g"),
    ],
)
def test_bad_particle_specs_raise_one_line(bad, field):
    from alloypore.particle import ParticleSpec
    from alloypore.spec_errors import validate

    with pytest.raises(AlloyporeError) as info:
        validate(ParticleSpec, bad, prefix="particle")
    msg = str(info.value)
    assert field in msg and "\n" not in msg
