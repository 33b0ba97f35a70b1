"""Mechanical and transport properties of anode materials (table with sources).

The table ``data/mechanics.toml`` holds, per material name of the materials table
("Si", "Ge", "Sn", "Sb", "Al", "SiO", "graphite", "hard_carbon", "amorphous_carbon",
"SiO2"): Young's modulus ``E_GPa``, Poisson ratio ``nu``, ``E_lithiated_GPa``
(lithiation softening of Si), ``yield_strength_GPa``, ``fracture_strength_GPa``,
``partial_molar_volume_cm3_mol`` (Omega, chemical strain Omega*c/3) and
``diffusivity_cm2_s``.  Every value carries a ``source``.

This loader imports nothing of alloypore's layers (the table is read by
:mod:`alloypore._datatable`, like every sourced table).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.errors import InputError

__all__ = ["MechanicalProperties", "get_mechanics", "mechanics_names", "mechanics_sources", "modulus_at_theta"]

_FIELDS = (
    "E_GPa",
    "nu",
    "E_lithiated_GPa",
    "yield_strength_GPa",
    "fracture_strength_GPa",
    "partial_molar_volume_cm3_mol",
    "diffusivity_cm2_s",
)


@dataclass(frozen=True)
class MechanicalProperties:
    """Mechanical/transport properties of one material (lab units, see field names)."""

    name: str
    E_GPa: float
    nu: float
    E_lithiated_GPa: float
    yield_strength_GPa: float
    fracture_strength_GPa: float
    partial_molar_volume_cm3_mol: float
    diffusivity_cm2_s: float


_FILE = ("alloypore.materials", "data/mechanics.toml")


@lru_cache(maxsize=1)
def _table() -> dict:
    return read_data_toml(*_FILE)


def _row(name: str) -> tuple[dict[str, float], dict[str, str]]:
    table = _table()
    if name not in table:
        raise InputError("material", name, f"one of {', '.join(table)}")
    return sourced_values(table[name], _FIELDS, origin="/".join(_FILE), where=f"material {name!r}")


def mechanics_names() -> list[str]:
    """Material names with mechanical data."""
    return list(_table())


def get_mechanics(name: str) -> MechanicalProperties:
    """Return the :class:`MechanicalProperties` of material ``name`` (e.g. ``"Si"``)."""
    return MechanicalProperties(name=name, **_row(name)[0])


def mechanics_sources(name: str) -> dict[str, str]:
    """Return ``{field: source}`` for material ``name``."""
    return _row(name)[1]


def modulus_at_theta(name: str, theta: float) -> float:
    """Young's modulus (GPa) at lithiation fraction ``theta`` (linear rule of mixtures).

    ``E(theta) = (1 - theta) E_0 + theta E_lith``: a simple interpolation of the
    softening reported for Li_xSi (Shenoy 2010, Hertzberg 2011); real data are
    not linear, use it for trends only.
    """
    if not 0.0 <= float(theta) <= 1.0:
        raise InputError("theta", theta, "allowed 0 <= theta <= 1")
    p = get_mechanics(name)
    return (1.0 - theta) * p.E_GPa + theta * p.E_lithiated_GPa
