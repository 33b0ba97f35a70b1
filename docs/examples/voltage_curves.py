"""Every shipped open-circuit voltage curve, and the built-in example cell's energy from curves.

Left: anode curves, right: cathode curves, U vs Li/Li+ against the capacity fraction x
(0 = delithiated ... 1 = lithiated; cathodes: 0 = top of the rated window).  Printed: each
curve's mean over x in [0, 1] beside the average of the materials / cathode table, and the
example cell (porous Si-C at 15 wt% in graphite vs NMC811) with energy_model "ocv" vs "average".
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from alloypore.cell import evaluate_design, example_spec, get_cathode
from alloypore.cell.energy import average_energy, ocv_energy
from alloypore.materials import get_material
from alloypore.materials.ocv import list_curves
from alloypore.plotting import new_figure, save_figure

fig, axes = new_figure(11, 4.2, ncols=2)
for ax, role in zip(axes, ("anode", "cathode")):
    print(f"{role} curves: name, quality, mean U (V), table average (V)")
    for c in list_curves(role):
        table = get_material(c.material).delithiation_potential_V if role == "anode" else get_cathode(c.name).voltage_V
        print(f"  {c.name:16s} {c.quality:15s} {float(c.average()):.4f}  {table:.3f}")
        style = "--" if c.quality == "proxy" else "-"
        x = np.linspace(0.0, 1.0, 1001)
        ax.plot(x, c.potential(x), style, label=f"{c.name} ({c.quality})")
    ax.set_xlabel("capacity fraction x (0 delithiated ... 1 lithiated)")
    ax.set_ylabel("U vs Li/Li+ (V)")
    ax.set_title(f"{role}s")
    ax.legend(fontsize=7)
axes[0].set_ylim(-0.05, 1.3)
axes[1].set_ylim(2.9, 4.95)
out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
print("figure:", save_figure(fig, out / "voltage_curves.png"))

# The built-in example: anode phases Si, amorphous carbon (in the particle) and graphite (blend)
spec, r = example_spec(), evaluate_design(example_spec())
w_comp, w_gr = spec.electrode.composite_mass_fraction, spec.electrode.graphite_mass_fraction
caps = {p.material: w_comp * p.mass_fraction * get_material(p.material).capacity_mAh_g for p in spec.particle.phases}
caps[spec.electrode.blend_material] = w_gr * get_material(spec.electrode.blend_material).capacity_mAh_g
total = sum(caps.values())
cathode = get_cathode(spec.cell.cathode)
kw = dict(anode_capacity_mAh_cm2=float(r.electrode.areal_capacity_mAh_cm2), np_ratio=spec.cell.np_ratio,
          anode_first_cycle_efficiency=float(r.electrode.first_cycle_efficiency),
          cathode_first_cycle_efficiency=cathode.first_cycle_efficiency)
ocv = ocv_energy(cathode=cathode.name, anode=list(caps), anode_phase_fractions=[q / total for q in caps.values()], **kw)
avg = average_energy(cathode_voltage_V=cathode.voltage_V, anode_potential_V=float(r.electrode.delithiation_potential_V), **kw)
w = ocv.windows
print(f"example cell: anode shares {', '.join(f'{k} {q / total:.4f}' for k, q in caps.items())}")
print(f"example cell: Q = {float(w.capacity_mAh_cm2):.4f} mAh/cm2, limited by the {w.limiting_electrode}, "
      f"anode x {float(w.anode_x_charged):.4f} -> {float(w.anode_x_discharged):.4f}, "
      f"cathode x 0 -> {float(w.cathode_x_discharged):.4f}")
print(f"example cell: ocv {float(ocv.energy_mWh_cm2) * 1e-3:.6f} Wh/cm2 at {float(ocv.average_voltage_V):.4f} V; "
      f"average {float(avg.energy_mWh_cm2) * 1e-3:.6f} Wh/cm2 at {float(avg.average_voltage_V):.4f} V; "
      f"ratio {float(ocv.energy_mWh_cm2 / avg.energy_mWh_cm2):.4f}")
cut = ocv_energy(cathode=cathode.name, anode=list(caps), anode_phase_fractions=[q / total for q in caps.values()],
                 v_min=3.0, **kw)
print(f"example cell with a 3.0 V cut-off: {float(cut.capacity_mAh_cm2):.4f} mAh/cm2, "
      f"{float(cut.energy_mWh_cm2) * 1e-3:.6f} Wh/cm2 at {float(cut.average_voltage_V):.4f} V")
