"""Electrolyte table: liquid, polymer, sulfide and oxide electrolytes (kind, density, source)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.errors import SpecError

__all__ = ["Electrolyte", "get_electrolyte", "list_electrolytes", "SOLID_KINDS"]

SOLID_KINDS = ("sulfide", "oxide")


@dataclass(frozen=True)
class Electrolyte:
    """One row of the electrolyte table: its kind (liquid, polymer, sulfide, oxide) and density."""

    name: str
    kind: str
    description: str
    density_g_cm3: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_solid(self) -> bool:
        return self.kind in SOLID_KINDS


_FILE = ("alloypore.cell", "data/electrolytes.toml")


@lru_cache(maxsize=1)
def _table() -> dict[str, Electrolyte]:
    out = {}
    for r in read_data_toml(*_FILE)["electrolyte"]:
        values, sources = sourced_values(r, ("density_g_cm3",), origin="/".join(_FILE), where=f"electrolyte {r['name']!r}")
        out[r["name"]] = Electrolyte(
            name=r["name"], kind=r["kind"], description=r.get("description", ""), **values, sources=sources
        )
    return out


def list_electrolytes() -> list[Electrolyte]:
    return list(_table().values())


def get_electrolyte(name: str, *, field: str = "cell.electrolyte") -> Electrolyte:
    for key, e in _table().items():
        if key.lower() == str(name).lower():
            return e
    raise SpecError(field, name, f"unknown electrolyte; allowed: {', '.join(_table())}")
