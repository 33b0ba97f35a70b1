"""Cycling runs of a designed electrode through PyBaMM, porous vs dense side by side.

:func:`simulate_cycling` maps a design (:mod:`~alloypore.electrochem.mapping`), builds a
two-phase PyBaMM model (SPM, SPMe or DFN; ``"particle mechanics": "swelling only"`` for the
thickness change, optional ``"SEI": "reaction limited"``) and runs an experiment cycle by
cycle, returning plain arrays: the time series (voltage, current, capacity, anode thickness
change) and one row per cycle (discharge capacity and energy, thickness swing, Li lost to SEI
and the SEI volume).

Thickness change is reported from the pristine (fully delithiated) coating:
PyBaMM's ``"Negative electrode thickness change [m]"`` (relative to the initial state) plus
the change of the initial state itself, :func:`~alloypore.electrochem.anode_thickness_change_um`.

SEI: the reaction-limited model, ``j_sei = -j0 exp(-alpha F eta_sei / RT)``, has a rate
independent of the film thickness, so multiplying the alloy phase's ``j0`` by the wetted
share of its surface (``1 - closed_pore_fraction`` for a porous particle) is the same as
letting the SEI grow only on that share.  SEI volume per area,
``V = n_Li / z V_m`` (z = 2 Li per SEI, V_m = 9.585e-5 m3/mol, Yang et al. 2017), is the
irreversible swelling if all of it pushed outward (an upper bound: SEI in open pores fills
them first).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore import resources
from alloypore.cell.chain import evaluate_design
from alloypore.electrochem.mapping import (
    V_MAX,
    V_MIN,
    CompositeMapping,
    anode_thickness_change_um,
    composite_mapping,
)
from alloypore.electrochem._pybamm import recording_citations
from alloypore.electrochem.parameters import parameter_values, require_pybamm
from alloypore.errors import InputError
from alloypore.progress import progress

__all__ = [
    "CyclingResult",
    "simulate_cycling",
    "dense_variant",
    "default_experiment",
    "check_options",
    "MODELS",
    "MAX_CYCLES",
    "WINDOW_PLACEHOLDERS",
]

MODELS = ("SPM", "SPMe", "DFN")
MAX_CYCLES = 2000
#: wall time of one cycle by model (s, one design, 2-core machine) for the --cycles estimate
_SECONDS_PER_CYCLE = {"SPM": 0.5, "SPMe": 1.0, "DFN": 3.0}


def default_experiment(rate: str = "1C", v_min: float = V_MIN, v_max: float = V_MAX) -> list[str]:
    """One cycle: discharge to ``v_min``, charge to ``v_max``, hold to C/20 (CC-CV).

    The defaults are the NMC811 vs Si/graphite cell's 2.5/4.2 V; every other cell takes its
    window from its voltage curves (:func:`alloypore.electrochem.parameter_values`).
    """
    return [
        f"Discharge at {rate} until {v_min:g} V",
        f"Charge at {rate} until {v_max:g} V",
        f"Hold at {v_max:g} V until C/20",
    ]


def check_options(options: dict, *, field_name: str = "options") -> None:
    """Refuse, in one line, option sets that PyBaMM cannot build for a composite electrode.

    PyBaMM 26.10 raises ``ModelError`` (missing variable 'Negative primary SEI on cracks
    thickness [m]') for a two-phase electrode with ``"SEI on cracks": "true"``.
    """
    val = options.get("SEI on cracks", "false")
    vals = val if isinstance(val, (tuple, list)) else (val,)
    if any(v == "true" for v in vals):
        raise InputError(
            f"{field_name}.SEI on cracks",
            val,
            "not supported with a composite (two-phase) negative electrode in PyBaMM 26.x; allowed 'false'",
        )


@dataclass
class CyclingResult:
    """Arrays of one run (lab units; areal per cm2 of electrode)."""

    name: str
    model: str
    experiment: list[str]
    mapping: CompositeMapping
    initial_state: dict
    time_h: np.ndarray
    cycle: np.ndarray
    voltage_V: np.ndarray
    current_mA_cm2: np.ndarray  # > 0 discharge
    capacity_mAh_cm2: np.ndarray  # charge passed within the cycle (discharge positive)
    anode_thickness_change_um: np.ndarray  # from the pristine coating
    x_graphite: np.ndarray
    x_alloy: np.ndarray
    cycles: dict = field(default_factory=dict)  # per-cycle arrays
    dense: "CyclingResult | None" = None
    sei: bool = False
    ocp_sources: dict = field(default_factory=dict)  # phase -> where its OCP comes from
    citations: list = field(default_factory=list)  # pybamm.citations keys of the run(s)

    def summary(self) -> dict:
        """JSON-ready summary (numbers only, per cycle lists)."""
        c = self.cycles
        out = {
            "name": self.name,
            "model": self.model,
            "experiment": list(self.experiment),
            "sei": self.sei,
            "n_cycles": int(len(c["cycle"])),
            "chain_reversible_capacity_mAh_cm2": self.mapping.reversible_capacity_mAh_cm2,
            "chain_anode_capacity_mAh_cm2": self.mapping.anode_capacity_mAh_cm2,
            "discharge_capacity_mAh_cm2": [float(v) for v in c["discharge_capacity_mAh_cm2"]],
            "discharge_energy_mWh_cm2": [float(v) for v in c["discharge_energy_mWh_cm2"]],
            "capacity_retention": float(c["discharge_capacity_mAh_cm2"][-1] / c["discharge_capacity_mAh_cm2"][0])
            if c["discharge_capacity_mAh_cm2"][0] > 0
            else None,
            "anode_thickness_um": self.mapping.anode_thickness_um,
            "anode_thickness_change_max_um": float(np.max(self.anode_thickness_change_um)),
            "anode_thickness_swing_um": [float(v) for v in c["anode_thickness_swing_um"]],
            "sei_lithium_loss_mAh_cm2": [float(v) for v in c["sei_lithium_loss_mAh_cm2"]],
            "sei_volume_um": [float(v) for v in c["sei_volume_um"]],
            "mapping": self.mapping.to_dict(),
            "initial_state": {k: float(v) for k, v in self.initial_state.items()},
            "alloy": self.mapping.alloy_material,
            "blend": self.mapping.blend_material,
            "cathode": self.mapping.cathode,
            "voltage_window_V": [float(self.initial_state["voltage_min_V"]), float(self.initial_state["voltage_max_V"])],
            "ocp_sources": dict(self.ocp_sources),
            "pybamm_citations": list(self.citations),
        }
        if self.dense is not None:
            out["dense"] = {
                "anode_thickness_change_max_um": float(np.max(self.dense.anode_thickness_change_um)),
                "anode_thickness_swing_um": [float(v) for v in self.dense.cycles["anode_thickness_swing_um"]],
                "discharge_capacity_mAh_cm2": [float(v) for v in self.dense.cycles["discharge_capacity_mAh_cm2"]],
                "sei_lithium_loss_mAh_cm2": [float(v) for v in self.dense.cycles["sei_lithium_loss_mAh_cm2"]],
            }
        return out


def dense_variant(spec, *, first_cycle_efficiency: float | None = None):
    """The same design with dense particles (no intraparticle pores), all else unchanged.

    ``first_cycle_efficiency`` pins the particle's ICE (the porous design's modelled one, so that
    both runs start with the same lithium and differ only in where the growth goes; the
    wetted-surface model would otherwise give the dense particle its own ICE).
    """
    update = {"porosity": 0.0, "pore_volume_cm3_g": None, "closed_pore_fraction": 0.0}
    if first_cycle_efficiency is not None and spec.particle.first_cycle_efficiency is None:
        update["first_cycle_efficiency"] = float(first_cycle_efficiency)
    particle = spec.particle.model_copy(update=update)
    return spec.model_copy(update={"particle": particle, "name": f"{spec.name} (dense)"})


# What pybamm.Experiment raises on a step it cannot read (found by feeding it thousands of
# random steps): ValueError (most), ZeroDivisionError ("at 0C"), KeyError ("until 1 Ohm"),
# IndexError, and TypeError.
_EXPERIMENT_ERRORS = (ValueError, TypeError, LookupError, ArithmeticError)


#: Placeholders an experiment may use for the cell's own cut-offs (``"Discharge at C/20 until {v_min} V"``).
WINDOW_PLACEHOLDERS = ("{v_min}", "{v_max}")


def _fill_window(steps: list[str], v_min: float, v_max: float) -> list[str]:
    """Replace ``{v_min}`` / ``{v_max}`` in the steps by the cell's cut-offs (V)."""
    return [s.replace("{v_min}", f"{v_min:g}").replace("{v_max}", f"{v_max:g}") for s in steps]


