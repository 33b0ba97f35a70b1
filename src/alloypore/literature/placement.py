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
near graphite, whatever its particle.  The particle ICE is the one the chain itself uses:
the spec's ``particle.first_cycle_efficiency`` when given, else the chain's wetted-surface
first-cycle-loss model (``particle.first_cycle_loss`` of the result, docs/model.md §2.2),
labelled as a model value.  The literature ICE(SSA) fit
(:func:`~alloypore.literature.analysis.estimate_ice_from_ssa`) is reported beside it as a
labelled comparison (``ice_regression_pct`` with its 95 % prediction interval) when the
spec gives an SSA; it is never the plotted point.

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

_NOTE_ESTIMATE = ("ICE is the chain's wetted-surface first-cycle-loss model of the particle, not a measured value "
                  "(the literature ICE(SSA) fit is shown beside it for comparison); "
                  "the envelope density bounds the tap density from above (TD = envelope x packing).")
_NOTE_GIVEN = ("ICE is the particle's first-cycle efficiency given in the spec; "
               "the envelope density bounds the tap density from above (TD = envelope x packing).")
_NOTE_NONE = ("ICE not placed: give particle.first_cycle_efficiency; "
              "the envelope density bounds the tap density from above (TD = envelope x packing).")


def _scalar(v) -> float | None:
    """The first value of a scalar or array result field (None if empty)."""
    a = np.asarray(v, dtype=float).reshape(-1)
    return float(a[0]) if a.size else None


def particle_ice(particle_spec, model_ice: float | None = None) -> dict:
    """The particle's first-cycle efficiency comparable with the literature rows.

    Parameters
    ----------
    particle_spec : ParticleSpec
        The design's ``[particle]`` section.
    model_ice : float, optional
        The chain's model value of the particle ICE (``result.notes["first_cycle_loss"]``).

    Returns
    -------
    dict
        ``ice_pct`` (None if unknown), ``ice_is_estimate`` (True for a model value),
        ``ice_basis`` (``"spec"``, ``"wetted-surface model"`` or ``"unknown"``) and, when the
        spec gives an SSA, ``ice_regression_pct`` with ``ice_regression_low_pct`` /
        ``ice_regression_high_pct`` (the literature fit's 95 % prediction interval).
    """
    given = getattr(particle_spec, "first_cycle_efficiency", None)
    if given is not None:
        out = {"ice_pct": 100.0 * float(given), "ice_is_estimate": False, "ice_basis": "spec"}
    elif model_ice is not None:
        out = {"ice_pct": 100.0 * float(model_ice), "ice_is_estimate": True, "ice_basis": "wetted-surface model"}
    else:
        out = {"ice_pct": None, "ice_is_estimate": False, "ice_basis": "unknown"}
    ssa = getattr(particle_spec, "ssa_m2_g", None)
    if ssa is not None:
        ice, lo, hi = estimate_ice_from_ssa(float(ssa))
        out.update(ice_regression_pct=100 * ice, ice_regression_low_pct=100 * lo, ice_regression_high_pct=100 * hi)
    return out


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
    loss = getattr(result, "notes", {}).get("first_cycle_loss")
    point.update(particle_ice(s.particle, _scalar(loss["first_cycle_efficiency"]) if loss else None))
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
    note = {"spec": _NOTE_GIVEN, "wetted-surface model": _NOTE_ESTIMATE}.get(design["ice_basis"], _NOTE_NONE)
    return DesignComparison(design, placement(design, points), len(points), note)
