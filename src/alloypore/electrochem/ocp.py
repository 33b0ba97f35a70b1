"""Open-circuit potentials of the cycling model: which PyBaMM function or shipped curve, and its source.

Every anode host, blend carbon and cathode with a voltage curve in :mod:`alloypore.materials.ocv`
can be cycled.  Where PyBaMM ships a cited parameter set with the material's OCP, that function
is used (its citation is registered by loading the set); otherwise the shipped curve becomes a
``pybamm.Interpolant``.  Stoichiometry conventions (``docs/electrochem.md``):

* negative, alloy ("Secondary") phase: ``c/c_max = theta``, the chain's lithiation fraction, so the
  shipped curves (``x`` = capacity fraction of lithiation) are used as they are;
* cathode: ``c/c_max = y_top + x (y_bottom - y_top)`` with ``x`` the fraction of the cathode
  table's rated capacity (``x = 0`` top of the rated window); for a PyBaMM function,
  ``(y_top, y_bottom)`` is the curve's ``native_range`` (the set's own stoichiometries at the rated
  window's ends, recorded with the curve); for a shipped curve :data:`CURVE_CATHODE_RANGE`
  (0.05, 0.95): the exchange current ``~ sqrt(c (c_max - c))`` of the kinetics must not vanish at
  the top of charge.

An anode curve's last ``ANODE_TAIL`` (0.5 %) of capacity falls linearly to 0 V vs Li (the end of
lithiation before plating): a host whose table ends on a plateau above the blend carbon's potential
(Sn 0.378 V, Sb 0.946 V, Al 0.298 V) can then share one potential with the graphite at the top of
charge inside its capacity (``x < 1``), as the chain's initial state needs.

Outside the rated window every curve continues as a steep wall, ``WALL_V_PER_X`` volts per unit
of ``x`` (up on the delithiated side, down on the lithiated side), so that a discharge ends
where the chain says the window ends (the cathode full, or the anode empty) at any cut-off
below the window's end voltage; a PyBaMM function is evaluated at the clipped stoichiometry
and the wall added.

The NMC811 + Si + graphite cell keeps the path it always had (:data:`LEGACY_CELL`): Bonkile2024's
functions, cut-offs 2.5/4.2 V and the cathode window set from the upper cut-off (see
:mod:`alloypore.electrochem.parameters`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from alloypore.electrochem._pybamm import require_pybamm
from alloypore.errors import SpecError
from alloypore.materials import get_material
from alloypore.materials.ocv import VoltageCurve, list_curves

__all__ = [
    "WALL_V_PER_X",
    "CURVE_CATHODE_RANGE",
    "ANODE_TAIL",
    "PARAMETER_SET_CATHODES",
    "LEGACY_CELL",
    "OcpChoice",
    "alloy_hosts",
    "blend_carbons",
    "cathodes",
    "negative_ocp",
    "positive_ocp",
    "walled_interpolant",
]

#: Slope of the walls beyond a curve's range [V per unit capacity fraction].
WALL_V_PER_X = 100.0
#: Share of an anode curve's capacity over which its end of lithiation falls to 0 V.
ANODE_TAIL = 0.005
#: Stoichiometries of a shipped cathode curve's x = 0 and x = 1 in the cycling model.
CURVE_CATHODE_RANGE = (0.05, 0.95)
#: Cathodes whose OCP (and particle kinetics) come from a PyBaMM parameter set: name -> (set, source).
PARAMETER_SET_CATHODES = {
    "NMC811": ("Chen2020", "PyBaMM Chen2020, nmc_LGM50_ocp_Chen2020 (Chen et al., J. Electrochem. Soc. 167 (2020) 080534)"),
    "NCA": ("NCA_Kim2011", "PyBaMM NCA_Kim2011, nca_ocp_Kim2011 (Kim et al., J. Electrochem. Soc. 158 (2011) A955)"),
    "LCO": ("Ai2020", "PyBaMM Ai2020, lico2_ocp_Ai2020 (Ai et al., J. Electrochem. Soc. 167 (2020) 013512)"),
    "LFP": ("Prada2013", "PyBaMM Prada2013, LFP_ocp_Afshar2017 (Prada et al., J. Electrochem. Soc. 160 (2013) A616)"),
}
#: The cell cycled exactly as before the other hosts and cathodes existed: (alloy, blend, cathode).
LEGACY_CELL = ("Si", "graphite", "NMC811")
_SET_KEYS = ("Positive electrode OCP [V]", "Positive particle radius [m]", "Positive particle diffusivity [m2.s-1]",
             "Positive electrode exchange-current density [A.m-2]")


@dataclass(frozen=True)
class OcpChoice:
    """One electrode phase's OCP for PyBaMM: the function of stoichiometry and where it comes from."""

    material: str
    source: str
    function: Callable  # sto -> pybamm expression
    curve: VoltageCurve  # the shipped curve (for windows and hand checks)
    native_range: tuple[float, float] = (0.0, 1.0)  # stoichiometry at x = 0 and x = 1
    extra: dict | None = None  # further parameter values of the set (cathode radius, kinetics)


