"""The ``[cell]`` section and the whole design spec (particle + electrode + cell)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.cell.cathodes import get_cathode
from alloypore.cell.electrolytes import get_electrolyte
from alloypore.cell.formats import FORMAT_NAMES, FORMATS, fields_of_other_formats
from alloypore.cell.formats.coin import MODES as COIN_MODES
from alloypore.cell.formats.pouch import DEFAULTS as POUCH
from alloypore.cell.limits import LIMIT_DEFAULTS as LIMITS
from alloypore.cell.limits import LIMIT_SOURCES
from alloypore.electrode.spec import ElectrodeSpec
from alloypore.materials import get_material
from alloypore.particle.spec import ParticleSpec
from alloypore.spec_errors import canonical_name
from alloypore.units import Quantity

__all__ = ["CellSpec", "DesignSpec", "CELL_DEFAULTS", "CELL_SOURCES", "LIMITS", "LIMIT_SOURCES", "ENERGY_MODELS"]

_FRACTION = Quantity("dimensionless")
_DATA = read_data_toml("alloypore.cell", "data/cell.toml")
#: Defaults of the ``[cell]`` fields that are not a format's hardware, and their sources.
CELL_DEFAULTS, CELL_SOURCES = sourced_values(_DATA["defaults"], list(_DATA["defaults"]), origin="alloypore/cell/data/cell.toml", where="[defaults]")
#: ``[cell] energy_model`` values: voltage curves (default) or average potentials.
ENERGY_MODELS = ("ocv", "average")
_D, _L = CELL_DEFAULTS, LIMITS
_FORMAT_FIELDS = tuple(dict.fromkeys(f for fmt in FORMATS.values() for f in fmt.fields))


class CellSpec(BaseModel):
    """A full cell: cathode, N/P, separator, foils, electrolyte and packaging."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    cathode: str = "NMC811"
    cathode_capacity_mAh_g: Quantity("mAh/g") | None = Field(default=None, gt=0.0, le=500.0)
    cathode_voltage_V: Quantity("V") | None = Field(default=None, gt=0.0, le=6.0)
    cathode_first_cycle_efficiency: _FRACTION | None = Field(default=None, gt=0.0, le=1.0)
    cathode_active_mass_fraction: _FRACTION = Field(default=_D["cathode_active_mass_fraction"], gt=0.0, le=1.0)
    cathode_porosity: _FRACTION = Field(default=_D["cathode_porosity"], ge=0.0, lt=1.0)
    np_ratio: float = Field(default=_D["np_ratio"], ge=1.0, le=3.0)
    separator_thickness_um: Quantity("um") = Field(default=_D["separator_thickness_um"], gt=0.0, le=200.0)
    separator_porosity: _FRACTION = Field(default=_D["separator_porosity"], gt=0.0, lt=1.0)
    separator_density_g_cm3: Quantity("g/cm^3") = Field(default=_D["separator_density_g_cm3"], gt=0.0, le=5.0)
    anode_foil_thickness_um: Quantity("um") = Field(default=_D["anode_foil_thickness_um"], ge=0.0, le=100.0)
    cathode_foil_thickness_um: Quantity("um") = Field(default=_D["cathode_foil_thickness_um"], ge=0.0, le=100.0)
    electrolyte: str = Field(default="liquid", description="Electrolyte from the table (alloypore.cell.electrolytes)")
    electrolyte_density_g_cm3: Quantity("g/cm^3") | None = Field(default=None, gt=0.0, le=8.0)
    anolyte_volume_fraction: _FRACTION | None = Field(default=None, ge=0.0, lt=1.0)
    catholyte_volume_fraction: _FRACTION | None = Field(default=None, ge=0.0, lt=1.0)
    electrolyte_excess: float = Field(default=_D["electrolyte_excess"], ge=0.5, le=5.0)
    electrolyte_g_Ah: Quantity("g/A/h") | None = Field(default=None, gt=0.0, le=20.0)
    # energy from voltage curves (default) or average potentials; defaults in cell/data/cell.toml
    energy_model: Literal[ENERGY_MODELS] = "ocv"
    discharge_cutoff_V: Quantity("V") = Field(default=_D["discharge_cutoff_V"], ge=0.0, le=5.0,
                                              description="lower cut-off of the OCV discharge; 0: none")
    # manufacturing limits (feasible = manufacturable); defaults and sources in cell/data/cell.toml
    min_electrode_porosity: _FRACTION = Field(default=_L["min_electrode_porosity"], ge=0.0, lt=1.0)
    max_anode_compaction_density_g_cm3: Quantity("g/cm^3") = Field(default=_L["max_anode_compaction_density_g_cm3"], gt=0.0, le=10.0)
    min_electrolyte_fill: float = Field(default=_L["min_electrolyte_fill"], ge=0.0, le=5.0)
    format: Literal[FORMAT_NAMES] = FORMAT_NAMES[0]  # the registry alloypore.cell.formats
    # the pouch's fields; defaults (with sources) in cell/formats/data/pouch.toml
    pouch_electrode_area_cm2: Quantity("cm^2") = Field(default=POUCH["pouch_electrode_area_cm2"], gt=0.0, le=1e5)
    pouch_layers: int = Field(default=POUCH["pouch_layers"], ge=1, le=500)
    pouch_laminate_thickness_um: Quantity("um") = Field(default=POUCH["pouch_laminate_thickness_um"], ge=0.0, le=1000.0)
    pouch_laminate_density_g_cm3: Quantity("g/cm^3") = Field(default=POUCH["pouch_laminate_density_g_cm3"], gt=0.0, le=10.0)
    pouch_seal_width_mm: Quantity("mm") = Field(default=POUCH["pouch_seal_width_mm"], ge=0.0, le=100.0)
    pouch_tab_mass_g: Quantity("g") = Field(default=POUCH["pouch_tab_mass_g"], ge=0.0, le=1000.0)
    # cylindrical (18650, 21700, 4680); None: the format's default (cell/formats/data/<format>.toml)
    cylinder_diameter_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=200.0)
    cylinder_height_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=500.0)
    cylinder_can_wall_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=5.0)
    cylinder_can_density_g_cm3: Quantity("g/cm^3") | None = Field(default=None, gt=0.0, le=20.0)
    cylinder_mandrel_diameter_mm: Quantity("mm") | None = Field(default=None, ge=0.0, le=100.0)
    cylinder_headspace_mm: Quantity("mm") | None = Field(default=None, ge=0.0, le=100.0)
    cylinder_clearance_mm: Quantity("mm") | None = Field(default=None, ge=0.0, le=10.0)
    cylinder_header_mass_g: Quantity("g") | None = Field(default=None, ge=0.0, le=1000.0)
    cylinder_electrode_length_mm: Quantity("mm") | None = Field(
        default=None, gt=0.0, le=1e5, description="cathode length; default: wound until the charged roll fills the can")
    # prismatic; None: the format's default (cell/formats/data/prismatic.toml)
    prismatic_width_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=2000.0)
    prismatic_height_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=2000.0)
    prismatic_thickness_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=500.0)
    prismatic_can_wall_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=10.0)
    prismatic_can_density_g_cm3: Quantity("g/cm^3") | None = Field(default=None, gt=0.0, le=20.0)
    prismatic_headspace_mm: Quantity("mm") | None = Field(default=None, ge=0.0, le=500.0)
    prismatic_clearance_mm: Quantity("mm") | None = Field(default=None, ge=0.0, le=50.0)
    prismatic_header_mass_g: Quantity("g") | None = Field(default=None, ge=0.0, le=10000.0)
    # coin-2032; None: the format's default (cell/formats/data/coin-2032.toml)
    coin_mode: Literal[COIN_MODES] | None = None
    coin_diameter_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=100.0)
    coin_height_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=50.0)
    coin_electrode_diameter_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=100.0)
    coin_lithium_diameter_mm: Quantity("mm") | None = Field(default=None, gt=0.0, le=100.0)
    coin_lithium_thickness_um: Quantity("um") | None = Field(default=None, ge=0.0, le=5000.0)
    coin_electrolyte_uL: Quantity("uL") | None = Field(default=None, ge=0.0, le=1000.0)
    coin_hardware_mass_g: Quantity("g") | None = Field(default=None, ge=0.0, le=100.0)

    @field_validator("cathode", "electrolyte")
    @classmethod
    def _known(cls, v: str, info: ValidationInfo) -> str:
        return canonical_name(get_cathode if info.field_name == "cathode" else get_electrolyte, v)

    @field_validator(*_FORMAT_FIELDS)
    @classmethod
    def _format_field(cls, v, info: ValidationInfo):
        """A field of another format (``pouch_layers`` with ``format = "21700"``) is a mistake."""
        fmt = info.data.get("format", FORMAT_NAMES[0])
        if v is not None and info.field_name in fields_of_other_formats(fmt):
            owners = [f.name for f in FORMATS.values() if info.field_name in f.fields]
            raise ValueError(f"not a field of format {fmt!r} (it belongs to {', '.join(owners)}); remove it or change the format")
        return v


class DesignSpec(BaseModel):
    """A whole design: particle -> electrode -> cell.  Loaded from TOML by :func:`load_spec`."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = "design"
    particle: ParticleSpec
    electrode: ElectrodeSpec = Field(default_factory=ElectrodeSpec)
    cell: CellSpec = Field(default_factory=CellSpec)




def cathode_coating_density_g_cm3(active_density: float, active_fraction: float) -> float:
    """Solid density of a cathode coating: active + PVDF + carbon black (remainder split 1:1)."""
    rest = (1.0 - active_fraction) / 2.0
    v = (
        active_fraction / active_density
        + rest / get_material("PVDF").density_g_cm3
        + rest / get_material("conductive_carbon").density_g_cm3
    )
    return 1.0 / v
