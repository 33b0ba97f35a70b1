"""First-cycle efficiency: the wetted-surface model against the literature rows and the SSA regression.

No fitting: the model's areal loss (11.18 mAh/m2, a 20 nm LEDC SEI, ``particle/data/sei.toml``) is
fixed before the rows are looked at.  Every curated literature material with a capacity, an ICE and
a BET area is predicted with ``ICE = Q / (Q + q_A SSA + L_intr)``: the BET of the finished particle
counts only the surface N2 reaches (``ssa_basis = "open"``); SiOx rows carry SiO's reaction loss
(ICE 0.738) on their whole capacity.  The regression the model replaced (``literature
.estimate_ice_from_ssa``, fitted on these same rows) is shown as a labelled comparison.
"""

import os
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from alloypore.literature import estimate_ice_from_ssa, load_literature
from alloypore.literature.analysis import fit_ice_vs_ssa_raw
from alloypore.materials import get_material
from alloypore.particle.ice import default_sei_areal_loss_mAh_m2, wetted_surface_ice
from alloypore.plotting import new_figure, save_figure

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", "out/examples"))
rows = [p for p in load_literature().points()
        if p["ssa_m2_g"] is not None and p["ice_pct"] is not None and p["capacity_mAh_g"] is not None]
q = np.array([p["capacity_mAh_g"] for p in rows])
ssa = np.array([p["ssa_m2_g"] for p in rows])
measured = np.array([p["ice_pct"] for p in rows]) / 100.0
ice_sio = get_material("SiO").first_cycle_efficiency_intrinsic
intrinsic = np.array([q_i * (1 / ice_sio - 1) if p["active_element"] == "SiOx" else 0.0 for q_i, p in zip(q, rows)])
model = wetted_surface_ice(q, ssa, intrinsic)
regression = np.array([estimate_ice_from_ssa(s)[0] for s in ssa])
keep = [np.arange(len(rows)) != i for i in range(len(rows))]  # the regression left-one-out: a fair test
loo = np.array([fit_ice_vs_ssa_raw(ssa[k], 100 * measured[k]).predict(ssa[i])[0] / 100 for i, k in enumerate(keep)])
implied = (q * (1 / measured - 1) - intrinsic) / ssa  # the areal loss each row would need, mAh/m2

fig, ax = new_figure()
ax.plot(ssa, measured, "ko", label="measured (review Table 1 / text)")
ax.plot(ssa, model, "C0s", mfc="none", label=f"wetted-surface model ({default_sei_areal_loss_mAh_m2():.2f} mAh/m²)")
grid = np.linspace(0, ssa.max() * 1.05, 100)
ax.plot(grid, [estimate_ice_from_ssa(s)[0] for s in grid], "C3--", label="SSA regression (comparison only)")
for s_, m_, p in zip(ssa, measured, rows):
    ax.annotate(str(p["material_id"]), (s_, m_), fontsize=6, xytext=(3, 3), textcoords="offset points")
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("BET specific surface area [m²/g]")
ax.set_ylabel("first-cycle efficiency")
ax.legend(fontsize=7)
save_figure(fig, out / "particle_ice_wetted_surface.png")
rho, rho_reg = spearmanr(model, measured).statistic, spearmanr(regression, measured).statistic
print(f"{len(rows)} rows: model MAE {np.mean(np.abs(model - measured)):.3f}, bias {np.mean(model - measured):+.3f}, "
      f"Spearman {rho:+.2f}; SSA regression MAE {np.mean(np.abs(regression - measured)):.3f} in-sample, "
      f"{np.mean(np.abs(loo - measured)):.3f} left-one-out, Spearman {rho_reg:+.2f}")
print(f"implied areal loss: median {np.median(implied):.1f} mAh/m2, range {implied.min():.1f}-{implied.max():.1f} "
      f"(model {default_sei_areal_loss_mAh_m2():.2f})")
for p, m_, r_, me in zip(rows, model, regression, measured):
    print(f"  ref {p['material_id']}: measured {me:.3f}, model {m_:.3f}, regression {r_:.3f}")
