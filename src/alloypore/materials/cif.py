r"""New alloy hosts from crystal structures: capacity and expansion from a host and a lithiated CIF.

For a host structure H (no Li) and its lithiated phase L, with :math:`n_X` the
number of atoms of kind X in one unit cell (site multiplicity times occupancy,
after expanding the asymmetric unit with the space group) and :math:`V` the cell
volume:

.. math::

    n_{host} = \sum_{X \ne Li} n_X,\qquad
    M = \frac{\sum_{X\ne Li} n_X m_X}{n_{host}}\ \ [\mathrm{g/mol\ per\ host\ atom}]

    V_m = \frac{V_{cell} N_A}{n_{host}}\ \ [\mathrm{cm^3/mol\ per\ host\ atom}],\qquad
    \rho_{host} = M / V_{m,H}

    x = n_{Li,L} / n_{host,L},\qquad
    q = \frac{x F}{3.6 M}\ \ [\mathrm{mAh/g}],\qquad
    \beta = V_{m,L} / V_{m,H} - 1

(the same definitions as :class:`alloypore.materials.Material`, which recomputes
q and beta from the stored molar mass, density, x and lithiated molar volume).
Si (Fd-3m, a = 5.431 A, 8 Si) and Li15Si4 (I-43d, a = 10.685 A, 60 Li + 16 Si)
give x = 3.75, q = 3579 mAh/g, beta = 281 %.

Limitations: the host must contain no Li, and the lithiated phase the same host
elements in the same ratio (a conversion reaction that expels a host element is
not handled).  A CIF without explicit symmetry operations is expanded with the
space-group symbol in ASE's default setting (origin choice 1 for groups with two
origins): a file written in origin choice 2 without its symmetry operations gives
wrong atom counts, which shows as a wrong density.  The capacity is the
theoretical one of the lithiated phase; amorphous phases (a-Li15Si4 vs c-Li15Si4)
and irreversible Li are not modelled.

References
----------
* M. N. Obrovac, V. L. Chevrier, Chem. Rev. 114 (2014) 11444 (capacities and
  volumes per host atom from crystal structures).
* A. H. Larsen et al., The atomic simulation environment (ASE), J. Phys.:
  Condens. Matter 29 (2017) 273002 (CIF reader, space-group expansion).
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore import tomlio
from alloypore._io import check_input_file
from alloypore.errors import DataFileError, InputError, check_range
from alloypore.materials.material import MAH_PER_MOL
from alloypore.materials.table import shipped_table
from alloypore.materials.user import parse_material_rows

__all__ = [
    "CrystalCell",
    "CIFMaterial",
    "AVOGADRO_MOL",
    "read_cif_cell",
    "material_from_cifs",
    "material_row",
    "render_material_toml",
    "user_file_text",
]

AVOGADRO_MOL = 6.02214076e23  # exact (SI 2019)
_MAX_CIF_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CrystalCell:
    """Atom counts per unit cell of a CIF (site multiplicity x occupancy) and its volume."""

    path: str
    counts: dict[str, float]
    cell_volume_A3: float
    cellpar: tuple[float, float, float, float, float, float]
    space_group: str
    space_group_number: int
    masses_g_mol: dict[str, float] = field(repr=False)
    min_distance_A: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def host_atoms(self) -> float:
        """Atoms per cell other than Li."""
        return float(sum(n for el, n in self.counts.items() if el != "Li"))

    @property
    def li_atoms(self) -> float:
        return float(self.counts.get("Li", 0.0))

    @property
    def host_composition(self) -> dict[str, float]:
        """Atom fractions of the non-Li elements."""
        n = self.host_atoms
        return {el: c / n for el, c in sorted(self.counts.items()) if el != "Li"} if n > 0 else {}

    @property
    def formula(self) -> str:
        """Formula per cell, Li first, then the host elements alphabetically (counts rounded to 3 decimals)."""
        order = (["Li"] if "Li" in self.counts else []) + sorted(el for el in self.counts if el != "Li")
        return "".join(f"{el}{_num(self.counts[el])}" for el in order)

    @property
    def reduced_formula(self) -> str:
        """Formula divided by the greatest common divisor of integer counts (else per cell)."""
        ints = [round(c) for c in self.counts.values()]
        if any(abs(c - round(c)) > 1e-6 for c in self.counts.values()) or not ints:
            return self.formula
        g = 0
        for c in ints:
            g = math.gcd(g, c)
        order = (["Li"] if "Li" in self.counts else []) + sorted(el for el in self.counts if el != "Li")
        return "".join(f"{el}{_num(round(self.counts[el]) // g)}" for el in order)

    @property
    def molar_mass_per_host_atom_g_mol(self) -> float:
        n = self.host_atoms
        return sum(c * self.masses_g_mol[el] for el, c in self.counts.items() if el != "Li") / n

    @property
    def molar_volume_per_host_atom_cm3_mol(self) -> float:
        """``V_cell N_A / n_host`` in cm3/mol (1 A^3 = 1e-24 cm3)."""
        return self.cell_volume_A3 * 1e-24 * AVOGADRO_MOL / self.host_atoms

    @property
    def density_g_cm3(self) -> float:
        """Crystallographic density of the whole cell (Li included)."""
        mass = sum(c * self.masses_g_mol[el] for el, c in self.counts.items())
        return mass / (self.cell_volume_A3 * 1e-24 * AVOGADRO_MOL)


def _num(c: float) -> str:
    if abs(c - round(c)) < 1e-6:
        return "" if round(c) == 1 else str(int(round(c)))
    return f"{c:.3f}".rstrip("0").rstrip(".")


def read_cif_cell(path: str | os.PathLike) -> CrystalCell:
    """Read the first structure of a CIF and count its atoms per unit cell.

    The asymmetric unit is expanded with the CIF's symmetry operations (or its
    space group, through ASE) and each site counted with its occupancy.

    Raises
    ------
    DataFileError
        Not a readable CIF, no cell, no atom sites, or atoms that overlap.
    """
    p = check_input_file(path, max_bytes=_MAX_CIF_BYTES)
    try:
        p.read_text("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(p, "not a CIF crystal structure (not a text file)") from None
    block = _structure_block(p)
    cellpar, cell, volume, sg, symbols, scaled, occ = _cell_and_sites(p, block)
    counts, full_sites = _count_sites(p, sg, symbols, scaled, occ)
    dmin, notes = _closest_contact(p, full_sites, cell)
    from ase.data import atomic_masses, atomic_numbers

    masses = {el: float(atomic_masses[atomic_numbers[el]]) for el in counts}
    name = str(getattr(sg, "symbol", "")).strip()
    return CrystalCell(str(p), counts, volume, tuple(cellpar), name, int(getattr(sg, "no", 0)), masses, dmin, tuple(notes))


def _reader_errors() -> tuple[type[BaseException], ...]:
    """What ASE's CIF reader raises on a file that is not a well-formed crystal.

    Found by feeding it thousands of corrupted CIFs (deleted lines, truncated rows, stray
    tokens): ValueError (bad entries, numbers, singular symmetry), RuntimeError (incomplete
    loop rows; NoStructureData), AssertionError, IndexError/KeyError, AttributeError,
    TypeError and ASE's SpacegroupError.
    """
    from ase.spacegroup.spacegroup import SpacegroupError

    return (ValueError, RuntimeError, AssertionError, LookupError, AttributeError, TypeError, SpacegroupError)


def _structure_block(p: Path):
    """The first CIF block with atom sites."""
    from ase.io.cif import parse_cif

    try:
        return next(b for b in parse_cif(str(p)) if b.has_structure())
    except StopIteration:
        raise DataFileError(p, "not a CIF crystal structure (no block with atom sites)") from None
    except _reader_errors() as err:
        raise DataFileError(p, _why(err)) from None


def _cell_and_sites(p: Path, block):
    """Cell parameters, cell matrix, volume (A^3), space group, and the asymmetric unit's
    symbols, fractional positions and occupancies."""
    errors = _reader_errors()
    try:
        cellpar = [float(v) for v in block.get_cellpar()]
    except errors:
        cellpar = None
    if cellpar is None or len(cellpar) != 6 or not all(np.isfinite(cellpar)) or min(cellpar[:3]) <= 0:
        raise DataFileError(p, "not a crystal: no complete unit cell (_cell_length_a/b/c, _cell_angle_alpha/beta/gamma)")
    try:
        cell = np.asarray(block.get_cell())
        volume = float(abs(np.linalg.det(cell)))
        sg = block.get_spacegroup(False)
        unsym = block.get_unsymmetrized_structure()
        occ = block.get("_atom_site_occupancy")
    except errors as err:
        raise DataFileError(p, _why(err)) from None
    if not volume > 0:
        raise DataFileError(p, "not a crystal: the unit cell has no volume")
    symbols = unsym.get_chemical_symbols()
    if not symbols:
        raise DataFileError(p, "not a crystal: no atom sites")
    occ = [1.0] * len(symbols) if occ is None else [_occ(o) for o in occ]  # "?" or "." count as 1
    return cellpar, cell, volume, sg, symbols, unsym.get_scaled_positions(wrap=False), occ


def _count_sites(p: Path, sg, symbols, scaled, occ):
    """Atoms per cell by element (multiplicity x occupancy) and the fully occupied sites
    (element, fractional positions) after symmetry expansion."""
    from ase.data import atomic_numbers

    counts: dict[str, float] = {}
    full_sites: list[tuple[str, np.ndarray]] = []
    for sym, pos, o in zip(symbols, scaled, occ):
        if not (0.0 < o <= 1.0 + 1e-6):
            raise DataFileError(p, f"site {sym} has occupancy {o:g}; allowed 0 < occupancy <= 1")
        if sym not in atomic_numbers or sym == "X":
            raise DataFileError(p, f"site with unknown element {sym!r}")
        try:
            sites, _ = sg.equivalent_sites([pos], onduplicates="keep", symprec=1e-3)
        except _reader_errors() as err:
            raise DataFileError(p, _why(err)) from None
        counts[sym] = counts.get(sym, 0.0) + len(sites) * o
        if o > 0.999:
            full_sites.append((sym, np.asarray(sites)))
    return counts, full_sites


def _closest_contact(p: Path, full_sites, cell) -> tuple[float | None, list[str]]:
    """Shortest distance between fully occupied atoms (periodic) and a note if suspicious.

    Closer than 0.5 A: a wrong setting/origin or duplicated sites (error); closer than
    0.9 x the sum of covalent radii: suspicious (note).  Skipped above 4000 atoms.
    """
    from ase.data import atomic_numbers, covalent_radii

    if not full_sites:
        return None, []
    frac = np.vstack([a for _, a in full_sites])
    if frac.shape[0] > 4000:
        return None, []
    radii = np.concatenate([np.full(len(a), covalent_radii[atomic_numbers[s]]) for s, a in full_sites])
    d = frac[:, None, :] - frac[None, :, :]
    d -= np.round(d)
    dist = np.sqrt(((d @ cell) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    if not np.isfinite(dist.min()):
        return None, []
    dmin = float(dist.min())
    if dmin < 0.5:
        raise DataFileError(p, f"fully occupied atoms {dmin:.2f} A apart after symmetry expansion (wrong origin choice or setting?)")
    ratio = float((dist / (radii[:, None] + radii[None, :])).min())
    if ratio >= 0.9:
        return dmin, []
    return dmin, [f"shortest contact {dmin:.2f} A is {ratio:.2f} x the covalent radii sum: check the origin choice/setting"
                  " (a CIF without symmetry operations is read in origin choice 1)"]


def _why(err: Exception) -> str:
    detail = " ".join(str(err).split())[:120]
    return f"not a CIF crystal structure (the CIF reader failed: {type(err).__name__}{': ' + detail if detail else ''})"


def _occ(o) -> float:
    try:
        return float(o)
    except (TypeError, ValueError):
        return 1.0


@dataclass(frozen=True)
class CIFMaterial:
    """A host and its lithiated phase read from CIFs, with the derived table values."""

    name: str
    host: CrystalCell
    lithiated: CrystalCell
    li_per_host: float
    molar_mass_g_mol: float
    density_g_cm3: float
    host_molar_volume_cm3_mol: float
    lithiated_molar_volume_cm3_mol: float
    capacity_mAh_g: float
    volume_expansion_pct: float
    kind: str = "alloy"

    def summary(self) -> dict:
        """Flat dict for JSON (counts, space groups and derived values)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "host_file": self.host.path,
            "lithiated_file": self.lithiated.path,
            "host_formula": self.host.reduced_formula,
            "lithiated_formula": self.lithiated.reduced_formula,
            "host_atoms_per_cell": dict(self.host.counts),
            "lithiated_atoms_per_cell": dict(self.lithiated.counts),
            "host_space_group": self.host.space_group,
            "lithiated_space_group": self.lithiated.space_group,
            "host_cell_volume_A3": self.host.cell_volume_A3,
            "lithiated_cell_volume_A3": self.lithiated.cell_volume_A3,
            "li_per_host": self.li_per_host,
            "molar_mass_g_mol": self.molar_mass_g_mol,
            "density_g_cm3": self.density_g_cm3,
            "host_molar_volume_cm3_mol": self.host_molar_volume_cm3_mol,
            "lithiated_molar_volume_cm3_mol": self.lithiated_molar_volume_cm3_mol,
            "lithiated_density_g_cm3": self.lithiated.density_g_cm3,
            "capacity_mAh_g": self.capacity_mAh_g,
            "volume_expansion_pct": self.volume_expansion_pct,
            "notes": [f"{Path(c.path).name}: {n}" for c in (self.host, self.lithiated) for n in c.notes],
        }


