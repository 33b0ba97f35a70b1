"""Unit strings at the boundary (pint): conversions by hand, and every bad string is a ValueError."""

import random

import pytest

from alloypore.units import to_unit


@pytest.mark.parametrize("text,unit,expected", [
    ("3.5 mAh/cm^2", "mAh/cm^2", 3.5),
    ("1 Ah/m^2", "mAh/cm^2", 0.1),  # 1000 mAh / 10^4 cm2
    ("50 %", "dimensionless", 0.5),
    ("0.5", "percent", 0.5),  # a bare number is already in the field's unit
    ("1 mm", "um", 1000.0),
    ("2 g/A/h", "g/A/h", 2.0),
    ("1.2 kg/L", "g/cm^3", 1.2),
])
def test_conversions_by_hand(text, unit, expected):
    assert to_unit(text, unit) == pytest.approx(expected, rel=1e-12)


def test_numbers_pass_through():
    assert to_unit(0.25, "um") == 0.25


def test_random_text_is_a_value_error_never_another_exception():
    # pint raises its own errors, tokenizer errors, AssertionError, ZeroDivisionError... on such text;
    # pydantic turns a ValueError (only) into the one-line field error
    rng = random.Random(7)
    chars = "0123456789 ./*^()+-%mkgsAhcµ'\"[]{}:,_=$#@!~`|\\<>?;xyz"
    bad = 0
    for _ in range(1500):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))
        try:
            to_unit(text, "mAh/cm^2")
        except ValueError:
            bad += 1
    assert bad > 1000
