"""The parameter set ``alloypore cycle`` builds, written as a BPX file (Battery Parameter eXchange).

BPX (https://bpxstandard.com) is the JSON format PyBaMM, PyBOP and other DFN/SPM tools exchange
parameter sets in; PyBaMM reads it with ``pybamm.ParameterValues.create_from_bpx``.  This
module turns the PyBaMM ``ParameterValues`` of a designed electrode
(:func:`alloypore.electrochem.parameters.parameter_values`: graphite + alloy in one negative
electrode, NMC811 positive) into a BPX object and checks it with the ``bpx`` package's own
schema (:func:`bpx.parse_bpx_obj`) before writing.

How PyBaMM's functions become BPX values (all at the reference temperature, 298.15 K):

* open-circuit potentials ``U(x)``, particle diffusivities ``D(x)``: tables over the
  stoichiometry (:data:`N_TABLE` points, clustered at both ends where the OCPs are steep);
* electrolyte conductivity and diffusivity ``f(c_e)``: tables over 50-4000 mol/m3;
* exchange-current densities: BPX's ``j0 = F k sqrt((c_e/c_e0)(c/c_max)(1 - c/c_max))``, so
  ``k = j0(c_e0, c_max/2) / (F/2)`` from PyBaMM's function (checked to be of that form at a
  second point: a function that is not is refused rather than exported wrong);
* activation energies: 0 (the tables are at the reference temperature; ``cycle`` is isothermal);
* transport efficiency: ``porosity ** Bruggeman``; solid conductivities as they are (PyBaMM's
  Bruggeman exponent for the solid is 0, as BPX assumes);
* the blended negative electrode: ``"Particle": {"Primary": graphite, "Secondary": alloy}``;
  stoichiometry limits: maximum = top of charge (the initial state of ``cycle``), minimum =
  both phases at one potential holding what is left after a full discharge (for the positive
  electrode: minimum = top of charge, maximum = where the chain's cathode capacity is taken up);
* what BPX has no field for but ``cycle``'s swelling and SEI models need (the volume-change
  curves of each phase, as tables; moduli, Poisson's ratios, partial molar volumes, the SEI
  parameters, the open-circuit voltages at 0 % and 100 % SOC) goes to ``"User-defined"``
  (:data:`USER_DEFINED_KEYS`), so the reloaded set runs ``cycle``'s own model options.

PyBaMM's citations for the parameter sets used are written in the header's ``References``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from scipy.optimize import brentq

from alloypore._io import atomic_write_text
from alloypore._optional import require
from alloypore.electrochem.mapping import CompositeMapping
from alloypore.electrochem.parameters import BASE_SET, parameter_values, require_pybamm
from alloypore.errors import InputError

__all__ = ["BPX_VERSION", "N_TABLE", "USER_DEFINED_KEYS", "bpx_object", "references", "write_bpx"]

#: BPX format version written
BPX_VERSION = "1.0.0"
#: points of each stoichiometry table
N_TABLE = 401
_BIB_FIELD = r"\b{field}\s*=\s*[{{\"](.+?)[}}\"]\s*,?\s*$"


def references(pybamm) -> str:
    """The citations of PyBaMM's ``BASE_SET`` (its own list), each as "First author et al., journal, year"."""
    keys = list(pybamm.parameter_sets[BASE_SET].get("citations", [BASE_SET]))
    bib = (Path(pybamm.__path__[0]) / "CITATIONS.bib").read_text(encoding="utf-8")
    out = []
    for key in keys:
        m = re.search(r"@\w+\{" + re.escape(key) + r",(.*?)\n\}", bib, flags=re.S)
        if m is None:
            out.append(key)
            continue
        entry = m.group(1)
        fields = {}
        for name in ("author", "journal", "year"):
            f = re.search(_BIB_FIELD.format(field=name), entry, flags=re.M)
            fields[name] = f.group(1).strip("{} ") if f else ""
        first = fields["author"].split(" and ")[0].replace("{'}", "'").strip("{} ")
        first = first.split(",")[0] if "," in first else first.split()[-1]  # "Last, First" or "First Last"
        out.append(f"{first} et al., {fields['journal']}, {fields['year']} [{key}]".replace(", ,", ","))
    return f"PyBaMM parameter set {BASE_SET}: " + "; ".join(out) + "; design mapping: alloypore"


