"""Phase counts and volume fractions (porosity = fraction of phase 0), over blocks.

Block task: an int64 ``bincount`` of the block's phase labels, one z-slab at a time
(``bincount`` would copy the whole block to intp); merge: the sum (int64: no 2³¹
overflow on large volumes).  One block = the in-memory :func:`phase_fractions`.
"""

from __future__ import annotations

import numpy as np

from alloypore.errors import InputError

from .blocks import BlockRun, VolumeSource
from .segment import Segmenter

__all__ = ["bincount_slabs", "add_counts", "phase_counts_block", "phase_counts_blocks", "fractions", "phase_fractions"]


def bincount_slabs(a: np.ndarray, mask: np.ndarray | None = None, minlength: int = 256) -> np.ndarray:
    """int64 voxel count of each label of ``a`` (within ``mask``), one slab along axis 0 at a time."""
    out = np.zeros(minlength, dtype=np.int64)
    for z, sl in enumerate(a):
        c = np.bincount(sl.ravel() if mask is None else sl[mask[z]], minlength=minlength)
        if c.size > out.size:
            out = np.concatenate([out, np.zeros(c.size - out.size, dtype=np.int64)])
        out[: c.size] += c
    return out


def add_counts(parts) -> np.ndarray:
    """Sum of count vectors of possibly different lengths (int64)."""
    out = np.zeros(max(p.size for p in parts), dtype=np.int64)
    for p in parts:
        out[: p.size] += p
    return out


def phase_counts_block(src, seg: Segmenter, bounds, mask=None) -> np.ndarray:
    """Block task: the phase counts of one block (within the bool source ``mask``)."""
    return bincount_slabs(seg.phases(src.read(bounds)), None if mask is None else mask.read(bounds))


def phase_counts_blocks(run: BlockRun, seg: Segmenter, mask: VolumeSource | None = None) -> np.ndarray:
    """Voxels of each phase label (int64, index = label) of the volume of ``run``."""
    return add_counts(run.map(phase_counts_block, seg, extra=(mask,), description="porosity"))


def fractions(counts: np.ndarray) -> dict[int, float]:
    """``{label: fraction}`` of the labels present."""
    total = int(counts.sum())
    if total == 0:
        raise InputError("volume", "empty", "at least one voxel")
    return {int(k): float(c) / total for k, c in enumerate(counts) if c > 0}


def phase_fractions(phases: np.ndarray, mask: np.ndarray | None = None) -> dict[int, float]:
    """Volume fraction of each phase label (int64 counts), optionally within ``mask`` (one block, in memory)."""
    m = None if mask is None else VolumeSource(array=np.asarray(mask, dtype=bool), check=False)
    return fractions(phase_counts_blocks(BlockRun.whole(phases), Segmenter("phases"), m))
