"""Checks of the materials a route takes (alloying active phase, carbon, expansion basis)."""

from __future__ import annotations

from alloypore.errors import InputError, check_range
from alloypore.materials import Material, get_material

__all__ = ["alloy", "carbon", "expansion"]

_ALLOYS = "Si, Ge, Sn, Sb, Al, SiO"


def alloy(name: str, field_name: str) -> Material:
    """The alloying material ``name`` of the materials table; one-line error otherwise."""
    m = get_material(name, field=field_name)
    if m.kind != "alloy":
        raise InputError(field_name, name, f"must be an alloying material; allowed: {_ALLOYS}")
    return m


def carbon(material: str, skeletal_density_g_cm3: float | None, field_name: str) -> tuple[Material, float]:
    """The carbon material and its skeletal density (<= its true density)."""
    m = get_material(material, field=field_name.replace("density_g_cm3", "material"))
    if skeletal_density_g_cm3 is None:
        return m, m.density_g_cm3
    rho = check_range(field_name, skeletal_density_g_cm3, 0.0, m.density_g_cm3, lo_open=True, unit="g/cm3")
    return m, rho


def expansion(active: Material, basis: str, expansion_pct: float | None) -> float:
    """Full volume expansion ``beta`` of ``active``: a given % or the table's on ``basis``."""
    if expansion_pct is not None:
        return check_range("expansion_pct", expansion_pct, 0.0, 1000.0, unit="%") / 100.0
    if basis not in ("crystallographic", "quoted"):
        raise InputError("beta_basis", basis, "allowed: crystallographic, quoted")
    return active.expansion(basis)
