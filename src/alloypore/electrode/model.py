"""Electrode coating: loading, thickness, interparticle porosity and swelling.

Per gram of coating with mass fractions ``w_c`` (composite), ``w_g`` (graphite/blend
carbon), ``w_b`` (binder), ``w_k`` (conductive carbon)::

    q_e     = w_c q_p + w_g q_g                                    [mAh/g coating]
    V_part  = w_c / rho_env,p + w_g / rho_g + w_b / rho_b + w_k / rho_k   [cm3/g]
    eps_e   = 1 - CD * V_part        interparticle porosity (intraparticle pores excluded)
    CD_max  = 1 / V_part             the compaction density that leaves no pore
    t       = L / CD                 thickness (L loading in g/cm2)

Swelling at lithiation fraction theta, with the particles' envelope volume
``V_part(theta) = w_c V_env,p(theta) + w_g (1 + beta_g theta)/rho_g + w_b/rho_b + w_k/rho_k``
and the coating constrained in-plane (all growth goes to thickness):

* ``constant_porosity``: the interparticle porosity is kept,
  ``t(theta)/t0 = V_part(theta) / V_part(0)``.
* ``fill_pores``: growth first fills interparticle pores down to the residual porosity
  ``eps_min``, ``t(theta)/t0 = max(1, V_part(theta) CD / (1 - eps_min))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alloypore.errors import SpecError
from alloypore.materials import DEFAULT_EXPANSION_BASIS, ExpansionBasis, get_material
from alloypore.particle import ParticleArrays, volume_budget
from alloypore.particle.model import ArrayResult

#: The two limiting swelling models (``[electrode] swelling_model``).
SWELLING_MODELS = ("constant_porosity", "fill_pores")

__all__ = ["SWELLING_MODELS", "ElectrodeArrays", "electrode_arrays", "coating_thickness_ratio", "BlendProps", "blend_props", "lithiated_thickness_um"]


@dataclass(frozen=True)
class BlendProps:
    """Resolved properties of the non-composite components of the coating."""

    blend_density_g_cm3: float
    blend_capacity_mAh_g: float
    blend_expansion: float
    blend_potential_V: float
    binder_density_g_cm3: float
    conductive_density_g_cm3: float


def blend_props(blend: str, binder: str, conductive: str, basis: ExpansionBasis = DEFAULT_EXPANSION_BASIS) -> BlendProps:
    """The blend carbon, binder and conductive carbon from the table; the blend's expansion on ``basis``
    (the design's ``particle.expansion_basis``, so "quoted" reaches every material of the design)."""
    g = get_material(blend)
    return BlendProps(
        blend_density_g_cm3=g.density_g_cm3,
        blend_capacity_mAh_g=g.capacity_mAh_g,
        blend_expansion=g.expansion(basis),
        blend_potential_V=g.delithiation_potential_V or 0.0,
        binder_density_g_cm3=get_material(binder).density_g_cm3,
        conductive_density_g_cm3=get_material(conductive).density_g_cm3,
    )


@dataclass(frozen=True)
class ElectrodeArrays(ArrayResult):
    """Electrode results (numpy arrays; 0-d for one design)."""

    areal_capacity_mAh_cm2: np.ndarray
    loading_mg_cm2: np.ndarray
    specific_capacity_mAh_g: np.ndarray  # per g of coating
    compaction_density_g_cm3: np.ndarray
    max_compaction_density_g_cm3: np.ndarray
    thickness_um: np.ndarray
    porosity: np.ndarray  # interparticle, pristine
    open_intraparticle_pore_volume_cm3_cm2: np.ndarray
    closed_intraparticle_pore_volume_cm3_cm2: np.ndarray
    electrolyte_intraparticle_pore_volume_cm3_cm2: np.ndarray  # open pores the electrolyte enters
    inaccessible_intraparticle_pore_volume_cm3_cm2: np.ndarray  # open pores too small for it: neither filled nor closed
    swelling_pct: np.ndarray  # thickness increase at full lithiation
    lithiated_thickness_um: np.ndarray
    lithiated_porosity: np.ndarray
    volumetric_capacity_mAh_cm3: np.ndarray  # pristine coating
    volumetric_capacity_lithiated_mAh_cm3: np.ndarray
    swelling_limit_pct: np.ndarray
    swelling_limit_met: np.ndarray
    delithiation_potential_V: np.ndarray
    first_cycle_efficiency: np.ndarray
    feasible: np.ndarray  # porosity > 0


def _particle_volume_per_g(p: ParticleArrays, b: BlendProps, w_c, w_g, w_b, w_k, theta):
    """Envelope volume of all solids (+ intraparticle pores) per g of coating at theta."""
    vb = volume_budget(p, theta)
    return (
        w_c * vb.envelope_volume_cm3_g
        + w_g * (1.0 + b.blend_expansion * theta) / b.blend_density_g_cm3
        + w_b / b.binder_density_g_cm3
        + w_k / b.conductive_density_g_cm3
    )


def coating_thickness_ratio(v_part0, v_part, compaction_density, model: str, min_porosity):
    """Thickness ratio t(theta)/t0 for the two limiting swelling models (arrays)."""
    if model == "constant_porosity":
        return v_part / v_part0
    if model == "fill_pores":
        eps0 = 1.0 - compaction_density * v_part0
        eps_min = np.minimum(min_porosity, eps0)
        return np.maximum(1.0, v_part * compaction_density / (1.0 - eps_min))
    raise SpecError("electrode.swelling_model", model, f"allowed: {', '.join(SWELLING_MODELS)}")


def electrode_arrays(
    p: ParticleArrays,
    b: BlendProps,
    *,
    composite_mass_fraction,
    graphite_mass_fraction,
    binder_mass_fraction,
    conductive_mass_fraction,
    compaction_density_g_cm3,
    areal_capacity_mAh_cm2=None,
    loading_mg_cm2=None,
    swelling_model: str = "constant_porosity",
    min_porosity=0.10,
    swelling_limit_pct=20.0,
    first_cycle_efficiency=0.90,
) -> ElectrodeArrays:
    """Vectorised electrode model (see module docstring for the equations)."""
    w_c = np.asarray(composite_mass_fraction, dtype=float)
    w_g = np.asarray(graphite_mass_fraction, dtype=float)
    w_b = np.asarray(binder_mass_fraction, dtype=float)
    w_k = np.asarray(conductive_mass_fraction, dtype=float)
    cd = np.asarray(compaction_density_g_cm3, dtype=float)
    q_e = w_c * p.capacity_mAh_g + w_g * b.blend_capacity_mAh_g
    if loading_mg_cm2 is not None:
        load = np.asarray(loading_mg_cm2, dtype=float)
        q_a = load * 1e-3 * q_e
    else:
        q_a = np.asarray(4.0 if areal_capacity_mAh_cm2 is None else areal_capacity_mAh_cm2, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            load = 1e3 * q_a / q_e
    v0 = _particle_volume_per_g(p, b, w_c, w_g, w_b, w_k, 0.0)
    v1 = _particle_volume_per_g(p, b, w_c, w_g, w_b, w_k, 1.0)
    eps = 1.0 - cd * v0
    feasible = eps > 0
    t0 = load * 1e-3 / cd * 1e4  # um
    ratio = coating_thickness_ratio(v0, v1, cd, swelling_model, min_porosity)
    t1 = t0 * ratio
    swell = 100.0 * (ratio - 1.0)
    cq = w_c * p.capacity_mAh_g * p.delithiation_potential_V + w_g * b.blend_capacity_mAh_g * b.blend_potential_V
    with np.errstate(divide="ignore", invalid="ignore"):
        pot = np.where(q_e > 0, cq / np.where(q_e > 0, q_e, 1.0), 0.0)
    limit = np.asarray(swelling_limit_pct, dtype=float)
    return ElectrodeArrays(
        areal_capacity_mAh_cm2=q_a,
        loading_mg_cm2=load,
        specific_capacity_mAh_g=q_e,
        compaction_density_g_cm3=cd,
        max_compaction_density_g_cm3=1.0 / v0,
        thickness_um=t0,
        porosity=eps,
        open_intraparticle_pore_volume_cm3_cm2=load * 1e-3 * w_c * p.open_pore_volume_cm3_g,
        closed_intraparticle_pore_volume_cm3_cm2=load * 1e-3 * w_c * p.closed_pore_volume_cm3_g,
        electrolyte_intraparticle_pore_volume_cm3_cm2=load * 1e-3 * w_c * p.electrolyte_pore_volume_cm3_g,
        inaccessible_intraparticle_pore_volume_cm3_cm2=load * 1e-3 * w_c * p.electrolyte_inaccessible_pore_volume_cm3_g,
        swelling_pct=swell,
        lithiated_thickness_um=t1,
        lithiated_porosity=1.0 - v1 * load * 1e-3 / (t1 * 1e-4),
        volumetric_capacity_mAh_cm3=q_a / (t0 * 1e-4),
        volumetric_capacity_lithiated_mAh_cm3=q_a / (t1 * 1e-4),
        swelling_limit_pct=limit,
        swelling_limit_met=swell <= limit,
        delithiation_potential_V=pot,
        first_cycle_efficiency=np.asarray(first_cycle_efficiency, dtype=float),
        feasible=feasible,
    )


def lithiated_thickness_um(e: ElectrodeArrays, p: ParticleArrays, b: BlendProps, theta, *, fractions, model, min_porosity):
    """Coating thickness at lithiation fraction ``theta`` (arrays broadcast)."""
    w_c, w_g, w_b, w_k = fractions
    v0 = _particle_volume_per_g(p, b, w_c, w_g, w_b, w_k, 0.0)
    vt = _particle_volume_per_g(p, b, w_c, w_g, w_b, w_k, theta)
    return e.thickness_um * coating_thickness_ratio(v0, vt, e.compaction_density_g_cm3, model, min_porosity)
