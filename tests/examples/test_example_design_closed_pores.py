"""docs/examples/design_closed_pores.py: its printed numbers against a hand calculation.

Closing the pores of the built-in particle (50 wt% Si / 50 wt% amorphous carbon, porosity 0.5)
keeps every volume and the capacity, and only keeps the electrolyte out of the intraparticle
pores (docs/studies.md, closed-pores):

* pore volume per gram ``v_p = eps/(1 - eps) v_s = v_s = 0.5/2.329 + 0.5/2.0`` cm3/g;
* electrolyte removed per cm2: ``rho_el x excess x loading x w_c x v_p`` (liquid 1.2 g/cm3,
  excess 1, composite 15 wt% of the coating), so g/Ah falls by that over the reversible capacity;
* the energy does not change, so ``Wh/kg(1) = U / (U / Wh/kg(0) - Delta(g/Ah) / 1000)``.
"""

import re

import pytest

from alloypore.cell import evaluate_design, example_spec
from alloypore.cell.electrolytes import get_electrolyte


def test_example_prints_the_electrolyte_saved_by_closing_the_pores(run_example):
    _, text, tmp_path = run_example("design_closed_pores")
    m = re.search(r"Wh/kg ([\d.]+) -> ([\d.]+); g/Ah ([\d.]+) -> ([\d.]+)", text)
    whkg0, whkg1, gah0, gah1 = (float(v) for v in m.groups())
    assert (tmp_path / "design_closed_pores.png").read_bytes()[:4] == b"\x89PNG"

    s = example_spec()
    open_design = s.model_copy(update={"particle": s.particle.model_copy(update={"closed_pore_fraction": 0.0})})
    r = evaluate_design(open_design)  # the chain at closed fraction 0: loading, capacity, voltage
    v_p = 0.5 / 2.329 + 0.5 / 2.0  # porosity 0.5: pore volume = solid volume
    rho = get_electrolyte("liquid").density_g_cm3
    assert rho == 1.2 and s.cell.electrolyte_excess == 1.0 and s.electrode.composite_mass_fraction == 0.15
    removed_g_cm2 = rho * 1.0 * float(r.electrode.loading_mg_cm2) * 1e-3 * 0.15 * v_p
    d_gah = removed_g_cm2 / (float(r.cell.reversible_capacity_mAh_cm2) * 1e-3)
    assert d_gah == pytest.approx(0.157, abs=5e-4)  # over the cathode-limited 3.636 mAh/cm2 (wetted-surface ICE)
    assert gah0 == pytest.approx(float(r.cell.electrolyte_g_Ah), abs=5e-4)  # printed to 3 decimals
    assert gah1 == pytest.approx(float(r.cell.electrolyte_g_Ah) - d_gah, abs=5e-4)
    # Wh per Ah of reversible capacity (the electrolyte dosage's basis): the voltage times the
    # share of the window delivered to the discharge cut-off
    def u_of(res):
        c = res.cell
        return float(c.cell_voltage_V) * float(c.delivered_capacity_mAh_cm2) / float(c.reversible_capacity_mAh_cm2)

    w0 = float(r.cell.energy_density_Wh_kg)
    assert whkg0 == pytest.approx(w0, abs=0.05)
    # closing the pores also spares their SEI (the particle's wetted-surface ICE rises), which moves
    # the cathode-limited cell's anode window a little: take each design's own Wh per Ah; the mass per
    # Ah differs by the electrolyte removed by hand
    r1 = evaluate_design(s.model_copy(update={"particle": s.particle.model_copy(update={"closed_pore_fraction": 1.0})}))
    u0, u1 = u_of(r), u_of(r1)
    assert abs(u1 / u0 - 1) < 5e-3
    assert whkg1 == pytest.approx(u1 / (u0 / w0 - d_gah / 1000), abs=0.05)
