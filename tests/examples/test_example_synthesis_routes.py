"""docs/examples/synthesis_routes.py: its printed and plotted numbers against hand calculations.

Hand data: Si 2.329, SiO2 2.20, amorphous carbon 2.0, hard carbon template; molar masses
Si 28.0855, O 15.999; pitch 1.30 g/cm3 with char yield 0.55 (the route's defaults); Si's
crystallographic expansion beta = 45.916 / (28.0855 / 2.329) - 1 (Li15Si4), quoted 2.80.
"""

import re

import numpy as np
import pytest

# SiO -> 1/2 SiO2 + 1/2 Si, SiO2 etched: pores per g of Si = volume of the SiO2 next to it
M_SI, M_SIO2 = 28.0855, 28.0855 + 2 * 15.999
V_P = (M_SIO2 / 2.20) / M_SI  # 0.97247 cm3 per g Si
BETA = 45.916 / (28.0855 / 2.329) - 1


def _pc_np_si(pitch_wt_pct):
    """Porosity and carbon wt% of PC/Np-Si by hand: char fills the Si skeleton's pores."""
    m_c = 0.55 * pitch_wt_pct / (100 - pitch_wt_pct)  # g C per g Si
    left = V_P - m_c / 2.0
    solid = 1 / 2.329 + m_c / 2.0
    return left / (solid + left), 100 * m_c / (1 + m_c)


@pytest.fixture(scope="module")
def example(run_example):
    return run_example("synthesis_routes")


def test_printed_numbers(example):
    _, printed, out = example
    m = re.search(r"PC/Np-Si at ([\d.]+) wt% pitch: porosity ([\d.]+), ([\d.]+) wt% C; HC-0.8 holds ([\d.]+) g Si/g C",
                  printed)
    assert m, printed
    pitch, eps, carbon, hc08 = map(float, m.groups())
    assert pitch == 53.0
    eps_hand, carbon_hand = _pc_np_si(53.0)  # 0.4725, 38.28 wt%
    assert eps == pytest.approx(eps_hand, abs=5e-4)
    assert carbon == pytest.approx(carbon_hand, abs=0.05)
    assert hc08 == pytest.approx(0.8 * 2.329 / (1 + BETA), abs=5e-4)  # 0.489 g Si per g C
    assert (out / "synthesis_routes.png").stat().st_size > 0


def test_plotted_curves(example):
    ns, _, _ = example
    hand = [_pc_np_si(p) for p in ns["pitch"]]
    assert [r.porosity for r in ns["pc"]] == pytest.approx([h[0] for h in hand], rel=1e-9)
    assert [r.details["carbon_wt_pct"] for r in ns["pc"]] == pytest.approx([h[1] for h in hand], rel=1e-9)
    v = np.asarray(ns["templates"])
    assert ns["cryst"] == pytest.approx(list(v * 2.329 / (1 + BETA)), rel=1e-12)
    assert ns["quoted"] == pytest.approx(list(v * 2.329 / 3.80), rel=1e-12)
