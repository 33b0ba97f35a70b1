"""Open / closed / unknown pore voxels, over blocks (one block = the in-memory case).

Classification (see ``docs/imaging.md``): a 6-connected pore cluster is **open** if
it touches an *open face* of the box (or holds a seed voxel: the exterior of a
particle), **unknown** if it touches only other box faces (the cropped edge: where
it leads is unknown), **closed** if it touches no box face.

Block task (:func:`label_block`): the clusters of one block by union-find over runs
(:mod:`.clusters`); the summary is the cluster sizes, each cluster's contacts with
the *box* faces that the block lies on, the cluster ids on the block faces that
face another block, and (optionally) the phase counts.

Merge (:func:`merge_blocks`): pore voxels facing each other across a block face join
their two block clusters -- edges of a graph over all block clusters, whose
connected components (``scipy.sparse.csgraph``) are the global clusters; sizes add,
contacts OR.  With one block there are no edges and the clusters are those of the
run union-find, in the raster order of ``scipy.ndimage.label``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from alloypore.errors import InputError

from .blocks import BlockRun
from .clusters import FACES, SEED_BIT, Runs, label_runs
from .porosity import add_counts, bincount_slabs
from .segment import Segmenter

__all__ = [
    "FACES",
    "CLASS_SOLID",
    "CLASS_OPEN",
    "CLASS_CLOSED",
    "CLASS_UNKNOWN",
    "CLASS_EXTERIOR",
    "PoreClasses",
    "BlockClusters",
    "parse_faces",
    "face_bits",
    "face_slice",
    "label_block",
    "merge_blocks",
    "classify_blocks",
]

CLASS_SOLID, CLASS_OPEN, CLASS_CLOSED, CLASS_UNKNOWN, CLASS_EXTERIOR = 0, 1, 2, 3, 4
_NO_PORE = ("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
_NO_SOLID = ("volume", "no solid voxels", "at least one solid voxel; check the threshold")


def parse_faces(faces) -> tuple[str, ...]:
    """Normalise a face list: ``"all"``, ``"z-,x+"`` or an iterable of names in :data:`FACES`."""
    if faces is None or faces == "all":
        return FACES
    if isinstance(faces, str):
        faces = [f.strip() for f in faces.split(",") if f.strip()]
    faces = tuple(faces)
    bad = [f for f in faces if f not in FACES]
    if bad or not faces:
        raise InputError("open_faces", ",".join(map(str, faces)), f"'all' or a comma list of {', '.join(FACES)}")
    return faces


def face_bits(faces) -> int:
    """The flag bits of the named faces."""
    return sum(1 << FACES.index(f) for f in faces)


def face_slice(face: str):
    """Index of the face ``face`` of a 3D array."""
    axis = "zyx".index(face[0])
    idx = [slice(None)] * 3
    idx[axis] = 0 if face[1] == "-" else -1
    return tuple(idx)


@dataclass
class PoreClasses:
    """Open / closed / unknown pore voxels; counts are int64, fractions of the reference volume.

    ``classes`` holds one code per voxel: 0 solid, 1 open, 2 closed, 3 unknown,
    4 exterior (void outside the particle envelope, particle mode only) -- a numpy
    array for an in-memory volume, a lazy Dask array (each block re-labelled on
    demand) for a volume run in several blocks.
    """

    mode: str
    open_faces: tuple[str, ...]
    reference_vox: int
    open_vox: int
    closed_vox: int
    unknown_vox: int
    exterior_vox: int
    n_closed: int
    closed_sizes_vox: np.ndarray = field(repr=False)
    classes: Any = field(repr=False)
    phase_counts: np.ndarray | None = field(default=None, repr=False)
    n_block_labels: int = 0
    n_merged_pairs: int = 0

    pore_vox = property(lambda self: self.open_vox + self.closed_vox + self.unknown_vox)
    porosity = property(lambda self: self.pore_vox / self.reference_vox)
    open_porosity = property(lambda self: self.open_vox / self.reference_vox)
    closed_porosity = property(lambda self: self.closed_vox / self.reference_vox)
    unknown_porosity = property(lambda self: self.unknown_vox / self.reference_vox)

    @property
    def closed_pore_fraction(self) -> float:
        """Closed / all pore volume (unknown counted in the denominator)."""
        return self.closed_vox / self.pore_vox if self.pore_vox else float("nan")


@dataclass
class BlockClusters:
    """Summary of one block: its clusters, their box-face contacts, their ids on inner block faces."""

    sizes: np.ndarray  # int64 per cluster
    flags: np.ndarray  # uint8 per cluster: box faces touched (FACES bits) and SEED_BIT
    faces: dict  # block face -> cluster id + 1 per voxel, only for faces towards a neighbour block
    solid_on_box: bool  # a solid voxel lies on a box face
    phase_counts: np.ndarray | None = None
    runs: Runs | None = None  # kept to paint the classes without labelling again (one-block runs)


def _box_bits(bounds, shape) -> int:
    """Flag bits of the block faces that lie on the box faces."""
    bits = 0
    for a, ((lo, hi), n) in enumerate(zip(bounds, shape)):
        bits |= (1 << 2 * a if lo == 0 else 0) | (1 << 2 * a + 1 if hi == n else 0)
    return bits


def label_block(src, seg: Segmenter, bounds, count_phases: bool = False, keep_runs: bool = False,
                seed=None) -> BlockClusters:
    """Block task: the clusters of the block ``bounds`` (``seed``: a bool source of seed voxels, in memory)."""
    raw = src.read(bounds)
    pore = seg.pore(raw)
    runs = label_runs(pore, None if seed is None else seed.read(bounds))
    box = _box_bits(bounds, src.shape)
    inner = [f for f in FACES if not box & (1 << FACES.index(f))]
    planes = runs.face_planes(np.int32 if runs.n < 2**31 - 1 else np.int64) if inner else {}
    faces = {f: planes[f] for f in inner}
    solid_on_box = any(not pore[face_slice(f)].all() for f in FACES if box & (1 << FACES.index(f)))
    return BlockClusters(
        sizes=runs.sizes,
        flags=runs.flags & np.uint8(box | SEED_BIT),
        faces=faces,
        solid_on_box=solid_on_box,
        phase_counts=bincount_slabs(seg.phases(raw)) if count_phases else None,
        runs=runs if keep_runs else None,
    )


def _edges(run: BlockRun, summ: list[BlockClusters], offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Graph edges (global cluster node ids) between clusters facing each other across block faces."""
    where = {ix: t for t, (ix, _) in enumerate(run.blocks)}
    src_ids, dst_ids = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for t, (ix, _) in enumerate(run.blocks):
        for a, (hi_face, lo_face) in enumerate((("z+", "z-"), ("y+", "y-"), ("x+", "x-"))):
            u = where.get(tuple(ix[b] + (b == a) for b in range(3)))
            if u is None:
                continue
            A, B = summ[t].faces[hi_face], summ[u].faces[lo_face]
            both = (A > 0) & (B > 0)
            if both.any():
                pairs = np.unique(np.stack([A[both], B[both]]).astype(np.int64), axis=1)
                src_ids.append(offsets[t] + pairs[0] - 1)
                dst_ids.append(offsets[u] + pairs[1] - 1)
    return np.concatenate(src_ids), np.concatenate(dst_ids)


