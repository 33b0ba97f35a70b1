"""Cell energy from voltage curves: straight lines by hand, PyBaMM's own OCV energy (Chen2020),
the windows set by the first-cycle losses and N/P by hand, and the average model."""

import os

import numpy as np
import pytest

from alloypore.cell.energy import average_energy, cell_windows, ocv_energy, window_energy
from alloypore.errors import InputError, SpecError
from alloypore.materials.ocv import VoltageCurve, get_curve

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")


def _line(name, a, b, role):
    return VoltageCurve(name=name, material=name, role=role, x=np.array([0.0, 1.0]), U_V=np.array([a, a - b]),
                        source="straight line (test)", quality="published-fit")


CATHODE = _line("C", 4.2, 0.6, "cathode")  # U_c = 4.2 - 0.6 x_c
ANODE = _line("A", 0.8, 0.7, "anode")  # U_a = 0.8 - 0.7 x_a


def _hand_energy(q, q_a, q_c, xa0):
    """int_0^Q [4.2 - 0.6 q/Q_c - (0.8 - 0.7 (xa0 - q/Q_a))] dq, by hand."""
    return (3.4 + 0.7 * xa0) * q - (0.6 / q_c + 0.7 / q_a) * q * q / 2


# -- (c) the windows, by hand -------------------------------------------------------------------
def test_windows_np_1p1_anode_ice_0p85_cathode_0p90_anode_limits():
    # Q_a = 1.1, Q_c = 1.0; C_1 = 1/0.90 = 1.111111; L_irr = 1.1 (1/0.85 - 1) = 0.194118
    # Li = 0.916993 < Q_c: the anode empties first; it starts at Li/Q_a = 0.833630 and ends at 0,
    # the cathode ends at 0.916993 of its rated capacity.
    w = cell_windows(anode_capacity_mAh_cm2=1.1, np_ratio=1.1, anode_first_cycle_efficiency=0.85,
                     cathode_first_cycle_efficiency=0.90)
    assert float(w.cyclable_lithium_mAh_cm2) == pytest.approx(1 / 0.9 - 1.1 * (1 / 0.85 - 1), rel=1e-12)
    assert float(w.capacity_mAh_cm2) == pytest.approx(0.9169935, abs=1e-6)
    assert float(w.anode_x_charged) == pytest.approx(0.8336304, abs=1e-6)
    assert float(w.anode_x_discharged) == pytest.approx(0.0, abs=1e-12)
    assert float(w.cathode_x_discharged) == pytest.approx(0.9169935, abs=1e-6)
    assert str(w.limiting_electrode) == "anode" and bool(w.plating_free)


def test_windows_with_the_efficiencies_swapped_the_cathode_limits():
    # ICE_a 0.90, ICE_c 0.85: Li = 1/0.85 - 1.1 (1/0.9 - 1) = 1.176471 - 0.122222 = 1.054248 > Q_c = 1
    # Q = 1.0; the anode starts at 1.054248/1.1 = 0.958408 and stops at 0.958408 - 1/1.1 = 0.049317
    w = cell_windows(anode_capacity_mAh_cm2=1.1, np_ratio=1.1, anode_first_cycle_efficiency=0.90,
                     cathode_first_cycle_efficiency=0.85)
    assert float(w.capacity_mAh_cm2) == pytest.approx(1.0, abs=1e-12)
    assert float(w.anode_x_charged) == pytest.approx(0.958408, abs=1e-6)
    assert float(w.anode_x_discharged) == pytest.approx(0.049317, abs=1e-6)
    assert float(w.cathode_x_discharged) == pytest.approx(1.0, abs=1e-12)
    assert str(w.limiting_electrode) == "cathode"


def test_windows_flag_plating_when_np_is_too_low():
    w = cell_windows(anode_capacity_mAh_cm2=1.0, np_ratio=0.9, anode_first_cycle_efficiency=0.95,
                     cathode_first_cycle_efficiency=0.90)
    assert float(w.anode_x_charged) > 1 and not bool(w.plating_free)


# -- (a) straight lines, exact ------------------------------------------------------------------
def test_ocv_energy_of_straight_lines_equals_the_hand_integral_over_designs():
    q_a = np.array([2.0, 3.0, 4.0])
    npr = np.array([[1.05], [1.2]])
    ice_a, ice_c = 0.85, 0.90
    res = ocv_energy(cathode=CATHODE, anode=ANODE, anode_capacity_mAh_cm2=q_a, np_ratio=npr,
                     anode_first_cycle_efficiency=ice_a, cathode_first_cycle_efficiency=ice_c)
    q_c = q_a / npr
    li = q_c / ice_c - q_a * (1 / ice_a - 1)
    q = np.minimum(li, q_c)
    want = _hand_energy(q, q_a, q_c, li / q_a)
    assert res.energy_mWh_cm2.shape == (2, 3)
    assert np.allclose(res.energy_mWh_cm2, want, rtol=1e-12)
    assert np.allclose(res.average_voltage_V, want / q, rtol=1e-12)


