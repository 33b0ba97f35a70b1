"""docs/examples/mechanics_core_shell.py: run it and check the numbers it prints against independent values."""

import re
import runpy
from pathlib import Path

import pytest
from scipy.optimize import minimize_scalar

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "mechanics_core_shell.py"


def _capacity_by_hand(h, a=50.0, beta=2.81, strength=40.0):
    """Usable capacity (mAh/g) of a 50 nm Si core in an h-nm carbon shell, written out independently.

    Lame interface pressure p = eps / [(1 - 2 nu_c)/E_c + ((1 - 2 nu_s) a^3 + (1 + nu_s) b^3/2)/(E_s (b^3 - a^3))],
    shell hoop at r = a: p a^3/(b^3 - a^3) (1 + b^3/(2 a^3)); lithiation stops when it reaches 40 GPa;
    Q = (m_Si theta 3579 + m_C 250)/(m_Si + m_C) with densities 2.33 and 2.0 g/cm3.
    """
    b = a + h
    a3, b3 = a**3, b**3
    p_per_eps = 1 / (0.56 / 80 + (0.4 * a3 + 1.3 * b3 / 2) / (100 * (b3 - a3)))
    hoop_per_eps = p_per_eps * a3 / (b3 - a3) * (1 + b3 / (2 * a3))
    eps = min(strength / hoop_per_eps, (1 + beta) ** (1 / 3) - 1)
    theta = ((1 + eps) ** 3 - 1) / beta
    m_si, m_c = 2.33 * a3, 2.0 * (b3 - a3)
    return (m_si * theta * 3579 + m_c * 250) / (m_si + m_c), theta, m_si / m_c


def test_example_prints_lame_fem_and_the_optimum(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ALLOYPORE_EXAMPLE_OUT", str(tmp_path))
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    text = capsys.readouterr().out
    rows = {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r"(\w+_GPa)\s+Lame ([\d.]+)\s+FEM ([\d.]+)", text)}
    # hand calculation (docs/mechanics.md): p = 0.01/0.027923 = 0.3581, hoop 0.9170 at r = a, 0.7379 at r = b
    p = 0.01 / (0.56 / 80 + (50000 + 140400) / 9.1e6)
    f = p * 125000 / 91000
    by_hand = {"interface_pressure_GPa": p, "shell_hoop_inner_GPa": f * 1.864, "shell_hoop_outer_GPa": f * 1.5}
    assert set(rows) == set(by_hand)
    for key, ref in by_hand.items():
        lame, fem = rows[key]
        assert lame == pytest.approx(ref, abs=6e-5)  # printed to 4 decimals
        assert fem == pytest.approx(ref, rel=0.002)  # FEM at 2 nm elements: within 0.1 % (mesh table)
    # the optimum: an independent bounded maximisation of the hand-written capacity
    best = minimize_scalar(lambda h: -_capacity_by_hand(h)[0], bounds=(1, 100), method="bounded",
                           options={"xatol": 1e-4})
    q_best, theta_best, ratio_best = _capacity_by_hand(best.x)
    m = re.search(r"best shell ([\d.]+) nm, theta ([\d.]+), (\d+) mAh/g, Si:C = ([\d.]+)", text)
    h, theta, q, ratio = (float(x) for x in m.groups())
    assert h == pytest.approx(best.x, rel=0.02)
    assert theta == pytest.approx(theta_best, abs=0.01)
    assert q == pytest.approx(q_best, abs=1.0)
    assert ratio == pytest.approx(ratio_best, abs=0.02)
    # and the figure it writes
    assert (tmp_path / "mechanics_core_shell.png").stat().st_size > 1000
