"""Closed pores of a particle with planted sealed voids, and the tortuosity of straight channels."""

import os
import tempfile
from pathlib import Path

from alloypore.imaging import synthetic as syn
from alloypore.imaging.plots import plot_class_slices
from alloypore.imaging.profile import pore_profile
from alloypore.imaging.tortuosity import tortuosity_raw
from alloypore.plotting import save_figure

p = syn.particle_with_sealed_voids(size=48, particle_radius=18, n_voids=5, void_radius=3.0, channel_radius=2)
prof, pc, _ = pore_profile(p.phases, voxel_size_nm=20.0, solid_density_g_cm3=2.33)
assert pc.closed_vox == p.closed_volume_vox  # exact to the voxel
print(f"closed pores {pc.n_closed}, closed volume {pc.closed_vox} voxels, porosity {prof.porosity:.4f}")
print(prof.to_particle_toml([{"material": "Si", "mass_fraction": 1.0}]))

tau = tortuosity_raw(syn.straight_channels((32, 32, 32), axis=0) == 0, 0).tortuosity
print(f"straight channels: tau = {tau:.6f}")

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
save_figure(plot_class_slices(pc.classes), out / "imaging_sealed_particle.png")
