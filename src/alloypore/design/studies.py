"""Named studies of the review's Fig. 6 and of the porosity each material needs.

* :func:`blend_swelling` - graphite/Si blend volumetric capacity vs Si content under an
  electrode swelling limit, with the exact volume balance and the linearised "porosity
  budget" side by side (review Fig. 6a, its ref. 14).
* :func:`closed_pores` - Wh/kg, Wh/L and electrolyte g/Ah vs closed-pore fraction at
  fixed porosity for a few Si contents (review Fig. 6b-c, its ref. 94), on the chain.
* :func:`required_porosity_table` / :func:`outward_expansion_curves` - for every active
  material the porosity that absorbs its full expansion, ``beta/(1+beta)``, on both
  expansion bases, and the outward expansion against porosity.

Blend model (per gram of active blend, Si mass fraction ``x``, graphite ``1 - x``)::

    Q(x)   = x Q_Si + (1-x) Q_g                                  mAh/g
    v_s(x) = x/rho_Si + (1-x)/rho_g                              cm3/g (solid)
    e(x)   = (x beta_Si/rho_Si + (1-x) beta_g/rho_g) / v_s       solid volume growth (exact)

The electrode is constrained in-plane, so its thickness grows with its volume; the
solid growth first fills the electrode porosity ``eps``, and the coating may swell by
at most ``s`` (0.05):

* exact:      v_s (1 + e) <= (1 + s) v_s / (1 - eps)   =>  eps >= (e - s)/(1 + e)
* linearised: eps >= e_lin - s,  e_lin = x beta_Si + (1-x) beta_g (rule of mixtures
  by weight; the growth to absorb measured against the solid volume instead of the
  electrode volume - first order in e and s)

and the pristine volumetric capacity is ``C = Q (1 - eps) / v_s``.  Exactly,
``C = (1 + s) Q / (v_s (1 + e))`` = (1+s) x capacity per lithiated solid volume, a ratio
of two linear functions of x that rises monotonically whenever Si holds more capacity
per lithiated volume than graphite (2190 vs 770 mAh/cm3): the exact balance has no
interior optimum.  The linearised porosity ``e_lin - s`` overestimates the exact one
by the factor ``(1 + e)``; ``Q (1 + s - e_lin)`` is a downward parabola in x, hence the
peak near 12 wt% Si.  See ``docs/studies.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from alloypore import resources
from alloypore._io import atomic_output_dir
from alloypore.cell import evaluate_design, example_spec
from alloypore.cell.electrolytes import get_electrolyte
from alloypore.design.sweep import evaluate_columns
from alloypore.errors import InputError, check_range
from alloypore.materials import DEFAULT_EXPANSION_BASIS, get_material, list_materials
from alloypore.particle import particle_arrays
from alloypore.particle.model import PhaseProps
from alloypore.plotting import label_panels, new_figure, save_figure

__all__ = [
    "BlendInputs",
    "blend_alloys",
    "blend_inputs",
    "blend_swelling",
    "blend_swelling_arrays",
    "BlendSwellingResult",
    "closed_pores",
    "ClosedPoresResult",
    "required_porosity_table",
    "outward_expansion_curves",
    "plot_blend_swelling",
    "plot_closed_pores",
    "plot_required_porosity",
    "write_study",
]


@dataclass(frozen=True)
class BlendInputs:
    alloy: str
    carbon: str
    alloy_capacity_mAh_g: float
    alloy_density_g_cm3: float
    alloy_expansion: float  # fraction
    carbon_capacity_mAh_g: float
    carbon_density_g_cm3: float
    carbon_expansion: float
    basis: str


def blend_inputs(alloy: str = "Si", carbon: str = "graphite", basis: str = DEFAULT_EXPANSION_BASIS) -> BlendInputs:
    """Material inputs of the blend study; ``basis="quoted"`` takes the review's expansions
    (Si 280 %, graphite 10 %), ``"crystallographic"`` the computed ones (280.8 %, 12.3 %)."""
    if basis not in ("quoted", "crystallographic"):
        raise InputError("--basis", basis, "one of 'quoted', 'crystallographic'")
    a, c = get_material(alloy, field="--alloy"), get_material(carbon, field="--carbon")
    if a.kind != "alloy" or a.capacity_mAh_g <= 0:
        raise InputError("--alloy", alloy, f"must be an alloying material ({', '.join(blend_alloys())}); "
                         f"{a.name} is listed as {a.kind}")
    if c.kind != "carbon":
        raise InputError("--carbon", carbon, f"must be a carbon material; {c.name} is listed as {c.kind}")
    return BlendInputs(a.name, c.name, a.capacity_mAh_g, a.density_g_cm3, a.expansion(basis),
                       c.capacity_mAh_g, c.density_g_cm3, c.expansion(basis), basis)


def blend_alloys() -> list[str]:
    """Names of the materials a blend study can take as its alloy (active, with a capacity)."""
    return [m.name for m in list_materials() if m.kind == "alloy" and m.capacity_mAh_g > 0]


def blend_swelling_arrays(x, inp: BlendInputs, swelling_limit_pct: float = 5.0) -> dict[str, np.ndarray]:
    """Both variants of the blend model at alloy mass fractions ``x`` (array in [0, 1])."""
    x = np.asarray(x, dtype=float)
    s = swelling_limit_pct / 100.0
    q = x * inp.alloy_capacity_mAh_g + (1 - x) * inp.carbon_capacity_mAh_g
    v_s = x / inp.alloy_density_g_cm3 + (1 - x) / inp.carbon_density_g_cm3
    e = (x * inp.alloy_expansion / inp.alloy_density_g_cm3 + (1 - x) * inp.carbon_expansion / inp.carbon_density_g_cm3) / v_s
    e_lin = x * inp.alloy_expansion + (1 - x) * inp.carbon_expansion
    eps = np.maximum((e - s) / (1 + e), 0.0)
    eps_lin = np.maximum(e_lin - s, 0.0)
    c_exact = q * (1 - eps) / v_s
    with np.errstate(invalid="ignore"):
        c_lin = np.where(eps_lin < 1.0, q * (1 - eps_lin) / v_s, np.nan)
    return {
        "alloy_wt_pct": 100 * x,
        "capacity_mAh_g": q,
        "solid_density_g_cm3": 1 / v_s,
        "solid_expansion_pct": 100 * e,
        "solid_expansion_linear_pct": 100 * e_lin,
        "porosity_exact": eps,
        "porosity_linear": eps_lin,
        "volumetric_capacity_exact_mAh_cm3": c_exact,
        "volumetric_capacity_linear_mAh_cm3": c_lin,
    }


@dataclass
class BlendSwellingResult:
    inputs: BlendInputs
    swelling_limit_pct: float
    table: dict
    linear_peak: dict
    exact_peak: dict
    exact_monotonic: bool

    def to_dict(self) -> dict:
        return {
            "inputs": self.inputs.__dict__,
            "swelling_limit_pct": self.swelling_limit_pct,
            "linear_peak": self.linear_peak,
            "exact_peak": self.exact_peak,
            "exact_keeps_rising": self.exact_monotonic,
            "table": self.table,
        }


def blend_swelling(
    alloy: str = "Si",
    carbon: str = "graphite",
    *,
    swelling_limit_pct: float = 5.0,
    basis: str = DEFAULT_EXPANSION_BASIS,
    max_alloy_wt_pct: float = 40.0,
    n: int = 81,
) -> BlendSwellingResult:
    """Blend volumetric capacity vs alloy content, exact and linearised (see module doc).

    Returns the table on ``n`` points of ``0 .. max_alloy_wt_pct`` and the peaks: the
    linearised peak is refined by a bounded scalar search; the exact one is the largest
    value on the range, flagged ``at_range_end`` when the curve keeps rising.
    """
    from scipy.optimize import minimize_scalar  # scipy.optimize: heavy, only for this study

    check_range("--swelling-limit", swelling_limit_pct, 0.0, 100.0, lo_open=True, unit="%")
    check_range("--max-alloy", max_alloy_wt_pct, 0.0, 100.0, lo_open=True, unit="wt%")
    if n < 3:
        raise InputError("--points", n, "allowed n >= 3")
    resources.check("--points", n, resources.array_estimate(40.0 * n, what=f"{n:.3g} blend points"))
    inp = blend_inputs(alloy, carbon, basis)
    x = np.linspace(0.0, max_alloy_wt_pct / 100.0, n)
    table = blend_swelling_arrays(x, inp, swelling_limit_pct)

    def at(xv):
        return {k: float(v) for k, v in blend_swelling_arrays(np.array(xv), inp, swelling_limit_pct).items()}

    c_lin = table["volumetric_capacity_linear_mAh_cm3"]
    i = int(np.nanargmax(c_lin))
    lo, hi = x[max(i - 1, 0)], x[min(i + 1, n - 1)]
    r = minimize_scalar(lambda v: -at(v)["volumetric_capacity_linear_mAh_cm3"], bounds=(lo, hi), method="bounded",
                        options={"xatol": 1e-10})
    lin = at(r.x)
    lin["at_range_end"] = bool(i == n - 1)
    c_ex = table["volumetric_capacity_exact_mAh_cm3"]
    j = int(np.argmax(c_ex))
    ex = at(x[j])
    ex["at_range_end"] = bool(j == n - 1)
    rising = bool(np.all(np.diff(c_ex) > 0))
    return BlendSwellingResult(inp, swelling_limit_pct, table, lin, ex, rising)


def plot_blend_swelling(res: BlendSwellingResult):
    t = res.table
    fig, (a1, a2) = new_figure(9.0, 3.8, ncols=2)
    a1.plot(t["alloy_wt_pct"], t["volumetric_capacity_exact_mAh_cm3"], "-", color="C0", label="exact volume balance")
    a1.plot(t["alloy_wt_pct"], t["volumetric_capacity_linear_mAh_cm3"], "--", color="C1", label="linearised porosity budget")
    p = res.linear_peak
    a1.plot([p["alloy_wt_pct"]], [p["volumetric_capacity_linear_mAh_cm3"]], "o", color="C1")
    a1.annotate(f"{p['alloy_wt_pct']:.2f} wt%, {p['capacity_mAh_g']:.0f} mAh/g",
                (p["alloy_wt_pct"], p["volumetric_capacity_linear_mAh_cm3"]), textcoords="offset points", xytext=(6, -14),
                fontsize=8)
    a1.set_xlabel(f"{res.inputs.alloy} in active blend (wt%)")
    a1.set_ylabel("volumetric capacity, pristine electrode (mAh/cm3)")
    a1.set_title(f"swelling limit {res.swelling_limit_pct:g} % ({res.inputs.basis} expansions)", fontsize=9)
    a1.legend(fontsize=8)
    a2.plot(t["alloy_wt_pct"], 100 * t["porosity_exact"], "-", color="C0", label="exact (e - s)/(1 + e)")
    a2.plot(t["alloy_wt_pct"], 100 * t["porosity_linear"], "--", color="C1", label="linearised e - s")
    a2.set_xlabel(f"{res.inputs.alloy} in active blend (wt%)")
    a2.set_ylabel("electrode porosity needed (%)")
    a2.set_ylim(0, 100)
    a2.legend(fontsize=8)
    return fig


# ---------------------------------------------------------------------------
# closed pores


@dataclass
class ClosedPoresResult:
    spec_name: str
    si_wt_pct: list
    table: dict = field(default_factory=dict)  # column -> flat array (si outer, closed inner)

    def to_dict(self) -> dict:
        return {"spec": self.spec_name, "si_wt_pct": self.si_wt_pct, "table": self.table}


def closed_pores(spec=None, *, si_wt_pct=(5.0, 10.0, 15.0, 20.0), n: int = 11) -> ClosedPoresResult:
    """Cell Wh/kg, Wh/L and electrolyte g/Ah vs closed-pore fraction (0..1) at the spec's porosity.

    The Si content is the Si mass fraction of the anode coating; it is set through the
    composite fraction ``w_c = Si / w_Si,particle`` with graphite taking the remainder.
    Electrolyte fills the open intraparticle pores only, so closing pores removes
    ``loading x w_c x v_p x excess`` cm3/cm2 of electrolyte at no change in volume.
    """
    spec = example_spec() if spec is None else spec
    if spec.particle.porosity is None and spec.particle.pore_volume_cm3_g is None:
        raise InputError("particle.porosity", None, "the closed-pores study needs a porous particle")
    if spec.cell.electrolyte_g_Ah is not None:
        raise InputError("cell.electrolyte_g_Ah", spec.cell.electrolyte_g_Ah,
                         "a fixed dosage hides the effect of closed pores; remove it from the spec")
    si_frac = sum(p.mass_fraction for p in spec.particle.phases if p.material in ("Si",))
    if si_frac <= 0:
        raise InputError("particle.phases", "(no Si)", "the closed-pores study needs a Si phase")
    if n < 2:
        raise InputError("--points", n, "allowed n >= 2")
    resources.check("--points", n, resources.designs_estimate(float(n) * len(si_wt_pct), "study"))
    si = np.asarray(si_wt_pct, dtype=float)
    w_c = si / 100.0 / si_frac
    free = 1.0 - spec.electrode.binder_mass_fraction - spec.electrode.conductive_mass_fraction
    if not np.all(np.isfinite(si)) or np.any(si <= 0) or np.any(w_c > free):
        raise InputError("--si", si_wt_pct, f"allowed 0 < Si wt% <= {100 * free * si_frac:.3g} for this particle")
    fc = np.linspace(0.0, 1.0, n)
    W, F = np.meshgrid(w_c, fc, indexing="ij")
    cols = evaluate_columns(spec, {"electrode.composite_mass_fraction": W.ravel(), "particle.closed_pore_fraction": F.ravel()})
    table = {
        "si_wt_pct": np.repeat(si, n),
        "closed_pore_fraction": F.ravel(),
        "composite_mass_fraction": W.ravel(),
        "energy_density_Wh_kg": cols["cell.energy_density_Wh_kg"],
        "energy_density_Wh_L": cols["cell.energy_density_Wh_L"],
        "electrolyte_g_Ah": cols["cell.electrolyte_g_Ah"],
        "swelling_pct": cols["electrode.swelling_pct"],
        "feasible": cols["feasible"],
    }
    return ClosedPoresResult(spec.name, si.tolist(), table)


def plot_closed_pores(res: ClosedPoresResult):
    t = res.table
    fig, axs = new_figure(11.0, 3.6, ncols=3)
    for k, si in enumerate(res.si_wt_pct):
        m = t["si_wt_pct"] == si
        for ax, key in zip(axs, ("energy_density_Wh_kg", "energy_density_Wh_L", "electrolyte_g_Ah")):
            ax.plot(t["closed_pore_fraction"][m], t[key][m], "o-", ms=3, color=f"C{k}", label=f"{si:g} wt% Si")
            bad = m & ~t["feasible"]
            ax.plot(t["closed_pore_fraction"][bad], t[key][bad], "x", color="C3", ms=6)
    label_panels(axs, "closed-pore fraction", ("cell Wh/kg", "cell Wh/L", "electrolyte g/Ah"),
                 title=f"{res.spec_name} (x: infeasible)")
    return fig


# ---------------------------------------------------------------------------
# required porosity


def required_porosity_table() -> list[dict]:
    """Every active material: expansion and ``beta/(1+beta)`` on both bases."""
    rows = []
    for m in list_materials():
        if not m.is_active or m.capacity_mAh_g <= 0:
            continue
        bc, bq = m.expansion("crystallographic"), m.expansion("quoted")
        rows.append({
            "material": m.name,
            "expansion_crystallographic_pct": 100 * bc,
            "expansion_quoted_pct": 100 * bq,
            "required_porosity_crystallographic": bc / (1 + bc),
            "required_porosity_quoted": bq / (1 + bq),
            "quoted_available": m.quoted_expansion_pct is not None,
        })
    return rows


def outward_expansion_curves(porosity=None, basis: str = DEFAULT_EXPANSION_BASIS) -> dict:
    """Outward (envelope) expansion at full lithiation vs porosity for each pure active phase,
    from the particle model (pores filled first, eta = 1): ``100 max((1-eps) beta - eps, 0)``."""
    eps = np.linspace(0.0, 0.9, 91) if porosity is None else np.asarray(porosity, dtype=float)
    out = {"porosity": eps}
    for m in list_materials():
        if not m.is_active or m.capacity_mAh_g <= 0:
            continue
        props = PhaseProps((m.name,), (m.density_g_cm3,), (m.capacity_mAh_g,), (m.expansion(basis),),
                           (m.delithiation_potential_V or 0.0,), (1.0,))
        out[m.name] = particle_arrays([1.0], props, porosity=eps).volume_expansion_pct
    return out


def plot_required_porosity(curves: dict, rows: list[dict]):
    fig, ax = new_figure(6.5, 4.2)
    eps = curves["porosity"]
    for k, r in enumerate(rows):
        y = curves[r["material"]]
        ax.plot(100 * eps, y, color=f"C{k}", label=f"{r['material']} (eps_req {100 * r['required_porosity_crystallographic']:.1f} %)")
        ax.axvline(100 * r["required_porosity_crystallographic"], color=f"C{k}", lw=0.6, ls=":")
    ax.set_xlabel("intraparticle porosity (%)")
    ax.set_ylabel("outward volume expansion at full lithiation (%)")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7)
    return fig


# ---------------------------------------------------------------------------
# liquid vs solid electrolytes (issue 11)


def liquid_vs_solid(spec=None, electrolytes=("liquid", "polymer", "Li6PS5Cl", "LGPS", "LLZO")) -> dict:
    """The same design with each electrolyte: electrolyte g/Ah, Wh/kg and Wh/L.

    A liquid or polymer fills the coatings' pores, the separator's pores and the open
    intraparticle pores; a solid fills the coatings' pores (or the spec's anolyte/catholyte
    fractions), never intraparticle pores, and is a dense separator of the spec's thickness
    (see docs/model.md).  Returns a column table.
    """
    spec = example_spec() if spec is None else spec
    rows = []
    for name in electrolytes:
        el = get_electrolyte(name, field="--electrolyte")
        cell = spec.cell.model_copy(update={"electrolyte": el.name, "electrolyte_density_g_cm3": None})
        r = evaluate_design(spec.model_copy(update={"cell": cell}), budget_points=0)
        c = r.cell
        mass = float(c.mass_anode_g_cm2 + c.mass_cathode_g_cm2 + c.mass_separator_g_cm2 + c.mass_foils_g_cm2 + c.mass_electrolyte_g_cm2)
        rows.append(
            {
                "electrolyte": el.name,
                "kind": el.kind,
                "density_g_cm3": el.density_g_cm3,
                "electrolyte_volume_cm3_cm2": float(c.electrolyte_volume_cm3_cm2),
                "electrolyte_g_Ah": float(c.electrolyte_g_Ah),
                "electrolyte_mass_share": float(c.mass_electrolyte_g_cm2) / mass,
                "energy_density_Wh_kg": float(c.energy_density_Wh_kg),
                "energy_density_Wh_L": float(c.energy_density_Wh_L),
            }
        )
    return {k: [r[k] for r in rows] for k in rows[0]}


def plot_liquid_vs_solid(table: dict):
    fig, (a1, a2) = new_figure(8.5, 3.6, ncols=2)
    names = table["electrolyte"]
    colors = ["#4C72B0" if k in ("liquid", "polymer") else "#C44E52" for k in table["kind"]]
    a1.bar(names, table["electrolyte_g_Ah"], color=colors)
    a1.set_ylabel("electrolyte (g/Ah)")
    a1.tick_params(axis="x", rotation=30)
    a2.bar(names, table["energy_density_Wh_kg"], color=colors)
    a2.set_ylabel("Wh/kg")
    a2.tick_params(axis="x", rotation=30)
    fig.suptitle("Same design, liquid (blue) vs solid (red) electrolytes")
    return fig


def write_study(out_dir: str | Path, name: str, table: dict, fig) -> dict[str, str]:
    """Write ``<name>.csv`` (the column table) and ``<name>.png`` (the figure) into ``out_dir``,
    atomically; returns their paths as ``{"csv", "plot"}``."""
    import pandas as pd  # heavy; only for the CSV


    out = Path(out_dir)
    with atomic_output_dir(out) as tmp:
        pd.DataFrame(table).to_csv(tmp / f"{name}.csv", index=False)
        save_figure(fig, tmp / f"{name}.png")
    return {"csv": str(out / f"{name}.csv"), "plot": str(out / f"{name}.png")}
