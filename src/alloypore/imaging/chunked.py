r"""Out-of-core volume metrics on Dask: porosity, open / closed / unknown, surface, local thickness.

A volume larger than memory (a zarr store, or a memory-mapped ``.npy``) is cut
into blocks of ``chunk`` voxels per axis.  Each block is one Dask task that
reads its voxels (plus a halo where a metric needs one), segments them with
*global* rules (the same labels / thresholds for every block) and returns a
small summary; the driver merges the summaries.  Every result EQUALS the
in-memory function of :mod:`alloypore.imaging.metrics` on a volume that fits
(tested on 64³ with 32³ blocks, sealed voids straddling block faces):

Porosity and phase fractions
    ``bincount`` per block, summed as int64 (no 2³¹ overflow).
Open / closed / unknown (``faces`` mode)
    Each block is labelled with the 6-connectivity rule.  Labels of voxels
    that face each other across a block face (both pore) are the same
    cluster: those pairs are edges of a graph over all block labels, whose
    connected components (union-find, ``scipy.sparse.csgraph``) are the
    global clusters.  A cluster's size is the sum of its block labels' sizes;
    it touches a box face if any of its block labels does.  Classes follow
    :func:`~alloypore.imaging.metrics.classify_pores` exactly.
Surface area
    The Gaussian smoothing (σ = 1, truncate 4: a 4-voxel stencil) is exact in
    a block read with a 4-voxel halo (``reflect`` at the true box faces, as in
    memory).  Marching cubes visits the cells between voxel centres; a cell
    belongs to the block that holds its lowest corner, so each block adds one
    extra layer on its + faces and every surface element is counted exactly
    once.  Lewiner's case tables and ambiguity tests use only the 8 values of
    a cell, so the triangles are those of the in-memory mesh; the sum equals
    the in-memory area to the rounding of scikit-image's float32 vertex
    coordinates and summation (measured <= 1e-7 relative, tested at 1e-6).
Local thickness
    Overlap rule: **halo depth = 2 ceil(R_max) + 1** voxels with ``R_max`` the
    largest Euclidean distance-transform value of the pore space (the largest
    inscribed pore radius).  A first pass finds ``R_max`` and the set of
    distinct distance values with an adaptive halo (doubled until every block's
    largest interior distance is within its halo, which makes that block's
    EDT exact); the second pass needs the EDT exact at every sphere centre
    within ``R_max`` of the block (depth ``R_max`` + that centre's own
    ``R_max``).  The radius bins are global, so local thickness equals
    :func:`~alloypore.imaging.metrics.local_thickness_vox` voxel for voxel.

Tortuosity is not chunked (one linear solve over the whole pore network);
:func:`tortuosity_many` runs the three axes and several volumes as parallel
Dask tasks.

Limitations: only ``faces`` mode (the particle envelope of ``particle`` mode
needs a morphological closing and hole filling over the whole particle);
no small-region clean-up (``min_size``); no probe-accessible porosity.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import ndimage as ndi

from alloypore.errors import DataFileError, InputError

from . import metrics as m

__all__ = [
    "DEFAULT_CHUNK",
    "DASK_AUTO_BYTES",
    "VolumeSource",
    "Segmenter",
    "ChunkedPoreClasses",
    "make_segmenter",
    "block_bounds",
    "phase_counts_chunked",
    "classify_pores_chunked",
    "surface_area_vox2_chunked",
    "local_thickness_chunked",
    "pore_profile_chunked",
    "tortuosity_many",
    "close_clients",
]

#: Default block edge in voxels (256³ uint8 = 16 MB; labels 64 MB per task).
DEFAULT_CHUNK = 256
#: ``alloypore image analyze`` switches to the chunked path for zarr volumes above this size.
DASK_AUTO_BYTES = 2 * 1024**3

_STRUCT6 = ndi.generate_binary_structure(3, 1)


# ----------------------------------------------------------------- sources and segmentation
class VolumeSource:
    """A 3D volume read block by block: a zarr store, a ``.npy`` file (memory-mapped) or an array.

    Picklable: a file source pickles as its path and reopens in the worker,
    so blocks can be read on a dask.distributed cluster that sees the file.
    """

    def __init__(self, path: str | Path | None = None, array=None):
        self.path = None if path is None else str(path)
        self._arr = array
        if self._arr is None and self.path is None:
            raise ValueError("VolumeSource needs a path or an array")
        a = self.array
        self.shape = tuple(int(s) for s in a.shape)
        self.dtype = np.dtype(a.dtype)
        from .io import check_volume_3d

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
                except Exception as exc:
                    raise DataFileError(p, f"cannot read .npy ({type(exc).__name__}: {exc})") from None
            else:
                from .io import _open_zarr

                self._arr = _open_zarr(p)
        return self._arr

    @property
    def nbytes(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64)) * self.dtype.itemsize

    def read(self, bounds) -> np.ndarray:
        return np.asarray(self.array[tuple(slice(a, b) for a, b in bounds)])

    def __getstate__(self):
        st = dict(self.__dict__)
        if self.path is not None:
            st["_arr"] = None
        return st


@dataclass(frozen=True)
class Segmenter:
    """Global rule turning raw voxels into a phase image (0 = pore), applied block by block.

    ``kind``: ``"bool"`` (True = pore, PoreSpy), ``"labels"`` (integers 0..7 are
    the phases) or ``"threshold"`` (``np.digitize`` on ``thresholds``, as
    :func:`~alloypore.imaging.segment.threshold_phases`).
    """

    kind: str
    thresholds: tuple = ()
    pore_is_dark: bool = True

    def apply(self, raw: np.ndarray) -> np.ndarray:
        from .segment import threshold_phases

        if self.kind == "bool":
            return (~raw.astype(bool)).astype(np.uint8)
        if self.kind == "labels":
            return raw.astype(np.uint8)
        return threshold_phases(raw, self.thresholds, pore_is_dark=self.pore_is_dark)


def block_bounds(shape, chunk) -> list[tuple]:
    """Blocks of edge ``chunk`` covering ``shape``: list of ``(index, ((z0, z1), (y0, y1), (x0, x1)))``."""
    ch = (int(chunk),) * 3 if np.ndim(chunk) == 0 else tuple(int(c) for c in chunk)
    if min(ch) < 2:
        raise InputError("chunk", chunk, "a block edge of at least 2 voxels")
    edges = [list(range(0, n, c)) + [n] for n, c in zip(shape, ch)]
    out = []
    for i in range(len(edges[0]) - 1):
        for j in range(len(edges[1]) - 1):
            for k in range(len(edges[2]) - 1):
                out.append(((i, j, k), ((edges[0][i], edges[0][i + 1]), (edges[1][j], edges[1][j + 1]),
                                        (edges[2][k], edges[2][k + 1]))))
    return out


def _minmax_block(src, bounds):
    a = src.read(bounds)
    return a.min(), a.max()


def make_segmenter(src: VolumeSource, *, thresholds=None, n_phases: int = 2, scheduler=None, workers=None,
                   chunk=DEFAULT_CHUNK) -> Segmenter:
    """The segmentation rule the in-memory :func:`~alloypore.imaging.segment.segment` would use.

    ``bool`` -> True = pore; integers all in 0..7 -> labels (global min / max in
    one pass); else the given ``thresholds`` or (multi-)Otsu on the same regular
    subsample the in-memory path takes.
    """
    from .segment import otsu_sample_step, otsu_thresholds_of_sample

    if src.dtype == bool:
        return Segmenter("bool")
    if thresholds is not None:
        t = tuple(sorted(float(x) for x in thresholds))
        if not t or len(t) > 254:
            raise InputError("thresholds", list(t), "one to 254 ascending grey values")
        return Segmenter("threshold", t)
    if src.dtype.kind in "iu":
        import dask

        blocks = block_bounds(src.shape, chunk)
        mm = _run([dask.delayed(_minmax_block)(src, b) for _, b in blocks], "range", scheduler, workers)
        lo, hi = min(int(a) for a, _ in mm), max(int(b) for _, b in mm)
        if lo >= 0 and hi <= 7:
            return Segmenter("labels")
    step = otsu_sample_step(int(np.prod(src.shape, dtype=np.int64)))
    sample = np.asarray(src.array[::step, ::step, ::step])
    if src.dtype.kind == "f" and not np.isfinite(sample).all():
        raise DataFileError(src.path or "volume", "volume contains NaN or infinite values")
    return Segmenter("threshold", tuple(otsu_thresholds_of_sample(sample, n_phases)))


# ----------------------------------------------------------------- running tasks on Dask
def _run(tasks, description: str, scheduler=None, workers=None) -> list:
    """Compute dask.delayed ``tasks``; results in order, with a progress bar per finished task.

    ``scheduler``: None -> Dask's local threaded scheduler with ``workers``
    threads; a ``distributed.Client``; or the address of a running
    dask.distributed scheduler (``tcp://host:8786``).
    """
    import dask

    from alloypore.progress import progress, settings

    if not tasks:
        return []
    if scheduler is not None:
        client = _client(scheduler)
        from distributed import as_completed

        futures = client.compute(list(tasks))
        for _ in progress(as_completed(futures), description, total=len(futures)):
            pass
        return client.gather(futures)
    nw = None if workers is None else int(workers)
    if nw is not None and nw < 1:
        raise InputError("workers", workers, "at least 1 worker")
    if not settings.show_progress:
        return list(dask.compute(*tasks, scheduler="threads", num_workers=nw))
    import queue

    from dask.callbacks import Callback

    top = {t.key for t in tasks}
    q: queue.Queue = queue.Queue()
    box: dict = {}

    class _Tick(Callback):
        def _posttask(self, key, result, dsk, state, id):
            if key in top:
                q.put(1)

    def work():
        try:
            with _Tick():
                box["res"] = dask.compute(*tasks, scheduler="threads", num_workers=nw)
        except BaseException as exc:  # re-raised in the caller's thread
            box["exc"] = exc
        finally:
            q.put(None)

    th = threading.Thread(target=work, daemon=True)
    th.start()
    for _ in progress(iter(q.get, None), description, total=len(tasks)):
        pass
    th.join()
    if "exc" in box:
        raise box["exc"]
    return list(box["res"])


_CLIENTS: dict = {}


def _client(scheduler):
    if not isinstance(scheduler, str):
        return scheduler
    if scheduler not in _CLIENTS:
        from distributed import Client

        try:
            _CLIENTS[scheduler] = Client(scheduler, timeout="10s", set_as_default=False)
        except Exception:
            raise InputError("scheduler", scheduler, "the address of a running dask.distributed scheduler, "
                             "e.g. tcp://host:8786") from None
        if len(_CLIENTS) == 1:
            import atexit

            atexit.register(close_clients)
    return _CLIENTS[scheduler]


def close_clients() -> None:
    """Close the dask.distributed clients opened for scheduler addresses."""
    while _CLIENTS:
        _, c = _CLIENTS.popitem()
        try:
            c.close()
        except Exception:  # already gone with its cluster
            pass


# ----------------------------------------------------------------- porosity and open / closed
def _bincount_slabs(a: np.ndarray, minlength: int) -> np.ndarray:
    """int64 ``bincount`` of an integer array, one z-slab at a time (bincount would copy it all to intp)."""
    out = np.zeros(minlength, dtype=np.int64)
    for sl in a:
        c = np.bincount(sl.ravel(), minlength=minlength)
        out[: c.size] += c
    return out


def _label_block(src, seg, bounds):
    ph = seg.apply(src.read(bounds))
    lab, n = ndi.label(ph == 0, structure=_STRUCT6)
    return {
        "n": int(n),
        "sizes": _bincount_slabs(lab, n + 1),
        "phase_counts": _bincount_slabs(ph, 256),
        # copies: a view of a z face would keep the whole label block alive in the summary
        "faces": {f: lab[m._face_slice(f)].copy() for f in m.FACES},
    }


def phase_counts_chunked(src: VolumeSource, seg: Segmenter, *, chunk=DEFAULT_CHUNK, scheduler=None,
                         workers=None) -> np.ndarray:
    """Voxels of each phase label 0..255 (int64), block by block."""
    import dask

    def count(s, g, b):
        return _bincount_slabs(g.apply(s.read(b)), 256)

    parts = _run([dask.delayed(count)(src, seg, b) for _, b in block_bounds(src.shape, chunk)], "porosity",
                 scheduler, workers)
    return np.sum(parts, axis=0, dtype=np.int64)


@dataclass
class ChunkedPoreClasses:
    """The counts of :class:`~alloypore.imaging.metrics.PoreClasses` (faces mode), computed block-wise.

    ``classes()`` returns the per-voxel class image as a lazy Dask array
    (each block relabelled with the global cluster classes) instead of
    holding it in memory.
    """

    mode: str
    open_faces: tuple
    reference_vox: int
    open_vox: int
    closed_vox: int
    unknown_vox: int
    exterior_vox: int
    n_closed: int
    closed_sizes_vox: np.ndarray = field(repr=False)
    phase_counts: np.ndarray = field(repr=False)
    n_block_labels: int = 0
    n_merged_pairs: int = 0
    _src: object = field(default=None, repr=False)
    _seg: object = field(default=None, repr=False)
    _blocks: list = field(default_factory=list, repr=False)
    _tables: list = field(default_factory=list, repr=False)

    pore_vox = m.PoreClasses.pore_vox
    porosity = m.PoreClasses.porosity
    open_porosity = m.PoreClasses.open_porosity
    closed_porosity = m.PoreClasses.closed_porosity
    unknown_porosity = m.PoreClasses.unknown_porosity
    closed_pore_fraction = m.PoreClasses.closed_pore_fraction

    def classes(self):
        """Lazy Dask array of class codes (0 solid, 1 open, 2 closed, 3 unknown)."""
        import dask
        import dask.array as da

        nb = [max(ix[a] for ix, _ in self._blocks) + 1 for a in range(3)]
        grid = np.empty(nb, dtype=object)
        for (ix, b), table in zip(self._blocks, self._tables):
            shape = tuple(hi - lo for lo, hi in b)
            grid[ix] = da.from_delayed(dask.delayed(_class_block)(self._src, self._seg, b, table), shape, np.uint8)
        return da.block(grid.tolist())


def _class_block(src, seg, bounds, table):
    pore = seg.apply(src.read(bounds)) == 0
    lab, _ = ndi.label(pore, structure=_STRUCT6)
    return table[lab]


def classify_pores_chunked(
    src: VolumeSource,
    seg: Segmenter,
    *,
    mode: str = "faces",
    open_faces="all",
    chunk=DEFAULT_CHUNK,
    scheduler=None,
    workers=None,
) -> ChunkedPoreClasses:
    """Open / closed / unknown pore voxels of a volume too large for memory (faces mode).

    Equals :func:`~alloypore.imaging.metrics.classify_pores` (``mode="faces"``) on
    any volume; see the module docstring for the merge across block faces.
    ``mode="auto"`` is accepted when solid touches the box (it then means
    ``faces``); ``particle`` mode raises.
    """
    import dask
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if mode not in ("auto", "faces", "particle"):
        raise InputError("mode", mode, "one of auto, faces, particle")
    faces = m.parse_faces(open_faces)
    blocks = block_bounds(src.shape, chunk)
    summ = _run([dask.delayed(_label_block)(src, seg, b) for _, b in blocks], "labelling", scheduler, workers)
    phase_counts = np.sum([s["phase_counts"] for s in summ], axis=0, dtype=np.int64)
    total = int(phase_counts.sum())
    n_pore = int(phase_counts[0])
    if n_pore == 0:
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    if n_pore == total:
        raise InputError("volume", "no solid voxels", "at least one solid voxel; check the threshold")
    nb = [max(ix[a] for ix, _ in blocks) + 1 for a in range(3)]
    where = {ix: t for t, (ix, _) in enumerate(blocks)}
    on_box = {f: [t for t, (ix, _) in enumerate(blocks)
                  if ix["zyx".index(f[0])] == (0 if f[1] == "-" else nb["zyx".index(f[0])] - 1)] for f in m.FACES}
    solid_on_faces = any((summ[t]["faces"][f] == 0).any() for f in m.FACES for t in on_box[f])
    if mode == "particle" or (mode == "auto" and not solid_on_faces):
        raise InputError("mode", "particle", "faces with --dask (the particle envelope needs the whole volume in "
                         "memory; crop the particle or run without --dask)")
    offsets = np.zeros(len(blocks) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([s["n"] for s in summ])
    n_nodes = int(offsets[-1])
    # edges: pore voxels facing each other across a block face
    src_ids, dst_ids = [], []
    for t, (ix, _) in enumerate(blocks):
        for a, (hi_face, lo_face) in enumerate((("z+", "z-"), ("y+", "y-"), ("x+", "x-"))):
            nix = list(ix)
            nix[a] += 1
            u = where.get(tuple(nix))
            if u is None:
                continue
            A = summ[t]["faces"][hi_face]
            B = summ[u]["faces"][lo_face]
            both = (A > 0) & (B > 0)
            if not both.any():
                continue
            pairs = np.unique(np.stack([A[both], B[both]]).astype(np.int64), axis=1)
            src_ids.append(offsets[t] + pairs[0] - 1)
            dst_ids.append(offsets[u] + pairs[1] - 1)
    if src_ids:
        i = np.concatenate(src_ids)
        j = np.concatenate(dst_ids)
    else:
        i = j = np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(i.size, dtype=np.int8), (i, j)), shape=(n_nodes, n_nodes)).tocsr()
    n_comp, comp = connected_components(graph, directed=False)
    node_sizes = np.concatenate([s["sizes"][1:] for s in summ])
    comp_sizes = np.zeros(n_comp, dtype=np.int64)
    np.add.at(comp_sizes, comp, node_sizes)

    def touching(face_list):
        flag = np.zeros(n_comp, dtype=bool)
        for f in face_list:
            for t in on_box[f]:
                labs = np.unique(summ[t]["faces"][f])
                labs = labs[labs > 0].astype(np.int64)
                flag[comp[offsets[t] + labs - 1]] = True
        return flag

    touches_box = touching(m.FACES)
    is_open = touching(faces)
    is_unknown = touches_box & ~is_open
    is_closed = ~touches_box
    code = np.zeros(n_comp, dtype=np.uint8)
    code[is_open] = m.CLASS_OPEN
    code[is_unknown] = m.CLASS_UNKNOWN
    code[is_closed] = m.CLASS_CLOSED
    tables = []
    for t in range(len(blocks)):
        tab = np.zeros(summ[t]["n"] + 1, dtype=np.uint8)
        tab[1:] = code[comp[offsets[t]: offsets[t + 1]]]
        tables.append(tab)
    return ChunkedPoreClasses(
        mode="faces",
        open_faces=tuple(faces),
        reference_vox=total,
        open_vox=int(comp_sizes[is_open].sum()),
        closed_vox=int(comp_sizes[is_closed].sum()),
        unknown_vox=int(comp_sizes[is_unknown].sum()),
        exterior_vox=0,
        n_closed=int(is_closed.sum()),
        closed_sizes_vox=comp_sizes[is_closed],
        phase_counts=phase_counts,
        n_block_labels=n_nodes,
        n_merged_pairs=int(i.size),
        _src=src,
        _seg=seg,
        _blocks=blocks,
        _tables=tables,
    )


# ----------------------------------------------------------------- surface area
def _halo_bounds(bounds, shape, lo_pad, hi_pad):
    ext = tuple((max(a - lo_pad, 0), min(b + hi_pad, n)) for (a, b), n in zip(bounds, shape))
    return ext


def _surface_block(src, seg, bounds, sigma, truncate):
    from skimage import measure

    shape = src.shape
    h = int(truncate * sigma + 0.5) if sigma > 0 else 0  # scipy's Gaussian stencil radius
    ext = _halo_bounds(bounds, shape, h, h + 1)
    f = (seg.apply(src.read(ext)) == 0).astype(np.float32)
    if sigma > 0:
        f = ndi.gaussian_filter(f, sigma, mode="reflect", truncate=truncate)
    # cells whose lowest corner lies in the block: voxels lo .. hi (inclusive, inside the box)
    crop = tuple(slice(a - ea, (a - ea) + (b - a) + (1 if b < n else 0))
                 for (a, b), (ea, _), n in zip(bounds, ext, shape))
    f = f[crop]
    if min(f.shape) < 2 or not (f.min() < 0.5 < f.max()):
        return 0.0
    verts, faces_, _, _ = measure.marching_cubes(f, 0.5, method="lewiner")
    return float(measure.mesh_surface_area(verts, faces_))


def surface_area_vox2_chunked(src: VolumeSource, seg: Segmenter, *, sigma_vox: float = 1.0, chunk=DEFAULT_CHUNK,
                              scheduler=None, workers=None) -> float:
    """Pore–solid area (voxel²) as :func:`~alloypore.imaging.metrics.surface_area_vox2`, block by block.

    Each block is smoothed with a halo of ``int(4 sigma + 0.5)`` voxels and
    meshed over the cells whose lowest corner it owns (module docstring).
    """
    import dask

    tasks = [dask.delayed(_surface_block)(src, seg, b, float(sigma_vox), 4.0) for _, b in block_bounds(src.shape, chunk)]
    return float(np.sum(_run(tasks, "surface", scheduler, workers)))


# ----------------------------------------------------------------- local thickness
def _edt_values_block(src, seg, bounds, halo0):
    """Largest EDT value in the block (exact) and its distinct values, with an adaptive halo."""
    shape = src.shape
    h = int(halo0)
    while True:
        ext = _halo_bounds(bounds, shape, h, h)
        pore = seg.apply(src.read(ext)) == 0
        whole = all(e == (0, n) for e, n in zip(ext, shape))
        inner = tuple(slice(a - ea, b - ea) for (a, b), (ea, _) in zip(bounds, ext))
        if pore[inner].any() and pore.all() and whole:
            raise InputError("volume", "no solid voxels", "at least one solid voxel; check the threshold")
        if not pore[inner].any():
            return 0.0, np.zeros(0)
        if not pore.all():
            dt = ndi.distance_transform_edt(pore)[inner]
            pin = pore[inner]
            dmax = float(dt[pin].max())
            if dmax <= h or whole:
                return dmax, np.unique(dt[pin])
        h *= 2


def _lt_block(src, seg, bounds, vals, depth):
    shape = src.shape
    ext = _halo_bounds(bounds, shape, depth, depth)
    pore = seg.apply(src.read(ext)) == 0
    inner = tuple(slice(a - ea, b - ea) for (a, b), (ea, _) in zip(bounds, ext))
    lt = np.zeros(pore.shape, dtype=np.float32)
    if not pore[inner].any():
        return lt[inner]
    dt = ndi.distance_transform_edt(pore)
    for r in vals[::-1]:
        centres = dt >= r
        if not centres.any():
            continue
        covered = ndi.distance_transform_edt(~centres) < r
        new = covered & pore & (lt == 0)
        lt[new] = r
    return np.ascontiguousarray(lt[inner])


def _lt_counts_block(src, seg, bounds, vals, depth):
    lt = _lt_block(src, seg, bounds, vals, depth)
    pore = seg.apply(src.read(bounds)) == 0
    v, c = np.unique(lt[pore], return_counts=True)
    return v, c.astype(np.int64)


@dataclass
class ChunkedLocalThickness:
    """Radii bins, the overlap used, and per-radius pore-voxel counts (the PSD without the map)."""

    radii_vox: np.ndarray
    r_max_vox: float
    depth_vox: int
    values_vox: np.ndarray
    counts: np.ndarray
    _src: object = field(default=None, repr=False)
    _seg: object = field(default=None, repr=False)
    _blocks: list = field(default_factory=list, repr=False)

    def map(self):
        """Lazy Dask array of the local-thickness radius (voxels), equal to the in-memory map."""
        import dask
        import dask.array as da

        nb = [max(ix[a] for ix, _ in self._blocks) + 1 for a in range(3)]
        grid = np.empty(nb, dtype=object)
        for ix, b in self._blocks:
            shape = tuple(hi - lo for lo, hi in b)
            grid[ix] = da.from_delayed(dask.delayed(_lt_block)(self._src, self._seg, b, self.radii_vox,
                                                               self.depth_vox), shape, np.float32)
        return da.block(grid.tolist())

    def size_distribution(self, voxel_nm: float, bins: int = 30):
        """As :func:`~alloypore.imaging.metrics.pore_size_distribution` on the whole map."""
        d = 2.0 * self.values_vox.astype(np.float32).astype(np.float64) * voxel_nm
        if d.size == 0:
            return np.array([0.0, 1.0]), np.array([0.0]), float("nan"), float("nan")
        modal = float(d[np.argmax(self.counts)])
        mean = float((d * self.counts).sum() / self.counts.sum())
        hist, edges = np.histogram(d, bins=bins, weights=self.counts)
        return edges, hist / self.counts.sum(), modal, mean


def local_thickness_chunked(src: VolumeSource, seg: Segmenter, *, max_bins: int = 64, chunk=DEFAULT_CHUNK,
                            scheduler=None, workers=None, halo0: int = 16) -> ChunkedLocalThickness:
    """Local thickness of the pore phase block by block, equal to the in-memory map.

    Overlap: ``depth = 2 ceil(R_max) + 1`` voxels, ``R_max`` the largest
    distance-transform value (found in a first pass; module docstring).
    Radius bins as :func:`~alloypore.imaging.metrics.local_thickness_vox`: the
    distinct EDT values if at most ``max_bins``, else ``max_bins`` linearly
    spaced values between their global min and max.
    """
    import dask

    blocks = block_bounds(src.shape, chunk)
    first = _run([dask.delayed(_edt_values_block)(src, seg, b, halo0) for _, b in blocks], "pore radii",
                 scheduler, workers)
    r_max = max(d for d, _ in first)
    vals = np.unique(np.concatenate([v for _, v in first]))
    if vals.size == 0:
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    if vals.size > max_bins:
        vals = np.linspace(vals.min(), vals.max(), max_bins)
    depth = 2 * int(np.ceil(r_max)) + 1
    parts = _run([dask.delayed(_lt_counts_block)(src, seg, b, vals, depth) for _, b in blocks], "local thickness",
                 scheduler, workers)
    allv = np.concatenate([v for v, _ in parts])
    allc = np.concatenate([c for _, c in parts])
    uv, inv = np.unique(allv, return_inverse=True)
    counts = np.zeros(uv.size, dtype=np.int64)
    np.add.at(counts, inv, allc)
    return ChunkedLocalThickness(vals, float(r_max), depth, uv, counts, src, seg, blocks)


# ----------------------------------------------------------------- the whole profile
def pore_profile_chunked(
    src: VolumeSource,
    voxel_size_nm: float,
    *,
    source: str = "volume",
    mode: str = "auto",
    open_faces="all",
    thresholds=None,
    n_phases: int = 2,
    solid_density_g_cm3: float | None = None,
    compute_psd: bool = True,
    compute_surface: bool = True,
    chunk=DEFAULT_CHUNK,
    scheduler=None,
    workers=None,
):
    """:func:`~alloypore.imaging.profile.pore_profile` (faces mode) out of core; returns ``(VolumeProfile, ChunkedPoreClasses, ChunkedLocalThickness or None)``."""
    from .profile import VolumeProfile

    if not (voxel_size_nm > 0):
        raise InputError("voxel_size", voxel_size_nm, "a positive length")
    if solid_density_g_cm3 is not None and not solid_density_g_cm3 > 0:
        raise InputError("solid_density", solid_density_g_cm3, "allowed solid_density > 0 g/cm^3")
    kw = dict(chunk=chunk, scheduler=scheduler, workers=workers)
    seg = make_segmenter(src, thresholds=thresholds, n_phases=n_phases, **kw)
    pc = classify_pores_chunked(src, seg, mode=mode, open_faces=open_faces, **kw)
    counts = pc.phase_counts
    prof = VolumeProfile.from_classes(pc, source=source, voxel_size_nm=voxel_size_nm, shape=src.shape, phase_fractions={
        k: float(c) / int(counts.sum()) for k, c in enumerate(counts) if c > 0})
    if compute_surface:
        area = surface_area_vox2_chunked(src, seg, **kw)
        prof.surface_area_method = ("marching cubes (Lewiner) on the Gaussian-smoothed (sigma 1 voxel) pore indicator, "
                                    "iso 0.5; chunked with a 4-voxel halo")
        prof.surface_area_nm2 = area * voxel_size_nm**2
        n_solid = int(counts.sum() - counts[0])
        prof.surface_per_solid_volume_um_inv = area / (n_solid * voxel_size_nm) * 1e3
        if solid_density_g_cm3 is not None:
            prof.solid_density_g_cm3 = float(solid_density_g_cm3)
            prof.ssa_m2_g = prof.surface_per_solid_volume_um_inv / solid_density_g_cm3
    lt = None
    if compute_psd:
        lt = local_thickness_chunked(src, seg, **kw)
        edges, frac, modal, mean = lt.size_distribution(voxel_size_nm)
        prof.modal_pore_size_nm, prof.mean_pore_size_nm = modal, mean
        prof.pore_size_method = ("local thickness (largest inscribed sphere, exact EDT), volume weighted, diameter = 2 r; "
                                 f"chunked with a {lt.depth_vox}-voxel overlap")
        prof.psd_diameter_nm_edges = [float(e) for e in edges]
        prof.psd_volume_fraction = [float(f) for f in frac]
    return prof, pc, lt


# ----------------------------------------------------------------- tortuosity in parallel
def tortuosity_many(volumes, axes=(0, 1, 2), *, scheduler=None, workers=None, **kw) -> list[dict]:
    """Tortuosity of several pore volumes (bool) along ``axes`` as parallel Dask tasks.

    Each (volume, axis) pair is one single-machine solve of
    :func:`~alloypore.imaging.tortuosity.tortuosity_raw`; returns one
    ``{"z"|"y"|"x": TortuosityResult}`` dict per volume.
    """
    import dask

    from .tortuosity import tortuosity_raw

    pairs = [(v, a) for v in range(len(volumes)) for a in axes]
    tasks = [dask.delayed(tortuosity_raw, pure=False)(volumes[v], a, **kw) for v, a in pairs]
    res = _run(tasks, "tortuosity", scheduler, workers)
    out: list[dict] = [{} for _ in volumes]
    for (v, a), r in zip(pairs, res):
        out[v]["zyx"[a]] = r
    return out
