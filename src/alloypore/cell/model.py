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
    U     = U_cathode - U_anode                      average cell voltage
    m_el  = rho_el x (eps_c t_c + eps_s t_s + eps_a t_a + V_open,intra) x excess
            (or the fixed dosage g/Ah x Q)
    Wh/kg = Q U / m,   Wh/L = Q U / V(t_a at theta_charged)

A liquid (or polymer) electrolyte fills cathode pores, separator pores, anode interparticle
pores and the *open* intraparticle pores, never closed ones, at assembly (pristine volumes).
A solid electrolyte (sulfide, oxide) occupies a set volume fraction of each composite
electrode (default: its pores), never enters intraparticle pores, and forms a dense
separator: ``m_el = rho_SE (phi_c t_c + t_s + phi_a t_a)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from alloypore.cell.spec import ALUMINIUM_DENSITY_G_CM3, COPPER_DENSITY_G_CM3
from alloypore.particle.model import ArrayResult

__all__ = ["CellProps", "CellArrays", "cell_arrays"]


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
    reversible_capacity_mAh_cm2: np.ndarray
    anode_lithiation_charged: np.ndarray
    anode_charged_thickness_um: np.ndarray
    cell_voltage_V: np.ndarray
    electrolyte_volume_cm3_cm2: np.ndarray
    electrolyte_in_open_intraparticle_pores_cm3_cm2: np.ndarray
    electrolyte_g_Ah: np.ndarray
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


