"""Lithiated end phases: x and molar volume from the same phase, against crystal data by hand."""

import math

import pytest

from alloypore.errors import DataFileError, SpecError
from alloypore.materials import get_material, parse_material_rows
from alloypore.materials.phases import cell_volume_A3, molar_volume_from_cell

NA = 6.02214076e23
F = 96485.33212


def vm_cubic(a_A, n_host):
    """Molar volume per host atom (cm3/mol) of a cubic cell: a^3 [A^3] * 1e-24 * N_A / n."""
    return a_A**3 * 1e-24 * NA / n_host


# host: (default phase, x, published molar volume per host atom, its cell by hand, M, rho)
HOSTS = {
    "Si": ("Li15Si4", 3.75, 45.916, vm_cubic(10.685, 16), 28.0855, 2.329),  # Obrovac & Christensen 2004
    "Ge": ("Li17Ge4", 4.25, 50.443, vm_cubic(18.8521, 80), 72.630, 5.323),  # Zeilinger & Faessler 2014
    "Sn": ("Li17Sn4", 4.25, 57.471, vm_cubic(19.6907, 80), 118.710, 7.265),  # Lupu, Mao, Rabenau 2003
    "Sb": ("Li3Sb", 3.0, 42.734, vm_cubic(6.572, 4), 121.760, 6.697),  # Li3Sb, Fm-3m
    "Al": ("LiAl", 1.0, 19.46, vm_cubic(6.37, 8), 26.9815, 2.70),  # LiAl, NaTl type
    # LiC6: hexagonal a = 4.305, c = 3.706 A, 6 C per cell: V = a^2 c sin(120 deg)
    "graphite": ("LiC6", 1 / 6, 5.9698, 4.305**2 * 3.706 * math.sqrt(3) / 2 * 1e-24 * NA / 6, 12.011, 2.26),
}


@pytest.mark.parametrize("name", list(HOSTS))
def test_default_phase_capacity_expansion_and_omega_from_one_crystal(name):
    phase, x, v_lith, v_cell, M, rho = HOSTS[name]
    m = get_material(name)
    assert m.lithiated_phase == phase and m.li_per_host == pytest.approx(x, rel=1e-12)
    assert m.lithiated_molar_volume_cm3_mol == pytest.approx(v_lith, rel=1e-12)
    assert v_cell == pytest.approx(v_lith, rel=1e-3)  # the published volume is that of the cell
    assert m.phases[0].cell.molar_volume_cm3_mol == pytest.approx(v_cell, rel=1e-12)
    v_host = M / rho
    assert m.capacity_mAh_g == pytest.approx(x * F / 3.6 / M, rel=1e-9)  # capacity from this x ...
    assert m.volume_expansion == pytest.approx(v_lith / v_host - 1, rel=1e-9)  # ... expansion from this V
    assert m.capacity_lithiated_mAh_cm3 == pytest.approx(x * F / 3.6 / v_lith, rel=1e-9)
    assert m.partial_molar_volume_cm3_mol == pytest.approx((v_lith - v_host) / x, rel=1e-9)


@pytest.mark.parametrize("name, omega", [("Si", 9.03), ("Ge", 8.66), ("Sn", 9.68), ("Sb", 8.18), ("Al", 9.467),
                                         ("graphite", 3.93)])
def test_omega_hand_numbers(name, omega):
    # e.g. Si: (45.916 - 12.059)/3.75 = 9.028; Ge: (50.443 - 13.645)/4.25 = 8.658; Sb: (42.734 - 18.181)/3 = 8.184
    assert get_material(name).partial_molar_volume_cm3_mol == pytest.approx(omega, abs=0.006)


