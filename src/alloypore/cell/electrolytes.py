"""Electrolyte table: liquid, polymer, sulfide and oxide electrolytes (kind, density, source)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

from alloypore.errors import SpecError

__all__ = ["Electrolyte", "get_electrolyte", "list_electrolytes", "SOLID_KINDS"]

SOLID_KINDS = ("sulfide", "oxide")


@dataclass(frozen=True)
class Electrolyte:
    name: str
    kind: str
    description: str
    density_g_cm3: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_solid(self) -> bool:
        return self.kind in SOLID_KINDS


@lru_cache(maxsize=1)
def _table() -> dict[str, Electrolyte]:
    text = resources.files("alloypore.cell").joinpath("data/electrolytes.toml").read_text("utf-8")
    return {
        r["name"]: Electrolyte(
            name=r["name"],
            kind=r["kind"],
            description=r.get("description", ""),
            density_g_cm3=float(r["density_g_cm3"]["value"]),
            sources={"density_g_cm3": r["density_g_cm3"]["source"]},
        )
        for r in tomllib.loads(text)["electrolyte"]
    }


def list_electrolytes() -> list[Electrolyte]:
    return list(_table().values())


def get_electrolyte(name: str, *, field: str = "cell.electrolyte") -> Electrolyte:
    for key, e in _table().items():
        if key.lower() == str(name).lower():
            return e
    raise SpecError(field, name, f"unknown electrolyte; allowed: {', '.join(_table())}")
