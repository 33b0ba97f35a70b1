"""Metrics on phase images: volume fractions, open / closed / unknown porosity,
electrolyte-accessible porosity, pore sizes by local thickness, surface area.

Connectivity rule (fixed, everywhere in :mod:`alloypore.imaging`): two pore
voxels are connected only if they share a **face** (6-connectivity).  Edge or
corner contact does not carry electrolyte.  This is PoreSpy's ``conn='min'``.

Classification of pore voxels (see ``docs/imaging.md``):

``faces`` mode (a crop of an electrode or of a particle interior)
    A connected pore cluster is **open** if it touches one of the *open faces*
    (default: all six faces of the box, i.e. the volume is embedded in
    electrolyte-filled porosity on every side), **unknown** if it touches only
    other faces of the box (the cropped edge: we cannot tell where it leads),
    and **closed** if it touches no face.  The reference volume is the box.
``particle`` mode (a whole particle surrounded by void)
    The particle envelope is the solid closed with a ball of
    ``envelope_radius_vox`` and with its holes filled.  Void outside the
    envelope is *exterior* (electrolyte).  A pore cluster is open if it
    reaches the exterior, closed if it touches neither the exterior nor the
    box; unknown if it touches the box but not the exterior.  The reference
    volume is the envelope.
``auto``
    ``particle`` when no solid voxel lies on the box faces, else ``faces``.

Algorithm: union-find over runs of pore voxels along x (runs in face-adjacent
rows that overlap belong to one cluster), compiled with numba; each cluster's
flags (touches an open face / the exterior, touches the box) decide its class.
Same result as labelling the clusters with ``scipy.ndimage.label`` (tested
against it), 4-5x faster, without an int32 label image.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit
from scipy import ndimage as ndi

from alloypore.errors import InputError

__all__ = [
    "FACES",
    "CLASS_SOLID",
    "CLASS_OPEN",
    "CLASS_CLOSED",
    "CLASS_UNKNOWN",
    "CLASS_EXTERIOR",
    "PoreClasses",
    "phase_fractions",
    "label_pores",
    "particle_envelope",
    "classify_pores",
    "accessible_porosity",
    "local_thickness_vox",
    "pore_size_distribution",
    "surface_area_vox2",
    "parse_faces",
]

FACES = ("z-", "z+", "y-", "y+", "x-", "x+")
CLASS_SOLID, CLASS_OPEN, CLASS_CLOSED, CLASS_UNKNOWN, CLASS_EXTERIOR = 0, 1, 2, 3, 4

_STRUCT6 = ndi.generate_binary_structure(3, 1)


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


def _face_slice(face: str):
    axis = "zyx".index(face[0])
    idx = [slice(None)] * 3
    idx[axis] = 0 if face[1] == "-" else -1
    return tuple(idx)


def phase_fractions(phases: np.ndarray, mask: np.ndarray | None = None) -> dict[int, float]:
    """Volume fraction of each phase label (int64 counts), optionally within ``mask``."""
    v = phases if mask is None else phases[mask]
    counts = np.bincount(np.asarray(v, dtype=np.intp).ravel())
    total = int(counts.sum())
    if total == 0:
        raise InputError("volume", "empty", "at least one voxel")
    return {int(k): float(c) / total for k, c in enumerate(counts) if c > 0}


def label_pores(pore: np.ndarray) -> tuple[np.ndarray, int]:
    """Connected components of ``pore`` (bool) with the 6-connectivity rule."""
    lab, n = ndi.label(pore, structure=_STRUCT6)
    return lab, int(n)


def _touch_flags(lab: np.ndarray, n: int, faces) -> np.ndarray:
    """Bool array (n+1,): component touches any of ``faces``."""
    flags = np.zeros(n + 1, dtype=bool)
    for f in faces:
        flags[np.unique(lab[_face_slice(f)])] = True
    flags[0] = False
    return flags


@njit(cache=True)
def _find(parent, a):
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


@njit(cache=True)
def _classify_runs(pore, open_sel, seed, use_seed, classes):
    """Open / unknown / closed by union-find over runs of pore voxels along the last axis.

    Runs in face-adjacent rows that overlap are the same 6-connected cluster;
    the root of a cluster is its first run in raster order.  A cluster is open
    if it touches a face with ``open_sel`` (or holds a ``seed`` voxel when
    ``use_seed``), unknown if it touches another box face, closed otherwise.
    Fills ``classes`` and returns ``(n_open, n_unknown, closed_sizes)``.
    """
    n0, n1, n2 = pore.shape
    nrows = n0 * n1
    row_ptr = np.zeros(nrows + 1, dtype=np.int64)
    for r in range(nrows):
        i = r // n1
        j = r - i * n1
        c = 0
        prev = False
        for k in range(n2):
            v = pore[i, j, k]
            if v and not prev:
                c += 1
            prev = v
        row_ptr[r + 1] = row_ptr[r] + c
    nr = row_ptr[nrows]
    rs = np.empty(nr, dtype=np.int32)
    re = np.empty(nr, dtype=np.int32)
    flags = np.zeros(nr, dtype=np.uint8)
    parent = np.arange(nr)
    for r in range(nrows):
        i = r // n1
        j = r - i * n1
        t = row_ptr[r]
        k = 0
        while k < n2:
            if pore[i, j, k]:
                k0 = k
                while k < n2 and pore[i, j, k]:
                    k += 1
                rs[t] = k0
                re[t] = k
                fl = 0
                if i == 0:
                    fl |= 2 | (1 if open_sel[0] else 0)
                if i == n0 - 1:
                    fl |= 2 | (1 if open_sel[1] else 0)
                if j == 0:
                    fl |= 2 | (1 if open_sel[2] else 0)
                if j == n1 - 1:
                    fl |= 2 | (1 if open_sel[3] else 0)
                if k0 == 0:
                    fl |= 2 | (1 if open_sel[4] else 0)
                if k == n2:
                    fl |= 2 | (1 if open_sel[5] else 0)
                if use_seed:
                    for kk in range(k0, k):
                        if seed[i, j, kk]:
                            fl |= 1
                            break
                flags[t] = fl
                t += 1
            else:
                k += 1
        # union with the overlapping runs of the previous row (j - 1) and previous plane (i - 1)
        for other in range(2):
            if other == 0:
                if j == 0:
                    continue
                o = r - 1
            else:
                if i == 0:
                    continue
                o = r - n1
            p = row_ptr[o]
            pend = row_ptr[o + 1]
            for t in range(row_ptr[r], row_ptr[r + 1]):
                while p < pend and re[p] <= rs[t]:
                    p += 1
                q = p
                while q < pend and rs[q] < re[t]:
                    a = _find(parent, t)
                    b = _find(parent, q)
                    if a < b:
                        parent[b] = a
                    elif b < a:
                        parent[a] = b
                    q += 1
    size = np.zeros(nr, dtype=np.int64)
    for t in range(nr):
        root = _find(parent, t)
        parent[t] = root
        flags[root] |= flags[t]
        size[root] += re[t] - rs[t]
    n_open = 0
    n_unknown = 0
    n_closed = 0
    for t in range(nr):
        if parent[t] == t:
            if flags[t] & 1:
                n_open += size[t]
            elif flags[t] & 2:
                n_unknown += size[t]
            else:
                n_closed += 1
    closed_sizes = np.empty(n_closed, dtype=np.int64)
    c = 0
    for t in range(nr):
        if parent[t] == t and flags[t] == 0:
            closed_sizes[c] = size[t]
            c += 1
    for r in range(nrows):
        i = r // n1
        j = r - i * n1
        for t in range(row_ptr[r], row_ptr[r + 1]):
            fl = flags[parent[t]]
            code = 1 if fl & 1 else (3 if fl & 2 else 2)
            for k in range(rs[t], re[t]):
                classes[i, j, k] = code
    return n_open, n_unknown, closed_sizes


def particle_envelope(solid: np.ndarray, radius_vox: float = 5.0) -> np.ndarray:
    """Envelope of a particle: morphological closing with a ball, then holes filled.

    Closing with a ball of radius r (dilation then erosion, both exact through
    Euclidean distance transforms: dilation = ``edt(~solid) <= r``, erosion =
    ``edt(dilated) > r``) bridges pore mouths narrower than 2r; filling holes
    adds every void not connected to the box boundary.  A convex particle is
    unchanged by the closing.
    """
    r = float(radius_vox)
    pad = int(np.ceil(r)) + 1
    s = np.pad(solid, pad, constant_values=False)
    if r > 0:
        dil = ndi.distance_transform_edt(~s) <= r
        s = ndi.distance_transform_edt(dil) > r
    env = ndi.binary_fill_holes(s, structure=_STRUCT6)
    return env[(slice(pad, -pad),) * 3]


@dataclass
class PoreClasses:
    """Open / closed / unknown pore voxels; counts are int64, fractions of the reference volume.

    ``classes`` holds one code per voxel: 0 solid, 1 open, 2 closed, 3 unknown,
    4 exterior (void outside the particle envelope, particle mode only).
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
    classes: np.ndarray = field(repr=False)

    @property
    def pore_vox(self) -> int:
        return self.open_vox + self.closed_vox + self.unknown_vox

    @property
    def porosity(self) -> float:
        return self.pore_vox / self.reference_vox

    @property
    def open_porosity(self) -> float:
        return self.open_vox / self.reference_vox

    @property
    def closed_porosity(self) -> float:
        return self.closed_vox / self.reference_vox

    @property
    def unknown_porosity(self) -> float:
        return self.unknown_vox / self.reference_vox

    @property
    def closed_pore_fraction(self) -> float:
        """Closed / all pore volume (unknown counted in the denominator)."""
        return self.closed_vox / self.pore_vox if self.pore_vox else float("nan")


