"""PyBaMM ``ParameterValues`` for a designed electrode (two-phase negative: graphite + alloy).

Starts from PyBaMM's shipped ``Bonkile2024`` set (graphite/Si composite with mechanics,
built on Chen et al. 2020 and Ai et al. 2022) and replaces every design-dependent number
by the mapping of :mod:`alloypore.electrochem.mapping`.

The cell is modelled per cm2 of one anode/separator/cathode unit (electrode 1 cm x 1 cm),
so PyBaMM's A.h are mAh/cm2 x 1e-3.

Cathode (NMC811, Chen 2020 OCP): thickness, porosity and active volume fraction come from
the chain; its maximum concentration is set so that the chain's reversible cathode
capacity ``Q_c = Q_a / NP`` spans the stoichiometries from top of charge ``y_c`` (where
``U_p(y_c) = V_max + U_n`` with the anode at the chain's charged lithiation) to 1::

    c_max,p = Q_c / (F eps_p L_p (1 - y_c))

Initial state (top of charge, after formation): the anode holds the chain's cyclable Li
``theta_charged Q_a`` split between graphite and alloy at one potential,
``U_g(x_1) = U_Si(x_2)``, ``Q_g x_1 + Q_alloy x_2 = theta_charged Q_a``.  A discharge then
ends when the anode empties or the cathode fills, i.e. at ``min(Li, Q_c)``, the chain's
reversible capacity.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import numpy as np
from scipy.optimize import brentq

from alloypore.electrochem.mapping import (
    V_MAX,
    V_MIN,
    CompositeMapping,
    alloy_volume_change,
    graphite_volume_change,
)
from alloypore._optional import require
from alloypore.errors import MissingDependencyError  # noqa: F401  (re-exported)
from alloypore.materials import FARADAY_C_MOL

__all__ = ["MissingDependencyError", "require_pybamm", "parameter_values", "initial_stoichiometries", "BASE_SET"]

#: The shipped PyBaMM parameter set the mapping starts from.
BASE_SET = "Bonkile2024"


@contextlib.contextmanager
def _unless_set(name: str, value: str) -> Iterator[None]:
    """Environment variable ``name`` = ``value`` for a block if the user has not set it (restored after)."""
    if name in os.environ:
        yield
        return
    os.environ[name] = value
    try:
        yield
    finally:
        os.environ.pop(name, None)


def require_pybamm():
    """Import PyBaMM; a one-line :class:`MissingDependencyError` if it is not installed.

    On its first import PyBaMM asks on the terminal (for up to 10 s) whether it may send usage
    data, unless ``PYBAMM_DISABLE_TELEMETRY`` is set.  Unless the user set that variable, it is
    set only while PyBaMM is imported (so the import neither asks nor sends) and then removed:
    the process environment is left as it was.
    """
    with _unless_set("PYBAMM_DISABLE_TELEMETRY", "true"):
        return require("pybamm", "cycle", "alloypore cycle")


def _ocp(pv, name: str, x: float) -> float:
    pybamm = require_pybamm()
    return float(np.asarray(pv.evaluate(pv[name](pybamm.Scalar(x)))).ravel()[0])


def initial_stoichiometries(pv, m: CompositeMapping) -> tuple[float, float, float]:
    """(x_graphite, x_alloy, U_n [V]) at top of charge: both phases at one potential.

    Solves ``Q_g x1(U) + Q_a x2(U) = Li`` for the common potential ``U`` by bisection on U,
    with each phase's stoichiometry from inverting its own OCP.
    """

    def inv(name, u):  # OCPs fall with x
        lo, hi = 1e-6, 1.0 - 1e-6
        f = lambda x: _ocp(pv, name, x) - u  # noqa: E731
        if f(lo) < 0:
            return lo
        if f(hi) > 0:
            return hi
        return brentq(f, lo, hi, xtol=1e-10)

    g_name, a_name = "Primary: Negative electrode OCP [V]", "Secondary: Negative electrode OCP [V]"
    li = m.lithium_inventory_mAh_cm2

    def held(u):
        return m.graphite_capacity_mAh_cm2 * inv(g_name, u) + m.alloy_capacity_mAh_cm2 * inv(a_name, u) - li

    u = brentq(held, 0.03, 1.2, xtol=1e-9)
    return inv(g_name, u), inv(a_name, u), u


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
        (``x_graphite``, ``x_alloy``, ``anode_potential_V``, ``y_cathode``).
    """
    pybamm = require_pybamm()
    pv = pybamm.ParameterValues(BASE_SET)
    q_nom_Ah = m.reversible_capacity_mAh_cm2 * 1e-3
    g, p, beta_g = m.alloy_solid_growth, m.alloy_pore_capacity, m.graphite_expansion
    share = m.open_surface_share if sei_open_share is None else sei_open_share

    def alloy_dv(sto):
        return alloy_volume_change(sto, g, p, minimum=pybamm.minimum)

    def graphite_dv(sto):
        return graphite_volume_change(sto, beta_g)

    pv.update(
        {
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
    )
    x1, x2, u_n = initial_stoichiometries(pv, m)
    pybamm_ = pybamm
    y_c = brentq(lambda y: _ocp_p(pv, pybamm_, y) - (V_MAX + u_n), 0.05, 0.95, xtol=1e-10)
    cmax_p = m.cathode_capacity_mAh_cm2 * 3.6 * 1e4 / (
        FARADAY_C_MOL * m.cathode_active_volume_fraction * m.cathode_thickness_um * 1e-6 * (1.0 - y_c)
    )
    pv.update(
        {
            "Maximum concentration in positive electrode [mol.m-3]": cmax_p,
            "Initial concentration in positive electrode [mol.m-3]": y_c * cmax_p,
            "Primary: Initial concentration in negative electrode [mol.m-3]": x1 * m.graphite_max_concentration_mol_m3,
            "Secondary: Initial concentration in negative electrode [mol.m-3]": x2 * m.alloy_max_concentration_mol_m3,
        }
    )
    return pv, {"x_graphite": x1, "x_alloy": x2, "anode_potential_V": u_n, "y_cathode": y_c}


def _ocp_p(pv, pybamm, y):
    return float(np.asarray(pv.evaluate(pv["Positive electrode OCP [V]"](pybamm.Scalar(y)))).ravel()[0])
