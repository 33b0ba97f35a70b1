"""New hosts from crystal structures (CIF) and the user materials file.

Test structures are written here from published lattice parameters:
* Si: diamond, Fd-3m (No. 227), a = 5.431 A, Si on 8a (CRC Handbook; origin choice 1: 0,0,0).
* Li15Si4: I-43d (No. 220), a = 10.685 A, Z = 4: Li1 on 12a (3/8, 0, 1/4), Li2 on 48e,
  Si on 16c (x, x, x) (Obrovac & Christensen, Electrochem. Solid-State Lett. 7 (2004) A93;
  Kubota et al., J. Appl. Phys. 102 (2007) 053704 for the coordinates).
"""

import json
import os
from pathlib import Path

import pytest

from alloypore.errors import AlloyporeError
from alloypore.materials import get_material, material_names, shipped_material_names
from alloypore.materials.cif import material_from_cifs, read_cif_cell
from clihelp import run

HEAD = """data_{name}
_cell_length_a {a}
_cell_length_b {a}
_cell_length_c {a}
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
_symmetry_space_group_name_H-M '{sg}'
_symmetry_Int_Tables_number {no}
"""
SITES = """loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy
"""


def si_cif(path: Path, a=5.431) -> Path:
    path.write_text(HEAD.format(name="Si", a=a, sg="F d -3 m", no=227) + SITES + "Si1 Si 0 0 0 1\n")
    return path


def li15si4_cif(path: Path, a=10.685) -> Path:
    path.write_text(HEAD.format(name="Li15Si4", a=a, sg="I -4 3 d", no=220) + SITES
                    + "Li1 Li 0.375 0 0.25 1\nLi2 Li 0.1187 0.1651 0.9597 1\nSi1 Si 0.4584 0.4584 0.4584 1\n")
    return path


def si_cif_explicit_ops(path: Path) -> Path:
    """Si in origin choice 2 (Si at 1/8,1/8,1/8) with the 192 symmetry operations listed."""
    from ase.spacegroup import Spacegroup

    sg = Spacegroup(227, setting=2)
    ops = []
    for rot, trans in sg.get_symop():
        parts = []
        for row, t in zip(rot, trans):
            terms = "".join(f"{'+' if c > 0 else '-'}{'xyz'[j]}" for j, c in enumerate(row) if c)
            parts.append(terms.lstrip("+") + (f"+{t:.4f}" if t else ""))
        ops.append("'" + ",".join(parts) + "'")
    text = (HEAD.format(name="Si2", a=5.431, sg="F d -3 m :2", no=227).replace("_symmetry_space_group_name_H-M 'F d -3 m :2'\n", "")
            + "loop_\n_symmetry_equiv_pos_as_xyz\n" + "\n".join(ops) + "\n" + SITES + "Si1 Si 0.125 0.125 0.125 1\n")
    path.write_text(text)
    return path




@pytest.fixture
def user_file(tmp_path, monkeypatch):
    f = tmp_path / "user_materials.toml"
    monkeypatch.setenv("ALLOYPORE_MATERIALS", str(f))
    return f


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


