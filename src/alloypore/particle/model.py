"""Composite porous particle: densities, capacity and the lithiation volume budget.

All functions broadcast over numpy arrays so a study can evaluate many designs in one
call; the single-design path (:func:`evaluate_particle`) calls the same code with
scalars.

Canonical definitions (per gram of delithiated particle; ``docs/model.md``)::

    v_s   = sum_i w_i / rho_i                      solid volume          [cm3/g]
    v_p   = v_open + v_closed = eps v_s / (1-eps)  pore volume           [cm3/g]
    v_inacc = f_in v_open                          open pores electrolyte does not enter
    v_el  = v_open - v_inacc                       open pores electrolyte fills
    rho_true = 1/v_s,  rho_He = 1/(v_s + v_closed),  rho_env = 1/(v_s + v_p)
    dV_s(theta) = theta * sum_i w_i beta_i / rho_i solid growth          [cm3/g]
    used(theta) = clip(dV_s - g_el, 0, eta v_p)    pore volume consumed
    out(theta)  = dV_s - used                      outward growth
    eps_req     = dV_s(1) / (eta v_s + dV_s(1))    porosity that absorbs full expansion

``expansion_model = "pores_first"`` (``g_el = 0``): pores fill first (up to the accommodation
efficiency ``eta``), then the particle grows outward: the limiting "pores-first" picture of the
review's Fig. 1.  ``"compliant"``: the carbon matrix first gives way elastically by ``g_el``
before the active phase flows into the pores (:mod:`alloypore.particle.compliant`).  Open and
closed pores are consumed in proportion to their volumes.

``f_in`` (``electrolyte_inaccessible_fraction``) is the share of the OPEN pores that a liquid
electrolyte does not enter (pores below ~2 nm: "mesopores and micropores (<2 nm) may not", the
review, ref. 38): gas and helium reach them (so they count in ``v_open`` and not in the
skeletal density) but they are neither electrolyte-filled nor closed.  The electrolyte fills
``v_el`` and wets its walls: ``electrolyte_wetted_share = v_el / v_p`` is the share of the pore
surface the SEI forms on, taking pore surface in proportion to pore volume (as the closed
fraction is; micropores have more surface per volume, so this share is an upper bound).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Sequence

import numpy as np

from alloypore.errors import SpecError
from alloypore.materials import get_material
from alloypore.particle.compliant import EXPANSION_MODELS, elastic_growth_cm3_g, matrix_mechanics, pores_used_cm3_g
from alloypore.particle.spec import ParticleSpec
from alloypore.spec_errors import validate

__all__ = [
    "ArrayResult",
    "PhaseProps",
    "ParticleArrays",
    "phase_props",
    "particle_arrays",
    "volume_budget",
    "VolumeBudget",
    "required_porosity",
    "evaluate_particle",
]


@dataclass(frozen=True)
class PhaseProps:
    """Resolved per-phase properties of a particle (tuples, one entry per phase)."""

    names: tuple[str, ...]
    density_g_cm3: tuple[float, ...]
    capacity_mAh_g: tuple[float, ...]
    expansion: tuple[float, ...]  # full volume expansion, fraction
    potential_V: tuple[float, ...]
    first_cycle_efficiency: tuple[float, ...]


def phase_props(spec: ParticleSpec) -> PhaseProps:
    """Look every phase up in the materials table, applying the spec's overrides."""
    dens, cap, beta, pot, ice = [], [], [], [], []
    for i, p in enumerate(spec.phases):
        m = get_material(p.material).with_phase(p.lithiated_phase, field=f"particle.phases.{i}.lithiated_phase")
        if m.is_active and m.delithiation_potential_V is None:
            raise SpecError(
                f"particle.phases.{i}.material",
                p.material,
                "has no delithiation_potential_V, which the cell voltage needs; add it to the materials file "
                "(alloypore materials add ... --potential V)",
            )
        dens.append(m.density_g_cm3)
        cap.append(m.capacity_mAh_g if p.capacity_mAh_g is None else p.capacity_mAh_g)
        if p.volume_expansion_pct is not None:
            beta.append(p.volume_expansion_pct / 100.0)
        else:
            beta.append(m.expansion(spec.expansion_basis))
        pot.append(m.delithiation_potential_V or 0.0)
        ice.append(m.first_cycle_efficiency_intrinsic)
    return PhaseProps(
        tuple(p.material for p in spec.phases), tuple(dens), tuple(cap), tuple(beta), tuple(pot), tuple(ice)
    )


