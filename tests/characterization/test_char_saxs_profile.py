"""SAXS invariant/Porod against an analytic dilute-sphere curve; pore profile -> [particle] spec."""

import tomllib

import numpy as np
import pytest

from alloypore.characterization import saxs as sx
from alloypore.characterization.density import density_analysis
from alloypore.characterization.profile import PoreProfile
from alloypore.errors import DataFileError, InputError


def _spheres(phi, drho_1e10=10.0, r0=5.0, rel_sigma=0.1, q=None):
    """Dilute polydisperse spheres (Gaussian radii): I = phi(1-phi) drho^2 <V^2 P>/<V>  [cm^-1], q in 1/nm.
    Analytic invariant (any particle shape): Q = 2 pi^2 drho^2 phi(1-phi); S/V = phi <4 pi R^2>/<V>."""
    q = np.geomspace(0.01, 5.0, 400) if q is None else q
    radii = np.linspace(r0 * (1 - 3 * rel_sigma), r0 * (1 + 3 * rel_sigma), 61)
    w = np.exp(-0.5 * ((radii - r0) / (rel_sigma * r0)) ** 2)
    vol = 4 / 3 * np.pi * radii**3  # nm^3
    num = (w[:, None] * vol[:, None] ** 2 * sx.sphere_form_factor(q[None, :], radii[:, None])).sum(0)
    i = phi * (1 - phi) * (drho_1e10 * 1e10) ** 2 * num / (w * vol).sum() * 1e-21  # nm^3 -> cm^3
    s_over_v = phi * (w * 4 * np.pi * radii**2).sum() / (w * vol).sum() * 1e3  # 1/nm -> m2/cm3
    return sx.SAXSData(q, i), s_over_v


def test_sphere_form_factor_limits():
    assert float(sx.sphere_form_factor(0.0, 5.0)) == 1.0
    # first zero of the sphere amplitude at qR = 4.4934 (tan x = x)
    assert float(sx.sphere_form_factor(4.4934 / 5.0, 5.0)) == pytest.approx(0.0, abs=1e-8)


@pytest.mark.parametrize("phi", [0.005, 0.02])
def test_porod_invariant_recovers_dilute_sphere_volume_fraction_within_1pct(phi):
    data, s_v = _spheres(phi)
    inv = sx.porod_invariant(data, delta_sld_1e10_cm2=10.0, sample_density_g_cm3=2.0)
    assert inv.volume_fraction == pytest.approx(phi, rel=0.01)
    # analytic invariant 2 pi^2 drho^2 phi(1-phi), in cm^-1 nm^-3 (1e-21 * cm^-4)
    assert inv.invariant_cm_nm3 == pytest.approx(2 * np.pi**2 * (10.0 * 1e10) ** 2 * phi * (1 - phi) * 1e-21, rel=0.01)
    assert inv.specific_surface_m2_cm3 == pytest.approx(s_v, rel=0.02)
    assert inv.specific_surface_m2_g == pytest.approx(s_v / 2.0, rel=0.02)


def test_extrapolations_matter_on_a_truncated_curve():
    data, _ = _spheres(0.01, q=np.geomspace(0.1, 2.0, 200))  # cut at both ends
    inv = sx.porod_invariant(data, delta_sld_1e10_cm2=10.0)
    assert inv.low_q_part > 0 and inv.high_q_part > 0
    assert inv.volume_fraction == pytest.approx(0.01, rel=0.03)
    measured_only = inv.measured_part * 1e21 / (2 * np.pi**2 * (10.0 * 1e10) ** 2)
    assert abs(measured_only - 0.01) > abs(inv.volume_fraction - 0.01)


def test_closed_porosity_from_contrast_matched_curve_and_persisting_ratio():
    dry, _ = _spheres(0.02)
    filled, _ = _spheres(0.005)  # only the closed quarter still scatters
    d = sx.porod_invariant(dry)
    f = sx.porod_invariant(filled)
    res = sx.closed_porosity_from_filled(d, f, 10.0)
    assert res["closed_pore_volume_fraction"] == pytest.approx(0.005, rel=0.01)
    assert res["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)
    # persisting ratio = Q_after/Q_before = 0.005*0.995/(0.02*0.98)
    assert sx.persisting_pore_ratio(d, f) == pytest.approx(0.005 * 0.995 / (0.02 * 0.98), rel=0.005)


def test_read_saxs_table_units(tmp_path):
    data, _ = _spheres(0.01)
    f = tmp_path / "c.csv"
    f.write_text("q_1/A,I_cm-1\n" + "\n".join(f"{a / 10:.8g},{b:.8g}" for a, b in zip(data.q_nm, data.intensity_cm)))
    back = sx.read_saxs_table(f)
    np.testing.assert_allclose(back.q_nm, data.q_nm, rtol=1e-7)
    g = tmp_path / "nounit.dat"
    g.write_text("q I\n" + "\n".join(f"{a:.8g} {b:.8g}" for a, b in zip(data.q_nm, data.intensity_cm)))
    with pytest.raises(DataFileError, match="q unit"):
        sx.read_saxs_table(g)
    assert sx.read_saxs_table(g, q_unit="1/nm").q_nm.size == data.q_nm.size
    with pytest.raises(InputError):
        sx.volume_fraction_from_invariant(1e9, 1.0)


def test_profile_renders_a_valid_particle_spec():
    res = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition={"Si": 0.5, "amorphous_carbon": 0.5})
    prof = res.to_profile(ssa_m2_g=120.0).replace(secondary_particle_size_um=12.0)
    text = prof.to_particle_toml()
    part = tomllib.loads(text)["particle"]
    assert part["phases"] == [{"material": "Si", "mass_fraction": 0.5}, {"material": "amorphous_carbon", "mass_fraction": 0.5}]
    assert part["porosity"] == pytest.approx(res.porosity, rel=1e-5)
    assert "pore_volume_cm3_g" not in part  # one, not both
    assert part["closed_pore_fraction"] == pytest.approx(res.closed_pore_fraction, rel=1e-5)
    assert part["ssa_m2_g"] == 120.0 and part["secondary_particle_size_um"] == 12.0
    from alloypore.particle import spec

    spec.ParticleSpec(**part)  # the design chain accepts it
    with pytest.raises(InputError, match="composition"):
        PoreProfile(pore_volume_cm3_g=0.3).to_particle_toml()
    pv = tomllib.loads(PoreProfile(pore_volume_cm3_g=0.3).to_particle_toml({"Si": 1.0}))["particle"]
    assert pv["pore_volume_cm3_g"] == 0.3 and "porosity" not in pv
