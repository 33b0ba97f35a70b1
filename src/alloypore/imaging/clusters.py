"""Connected pore clusters of a block by union-find over runs of pore voxels (numba, releases the GIL).

Connectivity rule (fixed, everywhere in :mod:`alloypore.imaging`): two pore voxels
are connected only if they share a **face** (6-connectivity, PoreSpy's ``conn='min'``).

A *run* is a maximal stretch of pore voxels along x in one row ``(i, j)``.  Runs in
face-adjacent rows (``j - 1`` or ``i - 1``) that overlap belong to one cluster; a
union-find over runs joins them, the root of a cluster being its first run in raster
order.  Clusters are numbered 0, 1, ... in the raster order of their first voxel --
exactly the order of ``scipy.ndimage.label`` -- without an int32 label image:
:class:`Runs` holds one start, one end and one cluster id per run.

The kernels below are numba loops over the voxels or runs (each must stay one compiled
loop to be fast); ``nogil=True`` lets block tasks run them on several threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

__all__ = ["FACES", "SEED_BIT", "Runs", "label_runs"]

#: Box / block faces in flag-bit order: bit ``1 << FACES.index(f)``.
FACES = ("z-", "z+", "y-", "y+", "x-", "x+")
#: Flag bit of a cluster that holds a seed voxel.
SEED_BIT = 64


@njit(cache=True, nogil=True)
def _count_runs(pore):
    """Row pointers: runs of row ``r = i * n1 + j`` are ``row_ptr[r] .. row_ptr[r + 1]``."""
    n0, n1, n2 = pore.shape
    row_ptr = np.zeros(n0 * n1 + 1, dtype=np.int64)
    for r in range(n0 * n1):
        i, j = r // n1, r % n1
        c = 0
        prev = False
        for k in range(n2):
            v = pore[i, j, k]
            if v and not prev:
                c += 1
            prev = v
        row_ptr[r + 1] = row_ptr[r] + c
    return row_ptr


@njit(cache=True, nogil=True)
def _fill_runs(pore, row_ptr, seed, use_seed):
    """Start, end (exclusive) and face / seed flag bits of every run."""
    n0, n1, n2 = pore.shape
    nr = row_ptr[-1]
    rs = np.empty(nr, dtype=np.int32)
    re = np.empty(nr, dtype=np.int32)
    flags = np.zeros(nr, dtype=np.uint8)
    for r in range(n0 * n1):
        i, j = r // n1, r % n1
        t = row_ptr[r]
        k = 0
        while k < n2:
            if not pore[i, j, k]:
                k += 1
                continue
            k0 = k
            while k < n2 and pore[i, j, k]:
                k += 1
            rs[t], re[t] = k0, k
            fl = (1 if i == 0 else 0) | (2 if i == n0 - 1 else 0) | (4 if j == 0 else 0) | (8 if j == n1 - 1 else 0)
            fl |= (16 if k0 == 0 else 0) | (32 if k == n2 else 0)
            if use_seed:
                for kk in range(k0, k):
                    if seed[i, j, kk]:
                        fl |= 64
                        break
            flags[t] = fl
            t += 1
    return rs, re, flags


@njit(cache=True, nogil=True)
def _find(parent, a):
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


@njit(cache=True, nogil=True)
def _union_runs(row_ptr, rs, re, n0, n1):
    """Union-find parents: every run joined with the overlapping runs of rows ``j - 1`` and ``i - 1``."""
    parent = np.arange(rs.size)
    for r in range(n0 * n1):
        i, j = r // n1, r % n1
        for o in (r - 1 if j > 0 else -1, r - n1 if i > 0 else -1):
            if o < 0:
                continue
            p, pend = row_ptr[o], row_ptr[o + 1]
            for t in range(row_ptr[r], row_ptr[r + 1]):
                while p < pend and re[p] <= rs[t]:
                    p += 1
                q = p
                while q < pend and rs[q] < re[t]:
                    a, b = _find(parent, t), _find(parent, q)
                    if a < b:
                        parent[b] = a
                    elif b < a:
                        parent[a] = b
                    q += 1
    return parent


@njit(cache=True, nogil=True)
def _compact(parent, rs, re, run_flags):
    """Cluster id of every run (0.. in raster order of the roots), cluster sizes (int64) and OR-ed flags."""
    nr = rs.size
    ids = np.empty(nr, dtype=np.int64)
    n = 0
    for t in range(nr):
        root = _find(parent, t)
        if root == t:
            ids[t] = n
            n += 1
        else:
            ids[t] = ids[root]  # root < t: already numbered
    sizes = np.zeros(n, dtype=np.int64)
    flags = np.zeros(n, dtype=np.uint8)
    for t in range(nr):
        sizes[ids[t]] += re[t] - rs[t]
        flags[ids[t]] |= run_flags[t]
    return ids, sizes, flags


@njit(cache=True, nogil=True)
def _face_planes(n0, n1, n2, row_ptr, rs, re, ids, zlo, zhi, ylo, yhi, xlo, xhi):
    """Cluster id + 1 of every pore voxel on the six faces of the block (0 = not pore)."""
    for r in range(n0 * n1):
        i, j = r // n1, r % n1
        for t in range(row_ptr[r], row_ptr[r + 1]):
            v = ids[t] + 1
            for k in range(rs[t], re[t]):
                if i == 0:
                    zlo[j, k] = v
                if i == n0 - 1:
                    zhi[j, k] = v
                if j == 0:
                    ylo[i, k] = v
                if j == n1 - 1:
                    yhi[i, k] = v
            if rs[t] == 0:
                xlo[i, j] = v
            if re[t] == n2:
                xhi[i, j] = v


@njit(cache=True, nogil=True)
def _paint(n1, row_ptr, rs, re, run_value, out):
    """``out[i, j, rs:re] = run_value[t]`` for every run ``t`` of row ``(i, j)``."""
    for r in range(row_ptr.size - 1):
        i, j = r // n1, r % n1
        for t in range(row_ptr[r], row_ptr[r + 1]):
            for k in range(rs[t], re[t]):
                out[i, j, k] = run_value[t]


@dataclass
class Runs:
    """The pore clusters of one block: runs, their cluster ids, and per cluster its size and flags.

    ``flags[c]`` has bit ``1 << FACES.index(f)`` when cluster ``c`` touches face ``f`` of
    the block, and :data:`SEED_BIT` when it holds a seed voxel.
    """

    shape: tuple
    row_ptr: np.ndarray
    rs: np.ndarray
    re: np.ndarray
    ids: np.ndarray
    sizes: np.ndarray
    flags: np.ndarray

    @property
    def n(self) -> int:
        """Number of clusters."""
        return int(self.sizes.size)

    def face_planes(self, dtype=np.int32) -> dict[str, np.ndarray]:
        """Cluster id + 1 of each voxel on each face of the block (0 = not pore), by face name."""
        n0, n1, n2 = self.shape
        dims = {"z": (n1, n2), "y": (n0, n2), "x": (n0, n1)}
        planes = {f: np.zeros(dims[f[0]], dtype=dtype) for f in FACES}
        _face_planes(n0, n1, n2, self.row_ptr, self.rs, self.re, self.ids, *(planes[f] for f in FACES))
        return planes

    def paint(self, cluster_value: np.ndarray, background=0) -> np.ndarray:
        """A uint8 image: ``cluster_value[c]`` on the voxels of cluster ``c``, ``background`` elsewhere."""
        out = np.full(self.shape, background, dtype=np.uint8)
        _paint(self.shape[1], self.row_ptr, self.rs, self.re, np.asarray(cluster_value, np.uint8)[self.ids], out)
        return out


def label_runs(pore: np.ndarray, seed: np.ndarray | None = None) -> Runs:
    """The 6-connected clusters of ``pore`` (bool, 3D); ``seed`` (bool, same shape) marks seed voxels."""
    pore = np.asarray(pore, dtype=bool)
    use_seed = seed is not None
    sd = np.asarray(seed, dtype=bool) if use_seed else np.zeros((1, 1, 1), np.bool_)
    row_ptr = _count_runs(pore)
    rs, re, run_flags = _fill_runs(pore, row_ptr, sd, use_seed)
    parent = _union_runs(row_ptr, rs, re, pore.shape[0], pore.shape[1])
    ids, sizes, flags = _compact(parent, rs, re, run_flags)
    return Runs(tuple(int(s) for s in pore.shape), row_ptr, rs, re, ids, sizes, flags)
