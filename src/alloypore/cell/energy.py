"""Cell energy from open-circuit voltage curves (``energy_model = "ocv"``) or averages (``"average"``).

Per cm2 of one repeat unit, with the chain's conventions (:mod:`alloypore.cell.model`)::

    Q_c   = Q_a / NP                      cathode reversible capacity (its rated window, x_c in [0, 1])
    C_1   = Q_c / ICE_c                   Li the cathode gives on the first charge
    L_irr = Q_a (1/ICE_a - 1)             Li the anode keeps on the first cycle (SEI...)
    Li    = C_1 - L_irr                   cyclable Li after formation
    Q     = min(Li, Q_c)                  reversible capacity; the anode limits when Li < Q_c
                                          (it empties first), else the cathode (it is full)

Windows.  Top of charge: the anode holds ``Li`` (``x_a = Li / Q_a``; > 1 means plating: the
plated lithium strips first, at 0 V vs Li, then the anode delithiates) and the cathode sits at the top of its rated window
(``x_c = 0``; its first-cycle loss is the part of the pristine cathode that cannot be refilled).
A discharge of ``q`` moves the anode to ``x_a = Li/Q_a - q/Q_a`` and the cathode to
``x_c = q/Q_c``; it ends at ``q = Q``.

Energy::

    E = int_0^Q [ U_c(q / Q_c) - U_a(Li/Q_a - q/Q_a) ] dq      (mWh/cm2 for mAh/cm2 and V)

on a fixed grid of ``n_points`` (trapezoid rule; exact when both curves are straight lines),
vectorised over designs (all inputs broadcast; the grid is a trailing axis).  A blended anode
takes the common potential of its phases (:func:`alloypore.materials.ocv.blend_potential`).

Optionally (``v_min``) the discharge stops where the cell voltage ``U_c - U_a`` (which falls
monotonically with ``q``) first drops below a cut-off; the crossing is interpolated on the
grid and the energy integrated again up to it.  Without it the integral runs over the whole
cyclable window, consistent with the chain's capacity ``Q``; an anode-limited cell then ends
on the steep rise of the emptied anode.

The average model reproduces the chain's estimate ``E = Q (U_c,avg - U_a,avg)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np

from alloypore.errors import InputError
from alloypore.materials.ocv import VoltageCurve, blend_potential, get_curve

__all__ = ["CellWindows", "CellEnergy", "cell_windows", "window_energy", "ocv_energy", "average_energy"]

CurveLike = Union[VoltageCurve, str]
#: Default number of quadrature points over the discharge.
N_POINTS = 201


@dataclass(frozen=True)
class CellWindows:
    """Where each electrode starts (top of charge) and ends (end of discharge); arrays."""

    capacity_mAh_cm2: np.ndarray  # Q, reversible
    cathode_capacity_mAh_cm2: np.ndarray  # Q_c
    cyclable_lithium_mAh_cm2: np.ndarray  # Li
    anode_x_charged: np.ndarray  # Li / Q_a (> 1: plating)
    anode_x_discharged: np.ndarray
    cathode_x_charged: np.ndarray  # 0
    cathode_x_discharged: np.ndarray  # Q / Q_c
    anode_limited: np.ndarray  # bool: the anode empties first (Li < Q_c)
    plating_free: np.ndarray  # bool: anode_x_charged <= 1

    @property
    def limiting_electrode(self) -> np.ndarray:
        """``"anode"`` or ``"cathode"`` per design."""
        return np.where(self.anode_limited, "anode", "cathode")


@dataclass(frozen=True)
class CellEnergy:
    """Energy per cm2 of a repeat unit, its average voltage and the windows."""

    energy_mWh_cm2: np.ndarray
    capacity_mAh_cm2: np.ndarray  # delivered: Q, or the capacity to the cut-off voltage
    average_voltage_V: np.ndarray
    windows: CellWindows
    model: str


def _pos(name: str, value, *, upper: float | None = None) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr <= 0)
    if upper is not None:
        bad |= arr > upper
    if np.any(bad):
        first = arr[bad].ravel()[0] if arr.ndim else float(arr)
        rng = f"0 < {name.rsplit('.', 1)[-1]}" + (f" <= {upper:g}" if upper is not None else "")
        raise InputError(name, float(first), f"allowed {rng}")
    return arr


def cell_windows(*, anode_capacity_mAh_cm2, np_ratio, anode_first_cycle_efficiency,
                 cathode_first_cycle_efficiency) -> CellWindows:
    """First-cycle losses and N/P ratio -> each electrode's cyclable window (module docstring)."""
    q_a = _pos("cell.anode_capacity_mAh_cm2", anode_capacity_mAh_cm2)
    npr = _pos("cell.np_ratio", np_ratio)
    ice_a = _pos("particle.first_cycle_efficiency", anode_first_cycle_efficiency, upper=1.0)
    ice_c = _pos("cell.cathode_first_cycle_efficiency", cathode_first_cycle_efficiency, upper=1.0)
    q_c = q_a / npr
    li = q_c / ice_c - q_a * (1.0 / ice_a - 1.0)
    q = np.clip(np.minimum(li, q_c), 0.0, None)
    x_top = np.clip(li, 0.0, None) / q_a
    return CellWindows(
        capacity_mAh_cm2=q,
        cathode_capacity_mAh_cm2=q_c,
        cyclable_lithium_mAh_cm2=li,
        anode_x_charged=x_top,
        anode_x_discharged=x_top - q / q_a,
        cathode_x_charged=np.zeros_like(q),
        cathode_x_discharged=q / q_c,
        anode_limited=li < q_c,
        plating_free=x_top <= 1.0 + 1e-12,
    )


