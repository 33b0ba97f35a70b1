"""Lithiated end phases of a host: Li per host atom and the molar volume of THAT phase.

A host (Si, Ge, Sn, ...) can lithiate to more than one end phase (Si: Li15Si4 at room
temperature, Li21Si5 / Li22Si5 at high temperature; Ge and Sn: Li17M4, long reported as
Li22M5).  Capacity and expansion must come from the same phase, so each phase carries both
numbers: ``x`` (Li per host atom) and the molar volume per host atom of the lithiated phase.

The molar volume comes from (one of):

* ``cell``: the crystal cell (space group, lattice constants in Angstrom, host atoms per cell)::

      V_cell = a b c sqrt(1 - cos^2 al - cos^2 be - cos^2 ga + 2 cos al cos be cos ga)   [A^3]
      V_m    = V_cell N_A 1e-24 / n_host                                               [cm3/mol]

* ``lithiated_molar_volume_cm3_mol``: a number with its source (the published volume per host
  atom, or a mixture such as lithiated SiO).  Given together with ``cell``, the number is used
  and the cell must agree with it within :data:`CELL_CHECK_RTOL` (a load-time cross-check);
* ``extrapolated_from``: another phase of the same host, at that phase's partial molar volume
  of Li (constant Omega, linear in x; used where a stoichiometry has no refined structure)::

      Omega = (V_ref - V_host) / x_ref,     V_m(x) = V_host + x Omega

A material row names its default phase (``lithiated_phase``); a design chooses another with
``[particle] phases = [{material = "Ge", ..., lithiated_phase = "Li22Ge5"}]``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from alloypore._datatable import sourced_values
from alloypore.errors import DataFileError

__all__ = ["AVOGADRO", "CELL_CHECK_RTOL", "CrystalCell", "LithiatedPhase", "cell_volume_A3", "molar_volume_from_cell", "parse_phases"]

#: Avogadro constant (SI 2019, exact), 1/mol
AVOGADRO = 6.02214076e23
#: A published molar volume given with its cell must agree with the cell's to this relative tolerance.
CELL_CHECK_RTOL = 1e-3

_CELL_KEYS = ("a_A", "b_A", "c_A", "alpha_deg", "beta_deg", "gamma_deg", "host_atoms_per_cell")


def cell_volume_A3(a_A: float, b_A: float, c_A: float, alpha_deg: float = 90.0, beta_deg: float = 90.0,
                   gamma_deg: float = 90.0) -> float:
    """Volume of a (general, triclinic) unit cell in A^3 from its lattice constants."""
    ca, cb, cg = (math.cos(math.radians(x)) for x in (alpha_deg, beta_deg, gamma_deg))
    return a_A * b_A * c_A * math.sqrt(1.0 - ca * ca - cb * cb - cg * cg + 2.0 * ca * cb * cg)


def molar_volume_from_cell(cell_volume: float, host_atoms_per_cell: float) -> float:
    """Molar volume per host atom (cm3/mol) of a cell of ``cell_volume`` A^3 holding ``host_atoms_per_cell``."""
    return cell_volume * 1e-24 * AVOGADRO / host_atoms_per_cell


@dataclass(frozen=True)
class CrystalCell:
    """Crystal data of a lithiated phase (lengths in A, angles in degrees) and its source."""

    space_group: str
    a_A: float
    b_A: float
    c_A: float
    alpha_deg: float
    beta_deg: float
    gamma_deg: float
    host_atoms_per_cell: float
    source: str

    @property
    def volume_A3(self) -> float:
        return cell_volume_A3(self.a_A, self.b_A, self.c_A, self.alpha_deg, self.beta_deg, self.gamma_deg)

    @property
    def molar_volume_cm3_mol(self) -> float:
        return molar_volume_from_cell(self.volume_A3, self.host_atoms_per_cell)

    def to_dict(self) -> dict:
        return {"space_group": self.space_group, "a_A": self.a_A, "b_A": self.b_A, "c_A": self.c_A,
                "alpha_deg": self.alpha_deg, "beta_deg": self.beta_deg, "gamma_deg": self.gamma_deg,
                "host_atoms_per_cell": self.host_atoms_per_cell, "cell_volume_A3": self.volume_A3,
                "source": self.source}


@dataclass(frozen=True)
class LithiatedPhase:
    """One lithiated end phase of a host: ``x`` Li per host atom and the phase's molar volume per host atom."""

    name: str
    li_per_host: float
    molar_volume_cm3_mol: float
    cell: CrystalCell | None = None
    note: str = ""
    volume_from: str = "given"  # "cell <space group>", "extrapolated from <phase>" or "given"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {"name": self.name, "li_per_host": self.li_per_host,
                "lithiated_molar_volume_cm3_mol": self.molar_volume_cm3_mol, "volume_from": self.volume_from,
                "cell": None if self.cell is None else self.cell.to_dict(), "note": self.note,
                "sources": dict(self.sources)}