def material_from_cifs(host_path: str | os.PathLike, lithiated_path: str | os.PathLike,
                       name: str | None = None) -> CIFMaterial:
    """Host and lithiated CIFs -> Li per host atom, molar volumes, capacity and expansion.

    Parameters
    ----------
    host_path, lithiated_path : path
        CIF of the Li-free host and of its lithiated phase.
    name : str, optional
        Name of the new material (default: the host's reduced formula).

    Raises
    ------
    DataFileError
        A file that is not a crystal, a host with Li or without host atoms, a
        lithiated phase without Li or with other host elements.
    InputError
        A name that is empty or not a plain word.
    """
    host = read_cif_cell(host_path)
    lith = read_cif_cell(lithiated_path)
    if host.host_atoms <= 0:
        raise DataFileError(host.path, "no host atoms (only Li) in the host structure")
    if host.li_atoms > 0:
        raise DataFileError(host.path, f"the host contains Li ({host.formula}); give the Li-free host")
    if lith.host_atoms <= 0:
        raise DataFileError(lith.path, "no host atoms (only Li) in the lithiated structure")
    if lith.li_atoms <= 0:
        raise DataFileError(lith.path, f"no Li in the lithiated structure ({lith.formula})")
    hc, lc = host.host_composition, lith.host_composition
    if set(hc) != set(lc) or any(abs(hc[el] - lc[el]) > 2e-3 for el in hc):
        raise DataFileError(lith.path, f"host elements {lith.reduced_formula} differ from the host {host.reduced_formula} (same host elements in the same ratio needed)")
    if name is None:
        name = host.reduced_formula
    name = str(name).strip()
    if not name or any(c.isspace() for c in name) or len(name) > 60:
        raise InputError("name", name, "a non-empty name without spaces, at most 60 characters")
    x = lith.li_atoms / lith.host_atoms
    m = host.molar_mass_per_host_atom_g_mol
    v_h = host.molar_volume_per_host_atom_cm3_mol
    v_l = lith.molar_volume_per_host_atom_cm3_mol
    return CIFMaterial(
        name=name, host=host, lithiated=lith, li_per_host=x, molar_mass_g_mol=m, density_g_cm3=m / v_h,
        host_molar_volume_cm3_mol=v_h, lithiated_molar_volume_cm3_mol=v_l,
        capacity_mAh_g=x * MAH_PER_MOL / m, volume_expansion_pct=100.0 * (v_l / v_h - 1.0),
    )


