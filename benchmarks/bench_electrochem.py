"""Electrochemistry benchmark: alloypore's design -> PyBaMM bridge vs stock PyBaMM, and SPM/SPMe/DFN.

1. Stock PyBaMM (what a user would otherwise run): the shipped Bonkile2024 composite set, SPM with
   swelling, a 1C discharge; vs alloypore's mapped example design, same model and step.  Prints
   the run times (ratio = overhead of the mapping) and the anode thickness change each predicts
   (stock: linear Si volume change, no pores; alloypore: the chain's pore-aware budget).
2. The same design in SPM, SPMe and DFN (DFN only here, never in the tests): capacity at 1C and
   run time, ratios to SPM.
3. A cell off the Si/NMC811 path (porous Sn-C in graphite vs LFP: a walled Interpolant for Sn, PyBaMM's
   Prada2013 LFP, the window from the curves) vs stock PyBaMM's Prada2013 (graphite/LFP) cell, 1C SPM:
   run times and the ratio (the overhead of the curve-built parameters and window).

Run: ``.venv/bin/python benchmarks/bench_electrochem.py``
"""

import time

from alloypore.cell import example_spec, parse_spec
from alloypore.electrochem import require_pybamm, simulate_cycling

pybamm = require_pybamm()  # PyBaMM without its telemetry prompt (as alloypore cycle imports it)


def stock_1c():
    t0 = time.perf_counter()
    pv = pybamm.ParameterValues("Bonkile2024")
    model = pybamm.lithium_ion.SPM({"particle phases": ("2", "1"), "particle mechanics": "swelling only"})
    sol = pybamm.Simulation(model, parameter_values=pv,
                            experiment=pybamm.Experiment(["Discharge at 1C until 2.5 V"])).solve()
    dt = time.perf_counter() - t0
    dl = sol["Negative electrode thickness change [m]"].entries * 1e6
    L = pv["Negative electrode thickness [m]"] * 1e6
    return dt, float(dl[0] - dl[-1]), L


def ours(model, dense=True):
    t0 = time.perf_counter()
    r = simulate_cycling(experiment="Discharge at 1C until 2.5 V", model=model, compare_dense=dense,
                         show_progress=False)
    return time.perf_counter() - t0, r


def main():
    stock_1c()  # warm up (imports, casadi)
    ours("SPM", dense=False)
    t_stock, swing_stock, L_stock = stock_1c()
    t_ours, r = ours("SPM", dense=False)
    sw = r.anode_thickness_change_um[0] - r.anode_thickness_change_um[-1]
    print(f"[1] 1C discharge, SPM + swelling: stock Bonkile2024 {t_stock:.2f} s, alloypore design {t_ours:.2f} s "
          f"(ratio alloypore/stock {t_ours / t_stock:.2f})")
    print(f"    thickness swing: stock {swing_stock:.2f} um of {L_stock:.1f} um "
          f"({100 * swing_stock / L_stock:.1f} %), alloypore porous design {sw:.2f} um of "
          f"{r.mapping.anode_thickness_um:.1f} um ({100 * sw / r.mapping.anode_thickness_um:.1f} %)")
    _, rd = ours("SPM", dense=True)
    swd = rd.dense.anode_thickness_change_um[0] - rd.dense.anode_thickness_change_um[-1]
    print(f"    same design with dense particles (PyBaMM's kinematic rule, no pores): {swd:.2f} um; "
          f"porous/dense swing ratio {sw / swd:.3f}")
    base = None
    for name in ("SPM", "SPMe", "DFN"):
        dt, rr = ours(name, dense=False)
        q = rr.cycles["discharge_capacity_mAh_cm2"][0]
        if base is None:
            base = (dt, q)
        print(f"[2] {name:4s}: 1C capacity {q:.4f} mAh/cm2 (chain {rr.mapping.reversible_capacity_mAh_cm2:.4f}), "
              f"{dt:.2f} s; ratio to SPM: time {dt / base[0]:.2f}, capacity {q / base[1]:.4f}")
    tin_lfp()


def tin_lfp():
    d = example_spec().model_dump()
    d["particle"].update(phases=[{"material": "Sn", "mass_fraction": 0.6},
                                 {"material": "amorphous_carbon", "mass_fraction": 0.4}], porosity=0.4)
    d["electrode"].update(composite_mass_fraction=0.3, graphite_mass_fraction=0.65)
    d["cell"].update(cathode="LFP")
    t0 = time.perf_counter()
    r = simulate_cycling(parse_spec(d), experiment="Discharge at 1C until {v_min} V", compare_dense=False,
                         show_progress=False)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=pybamm.ParameterValues("Prada2013"),
                      experiment=pybamm.Experiment(["Discharge at 1C until 2.0 V"])).solve()
    t_stock = time.perf_counter() - t0
    q = r.cycles["discharge_capacity_mAh_cm2"][0]
    print(f"[3] Sn-C vs LFP (window {r.initial_state['voltage_min_V']:g}-{r.initial_state['voltage_max_V']:g} V), 1C SPM: "
          f"alloypore {t_ours:.2f} s, stock Prada2013 {t_stock:.2f} s (ratio {t_ours / t_stock:.2f}); "
          f"capacity {q:.4f} of the chain's {r.mapping.reversible_capacity_mAh_cm2:.4f} mAh/cm2")


if __name__ == "__main__":
    main()
