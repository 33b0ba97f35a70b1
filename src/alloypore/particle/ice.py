"""First-cycle efficiency of a particle: SEI on the surface the electrolyte wets + intrinsic loss.

The review's mechanism (§5, Fig. 6c): the first-cycle SEI forms on the surface the electrolyte
reaches, so pores sealed by the carbon spare it.  Per gram of delithiated particle::

    A_out      = 6 / (rho_env d)                     outer surface of the secondary sphere [m2/g]
                                                     (rho_env in g/cm3, d in um)
    A_out,lith = A_out (1 + out / v_env)^(2/3)       the same sphere grown outward at full lithiation
    A_pore     = max(A_tot - A_out, 0)               pore-wall surface (A_tot: the SSA)
    A_wet      = A_out,lith + (1 - f_closed)(1 - f_in) A_pore  ssa_basis = "total": the SSA counts every
                                                     pore wall (imaging, BET of the unsealed precursor)
               = A_out,lith + (1 - f_in) A_pore      ssa_basis = "open": a BET of the particle itself
                                                     (N2 does not enter closed pores either; it does
                                                     enter the micropores the electrolyte does not,
                                                     f_in = electrolyte_inaccessible_fraction)
    L_SEI      = q_A A_out,lith + min(q_A (A_wet - A_out,lith), k v_el)          [mAh/g]
                 (an SEI cannot take more volume than the open pores have: narrow pores fill up;
                 k = z F / V_m = 559 mAh per cm3 of SEI, v_el the open pores the electrolyte enters)
    L_intr     = sum_i w_i q_i (1/ICE_i - 1)         host-bound Li: the reaction's (SiO: 0.25 Li4SiO4
                                                     per SiO); a carbon's measured typical ICE (graphite
                                                     0.93, hard carbon 0.85: bulk trapping; its own
                                                     SEI is then counted twice, a small overestimate)
    ICE        = q_p / (q_p + L_SEI + L_intr)

with the areal loss of an SEI of thickness ``t`` made of a compound with ``z`` Li per formula
unit of molar volume ``V_m``::

    q_A = z t / V_m F        (t = 20 nm, z = 2, V_m = 95.85 cm3/mol:  q_A = 11.18 mAh/m2)

Sources (``data/sei.toml``): ``t`` is the SEI thickness on Si in a carbonate electrolyte of the
review's Fig. 9c (its ref. 181; ~5 nm in fluorinated electrolytes, 2.80 mAh/m2); ``V_m`` and ``z``
are lithium ethylene dicarbonate's, the SEI compound of PyBaMM's Chen2020 SEI parameters (Safari
et al. 2009).  Nothing here is fitted to an ICE; ``docs/model.md`` compares the model with the
literature rows and with the SSA regression it replaced.

When no SSA is given, the total surface is the geometric surface of primary spheres of
``primary_particle_size_nm`` at the particle's true density, ``6000 / (rho_true d_nm)``; with
neither, only the outer surface counts (the pore walls are unknown: the loss is then a lower bound).

Limitations: the pore-wall surface is taken at its pristine value (walls grow as the active phase
swells, pores shrink as they fill); cracking, Li trapping and the carbon's own bulk loss are not
modelled; an SEI of one thickness on every wetted surface.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from alloypore._datatable import read_data_toml, sourced_values
from alloypore.materials import MAH_PER_MOL, get_material
from alloypore.particle.model import ArrayResult, ParticleArrays, PhaseProps

__all__ = [
    "SSA_BASES",
    "SeiParameters",
    "IceArrays",
    "sei_parameters",
    "sei_areal_loss_mAh_m2",
    "default_sei_areal_loss_mAh_m2",
    "sei_charge_per_volume_mAh_cm3",
    "sphere_surface_m2_g",
    "wetted_surface_m2_g",
    "wetted_surface_ice",
    "intrinsic_loss_mAh_g",
    "phase_first_cycle_efficiencies",
    "first_cycle_arrays",
    "ice_basis",
]

#: How ``ssa_m2_g`` was measured: every pore wall ("total") or only the open ones ("open").
SSA_BASES = ("total", "open")
_FILE = ("alloypore.particle", "data/sei.toml")
_KEYS = ("thickness_nm", "thickness_fluorinated_nm", "molar_volume_cm3_mol", "li_per_formula")


@dataclass(frozen=True)
class SeiParameters:
    """The sourced numbers of ``data/sei.toml``."""

    thickness_nm: float
    thickness_fluorinated_nm: float
    molar_volume_cm3_mol: float
    li_per_formula: float
    sources: dict


@lru_cache(maxsize=1)
def sei_parameters() -> SeiParameters:
    """The shipped SEI numbers with their sources."""
    row = read_data_toml(*_FILE)["sei"]
    values, sources = sourced_values(row, _KEYS, origin="/".join(_FILE), where="[sei]")
    return SeiParameters(**values, sources=sources)


def sei_areal_loss_mAh_m2(thickness_nm, molar_volume_cm3_mol=None, li_per_formula=None):
    """Li charge bound per m2 by an SEI layer: ``q_A = z t / V_m F`` (mAh/m2).

    Parameters
    ----------
    thickness_nm : SEI thickness (nm).
    molar_volume_cm3_mol, li_per_formula : the SEI compound (default: the shipped LEDC values).
    """
    sp = sei_parameters()
    vm = sp.molar_volume_cm3_mol if molar_volume_cm3_mol is None else molar_volume_cm3_mol
    z = sp.li_per_formula if li_per_formula is None else li_per_formula
    mol_per_m2 = z * np.asarray(thickness_nm, dtype=float) * 1e-7 / vm * 1e4
    return mol_per_m2 * MAH_PER_MOL


def sei_charge_per_volume_mAh_cm3() -> float:
    """Li charge per cm3 of SEI, ``k = z F / V_m`` (559.2 mAh/cm3 for the shipped LEDC)."""
    sp = sei_parameters()
    return sp.li_per_formula / sp.molar_volume_cm3_mol * MAH_PER_MOL


def default_sei_areal_loss_mAh_m2() -> float:
    """The default areal loss: the carbonate-electrolyte SEI of ``data/sei.toml`` (11.18 mAh/m2)."""
    return float(sei_areal_loss_mAh_m2(sei_parameters().thickness_nm))


def sphere_surface_m2_g(density_g_cm3, diameter_um):
    """Surface per gram of spheres of one diameter: ``6 / (rho d)`` (g/cm3, um -> m2/g)."""
    return 6.0 / (np.asarray(density_g_cm3, dtype=float) * np.asarray(diameter_um, dtype=float))


def wetted_surface_m2_g(total_m2_g, outer_m2_g, closed_pore_fraction, *, outer_lithiated_m2_g=None,
                        ssa_basis: str = "total", inaccessible_fraction=0.0):
    """Surface the electrolyte reaches (m2/g): the outer surface plus the open pore walls it enters.

    ``ssa_basis = "total"``: ``total_m2_g`` counts every pore wall and the closed share
    ``closed_pore_fraction`` of them is dry; ``"open"``: it is a BET of the particle, which sees only
    open pores already.  ``inaccessible_fraction`` (``[particle] electrolyte_inaccessible_fraction``)
    of the open pore walls is dry too on either basis (N2 enters micropores, the electrolyte does
    not); wall surface is taken in proportion to pore volume.  ``outer_lithiated_m2_g`` replaces the
    outer surface (default: unchanged).
    """
    outer = np.asarray(outer_m2_g, dtype=float)
    pore = np.maximum(np.asarray(total_m2_g, dtype=float) - outer, 0.0)
    open_share = 1.0 if ssa_basis == "open" else 1.0 - np.asarray(closed_pore_fraction, dtype=float)
    open_share = open_share * (1.0 - np.asarray(inaccessible_fraction, dtype=float))
    grown = outer if outer_lithiated_m2_g is None else np.asarray(outer_lithiated_m2_g, dtype=float)
    return grown + open_share * pore


def phase_first_cycle_efficiencies(props: PhaseProps) -> tuple[float, ...]:
    """Each phase's own first-cycle efficiency: the reaction's (SiO 0.738), or for a carbon the
    measured typical value of the materials table (graphite 0.93, hard carbon 0.85: their bulk
    trapping, which the surface term does not see), whichever is lower; 1 if neither exists."""
    out = []
    for name, ice in zip(props.names, props.first_cycle_efficiency):
        m = get_material(name)
        typical = m.typical_first_cycle_efficiency if m.kind == "carbon" else None
        out.append(min(ice, typical) if typical else ice)
    return tuple(out)


def intrinsic_loss_mAh_g(mass_fractions: Sequence, props: PhaseProps):
    """Host-bound first-cycle Li per gram of particle: ``sum_i w_i q_i (1/ICE_i - 1)`` with the
    phases' own efficiencies (:func:`phase_first_cycle_efficiencies`)."""
    return sum(np.asarray(w, dtype=float) * q * (1.0 / ice - 1.0)
               for w, q, ice in zip(mass_fractions, props.capacity_mAh_g, phase_first_cycle_efficiencies(props)))


