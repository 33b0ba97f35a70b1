"""The one imaging pipeline's runtime: a volume cut into blocks, and the block tasks run in order.

Every volume metric (:mod:`.porosity`, :mod:`.classify`, :mod:`.surface`,
:mod:`.thickness`) is written once, as a *block task* ``fn(src, seg, bounds, ...)``
that reads one block (plus a halo where the metric needs one) and returns a small
summary, and a *merge* of the summaries.  A :class:`BlockRun` says which blocks
there are and where the tasks run:

* :meth:`BlockRun.whole` -- an array in memory: ONE block, the task run in this
  process (this is what the in-memory functions of :mod:`.metrics` use);
* :func:`open_blocks` -- a volume larger than memory (zarr store, memory-mapped
  ``.npy``): blocks of ``chunk`` voxels per axis, the tasks run through
  :mod:`alloypore.parallel` (a thread pool of all cores; ``workers`` threads of a
  local Dask cluster -- the kernels release the GIL; or a running ``scheduler``).

Because the in-memory run is the one-block case of the same code, the out-of-core
results equal the in-memory ones (tested block size by block size).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from alloypore.errors import DataFileError, InputError
from alloypore.parallel import map_ordered, open_client

from .io import check_volume_3d, open_zarr

__all__ = ["DEFAULT_CHUNK", "VolumeSource", "BlockRun", "block_bounds", "halo_bounds", "inner_slices", "open_blocks"]

#: Default block edge in voxels (256³ uint8 = 16 MB per block read).
DEFAULT_CHUNK = 256


class VolumeSource:
    """A 3D volume read block by block: a zarr store, a ``.npy`` file (memory-mapped) or an array.

    Picklable: a file source pickles as its path and reopens in the worker,
    so blocks can be read on a dask.distributed cluster that sees the file.
    """

    def __init__(self, path: str | Path | None = None, array=None, *, check: bool = True):
        self.path = None if path is None else str(path)
        self._arr = array
        if self._arr is None and self.path is None:
            raise InputError("volume", None, "a path or an array")
        a = self.array
        self.shape = tuple(int(s) for s in a.shape)
        self.dtype = np.dtype(a.dtype)
        if check:
            check_volume_3d(a)

    @property
    def array(self):
        if self._arr is None:
            p = Path(self.path)
            if not p.exists():
                raise DataFileError(p, "no such file or folder")
            if p.suffix.lower() == ".npy":
                try:
                    self._arr = np.load(p, mmap_mode="r", allow_pickle=False)
                except (OSError, ValueError, EOFError) as exc:
                    raise DataFileError(p, f"cannot read .npy ({type(exc).__name__}: {exc})") from None
            else:
                self._arr = open_zarr(p)
        return self._arr

    @property
    def nbytes(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64)) * self.dtype.itemsize

    def read(self, bounds) -> np.ndarray:
        """The voxels of ``bounds`` (``((z0, z1), (y0, y1), (x0, x1))``); a view when the source is an array."""
        return np.asarray(self.array[tuple(slice(a, b) for a, b in bounds)])

    def __getstate__(self):
        st = dict(self.__dict__)
        if self.path is not None:
            st["_arr"] = None
        return st


def block_bounds(shape, chunk) -> list[tuple]:
    """Blocks of edge ``chunk`` covering ``shape``: list of ``(index, ((z0, z1), (y0, y1), (x0, x1)))``."""
    ch = (int(chunk),) * 3 if np.ndim(chunk) == 0 else tuple(int(c) for c in chunk)
    if min(ch) < 2:
        raise InputError("chunk", chunk, "a block edge of at least 2 voxels")
    edges = [list(range(0, n, c)) + [n] for n, c in zip(shape, ch)]
    return [((i, j, k), ((edges[0][i], edges[0][i + 1]), (edges[1][j], edges[1][j + 1]), (edges[2][k], edges[2][k + 1])))
            for i in range(len(edges[0]) - 1) for j in range(len(edges[1]) - 1) for k in range(len(edges[2]) - 1)]


def halo_bounds(bounds, shape, lo_pad: int, hi_pad: int) -> tuple:
    """``bounds`` grown by ``lo_pad`` / ``hi_pad`` voxels on the low / high side, clipped to the box."""
    return tuple((max(a - lo_pad, 0), min(b + hi_pad, n)) for (a, b), n in zip(bounds, shape))


def inner_slices(bounds, ext) -> tuple:
    """Slices of the block ``bounds`` inside an array read over ``ext`` (its halo-grown bounds)."""
    return tuple(slice(a - ea, b - ea) for (a, b), (ea, _) in zip(bounds, ext))


@dataclass
class BlockRun:
    """A volume source, its blocks, and where the block tasks run (``client``/``threads``, or in this process)."""

    src: VolumeSource
    blocks: list
    client: Any = None
    threads: int | None = None

    @classmethod
    def whole(cls, array) -> BlockRun:
        """An in-memory array as one block, run in this process."""
        src = VolumeSource(array=np.asarray(array), check=False)
        return cls(src, [((0, 0, 0), tuple((0, n) for n in src.shape))])

    @property
    def grid(self) -> tuple[int, int, int]:
        """Blocks along each axis."""
        return tuple(max(ix[a] for ix, _ in self.blocks) + 1 for a in range(3))

    def map(self, fn, *shared, extra=(), description: str = "") -> list:
        """``[fn(src, *shared, bounds, *extra) for every block]``, in block order."""
        tasks = [(b, *extra) for _, b in self.blocks]
        return list(map_ordered(fn, tasks, client=self.client, shared=(self.src, *shared), description=description,
                                threads=self.threads))


@contextlib.contextmanager
def open_blocks(src: VolumeSource, chunk=DEFAULT_CHUNK, *, workers: int | None = None,
                scheduler: Any = None) -> Iterator[BlockRun]:
    """A :class:`BlockRun` over ``src`` in blocks of ``chunk``, on the runtime of :mod:`alloypore.parallel`.

    ``workers``: threads of a local Dask cluster; ``scheduler``: a running Dask scheduler
    (address or ``Client``); neither: a thread pool of all cores in this process.
    """
    blocks = block_bounds(src.shape, chunk)
    with open_client(workers, scheduler, processes=False) as client:
        yield BlockRun(src, blocks, client, None if client is not None else os.cpu_count())
