"""Materials: the shipped table of active hosts, carbons and inactive phases.

Capacities and volume expansions of stoichiometric hosts are computed here from
molar mass, Li per host atom, density and the lithiated molar volume; they are never
stored.  This module imports nothing else of alloypore (bottom of the chain).

Equations
---------
Gravimetric capacity of a host with ``x`` Li per host atom of molar mass ``M``::

    q = x F / (3.6 M)            [mAh/g]     (F = 96485.33212 C/mol)

Volumetric capacity, pristine and at full lithiation::

    q_v = q * rho                 [mAh/cm3 of pristine host]
    q_v,lith = x F / (3.6 V_lith) [mAh/cm3 of lithiated phase]  (Obrovac & Chevrier 2014)

Full volume expansion (fraction)::

    beta = V_lith / (M / rho) - 1

User materials
--------------
Rows in the same TOML format as the shipped ``data/materials.toml`` can be kept in a
user file (written by ``alloypore materials add`` from two CIF files, see
:mod:`alloypore.materials.cif`).  The file is the one named by the environment variable
``ALLOYPORE_MATERIALS`` (an empty value switches user materials off), else
``~/.alloypore/materials.toml``.  Its rows are appended to the shipped table; a user row
may not carry the name of a shipped material (case-insensitive) nor repeat a name.  The
merged table is cached on the file's path, modification time and size, so a changed
file is read again.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, Mapping

from alloypore.errors import DataFileError, SpecError

__all__ = [
    "FARADAY_C_MOL",
    "Material",
    "get_material",
    "list_materials",
    "material_names",
    "true_density_g_cm3",
    "ExpansionBasis",
    "USER_MATERIALS_ENV",
    "user_materials_path",
    "shipped_material_names",
    "load_user_materials",
    "parse_material_rows",
]

#: Environment variable naming the user materials file (empty: no user file).
USER_MATERIALS_ENV = "ALLOYPORE_MATERIALS"
_KINDS = ("alloy", "carbon", "inactive")

FARADAY_C_MOL = 96485.33212  # CODATA 2018, exact in SI 2019
#: mAh per mol of electrons
MAH_PER_MOL = FARADAY_C_MOL / 3.6

ExpansionBasis = Literal["crystallographic", "quoted"]


@dataclass(frozen=True)
class Material:
    """One row of the materials table (all numbers in lab units, see field names)."""

    name: str
    kind: str  # "alloy" | "carbon" | "inactive"
    formula: str
    description: str
    density_g_cm3: float
    molar_mass_g_mol: float | None = None
    lithiated_phase: str | None = None
    li_per_host: float | None = None
    li_irreversible_per_host: float = 0.0
    lithiated_molar_volume_cm3_mol: float | None = None
    measured_capacity_mAh_g: float | None = None
    measured_expansion_pct: float | None = None
    quoted_expansion_pct: float | None = None
    delithiation_potential_V: float | None = None
    conductivity_S_cm: float | None = None
    typical_first_cycle_efficiency: float | None = None
    nanoparticle_synthesis: str | None = None
    etching_selectivity: str | None = None
    chemical_deposition: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    # ---- derived quantities -------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self.kind in ("alloy", "carbon")

    @property
    def is_stoichiometric(self) -> bool:
        return self.li_per_host is not None and self.molar_mass_g_mol is not None

    @property
    def host_molar_volume_cm3_mol(self) -> float | None:
        if self.molar_mass_g_mol is None:
            return None
        return self.molar_mass_g_mol / self.density_g_cm3

    @property
    def capacity_mAh_g(self) -> float:
        """Theoretical reversible capacity per gram of pristine host (0 for inactive phases)."""
        if self.is_stoichiometric:
            return self.li_per_host * MAH_PER_MOL / self.molar_mass_g_mol
        return float(self.measured_capacity_mAh_g or 0.0)

    @property
    def capacity_mAh_cm3(self) -> float:
        """Capacity per cm3 of pristine host: q * rho."""
        return self.capacity_mAh_g * self.density_g_cm3

    @property
    def capacity_lithiated_mAh_cm3(self) -> float:
        """Capacity per cm3 of the fully lithiated phase (Obrovac's convention)."""
        return self.capacity_mAh_cm3 / (1.0 + self.volume_expansion)

    @property
    def first_cycle_efficiency_intrinsic(self) -> float:
        """Share of first-lithiation Li that is reversible by the reaction itself (SiO: Li4SiO4)."""
        if not self.li_per_host:
            return 1.0
        return self.li_per_host / (self.li_per_host + self.li_irreversible_per_host)

    @property
    def computed_expansion(self) -> float | None:
        """Crystallographic full volume expansion ``V_lith / V_host - 1`` (fraction), or None."""
        if self.lithiated_molar_volume_cm3_mol is None or self.host_molar_volume_cm3_mol is None:
            return None
        return self.lithiated_molar_volume_cm3_mol / self.host_molar_volume_cm3_mol - 1.0

    @property
    def volume_expansion(self) -> float:
        """Full volume expansion used by the chain (fraction): crystallographic where known,
        else measured, else 0 for inactive phases."""
        c = self.computed_expansion
        if c is not None:
            return c
        if self.measured_expansion_pct is not None:
            return self.measured_expansion_pct / 100.0
        return 0.0

    def expansion(self, basis: ExpansionBasis = "crystallographic") -> float:
        """Full volume expansion (fraction) on the chosen basis.

        ``"quoted"`` takes the review's value where it quotes one, else the crystallographic one.
        """
        if basis == "quoted" and self.quoted_expansion_pct is not None:
            return self.quoted_expansion_pct / 100.0
        return self.volume_expansion

    def required_porosity(self, basis: ExpansionBasis = "crystallographic") -> float:
        """Porosity of a pure particle of this phase whose pores absorb full expansion: beta/(1+beta)."""
        b = self.expansion(basis)
        return b / (1.0 + b)

    def to_row(self) -> dict:
        """A flat dict for tables and JSON (computed values included)."""
        comp = self.computed_expansion
        return {
            "name": self.name,
            "kind": self.kind,
            "formula": self.formula,
            "lithiated_phase": self.lithiated_phase,
            "li_per_host": self.li_per_host,
            "molar_mass_g_mol": self.molar_mass_g_mol,
            "density_g_cm3": self.density_g_cm3,
            "lithiated_molar_volume_cm3_mol": self.lithiated_molar_volume_cm3_mol,
            "capacity_mAh_g": self.capacity_mAh_g,
            "capacity_mAh_cm3": self.capacity_mAh_cm3,
            "capacity_lithiated_mAh_cm3": self.capacity_lithiated_mAh_cm3 if self.is_active else 0.0,
            "volume_expansion_pct": 100.0 * self.volume_expansion,
            "computed_expansion_pct": None if comp is None else 100.0 * comp,
            "quoted_expansion_pct": self.quoted_expansion_pct,
            "required_porosity": self.required_porosity() if self.volume_expansion > 0 else 0.0,
            "delithiation_potential_V": self.delithiation_potential_V,
            "conductivity_S_cm": self.conductivity_S_cm,
            "first_cycle_efficiency_intrinsic": self.first_cycle_efficiency_intrinsic,
            "typical_first_cycle_efficiency": self.typical_first_cycle_efficiency,
            "nanoparticle_synthesis": self.nanoparticle_synthesis,
            "etching_selectivity": self.etching_selectivity,
            "chemical_deposition": self.chemical_deposition,
            "sources": dict(self.sources),
        }


_NUMERIC = {
    "molar_mass_g_mol": "molar_mass_g_mol",
    "density_g_cm3": "density_g_cm3",
    "li_per_host": "li_per_host",
    "li_irreversible_per_host": "li_irreversible_per_host",
    "lithiated_molar_volume_cm3_mol": "lithiated_molar_volume_cm3_mol",
    "capacity_mAh_g": "measured_capacity_mAh_g",
    "expansion_pct": "measured_expansion_pct",
    "quoted_expansion_pct": "quoted_expansion_pct",
    "delithiation_potential_V": "delithiation_potential_V",
    "conductivity_S_cm": "conductivity_S_cm",
    "first_cycle_efficiency": "typical_first_cycle_efficiency",
}
_TEXT = ("nanoparticle_synthesis", "etching_selectivity", "chemical_deposition")


def _parse(row: dict) -> Material:
    kw: dict = {k: row[k] for k in ("name", "kind", "formula")}
    kw["description"] = row.get("description", "")
    kw["lithiated_phase"] = row.get("lithiated_phase")
    sources: dict[str, str] = {}
    for key, attr in _NUMERIC.items():
        if key in row:
            cell = row[key]
            if not isinstance(cell, dict) or "source" not in cell or "value" not in cell:
                raise ValueError(f"materials table: {row['name']}.{key} needs value and source")
            kw[attr] = float(cell["value"])
            sources[key] = cell["source"]
    for key in _TEXT:
        if key in row:
            kw[key] = row[key]["value"]
            sources[key] = row[key]["source"]
    kw["sources"] = sources
    return Material(**kw)


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Material]:
    text = resources.files("alloypore.materials").joinpath("data/materials.toml").read_text("utf-8")
    rows = tomllib.loads(text)["material"]
    return {r["name"]: _parse(r) for r in rows}


