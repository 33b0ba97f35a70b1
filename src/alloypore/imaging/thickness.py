"""Local thickness (pore sizes) and the volume-weighted pore size distribution, over blocks.

Local thickness (Hildebrand & Rüegsegger 1997) as a radius in voxels: for every pore
voxel, the radius of the largest ball that contains it and fits in the pore space,
``lt(x) = max{ r : x in B(c, r), dt(c) >= r }`` with ``dt`` the exact Euclidean
distance transform (distance to the nearest solid voxel centre).  Radii are the
distinct values of ``dt`` (exact) when there are at most ``max_bins`` of them, else
``max_bins`` linearly spaced values (each voxel then gets the bin's lower edge).  The
diameter ``2 r`` of a slit of w voxels is w (w even) or w + 1 (w odd).

Over blocks -- overlap rule: **halo depth = 2 ceil(R_max) + 1** voxels with ``R_max``
the largest distance value of the pore space (the largest inscribed pore radius).  A
first pass (:func:`edt_values_block`) finds ``R_max`` and the distinct distance values
with an adaptive halo (doubled until every block's largest interior distance is within
its halo, which makes that block's EDT exact); the second pass
(:func:`thickness_block`) needs the EDT exact at every sphere centre within ``R_max``
of the block (depth ``R_max`` + that centre's own ``R_max``).  The radius bins are
global, so the map equals the one-block (in-memory) map voxel for voxel.

References
----------
T. Hildebrand, P. Rüegsegger, J. Microsc. 185 (1997) 67.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage as ndi

from alloypore.errors import InputError

from .blocks import BlockRun, halo_bounds, inner_slices
from .segment import Segmenter

__all__ = [
    "METHOD",
    "LocalThickness",
    "radius_bins",
    "thickness_from_dt",
    "edt_values_block",
    "thickness_block",
    "local_thickness_blocks",
    "local_thickness_vox",
    "size_distribution",
    "pore_size_distribution",
]

#: The method, as written into a pore profile.
METHOD = "local thickness (largest inscribed sphere, exact EDT), volume weighted, diameter = 2 r"


def radius_bins(values: np.ndarray, max_bins: int = 64) -> np.ndarray:
    """The radii tried: the distinct distance values, or ``max_bins`` of them linearly spaced."""
    return np.linspace(values.min(), values.max(), max_bins) if values.size > max_bins else values


def thickness_from_dt(pore: np.ndarray, dt: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Local-thickness radius (float32) of every voxel of ``pore`` given its distance transform ``dt``."""
    lt = np.zeros(pore.shape, dtype=np.float32)
    for r in radii[::-1]:
        centres = dt >= r
        if not centres.any():
            continue
        covered = ndi.distance_transform_edt(~centres) < r
        new = covered & pore & (lt == 0)
        lt[new] = r
    return lt


def edt_values_block(src, seg: Segmenter, bounds, halo0: int) -> tuple[float, np.ndarray]:
    """Block task, first pass: the largest distance value in the block (exact) and its distinct values."""
    shape = src.shape
    h = int(halo0)
    while True:
        ext = halo_bounds(bounds, shape, h, h)
        pore = seg.pore(src.read(ext))
        whole = all(e == (0, n) for e, n in zip(ext, shape))
        inner = inner_slices(bounds, ext)
        if not pore[inner].any():
            return 0.0, np.zeros(0)
        if whole and pore.all():
            raise InputError("volume", "no solid voxels", "at least one solid voxel; check the threshold")
        if not pore.all():
            dt = ndi.distance_transform_edt(pore)[inner]
            pin = pore[inner]
            dmax = float(dt[pin].max())
            if dmax <= h or whole:
                return dmax, np.unique(dt[pin])
        h *= 2


def thickness_block(src, seg: Segmenter, bounds, radii: np.ndarray, depth: int) -> np.ndarray:
    """Block task, second pass: the local-thickness map of the block (read with a ``depth`` halo)."""
    ext = halo_bounds(bounds, src.shape, depth, depth)
    pore = seg.pore(src.read(ext))
    inner = inner_slices(bounds, ext)
    if not pore[inner].any():
        return np.zeros(pore[inner].shape, dtype=np.float32)
    lt = thickness_from_dt(pore, ndi.distance_transform_edt(pore), radii)
    return np.ascontiguousarray(lt[inner])