def test_li22ge5_consistent_expansion_and_lithiated_capacity_of_the_issue():
    # Written out separately from the code: V_Ge = M/rho, V(Li17Ge4) from its cell, the 0.15 extra Li at
    # Omega(Li17Ge4) = (V17 - V_Ge)/4.25, so V(4.4) = V_Ge + 4.4 Omega.
    v_ge = 72.630 / 5.323  # 13.6446 cm3/mol
    v17 = 50.443  # Li17Ge4: 6700.1 A3 / 80 Ge (Zeilinger & Faessler 2014)
    v22 = v_ge + 4.4 * (v17 - v_ge) / 4.25  # 51.741 cm3/mol
    expansion = v22 / v_ge - 1  # 2.7921
    q_lith = 4.4 * 96485.33212 / 3.6 / v22  # mAh per cm3 of Li4.4Ge: 2279.2
    ge22 = get_material("Ge").with_phase("Li22Ge5")
    assert 100 * ge22.volume_expansion == pytest.approx(100 * expansion, rel=1e-9)
    assert 100 * expansion == pytest.approx(279, abs=0.5)  # issue 19: ~279 %
    assert ge22.capacity_lithiated_mAh_cm3 == pytest.approx(q_lith, rel=1e-9)
    assert q_lith == pytest.approx(2279, abs=1.0)  # issue 19: ~2279 mAh/cm3
    assert ge22.capacity_mAh_g == pytest.approx(1624, abs=1)  # review Table 2
    # the old mixed row (x = 4.4 with the Li17Ge4 volume) gave 270 % and 2338 mAh/cm3
    assert 4.4 * 96485.33212 / 3.6 / v17 == pytest.approx(2338, abs=1)


def test_li22sn5_matches_review_capacity_and_expansion():
    sn22 = get_material("Sn").with_phase("li22sn5")  # case-insensitive
    assert sn22.lithiated_phase == "Li22Sn5"
    assert sn22.capacity_mAh_g == pytest.approx(994, abs=1)  # review Table 2
    assert 100 * sn22.volume_expansion == pytest.approx(260, abs=1.5)  # review: ~260 %


@pytest.mark.parametrize("phase, x, a_A", [("Li21Si5", 4.2, 18.710), ("Li22Si5", 4.4, 18.750)])
def test_si_high_temperature_phases_from_their_cells(phase, x, a_A):
    si = get_material("Si").with_phase(phase)
    v = vm_cubic(a_A, 80)
    assert (si.li_per_host, si.lithiated_molar_volume_cm3_mol) == (x, pytest.approx(v, rel=1e-9))
    assert si.capacity_mAh_g == pytest.approx(x * F / 3.6 / 28.0855, rel=1e-9)
    # Li22Si5: 82.4 A3 per Si (Obrovac & Chevrier 2014, Table 1) -> 311 % on 20.0 A3 per Si
    if phase == "Li22Si5":
        assert a_A**3 / 80 == pytest.approx(82.4, abs=0.05)
        assert 100 * si.volume_expansion == pytest.approx(311, abs=1)


def test_phase_list_sources_and_to_row():
    ge = get_material("Ge")
    assert ge.phase_names() == ["Li17Ge4", "Li22Ge5"]
    row = ge.to_row()
    assert [p["name"] for p in row["phases"]] == ["Li17Ge4", "Li22Ge5"] and row["phases"][0]["default"]
    assert row["phases"][1]["volume_expansion_pct"] == pytest.approx(279.21, abs=0.01)
    assert row["phases"][0]["cell"]["space_group"] == "F-43m" and "Zeilinger" in row["phases"][0]["cell"]["source"]
    assert row["partial_molar_volume_cm3_mol"] == pytest.approx(8.658, abs=1e-3)
    assert "extrapolated from Li17Ge4" in ge.with_phase("Li22Ge5").sources["lithiated_molar_volume_cm3_mol"]
    for m in ("Si", "Ge", "Sn", "Sb", "Al", "SiO", "graphite"):
        for p in get_material(m).phases:
            assert p.sources["li_per_host"].strip() and p.sources["lithiated_molar_volume_cm3_mol"].strip(), (m, p.name)


