"""The ``[particle]`` section of a design spec (pydantic, validated once at the boundary)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from alloypore.errors import SpecError
from alloypore.materials import DEFAULT_EXPANSION_BASIS, ExpansionBasis, get_material
from alloypore.spec_errors import canonical_name
from alloypore.units import Quantity

__all__ = ["PhaseSpec", "ParticleSpec"]

_FRACTION = Quantity("dimensionless")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class PhaseSpec(_Strict):
    """One solid phase of a composite particle."""

    material: str = Field(description="Name from the materials table (alloypore materials)")
    mass_fraction: _FRACTION = Field(gt=0.0, le=1.0, description="Mass fraction in the delithiated particle")
    volume_expansion_pct: Quantity("percent") | None = Field(
        default=None, ge=0.0, le=1000.0, description="Override of the full volume expansion (%)"
    )
    capacity_mAh_g: Quantity("mAh/g") | None = Field(
        default=None, ge=0.0, le=5000.0, description="Override of the specific capacity (mAh/g)"
    )
    lithiated_phase: str | None = Field(
        default=None, description="Lithiated end phase (alloypore materials --json lists each host's phases); "
        "default: the table's"
    )

    @field_validator("material")
    @classmethod
    def _known(cls, v: str) -> str:
        return canonical_name(get_material, v)  # normalises case

    @field_validator("lithiated_phase")
    @classmethod
    def _phase_of_material(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None or "material" not in info.data:
            return v
        try:
            return get_material(info.data["material"]).with_phase(v).lithiated_phase  # normalises case
        except SpecError as err:
            raise ValueError(err.allowed) from None


class ParticleSpec(_Strict):
    """A composite secondary particle: solid phases, intraparticle pores and sizes.

    Give the pore space as ``porosity`` (fraction of the envelope volume) or as
    ``pore_volume_cm3_g`` (per gram of delithiated particle), not both.
    """

    phases: list[PhaseSpec] = Field(min_length=1, max_length=12)
    porosity: _FRACTION | None = Field(default=None, ge=0.0, lt=1.0)
    pore_volume_cm3_g: Quantity("cm^3/g") | None = Field(default=None, ge=0.0, le=100.0)
    closed_pore_fraction: _FRACTION = Field(default=0.0, ge=0.0, le=1.0)
    electrolyte_inaccessible_fraction: _FRACTION = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Share of the OPEN pore volume a liquid electrolyte does not enter (pores below ~2 nm); "
                    "neither electrolyte-filled nor closed",
    )
    accommodation_efficiency: _FRACTION = Field(default=1.0, gt=0.0, le=1.0)
    expansion_basis: ExpansionBasis = Field(
        default=DEFAULT_EXPANSION_BASIS,
        description="crystallographic (each phase's computed expansion) or quoted (the review's, for every material "
        "of the design including the blend carbon)",
    )
    expansion_model: Literal["pores_first", "compliant"] = Field(
        default="pores_first",
        description="pores_first: pores take the growth first (rigid matrix); compliant: the carbon matrix "
        "deforms elastically until the active phase flows into the pores (alloypore.particle.compliant)",
    )
    first_cycle_efficiency: _FRACTION | None = Field(
        default=None, gt=0.0, le=1.0,
        description="Measured half-cell ICE of the particle; else the wetted-surface model (alloypore.particle.ice)",
    )
    ssa_m2_g: Quantity("m^2/g") | None = Field(default=None, ge=0.0, le=3000.0)
    ssa_basis: Literal["total", "open"] = Field(
        default="total",
        description="total: ssa_m2_g counts every pore wall (imaging, BET of the unsealed precursor); "
        "open: a BET of the particle itself, which cannot see closed pores",
    )
    sei_areal_loss_mAh_m2: Quantity("mAh/m^2") | None = Field(
        default=None, ge=0.0, le=1000.0,
        description="First-cycle SEI charge per m2 of wetted surface; default 11.18 (20 nm SEI, particle/data/sei.toml)",
    )
    primary_particle_size_nm: Quantity("nm") | None = Field(default=None, gt=0.0, le=1e6)
    secondary_particle_size_um: Quantity("um") = Field(default=10.0, gt=0.0, le=1000.0)

    @model_validator(mode="after")
    def _consistent(self) -> "ParticleSpec":
        total = sum(p.mass_fraction for p in self.phases)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"phases: mass fractions sum to {total:.6g}; they must sum to 1")
        names = [p.material for p in self.phases]
        if len(set(names)) != len(names):
            raise ValueError(f"phases: material listed twice ({', '.join(names)})")
        if self.porosity is not None and self.pore_volume_cm3_g is not None:
            raise ValueError("porosity and pore_volume_cm3_g: give one, not both")
        return self
