"""New hosts from crystal structures (CIF) and the user materials file (library side).

The CLI side (``alloypore materials add``) is in tests/cli/test_cli_materials.py; the test
structures are written by tests/cifhelp.py from published lattice parameters.
"""

import os

import numpy as np
import pytest

from alloypore.errors import DataFileError
from alloypore.materials import (
    get_material,
    material_names,
    shipped_material_names,
    table_with_user_file,
    use_user_materials,
    user_materials,
    user_materials_path,
)
from alloypore.materials.cif import material_from_cifs, read_cif_cell
from cifhelp import HEAD, SITES, li15si4_cif, si_cif, si_cif_explicit_ops


@pytest.fixture
def user_file(tmp_path):
    """A user materials file the library was told about explicitly (as a face does)."""
    f = tmp_path / "user_materials.toml"
    with user_materials(f):
        yield f


def test_space_group_expansion_counts_atoms(tmp_path):
    si = read_cif_cell(si_cif(tmp_path / "Si.cif"))
    li = read_cif_cell(li15si4_cif(tmp_path / "Li15Si4.cif"))
    assert si.counts == {"Si": 8.0}
    assert li.counts == {"Li": 60.0, "Si": 16.0}  # 12a + 48e Li, 16c Si
    assert li.reduced_formula == "Li15Si4"
    # explicit symmetry operations in origin choice 2 give the same 8 atoms
    assert read_cif_cell(si_cif_explicit_ops(tmp_path / "Si2.cif")).counts == {"Si": 8.0}


