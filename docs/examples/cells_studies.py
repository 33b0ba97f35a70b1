"""The review's Fig. 6a and 6c as cells: energy vs anode capacity under a 5 % swelling cap and the
manufacturing limits, and energy vs closed-pore fraction at a fixed 2 g/Ah dosage and at a fixed
fill.  Writes cells_capacity_optimum.png and cells_closed_pores_dosage.png."""

import os
import tempfile
from pathlib import Path

from alloypore.design.cell_studies import capacity_optimum, closed_pores_dosage, plot_capacity_optimum, plot_closed_pores_dosage
from alloypore.plotting import save_figure

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
opt = capacity_optimum(swelling_limit_pct=5.0)  # dense Si in graphite vs NMC811, 40 x 400 cm2 pouch
t = opt.table
for i in range(0, len(t["si_wt_pct"]), 10):
    print(f"Si {t['si_wt_pct'][i]:4.1f} wt%: anode {t['anode_capacity_mAh_g'][i]:6.1f} mAh/g, "
          f"CD {t['compaction_density_g_cm3'][i]:.3f} g/cm3, porosity {t['electrode_porosity'][i]:.4f}, "
          f"{t['energy_density_Wh_kg'][i]:.1f} Wh/kg, {t['energy_density_Wh_L'][i]:.1f} Wh/L ({t['binding'][i]})")
print(f"best Wh/L at {opt.peak['si_wt_pct']:g} wt% Si ({opt.peak['anode_capacity_mAh_g']:.0f} mAh/g)")
save_figure(plot_capacity_optimum(opt), out / "cells_capacity_optimum.png")

cp = closed_pores_dosage(si_wt_pct=15.0, dosage_g_Ah=2.0, n=11)
c = cp.table
print(f"15 wt% Si at {cp.compaction_density_g_cm3:.4f} g/cm3")
for i in (0, 5, 10):
    print(f"closed {c['closed_pore_fraction'][i]:.1f}: fixed fill {c['electrolyte_g_Ah_fill'][i]:.4f} g/Ah "
          f"{c['energy_density_Wh_kg_fill'][i]:.1f} Wh/kg (stack {c['stack_energy_density_Wh_kg_fill'][i]:.1f}); "
          f"2 g/Ah: fill {c['electrolyte_fill_dosage'][i]:.4f}, {c['energy_density_Wh_kg_dosage'][i]:.1f} Wh/kg "
          f"(stack {c['stack_energy_density_Wh_kg_dosage'][i]:.1f})")
save_figure(plot_closed_pores_dosage(cp), out / "cells_closed_pores_dosage.png")
