"""The precursor phase table and the small balance helpers, against independent numbers.

Crystallographic densities rho = Z M / (N_A V_cell) from the lattice data the table cites;
molar masses from IUPAC atomic weights (Mg 24.305, Si 28.0855, N 14.007, O 15.999, Fe 55.845).
"""

import pytest

from alloypore.errors import InputError
from alloypore.synthesis import (
    get_phase,
    max_zero_expansion_fill,
    max_zero_expansion_loading_g_g,
    sacrificial_porosity,
)
from alloypore.synthesis.phases import constant, molar_mass
from alloypore.synthesis.result import merge_mass_fractions

N_A = 6.02214076e23
MG, SI, N, O, FE = 24.305, 28.0855, 14.007, 15.999, 55.845


@pytest.mark.parametrize("name, Z, M, cell_A3, rel", [
    ("Mg2Si", 4, 2 * MG + SI, 6.351 ** 3, 2e-3),  # antifluorite, a = 6.351 A -> 1.989
    ("Mg3N2", 16, 3 * MG + 2 * N, 9.97 ** 3, 2e-3),  # anti-bixbyite, a = 9.97 A -> 2.706
    ("MgO", 4, MG + O, 4.212 ** 3, 2e-3),  # rock salt, a = 4.212 A -> 3.583
    ("FeSi", 4, FE + SI, 4.489 ** 3, 2e-3),  # B20, a = 4.489 A -> 6.163
    ("FeSi2", 16, FE + 2 * SI, 9.863 * 7.791 * 7.833, 2e-3),  # beta, Cmca -> 4.944
])
def test_densities_from_the_lattice(name, Z, M, cell_A3, rel):
    ph = get_phase(name)
    assert ph.molar_mass_g_mol == pytest.approx(M, rel=1e-9)
    assert ph.density_g_cm3 == pytest.approx(Z * M / (N_A * cell_A3 * 1e-24), rel=rel)
    assert "density_g_cm3" in ph.sources and "molar_mass_g_mol" in ph.sources


def test_electrode_materials_come_from_the_materials_table():
    si = get_phase("Si")
    assert (si.molar_mass_g_mol, si.density_g_cm3) == (pytest.approx(SI), pytest.approx(2.329))
    assert molar_mass("O") == pytest.approx(O) and molar_mass("N") == pytest.approx(N)
    assert (constant("pitch", "density_g_cm3"), constant("pitch", "char_yield")) == (1.30, 0.55)
    with pytest.raises(InputError, match="unknown phase"):
        get_phase("unobtainium")


def test_sacrificial_porosity_by_hand():
    # AlSi20 per g: Si 0.2/2.329 = 0.085874 cm3 in 0.8/2.70 + 0.085874 = 0.382170 cm3 -> 0.77530
    v_si, v_env = 0.2 / 2.329, 0.8 / 2.70 + 0.2 / 2.329
    assert sacrificial_porosity(v_si, v_env) == pytest.approx(0.77530, abs=1e-5)
    # 10 % shrinkage: 1 - 0.085874 / (0.382170 * 0.9) = 0.75034
    assert sacrificial_porosity(v_si, v_env, 0.1) == pytest.approx(0.75034, abs=1e-5)


def test_zero_expansion_loading_by_hand():
    # Si, beta = 2.80 (review): fill 1/3.8 = 0.26316; HC-0.8 holds 0.8 * 2.329 / 3.8 = 0.49032 g/g
    assert max_zero_expansion_fill(2.80) == pytest.approx(0.26316, abs=1e-5)
    assert max_zero_expansion_loading_g_g(0.8, 2.329, 2.80) == pytest.approx(0.49032, abs=1e-5)


def test_merge_mass_fractions_sums_one_carbon_listed_twice():
    # template 1 g + overcoat 0.25 g of the same carbon, 0.5 g Si, 0 g of a missing phase
    w = merge_mass_fractions([("amorphous_carbon", 1.0), ("Si", 0.5), ("amorphous_carbon", 0.25), ("graphite", 0.0)])
    assert w == {"amorphous_carbon": pytest.approx(1.25 / 1.75), "Si": pytest.approx(0.5 / 1.75)}