_NEG = ("Primary: ", "Secondary: ")
_C_E_TABLE = np.linspace(50.0, 4000.0, 80)


def _sto_grid(n: int = N_TABLE) -> np.ndarray:
    """Stoichiometries in (0, 1), clustered at both ends (cosine spacing)."""
    s = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n))
    return np.clip(s, 1e-6, 1.0 - 1e-6)


class _Evaluator:
    """Evaluate PyBaMM parameter functions on numpy arrays."""

    def __init__(self, pv, pybamm):
        self.pv, self.pybamm = pv, pybamm
        self.T = float(pv["Reference temperature [K]"])

    def _eval(self, expr, n: int) -> np.ndarray:
        value = np.asarray(self.pv.evaluate(expr), dtype=float).ravel()
        return np.broadcast_to(value, (n,)).copy() if value.size == 1 else value

    def table(self, name: str, x: np.ndarray, *extra) -> dict:
        """``{"x": x, "y": f(x, *extra)}`` of parameter ``name`` (a number gives a flat table)."""
        f = self.pv[name]
        if not callable(f):
            return {"x": x.tolist(), "y": [float(f)] * x.size}
        pb = self.pybamm
        args = [pb.Vector(x)] + [pb.Scalar(a) for a in extra]
        return {"x": x.tolist(), "y": self._eval(f(*args), x.size).tolist()}

    def scalar(self, name: str, *args) -> float:
        f = self.pv[name]
        if not callable(f):
            return float(f)
        return float(self._eval(f(*[self.pybamm.Scalar(a) for a in args]), 1)[0])


def _rate_constant(ev: _Evaluator, name: str, c_max: float, c_e0: float) -> float:
    """BPX reaction rate constant k [mol m-2 s-1] of PyBaMM's exchange-current function ``name``."""
    F = ev.pybamm.constants.F.value
    j_half = ev.scalar(name, c_e0, 0.5 * c_max, c_max, ev.T)
    k = j_half / (F * 0.5)
    # the same k must give j0 at another state, or the function is not of BPX's form
    x, ce = 0.2, 0.6 * c_e0
    expected = F * k * np.sqrt((ce / c_e0) * x * (1 - x))
    got = ev.scalar(name, ce, x * c_max, c_max, ev.T)
    if not np.isclose(got, expected, rtol=1e-6):
        raise InputError("--bpx", name, "an exchange-current density of the form k sqrt(c_e c (c_max - c))")
    return k


def _particle(ev: _Evaluator, prefix: str, domain: str, vol_frac: float, sto_min: float, sto_max: float,
              c_e0: float) -> dict:
    """One BPX ``Particle`` (or the particle fields of a single-phase electrode)."""
    short = "Negative" if domain == "negative" else "Positive"
    c_max = float(ev.pv[f"{prefix}Maximum concentration in {domain} electrode [mol.m-3]"])
    radius = float(ev.pv[f"{prefix}{short} particle radius [m]"])
    sto = _sto_grid()
    return {
        "Minimum stoichiometry": float(sto_min),
        "Maximum stoichiometry": float(sto_max),
        "Maximum concentration [mol.m-3]": c_max,
        "Particle radius [m]": radius,
        "Surface area per unit volume [m-1]": 3.0 * vol_frac / radius,
        "Diffusivity [m2.s-1]": ev.table(f"{prefix}{short} particle diffusivity [m2.s-1]", sto, ev.T),
        "Diffusivity activation energy [J.mol-1]": 0.0,
        "OCP [V]": ev.table(f"{prefix}{short} electrode OCP [V]", sto),
        "Entropic change coefficient [V.K-1]": 0.0,
        "Reaction rate constant [mol.m-2.s-1]": _rate_constant(
            ev, f"{prefix}{short} electrode exchange-current density [A.m-2]", c_max, c_e0),
        "Reaction rate constant activation energy [J.mol-1]": 0.0,
    }


