"""Particle layer: composite porous secondary particles (imports only ``alloypore.materials``).

Modules: :mod:`~alloypore.particle.model` (densities, capacity, the volume budget),
:mod:`~alloypore.particle.compliant` (the compliant-matrix expansion model),
:mod:`~alloypore.particle.ice` (first-cycle efficiency from the wetted surface),
:mod:`~alloypore.particle.spec` (the ``[particle]`` section).
"""

from alloypore.particle.compliant import EXPANSION_MODELS
from alloypore.particle.ice import IceArrays, first_cycle_arrays
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
    "EXPANSION_MODELS",
    "IceArrays",
    "ParticleArrays",
    "ParticleSpec",
    "PhaseProps",
    "PhaseSpec",
    "VolumeBudget",
    "evaluate_particle",
    "first_cycle_arrays",
    "particle_arrays",
    "phase_props",
    "required_porosity",
    "spec_arrays",
    "volume_budget",
]
