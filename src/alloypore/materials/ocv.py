"""Open-circuit voltage curves vs Li/Li+ of every active material, and blended anodes.

Axis convention (one for anodes and cathodes): ``x`` is the **capacity fraction of
lithiation**, so the potential falls as ``x`` grows,

* anodes: ``x = 0`` delithiated ... ``x = 1`` fully lithiated (the fraction ``theta`` of the
  material's theoretical lithiation used by the chain);
* cathodes: ``x = 0`` at the top of charge of the cathode's rated window (e.g. 4.30 V for
  NMC811) ... ``x = 1`` at the end of discharge; ``x`` is the fraction of the *rated reversible*
  capacity of the cathode table (``alloypore.cell.cathodes``).

Each curve is a table ``(x_k, U_k)`` shipped in ``materials/data/ocv/<name>.csv`` with its source
in the header.  Between the table points the curve is the shape-preserving monotone cubic
(PCHIP, Fritsch & Carlson 1980), sampled once on a dense grid so that ``U(x)`` and its inverse
``x(U)`` are exact inverses (piecewise-linear on 4001+ points; error < 1e-4 V).  A table with
flat stretches (graphite's stage-1 plateau is flat to 1e-9 V in its fit) gets a tilt of 1 uV
over the whole range, so that ``x(U)`` is single-valued.

Blended anode (phases ``i`` with capacities ``Q_i`` and curves ``U_i``) at total state of charge
``x``: all phases sit at one potential ``U`` with

    sum_i Q_i x_i(U) = x sum_i Q_i,

solved by bisection on ``U`` over numpy arrays (:func:`blend_potential`).

Silicon: the default ``"Si"`` curve is the **delithiation** branch of amorphous Si (Verbrugge
et al. 2016 fit in PyBaMM's Chen2020_composite).  Amorphous Si keeps a ~0.2-0.3 V hysteresis
between lithiation and delithiation even at vanishing current, so no single "equilibrium"
curve exists; a cell delivers its energy while the anode delithiates, so the discharge branch
is the one an energy estimate needs (the mean of the two branches would overstate the cell
voltage by ~0.1 V per unit Si share).  ``"Si-lithiation"`` is shipped for charge-side use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

from alloypore._pchip import pchip
from alloypore.errors import DataFileError, InputError, SpecError

__all__ = [
    "VoltageCurve",
    "BlendState",
    "get_curve",
    "list_curves",
    "curve_from_table",
    "blend_potential",
    "QUALITIES",
]

#: How a curve was obtained, best first.
QUALITIES = ("parameter-set", "published-table", "published-fit", "digitised", "plateau-table", "proxy")

_DENSE = 4001
#: Tilt (V over the whole x range) that makes flat stretches of a table strictly decreasing.
_TILT_V = 1e-6


@dataclass(frozen=True)
class VoltageCurve:
    """One open-circuit voltage curve ``U(x)`` vs Li/Li+ (see the module docstring for ``x``).

    Parameters
    ----------
    name : str
        Curve name (``"NMC811"``, ``"Si"``, ``"LCO-4.45V"``...).
    material : str
        The material it belongs to (a materials-table or cathode-table name).
    role : {"anode", "cathode"}
    x, U_V : array_like
        Table: ``x`` strictly increasing from 0 to 1, ``U_V`` non-increasing (V vs Li/Li+) with
        ``U(1) < U(0)`` (a 1 uV tilt makes flat stretches strictly decreasing).
    source : str
        Where the numbers come from.
    quality : str
        One of :data:`QUALITIES`.
    branch, axis, note : str
        Which branch (delithiation, equilibrium...), what ``x`` maps to, remarks.
    native_range : tuple of float or None
        The source's own abscissa at ``x = 0`` and ``x = 1`` (stoichiometry, mAh/g...).
    """

    name: str
    material: str
    role: str
    x: np.ndarray
    U_V: np.ndarray
    source: str
    quality: str = "digitised"
    branch: str = ""
    axis: str = ""
    note: str = ""
    native_range: tuple[float, float] | None = None
    _xd: np.ndarray = field(init=False, repr=False, compare=False)
    _ud: np.ndarray = field(init=False, repr=False, compare=False)
    _fd: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        x = np.asarray(self.x, dtype=float)
        u = np.asarray(self.U_V, dtype=float)
        where = f"ocv curve {self.name!r}"
        if x.ndim != 1 or x.shape != u.shape or x.size < 2:
            raise InputError(f"{where}.x", x.size, "needs two or more (x, U) pairs of equal length")
        if abs(x[0]) > 1e-12 or abs(x[-1] - 1.0) > 1e-12:
            raise InputError(f"{where}.x", f"{x[0]:g}..{x[-1]:g}", "must run from 0 to 1 (capacity fraction)")
        if not np.all(np.diff(x) > 0):
            raise InputError(f"{where}.x", "not increasing", "must increase strictly")
        if not np.all(np.diff(u) <= 0) or not u[-1] < u[0] or not np.all(np.isfinite(u)):
            raise InputError(f"{where}.U_V", "not decreasing", "must fall with x (lithiation)")
        if self.role not in ("anode", "cathode"):
            raise InputError(f"{where}.role", self.role, "allowed: anode, cathode")
        if self.quality not in QUALITIES:
            raise InputError(f"{where}.quality", self.quality, f"allowed: {', '.join(QUALITIES)}")
        # PCHIP in numpy (alloypore._pchip, equal to scipy's PchipInterpolator): scipy.interpolate
        # takes ~1 s to import, longer than `alloypore design` may take
        xd = np.union1d(np.linspace(0.0, 1.0, _DENSE), x)
        ud = pchip(x, u, xd) if x.size > 2 else np.interp(xd, x, u)
        if np.any(np.diff(ud) >= 0):  # flat stretches become strictly decreasing: x(U) single-valued
            ud = ud - _TILT_V * xd
        if not np.all(np.diff(ud) < 0):  # pragma: no cover - PCHIP of a monotone table is monotone
            raise InputError(f"{where}.U_V", "not decreasing after interpolation", "must fall with x")
        fd = np.concatenate([[0.0], np.cumsum(0.5 * (ud[1:] + ud[:-1]) * np.diff(xd))])
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "U_V", u)
        object.__setattr__(self, "_xd", xd)
        object.__setattr__(self, "_ud", ud)
        object.__setattr__(self, "_fd", fd)

    # -- evaluation -------------------------------------------------------------------------
    def potential(self, x) -> np.ndarray:
        """``U(x)`` in V vs Li/Li+ (vectorised; ``x`` is clipped to [0, 1])."""
        return np.interp(np.clip(np.asarray(x, dtype=float), 0.0, 1.0), self._xd, self._ud)

    __call__ = potential

    def inverse(self, U_V) -> np.ndarray:
        """``x(U)``: the capacity fraction at potential ``U`` (0 above ``U(0)``, 1 below ``U(1)``)."""
        return np.interp(np.asarray(U_V, dtype=float), self._ud[::-1], self._xd[::-1])

    def integral(self, x) -> np.ndarray:
        """``F(x) = int_0^x U dx'`` (V; exact for the interpolant)."""
        xc = np.clip(np.asarray(x, dtype=float), 0.0, 1.0)
        k = np.clip(np.searchsorted(self._xd, xc, side="right") - 1, 0, self._xd.size - 2)
        h = xc - self._xd[k]
        slope = (self._ud[k + 1] - self._ud[k]) / (self._xd[k + 1] - self._xd[k])
        return self._fd[k] + self._ud[k] * h + 0.5 * slope * h * h

    def average(self, x0=0.0, x1=1.0) -> np.ndarray:
        """Mean potential over ``[x0, x1]``: ``(F(x1) - F(x0)) / (x1 - x0)`` (``U(x0)`` if equal)."""
        a, b = np.broadcast_arrays(np.asarray(x0, dtype=float), np.asarray(x1, dtype=float))
        width = b - a
        safe = np.where(width == 0.0, 1.0, width)
        mean = (self.integral(b) - self.integral(a)) / safe
        return np.where(width == 0.0, self.potential(a), mean)

    @property
    def U_top_V(self) -> float:
        """Potential at ``x = 0`` (delithiated end)."""
        return float(self._ud[0])

    @property
    def U_bottom_V(self) -> float:
        """Potential at ``x = 1`` (lithiated end)."""
        return float(self._ud[-1])


