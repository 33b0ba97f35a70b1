"""Optimiser against optima worked out by hand; Pareto front sanity."""

import numpy as np
import pytest

from alloypore.cell import parse_spec
from alloypore.design.grid import Constraint, parse_bounds
from alloypore.design.optimize import Objective, optimize, pareto
from alloypore.errors import InputError
from alloypore.materials import get_material

SI = get_material("Si")
BETA_SI = SI.volume_expansion  # crystallographic, (45.916 / (28.0855/2.329)) - 1 = 2.8076
RHO_SI = 2.329
Q_SI = SI.capacity_mAh_g  # 3.75 F / M = 3578.6 mAh/g
RHO_C, Q_C = 2.0, 250.0  # amorphous carbon in the materials table, expansion 0

ELECTRODE = {"compaction_density_g_cm3": 1.0, "swelling_limit_pct": 1000}


def test_known_optimum_one_variable():
    """Pure Si particle; max volumetric capacity s.t. outward expansion <= 10 %.

    With eta = 1 and pores filled first, per cm3 of envelope the outward growth is
    (1 - eps) beta - eps, so expansion <= 0.10 <=> eps >= (beta - 0.10)/(1 + beta).
    Volumetric capacity Q rho (1 - eps) falls with eps, so the optimum is that bound:
    eps* = (2.8076 - 0.1)/3.8076 = 0.71111, value = Q rho (1 + 0.1)/(1 + beta).
    """
    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.5},
                       "electrode": ELECTRODE})
    r = optimize(spec, Objective("particle.volumetric_capacity_mAh_cm3"), parse_bounds(spec, ["particle.porosity=0:0.9"]),
                 [Constraint("particle.volume_expansion_pct", "<=", 10.0)])
    eps_star = (BETA_SI - 0.1) / (1 + BETA_SI)
    assert eps_star == pytest.approx(0.7111, abs=1e-4)
    assert r.success
    assert r.x["particle.porosity"] == pytest.approx(eps_star, rel=1e-7)
    assert r.value == pytest.approx(Q_SI * RHO_SI * 1.1 / (1 + BETA_SI), rel=1e-7)
    assert r.binding == ["particle.volume_expansion_pct<=10"]
    assert r.row["particle.volume_expansion_pct"] <= 10 + 1e-8


def test_known_optimum_two_variables_two_binding():
    """Si/C particle; max mAh/g over Si fraction w and porosity s.t. expansion <= 5 %, porosity <= 0.6.

    Capacity w Q_Si + (1-w) Q_C rises with w; expansion (1-eps) E(w) - eps falls with eps, so
    eps* = 0.6 and E(w*) = (0.05 + 0.6)/0.4 = 1.625 with E = (w beta/rho_Si)/(w/rho_Si + (1-w)/rho_C):
    w* = (1.625/rho_C) / ((beta - 1.625)/rho_Si + 1.625/rho_C) = 0.6154.
    """
    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 0.5},
                                                {"material": "amorphous_carbon", "mass_fraction": 0.5}], "porosity": 0.3},
                       "electrode": ELECTRODE})
    bounds = parse_bounds(spec, ["particle.phases.0.mass_fraction=0.05:1", "particle.porosity=0:0.8"])
    cons = [Constraint("particle.volume_expansion_pct", "<=", 5.0), Constraint("particle.porosity", "<=", 0.6)]
    r = optimize(spec, Objective("particle.capacity_mAh_g"), bounds, cons)
    w_star = (1.625 / RHO_C) / ((BETA_SI - 1.625) / RHO_SI + 1.625 / RHO_C)
    assert w_star == pytest.approx(0.6154, abs=1e-4)
    assert r.x["particle.phases.0.mass_fraction"] == pytest.approx(w_star, rel=1e-6)
    assert r.x["particle.porosity"] == pytest.approx(0.6, rel=1e-7)
    assert r.value == pytest.approx(w_star * Q_SI + (1 - w_star) * Q_C, rel=1e-6)
    assert sorted(r.binding) == ["particle.porosity<=0.6", "particle.volume_expansion_pct<=5"]
    assert all(c["honoured"] for c in r.constraints)


