"""Closing the pores of a porous Si-C particle: electrolyte per Ah and Wh/kg (review Fig. 6b,c).

Runs the vectorised chain over closed-pore fraction at fixed porosity and draws the two curves.
"""

import os
from pathlib import Path

import numpy as np

from alloypore.cell import evaluate_arrays, example_spec
from alloypore.plotting import new_figure, save_figure

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", "out/examples"))
closed = np.linspace(0.0, 1.0, 21)
r = evaluate_arrays(example_spec(), {"particle.closed_pore_fraction": closed})

fig, ax = new_figure()
ax.plot(closed, r.cell.energy_density_Wh_kg, "o-", label="pouch Wh/kg")
ax2 = ax.twinx()
ax2.plot(closed, r.cell.electrolyte_g_Ah, "s--", color="C3", label="electrolyte g/Ah")
ax.set_xlabel("closed-pore fraction")
ax.set_ylabel("Wh/kg")
ax2.set_ylabel("electrolyte (g/Ah)")
save_figure(fig, out / "design_closed_pores.png")
print(f"Wh/kg {r.cell.energy_density_Wh_kg[0]:.1f} -> {r.cell.energy_density_Wh_kg[-1]:.1f}; "
      f"g/Ah {r.cell.electrolyte_g_Ah[0]:.3f} -> {r.cell.electrolyte_g_Ah[-1]:.3f}")