def merge_blocks(run: BlockRun, summ: list[BlockClusters]):
    """Global clusters from the block summaries.

    Returns ``(offsets, comp, sizes, flags, n_edges)``: block ``t``'s cluster ``c`` is
    node ``offsets[t] + c`` and belongs to global cluster ``comp[node]``, whose size and
    OR-ed flags are ``sizes[comp]`` and ``flags[comp]``.
    """
    offsets = np.zeros(len(summ) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([s.sizes.size for s in summ])
    n_nodes = int(offsets[-1])
    i, j = _edges(run, summ, offsets)
    graph = coo_matrix((np.ones(i.size, dtype=np.int8), (i, j)), shape=(n_nodes, n_nodes)).tocsr()
    n_comp, comp = connected_components(graph, directed=False)
    sizes = np.zeros(n_comp, dtype=np.int64)
    np.add.at(sizes, comp, np.concatenate([s.sizes for s in summ]))
    flags = np.zeros(n_comp, dtype=np.uint8)
    np.bitwise_or.at(flags, comp, np.concatenate([s.flags for s in summ]))
    return offsets, comp, sizes, flags, int(i.size)


def _class_block(src, seg, bounds, table):
    """Block task of the lazy class image: label the block again, paint each cluster's class."""
    return label_runs(seg.pore(src.read(bounds))).paint(table)


def _class_image(run: BlockRun, seg: Segmenter, summ: list[BlockClusters], tables: list[np.ndarray]):
    """The class image: painted from the kept runs (one block) or a lazy Dask array of re-labelled blocks."""
    if len(run.blocks) == 1 and summ[0].runs is not None:
        return summ[0].runs.paint(tables[0])
    import dask  # ~0.5 s with dask.array; only a volume run in several blocks needs it
    import dask.array as da

    grid = np.empty(run.grid, dtype=object)
    for (ix, b), table in zip(run.blocks, tables):
        shape = tuple(hi - lo for lo, hi in b)
        grid[ix] = da.from_delayed(dask.delayed(_class_block)(run.src, seg, b, table), shape, np.uint8)
    return da.block(grid.tolist())


def _check_counts(run: BlockRun, summ: list[BlockClusters], mode: str, particle: bool) -> int:
    """Refuse a volume without pore or without solid, and particle mode over blocks; returns the voxel count."""
    n_pore = int(sum(int(s.sizes.sum()) for s in summ))
    total = int(np.prod(run.src.shape, dtype=np.int64))
    if n_pore == 0:
        raise InputError(*_NO_PORE)
    if n_pore == total:
        raise InputError(*_NO_SOLID)
    if not particle and (mode == "particle" or (mode == "auto" and not any(s.solid_on_box for s in summ))):
        raise InputError("mode", "particle", "faces with --dask (the particle envelope needs the whole volume in "
                         "memory; crop the particle or run without --dask)")
    return total


def classify_blocks(run: BlockRun, seg: Segmenter, *, mode: str = "faces", open_faces="all",
                    count_phases: bool = False, seed=None) -> PoreClasses:
    """Open / closed / unknown pore voxels of the volume of ``run``.

    Faces mode; ``mode="auto"`` is accepted when solid touches the box (it then means
    ``faces``).  Particle mode needs the particle envelope, which only
    :func:`alloypore.imaging.metrics.classify_pores` builds (in memory); it passes the
    exterior void as ``seed`` (a bool :class:`~.blocks.VolumeSource`): clusters holding a
    seed voxel are open, box contacts only make a cluster unknown.
    """
    if mode not in ("auto", "faces", "particle"):
        raise InputError("mode", mode, "one of auto, faces, particle")
    faces = () if seed is not None else parse_faces(open_faces)
    summ = run.map(label_block, seg, extra=(count_phases, len(run.blocks) == 1, seed), description="labelling")
    total = _check_counts(run, summ, mode, seed is not None)
    offsets, comp, sizes, flags, n_edges = merge_blocks(run, summ)
    is_open = (flags & np.uint8(face_bits(faces) | SEED_BIT)) > 0
    is_closed = ~is_open & ((flags & np.uint8(face_bits(FACES))) == 0)
    is_unknown = ~is_open & ~is_closed
    code = np.full(sizes.size, CLASS_UNKNOWN, dtype=np.uint8)
    code[is_open], code[is_closed] = CLASS_OPEN, CLASS_CLOSED
    tables = [code[comp[offsets[t]: offsets[t + 1]]] for t in range(len(summ))]
    counts = [s.phase_counts for s in summ if s.phase_counts is not None]
    return PoreClasses(
        mode="particle" if seed is not None else "faces",
        open_faces=tuple(faces),
        reference_vox=total,
        open_vox=int(sizes[is_open].sum()),
        closed_vox=int(sizes[is_closed].sum()),
        unknown_vox=int(sizes[is_unknown].sum()),
        exterior_vox=0,
        n_closed=int(is_closed.sum()),
        closed_sizes_vox=sizes[is_closed],
        classes=_class_image(run, seg, summ, tables),
        phase_counts=add_counts(counts) if counts else None,
        n_block_labels=int(offsets[-1]),
        n_merged_pairs=n_edges,
    )