def test_minimize_and_infeasible_box():
    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.5},
                       "electrode": ELECTRODE})
    b = parse_bounds(spec, ["particle.porosity=0:0.5"])
    r = optimize(spec, Objective("particle.volume_expansion_pct", maximize=False), b)
    # least expansion at the largest porosity: (1-0.5) beta - 0.5
    assert r.x["particle.porosity"] == pytest.approx(0.5) and r.value == pytest.approx(100 * (0.5 * BETA_SI - 0.5), rel=1e-9)
    # needs eps >= 0.735 > 0.5: no feasible design -> one line naming the constraint it misses
    with pytest.raises(InputError, match=r"particle.volume_expansion_pct<=1 = .*no feasible design in the box particle.porosity=0:0.5"):
        optimize(spec, Objective("particle.capacity_mAh_g"), b, [Constraint("particle.volume_expansion_pct", "<=", 1.0)])


def test_manufacturing_limits_bind_at_the_optimum():
    """The built-in example, max Wh/kg over particle porosity and compaction density: more
    compaction adds Wh/L-free mass savings until the electrode porosity reaches the shipped
    minimum (0.20, cell/data/cell.toml), which then binds; the optimum sits on it."""
    from alloypore.cell import example_spec

    spec = example_spec()
    b = parse_bounds(spec, ["particle.porosity=0.1:0.8", "electrode.compaction_density_g_cm3=1.0:1.75"])
    r = optimize(spec, Objective("cell.energy_density_Wh_kg"), b, [Constraint("electrode.swelling_pct", "<=", 15.0)])
    assert r.success and r.row["electrode.porosity"] == pytest.approx(0.20, abs=1e-9)
    assert "min_electrode_porosity: electrode.porosity>=0.2" in r.binding
    # the README's example (particle porosity alone, swelling <= 15 %): the porous particles that
    # keep the swelling down leave too little room between them at 1.6 g/cm3 - refused
    with pytest.raises(InputError, match="min_electrode_porosity"):
        optimize(spec, Objective("cell.energy_density_Wh_kg"), parse_bounds(spec, ["particle.porosity=0.1:0.8"]),
                 [Constraint("electrode.swelling_pct", "<=", 15.0)])


def test_pareto_front_one_variable_spans_and_matches_curve():
    """Si fraction w only, eps = 0.3: capacity rises with w; expansion 100 max(0.7 E(w) - 0.3, 0) is 0
    up to E(w0) = 0.3/0.7, so designs below w0 are dominated by w0 (same zero expansion, less
    capacity): w0 = (E0/rho_C) / ((beta - E0)/rho_Si + E0/rho_C) = 0.1734.  The front must run
    from w0 to the upper bound 0.9 and lie on the expansion curve."""
    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 0.5},
                                                {"material": "amorphous_carbon", "mass_fraction": 0.5}], "porosity": 0.3},
                       "electrode": ELECTRODE})
    b = parse_bounds(spec, ["particle.phases.0.mass_fraction=0.1:0.9"])
    res = pareto(spec, [Objective("particle.capacity_mAh_g"), Objective("particle.volume_expansion_pct", False)], b,
                 pop_size=30, n_gen=30)
    w = res.front["particle.phases.0.mass_fraction"]
    e0 = 0.3 / 0.7
    w0 = (e0 / RHO_C) / ((BETA_SI - e0) / RHO_SI + e0 / RHO_C)
    assert w0 == pytest.approx(0.1734, abs=1e-4)
    assert w.min() == pytest.approx(w0, abs=0.01) and w.max() > 0.9 - 0.01
    E = (w * BETA_SI / RHO_SI) / (w / RHO_SI + (1 - w) / RHO_C)
    np.testing.assert_allclose(res.front["particle.volume_expansion_pct"], 100 * np.maximum(0.7 * E - 0.3, 0), rtol=1e-10)
    cap = res.front["particle.capacity_mAh_g"]
    assert np.all(np.diff(cap) >= 0) and np.all(np.diff(res.front["particle.volume_expansion_pct"]) >= -1e-9)