def wetted_surface_ice(capacity_mAh_g, wetted_surface_m2_g, intrinsic_loss_mAh_g=0.0, sei_areal_loss_mAh_m2=None):
    """``ICE = q / (q + q_A A_wet + L_intr)`` (vectorised; ``q_A`` default 11.18 mAh/m2)."""
    q_a = default_sei_areal_loss_mAh_m2() if sei_areal_loss_mAh_m2 is None else sei_areal_loss_mAh_m2
    q = np.asarray(capacity_mAh_g, dtype=float)
    loss = np.asarray(q_a, dtype=float) * np.asarray(wetted_surface_m2_g, dtype=float) + intrinsic_loss_mAh_g
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(q > 0, q / (q + loss), 1.0)


@dataclass(frozen=True)
class IceArrays(ArrayResult):
    """The particle's first-cycle loss budget (arrays, 0-d for one design)."""

    first_cycle_efficiency: np.ndarray
    wetted_surface_m2_g: np.ndarray
    outer_surface_m2_g: np.ndarray  # at full lithiation
    pore_surface_m2_g: np.ndarray  # every pore wall, open and closed
    sei_areal_loss_mAh_m2: np.ndarray
    sei_loss_mAh_g: np.ndarray
    intrinsic_loss_mAh_g: np.ndarray
    pores_filled_by_sei: np.ndarray  # bool: the open pores' volume caps their SEI
    surface_source: str  # "ssa" | "primary" | "outer"
    ssa_basis: str


