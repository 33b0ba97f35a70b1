"""Anode breathing of the example porous Si-C design vs the same design with dense particles (PyBaMM SPM).

Three 1C cycles; the pores absorb the Si growth first, so the coating swings much less.
"""

import os
from pathlib import Path

from alloypore.electrochem import simulate_cycling
from alloypore.electrochem.output import plot_thickness
from alloypore.plotting import save_figure

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", "out/examples"))
r = simulate_cycling(cycles=3, show_progress=False)  # built-in example, porous + dense
save_figure(plot_thickness(r), out / "electrochem_porous_vs_dense.png")
s = r.summary()
print(f"capacity {s['discharge_capacity_mAh_cm2'][0]:.3f} mAh/cm2 (chain {s['chain_reversible_capacity_mAh_cm2']:.3f}); "
      f"max thickness change porous {s['anode_thickness_change_max_um']:.2f} um, "
      f"dense {s['dense']['anode_thickness_change_max_um']:.2f} um of {s['anode_thickness_um']:.1f} um")
