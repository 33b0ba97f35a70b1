"""Small numerical helpers shared by the evidence methods (one copy each)."""

from __future__ import annotations

import numpy as np

__all__ = ["line_fit", "line_fit_se", "geometric_bin_edges"]


def line_fit(x, y) -> tuple[float, float, float]:
    """Least-squares line ``y = slope x + intercept``; returns ``(slope, intercept, r2)``."""
    slope, intercept = np.polyfit(np.asarray(x, dtype=float), np.asarray(y, dtype=float), 1)
    r = np.corrcoef(x, y)[0, 1]
    return float(slope), float(intercept), float(r * r)


def geometric_bin_edges(centres) -> np.ndarray:
    """Bin edges around sorted positive centres: geometric midpoints, the end bins mirrored.

    One centre gets the edges ``c/1.1`` and ``1.1 c``.
    """
    c = np.asarray(centres, dtype=float)
    if c.size == 1:
        return np.array([c[0] / 1.1, c[0] * 1.1])
    mid = np.sqrt(c[:-1] * c[1:])
    return np.concatenate([[c[0] ** 2 / mid[0]], mid, [c[-1] ** 2 / mid[-1]]])


def line_fit_se(x, y) -> tuple[float, float, float, float, float]:
    """:func:`line_fit` with the standard errors of slope and intercept (ordinary least squares, >= 3 points).

    Returns ``(slope, intercept, r2, se_slope, se_intercept)``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    slope, intercept, r2 = line_fit(x, y)
    k = x.size
    if k < 3:
        return slope, intercept, r2, float("nan"), float("nan")
    resid = y - (slope * x + intercept)
    s2 = float(resid @ resid) / (k - 2)
    sxx = float(((x - x.mean()) ** 2).sum())
    return slope, intercept, r2, float(np.sqrt(s2 / sxx)), float(np.sqrt(s2 * (1.0 / k + x.mean() ** 2 / sxx)))
