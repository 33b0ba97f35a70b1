"""The particle a synthesis route makes: :class:`SynthesisResult`, shared by all routes.

Per gram of final (delithiated) particle, with ``v_s`` the solid volume, ``v_p`` the pore
volume and ``v_c`` its closed part (cm3/g)::

    porosity = v_p / (v_s + v_p);   closed fraction = v_c / v_p
    true density 1 / v_s;   skeletal (He) 1 / (v_s + v_c);   envelope 1 / (v_s + v_p)
    accommodation efficiency = usable pores / v_p   (pores next to the active phase)

:meth:`SynthesisResult.particle_spec` is the ``[particle]`` section that the design chain
evaluates to the same particle (same porosity and densities).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alloypore.materials import get_material
from alloypore.particle import evaluate_particle

__all__ = ["SynthesisResult", "merge_mass_fractions"]


@dataclass(frozen=True)
class SynthesisResult:
    """The particle a synthesis route makes, per gram of final (delithiated) particle.

    ``mass_fractions`` maps material names of the materials table to mass fractions;
    volumes are cm3 per gram of particle.  :meth:`particle_spec` turns it into a
    ``[particle]`` spec of the design chain.  ``title`` names the particle (e.g. the
    ``name`` of an emitted design spec).
    """

    route: str
    mass_fractions: dict[str, float]
    solid_volume_cm3_g: float
    pore_volume_cm3_g: float
    closed_pore_volume_cm3_g: float
    usable_pore_volume_cm3_g: float  # pores next to the active phase (take up its growth)
    expansion_basis: str = "crystallographic"
    expansion_pct_override: dict[str, float] = field(default_factory=dict)
    primary_particle_size_nm: float | None = None
    secondary_particle_size_um: float = 10.0
    reactions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    title: str = ""

    @property
    def porosity(self) -> float:
        return self.pore_volume_cm3_g / (self.solid_volume_cm3_g + self.pore_volume_cm3_g)

    @property
    def closed_pore_fraction(self) -> float:
        return self.closed_pore_volume_cm3_g / self.pore_volume_cm3_g if self.pore_volume_cm3_g > 0 else 0.0

    @property
    def accommodation_efficiency(self) -> float:
        """Share of the pore volume that can take up the active phase's growth (0, 1]."""
        if self.pore_volume_cm3_g <= 0:
            return 1.0
        return max(self.usable_pore_volume_cm3_g / self.pore_volume_cm3_g, 1e-9)

    @property
    def true_density_g_cm3(self) -> float:
        return 1.0 / self.solid_volume_cm3_g

    @property
    def skeletal_density_g_cm3(self) -> float:
        return 1.0 / (self.solid_volume_cm3_g + self.closed_pore_volume_cm3_g)

    @property
    def envelope_density_g_cm3(self) -> float:
        return 1.0 / (self.solid_volume_cm3_g + self.pore_volume_cm3_g)

    def particle_spec(self) -> dict:
        """The ``[particle]`` section (a dict ready for :class:`~alloypore.particle.ParticleSpec`)."""
        phases = []
        for name, w in self.mass_fractions.items():
            ph: dict[str, Any] = {"material": name, "mass_fraction": w}
            if name in self.expansion_pct_override:
                ph["volume_expansion_pct"] = self.expansion_pct_override[name]
            phases.append(ph)
        spec: dict[str, Any] = {
            "phases": phases,
            "porosity": self.porosity,
            "closed_pore_fraction": self.closed_pore_fraction,
            "accommodation_efficiency": self.accommodation_efficiency,
            "expansion_basis": self.expansion_basis,
            "secondary_particle_size_um": self.secondary_particle_size_um,
        }
        if self.primary_particle_size_nm is not None:
            spec["primary_particle_size_nm"] = self.primary_particle_size_nm
        return spec

    def evaluate(self):
        """The chain's particle model on :meth:`particle_spec` (capacity, expansion, ...)."""
        return evaluate_particle(self.particle_spec())

    def to_dict(self) -> dict:
        p = self.evaluate()
        out = {
            "route": self.route,
            "porosity": self.porosity,
            "mass_fractions": dict(self.mass_fractions),
            "pore_volume_cm3_g": self.pore_volume_cm3_g,
            "closed_pore_fraction": self.closed_pore_fraction,
            "accommodation_efficiency": self.accommodation_efficiency,
            "true_density_g_cm3": self.true_density_g_cm3,
            "skeletal_density_g_cm3": self.skeletal_density_g_cm3,
            "envelope_density_g_cm3": self.envelope_density_g_cm3,
            "capacity_mAh_g": float(p.capacity_mAh_g),
            "required_porosity": float(p.required_porosity),
            "volume_expansion_pct": float(p.volume_expansion_pct),
        }
        out.update(self.details)
        out["reactions"] = list(self.reactions)
        out["cautions"] = list(self.cautions)
        out["particle_spec"] = self.particle_spec()
        return out


def merge_mass_fractions(masses: list[tuple[str, float]]) -> dict[str, float]:
    """Normalised mass fractions of the non-zero ``(material, grams)`` entries; a material
    listed twice (template and overcoat of the same carbon) is summed."""
    merged: dict[str, float] = {}
    for name, m in masses:
        if m <= 0:
            continue
        canon = get_material(name).name
        merged[canon] = merged.get(canon, 0.0) + m
    tot = sum(merged.values())
    return {k: v / tot for k, v in merged.items()}