def _anode_potential(anode, fractions, q_a, x):
    """Anode potential at total fraction ``x`` (single curve, or blend of curves with shares)."""
    if isinstance(anode, VoltageCurve):
        return anode.potential(x)
    caps = [np.asarray(f, dtype=float)[..., None] * q_a[..., None] for f in fractions]
    return blend_potential(anode, caps, np.clip(x, 0.0, 1.0)).potential_V


def _resolve_anode(anode, fractions):
    if isinstance(anode, (VoltageCurve, str)):
        if fractions is not None:
            raise InputError("cell.anode_phase_fractions", "given", "only for a blended anode (a list of curves)")
        return get_curve(anode, field="particle.material"), None
    curves = [get_curve(c, field="particle.material") for c in anode]
    if fractions is None or len(fractions) != len(curves):
        raise InputError("cell.anode_phase_fractions", None if fractions is None else len(fractions),
                         f"a blended anode needs one capacity share per phase ({len(curves)})")
    shares = [np.asarray(f, dtype=float) for f in fractions]
    total = sum(shares)
    if any(np.any(s < 0) for s in shares) or np.any(np.abs(total - 1.0) > 1e-9):
        raise InputError("cell.anode_phase_fractions", "sum != 1", "shares must be >= 0 and add up to 1")
    return curves, shares


def _cell_voltage(cat, an, shares, q_a, q_c, xa0, xc0, dq, shift=0.0):
    """``U_c(x_c0 + q/Q_c) + shift - U_a(x_a0 - q/Q_a)`` on the grid ``dq`` (..., n)."""
    x_c = xc0[..., None] + dq / q_c[..., None]
    x_a = xa0[..., None] - dq / q_a[..., None]
    u_a = np.where(x_a > 1.0, 0.0, _anode_potential(an, shares, q_a, x_a))  # plated Li strips first, at 0 V
    return cat.potential(x_c) + np.asarray(shift, dtype=float)[..., None] - u_a


def _cutoff(q, volt, s, v_min):
    """Charge at which the (falling) cell voltage first crosses ``v_min`` (``q`` if it never does)."""
    below = volt < v_min
    k = np.argmax(below, axis=-1)  # first point below
    hit = np.any(below, axis=-1)
    k1 = np.clip(k, 1, s.size - 1)
    v1 = np.take_along_axis(volt, (k1 - 1)[..., None], -1)[..., 0]
    v2 = np.take_along_axis(volt, k1[..., None], -1)[..., 0]
    frac = np.where(v1 > v2, (v1 - v_min) / np.where(v1 > v2, v1 - v2, 1.0), 0.0)
    s_cut = np.where(k == 0, 0.0, s[k1 - 1] + np.clip(frac, 0.0, 1.0) * (s[k1] - s[k1 - 1]))
    return np.where(hit, s_cut * q, q)


def window_energy(*, cathode: CurveLike, anode: CurveLike | Sequence[CurveLike], capacity_mAh_cm2,
                  anode_capacity_mAh_cm2, cathode_capacity_mAh_cm2, anode_x_start, cathode_x_start=0.0,
                  anode_phase_fractions=None, n_points: int = N_POINTS, v_min: float | None = None,
                  cathode_shift_V=0.0):
    """``int_0^Q [U_c(x_c0 + q/Q_c) - U_a(x_a0 - q/Q_a)] dq`` on ``n_points`` (mWh/cm2; arrays).

    The windows are given explicitly (e.g. a parameter set's stoichiometry limits); units of
    the capacities are free (mAh/cm2 -> mWh/cm2, mAh -> mWh).  With ``v_min`` the discharge
    stops where the cell voltage first falls below it, and ``(energy, capacity to the cut-off)``
    is returned instead of the energy alone.  ``cathode_shift_V`` (array_like) moves the whole
    cathode curve up or down (a given cathode average voltage; see the chain).
    """
    if int(n_points) < 2:
        raise InputError("energy.n_points", n_points, "allowed n_points >= 2")
    cat = get_curve(cathode, field="cell.cathode")
    an, shares = _resolve_anode(anode, anode_phase_fractions)
    q = np.asarray(capacity_mAh_cm2, dtype=float)
    q_a = _pos("cell.anode_capacity_mAh_cm2", anode_capacity_mAh_cm2)
    q_c = _pos("cell.cathode_capacity_mAh_cm2", cathode_capacity_mAh_cm2)
    xa0 = np.asarray(anode_x_start, dtype=float)
    xc0 = np.asarray(cathode_x_start, dtype=float)
    shift = np.asarray(cathode_shift_V, dtype=float)
    q, q_a, q_c, xa0, xc0, shift = np.broadcast_arrays(q, q_a, q_c, xa0, xc0, shift)
    s = np.linspace(0.0, 1.0, int(n_points))
    volt = _cell_voltage(cat, an, shares, q_a, q_c, xa0, xc0, q[..., None] * s, shift)
    if v_min is None:
        return np.trapezoid(volt, s, axis=-1) * q
    q_cut = _cutoff(q, volt, s, float(v_min))
    volt = _cell_voltage(cat, an, shares, q_a, q_c, xa0, xc0, q_cut[..., None] * s, shift)
    return np.trapezoid(volt, s, axis=-1) * q_cut, q_cut


