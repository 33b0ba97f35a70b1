"""Full cell: reversible capacity, electrolyte, mass and volume, Wh/kg and Wh/L.

Per cm2 of one repeat unit (anode coating + cathode coating + separator + half of each
double-side-coated foil)::

    Q_c   = Q_a / NP                                 cathode reversible areal capacity
    C_1   = Q_c / ICE_c                              Li delivered on the first charge
    L_irr = Q_a (1/ICE_a - 1)                        Li lost to the anode SEI (scales with
                                                     the anode, i.e. its surface)
    Q     = min(C_1 - L_irr, Q_c)                    reversible cell capacity
    theta_charged = (C_1 - L_irr) / Q_a              anode lithiation at top of charge
                                                     (> 1 means Li plating: NP ICE_c < ICE_a)
    E     = int U_cell dq over the window (energy_model "ocv", alloypore.cell.energy,
            to the discharge cut-off) or Q (U_cathode - U_anode) ("average")
    U     = E / Q_delivered                          average cell voltage of the model
    m_el  = rho_el x (eps_c t_c + eps_s t_s + eps_a t_a + V_el,intra) x excess
            (or the fixed dosage g/Ah x Q)
    fill  = V_el / (eps_c t_c + eps_s t_s + eps_a t_a + V_el,intra)     electrolyte fill factor
    Wh/kg = E / m,   Wh/L = E / V(t_a at theta_charged)

The repeat unit becomes a cell through the format named by ``[cell] format``
(:mod:`alloypore.cell.formats`): ``energy_density_Wh_kg/Wh_L`` are that format's.  The
``stack_*`` fields are always the bare repeat unit and the ``pouch_*`` fields the pouch made of
the same units; the ``cell_*`` fields (capacity, energy, mass, volume) are the format's, or the
pouch's for a format without a cell of its own (the bare stack).  The format's own results
(turns, roll length, gap to the can, half-cell capacities) are ``format_details``; the
manufacturing limits (:mod:`alloypore.cell.limits`) give ``binds_*`` and ``manufacturable``.

A liquid (or polymer) electrolyte fills cathode pores, separator pores, anode interparticle
pores and the *open* intraparticle pores it can enter (``V_el,intra``: open pores less those
below the electrolyte threshold, ``[particle] electrolyte_inaccessible_fraction``), never closed
ones, at assembly (pristine volumes).
A solid electrolyte (sulfide, oxide) occupies a set volume fraction of each composite
electrode (default: its pores), never enters intraparticle pores, and forms a dense
separator: ``m_el = rho_SE (phi_c t_c + t_s + phi_a t_a)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from alloypore.cell.energy import CellEnergy
from alloypore.cell.formats import FORMATS, PackagedCell, RepeatUnit, get_format
from alloypore.cell.limits import LIMIT_DEFAULTS, limit_masks
from alloypore.cell.constants import ALUMINIUM_DENSITY_G_CM3, COPPER_DENSITY_G_CM3
from alloypore.electrode import ElectrodeArrays
from alloypore.particle.model import ArrayResult

__all__ = [
    "EnergyFunction",
    "pore_volume",
    "CellProps",
    "CellArrays",
    "CapacityBalance",
    "capacity_balance",
    "cathode_coating",
    "electrolyte_fill",
    "unit_masses",
    "repeat_unit",
    "cell_arrays",
]


@dataclass(frozen=True)
class CellProps:
    cathode_capacity_mAh_g: float
    cathode_voltage_V: float
    cathode_first_cycle_efficiency: float
    cathode_coating_density_g_cm3: float  # solid density of the coating (active + binder + carbon)


@dataclass(frozen=True)
class CellArrays(ArrayResult):
    """Cell results (numpy arrays; 0-d for one design). Areal quantities per repeat unit."""

    cathode_areal_capacity_mAh_cm2: np.ndarray
    cathode_loading_mg_cm2: np.ndarray
    cathode_thickness_um: np.ndarray
    reversible_capacity_mAh_cm2: np.ndarray  # the cyclable window Q
    delivered_capacity_mAh_cm2: np.ndarray  # Q to the discharge cut-off (= Q without one)
    anode_lithiation_charged: np.ndarray
    anode_charged_thickness_um: np.ndarray
    cell_voltage_V: np.ndarray
    electrolyte_volume_cm3_cm2: np.ndarray
    electrolyte_in_open_intraparticle_pores_cm3_cm2: np.ndarray
    electrolyte_g_Ah: np.ndarray
    electrolyte_fill: np.ndarray  # electrolyte volume / accessible pore volume
    mass_anode_g_cm2: np.ndarray
    mass_cathode_g_cm2: np.ndarray
    mass_separator_g_cm2: np.ndarray
    mass_foils_g_cm2: np.ndarray
    mass_electrolyte_g_cm2: np.ndarray
    thickness_unit_charged_um: np.ndarray
    stack_energy_density_Wh_kg: np.ndarray
    stack_energy_density_Wh_L: np.ndarray
    cell_capacity_Ah: np.ndarray
    cell_energy_Wh: np.ndarray
    cell_mass_g: np.ndarray
    cell_volume_cm3: np.ndarray
    pouch_energy_density_Wh_kg: np.ndarray
    pouch_energy_density_Wh_L: np.ndarray
    energy_density_Wh_kg: np.ndarray
    energy_density_Wh_L: np.ndarray
    plating_free: np.ndarray
    electrolyte_fits: np.ndarray  # solid electrolyte volume fractions <= the coatings' porosity
    binds_min_electrode_porosity: np.ndarray
    binds_max_anode_compaction_density_g_cm3: np.ndarray
    binds_min_electrolyte_fill: np.ndarray
    binds_can_fit: np.ndarray
    manufacturable: np.ndarray  # no manufacturing or format limit violated
    format_details: dict  # the format's own results, arrays by name (not broadcast)


@dataclass(frozen=True)
class CapacityBalance:
    """First-cycle Li balance per cm2 (arrays): see the module docstring."""

    cathode_capacity_mAh_cm2: np.ndarray  # Q_c
    reversible_capacity_mAh_cm2: np.ndarray  # Q
    anode_lithiation_charged: np.ndarray  # theta_charged
    plating_free: np.ndarray


def capacity_balance(anode_capacity_mAh_cm2, anode_ice, cathode_ice, np_ratio) -> CapacityBalance:
    """``Q_c = Q_a/NP``, ``Q = min(Q_c/ICE_c - Q_a (1/ICE_a - 1), Q_c)``, ``theta = (Q_c/ICE_c - L_irr)/Q_a``."""
    q_a = np.asarray(anode_capacity_mAh_cm2, dtype=float)
    ice_a = np.asarray(anode_ice, dtype=float)
    q_c = q_a / np.asarray(np_ratio, dtype=float)
    c1 = q_c / cathode_ice
    l_irr = q_a * (1.0 / ice_a - 1.0)
    li_anode = c1 - l_irr
    theta = li_anode / q_a
    return CapacityBalance(q_c, np.minimum(li_anode, q_c), theta, theta <= 1.0 + 1e-12)


def cathode_coating(cathode_capacity_mAh_cm2, props: CellProps, active_mass_fraction, porosity):
    """Cathode loading (g/cm2) and thickness (um): ``L = Q_c/(q_c w_act)``, ``t = L/(rho_solid (1 - eps))``."""
    load_c = cathode_capacity_mAh_cm2 / (props.cathode_capacity_mAh_g * np.asarray(active_mass_fraction))
    t_c = load_c / (props.cathode_coating_density_g_cm3 * (1.0 - np.asarray(porosity))) * 1e4
    return load_c, t_c


def electrolyte_fill(
    *,
    anode_thickness_um,
    anode_porosity,
    anode_open_intraparticle_cm3_cm2,
    cathode_thickness_um,
    cathode_porosity,
    separator_thickness_um,
    separator_porosity,
    electrolyte_excess,
    solid_electrolyte: bool,
    anolyte_volume_fraction=None,
    catholyte_volume_fraction=None,
):
    """Electrolyte volume (cm3/cm2) at assembly, the part in open intraparticle pores, and whether
    a solid electrolyte fits its coatings (pristine volumes; see the module docstring)."""
    t_a0, t_c, t_s = anode_thickness_um, cathode_thickness_um, separator_thickness_um
    v_open = np.asarray(anode_open_intraparticle_cm3_cm2, dtype=float)
    eps_a = np.asarray(anode_porosity, dtype=float)
    eps_c = np.asarray(cathode_porosity, dtype=float)
    if solid_electrolyte:
        # a solid fills a set volume fraction of each composite (default: all of its pores),
        # never the intraparticle pores, and is itself the (dense) separator
        phi_a = eps_a if anolyte_volume_fraction is None else np.asarray(anolyte_volume_fraction, dtype=float)
        phi_c = eps_c if catholyte_volume_fraction is None else np.asarray(catholyte_volume_fraction, dtype=float)
        v_el = (phi_c * t_c + t_s + phi_a * t_a0) * 1e-4
        return v_el, np.zeros_like(v_open), (phi_a <= eps_a + 1e-12) & (phi_c <= eps_c + 1e-12)
    v_open_filled = v_open * np.asarray(electrolyte_excess)
    v_el = pore_volume(anode_thickness_um=t_a0, anode_porosity=eps_a, anode_open_intraparticle_cm3_cm2=v_open,
                       cathode_thickness_um=t_c, cathode_porosity=eps_c, separator_thickness_um=t_s,
                       separator_porosity=separator_porosity)
    v_el = v_el * np.asarray(electrolyte_excess)
    return v_el, v_open_filled, np.ones(np.shape(v_el), dtype=bool)


def pore_volume(*, anode_thickness_um, anode_porosity, anode_open_intraparticle_cm3_cm2, cathode_thickness_um,
                cathode_porosity, separator_thickness_um, separator_porosity):
    """Pore volume a liquid electrolyte reaches (cm3/cm2): ``eps_c t_c + eps_s t_s + eps_a t_a + V_open``."""
    return (np.asarray(cathode_porosity) * cathode_thickness_um + np.asarray(separator_porosity) * separator_thickness_um
            + np.asarray(anode_porosity) * anode_thickness_um) * 1e-4 + np.asarray(anode_open_intraparticle_cm3_cm2, dtype=float)


def unit_masses(anode_loading_mg_cm2, capacity_mAh_cm2, electrolyte_cm3_cm2, separator_um, cu_foil_um, al_foil_um, *,
                separator_porosity, separator_density_g_cm3, electrolyte_density_g_cm3, electrolyte_g_Ah=None,
                solid_electrolyte: bool = False):
    """Masses per cm2 of the anode coating, separator, half of each foil and the electrolyte (g/cm2).

    The electrolyte is its volume x density, or the fixed dosage ``g/Ah x Q``; a solid
    electrolyte is its own separator, whose mass is then in the electrolyte's.
    """
    if electrolyte_g_Ah is not None:
        m_el = np.asarray(electrolyte_g_Ah, dtype=float) * capacity_mAh_cm2 * 1e-3
    else:
        m_el = electrolyte_cm3_cm2 * np.asarray(electrolyte_density_g_cm3)
    m_a = np.asarray(anode_loading_mg_cm2, dtype=float) * 1e-3
    if solid_electrolyte:
        m_s = np.zeros_like(separator_um)
    else:
        m_s = separator_um * 1e-4 * (1.0 - np.asarray(separator_porosity)) * np.asarray(separator_density_g_cm3)
    m_f = 0.5 * (cu_foil_um * COPPER_DENSITY_G_CM3 + al_foil_um * ALUMINIUM_DENSITY_G_CM3) * 1e-4
    return m_a, m_s, m_f, m_el


def _packaged(unit: RepeatUnit, format: str, format_fields: Mapping[str, Any] | None) -> tuple[PackagedCell, PackagedCell]:
    """The cell of the chosen format and the pouch of the same units (the ``pouch_*`` fields;
    each format takes the fields it declares, missing or None ones at the format's defaults)."""
    fields = dict(format_fields or {})
    chosen = get_format(format)(unit, fields)
    pouch = chosen if format == "pouch" else FORMATS["pouch"](unit, {} if format != "stack" else fields)
    return chosen, pouch


#: ``energy(anode_capacity_mAh_cm2, np_ratio, anode_ice, cathode_ice) -> CellEnergy`` (the
#: chain builds it from the voltage curves); None: the average-potential estimate.
EnergyFunction = Callable[[np.ndarray, Any, np.ndarray, Any], CellEnergy]


def _unit_energy(anode: ElectrodeArrays, props: CellProps, np_ratio, q, energy: EnergyFunction | None):
    """``(capacity delivered, energy Wh/cm2, average voltage)`` of the repeat unit: the OCV model
    (``energy``) or the average potentials."""
    if energy is None:
        volt = props.cathode_voltage_V - np.asarray(anode.delithiation_potential_V, dtype=float)
        return q, q * volt * 1e-3, volt
    ce = energy(anode.areal_capacity_mAh_cm2, np_ratio, anode.first_cycle_efficiency, props.cathode_first_cycle_efficiency)
    return ce.capacity_mAh_cm2, ce.energy_mWh_cm2 * 1e-3, ce.average_voltage_V


def _anode_pieces(anode: ElectrodeArrays) -> dict[str, np.ndarray]:
    """The anode's numbers a format may need on its own (coin half cells, can limits)."""
    return {
        "anode_thickness_um": np.asarray(anode.thickness_um, dtype=float),
        "anode_capacity_mAh_cm2": np.asarray(anode.areal_capacity_mAh_cm2, dtype=float),
        "anode_first_cycle_efficiency": np.asarray(anode.first_cycle_efficiency, dtype=float),
        "anode_potential_V": np.asarray(anode.delithiation_potential_V, dtype=float),
    }


def repeat_unit(
    anode: ElectrodeArrays,
    anode_thickness_at: Callable[[np.ndarray], np.ndarray],
    props: CellProps,
    *,
    np_ratio,
    cathode_active_mass_fraction,
    cathode_porosity,
    separator_thickness_um,
    separator_porosity,
    separator_density_g_cm3,
    anode_foil_thickness_um,
    cathode_foil_thickness_um,
    electrolyte_density_g_cm3,
    electrolyte_excess,
    electrolyte_g_Ah=None,
    solid_electrolyte: bool = False,
    anolyte_volume_fraction=None,
    catholyte_volume_fraction=None,
    energy: EnergyFunction | None = None,
) -> tuple[RepeatUnit, dict[str, np.ndarray]]:
    """The repeat unit per cm2 (see the module docstring): its totals for the cell formats and the
    per-area fields of :class:`CellArrays`.

    ``anode`` is the electrode layer's result (areal capacity, loading, thickness, porosity, open
    intraparticle pores, first-cycle efficiency, potential) and ``anode_thickness_at(theta)`` its
    thickness at a lithiation fraction; ``energy`` the OCV energy model (None: averages).
    """
    bal = capacity_balance(anode.areal_capacity_mAh_cm2, anode.first_cycle_efficiency,
                           props.cathode_first_cycle_efficiency, np_ratio)
    q = bal.reversible_capacity_mAh_cm2
    q_out, e_unit, volt = _unit_energy(anode, props, np_ratio, q, energy)
    load_c, t_c = cathode_coating(bal.cathode_capacity_mAh_cm2, props, cathode_active_mass_fraction, cathode_porosity)
    # thicknesses (um), charged state for the anode
    t_a = anode_thickness_at(np.clip(bal.anode_lithiation_charged, 0.0, 1.0))
    t_s = np.asarray(separator_thickness_um, dtype=float)
    t_cu = np.asarray(anode_foil_thickness_um, dtype=float)
    t_al = np.asarray(cathode_foil_thickness_um, dtype=float)
    t_unit = t_a + t_c + t_s + 0.5 * (t_cu + t_al)
    pores = dict(  # the unit's pore volumes, for the fill and the fill fraction
        anode_thickness_um=np.asarray(anode.thickness_um, dtype=float), anode_porosity=anode.porosity,
        anode_open_intraparticle_cm3_cm2=anode.electrolyte_intraparticle_pore_volume_cm3_cm2, cathode_thickness_um=t_c,
        cathode_porosity=cathode_porosity, separator_thickness_um=t_s, separator_porosity=separator_porosity)
    v_el, v_open_filled, electrolyte_fits = electrolyte_fill(
        **pores, electrolyte_excess=electrolyte_excess, solid_electrolyte=solid_electrolyte,
        anolyte_volume_fraction=anolyte_volume_fraction, catholyte_volume_fraction=catholyte_volume_fraction,
    )
    m_a, m_s, m_f, m_el = unit_masses(
        anode.loading_mg_cm2, q, v_el, t_s, t_cu, t_al, separator_porosity=separator_porosity,
        separator_density_g_cm3=separator_density_g_cm3, electrolyte_density_g_cm3=electrolyte_density_g_cm3,
        electrolyte_g_Ah=electrolyte_g_Ah, solid_electrolyte=solid_electrolyte,
    )
    rho_el = np.asarray(electrolyte_density_g_cm3, dtype=float)
    unit = RepeatUnit(q_out, volt, e_unit, m_a + load_c + m_s + m_f + m_el, t_unit, t_a, **_anode_pieces(anode),
                      anode_mass_g_cm2=m_a, cathode_mass_g_cm2=load_c, cathode_thickness_um=t_c,
                      separator_thickness_um=t_s, separator_mass_g_cm2=m_s, anode_foil_um=t_cu, cathode_foil_um=t_al,
                      electrolyte_mass_g_cm2=m_el, electrolyte_density_g_cm3=rho_el)
    fill = np.ones(np.shape(m_el)) if solid_electrolyte else m_el / rho_el / pore_volume(**pores)
    return unit, dict(
        cathode_areal_capacity_mAh_cm2=bal.cathode_capacity_mAh_cm2,
        cathode_loading_mg_cm2=load_c * 1e3,
        cathode_thickness_um=t_c,
        reversible_capacity_mAh_cm2=q,
        delivered_capacity_mAh_cm2=q_out,
        anode_lithiation_charged=bal.anode_lithiation_charged,
        anode_charged_thickness_um=t_a,
        cell_voltage_V=volt,
        electrolyte_volume_cm3_cm2=v_el,
        electrolyte_in_open_intraparticle_pores_cm3_cm2=v_open_filled,
        electrolyte_g_Ah=m_el / (q * 1e-3),
        electrolyte_fill=fill,
        mass_anode_g_cm2=m_a,
        mass_cathode_g_cm2=load_c,
        mass_separator_g_cm2=m_s,
        mass_foils_g_cm2=m_f,
        mass_electrolyte_g_cm2=m_el,
        thickness_unit_charged_um=t_unit,
        plating_free=bal.plating_free,
        electrolyte_fits=electrolyte_fits,
    )


def cell_arrays(
    anode: ElectrodeArrays,
    anode_thickness_at: Callable[[np.ndarray], np.ndarray],
    props: CellProps,
    *,
    format: str = "pouch",
    format_fields: Mapping[str, Any] | None = None,
    limits: Mapping[str, Any] | None = None,
    **unit_fields,
) -> CellArrays:
    """Vectorised full-cell model: the :func:`repeat_unit` made into a cell by its format.

    ``format`` names a registered cell format (:mod:`alloypore.cell.formats`); ``format_fields``
    holds the ``[cell]`` fields the formats read (missing or None ones take the format's
    defaults); ``limits`` the manufacturing limits (:mod:`alloypore.cell.limits`; default: the
    shipped ones); ``unit_fields`` are the keyword arguments of :func:`repeat_unit`.
    """
    unit, per_area = repeat_unit(anode, anode_thickness_at, props, **unit_fields)
    stack = FORMATS["stack"](unit, {})
    chosen, pouch = _packaged(unit, format, format_fields)
    own = chosen if chosen.capacity_Ah is not None else pouch  # a format without a cell: the pouch's
    binds, violated = limit_masks(porosity=anode.porosity, compaction_density_g_cm3=anode.compaction_density_g_cm3,
                                  electrolyte_fill=per_area["electrolyte_fill"], **{**LIMIT_DEFAULTS, **(limits or {})},
                                  format_binds=chosen.binding_limits, format_violated=chosen.violated)
    return CellArrays(
        **per_area,
        stack_energy_density_Wh_kg=stack.energy_density_Wh_kg,
        stack_energy_density_Wh_L=stack.energy_density_Wh_L,
        cell_capacity_Ah=own.capacity_Ah,
        cell_energy_Wh=own.energy_Wh,
        cell_mass_g=own.mass_g,
        cell_volume_cm3=own.volume_cm3,
        pouch_energy_density_Wh_kg=pouch.energy_density_Wh_kg,
        pouch_energy_density_Wh_L=pouch.energy_density_Wh_L,
        energy_density_Wh_kg=chosen.energy_density_Wh_kg,
        energy_density_Wh_L=chosen.energy_density_Wh_L,
        **{f"binds_{name}": mask for name, mask in binds.items()},
        manufacturable=~np.logical_or.reduce(np.broadcast_arrays(*violated.values())),
        format_details=dict(chosen.details),
    )
