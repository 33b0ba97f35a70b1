"""The precomputed start-up constants of the chain equal what they are computed from.

``alloypore design`` places a particle without a given ICE on the shipped ICE(SSA) literature
fit; the fit (data/ice_ssa_fit.json) and the t quantile of its prediction interval are stored so
the command starts fast. They must equal a fresh fit of the shipped rows and scipy's quantile.
"""

import json
from dataclasses import asdict
from importlib import resources

import pytest
from scipy.stats import t as student_t

from alloypore.literature import analysis


def test_stored_fit_equals_a_fresh_fit_of_the_shipped_rows():
    stored = json.loads(resources.files("alloypore.literature").joinpath("data", analysis.SHIPPED_FIT_FILE).read_text())
    fresh = analysis.shipped_fit_record()
    assert stored.keys() == fresh.keys()
    for key, value in fresh.items():
        assert stored[key] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key
    loaded, computed = asdict(analysis._shipped_fit()), asdict(analysis.fit_shipped_rows())
    assert loaded.pop("material_ids") == computed.pop("material_ids")
    assert loaded == pytest.approx(computed, rel=1e-12)


def test_precomputed_t_quantiles_are_scipys():
    for (p, df), value in analysis.T_QUANTILES.items():
        assert value == pytest.approx(float(student_t.ppf(p, df)), rel=1e-14)
    n = analysis._shipped_fit().n
    assert (0.975, n - 2) in analysis.T_QUANTILES  # the one the chain's 95 % interval needs
    assert analysis.t_quantile(0.9, 6) == pytest.approx(float(student_t.ppf(0.9, 6)), rel=1e-12)  # computed
