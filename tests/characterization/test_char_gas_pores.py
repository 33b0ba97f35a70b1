"""Kelvin/Harkins-Jura, BJH/DH, t-plot, Gurvich, DR, AIF loading: against hand calculations."""

from pathlib import Path

import numpy as np
import pytest

from alloypore.characterization import gas_pores as gp
from alloypore.characterization.isotherm import isotherm_from_arrays, load_isotherm
from alloypore.errors import DataFileError, InputError

TESTDATA = Path(__file__).resolve().parents[1] / "data" / "characterization" / "isotherms"
LOCAL = Path(__file__).resolve().parents[1] / "data" / "characterization"


def test_kelvin_harkins_jura_diameter_at_half_p0_is_4_06_nm():
    # Hand calculation, N2 at 77.355 K (gamma 8.88 mN/m, rho_l 0.806 g/cm3, M 28.0135 g/mol -> Vm 34.75 cm3/mol):
    # r_K = 2 gamma Vm / (R T ln 2) = 2*8.88e-3*34.75e-6/(8.3145*77.355*0.6931) = 1.384 nm
    # t_HJ = sqrt(0.1399/(0.034 + log10 2)) = sqrt(0.1399/0.33503) = 0.6462 nm
    # d = 2 (r_K + t) = 4.061 nm   (convention: twice the Kelvin radius plus twice the film)
    r_k = 2 * 8.88e-3 * (28.0135 / 0.806) * 1e-6 / (8.314462618 * 77.355 * np.log(2)) * 1e9
    t = np.sqrt(0.1399 / (0.034 + np.log10(2)))
    assert r_k == pytest.approx(1.384, abs=2e-3) and t == pytest.approx(0.6462, abs=1e-4)
    d = gp.kelvin_pore_diameter_nm(0.5, 77.355, 8.88, 28.0135 / 0.806)
    assert float(d) == pytest.approx(2 * (r_k + t), rel=1e-9)
    assert float(d) == pytest.approx(4.06, abs=0.01)
    # with pyGAPS/CoolProp properties of N2 (as used on real files)
    props = load_isotherm(TESTDATA / "SiO2_N2_77K.json").properties()
    d2 = gp.kelvin_pore_diameter_nm(0.5, 77.355, props.surface_tension_mN_m, props.liquid_molar_volume_cm3_mol)
    assert float(d2) == pytest.approx(4.06, abs=0.01)


def _cylinder_isotherm(d_pore_nm: float, v_pore_cm3_g: float):
    """Synthetic N2 isotherm of one population of cylindrical pores of diameter d (desorption model):
    film t(p) on the walls until the pore empties at the Kelvin pressure, then only an external film."""
    props_T, gamma, vm = 77.355, 8.88, 28.0135 / 0.806
    p = np.linspace(0.36, 0.99, 80)
    d_empty = gp.kelvin_pore_diameter_nm(p, props_T, gamma, vm)
    full = d_empty > d_pore_nm  # pores still full at p (their emptying pressure is lower)
    n_liq = v_pore_cm3_g / (28.0135 / 0.806 * 1e-3)  # mmol/g filling the pores
    t = gp.harkins_jura_thickness_nm(p)
    # filmed but emptied pores hold a film of volume V (1 - ((r - t)/r)^2)
    r = d_pore_nm / 2
    film = n_liq * (1 - ((r - t) / r) ** 2)
    n = np.where(full, n_liq, film)
    return p, n


def test_bjh_recovers_a_single_cylinder_population():
    p, n = _cylinder_isotherm(8.0, 0.5)
    iso = isotherm_from_arrays(p, n, p, n, adsorbate="nitrogen", temperature_K=77.355)
    for method in ("BJH", "DH"):
        psd = gp.psd_mesopore(iso, method, "des", (0.35, 0.995))
        # the whole pore volume appears near 8 nm (one bin of the pressure grid wide)
        assert psd.modal_diameter_nm == pytest.approx(8.0, rel=0.06)
        near = np.abs(psd.diameter_nm - 8.0) < 1.0
        # liquid volume with pyGAPS' N2 density 0.8061 (vs 0.806 used to build): the pore volume 0.5 cm3/g
        assert psd.pore_volume_cm3_g[near].sum() == pytest.approx(0.5, rel=0.03)


def test_one_branch_isotherm_refused_for_bjh():
    p = np.linspace(0.05, 0.9, 20)
    iso = isotherm_from_arrays(p, 2 * p + 1)
    with pytest.raises(DataFileError, match="no desorption branch"):
        gp.psd_mesopore(iso)


def test_t_plot_recovers_micropore_volume_and_external_area():
    # n = n_mic + s t(p): n_mic = 2 mmol/g -> V = 2e-3*28.0135/0.80608 = 0.0695 cm3/g (pyGAPS N2 density)
    p = np.geomspace(0.01, 0.8, 40)
    t = gp.harkins_jura_thickness_nm(p)
    s = 3.0  # mmol/(g nm) -> S_ext = 3e-3 mol * 34.753 cm3/mol per nm = 0.10426 cm3/(g nm) = 104.26 m2/g
    iso = isotherm_from_arrays(p, 2.0 + s * t)
    res = gp.t_plot(iso)
    rho = iso.properties().liquid_density_g_cm3
    assert res.micropore_volume_cm3_g == pytest.approx(2e-3 * 28.01348 / rho, rel=1e-6)
    assert res.external_area_m2_g == pytest.approx(3e-3 * 28.01348 / rho * 1e3, rel=1e-6)


