"""Monotone piecewise-cubic (PCHIP, Fritsch-Carlson) interpolation in plain numpy.

The same interpolant as ``scipy.interpolate.PchipInterpolator`` (same derivative rule, same
end conditions; tested against it to 1e-12), written out because the design chain builds its
voltage curves at start-up and scipy.interpolate takes 0.4-1 s to import, longer than the
whole ``alloypore design`` run is allowed.
"""

from __future__ import annotations

import numpy as np

__all__ = ["pchip_derivatives", "pchip"]


def _edge(h0, h1, m0, m1) -> float:
    """One-sided three-point end derivative, shape preserving (scipy's ``_edge_case``)."""
    d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
    if np.sign(d) != np.sign(m0):
        return 0.0
    if np.sign(m0) != np.sign(m1) and abs(d) > abs(3 * m0):
        return 3 * m0
    return d


def pchip_derivatives(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Slopes at the knots: weighted harmonic mean of the neighbouring secants, 0 at extrema."""
    h = np.diff(x)
    m = np.diff(y) / h
    d = np.zeros_like(y, dtype=float)
    if x.size == 2:
        d[:] = m[0]
        return d
    w1, w2 = 2 * h[1:] + h[:-1], h[1:] + 2 * h[:-1]
    flat = (np.sign(m[1:]) != np.sign(m[:-1])) | (m[1:] == 0) | (m[:-1] == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        whmean = (w1 / m[:-1] + w2 / m[1:]) / (w1 + w2)
        d[1:-1] = np.where(flat, 0.0, 1.0 / whmean)
    d[0] = _edge(h[0], h[1], m[0], m[1])
    d[-1] = _edge(h[-1], h[-2], m[-1], m[-2])
    return d


def pchip(x, y, xi) -> np.ndarray:
    """Evaluate the PCHIP interpolant of the knots ``(x, y)`` (``x`` increasing) at ``xi``."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xi = np.asarray(xi, dtype=float)
    d = pchip_derivatives(x, y)
    k = np.clip(np.searchsorted(x, xi, side="right") - 1, 0, x.size - 2)
    h = x[k + 1] - x[k]
    t = (xi - x[k]) / h
    t2, t3 = t * t, t * t * t
    return ((2 * t3 - 3 * t2 + 1) * y[k] + (t3 - 2 * t2 + t) * h * d[k]
            + (-2 * t3 + 3 * t2) * y[k + 1] + (t3 - t2) * h * d[k + 1])