def first_cycle_arrays(p: ParticleArrays, props: PhaseProps, mass_fractions: Sequence, *, ssa_m2_g=None,
                       primary_particle_size_nm=None, secondary_particle_size_um=10.0, ssa_basis: str = "total",
                       sei_areal_loss_mAh_m2=None) -> IceArrays:
    """The wetted-surface ICE of evaluated particles ``p`` (module docstring; vectorised).

    Parameters
    ----------
    p : the particle results (:func:`alloypore.particle.particle_arrays`).
    props, mass_fractions : the phases (for the intrinsic loss).
    ssa_m2_g : measured specific surface area (see ``ssa_basis``); else estimated.
    primary_particle_size_nm : used for the surface when no SSA is given.
    secondary_particle_size_um : diameter of the particle (outer surface).
    ssa_basis : "total" or "open" (:data:`SSA_BASES`).
    sei_areal_loss_mAh_m2 : override of the default 11.18 mAh/m2.
    """
    outer0 = sphere_surface_m2_g(p.envelope_density_g_cm3, secondary_particle_size_um)
    if ssa_m2_g is not None:
        total, source = np.asarray(ssa_m2_g, dtype=float), "ssa"
    elif primary_particle_size_nm is not None:
        total = sphere_surface_m2_g(p.true_density_g_cm3, np.asarray(primary_particle_size_nm, dtype=float) * 1e-3)
        source, ssa_basis = "primary", "total"
    else:
        total, source, ssa_basis = outer0, "outer", "total"
    v_env = p.solid_volume_cm3_g + p.pore_volume_cm3_g
    outer = outer0 * np.cbrt((v_env + p.outward_growth_cm3_g) / v_env) ** 2
    q_a = np.asarray(default_sei_areal_loss_mAh_m2() if sei_areal_loss_mAh_m2 is None else sei_areal_loss_mAh_m2,
                     dtype=float)
    wet = wetted_surface_m2_g(total, outer0, p.closed_pore_fraction, outer_lithiated_m2_g=outer, ssa_basis=ssa_basis,
                              inaccessible_fraction=p.electrolyte_inaccessible_fraction)
    l_int = intrinsic_loss_mAh_g(mass_fractions, props)
    pore_full = sei_charge_per_volume_mAh_cm3() * p.electrolyte_pore_volume_cm3_g  # the pores the electrolyte enters
    l_pore = np.minimum(q_a * (wet - outer), pore_full)
    l_sei = q_a * outer + l_pore
    q = np.asarray(p.capacity_mAh_g, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ice = np.where(q > 0, q / (q + l_sei + l_int), 1.0)
    return IceArrays(
        first_cycle_efficiency=ice,
        wetted_surface_m2_g=wet,
        outer_surface_m2_g=outer,
        pore_surface_m2_g=np.maximum(total - outer0, 0.0),
        sei_areal_loss_mAh_m2=q_a,
        sei_loss_mAh_g=l_sei,
        intrinsic_loss_mAh_g=l_int,
        pores_filled_by_sei=q_a * (wet - outer) > pore_full,
        surface_source=source,
        ssa_basis=ssa_basis,
    )


_SURFACE_TEXT = {
    "ssa": "SSA given",
    "primary": "surface ESTIMATED from primary_particle_size_nm (spheres)",
    "outer": "no ssa_m2_g or primary_particle_size_nm: outer surface only, a LOWER BOUND of the loss",
}


def ice_basis(ice: IceArrays, props: PhaseProps) -> str:
    """One sentence naming the model, its numbers (one design) and its sources."""
    sp = sei_parameters()
    q_a, default = np.asarray(ice.sei_areal_loss_mAh_m2), default_sei_areal_loss_mAh_m2()
    if np.allclose(q_a, default, rtol=1e-12):
        src = (f"areal loss {default:.2f} mAh/m2 = {sp.thickness_nm:g} nm SEI (review Fig. 9c, ref. 181) of "
               f"(CH2OCO2Li)2, {sp.molar_volume_cm3_mol:g} cm3/mol (Safari 2009, PyBaMM Chen2020 SEI)")
    else:
        src = f"areal loss given in the spec ({float(q_a.min()):.3g}-{float(q_a.max()):.3g} mAh/m2; default {default:.2f})"
    if np.ndim(ice.first_cycle_efficiency):
        return f"MODEL: particle ICE from the wetted-surface SEI + intrinsic loss ({_SURFACE_TEXT[ice.surface_source]}); {src}"
    intr = ", ".join(f"{n} {e:.3f}" for n, e in zip(props.names, phase_first_cycle_efficiencies(props)) if e < 1.0)
    return (
        f"MODEL: particle ICE {float(ice.first_cycle_efficiency):.3f} = wetted-surface SEI "
        f"{float(ice.wetted_surface_m2_g):.2f} m2/g x {float(ice.sei_areal_loss_mAh_m2):.2f} mAh/m2"
        f"{' (capped: the SEI fills the open pores)' if bool(ice.pores_filled_by_sei) else ''} = "
        f"{float(ice.sei_loss_mAh_g):.1f} mAh/g + intrinsic {float(ice.intrinsic_loss_mAh_g):.1f} mAh/g"
        f"{' (' + intr + ' of the hosts)' if intr else ''} ({_SURFACE_TEXT[ice.surface_source]}, "
        f"basis {ice.ssa_basis}); {src}"
    )
