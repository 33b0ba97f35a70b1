"""The chain's energy model (``[cell] energy_model``): voltage curves (``"ocv"``) or averages.

``"ocv"`` (default): the repeat unit's energy is :func:`alloypore.cell.energy.ocv_energy` over
the cyclable window set by both first-cycle efficiencies and the N/P ratio, to the discharge
cut-off ``[cell] discharge_cutoff_V`` (0: none), with

* the cathode's curve (:func:`alloypore.materials.ocv.get_curve`, by the cathode's name),
  moved as a whole to the spec's ``cathode_voltage_V`` when one is given (its mean over the
  rated window then equals that voltage);
* the anode as a blend of every phase with capacity (the particle's phases and the blend
  carbon), each phase's capacity share ``w_c w_i q_i / q_e`` (particle phase ``i``) and
  ``w_g q_g / q_e`` (blend carbon), ``q_e = w_c q_p + w_g q_g``, at one common potential.
  An anode material without a shipped curve (hard carbon, a material the user added) gets a
  labelled PROXY: the straight line ``U(x) = 2 U_avg (1 - x)`` whose mean is the materials
  table's average delithiation potential ``U_avg`` (its energy then equals the average model's
  for that phase; the shape is not measured).  The result's ``cell.energy_basis`` names them.
  A cathode without a curve has no such fallback: one-line error.

``"average"``: ``E = Q (U_c,avg - U_a,avg)`` with the tables' averages (the chain's estimate
before voltage curves; no cut-off).

The cell's reported voltage (``cell.cell_voltage_V``) is ``E / Q_delivered`` of the model used.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from alloypore.cell.energy import ocv_energy
from alloypore.cell.model import EnergyFunction
from alloypore.errors import SpecError
from alloypore.materials import get_material
from alloypore.materials.ocv import VoltageCurve, get_curve, list_curves
from alloypore.particle import PhaseProps

__all__ = ["anode_phase_shares", "cathode_curve", "energy_function", "proxy_curve"]


def cathode_curve(name: str) -> VoltageCurve:
    """The cathode's voltage curve; a one-line SpecError naming ``cell.cathode`` if it has none."""
    names = {c.name for c in list_curves("cathode")}
    if name not in names:
        raise SpecError("cell.cathode", name, f"has no voltage curve for energy_model = \"ocv\" (curves: "
                        f"{', '.join(sorted(names))}); set [cell] energy_model = \"average\" or choose one of these")
    return get_curve(name, field="cell.cathode")


@lru_cache(maxsize=64)
def proxy_curve(material: str, average_V: float) -> VoltageCurve:
    """The labelled straight-line proxy ``U = 2 U_avg (1 - x)`` of an anode material without a curve."""
    return VoltageCurve(
        name=f"{material} (proxy)", material=material, role="anode", x=np.array([0.0, 1.0]),
        U_V=np.array([2.0 * average_V, 0.0]), quality="proxy", branch="proxy",
        source=f"PROXY: straight line with the materials table's average delithiation potential {average_V:g} V "
               f"as its mean; no measured curve is shipped for {material}",
    )


def _anode_curve(material: str, potential_V: float, proxies: list[str]) -> VoltageCurve:
    if material in {c.name for c in list_curves("anode")}:
        return get_curve(material)
    proxies.append(material)
    return proxy_curve(material, float(potential_V))


def anode_phase_shares(props: PhaseProps, phase_fractions: Sequence, composite_fraction, blend_material: str,
                       blend_fraction) -> tuple[list[VoltageCurve], list[np.ndarray], list[str]]:
    """Curves and capacity shares (arrays, sum 1) of the anode's phases with capacity, and the
    materials that got a proxy curve."""
    curves, caps, proxies = [], [], []
    for name, q, u, w in zip(props.names, props.capacity_mAh_g, props.potential_V, phase_fractions):
        if q > 0:
            curves.append(_anode_curve(name, u, proxies))
            caps.append(np.asarray(composite_fraction, dtype=float) * np.asarray(w, dtype=float) * q)
    blend = get_material(blend_material)
    if blend.capacity_mAh_g > 0:
        curves.append(_anode_curve(blend_material, blend.delithiation_potential_V or 0.0, proxies))
        caps.append(np.asarray(blend_fraction, dtype=float) * blend.capacity_mAh_g)
    total = sum(caps)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = [np.where(total > 0, c / np.where(total > 0, total, 1.0), 1.0 / len(caps)) for c in caps]
    return curves, shares, proxies


def energy_function(*, energy_model: str, cathode: str, cathode_voltage_V, anode_curves, anode_shares,
                    discharge_cutoff_V) -> EnergyFunction | None:
    """The repeat unit's energy as a function of its capacities and efficiencies (None: averages)."""
    if energy_model == "average":
        return None
    cat = cathode_curve(cathode)
    shift = 0.0
    if cathode_voltage_V is not None:
        shift = np.asarray(cathode_voltage_V, dtype=float) - float(cat.average())
    if np.ndim(discharge_cutoff_V):
        raise SpecError("cell.discharge_cutoff_V", "(varied)", "one cut-off voltage per run; it cannot be swept")
    v_min = float(discharge_cutoff_V) if discharge_cutoff_V else None

    def energy(q_a, np_ratio, ice_a, ice_c):
        return ocv_energy(cathode=cat, anode=list(anode_curves), anode_phase_fractions=list(anode_shares),
                          anode_capacity_mAh_cm2=q_a, np_ratio=np_ratio, anode_first_cycle_efficiency=ice_a,
                          cathode_first_cycle_efficiency=ice_c, v_min=v_min, cathode_shift_V=shift)

    return energy


