"""Where do the published porous anodes stand on SSA vs ICE?  (alloypore.literature)

Loads the curated dataset (the review's Table 1, realigned, plus the materials its text
describes), runs the plausibility rules, tests the review's claim "a clear negative
correlation between high SSA and ICE", and draws the scatter coloured by route.
"""

import os
import tempfile
from pathlib import Path

from alloypore.literature import correlate, estimate_ice_from_ssa, load_literature
from alloypore.literature.plots import scatter_pair
from alloypore.plotting import save_figure

data = load_literature()
for f in data.flags:
    if f.excluded:
        print(f"flagged {f.row_id} {f.field} = {f.value}: {f.rule}")

points = data.points()  # one point per material, excluded values left out
c = correlate(points, "ssa_m2_g", "ice_pct", claimed_sign=-1, n_boot=1000)
print(c.verdict)

ice, lo, hi = estimate_ice_from_ssa(20.0)
print(f"ICE estimate at 20 m2/g: {ice:.3f} (95 % prediction interval {lo:.3f}-{hi:.3f})")

fig = scatter_pair(points, "ssa_m2_g", "ice_pct", flagged=data.flagged_points("ssa_m2_g", "ice_pct"),
                   correlation=c, logx=True)
out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp())) / "literature_ssa_ice.png"
print("wrote", save_figure(fig, out))
