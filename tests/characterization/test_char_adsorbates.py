"""Adsorbate properties without importing pyGAPS: its list for cross-sections, CoolProp (via a shipped table) for liquids."""

import math

import numpy as np
import pytest

from alloypore.characterization.adsorbates import (
    TABULATED,
    _coolprop_liquid,
    _table,
    adsorbate_properties,
    find_adsorbate,
    saturated_liquid,
)
from alloypore.characterization.bet import area_bet, bet_loading
from alloypore.characterization.isotherm import isotherm_from_arrays
from alloypore.errors import InputError


@pytest.mark.parametrize("fluid", sorted(TABULATED.values()))
def test_shipped_table_agrees_with_coolprop(fluid):
    tab = _table()[fluid]
    for t in np.random.default_rng(1).uniform(tab[0, 0], tab[-1, 0], 60):
        ours, cp = saturated_liquid(fluid, t), _coolprop_liquid(fluid, t)
        assert ours.density_g_cm3 == pytest.approx(cp.density_g_cm3, rel=1e-5)
        assert ours.surface_tension_mN_m == pytest.approx(cp.surface_tension_mN_m, rel=1e-5)
        assert ours.saturation_pressure_kPa == pytest.approx(cp.saturation_pressure_kPa, rel=1e-6)


def test_published_values():
    n2 = adsorbate_properties("N2", 77.355)
    # N2 at its normal boiling point: 0.806 g/cm3, 8.88 mN/m, 101.3 kPa (NIST webbook); sigma 0.162 nm2 (ISO 9277)
    assert (n2.liquid_density_g_cm3, n2.surface_tension_mN_m, n2.saturation_pressure_kPa) == pytest.approx((0.806, 8.88, 101.3), rel=2e-3)
    assert n2.sigma_nm2 == 0.162
    assert adsorbate_properties("Ar", 87.3).sigma_nm2 == 0.138
    assert adsorbate_properties("Kr", 77.3).sigma_nm2 == 0.202
    assert adsorbate_properties("CO2", 273.15).sigma_nm2 == 0.17


def test_aliases_as_pygaps():
    assert find_adsorbate("Nitrogen")["name"] == find_adsorbate("n2")["name"] == "nitrogen"
    assert find_adsorbate("C2H2")["name"] == "acetylene"
    with pytest.raises(InputError, match="adsorbate = 'nC6'"):
        find_adsorbate("nC6")


def test_missing_property_refuses_only_what_needs_it():
    c2h2 = adsorbate_properties("C2H2", 298.0)  # no CoolProp fluid: no liquid, but a cross-section
    assert c2h2.sigma_nm2 == 0.187 and c2h2.liquid_density_g_cm3 is None
    with pytest.raises(InputError, match="the Gurvich pore volume needs its liquid density") as err:
        c2h2.need("liquid_density_g_cm3", "the Gurvich pore volume")
    assert "\n" not in str(err.value)
    n2_hot = adsorbate_properties("N2", 273.0)  # above the critical point (126.2 K)
    assert n2_hot.liquid_density_g_cm3 is None and "no saturated liquid" in n2_hot.liquid_source


def test_krypton_bet_with_its_own_cross_section():
    # a BET isotherm with n_m = 0.05 mmol/g, C = 80: a = 0.05e-3 x 6.02214076e23 x 0.202e-18 = 6.0824 m2/g
    p = np.linspace(0.05, 0.3, 12)
    iso = isotherm_from_arrays(p, bet_loading(p, 0.05, 80.0), adsorbate="krypton", temperature_K=77.35)
    assert area_bet(iso).ssa_m2_g == pytest.approx(0.05e-3 * 6.02214076e23 * 0.202e-18, rel=1e-9)
    assert math.isclose(area_bet(iso).sigma_nm2, 0.202)
