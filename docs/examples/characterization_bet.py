"""BET with the ISO 9277 criteria on a real microporous isotherm, and the same numbers as a [particle] spec."""

import os
import tempfile
from pathlib import Path

from alloypore.characterization.bet import area_bet
from alloypore.characterization.density import density_analysis
from alloypore.characterization.isotherm import load_isotherm
from alloypore.characterization.plots import plot_isotherm_bet
from alloypore.plotting import save_figure

data = Path(__file__).resolve().parents[2] / "tests" / "data" / "characterization" / "isotherms" / "UiO-66Zr_N2_77K.json"
iso = load_isotherm(data)
textbook = area_bet(iso, (0.05, 0.30))  # exactly these points; the criteria say what is wrong (strict=True refuses)
print(f"textbook range 0.05-0.30: C = {textbook.c_constant:.4g}, fails {', '.join(textbook.failed)}")
bet = area_bet(iso)  # every contiguous range searched; all four criteria must hold
print(f"BET {bet.ssa_m2_g:.0f} m2/g, C = {bet.c_constant:.0f}, p/p0 {bet.p_rel_range[0]:.2g}-{bet.p_rel_range[1]:.2g}")

dens = density_analysis(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition="Si=0.5,amorphous_carbon=0.5")
print(dens.to_profile(ssa_m2_g=round(bet.ssa_m2_g, 1)).to_particle_toml())

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
print("figure:", save_figure(plot_isotherm_bet(iso, bet), out / "characterization_bet.png"))