def _counts_block(src, seg, bounds, radii, depth):
    """Block task: the distinct local-thickness values of the block's pore voxels and their counts."""
    lt = thickness_block(src, seg, bounds, radii, depth)
    v, c = np.unique(lt[seg.pore(src.read(bounds))], return_counts=True)
    return v, c.astype(np.int64)


def size_distribution(values_vox: np.ndarray, counts: np.ndarray, voxel_nm: float, bins: int = 30):
    """Volume-weighted pore size distribution from distinct local-thickness radii and their voxel counts.

    Returns ``(diameter_nm_edges, volume_fraction, modal_diameter_nm, mean_diameter_nm)``; the
    diameter of a voxel is ``2 * lt * voxel_nm``.
    """
    d = 2.0 * np.asarray(values_vox).astype(np.float64) * voxel_nm
    if d.size == 0:
        return np.array([0.0, 1.0]), np.array([0.0]), float("nan"), float("nan")
    modal = float(d[np.argmax(counts)])
    mean = float((d * counts).sum() / counts.sum())
    hist, edges = np.histogram(d, bins=bins, weights=counts)
    return edges, hist / counts.sum(), modal, mean


@dataclass
class LocalThickness:
    """Radius bins, the overlap used, and per-radius pore-voxel counts; ``map`` is the radius per voxel.

    ``map`` is a numpy array for one block (in memory) and a lazy Dask array otherwise.
    """

    radii_vox: np.ndarray
    r_max_vox: float
    depth_vox: int
    values_vox: np.ndarray
    counts: np.ndarray
    map: object = field(default=None, repr=False)

    def size_distribution(self, voxel_nm: float, bins: int = 30):
        """:func:`size_distribution` of this map."""
        return size_distribution(self.values_vox, self.counts, voxel_nm, bins)


def _lazy_map(run: BlockRun, seg: Segmenter, radii: np.ndarray, depth: int):
    """The local-thickness map as a lazy Dask array, one re-computed block per chunk."""
    import dask  # ~0.5 s with dask.array; only the block (out-of-core) path needs it
    import dask.array as da

    grid = np.empty(run.grid, dtype=object)
    for ix, b in run.blocks:
        shape = tuple(hi - lo for lo, hi in b)
        grid[ix] = da.from_delayed(dask.delayed(thickness_block)(run.src, seg, b, radii, depth), shape, np.float32)
    return da.block(grid.tolist())


def _radii(run: BlockRun, seg: Segmenter, max_bins: int, halo0: int) -> tuple[np.ndarray, float, int]:
    """First pass: the radius bins, ``R_max`` and the overlap depth ``2 ceil(R_max) + 1``."""
    first = run.map(edt_values_block, seg, extra=(halo0,), description="pore radii")
    r_max = max(d for d, _ in first)
    radii = radius_bins(np.unique(np.concatenate([v for _, v in first])), max_bins)
    return radii, float(r_max), 2 * int(np.ceil(r_max)) + 1


def local_thickness_blocks(run: BlockRun, seg: Segmenter, *, max_bins: int = 64, halo0: int = 16) -> LocalThickness:
    """Local thickness of the pore phase of the volume of ``run``: counts per radius and the lazy map."""
    radii, r_max, depth = _radii(run, seg, max_bins, halo0)
    parts = run.map(_counts_block, seg, extra=(radii, depth), description="local thickness")
    uv, inv = np.unique(np.concatenate([v for v, _ in parts]), return_inverse=True)
    counts = np.zeros(uv.size, dtype=np.int64)
    np.add.at(counts, inv, np.concatenate([c for _, c in parts]))
    return LocalThickness(radii, r_max, depth, uv, counts, _lazy_map(run, seg, radii, depth))


def local_thickness_vox(pore: np.ndarray, max_bins: int = 64) -> np.ndarray:
    """Local-thickness radius (voxels, float32) of every voxel of the bool array ``pore`` (one block, in memory)."""
    run, seg = BlockRun.whole(np.asarray(pore, dtype=bool)), Segmenter("bool")
    radii, _, depth = _radii(run, seg, max_bins, 16)
    return run.map(thickness_block, seg, extra=(radii, depth))[0]


def pore_size_distribution(lt_vox: np.ndarray, mask: np.ndarray, voxel_nm: float, bins: int = 30):
    """:func:`size_distribution` of the local-thickness map ``lt_vox`` over the voxels of ``mask``."""
    values, counts = np.unique(np.asarray(lt_vox)[mask], return_counts=True)
    return size_distribution(values, counts, voxel_nm, bins)
