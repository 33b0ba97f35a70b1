"""Pore–solid interface area by marching cubes on the smoothed pore indicator, over blocks.

Method: the pore indicator is smoothed with a Gaussian of ``sigma_vox`` (scipy
``gaussian_filter``, mode ``reflect``, truncate 4) and the 0.5 iso-surface is
extracted by Lewiner marching cubes (scikit-image); the area is the sum of the
triangle areas.  Faces of the box are not counted.  On a voxelised sphere of radius
>= 10 voxels the area is within 2 % of 4πr²; on the raw binary indicator it would be
about 9 % high.

Over blocks: the smoothing (a ``int(4 sigma + 0.5)``-voxel stencil) is exact in a
block read with that halo (``reflect`` at the true box faces).  Marching cubes visits
the cells between voxel centres; a cell belongs to the block that holds its lowest
corner, so each block adds one voxel layer on its + faces and every surface element
is counted once.  Lewiner's case tables use only the 8 values of a cell, so the
triangles are the one-block ones; the sum agrees to the rounding of scikit-image's
float32 vertices and the summation order (measured <= 1e-7 relative).  One block (the
whole box, no halo) is the in-memory :func:`surface_area_vox2`.

References
----------
T. Lewiner et al., J. Graphics Tools 8 (2003) 1.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi
from skimage import measure

from .blocks import BlockRun, halo_bounds
from .segment import Segmenter

__all__ = ["TRUNCATE", "METHOD", "surface_block", "surface_area_blocks", "surface_area_vox2"]

#: Gaussian truncation (standard deviations).
TRUNCATE = 4.0
#: The method, as written into a pore profile.
METHOD = "marching cubes (Lewiner) on the Gaussian-smoothed (sigma 1 voxel) pore indicator, iso 0.5"


def surface_block(src, seg: Segmenter, bounds, sigma: float, truncate: float = TRUNCATE) -> float:
    """Block task: the area (voxel²) of the iso-surface in the cells whose lowest corner lies in the block."""
    shape = src.shape
    h = int(truncate * sigma + 0.5) if sigma > 0 else 0  # scipy's Gaussian stencil radius
    ext = halo_bounds(bounds, shape, h, h + 1)
    f = seg.pore(src.read(ext)).astype(np.float32)
    if sigma > 0:
        f = ndi.gaussian_filter(f, sigma, mode="reflect", truncate=truncate)
    # cells whose lowest corner lies in the block: voxels lo .. hi (inclusive, inside the box)
    crop = tuple(slice(a - ea, (a - ea) + (b - a) + (1 if b < n else 0)) for (a, b), (ea, _), n in zip(bounds, ext, shape))
    f = f[crop]
    if min(f.shape) < 2 or not (f.min() < 0.5 < f.max()):
        return 0.0
    verts, faces, _, _ = measure.marching_cubes(f, 0.5, method="lewiner")
    return float(measure.mesh_surface_area(verts, faces))


def surface_area_blocks(run: BlockRun, seg: Segmenter, sigma_vox: float = 1.0) -> float:
    """Pore–solid area (voxel²) of the volume of ``run``: the sum over its blocks."""
    return float(np.sum(run.map(surface_block, seg, extra=(float(sigma_vox),), description="surface")))


def surface_area_vox2(pore: np.ndarray, sigma_vox: float = 1.0) -> float:
    """Pore–solid interface area in voxel² of the bool array ``pore`` (one block, in memory; module docstring)."""
    return surface_area_blocks(BlockRun.whole(np.asarray(pore, dtype=bool)), Segmenter("bool"), sigma_vox)
