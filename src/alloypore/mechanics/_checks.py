"""Input checks shared by the mechanics modules (one-line errors naming the field)."""

from __future__ import annotations

from alloypore.errors import InputError, check_range

__all__ = ["check_elastic", "check_positive", "check_nonneg", "check_eigenstrain"]


def check_elastic(prefix: str, E_GPa: float, nu: float) -> tuple[float, float]:
    """Return ``(E, nu)`` if ``E > 0`` and ``-1 < nu < 0.5`` else raise :class:`InputError`."""
    E = check_range(f"{prefix}E_GPa", E_GPa, 0.0, None, lo_open=True, unit="GPa")
    n = check_range(f"{prefix}nu", nu, -1.0, 0.5, lo_open=True, hi_open=True)
    return E, n


#: Upper bound of every positive mechanics input (lengths in nm, moduli in GPa): far above any
#: physical value, low enough that cubes and products stay finite (1e300 nm overflowed a**3).
MAX_MAGNITUDE = 1e15


def check_positive(field: str, value: float, unit: str = "") -> float:
    return check_range(field, value, 0.0, MAX_MAGNITUDE, lo_open=True, unit=unit)


def check_nonneg(field: str, value: float, unit: str = "") -> float:
    return check_range(field, value, 0.0, MAX_MAGNITUDE, unit=unit)


def check_eigenstrain(field: str, value: float) -> float:
    """Linear eigenstrain: small-strain theory, allowed -0.5 < eps < 1 (beyond ~0.05 only indicative)."""
    return check_range(field, value, -0.5, 1.0, lo_open=True, hi_open=True)


def check_radius_order(inner_field: str, inner: float, outer_field: str, outer: float) -> None:
    if not inner < outer:
        raise InputError(inner_field, inner, f"must be smaller than {outer_field} = {outer:g}")
