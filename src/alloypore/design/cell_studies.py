"""The review's cell-level trade-offs as studies on the whole chain (issue #16).

* :func:`capacity_optimum` - review Fig. 6a *as a cell*: for each Si content of the anode
  coating (dense Si in graphite by default) the compaction density is chosen to give the most
  energy under the electrode swelling cap and the manufacturing limits
  (:mod:`alloypore.cell.limits`); the cell's Wh/kg and Wh/L are reported against the anode's
  specific capacity, with the limit that binds at each point.
* :func:`closed_pores_dosage` - review Fig. 6c: Wh/kg and Wh/L against the closed-pore fraction
  at a **fixed electrolyte dosage** (g/Ah; its fill factor falls as pores open) and at a **fixed
  fill** (the electrolyte fills the accessible pores exactly; the dosage follows them).

Both evaluate one vectorised grid (:func:`alloypore.design.sweep.evaluate_columns`) and pick
from it; nothing is fitted.  Results, the comparison with the review and the reasons for each
difference: ``docs/studies.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore.cell import DesignSpec, example_spec, parse_spec
from alloypore.cell.limits import LIMIT_NAMES
from alloypore.design.sweep import evaluate_columns
from alloypore.errors import InputError, check_range
from alloypore.plotting import label_panels, new_figure

__all__ = ["CapacityOptimumResult", "capacity_optimum", "plot_capacity_optimum", "ClosedPoresDosageResult",
           "closed_pores_dosage", "plot_closed_pores_dosage", "dense_si_spec"]


def dense_si_spec(swelling_limit_pct: float = 5.0) -> DesignSpec:
    """The built-in example with dense Si particles (no pores) and the ``fill_pores`` swelling
    model (growth first fills the coating's pores, as in the review's Fig. 6a), swelling cap set."""
    d = example_spec().model_dump(exclude_none=True)
    d["name"] = "dense Si in graphite vs NMC811"
    d["particle"] = {"phases": [{"material": "Si", "mass_fraction": 1.0}], "porosity": 0.0,
                     "first_cycle_efficiency": 0.85, "primary_particle_size_nm": 100}
    d["electrode"].update(swelling_model="fill_pores", swelling_limit_pct=swelling_limit_pct)
    return parse_spec(d)


def _si_fraction(spec: DesignSpec) -> float:
    si = sum(p.mass_fraction for p in spec.particle.phases if p.material == "Si")
    if si <= 0:
        raise InputError("particle.phases", "(no Si)", "this study needs a Si phase in the particle")
    return si


def _composite_fractions(spec: DesignSpec, si_wt_pct) -> np.ndarray:
    si = np.asarray(si_wt_pct, dtype=float)
    w_c = si / 100.0 / _si_fraction(spec)
    free = 1.0 - spec.electrode.binder_mass_fraction - spec.electrode.conductive_mass_fraction
    if np.any(si < 0) or np.any(w_c > free):
        raise InputError("--si", float(np.max(si)), f"allowed 0 <= Si wt% <= {100 * free * _si_fraction(spec):.3g} for this particle")
    return w_c


def _stopping(cols, i: int, j: int | None, residual_porosity: float) -> str:
    """What stops the compaction at design ``i``: the limits that bind there, or that the next
    denser design ``j`` breaks (swelling cap, manufacturing limits, plating); ``"pores_full"``
    where the lithiated coating is down to its residual porosity (``fill_pores``: more compaction
    only swells the coating, the charged thickness and so the energy stay); ``"none"`` if the
    search box itself ends there."""
    names = [n for n in LIMIT_NAMES if n != "min_electrolyte_fill" and bool(cols[f"cell.binds_{n}"][i])]
    if cols["electrode.swelling_pct"][i] >= cols["electrode.swelling_limit_pct"][i] * (1 - 1e-3):
        names.append("swelling_cap")
    if cols["electrode.lithiated_porosity"][i] <= residual_porosity * (1 + 1e-3) and not names:
        names.append("pores_full")
    if j is not None and not names:
        names = [n for n in LIMIT_NAMES if n != "min_electrolyte_fill" and bool(cols[f"cell.binds_{n}"][j])]
        if not cols["electrode.swelling_limit_met"][j]:
            names.append("swelling_cap")
        if not cols["cell.plating_free"][j]:
            names.append("plating")
    return "+".join(names) or "none"


@dataclass
class CapacityOptimumResult:
    spec_name: str
    swelling_limit_pct: float
    objective: str
    table: dict = field(default_factory=dict)  # one row per Si content (the best compaction density)
    peak: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"spec": self.spec_name, "swelling_limit_pct": self.swelling_limit_pct, "objective": self.objective,
                "peak": self.peak, "table": self.table}


def capacity_optimum(spec: DesignSpec | None = None, *, swelling_limit_pct: float = 5.0, si_wt_pct=None,
                     compaction=(0.6, None, 241), objective: str = "cell.energy_density_Wh_L") -> CapacityOptimumResult:
    """Cell energy vs anode specific capacity, each Si content at its best compaction density.

    For each Si content (the coating's Si wt%; the composite fraction is ``Si / w_Si`` with
    graphite the remainder) the compaction density runs over ``compaction = (lo, hi, n)`` (hi
    default: ``[cell] max_anode_compaction_density_g_cm3``); the design with the largest
    ``objective`` among the feasible ones (swelling within the cap, manufacturable, no plating)
    is kept.  Default spec: :func:`dense_si_spec` (the review's Fig. 6a blend).
    """
    spec = dense_si_spec(swelling_limit_pct) if spec is None else spec
    spec = spec.model_copy(update={"electrode": spec.electrode.model_copy(update={"swelling_limit_pct": swelling_limit_pct})})
    si = np.linspace(0.0, 30.0, 61) if si_wt_pct is None else np.asarray(si_wt_pct, dtype=float)
    w_c = _composite_fractions(spec, si)
    lo, hi, n = compaction
    hi = spec.cell.max_anode_compaction_density_g_cm3 if hi is None else hi
    if not 0 < lo < hi or int(n) < 2:
        raise InputError("--compaction", f"{lo}:{hi}:{n}", "allowed 0 < lo < hi and n >= 2")
    cd = np.linspace(lo, hi, int(n))
    W, C = np.meshgrid(w_c, cd, indexing="ij")
    cols = evaluate_columns(spec, {"electrode.composite_mass_fraction": W.ravel(), "electrode.compaction_density_g_cm3": C.ravel()})
    if objective not in cols:
        raise InputError("--objective", objective, "a numeric result column, e.g. cell.energy_density_Wh_L")
    score = np.where(cols["feasible"], cols[objective], -np.inf).reshape(W.shape)
    # among equal energies (fill_pores: past the point where the lithiated coating is at its
    # residual porosity the charged thickness no longer falls) the least compacted coating
    top = np.max(score, axis=1, keepdims=True)
    best = np.argmax(score >= top - 1e-9 * np.abs(top), axis=1)
    rows = np.arange(len(si)) * len(cd) + best
    ok = np.isfinite(score[np.arange(len(si)), best])
    keys = {"anode_capacity_mAh_g": "electrode.specific_capacity_mAh_g", "compaction_density_g_cm3": "electrode.compaction_density_g_cm3",
            "electrode_porosity": "electrode.porosity", "swelling_pct": "electrode.swelling_pct",
            "energy_density_Wh_kg": "cell.energy_density_Wh_kg", "energy_density_Wh_L": "cell.energy_density_Wh_L",
            "stack_energy_density_Wh_kg": "cell.stack_energy_density_Wh_kg", "stack_energy_density_Wh_L": "cell.stack_energy_density_Wh_L",
            "electrolyte_g_Ah": "cell.electrolyte_g_Ah"}
    table = {"si_wt_pct": si, "feasible": ok}
    for k, c in keys.items():
        table[k] = np.where(ok, np.asarray(cols[c], dtype=float)[rows], np.nan)
    nxt = [int(r) + 1 if b + 1 < len(cd) else None for r, b in zip(rows, best)]
    res_eps = spec.electrode.min_porosity
    table["binding"] = np.array([_stopping(cols, int(r), j, res_eps) if good else "infeasible" for r, j, good in zip(rows, nxt, ok)])
    peak = {}
    if ok.any():
        j = int(np.nanargmax(np.where(ok, table[objective.split(".", 1)[1]], np.nan)))
        peak = {k: (v[j].item() if hasattr(v[j], "item") else v[j]) for k, v in table.items()}
    return CapacityOptimumResult(spec.name, float(swelling_limit_pct), objective, table, peak)


def plot_capacity_optimum(res: CapacityOptimumResult):
    t = res.table
    fig, axs = new_figure(11.0, 3.8, ncols=3)
    q = t["anode_capacity_mAh_g"]
    for ax, key, lab in ((axs[0], "energy_density_Wh_L", "cell Wh/L"), (axs[1], "energy_density_Wh_kg", "cell Wh/kg")):
        for b in dict.fromkeys(t["binding"]):
            m = t["binding"] == b
            ax.plot(q[m], t[key][m], "o", ms=3, label=b)
        ax.plot(q, t[key], "-", color="0.6", lw=0.8)
        ax.set_xlabel("anode specific capacity (mAh/g of coating)")
        ax.set_ylabel(lab)
    if res.peak:
        axs[0].axvline(res.peak["anode_capacity_mAh_g"], color="k", ls="--", lw=0.8)
    axs[0].legend(fontsize=7, title="binding limit", title_fontsize=7)
    axs[2].plot(t["si_wt_pct"], t["compaction_density_g_cm3"], "-", label="compaction density (g/cm3)")
    axs[2].plot(t["si_wt_pct"], 10 * t["electrode_porosity"], "--", label="electrode porosity x 10")
    axs[2].set_xlabel("Si in the coating (wt%)")
    axs[2].legend(fontsize=7)
    axs[0].set_title(f"{res.spec_name}: swelling <= {res.swelling_limit_pct:g} %", fontsize=8)
    return fig


@dataclass
class ClosedPoresDosageResult:
    spec_name: str
    si_wt_pct: float
    dosage_g_Ah: float
    table: dict = field(default_factory=dict)
    compaction_density_g_cm3: float = float("nan")

    def to_dict(self) -> dict:
        return {"spec": self.spec_name, "si_wt_pct": self.si_wt_pct, "dosage_g_Ah": self.dosage_g_Ah,
                "compaction_density_g_cm3": self.compaction_density_g_cm3, "table": self.table}


def closed_pores_dosage(spec: DesignSpec | None = None, *, si_wt_pct: float = 15.0, dosage_g_Ah: float = 2.0,
                        n: int = 11, compaction_density_g_cm3: float | None = None) -> ClosedPoresDosageResult:
    """Wh/kg, Wh/L vs closed-pore fraction at a fixed dosage (g/Ah) and at a fixed fill (excess 1).

    The coating is compacted to ``compaction_density_g_cm3``, by default the densest one the
    swelling cap and the manufacturing limits allow for this Si content (:func:`capacity_optimum`).

    At a fixed dosage the electrolyte mass per Ah does not change; closing pores raises its fill
    factor (fewer accessible pores), opening them can leave pores dry (``fill < min_electrolyte_fill``:
    not manufacturable).  At a fixed fill the dosage follows the accessible pores.
    """
    spec = example_spec() if spec is None else spec
    if spec.particle.porosity is None and spec.particle.pore_volume_cm3_g is None:
        raise InputError("particle.porosity", None, "the closed-pores study needs a porous particle")
    if n < 2:
        raise InputError("--points", n, "allowed n >= 2")
    check_range("--dosage", dosage_g_Ah, 0.0, 100.0, lo_open=True, unit="g/Ah")  # a negative dosage ran before
    w_c = float(_composite_fractions(spec, [si_wt_pct])[0])
    fc = np.linspace(0.0, 1.0, int(n))
    base = spec.model_copy(update={"cell": spec.cell.model_copy(update={"electrolyte_g_Ah": None, "electrolyte_excess": 1.0})})
    if compaction_density_g_cm3 is None:  # the densest coating the limits allow, at the spec's closed fraction
        best = capacity_optimum(base, swelling_limit_pct=spec.electrode.swelling_limit_pct, si_wt_pct=[si_wt_pct])
        if not best.peak:
            raise InputError("--si", si_wt_pct, "no compaction density meets the swelling cap and the manufacturing limits")
        compaction_density_g_cm3 = best.peak["compaction_density_g_cm3"]
    base = base.model_copy(update={"electrode": base.electrode.model_copy(update={"compaction_density_g_cm3": compaction_density_g_cm3})})
    fill = evaluate_columns(base, {"electrode.composite_mass_fraction": np.full(fc.shape, w_c), "particle.closed_pore_fraction": fc})
    dosed = evaluate_columns(base, {"electrode.composite_mass_fraction": np.full(fc.shape, w_c), "particle.closed_pore_fraction": fc,
                                    "cell.electrolyte_g_Ah": np.full(fc.shape, float(dosage_g_Ah))})
    table = {"closed_pore_fraction": fc}
    for tag, cols in (("fill", fill), ("dosage", dosed)):
        for k in ("energy_density_Wh_kg", "energy_density_Wh_L", "stack_energy_density_Wh_kg", "electrolyte_g_Ah", "electrolyte_fill"):
            table[f"{k}_{tag}"] = np.asarray(cols[f"cell.{k}"], dtype=float)
        table[f"manufacturable_{tag}"] = np.asarray(cols["cell.manufacturable"], dtype=bool)
    return ClosedPoresDosageResult(spec.name, float(si_wt_pct), float(dosage_g_Ah), table, float(compaction_density_g_cm3))


def plot_closed_pores_dosage(res: ClosedPoresDosageResult):
    t = res.table
    x = t["closed_pore_fraction"]
    fig, axs = new_figure(11.0, 3.6, ncols=3)
    for tag, style, lab in (("fill", "o-", "fixed fill (electrolyte = accessible pores)"),
                            ("dosage", "s--", f"fixed dosage {res.dosage_g_Ah:g} g/Ah")):
        axs[0].plot(x, t[f"energy_density_Wh_kg_{tag}"], style, ms=3, label=lab)
        axs[1].plot(x, t[f"electrolyte_g_Ah_{tag}"], style, ms=3, label=lab)
        axs[2].plot(x, t[f"electrolyte_fill_{tag}"], style, ms=3, label=lab)
        bad = ~t[f"manufacturable_{tag}"]
        axs[0].plot(x[bad], t[f"energy_density_Wh_kg_{tag}"][bad], "x", color="C3", ms=6)
    axs[2].axhline(1.0, color="k", lw=0.8, ls=":")
    label_panels(axs, "closed-pore fraction", ("cell Wh/kg", "electrolyte g/Ah", "electrolyte fill (volume / accessible pores)"),
                 title=f"{res.spec_name}, {res.si_wt_pct:g} wt% Si (x: not manufacturable)", legend_fontsize=7)
    return fig