def _common_potential_stoichiometries(ev: _Evaluator, m: CompositeMapping, held_mAh_cm2: float) -> tuple[float, float]:
    """Graphite and alloy stoichiometries at one potential holding ``held_mAh_cm2`` (tables, linear)."""
    sto = _sto_grid()
    u_g = np.asarray(ev.table("Primary: Negative electrode OCP [V]", sto)["y"])
    u_a = np.asarray(ev.table("Secondary: Negative electrode OCP [V]", sto)["y"])

    def x_at(u_table, u):  # OCPs fall with x
        return float(np.interp(-u, -u_table, sto))

    def held(u):
        return m.graphite_capacity_mAh_cm2 * x_at(u_g, u) + m.alloy_capacity_mAh_cm2 * x_at(u_a, u) - held_mAh_cm2

    lo, hi = float(max(u_g.min(), u_a.min())), float(min(u_g.max(), u_a.max()))
    if held(hi) >= 0:  # (almost) nothing left: both phases at their emptiest tabulated state
        return float(sto[0]), float(sto[0])
    u = brentq(held, lo, hi, xtol=1e-9)
    return x_at(u_g, u), x_at(u_a, u)


def _electrodes(ev: _Evaluator, m: CompositeMapping, init: dict, c_e0: float) -> tuple[dict, dict]:
    pv = ev.pv
    left = max(m.lithium_inventory_mAh_cm2 - m.cathode_capacity_mAh_cm2, 0.0)
    x1_min, x2_min = _common_potential_stoichiometries(ev, m, left)
    phases = {}
    for name, prefix, x_min, x_max in (("Primary", _NEG[0], x1_min, init["x_graphite"]),
                                       ("Secondary", _NEG[1], x2_min, init["x_alloy"])):
        vf = float(pv[f"{prefix}Negative electrode active material volume fraction"])
        phases[name] = _particle(ev, prefix, "negative", vf, x_min, x_max, c_e0)
    neg = {
        "Thickness [m]": float(pv["Negative electrode thickness [m]"]),
        "Porosity": float(pv["Negative electrode porosity"]),
        "Transport efficiency": _transport(pv, "Negative electrode"),
        "Conductivity [S.m-1]": float(pv["Negative electrode conductivity [S.m-1]"]),
        "Particle": phases,
    }
    pos = {
        "Thickness [m]": float(pv["Positive electrode thickness [m]"]),
        "Porosity": float(pv["Positive electrode porosity"]),
        "Transport efficiency": _transport(pv, "Positive electrode"),
        "Conductivity [S.m-1]": float(pv["Positive electrode conductivity [S.m-1]"]),
        **_particle(ev, "", "positive", float(pv["Positive electrode active material volume fraction"]),
                    init["y_cathode"], _positive_full(ev, m, init["y_cathode"]), c_e0),
    }
    return neg, pos


def _positive_full(ev: _Evaluator, m: CompositeMapping, y_top: float) -> float:
    """Stoichiometry of the positive electrode when the chain's cathode capacity has been taken up."""
    pv = ev.pv
    F = ev.pybamm.constants.F.value
    span = m.cathode_capacity_mAh_cm2 * 3.6e4 / (
        F * float(pv["Positive electrode active material volume fraction"]) * float(pv["Positive electrode thickness [m]"])
        * float(pv["Maximum concentration in positive electrode [mol.m-3]"]))
    return min(y_top + span, 1.0 - 1e-6)


def _transport(pv, domain: str) -> float:
    return float(pv[f"{domain} porosity"]) ** float(pv[f"{domain} Bruggeman coefficient (electrolyte)"])


#: scalar PyBaMM parameters BPX has no field for, exported as "User-defined" (name contains one)
USER_DEFINED_KEYS = (
    "Young's modulus", "Poisson's ratio", "reference concentration for free of deformation", "partial molar volume",
    "SEI", "Open-circuit voltage at",
)


