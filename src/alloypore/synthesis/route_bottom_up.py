"""Bottom-up route: primary particles + carbon precursor + pore former -> porous secondary particle.

Per gram of active primary particles (volumes cm3)::

    V_a    = 1 / rho_a;   V_pack = V_a / phi_pack            (primaries at packing fraction phi_pack)
    V_env  = V_pack / (1 - f_pf) * (1 - s)                   (pore former: share f_pf of the granule)
    m_cp   = c / (1 - c);   needs m_cp / rho_cp <= (1 - phi_pack) V_pack   (precursor fits the interstices)
    m_C    = Y m_cp;  V_C = m_C / rho_C,sk
    pores  = V_env - V_a - V_C   (+ closed char micropores m_C (1/rho_C,sk - 1/rho_C,true))

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (bottom-up).
"""

from __future__ import annotations

import math

from alloypore.errors import InputError, check_range
from alloypore.materials import Material
from alloypore.synthesis._materials import alloy, carbon
from alloypore.synthesis.result import SynthesisResult, merge_mass_fractions
from alloypore.synthesis.table2 import table2_cautions

__all__ = ["FCC_PACKING", "bottom_up"]

#: Densest packing of equal spheres (fcc), the upper bound of ``packing_fraction``.
FCC_PACKING = math.pi / (3 * math.sqrt(2))


def _carbon_precursor_grams(c: float, phi: float, V_pack: float, rho_cp: float, given_wt_pct: float) -> float:
    """``m_cp = c / (1 - c)`` per g active; one-line error if it does not fit the interstices."""
    m_cp = c / (1.0 - c)
    interstice = (1.0 - phi) * V_pack
    if m_cp / rho_cp > interstice * (1 + 1e-12):
        c_max = interstice * rho_cp / (1.0 + interstice * rho_cp)
        raise InputError(
            "carbon_precursor_wt_pct", given_wt_pct,
            f"the precursor does not fit between the primaries at packing {phi:g}; allowed <= {100 * c_max:.4g} wt%",
        )
    return m_cp


def _reactions(c: float, f_pf: float) -> tuple[str, ...]:
    return (
        ("carbon precursor -> C + volatiles  (pyrolysis, typically 400-800 C or higher)",) if c else ()
    ) + (("pore former burns out or is leached, leaving its volume as pores",) if f_pf else ())


def _cautions(amat: Material) -> tuple[str, ...]:
    cautions = table2_cautions(amat, "nanoparticle_synthesis")
    cautions.append("nano-sized primaries oxidise: granulation and pyrolysis under inert gas (review §3)")
    return tuple(cautions)


def bottom_up(
    *,
    active: str = "Si",
    primary_particle_size_nm: float = 100.0,
    packing_fraction: float = 0.55,
    carbon_precursor_wt_pct: float = 0.0,
    char_yield: float = 0.5,
    precursor_density_g_cm3: float = 1.3,
    carbon_material: str = "amorphous_carbon",
    carbon_density_g_cm3: float | None = None,
    pore_former_vol_pct: float = 0.0,
    shrinkage_pct: float = 0.0,
    closed_pore_fraction: float = 0.0,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Bottom-up: primary particles + carbon precursor + pore former -> porous secondary particle.

    The equations are in the module docstring (per gram of active primary particles).

    Parameters
    ----------
    active : material of the primary particles.
    primary_particle_size_nm : primary size (carried to the spec; the porosity does not depend on it).
    packing_fraction : volume fraction of the granule's packing region taken by primaries,
        0 < phi <= 0.7405 (fcc; random close packing ~0.64; spray-dried granules ~0.5-0.6).
    carbon_precursor_wt_pct : carbon precursor in the dry solids (precursor + active), wt%.
    char_yield : carbon left per gram of precursor after pyrolysis.
    precursor_density_g_cm3 : density of the carbon precursor (for the fit check).
    pore_former_vol_pct : pore former, vol% of the granule envelope (burns out or leaches).
    shrinkage_pct : volume shrinkage of the granule on pyrolysis, %.
    closed_pore_fraction : share of the granule pores closed to electrolyte (e.g. by a coating).
    """
    amat = alloy(active, "active")
    d = check_range("primary_particle_size_nm", primary_particle_size_nm, 0.0, 1e6, lo_open=True, unit="nm")
    phi = check_range("packing_fraction", packing_fraction, 0.0, FCC_PACKING, lo_open=True)
    f_pf = check_range("pore_former_vol_pct", pore_former_vol_pct, 0.0, 100.0, hi_open=True, unit="vol%") / 100.0
    c = check_range("carbon_precursor_wt_pct", carbon_precursor_wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    Y = check_range("char_yield", char_yield, 0.0, 1.0, lo_open=True)
    rho_cp = check_range("precursor_density_g_cm3", precursor_density_g_cm3, 0.3, 5.0, unit="g/cm3")
    s = check_range("shrinkage_pct", shrinkage_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    fc = check_range("closed_pore_fraction", closed_pore_fraction, 0.0, 1.0)
    cmat, rho_c = carbon(carbon_material, carbon_density_g_cm3, "carbon_density_g_cm3")

    V_a = 1.0 / amat.density_g_cm3
    V_pack = V_a / phi
    m_cp = _carbon_precursor_grams(c, phi, V_pack, rho_cp, carbon_precursor_wt_pct)
    m_c = Y * m_cp
    pores = V_pack / (1.0 - f_pf) * (1.0 - s) - V_a - m_c / rho_c  # V_env - V_a - V_C
    if pores < 0:
        raise InputError("shrinkage_pct", shrinkage_pct, "shrinks the granule below its solid volume; lower it")
    v_closed_c = m_c * (1.0 / rho_c - 1.0 / cmat.density_g_cm3)
    mass = 1.0 + m_c
    details = {
        "active": amat.name,
        "primary_particle_size_nm": d,
        "primary_ssa_m2_g": 6000.0 / (amat.density_g_cm3 * d),
        "packing_fraction": phi,
        "pore_former_vol_pct": 100.0 * f_pf,
        "pore_former_cm3_g_active": V_pack * f_pf / (1.0 - f_pf),
        "carbon_precursor_wt_pct": 100.0 * c,
        "char_yield": Y,
        "carbon_wt_pct": 100.0 * m_c / mass,
        "granule_porosity_before_pyrolysis": 1.0 - (V_a + m_cp / rho_cp) / (V_pack / (1.0 - f_pf)),
        "shrinkage_pct": 100.0 * s,
    }
    return SynthesisResult(
        route="bottom-up",
        mass_fractions=merge_mass_fractions([(amat.name, 1.0), (cmat.name, m_c)]),
        solid_volume_cm3_g=(V_a + m_c / cmat.density_g_cm3) / mass,
        pore_volume_cm3_g=(pores + v_closed_c) / mass,
        closed_pore_volume_cm3_g=(fc * pores + v_closed_c) / mass,
        usable_pore_volume_cm3_g=pores / mass,
        primary_particle_size_nm=d,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=_reactions(c, f_pf),
        cautions=_cautions(amat),
        details=details,
        title=f"bottom-up: {amat.name} primaries ({d:g} nm)",
    )