def test_window_energy_of_straight_lines_from_a_given_start():
    e = window_energy(cathode=CATHODE, anode=ANODE, capacity_mAh_cm2=1.5, anode_capacity_mAh_cm2=2.0,
                      cathode_capacity_mAh_cm2=2.5, anode_x_start=0.9, cathode_x_start=0.2, n_points=3)
    # U_c = 4.2 - 0.6 (0.2 + q/2.5), U_a = 0.8 - 0.7 (0.9 - q/2): linear in q, exact on 3 points
    want = (4.2 - 0.12 - 0.8 + 0.63) * 1.5 - (0.6 / 2.5 + 0.7 / 2.0) * 1.5**2 / 2
    assert float(e) == pytest.approx(want, rel=1e-12)


def test_cut_off_voltage_stops_the_straight_line_discharge_where_the_hand_calculation_does():
    # window_energy with Q = 1.5, Q_a = 2, Q_c = 2.5, x_a0 = 0.9, x_c0 = 0.2:
    # v(q) = v0 - k q with v0 = 4.2 - 0.12 - 0.8 + 0.63 = 3.91, k = 0.6/2.5 + 0.7/2 = 0.59
    # v_min = 3.4: q_cut = (3.91 - 3.4)/0.59 = 0.864407 < 1.5;  E = v0 q_cut - k q_cut^2 / 2
    e, q_cut = window_energy(cathode=CATHODE, anode=ANODE, capacity_mAh_cm2=np.array([1.5, 0.5]),
                             anode_capacity_mAh_cm2=2.0, cathode_capacity_mAh_cm2=2.5, anode_x_start=0.9,
                             cathode_x_start=0.2, v_min=3.4)
    qc = (3.91 - 3.4) / 0.59
    assert np.allclose(q_cut, [qc, 0.5], rtol=1e-12)  # the short discharge never reaches the cut-off
    assert np.allclose(e, 3.91 * q_cut - 0.59 * q_cut**2 / 2, rtol=1e-12)
    res = ocv_energy(cathode=CATHODE, anode=ANODE, anode_capacity_mAh_cm2=2.0, np_ratio=1.1,
                     anode_first_cycle_efficiency=0.9, cathode_first_cycle_efficiency=0.9, v_min=9.0)
    assert float(res.capacity_mAh_cm2) == 0.0 and np.isnan(res.average_voltage_V)


def test_plated_lithium_strips_first_at_zero_volts():
    # N/P 0.9: Li/Q_a = x_top > 1; the excess (x_top - 1) Q_a is plated Li at 0 V vs Li.
    q_a, npr, ice_a, ice_c = 1.0, 0.9, 0.95, 0.90
    res = ocv_energy(cathode=CATHODE, anode=ANODE, anode_capacity_mAh_cm2=q_a, np_ratio=npr,
                     anode_first_cycle_efficiency=ice_a, cathode_first_cycle_efficiency=ice_c, n_points=20001)
    q_c = q_a / npr
    li = q_c / ice_c - q_a * (1 / ice_a - 1)
    q = min(li, q_c)
    plated = li - q_a
    # first `plated`: U_c - 0; then the anode runs from x = 1 over q - plated
    e1 = 4.2 * plated - 0.6 * plated**2 / (2 * q_c)
    rest = q - plated
    e2 = (4.2 - 0.6 * plated / q_c - 0.8 + 0.7) * rest - (0.6 / q_c + 0.7 / q_a) * rest**2 / 2
    assert float(res.energy_mWh_cm2) == pytest.approx(e1 + e2, rel=1e-6)