def classify_pores(
    phases: np.ndarray,
    *,
    mode: str = "auto",
    open_faces="all",
    envelope_radius_vox: float = 5.0,
) -> PoreClasses:
    """Split pore voxels (phase 0) into open, closed and unknown.

    Parameters
    ----------
    phases : ndarray
        Phase image, 0 = pore.
    mode : {"auto", "faces", "particle"}
        See the module docstring.
    open_faces : "all" or list of {"z-","z+","y-","y+","x-","x+"}
        Faces in contact with electrolyte (faces mode).  ``"z-"`` for an
        electrode imaged with the separator side at z = 0.
    envelope_radius_vox : float
        Closing radius of the particle envelope (particle mode).

    Returns
    -------
    PoreClasses

    Raises
    ------
    InputError
        If the volume holds no pore voxel or no solid voxel.
    """
    if mode not in ("auto", "faces", "particle"):
        raise InputError("mode", mode, "one of auto, faces, particle")
    faces = parse_faces(open_faces)
    pore = np.asarray(phases) == 0
    n_pore = int(np.count_nonzero(pore))
    if n_pore == 0:
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    if n_pore == pore.size:
        raise InputError("volume", "no solid voxels", "at least one solid voxel; check the threshold")
    solid = ~pore
    if mode == "auto":
        on_faces = any(solid[_face_slice(f)].any() for f in FACES)
        mode = "faces" if on_faces else "particle"
    if mode == "faces":
        sel_open = np.array([f in faces for f in FACES], dtype=np.bool_)
        classes = np.zeros(pore.shape, dtype=np.uint8)
        n_open, n_unknown, closed_sizes = _classify_runs(pore, sel_open, np.zeros((1, 1, 1), np.bool_), False, classes)
        reference = pore.size
        exterior_vox = 0
    else:
        faces = ()
        env = particle_envelope(solid, envelope_radius_vox)
        exterior = pore & ~env
        classes = np.zeros(pore.shape, dtype=np.uint8)
        n_open, n_unknown, closed_sizes = _classify_runs(pore, np.zeros(6, np.bool_), exterior, True, classes)
        n_open -= int(np.count_nonzero(exterior))  # exterior voxels are in open clusters
        classes[exterior] = CLASS_EXTERIOR
        reference = int(np.count_nonzero(env))
        exterior_vox = int(np.count_nonzero(exterior))
    n_closed_vox = int(closed_sizes.sum())
    counts = np.zeros(5, dtype=np.int64)
    counts[CLASS_OPEN], counts[CLASS_CLOSED], counts[CLASS_UNKNOWN] = n_open, n_closed_vox, n_unknown
    return PoreClasses(
        mode=mode,
        open_faces=tuple(faces),
        reference_vox=int(reference),
        open_vox=int(counts[CLASS_OPEN]),
        closed_vox=int(counts[CLASS_CLOSED]),
        unknown_vox=int(counts[CLASS_UNKNOWN]),
        exterior_vox=exterior_vox,
        n_closed=int(closed_sizes.size),
        closed_sizes_vox=closed_sizes,
        classes=classes,
    )