def test_add_then_design_uses_the_new_material(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, out, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "Si_cif",
                         "--potential", "0.40", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["file"] == str(user_file) and d["written"] and d["active"]
    assert d["capacity_mAh_g"] == pytest.approx(3579, rel=0.001)
    assert d["row"]["volume_expansion_pct"] == pytest.approx(280.8, abs=0.1)
    text = user_file.read_text()
    assert text.count("source = ") == 5 and "Si.cif" in text and "Li15Si4.cif" in text
    # listed by `alloypore materials`
    code, out, _ = run(capsys, "materials", "--json")
    names = [r["name"] for r in json.loads(out)]
    assert names[: len(shipped_material_names())] == shipped_material_names() and names[-1] == "Si_cif"
    # a spec with the new host runs through the design chain: same as the shipped Si within the mass difference
    spec = tmp_path / "spec.toml"
    run(capsys, "design", "--out", str(tmp_path / "rep"))
    base = (tmp_path / "rep" / "spec.toml").read_text()
    assert 'material = "Si"' in base
    spec.write_text(base.replace('material = "Si"', 'material = "Si_cif"'))
    code, out_new, err = run(capsys, "design", str(spec), "--json")
    assert code == 0, err
    code, out_old, _ = run(capsys, "design", str(tmp_path / "rep" / "spec.toml"), "--json")
    new, old = json.loads(out_new), json.loads(out_old)
    assert new["particle"]["capacity_mAh_g"] == pytest.approx(old["particle"]["capacity_mAh_g"], rel=1e-4)
    assert new["cell"]["energy_density_Wh_kg"] == pytest.approx(old["cell"]["energy_density_Wh_kg"], rel=1e-3)


def test_shadowing_a_shipped_name_is_refused(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, _, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith))  # default name "Si"
    assert code == 2 and err.count("\n") == 1 and "shipped" in err
    assert not user_file.exists()
    # a hand-edited file that shadows a shipped name: every command fails with one line
    user_file.write_text('[[material]]\nname = "si"\nkind = "alloy"\nformula = "Si"\n'
                         'density_g_cm3 = { value = 2.0, source = "x" }\n')
    with pytest.raises(AlloyporeError, match="shipped"):
        get_material("Ge")
    code, _, err = run(capsys, "materials")
    assert code == 2 and err.count("\n") == 1


def test_cache_notices_a_changed_file(tmp_path, user_file):
    row = '[[material]]\nname = "Zn_user"\nkind = "alloy"\nformula = "Zn"\ndensity_g_cm3 = {{ value = {d}, source = "test" }}\n'
    user_file.write_text(row.format(d=7.14))
    assert get_material("Zn_user").density_g_cm3 == 7.14
    user_file.write_text(row.format(d=7.1))
    os.utime(user_file, ns=(user_file.stat().st_atime_ns, user_file.stat().st_mtime_ns + 10**9))
    assert get_material("Zn_user").density_g_cm3 == 7.1
    user_file.unlink()
    assert "Zn_user" not in material_names()


def test_replace_and_duplicate(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    args = ["materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "SiX"]
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 2 and "--replace" in err
    li2 = li15si4_cif(tmp_path / "Li15Si4b.cif", a=10.6)
    code, out, _ = run(capsys, *args[:4], "--lithiated", str(li2), "--name", "SiX", "--replace", "--json")
    assert code == 0
    assert get_material("SiX").lithiated_molar_volume_cm3_mol == pytest.approx(10.6**3 / 16 * 0.602214076, rel=1e-8)
    assert user_file.read_text().count("[[material]]") == 1


@pytest.mark.parametrize("case", ["garbage", "no_cell", "only_li_host", "no_li", "other_host", "missing"])
def test_non_crystal_cif_exits_2_with_one_line(capsys, tmp_path, user_file, case):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    bad = tmp_path / "bad.cif"
    if case == "garbage":
        bad.write_text("hello\nthis is not a crystal\n\x01\x02")
        host = bad
    elif case == "no_cell":
        bad.write_text("data_x\n_cell_length_a 5.0\n" + SITES + "Si1 Si 0 0 0 1\n")
        host = bad
    elif case == "only_li_host":
        bad.write_text(HEAD.format(name="Li", a=3.51, sg="I m -3 m", no=229) + SITES + "Li1 Li 0 0 0 1\n")
        host = bad
    elif case == "no_li":
        lith = si_cif(bad)
    elif case == "other_host":
        bad.write_text(HEAD.format(name="LiGe", a=6.0, sg="P m -3 m", no=221) + SITES + "Li1 Li 0 0 0 1\nGe1 Ge 0.5 0.5 0.5 1\n")
        lith = bad
    else:
        host = tmp_path / "nope.cif"
    code, out, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "X1")
    assert code == 2, (case, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert not user_file.exists()


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


def test_material_without_potential_is_refused_by_the_chain(capsys, tmp_path, user_file):
    # a CIF-derived host added without --potential cannot give a cell voltage: the chain says so in one line
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, _, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "Si_nov")
    assert code == 0, err
    spec = tmp_path / "spec.toml"
    spec.write_text('[particle]\nphases = [{material = "Si_nov", mass_fraction = 1.0}]\nporosity = 0.7\n')
    code, out, err = run(capsys, "design", str(spec), "--json")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "particle.phases.0.material" in lines[0] and "delithiation_potential_V" in lines[0]
