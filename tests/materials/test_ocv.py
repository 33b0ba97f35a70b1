"""Voltage-curve library: tables against their sources, interpolation against analytic curves,
the blend potential against its closed form for straight lines, and one-line errors."""

import os

import numpy as np
import pytest

from alloypore.cell.cathodes import list_cathodes
from alloypore.errors import AlloyporeError, InputError, SpecError
from alloypore.materials import list_materials
from alloypore.materials.ocv import QUALITIES, VoltageCurve, blend_potential, curve_from_table, get_curve, list_curves

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")


def _line(name, a, b, role="anode"):
    """U = a - b x on [0, 1]."""
    return VoltageCurve(name=name, material=name, role=role, x=np.array([0.0, 1.0]), U_V=np.array([a, a - b]),
                        source="straight line (test)", quality="published-fit")


# -- the library -------------------------------------------------------------------------------
def test_every_active_material_has_a_curve_but_hard_carbon():
    names = {c.name for c in list_curves()}
    active = [m.name for m in list_materials() if m.kind in ("alloy", "carbon")]
    missing = sorted(set(active) - names)
    assert missing == ["hard_carbon"], missing  # no cited hard-carbon curve is shipped (documented)


def test_every_cathode_of_the_table_has_a_curve():
    for cathode in list_cathodes():
        assert get_curve(cathode.name).role == "cathode"


def test_every_curve_carries_source_axis_and_a_known_quality():
    for c in list_curves():
        assert len(c.source) > 30 and c.axis and c.quality in QUALITIES, c.name
        assert c.x[0] == 0.0 and c.x[-1] == 1.0 and np.all(np.diff(c.U_V) <= 0)
        assert (c.quality == "proxy") == c.source.startswith("PROXY"), c.name


def test_missing_curve_is_a_one_line_spec_error_naming_the_material():
    with pytest.raises(SpecError) as err:
        get_curve("hard_carbon", field="particle.phases.material")
    text = str(err.value)
    assert "\n" not in text and text.startswith("particle.phases.material = 'hard_carbon'")


# -- tables against their sources (independent evaluations) ----------------------------------
@pytest.mark.extra("cycle")  # compares with PyBaMM's own curves
@pytest.mark.parametrize(
    "name, setname, key",
    [
        ("graphite", "Chen2020", "Negative electrode OCP [V]"),
        ("Si", "Chen2020_composite", "Secondary: Negative electrode delithiation OCP [V]"),
        ("NMC811", "Chen2020", "Positive electrode OCP [V]"),
        ("NCA", "NCA_Kim2011", "Positive electrode OCP [V]"),
        ("LCO", "Ai2020", "Positive electrode OCP [V]"),
        ("LFP", "Prada2013", "Positive electrode OCP [V]"),
    ],
)
def test_parameter_set_tables_match_pybamm_between_the_nodes(name, setname, key):
    import pybamm  # the cycle extra (installed for the tests); the library itself never needs it

    c = get_curve(name)
    lo, hi = c.native_range
    x = np.linspace(0.02, 0.98, 37) + 0.0037  # off the table nodes
    sto = lo + x * (hi - lo)
    pv = pybamm.ParameterValues(setname)
    want = np.array([float(np.asarray(pv.evaluate(pv[key](pybamm.Scalar(float(s))))).ravel()[0]) for s in sto])
    assert np.max(np.abs(c.potential(x) - want)) < 2e-3


def test_soft_carbon_follows_the_published_coke_fit():
    c = get_curve("amorphous_carbon")
    x = np.linspace(0.0, 1.0, 41)
    y = x * 250.0 / 372.0  # 250 mAh/g of the materials table in LiyC6
    assert np.allclose(c.potential(x), -0.132 + 1.41 * np.exp(-3.52 * y), atol=2e-3)


def test_sn_staircase_average_is_the_capacity_weighted_plateau_average():
    # Wang, Raistrick & Huggins 1986 plateaus (V) over their composition ranges (Li per Sn)
    plateaus = [(0.4, 0.760), (0.6, 0.660), (1.33, 0.530), (0.17, 0.485), (1.0, 0.420), (0.9, 0.380)]
    hand = sum(w * e for w, e in plateaus) / 4.4
    assert float(get_curve("Sn").average()) == pytest.approx(hand, abs=2e-3)


def test_sb_and_al_plateaus():
    assert float(get_curve("Sb").potential(0.3)) == pytest.approx(0.956, abs=2.5e-3)
    assert float(get_curve("Sb").potential(0.85)) == pytest.approx(0.948, abs=2.5e-3)
    # E = 451 - 0.220 T(K) mV (Wen, Boukamp & Huggins 1979) at 298.15 K
    assert float(get_curve("Al").potential(0.5)) == pytest.approx((451 - 0.220 * 298.15) / 1000, abs=2.5e-3)


def test_proxies_hit_their_cited_average_potential():
    mats = {m.name: m for m in list_materials()}
    for name in ("Ge", "SiO"):
        assert float(get_curve(name).average()) == pytest.approx(mats[name].delithiation_potential_V, abs=5e-4)


# -- VoltageCurve against analytic straight lines ----------------------------------------------
def test_line_potential_inverse_and_average_are_exact():
    c = _line("L", 0.9, 0.6)
    x = np.array([[0.0, 0.25], [0.5, 1.0]])
    assert np.allclose(c.potential(x), 0.9 - 0.6 * x, atol=1e-12)
    assert np.allclose(c.inverse(0.9 - 0.6 * x), x, atol=1e-12)
    assert np.allclose(c.average(0.2, np.array([0.6, 0.8])), 0.9 - 0.6 * (0.2 + np.array([0.6, 0.8])) / 2, atol=1e-12)
    assert float(c.average(0.4, 0.4)) == pytest.approx(0.9 - 0.24)
    assert c.inverse(1.5) == 0.0 and c.inverse(0.0) == 1.0


