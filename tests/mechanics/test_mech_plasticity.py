"""Plastic shells vs hand calculations and equilibrium."""

import math

import numpy as np
import pytest

from alloypore.errors import InputError
from alloypore.mechanics import hollow_sphere_pressure_stress, plastic_shell_stress, shell_yield_onset_pressure_GPa


def test_plastic_shell_by_hand_and_equilibrium():
    r = np.linspace(50, 100, 5001)
    sr, st, p = plastic_shell_stress(r, 50, 100, 1.0)
    assert p == pytest.approx(2 * math.log(2))  # 1.3863 GPa
    assert sr[0] == pytest.approx(-p) and sr[-1] == pytest.approx(0)
    assert np.allclose(st - sr, 1.0)  # von Mises = |sigma_t - sigma_r| = sigma_Y everywhere
    eq = np.gradient(sr, r) + 2 * (sr - st) / r
    assert np.abs(eq[2:-2]).max() < 1e-6


def test_yield_onset_below_plastic_limit():
    po = shell_yield_onset_pressure_GPa(50, 60, 1.0)
    # elastic shell at p: sigma_t - sigma_r at r = a equals 1.5 p b^3/(b^3 - a^3)
    sr, st = hollow_sphere_pressure_stress(np.array([50.0]), 50, 60, po)
    assert (st - sr)[0] == pytest.approx(1.0, rel=1e-12)
    assert po < plastic_shell_stress([55.0], 50, 60, 1.0)[2]


def test_plastic_shell_radii_out_of_order_is_one_line():
    with pytest.raises(InputError) as err:
        plastic_shell_stress([55.0], 60, 50, 1.0)
    assert str(err.value) == "inner_radius_nm = 60: must be smaller than outer_radius_nm = 50"
