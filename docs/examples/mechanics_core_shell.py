"""Core-shell Si@C particle: closed form vs axisymmetric FEM, and the stress-limited shell optimum (Kim & Cho).

Writes mechanics_core_shell.png into $ALLOYPORE_EXAMPLE_OUT (or a temporary directory).
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from alloypore.mechanics import ActiveCore, CoreShell, ElasticMaterial, ShellLayer, core_shell_stress, shell_optimum
from alloypore.mechanics.fem import core_shell_axisymmetric
from alloypore.plotting import new_figure, save_figure

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))

# a = 50 nm Si core (E 80 GPa, nu 0.22), 10 nm carbon shell (E 100 GPa, nu 0.3), eps* = 1 %
si, carbon = ElasticMaterial(E_GPa=80, nu=0.22), ElasticMaterial(E_GPa=100, nu=0.3)
particle = CoreShell(core_radius_nm=50, shell_thickness_nm=10, core=si, shell=carbon)
lame = core_shell_stress(particle, eigenstrain=0.01)
fem = core_shell_axisymmetric(particle, eigenstrain=0.01, mesh_size_nm=2.0).summary()
for key in ("interface_pressure_GPa", "shell_hoop_inner_GPa", "shell_hoop_outer_GPa"):
    print(f"{key:24s} Lame {getattr(lame, key):.4f}  FEM {fem[key]:.4f}")

# Kim & Cho's stress-limited lithiation: the shell cracks at its tensile limit S, the core stops taking Li at a
# compression P; the best shell is the cross-point of the two limits (root-found).
core = ActiveCore(radius_nm=50, material=si, beta=2.81, capacity_mAh_g=3579, density_g_cm3=2.33,
                  partial_molar_volume_cm3_mol=9.03)
for S, kw, label in ((40.0, {"core_pressure_limit_GPa": 22.0}, "Kim & Cho S = 40 GPa, P = 22 GPa (back-calculated)"),
                     (2.0, {"driving_force_V": 0.1}, "table S = 2 GPa, P = F 0.1 V / Omega")):
    shell = ShellLayer(carbon, strength_GPa=S, density_g_cm3=2.0, capacity_mAh_g=250.0)
    opt = shell_optimum(core, shell, thickness_range_nm=(0.5, 200), **kw)
    print(f"{label}: cross-point shell {opt.best_shell_thickness_nm:.3f} nm, theta {opt.theta_at_cross:.4f}, "
          f"{opt.best_capacity_mAh_g:.0f} mAh/g, Si:C = 1:{1 / opt.best_si_to_c_mass_ratio:.3f}, "
          f"P = {opt.core_pressure_limit_GPa:.4f} GPa")
    print(save_figure(opt.plot(), out / f"mechanics_shell_optimum_S{S:g}.png"))

fig, ax = new_figure()
ax.semilogx(opt.shell_thickness_nm, opt.usable_capacity_mAh_g)
ax.axvline(opt.best_shell_thickness_nm, color="0.6", ls="--")
ax.set_xlabel("carbon shell thickness (nm)")
ax.set_ylabel("usable capacity (mAh/g)")
print(save_figure(fig, out / "mechanics_core_shell.png"))
assert np.isclose(fem["shell_hoop_inner_GPa"], lame.shell_hoop_inner_GPa, rtol=0.01)
