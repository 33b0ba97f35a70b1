"""The ``[cell]`` section and the whole design spec (particle + electrode + cell)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from alloypore.cell.cathodes import get_cathode
from alloypore.cell.electrolytes import get_electrolyte
from alloypore.cell.formats import FORMAT_NAMES
from alloypore.cell.formats.pouch import DEFAULTS as POUCH
from alloypore.electrode.spec import ElectrodeSpec
from alloypore.materials import get_material
from alloypore.particle.spec import ParticleSpec
from alloypore.spec_errors import canonical_name
from alloypore.units import Quantity

__all__ = ["CellSpec", "DesignSpec"]

_FRACTION = Quantity("dimensionless")


class CellSpec(BaseModel):
    """A full cell: cathode, N/P, separator, foils, electrolyte and packaging."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    cathode: str = "NMC811"
    cathode_capacity_mAh_g: Quantity("mAh/g") | None = Field(default=None, gt=0.0, le=500.0)
    cathode_voltage_V: Quantity("V") | None = Field(default=None, gt=0.0, le=6.0)
    cathode_first_cycle_efficiency: _FRACTION | None = Field(default=None, gt=0.0, le=1.0)
    cathode_active_mass_fraction: _FRACTION = Field(default=0.96, gt=0.0, le=1.0)
    cathode_porosity: _FRACTION = Field(default=0.25, ge=0.0, lt=1.0)
    np_ratio: float = Field(default=1.1, ge=1.0, le=3.0)
    separator_thickness_um: Quantity("um") = Field(default=12.0, gt=0.0, le=200.0)
    separator_porosity: _FRACTION = Field(default=0.40, gt=0.0, lt=1.0)
    separator_density_g_cm3: Quantity("g/cm^3") = Field(default=0.95, gt=0.0, le=5.0)
    anode_foil_thickness_um: Quantity("um") = Field(default=8.0, ge=0.0, le=100.0)
    cathode_foil_thickness_um: Quantity("um") = Field(default=12.0, ge=0.0, le=100.0)
    electrolyte: str = Field(default="liquid", description="Electrolyte from the table (alloypore.cell.electrolytes)")
    electrolyte_density_g_cm3: Quantity("g/cm^3") | None = Field(default=None, gt=0.0, le=8.0)
    anolyte_volume_fraction: _FRACTION | None = Field(default=None, ge=0.0, lt=1.0)
    catholyte_volume_fraction: _FRACTION | None = Field(default=None, ge=0.0, lt=1.0)
    electrolyte_excess: float = Field(default=1.0, ge=0.5, le=5.0)
    electrolyte_g_Ah: Quantity("g/A/h") | None = Field(default=None, gt=0.0, le=20.0)
    format: Literal[FORMAT_NAMES] = FORMAT_NAMES[0]  # the registry alloypore.cell.formats
    # the pouch's fields; defaults (with sources) in cell/formats/data/pouch.toml
    pouch_electrode_area_cm2: Quantity("cm^2") = Field(default=POUCH["pouch_electrode_area_cm2"], gt=0.0, le=1e5)
    pouch_layers: int = Field(default=POUCH["pouch_layers"], ge=1, le=500)
    pouch_laminate_thickness_um: Quantity("um") = Field(default=POUCH["pouch_laminate_thickness_um"], ge=0.0, le=1000.0)
    pouch_laminate_density_g_cm3: Quantity("g/cm^3") = Field(default=POUCH["pouch_laminate_density_g_cm3"], gt=0.0, le=10.0)
    pouch_seal_width_mm: Quantity("mm") = Field(default=POUCH["pouch_seal_width_mm"], ge=0.0, le=100.0)
    pouch_tab_mass_g: Quantity("g") = Field(default=POUCH["pouch_tab_mass_g"], ge=0.0, le=1000.0)

    @field_validator("cathode", "electrolyte")
    @classmethod
    def _known(cls, v: str, info: ValidationInfo) -> str:
        return canonical_name(get_cathode if info.field_name == "cathode" else get_electrolyte, v)


class DesignSpec(BaseModel):
    """A whole design: particle -> electrode -> cell.  Loaded from TOML by :func:`load_spec`."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = "design"
    particle: ParticleSpec
    electrode: ElectrodeSpec = Field(default_factory=ElectrodeSpec)
    cell: CellSpec = Field(default_factory=CellSpec)


# Densities of the cell hardware (constants, with sources).
COPPER_DENSITY_G_CM3 = 8.96  # CRC Handbook, 97th ed.
ALUMINIUM_DENSITY_G_CM3 = 2.70  # CRC Handbook, 97th ed.


def cathode_coating_density_g_cm3(active_density: float, active_fraction: float) -> float:
    """Solid density of a cathode coating: active + PVDF + carbon black (remainder split 1:1)."""
    rest = (1.0 - active_fraction) / 2.0
    v = (
        active_fraction / active_density
        + rest / get_material("PVDF").density_g_cm3
        + rest / get_material("conductive_carbon").density_g_cm3
    )
    return 1.0 / v
