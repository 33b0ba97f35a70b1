"""alloypore._pchip equals scipy.interpolate.PchipInterpolator (the voltage curves' interpolant)."""

import numpy as np
import pytest
from scipy.interpolate import PchipInterpolator

from alloypore._pchip import pchip


@pytest.mark.parametrize("seed", range(8))
def test_pchip_equals_scipy_on_random_tables(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    x = np.sort(rng.uniform(0, 1, n))
    x[0], x[-1] = 0.0, 1.0
    x = np.unique(x)
    y = np.cumsum(rng.normal(size=x.size)) if seed % 2 else -np.cumsum(rng.uniform(0, 1, x.size))  # monotone, or not
    xi = np.linspace(0, 1, 2001)
    np.testing.assert_allclose(pchip(x, y, xi), PchipInterpolator(x, y)(xi), rtol=1e-12, atol=1e-12)


def test_pchip_through_knots_with_a_flat_stretch():
    x = np.array([0.0, 0.2, 0.5, 0.6, 1.0])
    y = np.array([1.0, 0.4, 0.4, 0.2, 0.0])  # a plateau: slope 0 at both of its ends, no overshoot
    np.testing.assert_allclose(pchip(x, y, x), y, atol=1e-15)
    xi = np.linspace(0.2, 0.5, 31)
    np.testing.assert_allclose(pchip(x, y, xi), 0.4, atol=1e-15)
    np.testing.assert_allclose(pchip(x, y, np.linspace(0, 1, 501)), PchipInterpolator(x, y)(np.linspace(0, 1, 501)),
                               atol=1e-14)
