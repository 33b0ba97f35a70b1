"""docs/examples/voltage_curves.py: its printed numbers against independent values.

* curve means: PyBaMM's own OCP functions integrated on 200001 points over each table's native range;
  the plateau tables by hand; the coke fit analytically; digitised tables by the trapezoid rule
  of their raw rows; cathode means against the cited (C/10 discharge) averages of the table;
* the example cell: capacity and average-model energy against the chain's own cell model
  (``alloypore.cell.model``); OCV energy against a brute-force integral with a scalar root
  solve (scipy brentq) of the blend potential at every point.
"""

import math
import os
import re

import numpy as np
import pytest
from scipy.optimize import brentq

from alloypore.cell import evaluate_design, example_spec
from alloypore.materials.ocv import get_curve

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")

PYBAMM_CURVES = {
    "graphite": ("Chen2020", "Negative electrode OCP [V]"),
    "Si": ("Chen2020_composite", "Secondary: Negative electrode delithiation OCP [V]"),
    "NMC811": ("Chen2020", "Positive electrode OCP [V]"),
    "NCA": ("NCA_Kim2011", "Positive electrode OCP [V]"),
    "LCO": ("Ai2020", "Positive electrode OCP [V]"),
    "LFP": ("Prada2013", "Positive electrode OCP [V]"),
}
# cited average discharge voltages of the cathode table, independent of the curves
CITED = {"NMC811": 3.80, "NMC622": 3.78, "NCA": 3.70, "LCO": 3.90, "LFP": 3.40}


@pytest.fixture(scope="module")
def printed(run_example):
    _, text, out = run_example("voltage_curves")
    assert (out / "voltage_curves.png").stat().st_size > 10_000
    means = {m[1]: (float(m[2]), float(m[3])) for m in re.finditer(r"^\s+(\S+)\s+\S+\s+([\d.]+)\s+([\d.]+)$", text, re.M)}
    return text, means


def _pybamm_mean(name):
    import pybamm  # the cycle extra (installed for the tests); the library itself never needs it

    setname, key = PYBAMM_CURVES[name]
    pv = pybamm.ParameterValues(setname)
    lo, hi = get_curve(name).native_range
    lo_e, hi_e = (max(lo, 1e-3), min(hi, 1 - 1e-3)) if name == "Si" else (lo, hi)  # the Si fit is singular at 0, 1

    s = np.linspace(lo_e, hi_e, 200001)  # PyBaMM evaluates its own function on the grid
    u = np.asarray(pv.evaluate(pv[key](pybamm.Vector(s)))).ravel()
    return float(np.trapezoid(u, s) / (hi_e - lo_e))


@pytest.mark.parametrize("name", sorted(PYBAMM_CURVES))
def test_printed_means_of_parameter_set_curves_equal_pybamm_integrals(printed, name):
    assert printed[1][name][0] == pytest.approx(_pybamm_mean(name), abs=2e-3)


def test_printed_means_of_plateau_tables_and_the_coke_fit_by_hand(printed):
    means = printed[1]
    sn = (0.4 * 0.760 + 0.6 * 0.660 + 1.33 * 0.530 + 0.17 * 0.485 + 1.0 * 0.420 + 0.9 * 0.380) / 4.4
    sb = (2 * 0.956 + 0.948) / 3
    al = 0.08 * 0.60 + 0.82 * 0.385 + 0.10 * 0.30
    ym = 250.0 / 372.0
    coke = -0.132 + 1.41 * (1 - math.exp(-3.52 * ym)) / (3.52 * ym)
    assert means["Sn"][0] == pytest.approx(sn, abs=2e-3)
    assert means["Sb"][0] == pytest.approx(sb, abs=2e-3)
    assert means["Al"][0] == pytest.approx(al, abs=2e-3)
    assert means["amorphous_carbon"][0] == pytest.approx(coke, abs=1e-3)


def test_printed_means_of_published_tables_equal_their_rows(printed):
    for name in ("NMC622", "LNMO", "LMFP", "LCO-4.45V"):
        c = get_curve(name)
        assert printed[1][name][0] == pytest.approx(np.trapezoid(c.U_V, c.x), abs=5e-3), name


def test_cathode_ocv_means_sit_at_or_above_the_cited_discharge_averages(printed):
    # OCV is above a C/10 discharge by its overpotential; the parameter-set windows end before
    # the discharge tail, so the OCV mean is 0-0.12 V above the cited average.
    for name, cited in CITED.items():
        mean, table = printed[1][name]
        assert table == pytest.approx(cited)
        assert -0.02 < mean - cited < 0.12, (name, mean, cited)


def test_example_cell_capacity_and_average_energy_equal_the_chain(printed):
    text = printed[0]
    s = example_spec()
    r = evaluate_design(s.model_copy(update={"cell": s.cell.model_copy(update={"energy_model": "average"})}))
    q_chain = float(r.cell.reversible_capacity_mAh_cm2)
    e_chain = q_chain * float(r.cell.cell_voltage_V) * 1e-3  # Wh/cm2 of the chain's average model
    q = float(re.search(r"Q = ([\d.]+) mAh/cm2, limited by the (?:anode|cathode)", text)[1])
    e_ocv, v_ocv, e_avg, v_avg, ratio = (float(v) for v in re.search(
        r"ocv ([\d.]+) Wh/cm2 at ([\d.]+) V; average ([\d.]+) Wh/cm2 at ([\d.]+) V; ratio ([\d.]+)", text).groups())
    assert q == pytest.approx(q_chain, abs=1e-4)
    assert e_avg == pytest.approx(e_chain, abs=2e-6)
    assert v_avg == pytest.approx(float(r.cell.cell_voltage_V), abs=1e-4)
    assert ratio == pytest.approx(e_ocv / e_avg, abs=2e-4)
    assert v_ocv == pytest.approx(e_ocv / q * 1e3, abs=1e-3)


def test_example_cell_ocv_energy_by_brute_force(printed):
    text = printed[0]
    shares = {m[1]: float(m[2]) for m in re.finditer(r"(\w+) ([\d.]+)(?:,|$)", text.split("anode shares ")[1].split("\n")[0])}
    e_ocv = float(re.search(r"ocv ([\d.]+) Wh/cm2", text)[1])
    r = evaluate_design(example_spec())
    q_a, q = 4.0, float(r.cell.reversible_capacity_mAh_cm2)
    q_c = q_a / 1.1
    # the anode starts at Li/Q_a (Li after formation, NMC811 ICE 0.89) and gives up Q
    li = q_c / 0.89 - q_a * (1 / float(r.electrode.first_cycle_efficiency) - 1)
    x0 = li / q_a
    curves = {k: get_curve(k) for k in shares}
    cat = get_curve("NMC811")

    def u_anode(x):
        if x <= 0:
            return max(c.U_top_V for c in curves.values())
        held = lambda u: sum(s * float(curves[k].inverse(u)) for k, s in shares.items()) - x  # noqa: E731
        return brentq(held, -0.1, 2.5, xtol=1e-12)

    qs = np.linspace(0.0, q, 2001)
    volt = [float(cat.potential(v / q_c)) - u_anode(x0 - v / q_a) for v in qs]
    assert e_ocv == pytest.approx(np.trapezoid(volt, qs) * 1e-3, rel=1e-3)
