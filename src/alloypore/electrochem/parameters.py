"""PyBaMM ``ParameterValues`` for a designed electrode (two-phase negative: blend carbon + alloy).

Starts from PyBaMM's shipped ``Bonkile2024`` set (graphite/Si composite with mechanics,
built on Chen et al. 2020 and Ai et al. 2022) and replaces every design-dependent number
by the mapping of :mod:`alloypore.electrochem.mapping`, and every OCP by the design's
materials (:mod:`alloypore.electrochem.ocp`).

The cell is modelled per cm2 of one anode/separator/cathode unit (electrode 1 cm x 1 cm),
so PyBaMM's A.h are mAh/cm2 x 1e-3.

Initial state (top of charge, after formation): the anode holds the chain's cyclable Li
``theta_charged Q_a`` split between the blend carbon and the alloy at one potential,
``U_1(x_1) = U_2(x_2)``, ``Q_1 x_1 + Q_2 x_2 = theta_charged Q_a``.

Cathode window, two paths:

* the legacy cell (NMC811 vs Si + graphite, :data:`~alloypore.electrochem.ocp.LEGACY_CELL`, the
  numbers it always gave): cut-offs 2.5/4.2 V; the cathode's maximum concentration is set so that
  the chain's reversible cathode capacity ``Q_c = Q_a / NP`` spans the stoichiometries from the top
  of charge ``y_c`` (``U_p(y_c) = V_max + U_n``) to 1: ``c_max,p = Q_c / (F eps_p L_p (1 - y_c))``;
* every other cell: the cathode's rated window (the cathode table's capacity, the curve's
  ``x`` from 0 to 1) maps to the stoichiometries ``(y_top, y_bottom)`` of its OCP,
  ``c_max,p = Q_c / (F eps_p L_p (y_bottom - y_top))``, starting at ``y_top`` (the chain's
  convention: the cathode at the top of its rated window at top of charge).  The cut-offs
  come from the curves: ``V_max = U_c(x=0) - U_n(top of charge)`` and
  ``V_min = U_c(x_end) - U_n(end) - 0.2 V`` (rounded down to 10 mV), where the end of discharge is
  the chain's ``Q`` (the anode kept at 0.5 % of its capacity when it limits); past it a wall
  (:data:`~alloypore.electrochem.ocp.WALL_V_PER_X`) ends the discharge within 0.2 % of ``Q``.

A discharge then ends when the anode empties or the cathode fills, i.e. at ``min(Li, Q_c)``, the
chain's reversible capacity.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq

from alloypore.electrochem._pybamm import require_pybamm
from alloypore.electrochem.mapping import (
    V_MAX,
    V_MIN,
    CompositeMapping,
    alloy_volume_change,
    graphite_volume_change,
)
from alloypore.electrochem.ocp import LEGACY_CELL, negative_ocp, positive_ocp
from alloypore.errors import MissingDependencyError  # noqa: F401  (re-exported)
from alloypore.materials import FARADAY_C_MOL

__all__ = ["MissingDependencyError", "require_pybamm", "parameter_values", "initial_stoichiometries", "BASE_SET",
           "END_MARGIN_V"]

#: The shipped PyBaMM parameter set the mapping starts from.
BASE_SET = "Bonkile2024"
#: Lower cut-off below the end-of-discharge OCV of the chain's window [V] (general path).
END_MARGIN_V = 0.2
_G, _A = "Primary: Negative electrode OCP [V]", "Secondary: Negative electrode OCP [V]"
_P = "Positive electrode OCP [V]"


def _ocp(pv, name: str, x: float) -> float:
    pybamm = require_pybamm()
    return float(np.asarray(pv.evaluate(pv[name](pybamm.Scalar(x)))).ravel()[0])


def _anode_state(pv, m: CompositeMapping, li: float) -> tuple[float, float, float]:
    """(x_1, x_2, U_n) with the anode holding ``li`` mAh/cm2 at one potential (bisection on U)."""

    def inv(name, u):  # OCPs fall with x
        lo, hi = 1e-6, 1.0 - 1e-6
        f = lambda x: _ocp(pv, name, x) - u  # noqa: E731
        if f(lo) < 0:
            return lo
        if f(hi) > 0:
            return hi
        return brentq(f, lo, hi, xtol=1e-10)

    def held(u):
        return m.graphite_capacity_mAh_cm2 * inv(_G, u) + m.alloy_capacity_mAh_cm2 * inv(_A, u) - li

    u = brentq(held, 0.03, 1.2, xtol=1e-9)
    return inv(_G, u), inv(_A, u), u


def initial_stoichiometries(pv, m: CompositeMapping) -> tuple[float, float, float]:
    """(x_graphite, x_alloy, U_n [V]) at top of charge: both phases at one potential.

    Solves ``Q_g x1(U) + Q_a x2(U) = Li`` for the common potential ``U`` by bisection on U,
    with each phase's stoichiometry from inverting its own OCP.
    """
    return _anode_state(pv, m, m.lithium_inventory_mAh_cm2)


def _is_legacy(m: CompositeMapping) -> bool:
    return (m.alloy_material, m.blend_material, m.cathode) == LEGACY_CELL


def _materials(pv, m: CompositeMapping) -> tuple[dict, tuple[float, float]]:
    """Swap in the design's OCPs (and the cathode set's particle kinetics); their sources; the
    cathode's stoichiometry range of its rated window."""
    sources = {"negative_primary": f"{m.blend_material}: PyBaMM {BASE_SET}, graphite_ocp_Enertech_Ai2020",
               "negative_secondary": f"{m.alloy_material}: PyBaMM {BASE_SET}, silicon_ocp_average_Mark2016",
               "positive": "NMC811: PyBaMM Chen2020 (via Bonkile2024), nmc_LGM50_ocp_Chen2020"}
    if _is_legacy(m):
        return sources, (0.0, 1.0)
    if m.alloy_material != "Si":
        alloy = negative_ocp(m.alloy_material, field="particle.phases")
        for key in (_A, "Secondary: Negative electrode lithiation OCP [V]",
                    "Secondary: Negative electrode delithiation OCP [V]"):
            pv[key] = alloy.function
        sources["negative_secondary"] = f"{m.alloy_material}: {alloy.source}"
    if m.blend_material != "graphite":
        blend = negative_ocp(m.blend_material, field="electrode.blend_material")
        pv[_G] = blend.function
        sources["negative_primary"] = f"{m.blend_material}: {blend.source}"
    pos = positive_ocp(m.cathode)
    pv.update({_P: pos.function, **(pos.extra or {})})
    sources["positive"] = f"{m.cathode}: {pos.source}"
    return sources, pos.native_range