def test_unknown_phase_is_a_one_line_error():
    with pytest.raises(SpecError) as err:
        get_material("Ge").with_phase("Li15Si4", field="particle.phases.0.lithiated_phase")
    msg = str(err.value)
    assert msg.startswith("particle.phases.0.lithiated_phase = 'Li15Si4'") and "Li17Ge4, Li22Ge5" in msg
    assert "\n" not in msg


def test_cell_volume_general_formula_by_hand():
    # hexagonal: a^2 c sqrt(3)/2; monoclinic: a b c sin(beta)
    assert cell_volume_A3(4.305, 4.305, 3.706, 90, 90, 120) == pytest.approx(4.305**2 * 3.706 * math.sqrt(3) / 2)
    assert cell_volume_A3(5.147, 6.094, 5.293, 90, 90.0, 90) == pytest.approx(5.147 * 6.094 * 5.293)
    assert cell_volume_A3(19.16, 5.43, 4.50, 90, 107.7, 90) == pytest.approx(19.16 * 5.43 * 4.50 * math.sin(math.radians(107.7)))
    assert molar_volume_from_cell(1000.0, 10) == pytest.approx(1000 * 1e-24 * NA / 10)


_HOST = """
[[material]]
name = "Xe1"
kind = "alloy"
formula = "X"
molar_mass_g_mol = { value = 50.0, source = "s" }
density_g_cm3 = { value = 5.0, source = "s" }
lithiated_phase = "LiX"
"""


def test_user_rows_with_phases_parse_and_extrapolate():
    text = _HOST + """
[[material.phase]]
name = "LiX"
li_per_host = { value = 1.0, source = "s" }
cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }
[[material.phase]]
name = "LiX_published"
li_per_host = { value = 1.0, source = "s" }
lithiated_molar_volume_cm3_mol = { value = 18.83, source = "published, 3 digits" }
cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }
[[material.phase]]
name = "Li2X"
li_per_host = { value = 2.0, source = "s" }
extrapolated_from = { phase = "LiX", source = "constant Omega" }
"""
    m = parse_material_rows(text, "user.toml")["Xe1"]
    v1 = 125 * 1e-24 * NA / 4  # 18.82 cm3/mol; host 10 cm3/mol -> Omega 8.82
    assert m.lithiated_molar_volume_cm3_mol == pytest.approx(v1)
    assert m.with_phase("Li2X").lithiated_molar_volume_cm3_mol == pytest.approx(10 + 2 * (v1 - 10))
    assert m.with_phase("LiX_published").lithiated_molar_volume_cm3_mol == 18.83  # the given value, the cell agrees


@pytest.mark.parametrize("phases, problem", [
    ("", "must name one of its phases"),  # default not listed
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 1.0, source = "s" }\n', "exactly one of"),
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 1.0, source = "s" }\n'
     'extrapolated_from = { phase = "Nope", source = "s" }\n', "extrapolated_from needs"),
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 1.0, source = "s" }\n'
     'cell = { a_A = -5.0, host_atoms_per_cell = 4, source = "s" }\n', "must be > 0"),
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 0.0, source = "s" }\n'
     'cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }\n', "li_per_host = 0"),
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 1.0, source = "s" }\n'
     'cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }\n' * 2, "listed twice"),
    ('[[material.phase]]\nname = "LiX"\nli_per_host = { value = 1.0, source = "s" }\n'
     'lithiated_molar_volume_cm3_mol = { value = 19.2, source = "s" }\n'
     'cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }\n', "must agree within 0.001"),
])
def test_bad_phase_rows_are_one_line_data_file_errors(phases, problem):
    text = _HOST + ('\n[[material.phase]]\nname = "Other"\nli_per_host = { value = 1.0, source = "s" }\n'
                    'cell = { a_A = 5.0, host_atoms_per_cell = 4, source = "s" }\n' if not phases else "\n" + phases)
    with pytest.raises(DataFileError) as err:
        parse_material_rows(text, "user.toml")
    assert problem in str(err.value) and "\n" not in str(err.value)