def curve_from_table(name: str, text: str) -> VoltageCurve:
    """Parse one shipped table: ``# key: value`` header lines, a ``x,U_V`` line, then rows."""
    meta: dict[str, str] = {}
    rows: list[tuple[float, float]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
            continue
        if line.lower().startswith("x,"):
            continue
        try:
            a, b = (float(v) for v in line.split(","))
        except ValueError:
            raise DataFileError(f"ocv/{name}.csv", f"line {lineno} is not 'x,U': {line[:40]!r}") from None
        rows.append((a, b))
    for key in ("material", "role", "source"):
        if key not in meta:
            raise DataFileError(f"ocv/{name}.csv", f"header lacks '# {key}:'")
    arr = np.array(rows, dtype=float).reshape(-1, 2)
    native = None
    if "native_range" in meta:
        lo, hi = (float(v) for v in meta["native_range"].split(","))
        native = (lo, hi)
    return VoltageCurve(
        name=meta.get("name", name), material=meta["material"], role=meta["role"], x=arr[:, 0], U_V=arr[:, 1],
        source=meta["source"], quality=meta.get("quality", "digitised"), branch=meta.get("branch", ""),
        axis=meta.get("axis", ""), note=meta.get("note", ""), native_range=native,
    )


@lru_cache(maxsize=1)
def _library() -> dict[str, VoltageCurve]:
    root = resources.files("alloypore.materials").joinpath("data/ocv")
    out = {}
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".csv"):
            stem = entry.name[:-4]
            curve = curve_from_table(stem, entry.read_text("utf-8"))
            out[curve.name] = curve
    return out