def test_parse_problem_and_solve_one_objective_by_hand(tmp_path):
    """The options of ``alloypore optimize`` parsed in the library: the same optimum as above,
    eps* = (beta - 0.1)/(1 + beta), and optimum.json written with it."""
    import json

    from alloypore.design.optimize import OptimumResult, parse_problem, solve, write_result

    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.5},
                       "electrode": ELECTRODE})
    prob = parse_problem(spec, maximize=["particle.volumetric_capacity_mAh_cm3"], vary=["particle.porosity=0:0.9"],
                         constraint=["particle.volume_expansion_pct<=10"])
    assert [o.text for o in prob.objectives] == ["max particle.volumetric_capacity_mAh_cm3"]
    assert prob.bounds == {"particle.porosity": (0.0, 0.9)} and prob.constraints[0].text == "particle.volume_expansion_pct<=10"
    res = solve(spec, prob)
    assert isinstance(res, OptimumResult)
    assert res.x["particle.porosity"] == pytest.approx((BETA_SI - 0.1) / (1 + BETA_SI), rel=1e-7)
    files = write_result(res, tmp_path / "o")
    assert files == {"json": str(tmp_path / "o" / "optimum.json")}
    d = json.loads((tmp_path / "o" / "optimum.json").read_text())
    assert d["x"]["particle.porosity"] == pytest.approx(res.x["particle.porosity"], rel=1e-15)


@pytest.mark.parametrize("kw, words", [
    ({}, "--maximize = '(none)'"),
    ({"maximize": ["cell.energy_density_Wh_kg", "cell.energy_density_Wh_L"], "minimize": ["cell.electrolyte_g_Ah"]},
     "--maximize = 3: allowed 1 or 2 objectives"),
    ({"minimize": ["cell.nothing"]}, "--minimize = 'cell.nothing': unknown input or result field"),
    ({"maximize": ["cell.energy_density_Wh_kg"], "constraint": ["cell.nothing<=3"]}, "--constraint"),
])
def test_parse_problem_refusals_name_the_option(kw, words):
    from alloypore.cell import example_spec
    from alloypore.design.optimize import parse_problem
    from alloypore.errors import InputError

    with pytest.raises(InputError) as err:
        parse_problem(example_spec(), vary=["particle.porosity=0.2:0.6"], **kw)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_two_objectives_solve_to_a_front_written_as_csv_and_png(tmp_path):
    import pandas as pd

    from alloypore.design.optimize import ParetoResult, parse_problem, solve, write_result
    from alloypore.design.pareto import pareto as pareto_direct

    spec = parse_spec({"particle": {"phases": [{"material": "Si", "mass_fraction": 0.5},
                                                {"material": "amorphous_carbon", "mass_fraction": 0.5}], "porosity": 0.3},
                       "electrode": ELECTRODE})
    prob = parse_problem(spec, maximize=["particle.capacity_mAh_g"], minimize=["particle.volume_expansion_pct"],
                         vary=["particle.phases.0.mass_fraction=0.1:0.9"])
    res = solve(spec, prob, seed=3)
    assert isinstance(res, ParetoResult)
    again = pareto_direct(spec, list(prob.objectives), prob.bounds, seed=3)
    np.testing.assert_array_equal(res.front["particle.capacity_mAh_g"], again.front["particle.capacity_mAh_g"])
    files = write_result(res, tmp_path / "p")
    csv = pd.read_csv(files["csv"])
    np.testing.assert_allclose(csv["particle.capacity_mAh_g"], res.front["particle.capacity_mAh_g"], rtol=1e-12)
    assert (tmp_path / "p" / "pareto.png").read_bytes()[:4] == b"\x89PNG"
