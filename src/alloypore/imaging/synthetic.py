"""Synthetic volumes with known answers, for tests, examples and benchmarks.

All generators return phase images (``uint8``; 0 = pore, 1 = solid) except
:func:`blobs`, which returns PoreSpy's convention (``bool``, True = pore) so that
it can be compared with ``porespy.generators.blobs`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage as ndi

from alloypore.errors import InputError

__all__ = [
    "SealedParticle",
    "particle_with_sealed_voids",
    "straight_channels",
    "half_slab",
    "random_spheres",
    "blobs",
]


@dataclass(frozen=True)
class SealedParticle:
    """A spherical particle with planted voids and the exact answers.

    Attributes
    ----------
    phases : ndarray of uint8
        0 = void (inside or outside the particle), 1 = solid.
    n_closed : int
        Number of planted sealed voids.
    closed_volume_vox : int
        Exact number of voxels of the sealed voids.
    open_volume_vox : int
        Exact number of voxels of the open channel inside the particle
        (0 if no channel was drilled).
    particle_volume_vox : int
        Voxels of the particle envelope (solid + all intraparticle void).
    """

    phases: np.ndarray
    n_closed: int
    closed_volume_vox: int
    open_volume_vox: int
    particle_volume_vox: int


def _ball_mask(shape, center, radius) -> np.ndarray:
    grids = np.ogrid[tuple(slice(0, s) for s in shape)]
    d2 = sum((g - c) ** 2 for g, c in zip(grids, center))
    return d2 <= radius * radius


def particle_with_sealed_voids(
    size: int = 64,
    particle_radius: float = 26.0,
    n_voids: int = 6,
    void_radius: float = 3.0,
    channel_radius: int = 0,
    seed: int = 0,
) -> SealedParticle:
    """Cube-shaped particle (side ``2*particle_radius``) with sealed spherical voids.

    The particle is a cube (a cube is unchanged by morphological closing, so its
    envelope is exact) centred in a ``size``^3 box of void.  ``n_voids`` balls
    of radius ``void_radius`` are planted at random integer voxel positions at least two voxels
    apart from each other and from the particle surface, so each is sealed.
    With ``channel_radius > 0`` a square channel of that half-width is drilled
    along x from the particle face to the centre: it is open porosity.
    """
    if 2 * particle_radius + 4 > size:
        raise InputError("particle_radius", particle_radius, f"2*particle_radius + 4 <= size = {size}")
    rng = np.random.default_rng(seed)
    phases = np.zeros((size,) * 3, dtype=np.uint8)
    lo = int(round(size / 2 - particle_radius))
    hi = int(round(size / 2 + particle_radius))
    phases[lo:hi, lo:hi, lo:hi] = 1
    particle_vox = (hi - lo) ** 3
    occupied = np.zeros_like(phases, dtype=bool)
    if channel_radius > 0:
        c = size // 2
        phases[c - channel_radius : c + channel_radius, c - channel_radius : c + channel_radius, lo:c] = 0
        occupied[c - channel_radius - 3 : c + channel_radius + 3, c - channel_radius - 3 : c + channel_radius + 3, lo : c + 3] = True
    open_vox = int(np.count_nonzero(phases[lo:hi, lo:hi, lo:hi] == 0))
    margin = void_radius + 2
    planted = 0
    closed_vox = 0
    for _ in range(10000):
        if planted == n_voids:
            break
        centre = rng.integers(int(np.ceil(lo + margin)), int(hi - 1 - margin), size=3, endpoint=True)
        ball = _ball_mask(phases.shape, centre, void_radius)
        grown = ndi.binary_dilation(ball, iterations=2)
        if (grown & occupied).any():
            continue
        phases[ball] = 0
        occupied |= grown
        planted += 1
        closed_vox += int(ball.sum())
    if planted < n_voids:
        raise InputError("n_voids", n_voids, "fewer voids, or a larger particle: they do not fit")
    return SealedParticle(phases, planted, closed_vox, open_vox, particle_vox)


def straight_channels(shape=(32, 32, 32), axis: int = 0, width: int = 4, spacing: int = 8) -> np.ndarray:
    """Square straight channels of ``width`` voxels along ``axis``, one every ``spacing`` voxels.

    The tortuosity factor along ``axis`` is exactly 1 (each channel is a
    straight prism spanning the box).
    """
    phases = np.ones(shape, dtype=np.uint8)
    others = [a for a in range(3) if a != axis]
    open_1d = [np.zeros(shape[a], dtype=bool) for a in others]
    for m, a in zip(open_1d, others):
        for start in range(spacing // 2 - width // 2, shape[a], spacing):
            m[start : start + width] = True
    cross = np.logical_and.outer(open_1d[0], open_1d[1])
    phases_t = np.moveaxis(phases, axis, 0)
    phases_t[:, cross] = 0
    return phases


def half_slab(shape=(32, 32, 32), axis: int = 0) -> np.ndarray:
    """Pore in one half of the box (split across the axis after ``axis``); τ = 1 along ``axis``."""
    phases = np.ones(shape, dtype=np.uint8)
    split_axis = (axis + 1) % 3
    idx = [slice(None)] * 3
    idx[split_axis] = slice(0, shape[split_axis] // 2)
    phases[tuple(idx)] = 0
    return phases


def random_spheres(shape=(64, 64, 64), radius: float = 5.0, porosity: float = 0.3, seed: int = 0) -> np.ndarray:
    """Overlapping solid-free spheres (pores) of ``radius`` placed until ``porosity`` is reached."""
    rng = np.random.default_rng(seed)
    pore = np.zeros(shape, dtype=bool)
    target = porosity * pore.size
    r = int(np.ceil(radius))
    ball = _ball_mask((2 * r + 1,) * 3, (r, r, r), radius)
    while pore.sum() < target:
        c = [int(rng.integers(0, s)) for s in shape]
        sl_dst, sl_src = [], []
        for ci, s in zip(c, shape):
            a, b = ci - r, ci + r + 1
            sl_dst.append(slice(max(a, 0), min(b, s)))
            sl_src.append(slice(max(a, 0) - a, (2 * r + 1) - (b - min(b, s))))
        pore[tuple(sl_dst)] |= ball[tuple(sl_src)]
    return (~pore).astype(np.uint8)


def blobs(shape, porosity: float = 0.5, blobiness: float = 1, seed: int | None = None, periodic: bool = True) -> np.ndarray:
    """Port of ``porespy.generators.blobs`` (PoreSpy 3.2, serial path), bit-for-bit.

    Uniform noise from NumPy's legacy generator seeded with ``seed``, a
    Gaussian filter with ``sigma = mean(shape) / (40 * blobiness)`` (``wrap``
    boundaries when periodic), ranks mapped onto ``linspace(0, 1)`` and
    thresholded: ``pore = uniform < porosity``.

    Returns
    -------
    ndarray of bool
        True = pore (PoreSpy's convention); use ``(~im).astype(np.uint8)`` for
        a phase image.

    References
    ----------
    J. Gostick et al., PoreSpy: A Python Toolkit for Quantitative Analysis of
    Porous Media Images, JOSS 4 (2019) 1296.
    """
    shape = tuple(int(s) for s in np.atleast_1d(shape))
    if len(shape) == 1:
        shape = shape * 3
    rs = np.random.RandomState(seed)
    im = rs.random_sample(shape)
    b = np.array([blobiness] * len(shape) if np.ndim(blobiness) == 0 else blobiness)
    sigma = np.mean(shape) / (40 * b)
    im = ndi.gaussian_filter(im, sigma=sigma, mode="wrap" if periodic else "reflect")
    flat = im.ravel()
    n = flat.size
    lin = np.linspace(0, 1, n, endpoint=True)
    m = int(np.searchsorted(lin, porosity, side="left"))  # count of lin < porosity
    order = np.argsort(flat)
    out = np.zeros(n, dtype=bool)
    out[order[:m]] = True
    return out.reshape(shape)
