"""3D tomography of porous particles and electrodes (evidence layer).

Phase images (0 = pore, 1.. = solids) are the common input:
:mod:`~alloypore.imaging.io` reads volumes, :mod:`~alloypore.imaging.segment`
labels them, :mod:`~alloypore.imaging.metrics` measures porosity (open /
closed / unknown), pore sizes and surface, :mod:`~alloypore.imaging.tortuosity`
solves steady diffusion for the tortuosity factor, :mod:`~alloypore.imaging.profile`
turns the results into a pore profile and a ``[particle]`` spec section,
:mod:`~alloypore.imaging.chunked` runs the volume metrics out of core on Dask.
"""

from __future__ import annotations

__all__ = ["io", "segment", "metrics", "synthetic", "tortuosity", "profile", "chunked", "evolution"]