def parameter_values(m: CompositeMapping, *, sei_open_share: float | None = None):
    """PyBaMM parameter values for the mapped design (see the module docstring).

    Parameters
    ----------
    m : the design mapping (:func:`alloypore.electrochem.composite_mapping`).
    sei_open_share : scale of the alloy phase's SEI exchange current (wetted share of its
        surface); default ``m.open_surface_share``.

    Returns
    -------
    (pybamm.ParameterValues, dict) : the values and the initial state
        (``x_graphite``, ``x_alloy``, ``anode_potential_V``, ``y_cathode``, the cut-offs
        ``voltage_min_V`` / ``voltage_max_V``), plus ``"ocp_sources"`` (text per phase).
    """
    pybamm = require_pybamm()
    pv = pybamm.ParameterValues(BASE_SET)
    pv.update(_design_values(pybamm, pv, m, sei_open_share))
    sources, (y_top, y_bottom) = _materials(pv, m)
    x1, x2, u_n = initial_stoichiometries(pv, m)
    if _is_legacy(m):
        y_c = brentq(lambda y: _ocp(pv, _P, y) - (V_MAX + u_n), 0.05, 0.95, xtol=1e-10)
        span, v_min, v_max = 1.0 - y_c, V_MIN, V_MAX
    else:
        y_c, span = y_top, y_bottom - y_top
        v_max, v_min = _window(pv, m, u_n, y_top, y_bottom)
    cmax_p = m.cathode_capacity_mAh_cm2 * 3.6 * 1e4 / (
        FARADAY_C_MOL * m.cathode_active_volume_fraction * m.cathode_thickness_um * 1e-6 * span
    )
    pad = 0.0 if _is_legacy(m) else 0.5  # PyBaMM's own cut-offs just outside the experiment's
    pv.update(
        {
            "Lower voltage cut-off [V]": v_min - pad,
            "Upper voltage cut-off [V]": v_max + pad,
            "Open-circuit voltage at 0% SOC [V]": v_min,
            "Open-circuit voltage at 100% SOC [V]": v_max,
            "Maximum concentration in positive electrode [mol.m-3]": cmax_p,
            "Initial concentration in positive electrode [mol.m-3]": y_c * cmax_p,
            "Primary: Initial concentration in negative electrode [mol.m-3]": x1 * m.graphite_max_concentration_mol_m3,
            "Secondary: Initial concentration in negative electrode [mol.m-3]": x2 * m.alloy_max_concentration_mol_m3,
        }
    )
    init = {"x_graphite": x1, "x_alloy": x2, "anode_potential_V": u_n, "y_cathode": y_c,
            "voltage_min_V": v_min, "voltage_max_V": v_max}
    return pv, {**init, "ocp_sources": sources}