def test_si_li15si4_capacity_and_expansion_by_hand(tmp_path):
    cm = material_from_cifs(si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif"), name="Si_cif")
    # hand calculation: x = 60/16 = 3.75; q = x F / (3.6 M) = 3.75 * 96485.332 / 3.6 / 28.085
    q_hand = 3.75 * 96485.33212 / 3.6 / 28.085  # = 3578.6 mAh/g (M of Si from ASE/IUPAC: 28.085)
    assert cm.li_per_host == 3.75
    assert cm.capacity_mAh_g == pytest.approx(q_hand, rel=1e-6)
    assert cm.capacity_mAh_g == pytest.approx(3579, rel=0.001)  # Obrovac & Chevrier 2014, Table 1
    # molar volume per Si: 5.431^3/8 = 20.024 A3 (12.059 cm3/mol); Li15Si4: 10.685^3/16 = 76.244 A3 (45.915 cm3/mol)
    beta_hand = (10.685**3 / 16) / (5.431**3 / 8) - 1.0  # = 2.8076
    assert cm.volume_expansion_pct == pytest.approx(100 * beta_hand, rel=1e-9)
    assert cm.volume_expansion_pct == pytest.approx(280, abs=2)  # the review's ~280 %
    assert cm.host_molar_volume_cm3_mol == pytest.approx(5.431**3 / 8 * 0.602214076, rel=1e-9)
    assert cm.density_g_cm3 == pytest.approx(2.329, abs=0.001)  # CRC: 2.329 g/cm3
    # agrees with the shipped Si row (its molar volume was computed from the same cell)
    si = get_material("Si")
    assert cm.lithiated_molar_volume_cm3_mol == pytest.approx(si.lithiated_molar_volume_cm3_mol, rel=1e-4)


def test_cache_notices_a_changed_file(tmp_path, user_file):
    row = '[[material]]\nname = "Zn_user"\nkind = "alloy"\nformula = "Zn"\ndensity_g_cm3 = {{ value = {d}, source = "test" }}\n'
    user_file.write_text(row.format(d=7.14))
    assert get_material("Zn_user").density_g_cm3 == 7.14
    user_file.write_text(row.format(d=7.1))
    os.utime(user_file, ns=(user_file.stat().st_atime_ns, user_file.stat().st_mtime_ns + 10**9))
    assert get_material("Zn_user").density_g_cm3 == 7.1
    user_file.unlink()
    assert "Zn_user" not in material_names()


def test_wrong_origin_choice_is_flagged(tmp_path):
    """Si written in origin choice 2 (1/8,1/8,1/8) without its operations: read in origin choice 1 -> 16 atoms."""
    p = tmp_path / "Si_o2.cif"
    p.write_text(HEAD.format(name="Si", a=5.431, sg="F d -3 m", no=227) + SITES + "Si1 Si 0.125 0.125 0.125 1\n")
    c = read_cif_cell(p)
    assert c.counts == {"Si": 16.0} and c.notes and "origin" in c.notes[0]


def test_partial_occupancy_is_counted(tmp_path):
    p = tmp_path / "occ.cif"
    p.write_text(HEAD.format(name="x", a=4.0, sg="P m -3 m", no=221) + SITES
                 + "Si1 Si 0 0 0 1\nLi1 Li 0.5 0.5 0.5 0.5\nGe1 Ge 0.5 0 0 0.5\nSi2 Si 0.5 0 0 0.5\n")
    # 1a: 1 Si; 1b: 0.5 Li; 3d (1/2,0,0): 3 x 0.5 Ge + 3 x 0.5 Si
    assert read_cif_cell(p).counts == {"Si": 2.5, "Li": 0.5, "Ge": 1.5}




ZN_ROW = '[[material]]\nname = "Zn_user"\nkind = "alloy"\nformula = "Zn"\ndensity_g_cm3 = { value = 7.14, source = "test" }\n'


def test_the_library_never_reads_the_environment(tmp_path, monkeypatch):
    # a user file named only by the environment is invisible to the library: the face passes it down
    f = tmp_path / "env_materials.toml"
    f.write_text(ZN_ROW)
    monkeypatch.setenv("ALLOYPORE_MATERIALS", str(f))
    assert "Zn_user" not in material_names()
    with user_materials(user_materials_path(os.environ)):
        assert get_material("zn_user").density_g_cm3 == 7.14  # case-insensitive, as shipped names
    assert "Zn_user" not in material_names()  # the block ended: the shipped table again


def test_explicit_table_needs_no_activation(tmp_path):
    f = tmp_path / "m.toml"
    f.write_text(ZN_ROW)
    table = table_with_user_file(f)
    assert table.names()[: len(shipped_material_names())] == shipped_material_names()
    assert table.names()[-1] == "Zn_user"
    assert get_material("Zn_user", table=table).density_g_cm3 == 7.14
    # Zn (7.14) and Si (2.329) 50:50 by mass: 1/(0.5/7.14 + 0.5/2.329) = 3.5124 g/cm3
    assert table.true_density_g_cm3({"Zn_user": 0.5, "Si": 0.5}) == pytest.approx(1 / (0.5 / 7.14 + 0.5 / 2.329), rel=1e-12)
    assert table_with_user_file(None) is table_with_user_file(tmp_path / "missing.toml")  # both: the shipped table


def test_use_user_materials_returns_the_previous_file(tmp_path):
    f = tmp_path / "m.toml"
    f.write_text(ZN_ROW)
    previous = use_user_materials(f)
    try:
        assert get_material("Zn_user").formula == "Zn"
    finally:
        assert use_user_materials(previous) == f


def test_user_materials_path_resolution(tmp_path):
    env = {"ALLOYPORE_MATERIALS": str(tmp_path / "x.toml")}
    assert user_materials_path(env) == tmp_path / "x.toml"
    assert user_materials_path({"ALLOYPORE_MATERIALS": "  "}) is None  # empty: user materials off
    assert user_materials_path({}, home=tmp_path) == tmp_path / ".alloypore" / "materials.toml"


@pytest.mark.parametrize("entry,problem", [
    ("density_g_cm3 = 7.14", "needs value and source"),
    ('density_g_cm3 = { value = "heavy", source = "x" }', "is not a number"),
    ('density_g_cm3 = { value = 40.0, source = "x" }', "allowed 0 < density < 30"),
])
def test_bad_user_rows_are_one_line_data_file_errors(tmp_path, entry, problem):
    f = tmp_path / "bad.toml"
    f.write_text(f'[[material]]\nname = "Zn_bad"\nkind = "alloy"\nformula = "Zn"\n{entry}\n')
    with pytest.raises(DataFileError, match=problem) as err:
        table_with_user_file(f)
    assert "\n" not in str(err.value) and str(f) in str(err.value)


@pytest.mark.filterwarnings("ignore::UserWarning")  # ASE warns about each bad row it skips
def test_corrupted_cifs_raise_one_line_data_file_errors(tmp_path):
    # mutations that made ASE's reader raise AssertionError, RuntimeError, IndexError, TypeError,
    # SpacegroupError or a singular-matrix error: all become one DataFileError line
    good = li15si4_cif(tmp_path / "Li15Si4.cif").read_text().splitlines()
    rng = np.random.default_rng(3)
    tokens = ["?", ".", "x", "-1", "0", "'", "loop_", "_cell_length_a", "nan", "Q", "999", ";", "data_", "P 1"]
    failures = 0
    for i in range(150):
        lines = list(good)
        for _ in range(rng.integers(1, 4)):
            j = int(rng.integers(len(lines)))
            if rng.random() < 0.4:
                del lines[j]
            else:
                lines.insert(j, str(rng.choice(tokens)))
        f = tmp_path / f"m{i}.cif"
        f.write_text("\n".join(lines) + "\n")
        try:
            read_cif_cell(f)
        except DataFileError as err:
            failures += 1
            assert "\n" not in str(err)
    assert failures > 50  # most mutations break the file; none escapes as another exception
