"""docs/examples/characterization_combine.py: the fused numbers against hand calculations from the printed inputs."""

import re
import tomllib

import pytest

V_S = 0.5 / 2.329 + 0.5 / 2.0  # Si 2.329, amorphous carbon 2.0 g/cm3 (materials table)


def _printed(out: str, name: str) -> tuple[float, float]:
    m = re.search(rf"^{name} = ([\d.e+-]+) ± ([\d.e+-]+)", out, re.M)
    return float(m.group(1)), float(m.group(2))


def test_example_fuses_gas_and_helium_as_by_hand(run_example):
    g, out, tmp_path = run_example("characterization_combine")
    v_open = g["v_open"]
    # closed pores by hand: 1/rho_He - 1/rho_true = 1/1.95 - v_s; u = u_He / rho_He^2 = 0.002 / 1.95^2
    closed, u_closed = _printed(out, "closed_pore_volume_cm3_g")
    assert closed == pytest.approx(1 / 1.95 - V_S, rel=1e-4) and u_closed == pytest.approx(0.002 / 1.95**2, rel=1e-2)
    # porosity and closed fraction by hand from the two volumes
    v_p = v_open + (1 / 1.95 - V_S)
    assert _printed(out, "porosity")[0] == pytest.approx(v_p / (V_S + v_p), rel=1e-4)
    assert _printed(out, "closed_pore_fraction")[0] == pytest.approx((1 / 1.95 - V_S) / v_p, rel=1e-3)
    # the open volume is the Gurvich liquid volume at 0.95: n M / rho_l by hand from the isotherm
    iso = g["gas"].iso
    n95 = float(__import__("numpy").interp(0.95, iso.p_rel_ads, iso.n_ads_mmol_g))
    assert v_open == pytest.approx(n95 * 1e-3 * 28.01348 / 0.8060, rel=2e-3)  # N2 liquid at 77.3 K: 0.806 g/cm3
    section = tomllib.loads((tmp_path / "particle.toml").read_text())["particle"]
    assert section["porosity"] == pytest.approx(v_p / (V_S + v_p), rel=1e-4)
    assert float(re.search(r"cell: (\d+) Wh/L", out).group(1)) > 0
