"""Particle layer: composite porous secondary particles (imports only ``alloypore.materials``)."""

from alloypore.particle.model import (
    ParticleArrays,
    PhaseProps,
    VolumeBudget,
    evaluate_particle,
    particle_arrays,
    phase_props,
    required_porosity,
    spec_arrays,
    volume_budget,
)
from alloypore.particle.spec import ParticleSpec, PhaseSpec

__all__ = [
    "ParticleArrays",
    "ParticleSpec",
    "PhaseProps",
    "PhaseSpec",
    "VolumeBudget",
    "evaluate_particle",
    "particle_arrays",
    "phase_props",
    "required_porosity",
    "spec_arrays",
    "volume_budget",
]