def accessible_porosity(pc: PoreClasses, probe_radius_vox: float) -> float:
    """Porosity reachable by a spherical probe (e.g. a solvated ion) of radius r.

    A probe centre may sit on a pore voxel whose distance to the nearest solid
    voxel exceeds r; centres connected (6-connectivity) to an open face or to
    the exterior are reachable; the accessible space is every pore voxel within
    r of a reachable centre.  At r = 0 this is the open porosity.
    """
    r = float(probe_radius_vox)
    if r < 0:
        raise InputError("probe_radius", r, "allowed probe_radius >= 0")
    cls = pc.classes
    open_like = (cls == CLASS_OPEN) | (cls == CLASS_EXTERIOR)
    if r == 0:
        return pc.open_vox / pc.reference_vox
    void = cls != CLASS_SOLID
    dt = ndi.distance_transform_edt(void)
    centres = dt > r
    lab, n = label_pores(centres)
    ok = np.zeros(n + 1, dtype=bool)
    if pc.mode == "faces":
        ok |= _touch_flags(lab, n, pc.open_faces)
    ok[np.unique(lab[cls == CLASS_EXTERIOR])] = True
    ok[0] = False
    reach = ok[lab]
    if not reach.any():
        return 0.0
    acc = ndi.distance_transform_edt(~reach) <= r
    acc &= open_like & (cls != CLASS_EXTERIOR)
    return int(np.count_nonzero(acc)) / pc.reference_vox


