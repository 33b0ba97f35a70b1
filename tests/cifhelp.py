"""Shared test helper: CIF files of Si and Li15Si4 written from published lattice parameters.

* Si: diamond, Fd-3m (No. 227), a = 5.431 A, Si on 8a (CRC Handbook; origin choice 1: 0,0,0).
* Li15Si4: I-43d (No. 220), a = 10.685 A, Z = 4: Li1 on 12a (3/8, 0, 1/4), Li2 on 48e,
  Si on 16c (x, x, x) (Obrovac & Christensen, Electrochem. Solid-State Lett. 7 (2004) A93;
  Kubota et al., J. Appl. Phys. 102 (2007) 053704 for the coordinates).
"""

from pathlib import Path

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
