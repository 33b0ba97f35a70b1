"""The BPX writer (:mod:`alloypore.electrochem.bpx`): valid for the bpx package, numbers by hand.

The round trip through ``alloypore cycle --bpx`` and PyBaMM is in tests/cli/test_cli_cycle.py.
"""

import json

import bpx
import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.electrochem import composite_mapping
from alloypore.electrochem.bpx import bpx_object, write_bpx
from alloypore.electrochem.mapping import V_MAX

F = 96485.33212


@pytest.fixture(scope="module")
def obj():
    return bpx_object(composite_mapping(evaluate_design(example_spec())))


def test_graphite_rate_constant_is_chen2020s_by_hand(obj):
    # Chen et al. 2020 graphite: j0 = m_ref sqrt(c_e c (c_max - c)), m_ref = 6.48e-7 A m-2 (m3 mol-1)^1.5;
    # BPX: j0 = F k sqrt((c_e/c_e0)(c/c_max)(1 - c/c_max))  =>  k = m_ref sqrt(c_e0) c_max / F
    g = obj["Parameterisation"]["Negative electrode"]["Particle"]["Primary"]
    c_max, c_e0 = g["Maximum concentration [mol.m-3]"], obj["State"]["Initial conditions"][
        "Initial electrolyte concentration [mol.m-3]"]
    assert g["Reaction rate constant [mol.m-2.s-1]"] == pytest.approx(6.48e-7 * np.sqrt(c_e0) * c_max / F, rel=1e-9)


def test_top_of_charge_stoichiometries_give_the_upper_cut_off(obj):
    # the OCV at (positive minimum, graphite maximum) is V_max by construction of the initial state
    p = obj["Parameterisation"]
    pos, g = p["Positive electrode"], p["Negative electrode"]["Particle"]["Primary"]
    u_p = np.interp(pos["Minimum stoichiometry"], pos["OCP [V]"]["x"], pos["OCP [V]"]["y"])
    u_g = np.interp(g["Maximum stoichiometry"], g["OCP [V]"]["x"], g["OCP [V]"]["y"])
    assert u_p - u_g == pytest.approx(V_MAX, abs=2e-3)
    for phase in p["Negative electrode"]["Particle"].values():
        assert 0 < phase["Minimum stoichiometry"] < phase["Maximum stoichiometry"] < 1


def test_written_file_is_valid_bpx_with_the_blended_negative_electrode(obj, tmp_path):
    m = composite_mapping(evaluate_design(example_spec()))
    path = write_bpx(m, tmp_path / "set.json", title="example")
    parsed = bpx.parse_bpx_file(str(path))  # the bpx package's own schema
    assert set(parsed.parameterisation.negative_electrode.particle) == {"Primary", "Secondary"}  # graphite + alloy
    header = json.loads(path.read_text())["Header"]
    assert header["BPX"] == "1.0.0" and header["Title"] == "example"
    assert "Bonkile" in header["References"] and "Chen" in header["References"]
    user = obj["Parameterisation"]["User-defined"]
    assert "Secondary: Negative electrode volume change" in user  # the alloy's pore-aware swelling curve