# -- (b) PyBaMM's own open-circuit energy ------------------------------------------------------
@pytest.mark.extra("cycle")  # compares with PyBaMM's own curves
def test_ocv_energy_matches_pybamm_chen2020_within_one_percent():
    import pybamm  # the cycle extra (installed for the tests); the library itself never needs it

    pv = pybamm.ParameterValues("Chen2020")
    soh = pybamm.lithium_ion.electrode_soh
    e_pybamm = soh.calculate_theoretical_energy(pv)  # Wh, trapezoid of U_p(y) - U_n(x) over its window
    x_0, x_100, y_100, y_0 = (float(v) for v in soh.get_min_max_stoichiometries(pv))
    area = pv["Electrode height [m]"] * pv["Electrode width [m]"]

    def cap_mAh(side):
        return (96485.33212 * pv[f"{side} electrode active material volume fraction"] * pv[f"{side} electrode thickness [m]"]
                * area * pv[f"Maximum concentration in {side.lower()} electrode [mol.m-3]"] / 3.6)

    q_n, q_p = cap_mAh("Negative"), cap_mAh("Positive")
    nmc = get_curve("NMC811")
    y_top, y_end = nmc.native_range  # the table's x_c = 0 and 1 in Chen2020 stoichiometry
    e = window_energy(cathode=nmc, anode="graphite", capacity_mAh_cm2=q_p * (y_0 - y_100), anode_capacity_mAh_cm2=q_n,
                      cathode_capacity_mAh_cm2=q_p * (y_end - y_top), anode_x_start=x_100,
                      cathode_x_start=(y_100 - y_top) / (y_end - y_top))
    assert float(e) / 1000 == pytest.approx(e_pybamm, rel=0.01)
    assert abs(float(e) / 1000 / e_pybamm - 1) < 1e-3  # in fact 0.004 %


# -- blends, average model, errors ----------------------------------------------------------------
def test_blend_of_one_phase_gives_the_single_curve_energy():
    kw = dict(cathode="NMC811", anode_capacity_mAh_cm2=4.0, np_ratio=1.1, anode_first_cycle_efficiency=0.9,
              cathode_first_cycle_efficiency=0.89, n_points=101)
    single = ocv_energy(anode="graphite", **kw).energy_mWh_cm2
    blend = ocv_energy(anode=["graphite", "graphite"], anode_phase_fractions=[0.3, 0.7], **kw).energy_mWh_cm2
    assert float(blend) == pytest.approx(float(single), rel=1e-6)


def test_blended_anode_energy_broadcasts_over_designs_with_their_own_shares():
    si = np.array([0.1, 0.3, 0.5])
    res = ocv_energy(cathode="NMC811", anode=["graphite", "Si"], anode_phase_fractions=[1 - si, si],
                     anode_capacity_mAh_cm2=4.0, np_ratio=1.1, anode_first_cycle_efficiency=0.88,
                     cathode_first_cycle_efficiency=0.89, n_points=101)
    assert res.energy_mWh_cm2.shape == (3,)
    assert np.all(np.diff(res.average_voltage_V) < 0)  # more Si (higher potential) -> lower cell voltage


def test_average_energy_is_capacity_times_the_difference_of_averages():
    res = average_energy(cathode_voltage_V=3.80, anode_potential_V=np.array([0.125, 0.26]), anode_capacity_mAh_cm2=4.0,
                         np_ratio=1.1, anode_first_cycle_efficiency=0.89, cathode_first_cycle_efficiency=0.89)
    q_c = 4.0 / 1.1
    q = min(q_c / 0.89 - 4.0 * (1 / 0.89 - 1), q_c)
    assert np.allclose(res.energy_mWh_cm2, q * (3.80 - np.array([0.125, 0.26])), rtol=1e-12)
    assert res.model == "average"


@pytest.mark.parametrize(
    "kw, field",
    [
        (dict(anode_first_cycle_efficiency=1.2), "particle.first_cycle_efficiency"),
        (dict(np_ratio=0.0), "cell.np_ratio"),
        (dict(anode_capacity_mAh_cm2=-1.0), "cell.anode_capacity_mAh_cm2"),
    ],
)
def test_bad_input_is_a_one_line_error_naming_the_field(kw, field):
    args = dict(cathode="NMC811", anode="graphite", anode_capacity_mAh_cm2=4.0, np_ratio=1.1,
                anode_first_cycle_efficiency=0.9, cathode_first_cycle_efficiency=0.9)
    args.update(kw)
    with pytest.raises(InputError) as err:
        ocv_energy(**args)
    assert str(err.value).startswith(field) and "\n" not in str(err.value)


def test_a_cathode_without_a_curve_is_a_one_line_spec_error():
    with pytest.raises(SpecError) as err:
        ocv_energy(cathode="LMO", anode="graphite", anode_capacity_mAh_cm2=4.0, np_ratio=1.1,
                   anode_first_cycle_efficiency=0.9, cathode_first_cycle_efficiency=0.9)
    assert str(err.value).startswith("cell.cathode = 'LMO'")