def _cellpar(c: CrystalCell) -> str:
    a, b, cc, al, be, ga = c.cellpar
    if abs(a - b) < 1e-9 and abs(a - cc) < 1e-9 and al == be == ga == 90.0:
        return f"a = {a:g} A"
    return f"a, b, c = {a:g}, {b:g}, {cc:g} A, alpha, beta, gamma = {al:g}, {be:g}, {ga:g} deg"


def material_row(cm: CIFMaterial, *, delithiation_potential_V: float | None = None,
                 potential_source: str | None = None) -> dict:
    """One ``[[material]]`` row in the shipped table's format (a dict), each number with its source.

    ``delithiation_potential_V`` (average delithiation potential vs Li/Li+, not in a CIF) is
    included when given; without it the chain takes 0 V for this host and overestimates
    the cell energy.
    """
    import ase  # only for its version, named in the sources

    hn, ln = Path(cm.host.path).name, Path(cm.lithiated.path).name
    hdesc = f"{hn} ({cm.host.formula} per cell, {cm.host.space_group}, {_cellpar(cm.host)}, V = {cm.host.cell_volume_A3:.4f} A3)"
    ldesc = f"{ln} ({cm.lithiated.formula} per cell, {cm.lithiated.space_group}, {_cellpar(cm.lithiated)}, V = {cm.lithiated.cell_volume_A3:.4f} A3)"
    masses = f"atomic masses of ASE {ase.__version__}"
    row = {
        "name": cm.name,
        "kind": cm.kind,
        "formula": cm.host.reduced_formula,
        "description": f"User material from crystal structures {hn} and {ln}",
        "lithiated_phase": cm.lithiated.reduced_formula,
        "molar_mass_g_mol": {"value": cm.molar_mass_g_mol, "source": f"host CIF {hdesc}: mean mass per host atom, {masses}"},
        "density_g_cm3": {"value": cm.density_g_cm3, "source": f"host CIF {hdesc}: crystallographic density"},
        "li_per_host": {"value": cm.li_per_host, "source": f"lithiated CIF {ldesc}: Li atoms per host atom"},
        "lithiated_molar_volume_cm3_mol": {
            "value": cm.lithiated_molar_volume_cm3_mol,
            "source": f"lithiated CIF {ldesc}: cell volume x N_A per host atom",
        },
    }
    if delithiation_potential_V is not None:
        v = check_range("potential", delithiation_potential_V, 0.0, 3.0, lo_open=True, unit="V vs Li/Li+")
        src = potential_source or "given by the user (alloypore materials add --potential)"
        row["delithiation_potential_V"] = {"value": v, "source": src}
    return row