def local_thickness_vox(pore: np.ndarray, max_bins: int = 64) -> np.ndarray:
    """Local thickness (Hildebrand & Rüegsegger 1997) as a radius in voxels.

    For every pore voxel, the radius of the largest ball that contains it and
    fits in the pore space: ``lt(x) = max{ r : x in B(c, r), dt(c) >= r }``
    with ``dt`` the exact Euclidean distance transform (distance to the
    nearest solid voxel centre).  Radii are the distinct values of ``dt``
    (exact) when there are at most ``max_bins`` of them, else ``max_bins``
    linearly spaced values (each voxel then gets the bin's lower edge).

    The diameter ``2 r`` of a slit of w voxels is w (w even) or w + 1 (w odd).

    References
    ----------
    T. Hildebrand, P. Rüegsegger, J. Microsc. 185 (1997) 67.
    """
    pore = np.asarray(pore, dtype=bool)
    dt = ndi.distance_transform_edt(pore)
    vals = np.unique(dt[pore])
    if vals.size > max_bins:
        vals = np.linspace(vals.min(), vals.max(), max_bins)
    lt = np.zeros(pore.shape, dtype=np.float32)
    for r in vals[::-1]:
        centres = dt >= r
        if not centres.any():
            continue
        covered = ndi.distance_transform_edt(~centres) < r
        new = covered & pore & (lt == 0)
        lt[new] = r
    return lt


def pore_size_distribution(lt_vox: np.ndarray, mask: np.ndarray, voxel_nm: float, bins: int = 30):
    """Volume-weighted pore size distribution from a local-thickness map.

    Returns ``(diameter_nm_edges, volume_fraction, modal_diameter_nm, mean_diameter_nm)``;
    the diameter of a voxel is ``2 * lt * voxel_nm``.
    """
    d = 2.0 * lt_vox[mask].astype(np.float64) * voxel_nm
    if d.size == 0:
        return np.array([0.0, 1.0]), np.array([0.0]), float("nan"), float("nan")
    vals, counts = np.unique(d, return_counts=True)
    modal = float(vals[np.argmax(counts)])
    mean = float((vals * counts).sum() / counts.sum())
    hist, edges = np.histogram(d, bins=bins)
    return edges, hist / d.size, modal, mean


def surface_area_vox2(pore: np.ndarray, sigma_vox: float = 1.0) -> float:
    """Pore–solid interface area in voxel² by marching cubes on a smoothed indicator.

    Method: the pore indicator is smoothed with a Gaussian of ``sigma_vox``
    (scipy ``gaussian_filter``, mode ``reflect``, truncate 4) and the 0.5
    iso-surface is extracted by Lewiner marching cubes (scikit-image);
    the area is the sum of the triangle areas.  Faces of the box are not
    counted.  On a voxelised sphere of radius >= 10 voxels the area is within
    2 % of 4πr²; on the raw binary indicator it would be about 9 % high.

    References
    ----------
    T. Lewiner et al., J. Graphics Tools 8 (2003) 1.
    """
    from skimage import measure

    f = np.asarray(pore, dtype=np.float32)
    if sigma_vox > 0:
        f = ndi.gaussian_filter(f, sigma_vox, mode="reflect", truncate=4.0)
    if f.min() >= 0.5 or f.max() <= 0.5:
        return 0.0
    verts, faces_, _, _ = measure.marching_cubes(f, 0.5, method="lewiner")
    return float(measure.mesh_surface_area(verts, faces_))
