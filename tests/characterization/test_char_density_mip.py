"""Densities and mercury porosimetry against hand calculations."""

import numpy as np
import pytest

from alloypore.characterization.density import density_analysis, parse_composition
from alloypore.characterization.mip import (
    MIPData,
    analyse_mip,
    find_valley_diameter_nm,
    mip_distribution,
    read_mip_csv,
    washburn_diameter_nm,
)
from alloypore.errors import DataFileError, InputError
from evidencehelp import bimodal_mip_table


def test_closed_porosity_hand_calculation_50_50_si_c():
    # Hand calculation (issue 4): Si 2.329 g/cm3 and amorphous carbon 2.00 g/cm3 -- the carbon density that
    # reproduces the numbers (with 2.00: v_s = 0.5/2.329 + 0.5/2.00 = 0.214684 + 0.25 = 0.464684 cm3/g).
    # V_closed = 1/1.90 - 0.464684 = 0.526316 - 0.464684 = 0.061632 cm3/g
    # eps_closed = 0.061632 / (0.464684 + 0.30 + 0.061632) = 0.061632 / 0.826316 = 0.07459 -> 7.5 %
    res = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, true_density_g_cm3=1 / (0.5 / 2.329 + 0.5 / 2.00))
    assert res.closed_pore_volume_cm3_g == pytest.approx(0.0616, abs=5e-5)
    assert res.closed_porosity == pytest.approx(0.0746, abs=5e-4)
    assert round(100 * res.closed_porosity, 1) == 7.5
    assert res.porosity == pytest.approx(0.361632 / 0.826316, rel=1e-5)
    assert res.closed_pore_fraction == pytest.approx(0.061632 / 0.361632, rel=1e-4)
    assert res.envelope_density_g_cm3 == pytest.approx(1 / 0.826316, rel=1e-5)


def test_composition_route_uses_materials_table():
    from alloypore.materials import get_material

    res = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition="Si=0.5,amorphous_carbon=0.5")
    rho_si = get_material("Si").density_g_cm3
    rho_c = get_material("amorphous_carbon").density_g_cm3
    assert res.true_density_g_cm3 == pytest.approx(1 / (0.5 / rho_si + 0.5 / rho_c), rel=1e-12)
    if (rho_si, rho_c) == (2.329, 2.0):
        assert round(100 * res.closed_porosity, 1) == 7.5


def test_tap_density_interparticle_void():
    # envelope 1/(1/2 + 0.25) = 1.3333 g/cm3; tap 0.8 -> void 1 - 0.8/1.3333 = 0.4
    res = density_analysis(helium_density_g_cm3=2.0, open_pore_volume_cm3_g=0.25, true_density_g_cm3=2.0, tap_density_g_cm3=0.8)
    assert res.closed_pore_volume_cm3_g == 0.0
    assert res.interparticle_void_fraction == pytest.approx(0.4, rel=1e-12)


def test_density_refusals():
    with pytest.raises(InputError, match="helium_density"):
        density_analysis(helium_density_g_cm3=2.5, open_pore_volume_cm3_g=0.3, true_density_g_cm3=2.2)
    with pytest.raises(InputError, match="exactly one"):
        density_analysis(helium_density_g_cm3=2.0, open_pore_volume_cm3_g=0.3)
    with pytest.raises(InputError, match="composition"):
        parse_composition("Si:0.5")


def test_washburn_100_MPa_is_14_86_nm():
    # D = -4 gamma cos(theta)/P = 4 * 0.485 * 0.766044 / 100e6 m = 1.48612e-8 m = 14.861 nm
    assert float(washburn_diameter_nm(100.0)) == pytest.approx(14.86, abs=0.005)
    assert float(washburn_diameter_nm(100.0)) == pytest.approx(4 * 0.485 * np.cos(np.radians(40)) / 100e6 * 1e9, rel=1e-12)
    # settable: gamma 0.48, theta 130 deg -> 4*0.48*0.642788/1e8 = 12.34 nm
    assert float(washburn_diameter_nm(100.0, 0.48, 130.0)) == pytest.approx(12.341, abs=1e-3)


@pytest.mark.parametrize("unit", ["MPa", "psia"])
def test_mip_split_at_valley_recovers_intraparticle_volume(tmp_path, unit):
    data = read_mip_csv(bimodal_mip_table(tmp_path / "mip.csv", unit))
    res = analyse_mip(data, conformance_pressure_MPa=0.01, skeletal_density_g_cm3=2.0)
    assert res.conformance_volume_cm3_g == pytest.approx(0.02, abs=1e-3)
    assert res.cutoff_source == "valley"
    # valley between 5 um and 50 nm modes: geometric middle ~ 500 nm (broad minimum; within a factor 3)
    assert 150 < res.cutoff_diameter_nm < 1700
    assert res.intraparticle_pore_volume_cm3_g == pytest.approx(0.30, rel=0.02)
    assert res.interparticle_volume_cm3_g == pytest.approx(0.40, rel=0.02)
    assert res.modal_intraparticle_diameter_nm == pytest.approx(50.0, rel=0.1)
    # envelope density 1/(1/2.0 + 0.30) = 1.25 g/cm3
    assert res.envelope_density_g_cm3 == pytest.approx(1.25, rel=0.01)


