"""The shipped cathode library (capacity, voltage, density, first-cycle efficiency; sourced)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

from alloypore.errors import SpecError

__all__ = ["Cathode", "get_cathode", "list_cathodes"]


@dataclass(frozen=True)
class Cathode:
    name: str
    formula: str
    capacity_mAh_g: float
    voltage_V: float
    density_g_cm3: float
    first_cycle_efficiency: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=1)
def _table() -> dict[str, Cathode]:
    text = resources.files("alloypore.cell").joinpath("data/cathodes.toml").read_text("utf-8")
    out = {}
    for row in tomllib.loads(text)["cathode"]:
        keys = ("capacity_mAh_g", "voltage_V", "density_g_cm3", "first_cycle_efficiency")
        out[row["name"]] = Cathode(
            name=row["name"],
            formula=row["formula"],
            **{k: float(row[k]["value"]) for k in keys},
            sources={k: row[k]["source"] for k in keys},
        )
    return out


def list_cathodes() -> list[Cathode]:
    return list(_table().values())


def get_cathode(name: str, *, field: str = "cell.cathode") -> Cathode:
    table = _table()
    for key, c in table.items():
        if key.lower() == str(name).lower():
            return c
    raise SpecError(field, name, f"unknown cathode; allowed: {', '.join(table)}")
