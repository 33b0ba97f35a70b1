"""Which way is better for a result field: the one table the faces and the studies read.

The Design page colours its headline changes with it, the Studies page picks its "best
feasible design" with it, the streamed sweep summary keeps its best design per objective
with it, and :class:`Objective` (what ``alloypore optimize`` maximises or minimises) can be
built from it.  A field not in the table has no preferred direction (``0``); where a
direction is still needed (a "best" over such a field) the larger value is taken, as the
faces always did.

Each entry carries the reason in a comment; the numbers are the sign of the derivative of
"better" with respect to the field for a battery engineer designing a porous alloy anode.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BETTER", "direction", "maximize", "change", "Objective"]

#: dotted result field -> +1 (higher is better), -1 (lower is better), 0 (neither)
BETTER: dict[str, int] = {
    # more charge stored per mass or volume
    "particle.capacity_mAh_g": +1,
    "particle.volumetric_capacity_mAh_cm3": +1,
    "particle.volumetric_capacity_lithiated_mAh_cm3": +1,
    "electrode.specific_capacity_mAh_g": +1,
    "electrode.volumetric_capacity_mAh_cm3": +1,
    "electrode.volumetric_capacity_lithiated_mAh_cm3": +1,
    # less lithium lost to the SEI in the first cycle
    "electrode.first_cycle_efficiency": +1,
    # more energy per cell mass or volume (the cell's figures of merit)
    "cell.energy_density_Wh_kg": +1,
    "cell.energy_density_Wh_L": +1,
    "cell.stack_energy_density_Wh_kg": +1,
    "cell.stack_energy_density_Wh_L": +1,
    "cell.pouch_energy_density_Wh_kg": +1,
    "cell.pouch_energy_density_Wh_L": +1,
    # growth that the pores do not absorb pushes the particle and the coating outward:
    # cracks, lost contacts, pressure on the stack
    "particle.volume_expansion_pct": -1,
    "particle.solid_expansion_pct": -1,
    "particle.diameter_change_pct": -1,
    "particle.outward_growth_cm3_g": -1,
    "electrode.swelling_pct": -1,
    # electrolyte is dead mass (and cost) once the pores are wetted
    "cell.electrolyte_g_Ah": -1,
    # design choices, not merits: shown without a colour
    "electrode.thickness_um": 0,
    "cell.anode_lithiation_charged": 0,
}


def direction(field: str) -> int:
    """``+1`` if a higher ``field`` is better, ``-1`` if a lower one is, ``0`` if neither/unknown."""
    return BETTER.get(field, 0)


def maximize(field: str) -> bool:
    """True unless a lower ``field`` is better: the sense of a "best" design over ``field``."""
    return direction(field) >= 0


def change(value: float, baseline: float | None) -> float | None:
    """``value - baseline``, or None when there is no baseline or the change is below
    1e-12 of the value (no change to show)."""
    if baseline is None:
        return None
    d = float(value) - float(baseline)
    return None if abs(d) < 1e-12 * max(1.0, abs(float(value))) else d


@dataclass(frozen=True)
class Objective:
    """A result field to optimise and its sense (``alloypore optimize --maximize/--minimize``)."""

    field: str
    maximize: bool = True

    @property
    def text(self) -> str:
        return f"{'max' if self.maximize else 'min'} {self.field}"

    @classmethod
    def preferred(cls, field: str) -> "Objective":
        """The objective in the better direction of :data:`BETTER` (larger when it has none)."""
        return cls(field, maximize(field))