def test_pchip_curve_passes_through_its_nodes_and_stays_monotone():
    c = VoltageCurve(name="t", material="t", role="cathode", x=np.array([0, 0.3, 0.31, 1.0]),
                     U_V=np.array([4.2, 3.9, 3.7, 3.5]), source="four points (test)", quality="digitised")
    assert np.allclose(c.potential(c.x), c.U_V, atol=1e-9)
    assert np.all(np.diff(c.potential(np.linspace(0, 1, 5001))) <= 0)


def test_curve_from_table_reads_header_and_rows():
    text = "# material: X\n# role: anode\n# source: a test table\n# native_range: 0, 4.4\nx,U_V\n0,1.0\n1,0.1\n"
    c = curve_from_table("X", text)
    assert c.native_range == (0.0, 4.4) and float(c.potential(0.5)) == pytest.approx(0.55)


@pytest.mark.parametrize(
    "x, u",
    [([0.0, 1.0], [0.1, 0.2]), ([0.0, 0.9], [0.2, 0.1]), ([0.0, 0.5, 0.4, 1.0], [0.4, 0.3, 0.2, 0.1])],
)
def test_bad_tables_are_one_line_input_errors(x, u):
    with pytest.raises(InputError) as err:
        VoltageCurve(name="bad", material="bad", role="anode", x=np.array(x), U_V=np.array(u), source="s")
    assert "\n" not in str(err.value) and "bad" in str(err.value)


# -- blend potential -----------------------------------------------------------------------------
def test_blend_of_two_straight_lines_has_the_closed_form_potential():
    # phase i: U = a_i - b_i x_i  ->  x_i = (a_i - U)/b_i;  sum Q_i x_i = x Q
    #   ->  U = (sum Q_i a_i / b_i - x Q) / (sum Q_i / b_i)     (both phases inside [0, 1])
    a, b = (0.50, 0.45), (0.40, 0.30)
    c1, c2 = _line("A", a[0], b[0]), _line("B", a[1], b[1])
    q1 = np.array([1.0, 2.0, 3.0])[:, None]  # designs
    q2 = np.array([2.0, 1.0, 0.5])[:, None]
    x = np.linspace(0.3, 0.6, 7)[None, :]  # states of charge
    res = blend_potential([c1, c2], [q1, q2], x)
    want = (q1 * a[0] / b[0] + q2 * a[1] / b[1] - x * (q1 + q2)) / (q1 / b[0] + q2 / b[1])
    x1, x2 = (a[0] - want) / b[0], (a[1] - want) / b[1]
    assert np.all((x1 > 0) & (x1 < 1) & (x2 > 0) & (x2 < 1))  # the closed form holds
    assert res.potential_V.shape == (3, 7)
    assert np.allclose(res.potential_V, want, atol=1e-8)
    assert np.allclose(q1 * res.phase_fractions[0] + q2 * res.phase_fractions[1], x * (q1 + q2), atol=1e-7)


def test_blend_with_one_phase_is_that_curve():
    g = get_curve("graphite")
    x = np.linspace(0.05, 0.95, 11)
    assert np.allclose(blend_potential([g], [4.0], x).potential_V, g.potential(x), atol=1e-6)


def test_blend_of_curves_that_do_not_overlap_fills_one_phase_first():
    # A: 0.5 -> 0.1 V, B: 0.9 -> 0.6 V, equal capacities: B fills completely before A takes any Li.
    a, b = _line("A", 0.5, 0.4), _line("B", 0.9, 0.3)
    res = blend_potential([a, b], [1.0, 1.0], np.array([0.25, 0.75]))
    # x = 0.25: B holds 0.5 at U = 0.9 - 0.3 * 0.5;  x = 0.75: B full, A holds 0.5 at U = 0.5 - 0.4 * 0.5
    assert np.allclose(res.potential_V, [0.75, 0.30], atol=1e-8)
    assert np.allclose(res.phase_fractions[0], [0.0, 0.5], atol=1e-7)
    assert np.allclose(res.phase_fractions[1], [0.5, 1.0], atol=1e-7)


def test_blend_bad_input_is_one_line():
    g = get_curve("graphite")
    for caps, x in (([-1.0], 0.5), ([1.0], 1.5), ([0.0], 0.5)):
        with pytest.raises(AlloyporeError) as err:
            blend_potential([g], caps, x)
        assert "\n" not in str(err.value)


def test_exact_and_bisection_blend_solutions_agree_on_a_three_phase_anode():
    curves = [get_curve(n) for n in ("Si", "amorphous_carbon", "graphite")]
    si = np.linspace(0.05, 0.6, 7)[:, None]
    caps = [4 * si, 0.12 + 0 * si, 4 * (0.97 - si)]
    x = np.linspace(0.0, 1.0, 41)[None, :]
    exact = blend_potential(curves, caps, x)
    bis = blend_potential(curves, caps, x, method="bisection", tol_V=1e-11)
    assert np.max(np.abs(exact.potential_V - bis.potential_V)) < 1e-8
    held = sum(c * f for c, f in zip(caps, exact.phase_fractions))
    assert np.allclose(held, x * (4 * 0.97 + 0.12), atol=1e-9)
