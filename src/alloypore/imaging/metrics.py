"""Metrics of a phase image in memory: volume fractions, open / closed / unknown porosity,
electrolyte-accessible porosity, pore sizes by local thickness, surface area.

Every volume metric is written once over blocks (:mod:`.porosity`, :mod:`.classify`,
:mod:`.surface`, :mod:`.thickness`, run by :mod:`.blocks`); the functions here are the
one-block, in-process case of that code, plus what needs the whole volume at once:
the particle envelope (particle mode) and the probe-accessible porosity.

Classification of pore voxels (see ``docs/imaging.md``), 6-connectivity:

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
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage as ndi

from alloypore.errors import InputError

from .blocks import BlockRun, VolumeSource
from .classify import (
    CLASS_CLOSED,
    CLASS_EXTERIOR,
    CLASS_OPEN,
    CLASS_SOLID,
    CLASS_UNKNOWN,
    FACES,
    PoreClasses,
    classify_blocks,
    face_slice,
    parse_faces,
)
from .porosity import phase_fractions
from .segment import Segmenter
from .surface import surface_area_vox2
from .thickness import local_thickness_vox, pore_size_distribution

__all__ = [
    # whole-volume (in memory) metrics defined here
    "classify_pores", "accessible_porosity", "particle_envelope", "label_pores",
    # the one-block case of the block metrics, and their types and constants
    "phase_fractions", "local_thickness_vox", "pore_size_distribution", "surface_area_vox2", "PoreClasses",
    "parse_faces", "FACES", "CLASS_SOLID", "CLASS_OPEN", "CLASS_CLOSED", "CLASS_UNKNOWN", "CLASS_EXTERIOR",
]

_STRUCT6 = ndi.generate_binary_structure(3, 1)


def label_pores(pore: np.ndarray) -> tuple[np.ndarray, int]:
    """Connected components of ``pore`` (bool) with the 6-connectivity rule."""
    lab, n = ndi.label(pore, structure=_STRUCT6)
    return lab, int(n)


def _touch_flags(lab: np.ndarray, n: int, faces) -> np.ndarray:
    """Bool array (n+1,): component touches any of ``faces``."""
    flags = np.zeros(n + 1, dtype=bool)
    for f in faces:
        flags[np.unique(lab[face_slice(f)])] = True
    flags[0] = False
    return flags


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


def classify_pores(
    phases: np.ndarray,
    *,
    mode: str = "auto",
    open_faces="all",
    envelope_radius_vox: float = 5.0,
) -> PoreClasses:
    """Split pore voxels (phase 0) into open, closed and unknown (one block, in memory).

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
    parse_faces(open_faces)
    phases = np.asarray(phases)
    pore = phases == 0
    n_pore = int(np.count_nonzero(pore))
    if n_pore == 0:
        raise InputError("volume", "no pore voxels", "at least one pore (phase 0) voxel; check the threshold")
    if n_pore == pore.size:
        raise InputError("volume", "no solid voxels", "at least one solid voxel; check the threshold")
    if mode == "auto":
        mode = "faces" if any(not pore[face_slice(f)].all() for f in FACES) else "particle"
    run = BlockRun.whole(pore)
    if mode == "faces":
        return classify_blocks(run, Segmenter("bool"), open_faces=open_faces)
    env = particle_envelope(~pore, envelope_radius_vox)
    exterior = pore & ~env
    pc = classify_blocks(run, Segmenter("bool"), seed=VolumeSource(array=exterior, check=False))
    pc.exterior_vox = int(np.count_nonzero(exterior))
    pc.open_vox -= pc.exterior_vox  # exterior voxels are in open clusters
    pc.classes[exterior] = CLASS_EXTERIOR
    pc.reference_vox = int(np.count_nonzero(env))
    return pc


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
    cls = np.asarray(pc.classes)
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