def list_curves(role: str | None = None) -> list[VoltageCurve]:
    """Every shipped curve (optionally only ``"anode"`` or ``"cathode"`` ones), sorted by name."""
    return [c for c in _library().values() if role is None or c.role == role]


def get_curve(name: str, *, field: str = "ocv.curve") -> VoltageCurve:
    """The shipped curve ``name`` (case-insensitive), or a one-line :class:`SpecError` naming it."""
    if isinstance(name, VoltageCurve):
        return name
    lib = _library()
    for key, curve in lib.items():
        if key.lower() == str(name).lower():
            return curve
    raise SpecError(field, name, f"no open-circuit voltage curve for this material; curves exist for: {', '.join(lib)}")


@dataclass(frozen=True)
class BlendState:
    """Result of :func:`blend_potential`: the common potential and each phase's fraction."""

    potential_V: np.ndarray
    phase_fractions: tuple[np.ndarray, ...]


def blend_potential(curves: Sequence[VoltageCurve], capacities, x, *, method: str = "exact",
                    tol_V: float = 1e-9) -> BlendState:
    """Common potential of phases sharing lithium at total state of charge ``x`` (vectorised).

    Solves ``sum_i Q_i x_i(U) = x sum_i Q_i`` for ``U``; the left side ``G(U)`` falls
    monotonically with ``U`` because every ``x_i(U)`` does.

    * ``method="exact"`` (default): each ``x_i(U)`` is piecewise linear in ``U`` (the dense
      table), so ``G`` is piecewise linear on the union of the phases' knots; it is tabulated
      there once per distinct set of capacities and inverted by linear interpolation, exactly.
    * ``method="bisection"``: bisection on ``U`` over numpy arrays to ``tol_V``.

    Parameters
    ----------
    curves : sequence of VoltageCurve
        One curve per phase.
    capacities : sequence of array_like
        ``Q_i`` per phase (any one unit, e.g. mAh/cm2), broadcastable with ``x``; >= 0, sum > 0.
    x : array_like
        Total state of charge in [0, 1].
    method : {"exact", "bisection"}
    tol_V : float
        Bisection tolerance on the potential.

    Returns
    -------
    BlendState
        ``potential_V`` (shape of the broadcast inputs) and ``phase_fractions`` (one array per phase).
    """
    if len(curves) == 0 or len(curves) != len(capacities):
        raise InputError("blend.capacities", len(capacities), f"need one capacity per curve ({len(curves)} curves)")
    if method not in ("exact", "bisection"):
        raise InputError("blend.method", method, "allowed: exact, bisection")
    q = [np.asarray(c, dtype=float) for c in capacities]
    xs = np.asarray(x, dtype=float)
    if any(np.any(qi < 0) or not np.all(np.isfinite(qi)) for qi in q):
        raise InputError("blend.capacities", "negative", "each phase capacity must be >= 0")
    q_total = sum(q)
    if np.any(q_total <= 0):
        raise InputError("blend.capacities", "sum 0", "the phase capacities must add up to > 0")
    if np.any((xs < -1e-12) | (xs > 1 + 1e-12)) or not np.all(np.isfinite(xs)):
        raise InputError("blend.x", "outside", "allowed 0 <= x <= 1")
    target = np.clip(xs, 0.0, 1.0) * q_total
    shape = np.broadcast_shapes(target.shape, *(qi.shape for qi in q))
    if method == "exact":
        u = _blend_exact(curves, q, target, shape)
    else:
        u = _blend_bisection(curves, q, target, shape, tol_V)
    return BlendState(potential_V=u, phase_fractions=tuple(c.inverse(u) for c in curves))