def _parse_experiment(steps: list[str], cycles: int):
    pybamm = require_pybamm()
    try:
        return pybamm.Experiment([tuple(_fill_window(steps, 2.5, 4.2))] * cycles)
    except _EXPERIMENT_ERRORS as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(
            "--experiment",
            "; ".join(steps),
            f"steps like 'Discharge at 1C until 2.5 V' separated by ';' ({first[:120]})",
        ) from None


def _build(m: CompositeMapping, model: str, sei: bool, extra_options: dict | None):
    pybamm = require_pybamm()
    options = {"particle phases": ("2", "1"), "particle mechanics": "swelling only"}
    if sei:
        options["SEI"] = "reaction limited"
    options.update(extra_options or {})
    check_options(options)
    pv, init = parameter_values(m)
    cls = {"SPM": pybamm.lithium_ion.SPM, "SPMe": pybamm.lithium_ion.SPMe, "DFN": pybamm.lithium_ion.DFN}[model]
    return cls(options), pv, init


def _run_one(result, *, steps, cycles, model, sei, extra_options, show, label):
    """One design through PyBaMM; ``steps=None``: the default experiment in the design's window."""
    pybamm = require_pybamm()
    m = composite_mapping(result)
    pmodel, pv, init = _build(m, model, sei, extra_options)
    sources = init.pop("ocp_sources")
    if steps is None:
        steps = default_experiment("1C", init["voltage_min_V"], init["voltage_max_V"])
    steps = _fill_window(steps, init["voltage_min_V"], init["voltage_max_V"])
    one_cycle = _parse_experiment(steps, 1)
    sim = pybamm.Simulation(pmodel, parameter_values=pv, experiment=one_cycle)
    sol = None
    it = range(cycles)
    if show:
        it = progress(it, description=f"cycling {label}", total=cycles)
    for k in it:
        try:
            new = sim.solve(starting_solution=sol) if sol is not None else sim.solve()
        except pybamm.SolverError as err:
            if sol is None:
                raise InputError(
                    "--experiment", "; ".join(steps), f"PyBaMM could not solve the first cycle ({str(err)[:100]})"
                ) from None
            break  # keep the completed cycles
        if not getattr(new, "cycles", None):  # PyBaMM skipped every step (an EmptySolution)
            if sol is None:
                raise InputError("--experiment", "; ".join(steps), "infeasible from the start: PyBaMM skipped every "
                                 "step (a cut-off the cell is already past, e.g. discharge until a voltage above the OCV)")
            break
        sol = new
        if len(sol.cycles) < k + 1 or sol.cycles[-1] is None:
            break  # PyBaMM stopped the experiment (e.g. capacity or voltage limit)
    out = _collect(sol, m, init, model, steps, sei, result.spec.name)
    out.ocp_sources = sources
    return out