def ocv_energy(*, cathode: CurveLike, anode: CurveLike | Sequence[CurveLike], anode_capacity_mAh_cm2, np_ratio,
               anode_first_cycle_efficiency, cathode_first_cycle_efficiency, anode_phase_fractions=None,
               n_points: int = N_POINTS, v_min: float | None = None, cathode_shift_V=0.0) -> CellEnergy:
    """Energy of one repeat unit from the voltage curves over the cyclable window.

    Parameters
    ----------
    cathode : VoltageCurve or str
        Cathode curve (``x_c`` = fraction of the rated reversible capacity).
    anode : VoltageCurve or str, or a sequence of them
        One curve, or the phases of a blended anode (then ``anode_phase_fractions``).
    anode_capacity_mAh_cm2 : array_like
        Reversible anode capacity ``Q_a`` (the capacity of ``x_a`` from 0 to 1).
    np_ratio : array_like
        ``Q_a / Q_c``.
    anode_first_cycle_efficiency, cathode_first_cycle_efficiency : array_like
        First-cycle (coulombic) efficiencies, in (0, 1].
    anode_phase_fractions : sequence of array_like, optional
        Capacity share of each anode phase (sum 1), broadcast over designs.
    n_points : int
        Quadrature points over the discharge (fixed grid; default 201).
    v_min : float, optional
        Lower cut-off of the cell voltage (V): the discharge stops where the open-circuit cell
        voltage first falls below it.  Default: none, the discharge runs over the whole
        cyclable window ``Q`` (the chain's reversible capacity).
    cathode_shift_V : array_like
        Shift of the whole cathode curve (V); default 0.

    Returns
    -------
    CellEnergy
        ``energy_mWh_cm2``, ``capacity_mAh_cm2`` delivered (``Q``, or less with ``v_min``),
        ``average_voltage_V = E / capacity`` (NaN where it is 0) and the windows.
    """
    w = cell_windows(anode_capacity_mAh_cm2=anode_capacity_mAh_cm2, np_ratio=np_ratio,
                     anode_first_cycle_efficiency=anode_first_cycle_efficiency,
                     cathode_first_cycle_efficiency=cathode_first_cycle_efficiency)
    e = window_energy(cathode=cathode, anode=anode, capacity_mAh_cm2=w.capacity_mAh_cm2,
                      anode_capacity_mAh_cm2=anode_capacity_mAh_cm2, cathode_capacity_mAh_cm2=w.cathode_capacity_mAh_cm2,
                      anode_x_start=w.anode_x_charged, cathode_x_start=w.cathode_x_charged,
                      anode_phase_fractions=anode_phase_fractions, n_points=n_points, v_min=v_min,
                      cathode_shift_V=cathode_shift_V)
    e, q = (e, w.capacity_mAh_cm2) if v_min is None else e
    return CellEnergy(energy_mWh_cm2=e, capacity_mAh_cm2=q, average_voltage_V=_mean_voltage(e, q), windows=w,
                      model="ocv")


def average_energy(*, cathode_voltage_V, anode_potential_V, anode_capacity_mAh_cm2, np_ratio,
                   anode_first_cycle_efficiency, cathode_first_cycle_efficiency) -> CellEnergy:
    """Today's estimate (``energy_model = "average"``): ``E = Q (U_c,avg - U_a,avg)``, same windows."""
    w = cell_windows(anode_capacity_mAh_cm2=anode_capacity_mAh_cm2, np_ratio=np_ratio,
                     anode_first_cycle_efficiency=anode_first_cycle_efficiency,
                     cathode_first_cycle_efficiency=cathode_first_cycle_efficiency)
    volt = np.asarray(cathode_voltage_V, dtype=float) - np.asarray(anode_potential_V, dtype=float)
    e = w.capacity_mAh_cm2 * volt
    return CellEnergy(energy_mWh_cm2=e, capacity_mAh_cm2=w.capacity_mAh_cm2,
                      average_voltage_V=_mean_voltage(e, w.capacity_mAh_cm2), windows=w, model="average")


def _mean_voltage(e, q):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(q > 0, e / np.where(q > 0, q, 1.0), np.nan)