def _blend_bisection(curves, q, target, shape, tol_V):
    lo_v = min(c.U_bottom_V for c in curves)
    hi_v = max(c.U_top_V for c in curves)
    lo = np.full(shape, lo_v)
    hi = np.full(shape, hi_v)
    n_iter = int(np.ceil(np.log2(max(hi_v - lo_v, tol_V) / tol_V))) + 1
    for _ in range(n_iter):
        mid = 0.5 * (lo + hi)
        held = sum(qi * c.inverse(mid) for qi, c in zip(q, curves))
        too_low = held > target  # more Li held than there is: the potential must rise
        lo = np.where(too_low, mid, lo)
        hi = np.where(too_low, hi, mid)
    return 0.5 * (lo + hi)


def _blend_exact(curves, q, target, shape, chunk: int = 256):
    knots = np.unique(np.concatenate([c._ud for c in curves]))[::-1]  # falling U
    held_at = np.stack([c.inverse(knots) for c in curves])  # (P, K), rising along the knots
    q_shape = (1,) * (len(shape) - len(np.broadcast_shapes(*(qi.shape for qi in q)))) + np.broadcast_shapes(
        *(qi.shape for qi in q))
    combos = np.stack([np.broadcast_to(qi, q_shape).reshape(-1) for qi in q])  # (P, M)
    which = np.broadcast_to(np.arange(combos.shape[1]).reshape(q_shape), shape).reshape(-1)
    tgt = np.broadcast_to(target, shape).reshape(-1)
    order = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[order], np.arange(combos.shape[1] + 1))
    out = np.empty(tgt.size)
    for start in range(0, combos.shape[1], chunk):
        g = combos[:, start:start + chunk].T @ held_at  # (m, K): Li held at each knot
        for j, row in enumerate(g):
            idx = order[bounds[start + j]:bounds[start + j + 1]]
            out[idx] = np.interp(tgt[idx], row, knots)
    return out.reshape(shape)
