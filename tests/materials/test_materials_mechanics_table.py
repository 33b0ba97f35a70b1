"""The mechanics table: every value present, sourced, physical; names match the materials table."""

import pytest

from alloypore.errors import InputError
from alloypore.materials.mechanics import get_mechanics, mechanics_names, mechanics_sources, modulus_at_theta

NAMES = ["Si", "Ge", "Sn", "Sb", "Al", "SiO", "graphite", "hard_carbon", "amorphous_carbon", "SiO2"]


def test_names_and_sources():
    assert set(NAMES) <= set(mechanics_names())
    for n in NAMES:
        p = get_mechanics(n)
        assert p.E_GPa > 0 and -1 < p.nu < 0.5 and p.diffusivity_cm2_s > 0
        assert all(len(s) > 10 for s in mechanics_sources(n).values())


def test_names_match_materials_table():
    from alloypore.materials import material_names

    assert set(mechanics_names()) <= set(material_names())


def test_si_partial_molar_volume_consistent_with_expansion():
    # Omega = V_m(Si) beta / x = (28.0855/2.329) cm3/mol * 2.8076 / 3.75 = 9.03 cm3/mol (within 2 % of 8.89)
    from alloypore.materials import get_material

    si = get_material("Si")
    omega = si.molar_mass_g_mol / si.density_g_cm3 * si.volume_expansion / si.li_per_host
    assert get_mechanics("Si").partial_molar_volume_cm3_mol == pytest.approx(omega, rel=0.02)


def test_softening_interpolation_and_errors():
    si = get_mechanics("Si")
    assert modulus_at_theta("Si", 0.5) == pytest.approx(0.5 * (si.E_GPa + si.E_lithiated_GPa))
    with pytest.raises(InputError):
        get_mechanics("unobtainium")
