"""The same metrics across a series of volumes (pristine, cycled, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from alloypore.progress import progress

from .profile import pore_profile

__all__ = ["EvolutionResult", "evolution"]


@dataclass
class EvolutionResult:
    labels: list
    profiles: list

    @property
    def porosity(self):
        return [p.porosity for p in self.profiles]


def evolution(volumes, labels, voxel_size_nm: float, **kw) -> EvolutionResult:
    """Pore profile of each phase image in ``volumes`` (same options for all)."""
    profs = []
    for ph, lab in progress(list(zip(volumes, labels)), "volumes"):
        prof, _, _ = pore_profile(ph, voxel_size_nm, source=lab, **kw)
        profs.append(prof)
    return EvolutionResult(list(labels), profs)