def _curve_names(role: str) -> dict[str, VoltageCurve]:
    return {c.name: c for c in list_curves(role)}


def alloy_hosts() -> tuple[str, ...]:
    """Alloy hosts with an anode curve (the "Secondary" phase of the cycling model)."""
    names = _curve_names("anode")
    return tuple(n for n in names if _kind(n) == "alloy")


def blend_carbons() -> tuple[str, ...]:
    """Blend carbons with an anode curve (the "Primary" phase)."""
    names = _curve_names("anode")
    return tuple(n for n in names if _kind(n) == "carbon")


def cathodes() -> tuple[str, ...]:
    """Cathodes with a curve."""
    return tuple(_curve_names("cathode"))


def _kind(name: str) -> str | None:
    try:
        return get_material(name).kind
    except SpecError:
        return None


def walled_interpolant(curve: VoltageCurve, *, role: str, name: str, sto_range: tuple[float, float] = (0.0, 1.0),
                       n: int = 401):
    """``sto -> pybamm.Interpolant`` of ``curve`` with ``x = 0, 1`` at ``sto_range``, plus walls.

    Both roles fall with ``x``: the wall rises by ``WALL_V_PER_X`` per unit of ``x`` below ``x = 0``
    and falls beyond ``x = 1``, out to ``x = -0.05`` and ``1.05``.
    """
    pybamm = require_pybamm()
    lo, hi = sto_range
    x = np.union1d(np.linspace(0.0, 1.0, n), curve.x)
    u = curve.potential(x)
    if role == "anode":  # the end of lithiation falls to 0 V over the last ANODE_TAIL of capacity
        x = np.union1d(x[x < 1.0 - ANODE_TAIL], [1.0 - ANODE_TAIL, 1.0])
        u = curve.potential(x)
        u[-1] = min(u[-1], 0.0)
    x_ext = np.concatenate([[-0.05], x, [1.05]])
    u_ext = np.concatenate([[u[0] + 0.05 * WALL_V_PER_X], u, [u[-1] - 0.05 * WALL_V_PER_X]])
    sto = lo + x_ext * (hi - lo)

    def ocp(sto_):
        return pybamm.Interpolant(sto, u_ext, sto_, name=f"{name} OCP ({role})", interpolator="linear")

    return ocp


def _walled_function(f, lo: float, hi: float):
    """A PyBaMM OCP function of the set's stoichiometry, clipped to ``[lo, hi]`` plus walls."""
    pybamm = require_pybamm()
    slope = WALL_V_PER_X / (hi - lo)

    def ocp(sto):
        inside = pybamm.minimum(pybamm.maximum(sto, lo), hi)
        return f(inside) + slope * pybamm.maximum(lo - sto, 0.0) - slope * pybamm.maximum(sto - hi, 0.0)

    return ocp


def negative_ocp(material: str, *, field: str) -> OcpChoice:
    """The OCP of an anode phase (shipped curve as an Interpolant); one-line SpecError if none."""
    curves = _curve_names("anode")
    if material not in curves:
        have = ", ".join(sorted(alloy_hosts() + blend_carbons()))
        raise SpecError(field, material, f"no voltage curve for the cycling model; allowed: {have}")
    c = curves[material]
    return OcpChoice(material, f"{c.source} [{c.quality}]", walled_interpolant(c, role="anode", name=material), c)


def positive_ocp(cathode: str, *, field: str = "cell.cathode") -> OcpChoice:
    """The cathode's OCP: PyBaMM's own function where a set exists, else the shipped curve."""
    curves = _curve_names("cathode")
    if cathode not in curves:
        raise SpecError(field, cathode, f"no voltage curve for the cycling model; allowed: {', '.join(curves)}")
    c = curves[cathode]
    if cathode not in PARAMETER_SET_CATHODES:
        fn = walled_interpolant(c, role="cathode", name=cathode, sto_range=CURVE_CATHODE_RANGE)
        return OcpChoice(cathode, f"{c.source} [{c.quality}]", fn, c, CURVE_CATHODE_RANGE)
    pybamm = require_pybamm()
    set_name, source = PARAMETER_SET_CATHODES[cathode]
    pv = pybamm.ParameterValues(set_name)  # registers the set's citations
    lo, hi = c.native_range
    extra = {k: pv[k] for k in _SET_KEYS[1:]}
    return OcpChoice(cathode, source, _walled_function(pv[_SET_KEYS[0]], lo, hi), c, (lo, hi), extra)
