"""Regenerate the tabulated voltage curves in src/alloypore/materials/data/ocv/ (needs PyBaMM).

Run from the repository root:  .venv/bin/python scripts/make_ocv_tables.py

Three kinds of table are written here (digitised curves are shipped as data files and are
not touched by this script):

* ``parameter-set``: a PyBaMM OCP function of a cited parameter set, *evaluated* (not copied)
  on a Chebyshev-spaced grid of its stoichiometry and mapped onto the capacity-fraction axis.
* ``plateau-table``: two-phase plateaus of a coulometric-titration table, each plateau tilted
  by +/-2 mV so that x(U) is single-valued, steps spread over 1 % of the capacity.
* ``proxy``: the shape of a parent curve shifted to a cited average potential, used only
  where no measured curve could be shipped; the header says so.

Axis: x = capacity fraction, 0 = delithiated ... 1 = lithiated, for anodes (fraction of the
material's theoretical lithiation) and for cathodes (fraction of the rated reversible capacity:
0 = top of charge at the rated upper voltage, 1 = end of discharge), so U falls with x for both.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")
import pybamm  # noqa: E402
from scipy.optimize import brentq  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "alloypore" / "materials" / "data" / "ocv"
N_POINTS = 61

CHEN = "Chen C.-H., Brosa Planella F., O'Regan K., Gastol D., Widanage W.D., Kendrick E., J. Electrochem. Soc. 167 (2020) 080534"
MARK = ("PyBaMM parameter set Chen2020_composite (Ai W. et al., J. Power Sources 527 (2022) 231142), "
        "silicon OCP fit of Verbrugge M., Baker D., Xiao X., J. Electrochem. Soc. 163 (2016) A262")


def _evaluate(setname: str, key: str, sto: np.ndarray) -> np.ndarray:
    pv = pybamm.ParameterValues(setname)
    fun = pv[key]
    return np.array([float(np.asarray(pv.evaluate(fun(pybamm.Scalar(float(s))))).ravel()[0]) for s in sto])


def _cheb(n: int = N_POINTS) -> np.ndarray:
    return 0.5 * (1.0 - np.cos(np.pi * np.arange(n) / (n - 1)))


def _write(name: str, x: np.ndarray, u: np.ndarray, **meta: str) -> None:
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if not (np.all(np.diff(x) > 0) and np.all(np.diff(u) <= 0) and u[-1] < u[0]):
        raise SystemExit(f"{name}: table is not monotone")
    lines = [f"# name: {name}"] + [f"# {k}: {v}" for k, v in meta.items()] + ["x,U_V"]
    lines += [f"{a:.9f},{b:.9f}" for a, b in zip(x, u)]
    (OUT / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name:12s} {len(x):3d} points  mean U = {np.trapezoid(u, x):.4f} V")


def _sto_at(setname: str, key: str, volt: float, lo: float, hi: float) -> float:
    return brentq(lambda s: _evaluate(setname, key, np.array([s]))[0] - volt, lo, hi, xtol=1e-10)


def _soh(setname: str) -> tuple[float, float, float, float]:
    pv = pybamm.ParameterValues(setname)
    return tuple(float(v) for v in pybamm.lithium_ion.electrode_soh.get_min_max_stoichiometries(pv))


def anode_from_set(name, material, setname, key, source, branch, note, lo=0.0, hi=1.0):
    sto = lo + _cheb() * (hi - lo)
    u = _evaluate(setname, key, sto)
    s = sto.copy()
    s[0], s[-1] = 0.0, 1.0  # the values at lo and hi stand for the ends
    _write(name, s, u, material=material, role="anode", branch=branch, quality="parameter-set",
           source=source, axis="x = stoichiometry of the parameter set (c / c_max)", note=note, native_range="0, 1")
    return s, u


def cathode_from_set(name, material, setname, source, v_top, v_bottom, branch):
    key = "Positive electrode OCP [V]"
    x0, x100, y100, y0 = _soh(setname)
    y_top = _sto_at(setname, key, v_top, 1e-4, 0.9)
    probe = _evaluate(setname, key, np.linspace(y_top, 0.999, 400))
    if probe.min() < v_bottom:
        y_end = _sto_at(setname, key, v_bottom, y_top + 1e-3, 0.999)
        end_txt = f"{v_bottom:.2f} V"
    else:
        y_end = y0
        end_txt = f"the parameter set's own discharged stoichiometry y_0 = {y0:.4f} (PyBaMM ElectrodeSOH), the curve never falls to {v_bottom:.2f} V"
    s = _cheb()
    y = y_top + s * (y_end - y_top)
    u = _evaluate(setname, key, y)
    _write(name, s, u, material=material, role="cathode", branch=branch, quality="parameter-set",
           source=source,
           axis=f"x = (y - {y_top:.5f}) / ({y_end:.5f} - {y_top:.5f}), y = Li stoichiometry of the parameter set; "
                f"x = 0 at {v_top:.2f} V (top of the rated window), x = 1 at {end_txt}",
           native_range=f"{y_top:.6f}, {y_end:.6f}",
           note=f"PyBaMM {pybamm.__version__} ElectrodeSOH of {setname}: x_0={x0:.4f} x_100={x100:.4f} y_100={y100:.4f} y_0={y0:.4f}")
    return s, u


def staircase(name, material, host_li, plateaus, source, note, tilt=0.002, step=0.005):
    """plateaus: [(y_start, y_end, E_V)] in Li per host, consecutive, covering 0..host_li."""
    xs, us = [], []
    for i, (a, b, e) in enumerate(plateaus):
        xa, xb = a / host_li, b / host_li
        xs += [xa if i == 0 else xa + step, xb if i == len(plateaus) - 1 else xb - step]
        us += [e + tilt, e - tilt]
    _write(name, np.array(xs), np.array(us), material=material, role="anode", branch="equilibrium (coulometric titration)",
           quality="plateau-table", source=source, axis=f"x = y / {host_li:g}, y = Li per host atom", note=note,
           native_range=f"0, {host_li:g}")


def proxy(name, material, parent_x, parent_u, parent, target_V, target_source, note):
    shift = target_V - np.trapezoid(parent_u, parent_x)
    _write(name, parent_x, parent_u + shift, material=material, role="anode", branch=f"as {parent}",
           quality="proxy",
           source=f"PROXY: shape of the {parent} curve shifted by {shift:+.4f} V so that its mean equals "
                  f"{target_V:.3f} V ({target_source}); no measured curve is shipped for {material}",
           axis=f"as {parent}", note=note)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    anode_from_set("graphite", "graphite", "Chen2020", "Negative electrode OCP [V]",
                   f"PyBaMM parameter set Chen2020, graphite_LGM50_ocp_Chen2020 ({CHEN})",
                   "open-circuit (GITT, lithiation)", "LG M50 graphite-SiOy electrode; fitted for 0 < c/c_max < 1")
    lim = (1e-3, 1.0 - 1e-3)
    sx, su = anode_from_set("Si", "Si", "Chen2020_composite", "Secondary: Negative electrode delithiation OCP [V]",
                            MARK + "; delithiation branch", "delithiation",
                            "amorphous Si, delithiation branch: a cell discharges while its anode delithiates; "
                            "endpoints evaluated at c/c_max = 0.001 and 0.999 (the fit is singular at 0 and 1)", *lim)
    anode_from_set("Si-lithiation", "Si", "Chen2020_composite", "Secondary: Negative electrode lithiation OCP [V]",
                   MARK + "; lithiation branch", "lithiation",
                   "amorphous Si, lithiation branch (charge); endpoints at c/c_max = 0.001 and 0.999; the fit falls below 0 V above c/c_max ~ 0.99", *lim)
    nx, nu = cathode_from_set("NMC811", "NMC811", "Chen2020", f"PyBaMM parameter set Chen2020, nmc_LGM50_ocp_Chen2020 ({CHEN})",
                     4.30, 3.00, "open-circuit (GITT)")
    cathode_from_set("NCA", "NCA", "NCA_Kim2011",
                     "PyBaMM parameter set NCA_Kim2011, nca_ocp_Kim2011 (Kim G.-H., Smith K., Lee K.-J., Santhanagopalan S., "
                     "Pesaran A., J. Electrochem. Soc. 158 (2011) A955)", 4.30, 3.00, "open-circuit")
    cathode_from_set("LCO", "LCO", "Ai2020",
                     "PyBaMM parameter set Ai2020, lico2_ocp_Ai2020 (Ai W., Kraft L., Sturm J., Jossen A., Wu B., "
                     "J. Electrochem. Soc. 167 (2020) 013512)", 4.20, 3.00, "open-circuit")
    cathode_from_set("LFP", "LFP", "Prada2013",
                     "PyBaMM parameter set Prada2013, LFP_ocp_Afshar2017 (Prada E. et al., J. Electrochem. Soc. 160 (2013) A616; "
                     "OCP of Afshar S. et al., IFAC-PapersOnLine 50 (2017) 11571)", 3.60, 3.00, "open-circuit")
    staircase("Sn", "Sn", 4.4,
              [(0.0, 0.4, 0.760), (0.4, 1.0, 0.660), (1.0, 2.33, 0.530), (2.33, 2.5, 0.485), (2.5, 3.5, 0.420), (3.5, 4.4, 0.380)],
              "Li-Sn two-phase plateaus at ambient temperature, Wang J., Raistrick I.D., Huggins R.A., J. Electrochem. Soc. 133 (1986) 457, "
              "as drawn in Huggins R.A., Handbook of Battery Materials 2nd ed. (Wiley-VCH 2011) ch. 14, Fig. 14.16 "
              "(Sn/Li2Sn5 760, Li2Sn5/LiSn 660, LiSn/Li7Sn3 530, Li7Sn3/Li5Sn2 485, to Li7Sn2 420, Li7Sn2/Li22Sn5 380 mV)",
              "compositions from the Li-Sn phase diagram (Li2Sn5 y=0.4, LiSn 1, Li7Sn3 2.33, Li5Sn2 2.5, Li7Sn2 3.5, Li22Sn5 4.4); "
              "the Li5Sn2/Li13Sn5/Li7Sn2 region is one 420 mV step; equilibrium values: a real Sn electrode delithiates ~0.05-0.1 V higher")
    staircase("Sb", "Sb", 3.0, [(0.0, 2.0, 0.956), (2.0, 3.0, 0.948)],
              "Li-Sb plateaus at 25 C, Sb/Li2Sb 0.956 V and Li2Sb/Li3Sb 0.948 V: Wang J., Raistrick I.D., Huggins R.A., "
              "J. Electrochem. Soc. 133 (1986) 457 (values as quoted in Huggins' reviews; not re-read from the paper here)",
              "equilibrium values; a real Sb electrode lithiates near 0.85 V and delithiates near 1.05 V")
    staircase("Al", "Al", 1.0, [(0.0, 0.08, 0.60), (0.08, 0.9, 0.385), (0.9, 1.0, 0.30)],
              "Al/LiAl two-phase plateau E = 451 - 0.220 T(K) mV (Wen C.J., Boukamp B.A., Huggins R.A., J. Electrochem. Soc. 126 "
              "(1979) 2258; Huggins, Handbook of Battery Materials 2011, Fig. 14.2) extrapolated to 298 K: 0.385 V; plateau "
              "range y = 0.08-0.9 (Table 14.1)",
              "the single-phase ends (alpha-Al below y = 0.08 at 0.60 V, beta-LiAl above y = 0.9 at 0.30 V) are placeholders that "
              "carry 18 % of the capacity without a source; the 0.385 V plateau is an extrapolation from 300-650 C")
    carbon_x = _cheb()
    y_max = 250.0 / 372.0
    coke = -0.132 + 1.41 * np.exp(-3.52 * carbon_x * y_max)
    _write("amorphous_carbon", carbon_x, coke, material="amorphous_carbon", role="anode", branch="open-circuit",
           quality="published-fit",
           source="petroleum coke (soft carbon) U = -0.132 + 1.41 exp(-3.52 y) V, y in LiyC6: Fuller T.F., Doyle M., Newman J., "
                  "J. Electrochem. Soc. 141 (1994) 1, evaluated",
           axis=f"x = y / {y_max:.5f} (250 mAh/g of the materials table = y {y_max:.4f} in LiyC6)",
           note="the fit reaches 0.000 V at y = 0.672", native_range=f"0, {y_max:.6f}")
    proxy("Ge", "Ge", sx, su, "Si (delithiation)", 0.50,
          "materials table: Obrovac & Chevrier, Chem. Rev. 114 (2014) 11444, Ge ~0.5 V average delithiation",
          "amorphous LixGe and LixSi both delithiate along a sloping single-phase profile; replace with a digitised Ge curve")
    proxy("SiO", "SiO", sx, su, "Si (delithiation)", 0.45,
          "materials table: Obrovac & Chevrier 2014, SiO ~0.45 V average delithiation",
          "after the first cycle SiO stores Li reversibly in its Si domains (Li4SiO4 is inert), so the Si shape is the "
          "physical proxy; replace with a digitised SiOx curve")
    _write("NCM90", nx, nu, material="NCM90", role="cathode", branch="as NMC811", quality="proxy",
           source="PROXY: the NMC811 curve (Chen2020) over its rated window, unshifted; no measured NCM90 (LiNi0.9Co0.05Mn0.05O2) "
                  "curve is shipped",
           axis="as NMC811", note="Ni-rich layered oxides share the H1-M-H2-H3 profile; replace with a digitised NCM90 curve")


if __name__ == "__main__":
    main()
