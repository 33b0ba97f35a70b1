"""The materials table: rows -> :class:`Material`, the shipped table, and lookups in a table.

A :class:`MaterialsTable` is an immutable mapping name -> :class:`Material` with a
case-insensitive lookup that raises a one-line :class:`~alloypore.errors.SpecError`.
:func:`shipped_table` is the table in ``data/materials.toml`` (read once).  A table with the
rows of a user file appended is made by :func:`alloypore.materials.user.table_with_user_file`;
which table the chain uses is decided by :mod:`alloypore.materials.lookup`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.errors import DataFileError, SpecError
from alloypore.materials.material import Material
from alloypore.materials.phases import parse_phases

__all__ = ["MaterialsTable", "material_from_row", "shipped_table", "SHIPPED_TABLE_FILE"]

#: Where the shipped table lives (package, resource).
SHIPPED_TABLE_FILE = ("alloypore.materials", "data/materials.toml")

# row key -> Material attribute (numbers, each ``{value, source}``)
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
# text entries, also ``{value, source}``
_TEXT = ("nanoparticle_synthesis", "etching_selectivity", "chemical_deposition")


def _default_phase(row: Mapping, numbers: dict, sources: dict, origin: object, where: str) -> tuple:
    """Parse ``[[material.phase]]`` rows; put the default phase's ``x`` and molar volume into ``numbers``."""
    if "phase" not in row:
        return ()
    if "li_per_host" in row or "lithiated_molar_volume_cm3_mol" in row:
        raise DataFileError(origin, f"{where}: give li_per_host and the lithiated molar volume in its phases, not both")
    mm, rho = numbers.get("molar_mass_g_mol"), numbers.get("density_g_cm3")
    phases = parse_phases(row["phase"], None if mm is None or not rho else mm / rho, origin, str(row.get("name")))
    default = [p for p in phases if p.name == row.get("lithiated_phase")]
    if not default:
        raise DataFileError(origin, f"{where}: lithiated_phase = {row.get('lithiated_phase')!r} must name one of its "
                                    f"phases ({', '.join(p.name for p in phases)})")
    numbers["li_per_host"] = default[0].li_per_host
    numbers["lithiated_molar_volume_cm3_mol"] = default[0].molar_volume_cm3_mol
    sources.update(default[0].sources)
    return phases


def material_from_row(row: Mapping, origin: object) -> Material:
    """One ``[[material]]`` row (name, kind, formula, sourced numbers) as a :class:`Material`.

    A host lists its lithiated end phases as ``[[material.phase]]`` tables
    (:mod:`alloypore.materials.phases`) and names the default one in ``lithiated_phase``; a row
    may instead give ``li_per_host`` and ``lithiated_molar_volume_cm3_mol`` itself (one phase,
    the format ``materials add`` writes).

    Raises
    ------
    DataFileError
        A number without its value and source, or a value that is not a number; a phase
        without its data; a default phase the row does not list.
    """
    where = f"material {row.get('name')!r}"
    numbers, sources = sourced_values(row, _NUMERIC, origin=origin, where=where, required=False)
    texts, text_sources = sourced_values(row, _TEXT, origin=origin, where=where, required=False, cast=str)
    phases = _default_phase(row, numbers, sources, origin, where)
    return Material(
        name=row["name"],
        kind=row["kind"],
        formula=row["formula"],
        description=row.get("description", ""),
        lithiated_phase=row.get("lithiated_phase"),
        **{_NUMERIC[k]: v for k, v in numbers.items()},
        **texts,
        phases=phases,
        sources={**sources, **text_sources},
    )


class MaterialsTable(Mapping[str, Material]):
    """Materials by name, in table order, with a case-insensitive :meth:`lookup`."""

    def __init__(self, materials: Mapping[str, Material]):
        self._rows = dict(materials)
        self._lower = {k.lower(): v for k, v in self._rows.items()}

    def __getitem__(self, name: str) -> Material:
        return self._rows[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def lookup(self, name: str, *, field: str = "material") -> Material:
        """The material ``name`` (case-insensitive); SpecError naming ``field`` if unknown."""
        if name in self._rows:
            return self._rows[name]
        if isinstance(name, str) and name.lower() in self._lower:
            return self._lower[name.lower()]
        raise SpecError(field, name, f"unknown material; allowed: {', '.join(self._rows)}")

    def names(self) -> list[str]:
        """Names in table order."""
        return list(self._rows)

    def materials(self) -> list[Material]:
        """Materials in table order."""
        return list(self._rows.values())

    def true_density_g_cm3(self, composition: Mapping[str, float], *, field: str = "composition") -> float:
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
            v += w / self.lookup(name, field=f"{field}.{name}").density_g_cm3
        if abs(total - 1.0) > 1e-6:
            raise SpecError(field, round(total, 9), "mass fractions must sum to 1")
        return 1.0 / v


@lru_cache(maxsize=1)
def shipped_table() -> MaterialsTable:
    """The table shipped with alloypore (``data/materials.toml``), read once."""
    package, resource = SHIPPED_TABLE_FILE
    rows = read_data_toml(package, resource)["material"]
    origin = f"{package}/{resource}"
    return MaterialsTable({r["name"]: material_from_row(r, origin) for r in rows})
