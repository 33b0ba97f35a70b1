"""What every cell format gets and returns (the registry's interface).

A cell format wraps the chain's repeat unit (anode coating + cathode coating + separator +
half of each double-side-coated foil, per cm2, at the charged state) into a cell: a stack,
a pouch, and (issue #16) wound cylindrical, prismatic and coin cells.  It gets the per-area
numbers in a :class:`RepeatUnit` and the ``[cell]`` fields it declares, and returns a
:class:`PackagedCell`: capacity, energy, mass and volume, the energy densities, and which of
its limits bind.  Every array broadcasts over designs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alloypore._datatable import read_data_toml, sourced_values

__all__ = ["RepeatUnit", "PackagedCell", "CellFormat", "format_defaults", "packaged"]


@dataclass(frozen=True)
class RepeatUnit:
    """Per cm2 of one repeat unit at top of charge (numpy arrays, broadcasting over designs)."""

    capacity_mAh_cm2: np.ndarray  # reversible
    voltage_V: np.ndarray
    energy_Wh_cm2: np.ndarray
    mass_g_cm2: np.ndarray  # electrolyte included
    thickness_charged_um: np.ndarray  # anode at its charged (swollen) thickness
    anode_charged_thickness_um: np.ndarray
    # the pieces, for formats that do not repeat the unit (coin cells) or bound its swelling
    # (cans); None when a caller builds a bare unit
    anode_thickness_um: np.ndarray | None = None  # pristine coating
    anode_capacity_mAh_cm2: np.ndarray | None = None  # reversible
    anode_first_cycle_efficiency: np.ndarray | None = None
    anode_potential_V: np.ndarray | None = None  # average delithiation potential vs Li
    anode_mass_g_cm2: np.ndarray | None = None  # coating
    cathode_mass_g_cm2: np.ndarray | None = None  # coating
    cathode_thickness_um: np.ndarray | None = None
    separator_thickness_um: np.ndarray | None = None
    separator_mass_g_cm2: np.ndarray | None = None
    anode_foil_um: np.ndarray | None = None  # whole foil (the unit holds half of it)
    cathode_foil_um: np.ndarray | None = None
    electrolyte_mass_g_cm2: np.ndarray | None = None
    electrolyte_density_g_cm3: np.ndarray | None = None


@dataclass(frozen=True)
class PackagedCell:
    """A cell made of repeat units.  ``capacity_Ah`` .. ``volume_cm3`` are None for a format
    without a cell of its own (the bare stack); ``binding_limits`` maps the name of each limit
    of the format to a boolean array, True where it binds (empty when the format has none);
    ``violated`` maps the same names to True where the design is beyond the limit (it cannot
    be built); ``details`` holds the format's own results (turns, roll length, gap to the can,
    half-cell capacities...), arrays by name."""

    energy_density_Wh_kg: np.ndarray
    energy_density_Wh_L: np.ndarray
    capacity_Ah: np.ndarray | None = None
    energy_Wh: np.ndarray | None = None
    mass_g: np.ndarray | None = None
    volume_cm3: np.ndarray | None = None
    binding_limits: Mapping[str, np.ndarray] = field(default_factory=dict)
    violated: Mapping[str, np.ndarray] = field(default_factory=dict)
    details: Mapping[str, np.ndarray] = field(default_factory=dict)


def packaged(*, capacity_Ah, energy_Wh, mass_g, volume_cm3, **rest) -> PackagedCell:
    """A :class:`PackagedCell` from its totals: ``Wh/kg = 1000 E/m``, ``Wh/L = 1000 E/V``."""
    return PackagedCell(energy_density_Wh_kg=energy_Wh / mass_g * 1e3, energy_density_Wh_L=energy_Wh / volume_cm3 * 1e3,
                        capacity_Ah=capacity_Ah, energy_Wh=energy_Wh, mass_g=mass_g, volume_cm3=volume_cm3, **rest)


@dataclass(frozen=True)
class CellFormat:
    """One entry of the format registry.

    Attributes
    ----------
    name : the ``[cell] format`` value.
    package : ``package(unit, **fields) -> PackagedCell``; ``fields`` are the ``[cell]`` fields
        named in ``fields`` (numbers or arrays).
    fields : the ``[cell]`` fields the format reads (their defaults and sources are in its data file).
    description : one line for listings.
    defaults, sources : the format's own defaults of its fields and their sources (from its data
        file); a field given as None (not set in the spec) takes the default.  Formats that share
        field names (18650, 21700, 4680 all read ``cylinder_*``) differ in these defaults.
    """

    name: str
    package: Callable[..., PackagedCell]
    fields: tuple[str, ...] = ()
    description: str = ""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """The values of the format's fields: the given ones, else the format's defaults."""
        out = {}
        for k in self.fields:
            v = fields.get(k)
            out[k] = self.defaults.get(k) if v is None else v
        return out

    def __call__(self, unit: RepeatUnit, fields: Mapping[str, Any]) -> PackagedCell:
        return self.package(unit, **self.resolve(fields))


def _number(value: Any) -> int | float:
    """An integer stays an integer (``pouch_layers = 20``), anything else becomes a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return float(value)


def _value(value: Any) -> Any:
    """Numbers as :func:`_number`; text (a choice such as ``coin_mode = "half"``) stays text."""
    return value if isinstance(value, str) else _number(value)


def format_defaults(resource: str) -> tuple[dict[str, Any], dict[str, str]]:
    """``({field: default}, {field: source})`` from a format's data file in ``cell/formats/data``."""
    data = read_data_toml("alloypore.cell.formats", f"data/{resource}")
    origin = f"alloypore/cell/formats/data/{resource}"
    return sourced_values(data, list(data), origin=origin, where=resource, cast=_value)