def render_material_toml(cm: CIFMaterial, *, delithiation_potential_V: float | None = None,
                         potential_source: str | None = None) -> str:
    """:func:`material_row` as TOML text (one ``[[material]]`` table, by :mod:`alloypore.tomlio`)."""
    row = material_row(cm, delithiation_potential_V=delithiation_potential_V, potential_source=potential_source)
    return tomlio.dumps({"material": [row]})


_HEADER = """alloypore user materials (same row format as the shipped materials table).
Written by `alloypore materials add`; rows may also be added by hand.  Every number
carries its source.  See docs/materials.md."""


def user_file_text(existing: str | None, row_toml: str, name: str, *, replace: bool = False,
                   origin: str | os.PathLike = "user materials file") -> str:
    """Text of the user materials file with ``row_toml`` added (or replacing the row ``name``).

    A new row is appended to the existing text (its comments stay); a replaced row makes the
    file be written again from its parsed rows.  The result is parsed back with the table
    loader, so a file that would not load is never returned.

    Raises
    ------
    InputError
        ``name`` is a shipped material, or already in the file and ``replace`` is False.
    DataFileError
        The existing file does not load.
    """
    shipped = {n.lower(): n for n in shipped_table()}
    if name.lower() in shipped:
        raise InputError("name", name, f"is a shipped material ({shipped[name.lower()]}); choose another --name")
    existing = existing or ""
    current = parse_material_rows(existing, origin) if existing.strip() else {}
    clash = [n for n in current if n.lower() == name.lower()]
    if clash and not replace:
        raise InputError("name", name, f"already in {origin}; choose another --name or pass --replace")
    if clash:
        # written again from the parsed rows without the old one (comments are not kept)
        kept = [r for r in tomllib.loads(existing).get("material", []) if str(r.get("name", "")).lower() != name.lower()]
        text = tomlio.dumps({"material": kept + tomllib.loads(row_toml)["material"]}, comment=_HEADER)
    elif existing.strip():
        text = existing.rstrip("\n") + "\n\n" + row_toml
    else:
        text = tomlio.dumps({}, comment=_HEADER) + "\n" + row_toml
    parse_material_rows(text, origin)  # never write what would not load
    return text