def test_mip_user_cutoff_and_single_mode(tmp_path):
    data = read_mip_csv(bimodal_mip_table(tmp_path / "mip.csv"))
    res = analyse_mip(data, cutoff_diameter_nm=1000.0)
    assert res.cutoff_source == "user"
    assert res.intraparticle_pore_volume_cm3_g == pytest.approx(0.30, rel=0.02)
    # one mode only -> no automatic split, a flag
    p = np.geomspace(0.1, 400, 60)
    v = 0.3 / (1 + (washburn_diameter_nm(p) / 50.0) ** 4)
    one = analyse_mip(MIPData(p, v))
    assert one.cutoff_diameter_nm is None and one.flags


def test_distribution_integrates_to_total():
    p = np.geomspace(0.1, 400, 100)
    v = 0.3 / (1 + (washburn_diameter_nm(p) / 50.0) ** 4)
    d, cum, dvdlog = mip_distribution(p, v)
    assert np.trapezoid(dvdlog, np.log10(d)) == pytest.approx(v.max() - v.min(), rel=0.01)
    assert find_valley_diameter_nm(d, dvdlog) is None


@pytest.mark.parametrize(
    "content, match",
    [
        # issue #15: kPa is read now; bar is not a MIP unit here
        ("pressure_bar,intrusion_mL_g\n1,0.1\n2,0.2\n3,0.3\n4,0.3\n5,0.3\n", "MPa, kPa or psi"),
        ("pressure_MPa,intrusion_L_g\n1,0.1\n2,0.2\n3,0.3\n4,0.3\n5,0.3\n", "mL/g or mL"),
        ("pressure_MPa,intrusion_mL_g\n1,0.1\n2,abc\n3,0.3\n4,0.3\n5,0.3\n", "non-numeric"),
        ("pressure_MPa,intrusion_mL_g\n1,0.5\n2,0.3\n3,0.1\n4,0.0\n5,0.0\n", "falls"),
        ("pressure_MPa,intrusion_mL_g\n1,0.1\n2,0.2\n", "at least 5"),
    ],
)
def test_mip_bad_files(tmp_path, content, match):
    f = tmp_path / "bad.csv"
    f.write_text(content)
    with pytest.raises(DataFileError, match=match):
        read_mip_csv(f)


def test_mip_per_sample_volume_needs_the_mass(tmp_path):
    # issue #15: mL per sample is read with the sample mass, refused in one line without it
    from alloypore.errors import InputError

    f = tmp_path / "per_sample.csv"
    f.write_text("pressure_MPa,intrusion_mL\n1,0.1\n2,0.2\n3,0.3\n4,0.3\n5,0.3\n")
    with pytest.raises(InputError, match="sample_mass"):
        read_mip_csv(f)


def test_mip_either_pressure_order_units_and_per_sample_volume(tmp_path):
    """issue #15: high-to-low listings, kPa and psi, and mL per sample with the mass all give the same curve."""
    ref = read_mip_csv(bimodal_mip_table(tmp_path / "ref.csv"))
    p, v = ref.pressure_MPa, ref.intrusion_mL_g
    rows = list(zip(p, v))
    variants = {
        "desc.csv": ("pressure_MPa,intrusion_mL_g", [(a, b) for a, b in rows[::-1]], {}),
        "kpa.csv": ("Pressure (kPa),Cumulative Intrusion (mL/g)", [(a * 1e3, b) for a, b in rows], {}),
        "psi.csv": ("Pressure (psi),Cumulative Intrusion (mL/g)", [(a / 0.00689475729, b) for a, b in rows], {}),
        "sample.csv": ("Pressure (MPa),Cumulative Volume (mL)", [(a, b * 0.25) for a, b in rows], {"sample_mass_g": 0.25}),
    }
    for name, (header, data, kw) in variants.items():
        f = tmp_path / name
        f.write_text(header + "\n" + "\n".join(f"{a:.12g},{b:.12g}" for a, b in data) + "\n")
        got = read_mip_csv(f, **kw)
        np.testing.assert_allclose(got.pressure_MPa, p, rtol=1e-9)
        np.testing.assert_allclose(got.intrusion_mL_g, v, rtol=1e-9, atol=1e-12)
    assert "high to low" in read_mip_csv(tmp_path / "desc.csv").notes[0]
    assert analyse_mip(read_mip_csv(tmp_path / "desc.csv")).intraparticle_pore_volume_cm3_g == pytest.approx(
        analyse_mip(ref).intraparticle_pore_volume_cm3_g, rel=1e-9)
