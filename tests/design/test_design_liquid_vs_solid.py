"""liquid-vs-solid study: the same design with each electrolyte (issue 11)."""

import numpy as np
import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.design.studies import liquid_vs_solid


def test_solid_electrolytes_cost_mass_by_their_density():
    spec = example_spec()
    t = liquid_vs_solid(spec, ["liquid", "Li6PS5Cl", "LLZO"])
    # the two solids fill the same volume (coating pores + dense separator): mass ratio = density ratio
    v = t["electrolyte_volume_cm3_cm2"]
    assert v[1] == pytest.approx(v[2], rel=1e-12)
    assert t["electrolyte_g_Ah"][2] / t["electrolyte_g_Ah"][1] == pytest.approx(5.11 / 1.86, rel=1e-12)
    # the liquid's volume by hand: cathode, separator and anode pores + open intraparticle pores
    r = evaluate_design(spec)
    e, c = r.electrode, r.cell
    v_liq = (0.25 * float(c.cathode_thickness_um) + 0.4 * 12 + float(e.porosity) * float(e.thickness_um)) * 1e-4 + float(
        e.open_intraparticle_pore_volume_cm3_cm2
    )
    assert v[0] == pytest.approx(v_liq, rel=1e-12)
    assert np.all(np.diff(t["energy_density_Wh_kg"]) < 0)