def test_gurvich_volume_by_hand():
    # 10 mmol/g at p/p0 = 0.95 -> 10e-3 mol * 28.01348 g/mol / 0.80608 g/cm3 = 0.3475 cm3/g
    p = np.array([0.1, 0.5, 0.9, 0.95, 0.99])
    n = np.array([2.0, 4.0, 8.0, 10.0, 11.0])
    iso = isotherm_from_arrays(p, n)
    v = gp.gurvich_pore_volume_cm3_g(iso, 0.95)
    assert v == pytest.approx(10e-3 * 28.01348 / iso.properties().liquid_density_g_cm3, rel=1e-9)
    assert v == pytest.approx(0.3475, abs=5e-4)
    with pytest.raises(InputError):
        gp.gurvich_pore_volume_cm3_g(iso, 0.999)


def test_dubinin_radushkevich_co2_273K_synthetic():
    # W0 = 0.25 cm3/g, E = 25 kJ/mol, CO2 at 273.15 K, rho_ads = 1.023 g/cm3 (Cazorla-Amoros 1996)
    T, E, W0 = 273.15, 25e3, 0.25
    p = np.geomspace(1e-4, 0.03, 25)
    A = 8.314462618 * T * np.log(1 / p)
    W = W0 * np.exp(-((A / E) ** 2))
    n = W * 1.023 / 44.0098 * 1e3  # mmol/g
    iso = isotherm_from_arrays(p, n, adsorbate="carbon dioxide", temperature_K=T)
    res = gp.dubinin_radushkevich(iso)
    assert res.micropore_volume_cm3_g == pytest.approx(W0, rel=1e-6)
    assert res.characteristic_energy_kJ_mol == pytest.approx(25.0, rel=1e-6)
    assert res.adsorbed_density_g_cm3 == 1.023


def test_aif_loading_works_under_pandas_3():
    """pyGAPS 4.6.1's AIF reader alone fails under pandas 3; ours reads the same data as the JSON original."""
    aif = load_isotherm(LOCAL / "SiO2_N2_77K.aif")
    ref = load_isotherm(TESTDATA / "SiO2_N2_77K.json")
    # the AIF writer rounds to 8 decimals (bar): 1e-5 relative on the smallest pressure
    np.testing.assert_allclose(aif.p_rel_ads, ref.p_rel_ads, rtol=2e-5)
    np.testing.assert_allclose(aif.n_ads_mmol_g, ref.n_ads_mmol_g, rtol=1e-6)
    assert aif.p_rel_des.size == ref.p_rel_des.size == 15
    # pandas itself is left untouched
    import pandas as pd
    import pygaps.parsing.aif as aif_mod

    assert aif_mod.pandas is pd


def test_hand_written_aif_with_kpa_and_relative_units(tmp_path):
    text = """data_test
_audit_aif_version d546195
_exptl_adsorptive 'nitrogen'
_exptl_temperature 77.35
_adsnt_material_id 'handmade'
_units_temperature K
_units_pressure 'relative'
_units_loading 'mmol/g'

loop_
_adsorp_pressure
_adsorp_amount
0.05 1.0
0.10 1.2
0.20 1.5
0.30 1.8
0.50 2.5

loop_
_desorp_pressure
_desorp_amount
0.45 2.6
0.25 1.7
0.15 1.4
"""
    f = tmp_path / "hand.aif"
    f.write_text(text)
    iso = load_isotherm(f)
    np.testing.assert_allclose(iso.p_rel_ads, [0.05, 0.1, 0.2, 0.3, 0.5])
    np.testing.assert_allclose(iso.n_des_mmol_g, [1.4, 1.7, 2.6])


@pytest.mark.parametrize("branch", ["des", "ads"])
def test_own_bjh_equals_pygaps_bjh_and_dh(branch):
    """bjh_raw (running sums, no pyGAPS import) against pyGAPS' psd_bjh and psd_dollimore_heal on the same inputs."""
    from pygaps.characterisation.psd_meso import psd_bjh, psd_dollimore_heal

    from alloypore.characterization._quiet import quiet

    iso = load_isotherm(TESTDATA / "MCM-41_N2_77K.json")
    p = iso.p_rel_des if branch == "des" else iso.p_rel_ads
    n = iso.n_des_mmol_g if branch == "des" else iso.n_ads_mmol_g
    sel = (p >= 0.35) & (p <= 0.99)
    props = iso.properties()
    vol = gp.loading_to_liquid_volume_cm3_g(n[sel], props.molar_mass_g_mol, props.liquid_density_g_cm3)

    def kelvin(pr):
        return gp.kelvin_radius_nm(pr, iso.temperature_K, props.surface_tension_mN_m, props.liquid_molar_volume_cm3_mol)

    ours = gp.bjh_raw(vol, p[sel], gp.harkins_jura_thickness_nm, kelvin)
    with quiet():
        for fn in (psd_bjh, psd_dollimore_heal):
            theirs = fn(vol, p[sel], "cylinder", gp.harkins_jura_thickness_nm, kelvin)
            for key in ("pore_widths", "pore_volumes", "pore_areas", "pore_distribution"):
                np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-10, atol=1e-15)
