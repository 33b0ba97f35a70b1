"""Closed pores of a particle with planted sealed voids, and the tortuosity of straight channels.

A 36-voxel cube particle (20 nm voxels) with five sealed balls of radius 3 voxels and a
4x4-voxel channel drilled from one face to the centre; then steady diffusion through
straight channels, whose tortuosity is exactly 1.
"""

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
print(f"closed pores {pc.n_closed}, closed volume {pc.closed_vox} voxels, open volume {pc.open_vox} voxels, "
      f"envelope {pc.reference_vox} voxels, porosity {prof.porosity:.6f}")
print(prof.to_particle_toml([{"material": "Si", "mass_fraction": 1.0}]))

tau = tortuosity_raw(syn.straight_channels((32, 32, 32), axis=0) == 0, 0).tortuosity
print(f"straight channels: tau = {tau:.6f}")

out = Path(os.environ.get("ALLOYPORE_EXAMPLE_OUT", tempfile.mkdtemp()))
save_figure(plot_class_slices(pc.classes), out / "imaging_sealed_particle.png")
