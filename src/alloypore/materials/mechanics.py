"""Mechanical and transport properties of anode materials (table with sources).

The table ``data/mechanics.toml`` holds, per material name of the materials table
("Si", "Ge", "Sn", "Sb", "Al", "SiO", "graphite", "hard_carbon", "amorphous_carbon",
"SiO2"): Young's modulus ``E_GPa``, Poisson ratio ``nu``, ``E_lithiated_GPa``
(lithiation softening of Si), ``yield_strength_GPa``, ``fracture_strength_GPa`` and
``diffusivity_cm2_s``.  Every value carries a ``source``.

The partial molar volume ``Omega`` (chemical strain ``Omega c / 3``) is not a second number
here: :func:`get_mechanics` takes it from the materials table,
``Omega = (V_lith - V_host) / x`` of the host's lithiated phase
(:attr:`alloypore.materials.Material.partial_molar_volume_cm3_mol`), so every command that
uses it agrees with ``alloypore materials``.

This loader imports nothing of alloypore's layers (the tables are read by
:mod:`alloypore._datatable`, like every sourced table).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.errors import InputError
from alloypore.materials.lookup import get_material

__all__ = ["MechanicalProperties", "get_mechanics", "mechanics_names", "mechanics_sources", "modulus_at_theta"]

_FIELDS = (
    "E_GPa",
    "nu",
    "E_lithiated_GPa",
    "yield_strength_GPa",
    "fracture_strength_GPa",
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
    partial_molar_volume_cm3_mol: float  # Omega of the lithiated phase, from the materials table
    diffusivity_cm2_s: float
    lithiated_phase: str | None = None


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


def _omega(name: str, lithiated_phase: str | None) -> tuple[float, str | None, str]:
    """Omega, the phase it belongs to and its source, from the materials table."""
    m = get_material(name).with_phase(lithiated_phase)
    v_lith = m.sources.get("lithiated_molar_volume_cm3_mol", "")
    src = (f"(V_lith - V_host)/x of {m.lithiated_phase} (materials table; V_lith {v_lith})" if m.is_stoichiometric
           else "beta V_host / x from the measured capacity and expansion (materials table)")
    return m.partial_molar_volume_cm3_mol, m.lithiated_phase, src


def get_mechanics(name: str, lithiated_phase: str | None = None) -> MechanicalProperties:
    """Return the :class:`MechanicalProperties` of material ``name`` (e.g. ``"Si"``).

    ``partial_molar_volume_cm3_mol`` is the materials table's Omega of ``lithiated_phase``
    (default: the host's default phase).
    """
    values = _row(name)[0]
    omega, phase, _ = _omega(name, lithiated_phase)
    return MechanicalProperties(name=name, **values, partial_molar_volume_cm3_mol=omega, lithiated_phase=phase)


def mechanics_sources(name: str, lithiated_phase: str | None = None) -> dict[str, str]:
    """Return ``{field: source}`` for material ``name`` (Omega's from the materials table)."""
    return {**_row(name)[1], "partial_molar_volume_cm3_mol": _omega(name, lithiated_phase)[2]}


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
