"""Transcription route: deposit an active phase into the open pores of a porous carbon template.

Per gram of template (volumes cm3)::

    V_a = m_a / rho_a;   phi = V_a / V_t;   void = V_t - V_a
    zero outward expansion  <=>  beta V_a <= void  <=>  phi <= 1 / (1 + beta)
    m_max = rho_a V_t / (1 + beta);   out-of-pore excess = max(V_a - V_t, 0)
    overcoat m_oc = c (1 + m_a) / (1 - c) as a dense shell; it seals a share of the void
    template closed pores = 1/rho_sk - 1/rho_true (He density below the carbon's true density)

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (transcription)
and Fig. 5e-g (HC-0.6/0.8/1.0 templates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from alloypore.errors import InputError, check_range
from alloypore.materials import Material, get_material
from alloypore.synthesis._materials import alloy, expansion
from alloypore.synthesis.result import SynthesisResult, merge_mass_fractions
from alloypore.synthesis.table2 import table2_cautions

__all__ = ["max_zero_expansion_fill", "max_zero_expansion_loading_g_g", "transcription"]

_DEPOSITION = {
    "Si": ("SiH4 -> Si + 2 H2  (CVD into the template pores, ~450-500 C)",),
    "Ge": ("GeH4 -> Ge + 2 H2  (CVD)",),
    "Sn": ("SnH4 -> Sn + 2 H2  (CVD; SnH4 is unstable)",),
    "Sb": ("2 SbH3 -> 2 Sb + 3 H2  (CVD; SbH3 is unstable)",),
}


def max_zero_expansion_fill(beta: float) -> float:
    """Largest share of a template's pore volume the deposit may fill with zero outward growth.

    The deposit of volume ``V_a`` grows by ``beta V_a`` on full lithiation; it stays inside
    the template when ``beta V_a <= V_t - V_a``, i.e. ``phi = V_a / V_t <= 1 / (1 + beta)``.
    """
    return 1.0 / (1.0 + beta)


def max_zero_expansion_loading_g_g(pore_volume_cm3_g: float, active_density_g_cm3: float, beta: float) -> float:
    """Largest deposit per gram of template with zero outward growth: ``rho_a V_t / (1 + beta)``."""
    return active_density_g_cm3 * pore_volume_cm3_g * max_zero_expansion_fill(beta)


@dataclass(frozen=True)
class _Template:
    material: Material
    pore_volume_cm3_g: float  # V_t
    skeletal_density_g_cm3: float
    closed_pore_volume_cm3_g: float  # 1/rho_sk - 1/rho_true


def _template(material: str, pore_volume_cm3_g: float, skeletal_density_g_cm3: float | None) -> _Template:
    tmat = get_material(material, field="template_material")
    if tmat.kind == "inactive":
        raise InputError("template_material", material, "must be a carbon: graphite, hard_carbon, amorphous_carbon")
    V_t = check_range("template_pore_volume_cm3_g", pore_volume_cm3_g, 0.0, 20.0, lo_open=True, unit="cm3/g")
    rho_t = tmat.density_g_cm3
    if skeletal_density_g_cm3 is None:
        rho_sk = rho_t
    else:
        rho_sk = check_range(
            "template_skeletal_density_g_cm3", skeletal_density_g_cm3, 0.0, rho_t, lo_open=True, unit="g/cm3"
        )
    return _Template(tmat, V_t, rho_sk, 1.0 / rho_sk - 1.0 / rho_t)


_OVERCOAT_STEP = ("overcoat: CVD carbon, e.g. C2H2 -> 2 C + H2",)


@dataclass(frozen=True)
class _Overcoat:
    material: Material
    fraction: float  # c, of the final particle
    grams: float  # m_oc per g template
    sealed: float  # share of the in-pore void it closes


def _overcoat(wt_pct: float, material: str, sealed_pore_fraction: float | None, m_a: float) -> _Overcoat:
    """A dense carbon shell of ``wt_pct`` of the particle: ``m_oc = c (1 + m_a) / (1 - c)``."""
    c = check_range("overcoat_wt_pct", wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    omat = get_material(material, field="overcoat_material")
    m_oc = c * (1.0 + m_a) / (1.0 - c)
    if sealed_pore_fraction is None:
        sealed = 1.0 if c > 0 else 0.0
    else:
        sealed = check_range("sealed_pore_fraction", sealed_pore_fraction, 0.0, 1.0)
    return _Overcoat(omat, c, m_oc, sealed)


def _deposit_mass(fill, g_active_per_g_template, V_t: float, rho_a: float, m_max: float) -> float:
    """Grams of active phase per gram of template from ``fill`` or the given mass."""
    if g_active_per_g_template is not None:
        return check_range("g_active_per_g_template", g_active_per_g_template, 0.0, 100.0, lo_open=True, unit="g/g")
    if fill is None or (isinstance(fill, str) and fill.strip().lower() == "max"):
        return m_max
    try:
        phi_in = float(fill)
    except (TypeError, ValueError):
        raise InputError("fill", fill, "allowed: max or a number 0 < fill <= 1") from None
    phi_in = check_range("fill", phi_in, 0.0, 1.0, lo_open=True)
    return phi_in * V_t * rho_a


@dataclass(frozen=True)
class _Loading:
    """The deposit in one gram of template."""

    beta: float
    max_grams: float  # m_max, zero outward expansion
    grams: float  # m_a
    volume: float  # V_a
    void: float  # in-pore void left
    excess: float  # out-of-pore volume


def _load(amat: Material, V_t: float, beta: float, fill, g_active_per_g_template, allow_out_of_pore: bool) -> _Loading:
    rho_a = amat.density_g_cm3
    m_max = max_zero_expansion_loading_g_g(V_t, rho_a, beta)
    m_a = _deposit_mass(fill, g_active_per_g_template, V_t, rho_a, m_max)
    V_a = m_a / rho_a
    # fill = 1 puts exactly V_t of solid in V_t of pores; m_a / rho_a may round a few ulps above it
    excess = V_a - V_t if V_a > V_t * (1.0 + 1e-12) else 0.0
    if excess > 0 and not allow_out_of_pore:
        raise InputError(
            "g_active_per_g_template", m_a,
            f"loading cannot fit: {V_a:.4g} cm3 of {amat.name} in {V_t:.4g} cm3 of pores; "
            f"allowed <= {V_t * rho_a:.4g} g/g (or allow out-of-pore growth)",
        )
    return _Loading(beta, m_max, m_a, V_a, V_t - min(V_a, V_t), excess)


def _cautions(amat: Material, excess: float, phi: float, phi_max: float) -> tuple[str, ...]:
    cautions = table2_cautions(amat, "chemical_deposition")
    if excess > 0:
        cautions.append(
            f"{excess:.3g} cm3/g template of {amat.name} grows outside the pores (out-of-pore growth: unstable on "
            "cycling, review Fig. 5g)"
        )
    if phi > phi_max * (1 + 1e-9):
        cautions.append(
            f"fill {phi:.3f} exceeds the zero-expansion limit 1/(1+beta) = {phi_max:.3f}: the particle grows outward"
        )
    return tuple(cautions)


def _details(amat: Material, tpl: _Template, load: _Loading, oc: _Overcoat, basis: str) -> dict:
    V_t, V_a, void, beta = tpl.pore_volume_cm3_g, load.volume, load.void, load.beta
    return {
        "active": amat.name,
        "template_material": tpl.material.name,
        "template_pore_volume_cm3_g": V_t,
        "template_skeletal_density_g_cm3": tpl.skeletal_density_g_cm3,
        "template_closed_pore_volume_cm3_g": tpl.closed_pore_volume_cm3_g,
        "beta": beta,
        "expansion_basis": basis,
        "g_active_per_g_template": load.grams,
        "active_wt_pct": 100.0 * load.grams / (1.0 + load.grams + oc.grams),
        "fill_fraction": V_a / V_t,
        "max_zero_expansion_fill": max_zero_expansion_fill(beta),
        "max_zero_expansion_g_per_g_template": load.max_grams,
        "void_cm3_g_template": void,
        "void_absorbs_full_expansion": bool(beta * min(V_a, V_t) <= void * (1 + 1e-9) and load.excess == 0),
        "out_of_pore_cm3_g_template": load.excess,
        "overcoat_wt_pct": 100.0 * oc.fraction,
        "sealed_pore_fraction": oc.sealed,
    }


def transcription(
    *,
    template_pore_volume_cm3_g: float,
    active: str = "Si",
    fill: float | Literal["max"] | None = "max",
    g_active_per_g_template: float | None = None,
    template_material: str = "hard_carbon",
    template_skeletal_density_g_cm3: float | None = None,
    beta_basis: Literal["crystallographic", "quoted"] = "crystallographic",
    expansion_pct: float | None = None,
    overcoat_wt_pct: float = 0.0,
    overcoat_material: str = "amorphous_carbon",
    sealed_pore_fraction: float | None = None,
    allow_out_of_pore: bool = False,
    primary_particle_size_nm: float | None = None,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Transcription: deposit an active phase into the open pores of a porous carbon template.

    The equations are in the module docstring (per gram of template).

    Parameters
    ----------
    template_pore_volume_cm3_g : open pore volume of the template (N2 total pore volume), cm3/g.
    active : deposited material (Si; Ge, Sn, Sb with Table 2's warnings).
    fill : share of the pore volume filled, a number in (0, 1] or ``"max"`` (1/(1+beta)).
    g_active_per_g_template : deposit mass instead of ``fill`` (may exceed the pores only
        with ``allow_out_of_pore``).
    template_material, template_skeletal_density_g_cm3 : the template carbon and its He
        (skeletal) density; default the material's true density (no closed pores).
    beta_basis, expansion_pct : full volume expansion of the active phase: the materials
        table on a basis (``crystallographic`` 2.808 for Si, ``quoted`` 2.80), or a value.
    overcoat_wt_pct : carbon overcoat, wt% of the final particle.
    sealed_pore_fraction : share of the remaining in-pore void the overcoat closes
        (default 1 with an overcoat, 0 without).
    """
    amat = alloy(active, "active")
    tpl = _template(template_material, template_pore_volume_cm3_g, template_skeletal_density_g_cm3)
    V_t = tpl.pore_volume_cm3_g
    beta = expansion(amat, beta_basis, expansion_pct)
    load = _load(amat, V_t, beta, fill, g_active_per_g_template, allow_out_of_pore)
    oc = _overcoat(overcoat_wt_pct, overcoat_material, sealed_pore_fraction, load.grams)
    mass = 1.0 + load.grams + oc.grams
    v_tc, void = tpl.closed_pore_volume_cm3_g, load.void
    phi, phi_max = load.volume / V_t, max_zero_expansion_fill(beta)
    return SynthesisResult(
        route="transcription",
        mass_fractions=merge_mass_fractions(
            [(tpl.material.name, 1.0), (amat.name, load.grams), (oc.material.name, oc.grams)]
        ),
        solid_volume_cm3_g=(1.0 / tpl.material.density_g_cm3 + load.volume + oc.grams / oc.material.density_g_cm3)
        / mass,
        pore_volume_cm3_g=(void + v_tc) / mass,
        closed_pore_volume_cm3_g=(v_tc + oc.sealed * void) / mass,
        usable_pore_volume_cm3_g=void / mass,
        expansion_basis="quoted" if beta_basis == "quoted" else "crystallographic",
        expansion_pct_override={} if expansion_pct is None else {amat.name: 100.0 * beta},
        primary_particle_size_nm=primary_particle_size_nm,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=_DEPOSITION.get(amat.name, ()) + (_OVERCOAT_STEP if oc.fraction else ()),
        cautions=_cautions(amat, load.excess, phi, phi_max),
        details=_details(amat, tpl, load, oc, "override" if expansion_pct is not None else beta_basis),
        title=f"transcription: {amat.name} in a {V_t:g} cm3/g template",
    )
