"""Field values and the first sweep ranges the Studies page offers (alloypore.design.grid)."""

import math

import pytest

from alloypore.cell import example_spec
from alloypore.design.grid import field_bounds, field_value, suggest_range


def test_field_value_reads_dotted_fields():
    s = example_spec()
    assert field_value(s, "particle.porosity") == s.particle.porosity
    assert field_value(s, "particle.phases.1.mass_fraction") == s.particle.phases[1].mass_fraction
    assert math.isnan(field_value(s, "particle.first_cycle_efficiency"))  # optional, unset


def test_suggest_range_by_hand():
    s = example_spec()
    # a fraction at >= 0.3: from 0.05 to 0.9
    assert s.particle.porosity == 0.5
    assert suggest_range(s, "particle.porosity") == (0.05, 0.9)
    # a fraction below 0.3: up to max(2.5 x value, 0.1)
    w = s.electrode.composite_mass_fraction
    assert w < 0.3
    assert suggest_range(s, "electrode.composite_mass_fraction") == pytest.approx((0.05, max(2.5 * w, 0.1)))
    # any other field: half to one and a half times the value, inside the bounds
    q = s.electrode.areal_capacity_mAh_cm2
    lo, hi = suggest_range(s, "electrode.areal_capacity_mAh_cm2")
    _, _, b_hi, _ = field_bounds("electrode.areal_capacity_mAh_cm2")
    assert (lo, hi) == pytest.approx((0.5 * q, min(1.5 * q, b_hi if b_hi is not None else math.inf)))
    # an unset optional fraction: treated as 0 -> (0.05, 0.1)
    assert suggest_range(s, "particle.first_cycle_efficiency") == pytest.approx((0.05, 0.1))
