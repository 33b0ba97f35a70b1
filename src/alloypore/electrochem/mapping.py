"""From a design (the chain's result) to the numbers of a two-phase PyBaMM negative electrode.

Pure numpy: nothing here imports PyBaMM, so the mapping can be checked (and tested) by hand.

Per cm3 of pristine anode coating with compaction density ``CD`` [g/cm3], composite and
graphite mass fractions ``w_c``, ``w_g`` and, per gram of composite particle, the chain's
solid volume ``v_s``, open and closed pore volumes ``v_o``, ``v_c`` [cm3/g]::

    eps_s,1  = CD w_g / rho_g                    primary (graphite) active volume fraction
    eps_s,2  = CD w_c v_s                        secondary (alloy composite) solid volume fraction
    eps_o    = CD w_c v_o                        open intraparticle pores (electrolyte-filled)
    eps_c    = CD w_c v_c                        closed intraparticle pores (inactive volume)
    eps_el   = eps_e + eps_o                     PyBaMM "Negative electrode porosity"
    c_max,1  = 3.6 q_g rho_g / F   [mol/cm3]     graphite, from capacity and density
    c_max,2  = 3.6 q_p / (v_s F)   [mol/cm3]     alloy composite solid, from the chain's
                                                 particle capacity q_p and solid volume

so that ``eps_s,k c_max,k F L`` is exactly the chain's capacity of each phase and the
stoichiometry ``c/c_max`` of the alloy phase *is* the chain's lithiation fraction theta.

Pore-aware volume change of the alloy phase (normalised by its solid volume, as PyBaMM's
``"Secondary: Negative electrode volume change"`` is)::

    g      = dV_s(1) / v_s                       solid growth at full lithiation
    p      = eta v_p / v_s                       pore volume the growth may use
    a      = g_el / v_s                          elastic give of a compliant matrix (0: pores first)
    t2(x)  = g x - clip(g x - a, 0, p)           outward growth only (the chain's budget)
    t1(x)  = beta_g x                            graphite, linear as in the chain

PyBaMM's kinematic thickness change of the coating is then
``dL = L sum_k eps_s,k [t_k(x_k) - t_k(x_k,0)]``: the interparticle pore volume is kept and
every particle volume change goes into thickness.  The same design with dense particles has
``t2 = g x``, so porous and dense differ by exactly ``L eps_s,2 min(g x, p)
= m_c used(x)`` (``m_c`` composite mass per area, ``used`` the chain's pore volume consumed).

Every host with a voltage curve (Si, Ge, Sn, Sb, Al, SiO) and every cathode with one can be
cycled (:mod:`alloypore.electrochem.ocp`); one alloy phase per particle.

Limitations: the composite's carbon (if it stores Li) is lumped into the alloy phase with
the host's OCP; the graphite particle radius is that of the shipped set; the alloy
diffusion length is the primary particle radius (nano-domains in a porous particle).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from alloypore.cell.cathodes import get_cathode
from alloypore.cell.chain import DesignResult
from alloypore.cell.spec import cathode_coating_density_g_cm3
from alloypore.electrode import blend_props
from alloypore.electrochem.ocp import alloy_hosts, blend_carbons, cathodes
from alloypore.errors import SpecError
from alloypore.materials import FARADAY_C_MOL, get_material

__all__ = [
    "CompositeMapping",
    "composite_mapping",
    "alloy_volume_change",
    "graphite_volume_change",
    "anode_thickness_change_um",
    "check_supported",
    "SUPPORTED_ALLOYS",
    "SUPPORTED_CATHODES",
    "SUPPORTED_BLENDS",
    "GRAPHITE_RADIUS_UM",
    "V_MIN",
    "V_MAX",
]

_SUPPORTED = {"SUPPORTED_ALLOYS": alloy_hosts, "SUPPORTED_CATHODES": cathodes, "SUPPORTED_BLENDS": blend_carbons}


def __getattr__(name: str):
    """``SUPPORTED_ALLOYS`` / ``SUPPORTED_CATHODES`` / ``SUPPORTED_BLENDS``: what has a voltage curve
    (read from the curve library when first asked, not at import)."""
    if name in _SUPPORTED:
        return _SUPPORTED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Graphite particle radius of the shipped set (Chen et al. 2020) [um].
GRAPHITE_RADIUS_UM = 5.86
#: Voltage window of the cell [V] (Chen et al. 2020, LG M50).
V_MIN, V_MAX = 2.5, 4.2


@dataclass(frozen=True)
class CompositeMapping:
    """The numbers a two-phase PyBaMM electrode needs, derived from one design (lab units)."""

    anode_thickness_um: float
    interparticle_porosity: float
    open_pore_porosity: float  # open intraparticle pores per coating volume (electrolyte)
    closed_pore_porosity: float  # closed intraparticle pores per coating volume (inactive)
    electrolyte_porosity: float  # interparticle + open intraparticle
    graphite_volume_fraction: float
    alloy_volume_fraction: float  # solid skeleton of the composite particles
    graphite_max_concentration_mol_m3: float
    alloy_max_concentration_mol_m3: float
    graphite_radius_um: float
    alloy_radius_um: float
    graphite_expansion: float  # full volume expansion of graphite (fraction)
    alloy_solid_growth: float  # g: solid growth at full lithiation per solid volume
    alloy_pore_capacity: float  # p: usable pore volume per solid volume
    composite_mass_mg_cm2: float
    anode_capacity_mAh_cm2: float
    graphite_capacity_mAh_cm2: float
    alloy_capacity_mAh_cm2: float
    cathode_capacity_mAh_cm2: float
    cathode_thickness_um: float
    cathode_porosity: float
    cathode_active_volume_fraction: float
    lithium_inventory_mAh_cm2: float  # Li in the anode at top of charge (chain)
    reversible_capacity_mAh_cm2: float  # chain's reversible cell capacity
    np_ratio: float
    open_surface_share: float  # share of the alloy surface wetted by electrolyte (SEI)
    alloy_elastic_growth: float = 0.0  # a: compliant matrix's give per solid volume (0: pores first)
    alloy_material: str = "Si"
    blend_material: str = "graphite"
    cathode: str = "NMC811"

    def to_dict(self) -> dict:
        return {f.name: v if isinstance(v := getattr(self, f.name), str) else float(v) for f in fields(self)}


def _f(x) -> float:
    return float(np.asarray(x))


def _alloy(spec) -> tuple[int, str]:
    """(index, name) of the one alloy phase; one-line SpecError if there is none or several."""
    alloys = [(i, ph.material) for i, ph in enumerate(spec.particle.phases) if get_material(ph.material).kind == "alloy"]
    if not alloys:
        raise SpecError("particle.phases", "(no alloy)", f"the cycling model needs one alloy phase ({', '.join(alloy_hosts())})")
    if len(alloys) > 1:
        raise SpecError("particle.phases", ", ".join(n for _, n in alloys),
                        "the cycling model lumps one alloy phase with one voltage curve; allowed: one alloy")
    return alloys[0]


def check_supported(spec) -> None:
    """Refuse, in one line, designs whose phases or cathode have no OCP in the cycling model."""
    i, name = _alloy(spec)
    if name not in alloy_hosts():
        raise SpecError(f"particle.phases.{i}.material", name,
                        f"no voltage curve for the cycling model; allowed alloys: {', '.join(alloy_hosts())}")
    if spec.electrode.composite_mass_fraction <= 0:
        raise SpecError(
            "electrode.composite_mass_fraction", spec.electrode.composite_mass_fraction, "allowed > 0 for the cycling model"
        )
    if spec.electrode.blend_material not in blend_carbons():
        raise SpecError("electrode.blend_material", spec.electrode.blend_material,
                        f"no voltage curve for the cycling model; allowed: {', '.join(blend_carbons())}")
    if spec.cell.cathode not in cathodes():
        raise SpecError("cell.cathode", spec.cell.cathode,
                        f"no voltage curve for the cycling model; allowed: {', '.join(cathodes())}")


def composite_mapping(result: DesignResult) -> CompositeMapping:
    """Map one evaluated design to the two-phase electrode numbers (module docstring).

    Parameters
    ----------
    result : the chain's result for ONE design (:func:`alloypore.cell.evaluate_design`).

    Returns
    -------
    CompositeMapping
    """
    spec = result.spec
    check_supported(spec)
    p, e, c = result.particle, result.electrode, result.cell
    es, ps, cs = spec.electrode, spec.particle, spec.cell
    b = blend_props(es.blend_material, es.binder_material, es.conductive_material, basis=ps.expansion_basis)
    cd = _f(e.compaction_density_g_cm3)
    w_c, w_g = es.composite_mass_fraction, es.graphite_mass_fraction
    v_s = _f(p.solid_volume_cm3_g)
    eps_o = cd * w_c * _f(p.electrolyte_pore_volume_cm3_g)  # open pores the electrolyte enters
    eps_cl = cd * w_c * _f(p.closed_pore_volume_cm3_g)
    eps_e = _f(e.porosity)
    load_g_cm2 = _f(e.loading_mg_cm2) * 1e-3
    # capacities per area of each phase [mAh/cm2]
    q_g = load_g_cm2 * w_g * b.blend_capacity_mAh_g
    q_alloy = load_g_cm2 * w_c * _f(p.capacity_mAh_g)
    # max concentrations [mol/m3] = mAh/cm3 * 3.6 C/mAh / F * 1e6 cm3/m3
    cmax_g = 3.6 * b.blend_capacity_mAh_g * b.blend_density_g_cm3 / FARADAY_C_MOL * 1e6
    cmax_a = 3.6 * _f(p.capacity_mAh_g) / v_s / FARADAY_C_MOL * 1e6
    if ps.primary_particle_size_nm is not None:
        r_alloy_um = ps.primary_particle_size_nm * 1e-3 / 2.0
    else:
        r_alloy_um = ps.secondary_particle_size_um / 2.0
    # cathode: active volume fraction of the coating from its porosity and mass fractions
    cath = get_cathode(cs.cathode)
    rho_coat = cathode_coating_density_g_cm3(cath.density_g_cm3, cs.cathode_active_mass_fraction)
    eps_p = (1.0 - cs.cathode_porosity) * cs.cathode_active_mass_fraction * rho_coat / cath.density_g_cm3
    q_a = _f(e.areal_capacity_mAh_cm2)
    li = _f(c.anode_lithiation_charged) * q_a
    open_share = _f(p.electrolyte_wetted_share)  # (1 - closed)(1 - inaccessible) of the pores; 1 for a dense particle
    return CompositeMapping(
        anode_thickness_um=_f(e.thickness_um),
        interparticle_porosity=eps_e,
        open_pore_porosity=eps_o,
        closed_pore_porosity=eps_cl,
        electrolyte_porosity=eps_e + eps_o,
        graphite_volume_fraction=cd * w_g / b.blend_density_g_cm3,
        alloy_volume_fraction=cd * w_c * v_s,
        graphite_max_concentration_mol_m3=cmax_g,
        alloy_max_concentration_mol_m3=cmax_a,
        graphite_radius_um=GRAPHITE_RADIUS_UM,
        alloy_radius_um=r_alloy_um,
        graphite_expansion=b.blend_expansion,
        alloy_solid_growth=_f(p.solid_growth_cm3_g) / v_s,
        alloy_pore_capacity=_f(p.accommodation_efficiency) * _f(p.pore_volume_cm3_g) / v_s,
        composite_mass_mg_cm2=load_g_cm2 * w_c * 1e3,
        anode_capacity_mAh_cm2=q_a,
        graphite_capacity_mAh_cm2=q_g,
        alloy_capacity_mAh_cm2=q_alloy,
        cathode_capacity_mAh_cm2=_f(c.cathode_areal_capacity_mAh_cm2),
        cathode_thickness_um=_f(c.cathode_thickness_um),
        cathode_porosity=cs.cathode_porosity,
        cathode_active_volume_fraction=eps_p,
        lithium_inventory_mAh_cm2=li,
        reversible_capacity_mAh_cm2=_f(c.reversible_capacity_mAh_cm2),
        np_ratio=cs.np_ratio,
        open_surface_share=open_share,
        alloy_elastic_growth=_f(p.matrix_elastic_growth_cm3_g) / v_s,
        alloy_material=_alloy(spec)[1],
        blend_material=es.blend_material,
        cathode=cs.cathode,
    )


def alloy_volume_change(x, solid_growth, pore_capacity, elastic_growth=0.0, *, minimum=np.minimum,
                        maximum=np.maximum):
    """Outward volume change of the alloy solid per solid volume at stoichiometry ``x``.

    ``t2(x) = g x - clip(g x - a, 0, p)``: after the matrix's elastic give ``a`` (0 for the
    pores-first model, where this is ``g x - min(g x, p)``), the pores take the growth (up to
    ``p``), the rest goes outward (the chain's volume budget,
    :func:`alloypore.particle.volume_budget`).  ``minimum``/``maximum`` let PyBaMM pass
    ``pybamm.minimum``/``pybamm.maximum`` for its expression trees.
    """
    grow = solid_growth * x
    if isinstance(elastic_growth, (int, float)) and elastic_growth == 0.0:
        return grow - minimum(grow, pore_capacity)
    return grow - minimum(maximum(grow - elastic_growth, 0.0), pore_capacity)


def graphite_volume_change(x, expansion):
    """Graphite volume change per particle volume, linear as in the chain: ``t1 = beta_g x``."""
    return expansion * x


def anode_thickness_change_um(m: CompositeMapping, x_graphite, x_alloy, *, dense: bool = False):
    """Anode thickness change [um] from the pristine (x = 0) state, PyBaMM's kinematic rule.

    ``dL = L (eps_s,1 t1(x1) + eps_s,2 t2(x2))`` with x the particle-averaged stoichiometries.
    ``dense=True`` gives the same electrode with no pore absorption (``t2 = g x``).
    """
    p = 0.0 if dense else m.alloy_pore_capacity
    a = 0.0 if dense else m.alloy_elastic_growth
    t1 = graphite_volume_change(np.asarray(x_graphite, dtype=float), m.graphite_expansion)
    t2 = alloy_volume_change(np.asarray(x_alloy, dtype=float), m.alloy_solid_growth, p, a)
    return m.anode_thickness_um * (m.graphite_volume_fraction * t1 + m.alloy_volume_fraction * t2)
