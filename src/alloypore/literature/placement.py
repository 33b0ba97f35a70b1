"""A design among the published materials: its point on the literature plots and its percentiles.

The faces (``alloypore literature compare``, the web Literature page) call
:func:`design_point` / :func:`compare_design`; neither computes a number itself, so both
place a design at the same values.

Which first-cycle efficiency
----------------------------
The ICE values of the dataset are those of the *material*: half-cell tests of the porous
particle in its own electrode (Table 1 of the review and the text), not of a blended
coating or a full cell.  The design's comparable quantity is therefore the **particle's**
ICE, not the electrode's: the chain's ``electrode.first_cycle_efficiency`` mixes in the
blend carbon (graphite, ~0.90-0.93) by capacity and would place a graphite-rich coating
near graphite, whatever its particle.  The particle ICE is the spec's
``particle.first_cycle_efficiency`` when given, else the estimate from its SSA by the
literature fit (:func:`~alloypore.literature.analysis.estimate_ice_from_ssa`, labelled
as an estimate with its 95 % prediction interval), else unknown (not plotted).  These
are the first two of the three sources the chain itself uses for the particle (the
third, an assumed default, is not a property of the design and is not plotted).

The other coordinates are the chain's: capacity per gram of particle, the electrode's
compaction density and areal capacity, the spec's SSA, and the particle's envelope
density (reported only: a tap density is the envelope density times a packing fraction,
so the two are not plotted together).

Percentiles: the share of published materials below the design's value, ties counted
half (the mid-rank percentile), over the materials that report the quantity.

This module imports nothing above the evidence layer: a design result is read by its
attributes (``result.spec``, ``result.particle``, ``result.electrode``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from alloypore.literature.analysis import estimate_ice_from_ssa

__all__ = ["PLACED", "DesignComparison", "design_point", "particle_ice", "placement", "compare_design"]

#: Quantities whose percentile among the published materials is reported.
PLACED = ("capacity_mAh_g", "compaction_density_g_cm3", "areal_capacity_mAh_cm2", "ssa_m2_g")

_NOTE_ESTIMATE = ("ICE is an estimate from the literature ICE(SSA) fit, not a computed value; "
                  "the envelope density bounds the tap density from above (TD = envelope x packing).")
_NOTE_GIVEN = ("ICE is the particle's first-cycle efficiency given in the spec; "
               "the envelope density bounds the tap density from above (TD = envelope x packing).")
_NOTE_NONE = ("ICE not placed: give particle.first_cycle_efficiency or particle.ssa_m2_g; "
              "the envelope density bounds the tap density from above (TD = envelope x packing).")


def _scalar(v) -> float | None:
    """The first value of a scalar or array result field (None if empty)."""
    a = np.asarray(v, dtype=float).reshape(-1)
    return float(a[0]) if a.size else None


def particle_ice(particle_spec) -> dict:
    """The particle's first-cycle efficiency comparable with the literature rows.

    Returns
    -------
    dict
        ``ice_pct`` (None if unknown), ``ice_is_estimate``, ``ice_basis`` (``"spec"``,
        ``"estimate from SSA"`` or ``"unknown"``) and, for an estimate, ``ice_low_pct``
        and ``ice_high_pct`` (the 95 % prediction interval).
    """
    given = getattr(particle_spec, "first_cycle_efficiency", None)
    if given is not None:
        return {"ice_pct": 100.0 * float(given), "ice_is_estimate": False, "ice_basis": "spec"}
    ssa = getattr(particle_spec, "ssa_m2_g", None)
    if ssa is None:
        return {"ice_pct": None, "ice_is_estimate": False, "ice_basis": "unknown"}
    ice, lo, hi = estimate_ice_from_ssa(float(ssa))
    return {"ice_pct": 100 * ice, "ice_is_estimate": True, "ice_basis": "estimate from SSA",
            "ice_low_pct": 100 * lo, "ice_high_pct": 100 * hi}


def design_point(result, *, label: str | None = None) -> dict:
    """The design in the dataset's column names: the star on every literature plot.

    Parameters
    ----------
    result : DesignResult
        The chain's result of one design (:func:`alloypore.cell.evaluate_design`).
    label : str, optional
        Legend text (default ``"design <name>"``).
    """
    s = result.spec
    ssa = getattr(s.particle, "ssa_m2_g", None)
    point = {
        "label": label or (f"design {s.name}" if getattr(s, "name", None) else "design"),
        "capacity_mAh_g": _scalar(result.particle.capacity_mAh_g),
        "envelope_density_g_cm3": _scalar(result.particle.envelope_density_g_cm3),
        "compaction_density_g_cm3": _scalar(result.electrode.compaction_density_g_cm3),
        "areal_capacity_mAh_cm2": _scalar(result.electrode.areal_capacity_mAh_cm2),
        "ssa_m2_g": float(ssa) if ssa is not None else None,
    }
    point.update(particle_ice(s.particle))
    return point


def placement(design: dict, points: Sequence[dict], keys: Sequence[str] = PLACED) -> dict:
    """Percentile, range and count of the published values of each quantity in ``keys``.

    A quantity is left out when the design has no value or no material reports it.
    The percentile is ``100 (n_below + n_equal / 2) / n``.
    """
    out = {}
    for key in keys:
        v = design.get(key)
        vals = np.array([p[key] for p in points if p.get(key) is not None], dtype=float)
        if v is None or vals.size == 0 or (isinstance(v, float) and math.isnan(v)):
            continue
        out[key] = {"value": v, "n_published": int(vals.size),
                    "percentile": float(100.0 * (np.sum(vals < v) + 0.5 * np.sum(vals == v)) / vals.size),
                    "published_min": float(vals.min()), "published_max": float(vals.max())}
    return out


@dataclass(frozen=True)
class DesignComparison:
    """A design placed among the published materials (``alloypore literature compare``)."""

    design: dict
    placement: dict
    n_materials: int
    note: str

    def to_dict(self) -> dict:
        return {"design": self.design, "placement": self.placement, "note": self.note}


def compare_design(result, points: Sequence[dict], *, label: str | None = None) -> DesignComparison:
    """:func:`design_point` of ``result`` and its :func:`placement` among ``points``
    (the material points of :meth:`~alloypore.literature.LiteratureData.points`)."""
    design = design_point(result, label=label)
    note = {"spec": _NOTE_GIVEN, "estimate from SSA": _NOTE_ESTIMATE}.get(design["ice_basis"], _NOTE_NONE)
    return DesignComparison(design, placement(design, points), len(points), note)
