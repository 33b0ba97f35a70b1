"""Electrode coating model against hand calculations."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.electrode import coating_thickness_ratio
from alloypore.materials import get_material
from alloypore.errors import SpecError

Q_SI = 3.75 * 96485.33212 / (3.6 * 28.0855)
Q_GR = 96485.33212 / (6 * 3.6 * 12.011)
V_S = 0.5 / 2.329 + 0.5 / 2.0  # 50/50 Si / amorphous carbon, cm3/g


def spec(**electrode):
    s = example_spec().model_dump()
    s["electrode"].update(electrode)
    return s


def test_loading_thickness_and_interparticle_porosity_by_hand():
    r = evaluate_design(spec())
    q_p = 0.5 * Q_SI + 0.5 * 250.0
    q_e = 0.15 * q_p + 0.80 * Q_GR
    load = 4.0 / q_e  # g/cm2
    rho_env = 1 / (2 * V_S)  # porosity 0.5
    v_part = 0.15 / rho_env + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    assert float(r.electrode.loading_mg_cm2) == pytest.approx(1e3 * load, rel=1e-9)
    assert float(r.electrode.thickness_um) == pytest.approx(load / 1.5 * 1e4, rel=1e-9)
    assert float(r.electrode.porosity) == pytest.approx(1 - 1.5 * v_part, rel=1e-9)
    assert float(r.electrode.max_compaction_density_g_cm3) == pytest.approx(1 / v_part, rel=1e-9)
    assert float(r.electrode.volumetric_capacity_mAh_cm3) == pytest.approx(4.0 / (load / 1.5), rel=1e-9)


def test_intraparticle_pores_never_count_in_electrode_porosity():
    # same solids, more intraparticle pores -> larger particle envelope -> LOWER interparticle porosity
    s1 = spec()
    s2 = spec()
    s2["particle"]["porosity"] = 0.6
    assert float(evaluate_design(s2).electrode.porosity) < float(evaluate_design(s1).electrode.porosity)


def test_swelling_constant_porosity_by_hand():
    r = evaluate_design(spec())
    beta_si = float(get_material("Si").volume_expansion)
    beta_gr = float(get_material("graphite").volume_expansion)
    growth = 0.5 * beta_si / 2.329
    out = growth - min(growth, V_S)  # pores (v_p = v_s) absorb first
    v0 = 0.15 * 2 * V_S + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    v1 = 0.15 * (2 * V_S + out) + 0.80 * (1 + beta_gr) / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    assert float(r.electrode.swelling_pct) == pytest.approx(100 * (v1 / v0 - 1), rel=1e-9)


def test_swelling_fill_pores_by_hand():
    r = evaluate_design(spec(swelling_model="fill_pores", min_porosity=0.05))
    rc = evaluate_design(spec())
    v0 = 0.15 * 2 * V_S + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    v1 = v0 * (1 + float(rc.electrode.swelling_pct) / 100)  # same particle growth
    expected = max(1.0, v1 * 1.5 / (1 - 0.05))  # the example's compaction density 1.5
    assert float(r.electrode.swelling_pct) == pytest.approx(100 * (expected - 1), rel=1e-9)
    # filling interparticle pores first never swells more than keeping the porosity
    assert float(r.electrode.swelling_pct) <= float(rc.electrode.swelling_pct)


def test_compaction_density_too_high_names_the_highest_allowed():
    with pytest.raises(SpecError) as info:
        evaluate_design(spec(compaction_density_g_cm3=2.5))
    msg = str(info.value)
    assert "electrode.compaction_density_g_cm3 = 2.5" in msg
    r = evaluate_design(spec())
    assert f"{float(r.electrode.max_compaction_density_g_cm3):.3f}" in msg


def test_swelling_limit_reported():
    assert bool(evaluate_design(spec(swelling_limit_pct=50)).electrode.swelling_limit_met)
    assert not bool(evaluate_design(spec(swelling_limit_pct=5)).electrode.swelling_limit_met)


def test_loading_input_equals_areal_capacity_input():
    a = evaluate_design(spec())
    b = evaluate_design(spec(areal_capacity_mAh_cm2=None, loading_mg_cm2=float(a.electrode.loading_mg_cm2)))
    assert float(b.electrode.areal_capacity_mAh_cm2) == pytest.approx(4.0, rel=1e-12)
    np.testing.assert_allclose(float(b.cell.energy_density_Wh_L), float(a.cell.energy_density_Wh_L), rtol=1e-12)


def test_swelling_models_by_hand_and_an_unknown_one():
    # V_part 0.5 -> 0.6 cm3/g at CD 1.6: constant porosity 0.6/0.5 = 1.2; fill_pores: eps0 = 1 - 0.8 = 0.2,
    # eps_min 0.1 -> t/t0 = max(1, 0.6 x 1.6 / 0.9) = 1.0667
    assert coating_thickness_ratio(0.5, 0.6, 1.6, "constant_porosity", 0.1) == pytest.approx(1.2, rel=1e-12)
    assert coating_thickness_ratio(0.5, 0.6, 1.6, "fill_pores", 0.1) == pytest.approx(0.96 / 0.9, rel=1e-12)
    with pytest.raises(SpecError, match="electrode.swelling_model = 'elastic': allowed: constant_porosity, fill_pores"):
        coating_thickness_ratio(0.5, 0.6, 1.6, "elastic", 0.1)
