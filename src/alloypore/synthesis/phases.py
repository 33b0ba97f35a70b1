"""The phase table of the synthesis routes: molar masses and densities of precursor phases.

Phases that are not electrode materials (Al, Mg, Fe, Mg2Si, Mg3N2, MgO, FeSi, FeSi2) and a
few constants (atomic weights of N and O, pitch density and char yield) live in
``alloypore/synthesis/data/precursors.toml``, every number with its source.  Si, SiO, SiO2
and the carbons come from the materials table (:mod:`alloypore.materials`), so that a route
and the design chain use the same density for the same phase.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

from alloypore.errors import InputError, SpecError
from alloypore.materials import get_material

__all__ = ["Phase", "get_phase", "constant", "molar_mass", "density"]


@dataclass(frozen=True)
class Phase:
    """A phase of a precursor or reaction product (lab units)."""

    name: str
    formula: str
    molar_mass_g_mol: float
    density_g_cm3: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def _phase_row(row: Mapping[str, Any]) -> Phase:
    return Phase(
        name=row["name"],
        formula=row["formula"],
        molar_mass_g_mol=float(row["molar_mass_g_mol"]["value"]),
        density_g_cm3=float(row["density_g_cm3"]["value"]),
        sources={k: row[k]["source"] for k in ("molar_mass_g_mol", "density_g_cm3")},
    )


@lru_cache(maxsize=1)
def _precursor_table() -> dict[str, Any]:
    text = resources.files("alloypore.synthesis").joinpath("data/precursors.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        "phase": {row["name"]: _phase_row(row) for row in data["phase"]},
        "constant": {row["name"]: row for row in data["constant"]},
    }


def constant(name: str, key: str) -> float:
    """A constant of the precursor table: ``constant("pitch", "char_yield")`` -> 0.55."""
    return float(_precursor_table()["constant"][name][key]["value"])


def get_phase(name: str) -> Phase:
    """A precursor phase (Al, Mg, Fe, Mg2Si, Mg3N2, MgO, FeSi, FeSi2) or an electrode
    material with a molar mass (Si, SiO, SiO2) from the materials table."""
    table = _precursor_table()["phase"]
    if name in table:
        return table[name]
    try:
        m = get_material(name, field="phase")
    except SpecError:
        raise InputError("phase", name, f"unknown phase; allowed: {', '.join(table)}, Si, SiO, SiO2") from None
    if m.molar_mass_g_mol is None:
        raise InputError("phase", name, "needs a molar mass; allowed: phases with a formula")
    return Phase(m.name, m.formula, m.molar_mass_g_mol, m.density_g_cm3, dict(m.sources))


def molar_mass(name: str) -> float:
    """Molar mass (g/mol) of a phase, or of the atoms N and O."""
    if name in ("N", "O"):
        return constant(name, "molar_mass_g_mol")
    return get_phase(name).molar_mass_g_mol


def density(name: str) -> float:
    """Density (g/cm3) of a phase."""
    return get_phase(name).density_g_cm3