def _collect(sol, m, init, model, steps, sei, name) -> CyclingResult:
    x1_0, x2_0 = init["x_graphite"], init["x_alloy"]
    offset = float(anode_thickness_change_um(m, x1_0, x2_0))
    t, cyc, v, i, cap, dl, x1, x2 = ([] for _ in range(8))
    rows = {k: [] for k in ("cycle", "discharge_capacity_mAh_cm2", "discharge_energy_mWh_cm2", "charge_capacity_mAh_cm2",
                            "anode_thickness_swing_um", "anode_thickness_max_um", "sei_lithium_loss_mAh_cm2",
                            "sei_alloy_lithium_loss_mAh_cm2", "sei_volume_um")}
    z_sei, vm_sei = 2.0, 9.585e-05
    for k, c in enumerate(sol.cycles):
        if c is None:
            continue
        tt = c["Time [h]"].entries
        ii = c["Current [A]"].entries * 1e3  # mA per cm2 (1 cm2 cell)
        vv = c["Voltage [V]"].entries
        th = c["Negative electrode thickness change [m]"].entries * 1e6 + offset
        qq = np.concatenate([[0.0], np.cumsum(0.5 * (ii[1:] + ii[:-1]) * np.diff(tt))])
        dis = np.clip(ii, 0, None)
        chg = np.clip(-ii, 0, None)
        dt = np.diff(tt)
        rows["cycle"].append(k + 1)
        rows["discharge_capacity_mAh_cm2"].append(float(np.sum(0.5 * (dis[1:] + dis[:-1]) * dt)))
        pw = dis * vv
        rows["discharge_energy_mWh_cm2"].append(float(np.sum(0.5 * (pw[1:] + pw[:-1]) * dt)))
        rows["charge_capacity_mAh_cm2"].append(float(np.sum(0.5 * (chg[1:] + chg[:-1]) * dt)))
        rows["anode_thickness_swing_um"].append(float(th.max() - th.min()))
        rows["anode_thickness_max_um"].append(float(th.max()))
        if sei:
            loss_ah = float(c["Loss of capacity to negative SEI [A.h]"].entries[-1])
            loss_mol = float(c["Loss of lithium to negative SEI [mol]"].entries[-1])
            loss_alloy_ah = float(c["Loss of capacity to negative secondary SEI [A.h]"].entries[-1])
        else:
            loss_ah = loss_mol = loss_alloy_ah = 0.0
        rows["sei_lithium_loss_mAh_cm2"].append(loss_ah * 1e3)
        rows["sei_alloy_lithium_loss_mAh_cm2"].append(loss_alloy_ah * 1e3)
        rows["sei_volume_um"].append(loss_mol / z_sei * vm_sei / 1e-4 * 1e6)
        t.append(tt)
        cyc.append(np.full(tt.shape, k + 1))
        v.append(vv)
        i.append(ii)
        cap.append(qq)
        dl.append(th)
        x1.append(c["R-averaged negative primary particle stoichiometry"].entries.mean(axis=0))
        x2.append(c["R-averaged negative secondary particle stoichiometry"].entries.mean(axis=0))
    return CyclingResult(
        name=name,
        model=model,
        experiment=list(steps),
        mapping=m,
        initial_state=init,
        time_h=np.concatenate(t),
        cycle=np.concatenate(cyc),
        voltage_V=np.concatenate(v),
        current_mA_cm2=np.concatenate(i),
        capacity_mAh_cm2=np.concatenate(cap),
        anode_thickness_change_um=np.concatenate(dl),
        x_graphite=np.concatenate(x1),
        x_alloy=np.concatenate(x2),
        cycles={k: np.asarray(val) for k, val in rows.items()},
        sei=sei,
    )