def cell_arrays(
    *,
    anode_areal_capacity_mAh_cm2,
    anode_loading_mg_cm2,
    anode_thickness_um,
    anode_porosity,
    anode_open_intraparticle_cm3_cm2,
    anode_first_cycle_efficiency,
    anode_potential_V,
    anode_thickness_at: Callable[[np.ndarray], np.ndarray],
    props: CellProps,
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
    format: str = "pouch",
    pouch_electrode_area_cm2=100.0,
    pouch_layers=20,
    pouch_laminate_thickness_um=153.0,
    pouch_laminate_density_g_cm3=1.6,
    pouch_seal_width_mm=5.0,
    pouch_tab_mass_g=2.0,
) -> CellArrays:
    """Vectorised full-cell model (see the module docstring)."""
    q_a = np.asarray(anode_areal_capacity_mAh_cm2, dtype=float)
    ice_a = np.asarray(anode_first_cycle_efficiency, dtype=float)
    ice_c = props.cathode_first_cycle_efficiency
    q_c = q_a / np.asarray(np_ratio, dtype=float)
    c1 = q_c / ice_c
    l_irr = q_a * (1.0 / ice_a - 1.0)
    li_anode = c1 - l_irr
    q = np.minimum(li_anode, q_c)
    theta = li_anode / q_a
    plating_free = theta <= 1.0 + 1e-12
    volt = props.cathode_voltage_V - np.asarray(anode_potential_V, dtype=float)

    # cathode coating
    load_c = q_c / (props.cathode_capacity_mAh_g * np.asarray(cathode_active_mass_fraction))  # g/cm2
    t_c = load_c / (props.cathode_coating_density_g_cm3 * (1.0 - np.asarray(cathode_porosity))) * 1e4  # um

    # thicknesses (um), charged state for the anode
    t_a0 = np.asarray(anode_thickness_um, dtype=float)
    t_a = anode_thickness_at(np.clip(theta, 0.0, 1.0))
    t_s = np.asarray(separator_thickness_um, dtype=float)
    t_cu = np.asarray(anode_foil_thickness_um, dtype=float)
    t_al = np.asarray(cathode_foil_thickness_um, dtype=float)
    t_unit = t_a + t_c + t_s + 0.5 * (t_cu + t_al)

    # electrolyte (pristine pore volumes at assembly), cm3/cm2
    v_open = np.asarray(anode_open_intraparticle_cm3_cm2, dtype=float)
    eps_a = np.asarray(anode_porosity, dtype=float)
    eps_c = np.asarray(cathode_porosity, dtype=float)
    if solid_electrolyte:
        # a solid fills a set volume fraction of each composite (default: all of its pores),
        # never the intraparticle pores, and is itself the (dense) separator
        phi_a = eps_a if anolyte_volume_fraction is None else np.asarray(anolyte_volume_fraction, dtype=float)
        phi_c = eps_c if catholyte_volume_fraction is None else np.asarray(catholyte_volume_fraction, dtype=float)
        v_el = (phi_c * t_c + t_s + phi_a * t_a0) * 1e-4
        v_open_filled = np.zeros_like(v_open)
        electrolyte_fits = (phi_a <= eps_a + 1e-12) & (phi_c <= eps_c + 1e-12)
    else:
        v_open_filled = v_open * np.asarray(electrolyte_excess)
        v_el = (eps_c * t_c + np.asarray(separator_porosity) * t_s + eps_a * t_a0) * 1e-4 + v_open
        v_el = v_el * np.asarray(electrolyte_excess)
        electrolyte_fits = np.ones(np.shape(v_el), dtype=bool)
    if electrolyte_g_Ah is not None:
        m_el = np.asarray(electrolyte_g_Ah, dtype=float) * q * 1e-3
    else:
        m_el = v_el * np.asarray(electrolyte_density_g_cm3)

    m_a = np.asarray(anode_loading_mg_cm2, dtype=float) * 1e-3
    m_c = load_c
    if solid_electrolyte:
        m_s = np.zeros_like(t_s)  # the solid separator's mass is in the electrolyte
    else:
        m_s = t_s * 1e-4 * (1.0 - np.asarray(separator_porosity)) * np.asarray(separator_density_g_cm3)
    m_f = 0.5 * (t_cu * COPPER_DENSITY_G_CM3 + t_al * ALUMINIUM_DENSITY_G_CM3) * 1e-4
    m_unit = m_a + m_c + m_s + m_f + m_el

    e_unit = q * volt * 1e-3  # Wh/cm2
    stack_wh_kg = e_unit / m_unit * 1e3
    stack_wh_l = e_unit / (t_unit * 1e-4) * 1e3

    # pouch: n repeat units of area A in a laminate envelope with seals and tabs
    area = np.asarray(pouch_electrode_area_cm2, dtype=float)
    n = np.asarray(pouch_layers, dtype=float)
    side = np.sqrt(area) + 2.0 * np.asarray(pouch_seal_width_mm) / 10.0
    outer = side * side
    t_lam = np.asarray(pouch_laminate_thickness_um) * 1e-4
    cap_ah = q * area * n * 1e-3
    energy = e_unit * area * n
    mass = m_unit * area * n + 2.0 * outer * t_lam * np.asarray(pouch_laminate_density_g_cm3) + pouch_tab_mass_g
    volume = outer * (n * t_unit * 1e-4 + 2.0 * t_lam)
    pouch_wh_kg = energy / mass * 1e3
    pouch_wh_l = energy / volume * 1e3
    headline_kg = pouch_wh_kg if format == "pouch" else stack_wh_kg
    headline_l = pouch_wh_l if format == "pouch" else stack_wh_l
    return CellArrays(
        cathode_areal_capacity_mAh_cm2=q_c,
        cathode_loading_mg_cm2=load_c * 1e3,
        cathode_thickness_um=t_c,
        reversible_capacity_mAh_cm2=q,
        anode_lithiation_charged=theta,
        anode_charged_thickness_um=t_a,
        cell_voltage_V=volt,
        electrolyte_volume_cm3_cm2=v_el,
        electrolyte_in_open_intraparticle_pores_cm3_cm2=v_open_filled,
        electrolyte_g_Ah=m_el / (q * 1e-3),
        mass_anode_g_cm2=m_a,
        mass_cathode_g_cm2=m_c,
        mass_separator_g_cm2=m_s,
        mass_foils_g_cm2=m_f,
        mass_electrolyte_g_cm2=m_el,
        thickness_unit_charged_um=t_unit,
        stack_energy_density_Wh_kg=stack_wh_kg,
        stack_energy_density_Wh_L=stack_wh_l,
        cell_capacity_Ah=cap_ah,
        cell_energy_Wh=energy,
        cell_mass_g=mass,
        cell_volume_cm3=volume,
        pouch_energy_density_Wh_kg=pouch_wh_kg,
        pouch_energy_density_Wh_L=pouch_wh_l,
        energy_density_Wh_kg=headline_kg,
        energy_density_Wh_L=headline_l,
        plating_free=plating_free,
        electrolyte_fits=electrolyte_fits,
    )
