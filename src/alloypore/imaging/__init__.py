"""3D tomography of porous particles and electrodes (evidence layer).

Phase images (0 = pore, 1.. = solids) are the common input:
:mod:`~alloypore.imaging.io` reads volumes, :mod:`~alloypore.imaging.segment`
labels them.  ONE pipeline measures them, for an array in memory or a zarr volume
larger than memory: :mod:`~alloypore.imaging.blocks` cuts a volume into blocks and
runs block tasks (one block in this process, or many through
:mod:`alloypore.parallel`); each metric is written once over blocks --
:mod:`~alloypore.imaging.porosity` (phase fractions),
:mod:`~alloypore.imaging.classify` (open / closed / unknown, with the run union-find
of :mod:`~alloypore.imaging.clusters`), :mod:`~alloypore.imaging.surface`,
:mod:`~alloypore.imaging.thickness` (local thickness, pore sizes).
:mod:`~alloypore.imaging.metrics` is the in-memory face of those (one block, plus the
particle envelope and the probe-accessible porosity);
:mod:`~alloypore.imaging.pipeline` runs them out of core.
:mod:`~alloypore.imaging.tortuosity` solves steady diffusion for the tortuosity
factor (set-up, solver seam, post-processing); :mod:`~alloypore.imaging.profile`
turns the results into a pore profile and a ``[particle]`` spec section.
"""

from __future__ import annotations

__all__ = [
    "io",
    "segment",
    "blocks",
    "clusters",
    "porosity",
    "classify",
    "surface",
    "thickness",
    "metrics",
    "pipeline",
    "synthetic",
    "tortuosity",
    "profile",
    "evolution",
]
