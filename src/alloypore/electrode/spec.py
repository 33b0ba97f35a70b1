"""The ``[electrode]`` section of a design spec."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alloypore.electrode.model import SWELLING_MODELS
from alloypore.materials import get_material
from alloypore.spec_errors import canonical_name
from alloypore.units import Quantity

__all__ = ["ElectrodeSpec"]

_FRACTION = Quantity("dimensionless")


class ElectrodeSpec(BaseModel):
    """A coating of composite particles blended with graphite (or another carbon), binder and
    conductive agent, on a copper foil.  Give ``areal_capacity_mAh_cm2`` or ``loading_mg_cm2``.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    composite_mass_fraction: _FRACTION = Field(default=0.15, ge=0.0, le=1.0)
    graphite_mass_fraction: _FRACTION = Field(default=0.80, ge=0.0, le=1.0)
    binder_mass_fraction: _FRACTION = Field(default=0.03, ge=0.0, le=0.5)
    conductive_mass_fraction: _FRACTION = Field(default=0.02, ge=0.0, le=0.5)
    blend_material: str = Field(default="graphite", description="Carbon blended with the composite")
    binder_material: str = "binder"
    conductive_material: str = "conductive_carbon"
    areal_capacity_mAh_cm2: Quantity("mAh/cm^2") | None = Field(default=None, gt=0.0, le=30.0)
    loading_mg_cm2: Quantity("mg/cm^2") | None = Field(default=None, gt=0.0, le=200.0)
    compaction_density_g_cm3: Quantity("g/cm^3") = Field(default=1.6, gt=0.0, le=10.0)
    swelling_model: Literal[SWELLING_MODELS] = SWELLING_MODELS[0]
    min_porosity: _FRACTION = Field(default=0.10, ge=0.0, lt=1.0)
    swelling_limit_pct: Quantity("percent") = Field(default=20.0, gt=0.0, le=1000.0)
    first_cycle_efficiency: _FRACTION | None = Field(
        default=None, gt=0.0, le=1.0, description="ICE of the whole coating; default: from its components"
    )

    @field_validator("blend_material", "binder_material", "conductive_material")
    @classmethod
    def _known(cls, v: str) -> str:
        return canonical_name(get_material, v)

    @model_validator(mode="after")
    def _consistent(self) -> "ElectrodeSpec":
        total = (
            self.composite_mass_fraction
            + self.graphite_mass_fraction
            + self.binder_mass_fraction
            + self.conductive_mass_fraction
        )
        if abs(total - 1.0) > 1e-6:
            raise ValueError(
                f"composite/graphite/binder/conductive mass fractions sum to {total:.6g}; they must sum to 1"
            )
        if self.areal_capacity_mAh_cm2 is not None and self.loading_mg_cm2 is not None:
            raise ValueError("areal_capacity_mAh_cm2 and loading_mg_cm2: give one, not both")
        return self
