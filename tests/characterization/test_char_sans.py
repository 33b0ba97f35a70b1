"""SANS: neutron SLDs (published and by hand), H/D match points, closed porosity from a contrast-matched curve."""

import numpy as np
import pytest

from alloypore.characterization import sans
from alloypore.characterization import saxs as sx
from alloypore.errors import InputError
from evidencehelp import dilute_spheres

NA = 6.02214076e23
# Coherent scattering lengths, fm (Sears, Neutron News 3 (1992) 26; NIST table)
B_H, B_D, B_O, B_C = -3.7390, 6.671, 5.803, 6.6460


def sld_by_hand(b_fm_sum, molar_mass, density):
    """sum(b) / V_formula in 1e-6 A^-2: V = M / (rho N_A) [cm3] * 1e24 [A^3/cm3]; b in fm = 1e-5 A."""
    v_a3 = molar_mass / (density * NA) * 1e24
    return b_fm_sum * 1e-5 / v_a3 * 1e6


def test_water_slds_match_published_values():
    # Published: H2O -0.56e-6 A^-2, D2O 6.36e-6 A^-2 (NIST SLD calculator; the values)
    h = sans.neutron_sld("H2O", sans.H2O.density_g_cm3)
    d = sans.neutron_sld("D2O", sans.D2O.density_g_cm3)
    assert h == pytest.approx(-0.56, abs=0.005)
    assert d == pytest.approx(6.36, abs=0.01)
    # by hand: H2O b = 2(-3.739) + 5.803 = -1.675 fm, V = 18.015/(0.99705 NA) = 30.003 A3 -> -0.5583
    assert h == pytest.approx(sld_by_hand(2 * B_H + B_O, 18.015, 0.99705), rel=0.005)
    # D2O b = 2(6.671) + 5.803 = 19.145 fm, V = 20.027/(1.1044 NA) = 30.112 A3 -> 6.358
    assert d == pytest.approx(sld_by_hand(2 * B_D + B_O, 20.027, 1.1044), rel=0.005)


def test_match_point_of_a_carbon_by_hand():
    """Carbon of density 1.80 g/cm3.

    SLD_C = b_C / V_C, V_C = 12.011 / (1.80 * 0.602214) A3 = 11.080 A3; b_C = 6.646 fm = 6.646e-5 A
    -> SLD_C = 6.646e-5 / 11.080 = 5.998e-6 A^-2.
    phi_D2O = (SLD_C - SLD_H2O) / (SLD_D2O - SLD_H2O) = (5.998 + 0.559) / (6.356 + 0.559) = 0.948.
    """
    sld_c = sans.neutron_sld("C", 1.80)
    assert sld_c == pytest.approx(6.646e-5 / (12.011 / (1.80 * 0.602214076)) * 1e6, rel=0.002)
    assert sld_c == pytest.approx(5.998, abs=0.01)
    sh, sd = sans.neutron_sld("H2O", 0.99705), sans.neutron_sld("D2O", 1.1044)
    phi = sans.contrast_match_fraction(sld_c, sh, sd)
    assert phi == pytest.approx((5.998 + 0.559) / (6.356 + 0.559), abs=0.002)
    assert sans.mixture_sld(phi, sh, sd) == pytest.approx(sld_c, rel=1e-12)
    # mass fraction to weigh: w = phi rho_D / (phi rho_D + (1-phi) rho_H)
    fr = sans.solvent_fractions(phi)
    assert fr["d_mass_fraction"] == pytest.approx(phi * 1.1044 / (phi * 1.1044 + (1 - phi) * 0.99705), rel=1e-12)


def test_unmatchable_phase_is_refused():
    # graphite 2.26 g/cm3: SLD = 7.53 > D2O's 6.36 -> no H2O/D2O mixture matches it
    sh, sd = sans.neutron_sld("H2O", 0.99705), sans.neutron_sld("D2O", 1.1044)
    s = sans.neutron_sld("C", 2.26)
    assert s == pytest.approx(6.646e-5 / (12.011 / (2.26 * 0.602214076)) * 1e6, rel=0.002)
    with pytest.raises(InputError, match="cannot be matched"):
        sans.contrast_match_fraction(s, sh, sd)
    t = sans.contrast_table([sans.parse_phase("graphite"), sans.parse_phase("Si")])
    g, si = t["phases"]
    assert g["match_d_volume_fraction"] is None and g["match_d_volume_fraction_raw"] > 1
    # Si 2.329 g/cm3: b = 4.1491 fm, V = 20.02 A3 -> 2.07e-6; match (2.07 + 0.559)/6.915 = 0.380
    assert si["neutron_sld_1e10_cm2"] == pytest.approx(sld_by_hand(4.1491, 28.0855, 2.329), rel=0.003)
    assert si["match_d_volume_fraction"] == pytest.approx((2.073 + 0.559) / (6.356 + 0.559), abs=0.003)


def test_closed_porosity_recovered_from_a_contrast_matched_curve():
    """Porous carbon (1.8 g/cm3), 2 % pores of which a quarter closed; filled with the matching H2O/D2O."""
    a = sans.neutron_sld("C", 1.80)
    dry = sx.porod_invariant(dilute_spheres(0.02, a))
    # matched solvent: the open pores vanish, only the closed ones (0.5 %) still scatter with contrast a
    filled = sx.porod_invariant(dilute_spheres(0.005, a))
    r = sans.closed_porosity_contrast_matched(dry, filled, a)
    assert r["pore_volume_fraction"] == pytest.approx(0.02, rel=0.01)
    assert r["closed_pore_volume_fraction"] == pytest.approx(0.005, rel=0.01)
    assert r["closed_pore_fraction"] == pytest.approx(0.25, rel=0.02)


def test_closed_porosity_with_an_imperfect_match_three_phase_invariant():
    """Solvent 2e-6 A^-2 below the match (e.g. 66 instead of 95 vol% D2O).  Three-phase invariant written out:
    Q/2pi^2 = s o (a-L)^2 + s c a^2 + o c L^2 with t = 0.02, c = 0.005, o = 0.015, s = 0.98."""
    a = sans.neutron_sld("C", 1.80)
    L = a - 2.0
    t, c = 0.02, 0.005
    o, s = t - c, 1 - t
    q3 = s * o * (a - L) ** 2 + s * c * a**2 + o * c * L**2
    # a filled curve whose invariant is 2 pi^2 q3: spheres with phi(1-phi) drho^2 = q3 (drho = 1)
    phi_eq = (1 - np.sqrt(1 - 4 * q3)) / 2
    dry = sx.porod_invariant(dilute_spheres(t, a))
    filled = sx.porod_invariant(dilute_spheres(phi_eq, 1.0))
    r = sans.closed_porosity_contrast_matched(dry, filled, a, L)
    assert r["closed_pore_volume_fraction"] == pytest.approx(c, rel=0.03)
    # ignoring the mismatch would count the filled open pores as closed
    naive = sans.closed_porosity_contrast_matched(dry, filled, a)
    assert naive["closed_pore_volume_fraction"] > 1.1 * c