def _window(pv, m: CompositeMapping, u_n_top: float, y_top: float, y_bottom: float) -> tuple[float, float]:
    """(V_max, V_min) of the general path: OCV at top of charge; end-of-discharge OCV less the margin."""
    q, li = m.reversible_capacity_mAh_cm2, m.lithium_inventory_mAh_cm2
    x_c_end = min(q / m.cathode_capacity_mAh_cm2, 1.0)
    li_end = max(li - q, 0.005 * m.anode_capacity_mAh_cm2)
    u_n_end = _anode_state(pv, m, li_end)[2]
    v_end = _ocp(pv, _P, y_top + x_c_end * (y_bottom - y_top)) - u_n_end
    v_max = _ocp(pv, _P, y_top) - u_n_top
    return round(v_max, 3), math.floor((v_end - END_MARGIN_V) * 100.0) / 100.0


def _design_values(pybamm, pv, m: CompositeMapping, sei_open_share: float | None) -> dict:
    """The geometry, loadings and pore-aware volume changes of the design (every path)."""
    q_nom_Ah = m.reversible_capacity_mAh_cm2 * 1e-3
    g, p, a, beta_g = m.alloy_solid_growth, m.alloy_pore_capacity, m.alloy_elastic_growth, m.graphite_expansion
    share = m.open_surface_share if sei_open_share is None else sei_open_share

    def alloy_dv(sto):
        return alloy_volume_change(sto, g, p, a, minimum=pybamm.minimum, maximum=pybamm.maximum)

    def graphite_dv(sto):
        return graphite_volume_change(sto, beta_g)

    return {
        "Electrode height [m]": 0.01,
        "Electrode width [m]": 0.01,
        "Nominal cell capacity [A.h]": q_nom_Ah,
        "Current function [A]": q_nom_Ah,
        "Lower voltage cut-off [V]": V_MIN,
        "Upper voltage cut-off [V]": V_MAX,
        "Open-circuit voltage at 0% SOC [V]": V_MIN,
        "Open-circuit voltage at 100% SOC [V]": V_MAX,
        # negative electrode
        "Negative electrode thickness [m]": m.anode_thickness_um * 1e-6,
        "Negative electrode porosity": m.electrolyte_porosity,
        "Primary: Negative electrode active material volume fraction": m.graphite_volume_fraction,
        "Secondary: Negative electrode active material volume fraction": m.alloy_volume_fraction,
        "Primary: Maximum concentration in negative electrode [mol.m-3]": m.graphite_max_concentration_mol_m3,
        "Secondary: Maximum concentration in negative electrode [mol.m-3]": m.alloy_max_concentration_mol_m3,
        "Primary: Negative particle radius [m]": m.graphite_radius_um * 1e-6,
        "Secondary: Negative particle radius [m]": m.alloy_radius_um * 1e-6,
        "Primary: Negative electrode volume change": graphite_dv,
        "Secondary: Negative electrode volume change": alloy_dv,
        # partial molar volumes consistent with the linear solid growth (used for stress only)
        "Primary: Negative electrode partial molar volume [m3.mol-1]": beta_g / m.graphite_max_concentration_mol_m3,
        "Secondary: Negative electrode partial molar volume [m3.mol-1]": g / m.alloy_max_concentration_mol_m3,
        "Secondary: SEI reaction exchange current density [A.m-2]": pv[
            "Secondary: SEI reaction exchange current density [A.m-2]"
        ]
        * share,
        # positive electrode
        "Positive electrode thickness [m]": m.cathode_thickness_um * 1e-6,
        "Positive electrode porosity": m.cathode_porosity,
        "Positive electrode active material volume fraction": m.cathode_active_volume_fraction,
    }
