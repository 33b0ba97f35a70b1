"""docs/examples/mechanics_core_shell.py: run it and check the numbers it prints against independent values."""

import re

import pytest
from scipy.optimize import brentq


def _cross_by_hand(S, P, a=50.0, beta=2.81):
    """Cross-point of a 50 nm Si core in an h-nm carbon shell, written out independently.

    Lame interface pressure p = eps / [(1 - 2 nu_c)/E_c + ((1 - 2 nu_s) a^3 + (1 + nu_s) b^3/2)/(E_s (b^3 - a^3))],
    shell hoop at r = a: p a^3/(b^3 - a^3) (1 + b^3/(2 a^3)); the shell's limit eps_t = S/hoop, the core's eps_c = P/p,
    cross where equal (scipy brentq on h); Q = (m_Si min(1, theta) 3579 + m_C 250)/(m_Si + m_C), densities 2.33, 2.0.
    """
    def per_eps(h):
        b3, a3 = (a + h) ** 3, a**3
        p = 1 / (0.56 / 80 + (0.4 * a3 + 1.3 * b3 / 2) / (100 * (b3 - a3)))
        return p, p * a3 / (b3 - a3) * (1 + b3 / (2 * a3))

    h = brentq(lambda h: S / per_eps(h)[1] - P / per_eps(h)[0], 1e-3, 1e4, xtol=1e-13)
    eps = P / per_eps(h)[0]
    theta = ((1 + eps) ** 3 - 1) / beta
    m_si, m_c = 2.33 * a**3, 2.0 * ((a + h) ** 3 - a**3)
    return h, theta, (m_si * min(1, theta) * 3579 + m_c * 250) / (m_si + m_c), m_c / m_si


def test_example_prints_lame_fem_and_the_optimum(run_example):
    _, text, tmp_path = run_example("mechanics_core_shell")
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
    # the two cross-points against the independent root; P of the second from Omega p = F dE by hand
    found = re.findall(r"cross-point shell ([\d.]+) nm, theta ([\d.]+), (\d+) mAh/g, Si:C = 1:([\d.]+), P = ([\d.]+) GPa",
                       text)
    assert len(found) == 2
    for (S, P), row in zip(((40.0, 22.0), (2.0, 96485.33212 * 0.1 / 9.03e-6 * 1e-9)), found):
        h, theta, q, c_per_si, p_printed = (float(x) for x in row)
        h_ref, theta_ref, q_ref, c_ref = _cross_by_hand(S, P)
        assert p_printed == pytest.approx(P, abs=6e-5)
        assert h == pytest.approx(h_ref, abs=6e-4) and theta == pytest.approx(theta_ref, abs=6e-5)
        assert q == pytest.approx(q_ref, abs=0.6) and c_per_si == pytest.approx(c_ref, abs=6e-4)
    assert float(found[0][3]) == pytest.approx(0.977, abs=0.005)  # Kim & Cho's 1:0.977 at S/P = 40/22
    # and the figures it writes
    assert (tmp_path / "mechanics_core_shell.png").stat().st_size > 1000
    assert (tmp_path / "mechanics_shell_optimum_S40.png").stat().st_size > 1000
