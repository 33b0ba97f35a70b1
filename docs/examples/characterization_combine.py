"""One powder, two measurements fused: a Micromeritics N2 export and He pycnometry -> one [particle] -> a cell.

The same as two shell commands per measurement and one to combine:
    alloypore characterize isotherm Sample_A.xls --composition ... --profile-out gas.json
    alloypore characterize density --helium-density 1.95 --open-pore-volume V --composition ... --profile-out he.json
    alloypore characterize combine gas.json he.json --emit-spec particle.toml
    alloypore design --particle particle.toml
"""

import os
import tempfile
from pathlib import Path

from alloypore.cell import evaluate_design, load_spec
from alloypore.characterization.combine import combine_profiles
from alloypore.characterization.density import density_analysis, parse_composition
from alloypore.characterization.plots import plot_combination
from alloypore.characterization.registry import get_method
from alloypore.plotting import save_figure

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "characterization" / "isotherms" / "Sample_A.xls"
COMP = parse_composition("Si=0.5,amorphous_carbon=0.5")

gas = get_method("isotherm").run(DATA, composition=COMP)  # reader chosen from the content (Micromeritics .xls)
print("\n".join(gas.lines()[:3]))
v_open = gas.result["total_pore_volume_cm3_g"]
he = density_analysis(helium_density_g_cm3=1.95, open_pore_volume_cm3_g=v_open, composition=COMP,
                      helium_density_uncertainty_g_cm3=0.002)  # a pycnometer's 0.1 %
fused = combine_profiles([gas.to_profile(), he.to_profile()], COMP)
print("\n".join(fused.lines()))

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
out.mkdir(parents=True, exist_ok=True)
particle = out / "particle.toml"
particle.write_text(fused.profile.to_particle_toml())
cell = evaluate_design(load_spec(None, particle)).cell  # the built-in example cell with the measured particle
print(f"cell: {float(cell.energy_density_Wh_L):.0f} Wh/L, {float(cell.energy_density_Wh_kg):.0f} Wh/kg")
print("figure:", save_figure(plot_combination(fused), out / "characterization_combine.png"))
