"""Pore budgets of two synthesis routes: PC/Np-Si (SiO -> Np-Si + pitch) and Si in porous carbon templates.

Left: porosity and carbon content of PC/Np-Si against the pitch content (review Fig. 4f).
Right: the largest Si loading with zero outward expansion against the template pore volume
(review Fig. 5e-g: HC-0.6 / 0.8 / 1.0), on both expansion bases.
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from alloypore.synthesis import top_down, transcription
from alloypore.plotting import new_figure, save_figure

pitch = np.r_[np.linspace(0, 50, 11), 53.0, 55.0]
pc = [top_down("SiO", pitch_wt_pct=p) for p in pitch]
templates = np.linspace(0.4, 1.2, 17)
cryst = [transcription(template_pore_volume_cm3_g=v).details["g_active_per_g_template"] for v in templates]
quoted = [transcription(template_pore_volume_cm3_g=v, beta_basis="quoted").details["g_active_per_g_template"]
          for v in templates]

fig, (a1, a2) = new_figure(10, 4, ncols=2)
a1.plot(pitch, [r.porosity for r in pc], "o-", label="porosity")
a1.plot(pitch, [r.details["carbon_wt_pct"] / 100 for r in pc], "s--", label="carbon mass fraction")
a1.set_xlabel("pitch in the impregnation mix (wt%)")
a1.set_title("PC/Np-Si from SiO (char yield 0.55)")
a1.legend()
a2.plot(templates, cryst, "o-", label="beta 2.808 (Li15Si4)")
a2.plot(templates, quoted, "s--", label="beta 2.80 (review)")
a2.set_xlabel("template pore volume (cm3/g)")
a2.set_ylabel("max g Si per g carbon (zero outward expansion)")
a2.legend()
out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
print("figure:", save_figure(fig, out / "synthesis_routes.png"))
r53 = pc[np.argmin(abs(pitch - 53))]
print(f"PC/Np-Si at {pitch[np.argmin(abs(pitch - 53))]:.1f} wt% pitch: porosity {r53.porosity:.3f}, "
      f"{r53.details['carbon_wt_pct']:.1f} wt% C; HC-0.8 holds {cryst[8]:.3f} g Si/g C")
