"""BET on the shared test isotherms: alloypore (all-range ISO 9277 search) vs pyGAPS area_BET, side by side.

Run: .venv/bin/python benchmarks/bench_characterization_bet.py
Prints, per isotherm, both areas, both ranges, whether pyGAPS' range meets the
four criteria, and the time ratio (alloypore / pyGAPS) of the BET step alone
(isotherm loaded once, outside the timing).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from alloypore.characterization._quiet import quiet
from alloypore.characterization.bet import area_bet, bet_fit_range
from alloypore.characterization.isotherm import load_isotherm

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "characterization" / "isotherms"


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    from pygaps.characterisation.area_bet import area_BET

    print(f"{'isotherm':24s} {'ours m2/g':>10s} {'range':>19s} {'pyGAPS m2/g':>11s} {'range':>19s} {'pyGAPS crit':>11s} {'t ours/pyGAPS':>13s} {'ms ours':>8s}")
    for f in sorted(DATA.iterdir()):
        iso = load_isotherm(f)
        piso = iso.to_pygaps()  # the same points as a pyGAPS isotherm
        with quiet():  # pyGAPS' own log lines and warnings, only while it runs
            ours = area_bet(iso)
            theirs = area_BET(piso)
            i0, i1 = theirs["p_limit_indices"]
            p = np.asarray(piso.pressure(branch="ads", pressure_mode="relative"))
            pr = (float(p[i0]), float(p[i1]))
            crit = bet_fit_range(iso.p_rel_ads, iso.n_ads_mmol_g, 0.162, (pr[0] * 0.9999, pr[1] * 1.0001)).criteria
            t_ours = best_of(lambda: area_bet(iso))
            t_them = best_of(lambda: area_BET(piso))
        short = {"rouquerol_increasing": "1", "c_positive": "2", "monolayer_in_range": "3", "monolayer_pressure_consistent": "4"}
        ok = "all 4" if all(crit.values()) else "FAIL " + ",".join(short[k] for k, v in crit.items() if not v)
        print(f"{f.name:24s} {ours.ssa_m2_g:10.1f} {ours.p_rel_range[0]:9.2g}-{ours.p_rel_range[1]:<9.2g} "
              f"{theirs['area']:11.1f} {pr[0]:9.2g}-{pr[1]:<9.2g} {ok:>11s} {t_ours / t_them:13.2f} {1e3 * t_ours:8.2f}")


if __name__ == "__main__":
    main()