def _user_defined(ev: _Evaluator) -> dict:
    """What the swelling and SEI models of ``cycle`` need and BPX has no field for."""
    sto = _sto_grid()
    out = {}
    for name, value in sorted(ev.pv.items()):
        if any(k in name for k in USER_DEFINED_KEYS) and isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = float(value)
    for prefix in (*_NEG, ""):
        name = f"{prefix}{'Negative' if prefix else 'Positive'} electrode volume change"
        out[name] = ev.table(name, sto)
    return out


def bpx_object(m: CompositeMapping, *, title: str = "alloypore design") -> dict:
    """The BPX object (JSON-ready dict) of the parameter set ``cycle`` builds for mapping ``m``.

    Validated by the ``bpx`` package (:func:`bpx.parse_bpx_obj`); a failure is a bug here, raised.
    """
    pybamm = require_pybamm()
    bpx = require("bpx", "cycle", "alloypore cycle --bpx")
    pv, init = parameter_values(m)
    ev = _Evaluator(pv, pybamm)
    c_e0 = float(pv["Initial concentration in electrolyte [mol.m-3]"])
    neg, pos = _electrodes(ev, m, init, c_e0)
    area = float(pv["Electrode height [m]"] * pv["Electrode width [m]"])
    thickness = sum(float(pv[f"{d} thickness [m]"]) for d in ("Negative electrode", "Separator", "Positive electrode"))
    obj = {
        "Header": {
            "BPX": BPX_VERSION,
            "Title": title,
            "Description": (f"alloypore: designed two-phase negative electrode (graphite + alloy) vs NMC811, per cm2 of "
                            f"one electrode pair; built on PyBaMM's {BASE_SET} set; tables at {ev.T} K"),
            "References": references(pybamm),
            "Model": "DFN",  # the full set (electrolyte, separator): valid for SPM, SPMe and DFN
        },
        "Parameterisation": {
            "Cell": {
                "Electrode area [m2]": area,
                "External surface area [m2]": 2.0 * area,
                "Volume [m3]": area * thickness,
                "Number of electrode pairs connected in parallel to make a cell": 1,
                "Lower voltage cut-off [V]": float(pv["Lower voltage cut-off [V]"]),
                "Upper voltage cut-off [V]": float(pv["Upper voltage cut-off [V]"]),
                "Nominal cell capacity [A.h]": float(pv["Nominal cell capacity [A.h]"]),
                "Reference temperature [K]": ev.T,
            },
            "Electrolyte": {
                "Cation transference number": float(pv["Cation transference number"]),
                "Diffusivity [m2.s-1]": ev.table("Electrolyte diffusivity [m2.s-1]", _C_E_TABLE, ev.T),
                "Diffusivity activation energy [J.mol-1]": 0.0,
                "Conductivity [S.m-1]": ev.table("Electrolyte conductivity [S.m-1]", _C_E_TABLE, ev.T),
                "Conductivity activation energy [J.mol-1]": 0.0,
            },
            "Negative electrode": neg,
            "Positive electrode": pos,
            "Separator": {
                "Thickness [m]": float(pv["Separator thickness [m]"]),
                "Porosity": float(pv["Separator porosity"]),
                "Transport efficiency": _transport(pv, "Separator"),
            },
            "User-defined": _user_defined(ev),
        },
        "State": {
            "Initial conditions": {
                "Initial temperature [K]": float(pv["Initial temperature [K]"]),
                "Initial electrolyte concentration [mol.m-3]": c_e0,
            },
            "Thermal environment": {"Ambient temperature [K]": float(pv["Ambient temperature [K]"])},
        },
    }
    bpx.parse_bpx_obj(json.loads(json.dumps(obj)))  # the bpx package's own validation
    return obj


def write_bpx(m: CompositeMapping, path: str | Path, *, title: str = "alloypore design") -> Path:
    """Write :func:`bpx_object` of ``m`` as JSON to ``path`` (atomically); returns the path."""
    obj = bpx_object(m, title=title)
    return atomic_write_text(path, json.dumps(obj, indent=1, allow_nan=False) + "\n")