def _cell(entry: object, origin: object, where: str) -> CrystalCell:
    if not isinstance(entry, Mapping) or "a_A" not in entry or "host_atoms_per_cell" not in entry \
            or "source" not in entry:
        raise DataFileError(origin, f"{where}: cell needs a_A, host_atoms_per_cell and source (b_A, c_A, angles optional)")
    a = entry["a_A"]
    vals = {"a_A": a, "b_A": entry.get("b_A", a), "c_A": entry.get("c_A", a), "alpha_deg": entry.get("alpha_deg", 90.0),
            "beta_deg": entry.get("beta_deg", 90.0), "gamma_deg": entry.get("gamma_deg", 90.0),
            "host_atoms_per_cell": entry["host_atoms_per_cell"]}
    try:
        nums = {k: float(vals[k]) for k in _CELL_KEYS}
    except (TypeError, ValueError):
        raise DataFileError(origin, f"{where}: cell values must be numbers") from None
    if not all(v > 0 for v in nums.values()) or not all(v < 180 for k, v in nums.items() if k.endswith("_deg")):
        raise DataFileError(origin, f"{where}: cell lengths, host atoms and angles must be > 0 (angles < 180)")
    cell = CrystalCell(str(entry.get("space_group", "")), **nums, source=str(entry["source"]))
    if not cell.volume_A3 > 0 or math.isnan(cell.volume_A3):
        raise DataFileError(origin, f"{where}: the cell angles give no volume")
    return cell


def _one_phase(row: Mapping, host_molar_volume: float | None, done: dict, origin: object,
               where: str) -> LithiatedPhase:
    """A phase row whose molar volume is its cell's, its own number's, or extrapolated from a phase in ``done``."""
    nums, srcs = sourced_values(row, ("li_per_host",), origin=origin, where=where)
    x = nums["li_per_host"]
    if not x > 0:
        raise DataFileError(origin, f"{where}: li_per_host = {x:g}; allowed > 0")
    given = [k for k in ("cell", "lithiated_molar_volume_cm3_mol", "extrapolated_from") if k in row]
    if given not in (["cell"], ["lithiated_molar_volume_cm3_mol"], ["extrapolated_from"],
                     ["cell", "lithiated_molar_volume_cm3_mol"]):
        raise DataFileError(origin, f"{where}: give exactly one of cell, lithiated_molar_volume_cm3_mol, "
                                    "extrapolated_from (a cell may come with its published molar volume)")
    cell, how = (_cell(row["cell"], origin, where), "cell") if "cell" in row else (None, "given")
    if "lithiated_molar_volume_cm3_mol" in row:
        v, s = sourced_values(row, ("lithiated_molar_volume_cm3_mol",), origin=origin, where=where)
        vm = v["lithiated_molar_volume_cm3_mol"]
        srcs.update(s)
        if cell is not None:
            if not abs(cell.molar_volume_cm3_mol / vm - 1) <= CELL_CHECK_RTOL:
                raise DataFileError(origin, f"{where}: the cell gives {cell.molar_volume_cm3_mol:.5g} cm3/mol, the "
                                            f"given molar volume is {vm:.5g}; they must agree within {CELL_CHECK_RTOL:g}")
            how = f"given ({cell.space_group} cell agrees)"
    elif cell is not None:
        vm, srcs["lithiated_molar_volume_cm3_mol"] = cell.molar_volume_cm3_mol, f"from the cell: {cell.source}"
        how = f"cell {cell.space_group}".strip()
    else:
        ref = row["extrapolated_from"]
        if not isinstance(ref, Mapping) or ref.get("phase") not in done or "source" not in ref or host_molar_volume is None:
            raise DataFileError(origin, f"{where}: extrapolated_from needs phase (one listed before it) and source")
        base = done[ref["phase"]]
        omega = (base.molar_volume_cm3_mol - host_molar_volume) / base.li_per_host
        vm = host_molar_volume + x * omega
        srcs["lithiated_molar_volume_cm3_mol"] = f"extrapolated from {base.name} at its Omega: {ref['source']}"
        how = f"extrapolated from {base.name}"
    if not vm > 0:
        raise DataFileError(origin, f"{where}: lithiated molar volume = {vm:g}; allowed > 0")
    return LithiatedPhase(str(row["name"]), x, vm, cell, str(row.get("note", "")), how, srcs)


def parse_phases(rows: object, host_molar_volume: float | None, origin: object, material: str) -> tuple[LithiatedPhase, ...]:
    """The ``[[material.phase]]`` rows of one material, in file order (names unique)."""
    if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
        raise DataFileError(origin, f"material {material!r}: phases must be [[material.phase]] tables")
    done: dict[str, LithiatedPhase] = {}
    for i, row in enumerate(rows):
        name = row.get("name")
        where = f"material {material!r} phase {name!r}" if name else f"material {material!r} phase #{i + 1}"
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(origin, f"{where}: needs a name")
        if name.lower() in {k.lower() for k in done}:
            raise DataFileError(origin, f"{where}: listed twice")
        done[name] = _one_phase(row, host_molar_volume, done, origin, where)
    return tuple(done.values())