def user_materials_path() -> Path | None:
    """Path of the user materials file: ``$ALLOYPORE_MATERIALS`` if set (empty: none),
    else ``~/.alloypore/materials.toml``.  The file need not exist."""
    env = os.environ.get(USER_MATERIALS_ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    try:
        return Path.home() / ".alloypore" / "materials.toml"
    except RuntimeError:  # no home directory
        return None


def parse_material_rows(text: str, origin: str | os.PathLike) -> dict[str, Material]:
    """Parse the TOML text of a user materials file into materials (name -> Material).

    Checks what the loader needs (name, kind, formula, density with a source, numbers
    where numbers belong) and that no name is a shipped one or repeated.

    Raises
    ------
    DataFileError
        One line naming ``origin`` and the problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(origin, f"not valid TOML ({err})") from None
    rows = data.get("material", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise DataFileError(origin, "materials must be [[material]] tables")
    shipped = {k.lower(): k for k in _shipped()}
    out: dict[str, Material] = {}
    for i, row in enumerate(rows):
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(origin, f"material #{i + 1} has no name")
        where = f"material {name!r}"
        if name.lower() in shipped:
            raise DataFileError(origin, f"{where} has the name of a shipped material ({shipped[name.lower()]}); rename it")
        if name.lower() in {k.lower() for k in out}:
            raise DataFileError(origin, f"{where} appears twice")
        if row.get("kind") not in _KINDS:
            raise DataFileError(origin, f"{where}: kind = {row.get('kind')!r}; allowed {', '.join(_KINDS)}")
        for key in ("formula", "density_g_cm3"):
            if key not in row:
                raise DataFileError(origin, f"{where} needs {key}")
        try:
            m = _parse(row)
        except (KeyError, TypeError, ValueError) as err:
            raise DataFileError(origin, f"{where}: {err} (every number needs value and source)") from None
        if not (0.0 < m.density_g_cm3 < 30.0):
            raise DataFileError(origin, f"{where}: density_g_cm3 = {m.density_g_cm3:g}; allowed 0 < density < 30")
        for attr in ("molar_mass_g_mol", "li_per_host", "lithiated_molar_volume_cm3_mol"):
            v = getattr(m, attr)
            if v is not None and not v > 0:
                raise DataFileError(origin, f"{where}: {attr} = {v:g}; allowed > 0")
        out[name] = m
    return out


def load_user_materials(path: str | os.PathLike) -> dict[str, Material]:
    """Read and check one user materials file (empty dict if it does not exist)."""
    p = Path(path)
    if not p.exists():
        return {}
    if not p.is_file():
        raise DataFileError(p, "user materials file is not a regular file")
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(p, f"cannot read the user materials file ({err})") from None
    return parse_material_rows(text, p)


@lru_cache(maxsize=8)
def _merged(path: str, mtime_ns: int, size: int) -> dict[str, Material]:
    table = dict(_shipped())
    table.update(load_user_materials(path))
    return table


def _table() -> dict[str, Material]:
    """Shipped table plus the user file's rows (cached on path, mtime and size)."""
    path = user_materials_path()
    if path is None:
        return _shipped()
    try:
        st = path.stat()
    except FileNotFoundError:
        return _shipped()
    except OSError as err:
        raise DataFileError(path, f"cannot read the user materials file ({err.strerror})") from None
    return _merged(str(path), st.st_mtime_ns, st.st_size)


def shipped_material_names() -> list[str]:
    """Names of the materials shipped with alloypore, in table order."""
    return list(_shipped())


def material_names() -> list[str]:
    """Names of all materials (shipped, then the user file's), in table order."""
    return list(_table())


def list_materials() -> list[Material]:
    """All materials (shipped, then the user file's), in table order."""
    return list(_table().values())


def get_material(name: str, *, field: str = "material") -> Material:
    """Look a material up by name (case-insensitive); raise SpecError naming ``field`` if unknown."""
    table = _table()
    if name in table:
        return table[name]
    lower = {k.lower(): v for k, v in table.items()}
    if isinstance(name, str) and name.lower() in lower:
        return lower[name.lower()]
    raise SpecError(field, name, f"unknown material; allowed: {', '.join(table)}")


def true_density_g_cm3(composition: Mapping[str, float], *, field: str = "composition") -> float:
    """True (pore-free) density of a mixture of phases: ``1 / sum(w_i / rho_i)``.

    Parameters
    ----------
    composition : mapping of material name -> mass fraction (must sum to 1 within 1e-6).
    """
    if not composition:
        raise SpecError(field, composition, "give at least one material=mass_fraction")
    total = 0.0
    v = 0.0
    for name, w in composition.items():
        w = float(w)
        if not (0.0 <= w <= 1.0):
            raise SpecError(f"{field}.{name}", w, "mass fraction must be in [0, 1]")
        total += w
        v += w / get_material(name, field=f"{field}.{name}").density_g_cm3
    if abs(total - 1.0) > 1e-6:
        raise SpecError(field, round(total, 9), "mass fractions must sum to 1")
    return 1.0 / v