class ArrayResult:
    """Mixin for result dataclasses whose fields are numpy arrays (0-d for one design)."""

    def to_dict(self) -> dict:
        """Fields by name: Python scalars for one design, arrays for many."""
        return {f.name: _scalar(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class ParticleArrays(ArrayResult):
    """Particle results; every field is a numpy array (0-d for one design)."""

    capacity_mAh_g: np.ndarray
    porosity: np.ndarray
    closed_pore_fraction: np.ndarray
    required_porosity: np.ndarray
    volume_expansion_pct: np.ndarray  # outward (envelope) expansion at full lithiation
    true_density_g_cm3: np.ndarray
    skeletal_density_g_cm3: np.ndarray
    envelope_density_g_cm3: np.ndarray
    solid_volume_cm3_g: np.ndarray
    pore_volume_cm3_g: np.ndarray
    open_pore_volume_cm3_g: np.ndarray
    closed_pore_volume_cm3_g: np.ndarray
    solid_growth_cm3_g: np.ndarray  # at full lithiation
    pore_volume_used_cm3_g: np.ndarray  # at full lithiation
    outward_growth_cm3_g: np.ndarray  # at full lithiation
    pore_absorbed_fraction: np.ndarray  # share of solid growth taken by pores
    diameter_change_pct: np.ndarray
    solid_expansion_pct: np.ndarray  # volume growth of the solid skeleton alone
    volumetric_capacity_mAh_cm3: np.ndarray  # per cm3 of pristine envelope
    volumetric_capacity_lithiated_mAh_cm3: np.ndarray  # per cm3 of lithiated envelope
    delithiation_potential_V: np.ndarray
    accommodation_efficiency: np.ndarray
    electrolyte_inaccessible_fraction: np.ndarray  # share of the open pore volume electrolyte does not enter
    electrolyte_pore_volume_cm3_g: np.ndarray  # open pores the electrolyte fills, v_open (1 - f_in)
    electrolyte_inaccessible_pore_volume_cm3_g: np.ndarray  # open pores it does not enter, v_open f_in
    electrolyte_wetted_share: np.ndarray  # v_el / v_p: share of the pore surface the SEI forms on (1 without pores)
    matrix_elastic_growth_cm3_g: np.ndarray  # g_el: outward growth before pores fill (0: pores first)


def _scalar(a):
    a = np.asarray(a)
    return a.item() if a.ndim == 0 else a


def _porosity_from_pore_volume(pore_volume_cm3_g, solid_volume_cm3_g):
    return pore_volume_cm3_g / (solid_volume_cm3_g + pore_volume_cm3_g)


def required_porosity(solid_volume_cm3_g, solid_growth_cm3_g, accommodation_efficiency=1.0):
    """Porosity whose usable pores just absorb the full-lithiation growth.

    ``eps_req = dV / (eta v_s + dV)``; for a pure phase with eta = 1 this is beta/(1+beta).
    """
    dv = np.asarray(solid_growth_cm3_g, dtype=float)
    return dv / (np.asarray(accommodation_efficiency) * solid_volume_cm3_g + dv)


def particle_arrays(
    mass_fractions: Sequence,
    props: PhaseProps,
    *,
    porosity=None,
    pore_volume_cm3_g=None,
    closed_pore_fraction=0.0,
    accommodation_efficiency=1.0,
    electrolyte_inaccessible_fraction=0.0,
    expansion_model: str = "pores_first",
) -> ParticleArrays:
    """Vectorised particle model.

    Parameters
    ----------
    mass_fractions : sequence of arrays, one per phase (broadcastable), summing to 1.
    props : resolved phase properties (:func:`phase_props`).
    porosity, pore_volume_cm3_g : give one (arrays broadcast); intraparticle.
    closed_pore_fraction : share of the pore volume that electrolyte cannot reach.
    accommodation_efficiency : share of the pore volume the expansion can use (0, 1].
    electrolyte_inaccessible_fraction : share of the open pore volume electrolyte does not enter.
    expansion_model : "pores_first" or "compliant" (:mod:`alloypore.particle.compliant`).
    """
    w = [np.asarray(x, dtype=float) for x in mass_fractions]
    v_s = sum(wi / r for wi, r in zip(w, props.density_g_cm3))
    dv = sum(wi * b / r for wi, b, r in zip(w, props.expansion, props.density_g_cm3))
    cap = sum(wi * q for wi, q in zip(w, props.capacity_mAh_g))
    qv = sum(wi * q * u for wi, q, u in zip(w, props.capacity_mAh_g, props.potential_V))
    with np.errstate(invalid="ignore", divide="ignore"):
        pot = np.where(cap > 0, qv / np.where(cap > 0, cap, 1.0), 0.0)
    if pore_volume_cm3_g is not None:
        v_p = np.asarray(pore_volume_cm3_g, dtype=float)
        eps = _porosity_from_pore_volume(v_p, v_s)
    else:
        eps = np.asarray(0.0 if porosity is None else porosity, dtype=float)
        v_p = eps * v_s / (1.0 - eps)
    fc = np.asarray(closed_pore_fraction, dtype=float)
    eta = np.asarray(accommodation_efficiency, dtype=float)
    v_closed = fc * v_p
    v_open = v_p - v_closed
    f_in = np.asarray(electrolyte_inaccessible_fraction, dtype=float)
    v_inacc = f_in * v_open
    v_env = v_s + v_p
    g_el = _elastic_growth(expansion_model, w, props, v_p, v_env)
    used = pores_used_cm3_g(dv, g_el, eta * v_p)
    out = dv - used
    with np.errstate(invalid="ignore", divide="ignore"):
        absorbed = np.where(dv > 0, used / np.where(dv > 0, dv, 1.0), 1.0)
    return ParticleArrays(
        capacity_mAh_g=cap,
        porosity=eps,
        closed_pore_fraction=fc,
        required_porosity=required_porosity(v_s, dv, eta),
        volume_expansion_pct=100.0 * out / v_env,
        true_density_g_cm3=1.0 / v_s,
        skeletal_density_g_cm3=1.0 / (v_s + v_closed),
        envelope_density_g_cm3=1.0 / v_env,
        solid_volume_cm3_g=v_s,
        pore_volume_cm3_g=v_p,
        open_pore_volume_cm3_g=v_open,
        closed_pore_volume_cm3_g=v_closed,
        solid_growth_cm3_g=dv,
        pore_volume_used_cm3_g=used,
        outward_growth_cm3_g=out,
        pore_absorbed_fraction=absorbed,
        diameter_change_pct=100.0 * (np.cbrt((v_env + out) / v_env) - 1.0),
        solid_expansion_pct=100.0 * dv / v_s,
        volumetric_capacity_mAh_cm3=cap / v_env,
        volumetric_capacity_lithiated_mAh_cm3=cap / (v_env + out),
        delithiation_potential_V=pot,
        accommodation_efficiency=eta,
        electrolyte_inaccessible_fraction=f_in,
        electrolyte_pore_volume_cm3_g=v_open - v_inacc,
        electrolyte_inaccessible_pore_volume_cm3_g=v_inacc,
        electrolyte_wetted_share=_wetted_share(v_open - v_inacc, v_p),
        matrix_elastic_growth_cm3_g=g_el,
    )


def _elastic_growth(model: str, w, props: PhaseProps, v_p, v_env):
    """``g_el`` of the compliant matrix (0 for the pores-first model)."""
    if model not in EXPANSION_MODELS:
        raise SpecError("particle.expansion_model", model, f"allowed: {', '.join(EXPANSION_MODELS)}")
    if model == "pores_first":
        return np.zeros(np.shape(v_p))
    mech = matrix_mechanics(props.names, w, props.density_g_cm3)
    return elastic_growth_cm3_g(mech.active_volume_cm3_g + v_p, v_env, mech)


def _wetted_share(v_el, v_p):
    """``v_el / v_p``, 1 where there are no pores (a dense particle is wetted all over)."""
    v_p = np.asarray(v_p, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(v_p > 0, v_el / np.where(v_p > 0, v_p, 1.0), 1.0)


@dataclass(frozen=True)
class VolumeBudget:
    """Volume budget of one gram of particle along lithiation (arrays over ``theta``)."""

    theta: np.ndarray
    solid_volume_cm3_g: np.ndarray
    open_pore_volume_cm3_g: np.ndarray
    closed_pore_volume_cm3_g: np.ndarray
    pore_volume_used_cm3_g: np.ndarray
    outward_growth_cm3_g: np.ndarray
    envelope_volume_cm3_g: np.ndarray
    envelope_expansion_pct: np.ndarray
    diameter_change_pct: np.ndarray
    porosity: np.ndarray

    def to_dict(self) -> dict:
        return {f.name: np.asarray(getattr(self, f.name)).tolist() for f in fields(self)}


def volume_budget(p: ParticleArrays, theta) -> VolumeBudget:
    """Where the solid growth goes at lithiation fraction(s) ``theta`` in [0, 1].

    Solid grows linearly, ``v_s(theta) = v_s + theta dV``; pores are consumed up to ``eta v_p``
    (open and closed in proportion) once the matrix has given way by ``g_el`` (0 for pores first),
    the rest grows the envelope outward.
    Conservation: ``envelope = v_s(theta) + remaining pores`` at every theta.
    """
    th = np.asarray(theta, dtype=float)
    growth = th * p.solid_growth_cm3_g
    cap = p.accommodation_efficiency * p.pore_volume_cm3_g
    used = pores_used_cm3_g(growth, p.matrix_elastic_growth_cm3_g, cap)
    out = growth - used
    v_p = p.pore_volume_cm3_g
    with np.errstate(invalid="ignore", divide="ignore"):
        left = np.where(v_p > 0, (v_p - used) / np.where(v_p > 0, v_p, 1.0), 0.0)
    v_env0 = p.solid_volume_cm3_g + v_p
    env = v_env0 + out
    solid = p.solid_volume_cm3_g + growth
    return VolumeBudget(
        theta=th,
        solid_volume_cm3_g=solid,
        open_pore_volume_cm3_g=p.open_pore_volume_cm3_g * left,
        closed_pore_volume_cm3_g=p.closed_pore_volume_cm3_g * left,
        pore_volume_used_cm3_g=used,
        outward_growth_cm3_g=out,
        envelope_volume_cm3_g=env,
        envelope_expansion_pct=100.0 * out / v_env0,
        diameter_change_pct=100.0 * (np.cbrt(env / v_env0) - 1.0),
        porosity=(v_p - used) / env,
    )


def spec_arrays(spec: ParticleSpec) -> ParticleArrays:
    """Evaluate a validated spec with :func:`particle_arrays` (scalars)."""
    props = phase_props(spec)
    return particle_arrays(
        [p.mass_fraction for p in spec.phases],
        props,
        porosity=spec.porosity,
        pore_volume_cm3_g=spec.pore_volume_cm3_g,
        closed_pore_fraction=spec.closed_pore_fraction,
        accommodation_efficiency=spec.accommodation_efficiency,
        electrolyte_inaccessible_fraction=spec.electrolyte_inaccessible_fraction,
        expansion_model=spec.expansion_model,
    )


def evaluate_particle(spec: ParticleSpec | dict) -> ParticleArrays:
    """Evaluate one particle spec (a :class:`ParticleSpec` or a plain dict)."""
    if not isinstance(spec, ParticleSpec):
        spec = validate(ParticleSpec, spec, prefix="particle")
    return spec_arrays(spec)