def simulate_cycling(
    spec=None,
    *,
    experiment: str | list[str] | None = None,
    cycles: int = 1,
    model: str = "SPM",
    sei: bool = False,
    compare_dense: bool = True,
    options: dict | None = None,
    show_progress: bool = True,
) -> CyclingResult:
    """Cycle a designed electrode in PyBaMM (and the same design with dense particles).

    Parameters
    ----------
    spec : DesignSpec, dict or None (the built-in example).
    experiment : one cycle's steps, a list or a ';'-separated string
        (default :func:`default_experiment` in the cell's voltage window); repeated ``cycles`` times.
        ``{v_min}`` and ``{v_max}`` stand for the cell's cut-offs (from its voltage curves).
    cycles : number of cycles, 1..MAX_CYCLES.
    model : "SPM", "SPMe" or "DFN".
    sei : add reaction-limited SEI growth, scaled on the alloy by the wetted share.
    compare_dense : also run the design with dense particles (``result.dense``).
    options : extra PyBaMM model options (checked by :func:`check_options`).

    Returns
    -------
    CyclingResult
    """
    require_pybamm()
    if model not in MODELS:
        raise InputError("--model", model, f"allowed: {', '.join(MODELS)}")
    try:
        n = int(cycles)
    except (TypeError, ValueError):
        raise InputError("--cycles", cycles, f"allowed 1 <= cycles <= {MAX_CYCLES}") from None
    if not 1 <= n <= MAX_CYCLES or n != cycles:
        raise InputError("--cycles", cycles, f"allowed 1 <= cycles <= {MAX_CYCLES}")
    runs = n * (2 if compare_dense else 1)  # rough cost per cycle, measured on 2 cores (docs/reliability.md)
    resources.check("--cycles", cycles, resources.Estimate(2e6 * runs, _SECONDS_PER_CYCLE[model] * runs,
                                                           f"{runs} {model} cycles"))
    if experiment is None:
        steps = None  # the cell's own window, known once its curves are set up
    elif isinstance(experiment, str):
        steps = [s.strip() for s in experiment.replace("\n", ";").split(";") if s.strip()]
    else:
        steps = [str(s).strip() for s in experiment if str(s).strip()]
    if steps is not None and not steps:
        raise InputError("--experiment", experiment, "at least one step, e.g. 'Discharge at 1C until 2.5 V'")
    check_options(options or {})
    result = evaluate_design(spec)
    composite_mapping(result)  # refuse unsupported designs before any PyBaMM work
    if steps is not None:
        _parse_experiment(steps, 1)
    kw = dict(cycles=n, model=model, sei=sei, extra_options=options, show=show_progress)
    with recording_citations() as cited:
        out = _run_one(result, steps=steps, label="porous", **kw)
        if compare_dense and float(result.particle.porosity) > 0:
            ice = result.notes.get("first_cycle_loss", {}).get("first_cycle_efficiency")
            dense = dense_variant(result.spec, first_cycle_efficiency=ice)
            out.dense = _run_one(evaluate_design(dense), steps=out.experiment, label="dense", **kw)
    out.citations = cited
    return out
