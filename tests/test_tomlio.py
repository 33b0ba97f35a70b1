"""The one TOML writer: what it writes reads back to the same values."""

import math
import tomllib

import numpy as np
import pytest

from alloypore.tomlio import dumps


def test_round_trip_numbers_strings_tables_and_inline_phases():
    data = {
        "name": 'a "quoted" name',
        "particle": {
            "phases": [{"material": "Si", "mass_fraction": np.float64(0.1) + 0.2}, {"material": "C", "mass_fraction": 0.7}],
            "porosity": np.float64(0.5),
            "count": np.int64(3),
            "absent": None,
        },
    }
    text = dumps(data, comment="line one\nline two")
    assert text.startswith("# line one\n# line two\n")
    back = tomllib.loads(text)
    assert back["name"] == 'a "quoted" name'
    # 0.1 + 0.2 is written as 0.3 (12 significant digits), not 0.30000000000000004
    assert back["particle"]["phases"][0]["mass_fraction"] == 0.3
    assert back["particle"]["count"] == 3 and isinstance(back["particle"]["count"], int)
    assert "absent" not in back["particle"]
    assert math.isclose(sum(p["mass_fraction"] for p in back["particle"]["phases"]), 1.0)


def test_non_finite_numbers_are_refused():
    with pytest.raises(ValueError, match="non-finite"):
        dumps({"x": float("nan")})
