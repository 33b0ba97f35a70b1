"""Segmentation of grey-value volumes into labelled phase images.

The common input of every metric in :mod:`alloypore.imaging` is a *phase image*:
an ``uint8`` array with ``0`` = pore (void, electrolyte-fillable) and ``1, 2, ...``
= solid phases in order of increasing grey value (e.g. 1 = carbon, 2 = Si in an
X-ray or FIB-SEM volume, where heavier / denser phases are brighter).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage as ndi
from skimage.filters import threshold_multiotsu, threshold_otsu

from alloypore.errors import InputError

__all__ = [
    "segment_volume",
    "PORE",
    "Segmenter",
    "segment",
    "threshold_phases",
    "otsu_thresholds",
    "otsu_sample_step",
    "otsu_thresholds_of_sample",
    "remove_small_regions",
    "as_phase_image",
]

#: Label of the pore phase in every phase image.
PORE = 0


def otsu_thresholds(volume: np.ndarray, n_phases: int = 2) -> list[float]:
    """Global Otsu (``n_phases == 2``) or multi-Otsu (``n_phases >= 3``) thresholds.

    Otsu (1979) picks the grey level(s) that maximise the between-class variance
    of the histogram; multi-Otsu (Liao et al. 2001) generalises to several classes.

    References
    ----------
    N. Otsu, IEEE Trans. SMC 9 (1979) 62.  P.-S. Liao et al., J. Inf. Sci. Eng. 17 (2001) 713.
    """
    if n_phases < 2 or n_phases > 5:
        raise InputError("n_phases", n_phases, "allowed 2 <= n_phases <= 5")
    v = np.asarray(volume)
    step = otsu_sample_step(v.size)
    if step > 1:  # a regular subsample is enough for a histogram
        v = v[::step, ::step, ::step]
    return otsu_thresholds_of_sample(v, n_phases)


def otsu_sample_step(size: int) -> int:
    """Stride of the regular subsample :func:`otsu_thresholds` takes of a volume of ``size`` voxels."""
    return int(np.ceil((size / 2**24) ** (1 / 3))) if size > 2**24 else 1


def otsu_thresholds_of_sample(v: np.ndarray, n_phases: int = 2) -> list[float]:
    """(Multi-)Otsu thresholds of an already subsampled volume (shared by the out-of-core pipeline)."""
    if n_phases < 2 or n_phases > 5:
        raise InputError("n_phases", n_phases, "allowed 2 <= n_phases <= 5")
    v = np.asarray(v)
    if np.ptp(v) == 0:
        raise InputError("volume", "constant grey value", "a volume with contrast between phases")
    if n_phases == 2:
        return [float(threshold_otsu(v))]
    return [float(t) for t in threshold_multiotsu(v, classes=n_phases)]


def threshold_phases(volume: np.ndarray, thresholds, *, pore_is_dark: bool = True) -> np.ndarray:
    """Phase image from ascending grey-value thresholds: ``v <= t0`` is pore (0), etc.

    With ``pore_is_dark=False`` the brightest class is taken as pore.
    """
    t = np.asarray(sorted(float(x) for x in thresholds))
    if t.size == 0 or t.size > 254:
        raise InputError("thresholds", list(t), "one to 254 ascending grey values")
    v = np.asarray(volume)
    labels = np.digitize(v, t, right=True).astype(np.uint8)  # v <= t0 -> 0
    if not pore_is_dark:
        labels = (t.size - labels).astype(np.uint8)
    return labels


def remove_small_regions(phases: np.ndarray, min_size_vox: int) -> np.ndarray:
    """Reassign connected regions (6-connectivity) smaller than ``min_size_vox`` voxels.

    Each voxel of a small region takes the phase of the nearest voxel that
    belongs to a region large enough to keep (exact Euclidean distance
    transform with indices), which handles any number of phases.
    """
    if min_size_vox <= 1:
        return phases
    keep = np.ones(phases.shape, dtype=bool)
    for ph in np.unique(phases):
        lab, n = ndi.label(phases == ph)
        if n == 0:
            continue
        sizes = np.bincount(lab.ravel())
        small = sizes < min_size_vox
        small[0] = False
        keep &= ~small[lab]
    if keep.all() or not keep.any():
        return phases
    idx = ndi.distance_transform_edt(~keep, return_distances=False, return_indices=True)
    return phases[tuple(idx)]


def as_phase_image(volume: np.ndarray) -> np.ndarray | None:
    """Return ``volume`` as a phase image if it already is one, else ``None``.

    ``bool`` volumes follow PoreSpy's convention (True = pore).  Integer volumes
    whose values all lie in 0..7 are taken as labels (0 = pore).
    """
    v = np.asarray(volume)
    if v.dtype == bool:
        return (~v).astype(np.uint8)
    if v.dtype.kind in "iu":
        lo, hi = int(v.min()), int(v.max())
        if lo >= 0 and hi <= 7:
            return v.astype(np.uint8)
    return None


def segment_volume(
    volume: np.ndarray,
    *,
    method: str = "auto",
    n_phases: int = 2,
    thresholds=None,
    min_size_vox: int = 0,
    pore_is_dark: bool = True,
) -> tuple[np.ndarray, dict]:
    """:func:`segment`, and the record of what was done: ``{"segmentation_method", "thresholds"}``.

    ``segmentation_method`` is ``"labels"`` (the volume already held phases 0..7),
    ``"otsu"`` / ``"multi-otsu (N phases)"`` (thresholds computed) or ``"threshold (given)"``;
    ``thresholds`` the grey values actually used (empty for labels).
    """
    methods = ("auto", "otsu", "threshold", "labels")
    if method not in methods:
        raise InputError("method", method, f"one of {', '.join(methods)}")
    if not min_size_vox >= 0:  # a negative size was silently "off"
        raise InputError("min_size", min_size_vox, "allowed min-size >= 0 voxels (0 = off)")
    labels = None
    record = {"segmentation_method": "labels", "thresholds": []}
    if method in ("auto", "labels"):
        labels = as_phase_image(volume)
        if labels is None and method == "labels":
            raise InputError("volume", f"values {volume.min()}..{volume.max()}", "labels 0..7 (0 = pore)")
    if labels is None:
        if method == "threshold":
            if thresholds is None:
                raise InputError("thresholds", None, "method 'threshold' needs one or more grey values")
            t, how = thresholds, "threshold (given)"
        else:
            t = otsu_thresholds(volume, n_phases)
            how = "otsu" if n_phases == 2 else f"multi-otsu ({n_phases} phases)"
        labels = threshold_phases(volume, t, pore_is_dark=pore_is_dark)
        record = {"segmentation_method": how, "thresholds": [float(x) for x in np.atleast_1d(t)]}
    if min_size_vox and min_size_vox > 1:
        labels = remove_small_regions(labels, int(min_size_vox))
        record["segmentation_method"] += f", regions < {int(min_size_vox)} voxels reassigned"
    return labels, record


def segment(volume: np.ndarray, **options) -> np.ndarray:
    """Segment a volume into a phase image (0 = pore, 1.. = solids by grey value).

    Parameters (keywords of :func:`segment_volume`)
    ----------
    volume : ndarray
        Grey-value or already-labelled 3D volume.
    method : {"auto", "otsu", "threshold", "labels"}
        ``auto``: labels if :func:`as_phase_image` accepts the volume, else Otsu.
        ``otsu``: Otsu (2 phases) or multi-Otsu (``n_phases`` >= 3).
        ``threshold``: the given ``thresholds``.
    min_size_vox : int
        Regions of any phase smaller than this are reassigned (0 = off).  Note
        that a closed pore smaller than this disappears.

    Returns
    -------
    ndarray of uint8
    """
    return segment_volume(volume, **options)[0]


@dataclass(frozen=True)
class Segmenter:
    """A global rule turning raw voxels into a phase image (0 = pore), applied block by block.

    ``kind``: ``"bool"`` (True = pore, PoreSpy), ``"labels"`` (integers 0..7 are the
    phases), ``"threshold"`` (``np.digitize`` on ``thresholds``, as
    :func:`threshold_phases`) or ``"phases"`` (already a phase image, any integers,
    used as is: the in-memory case).
    """

    kind: str
    thresholds: tuple = ()
    pore_is_dark: bool = True
    method: str = ""  # how the thresholds were found ("otsu", "threshold (given)"), for the record

    def record(self) -> dict:
        """``{"segmentation_method", "thresholds"}`` as :func:`segment_volume` reports them."""
        how = self.method or {"bool": "boolean (True = pore)", "labels": "labels", "phases": "labels"}.get(self.kind, self.kind)
        return {"segmentation_method": how, "thresholds": [float(x) for x in self.thresholds]}

    def phases(self, raw: np.ndarray) -> np.ndarray:
        """The phase image of a block of raw voxels."""
        if self.kind == "bool":
            return (~raw.astype(bool)).astype(np.uint8)
        if self.kind == "labels":
            return raw.astype(np.uint8)
        if self.kind == "phases":
            return raw
        return threshold_phases(raw, self.thresholds, pore_is_dark=self.pore_is_dark)

    def pore(self, raw: np.ndarray) -> np.ndarray:
        """The pore mask (bool) of a block of raw voxels; a view, not a copy, for bool input."""
        if self.kind == "bool":
            return raw.astype(bool, copy=False)
        if self.kind in ("labels", "phases"):
            return raw == 0
        return self.phases(raw) == 0
