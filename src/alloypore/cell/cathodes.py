"""The shipped cathode library (capacity, voltage, density, first-cycle efficiency; sourced)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.errors import SpecError

__all__ = ["Cathode", "get_cathode", "list_cathodes"]


@dataclass(frozen=True)
class Cathode:
    """One row of the cathode table: reversible capacity, average voltage vs Li, density, ICE."""

    name: str
    formula: str
    capacity_mAh_g: float
    voltage_V: float
    density_g_cm3: float
    first_cycle_efficiency: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


_FILE = ("alloypore.cell", "data/cathodes.toml")
_NUMBERS = ("capacity_mAh_g", "voltage_V", "density_g_cm3", "first_cycle_efficiency")


@lru_cache(maxsize=1)
def _table() -> dict[str, Cathode]:
    out = {}
    for row in read_data_toml(*_FILE)["cathode"]:
        values, sources = sourced_values(row, _NUMBERS, origin="/".join(_FILE), where=f"cathode {row['name']!r}")
        out[row["name"]] = Cathode(name=row["name"], formula=row["formula"], **values, sources=sources)
    return out


def list_cathodes() -> list[Cathode]:
    return list(_table().values())


def get_cathode(name: str, *, field: str = "cell.cathode") -> Cathode:
    table = _table()
    for key, c in table.items():
        if key.lower() == str(name).lower():
            return c
    raise SpecError(field, name, f"unknown cathode; allowed: {', '.join(table)}")
