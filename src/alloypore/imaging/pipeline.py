"""The volume pipeline out of core: a zarr / ``.npy`` volume larger than memory -> pore profile.

Steps, each one map over the blocks of :mod:`.blocks` plus a merge, all on ONE
Dask client or thread pool (:func:`~.blocks.open_blocks`):

1. the segmentation rule (:func:`make_segmenter`): global, the one the in-memory
   :func:`~alloypore.imaging.segment.segment` would use;
2. phase counts and open / closed / unknown in one pass (:mod:`.classify`);
3. surface area (:mod:`.surface`) and local thickness (:mod:`.thickness`).

The block code is the code of the in-memory metrics (:mod:`.metrics` runs it as one
block), so every number equals the in-memory one.  Limitations: faces mode only (the
particle envelope needs the whole particle), no small-region clean-up (``min_size``),
no probe-accessible porosity.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from alloypore.errors import DataFileError, InputError

from . import surface, thickness
from .blocks import DEFAULT_CHUNK, BlockRun, VolumeSource, open_blocks
from .classify import PoreClasses, classify_blocks
from .porosity import fractions
from .profile import VolumeProfile
from .segment import Segmenter, otsu_sample_step, otsu_thresholds_of_sample

__all__ = ["DASK_AUTO_BYTES", "DEFAULT_CHUNK", "needs_out_of_core", "make_segmenter", "pore_profile_blocks"]

#: ``alloypore image analyze`` switches to the out-of-core path for zarr volumes above this size.
DASK_AUTO_BYTES = 2 * 1024**3

#: Class fields copied into the pore profile as they are.
def needs_out_of_core(path: Path) -> bool:
    """A zarr store over :data:`DASK_AUTO_BYTES`: too large to analyse in memory."""
    path = Path(path)
    if not path.is_dir() or not (path.suffix.lower() == ".zarr" or (path / "zarr.json").exists()
                                 or (path / ".zarray").exists()):
        return False
    return VolumeSource(path).nbytes > DASK_AUTO_BYTES


def _minmax_block(src, bounds):
    a = src.read(bounds)
    return a.min(), a.max()


def make_segmenter(run: BlockRun, *, thresholds=None, n_phases: int = 2) -> Segmenter:
    """The segmentation rule :func:`~alloypore.imaging.segment.segment` would use, for the volume of ``run``.

    ``bool`` -> True = pore; integers all in 0..7 -> labels (global min / max in one
    pass over the blocks); else the given ``thresholds`` or (multi-)Otsu on the same
    regular subsample the in-memory path takes.
    """
    src = run.src
    if src.dtype == bool:
        return Segmenter("bool")
    if thresholds is not None:
        t = tuple(sorted(float(x) for x in thresholds))
        if not t or len(t) > 254:
            raise InputError("thresholds", list(t), "one to 254 ascending grey values")
        return Segmenter("threshold", t, method="threshold (given)")
    if src.dtype.kind in "iu":
        mm = run.map(_minmax_block, description="range")
        if min(int(a) for a, _ in mm) >= 0 and max(int(b) for _, b in mm) <= 7:
            return Segmenter("labels")
    step = otsu_sample_step(int(np.prod(src.shape, dtype=np.int64)))
    sample = np.asarray(src.array[::step, ::step, ::step])
    if src.dtype.kind == "f" and not np.isfinite(sample).all():
        raise DataFileError(src.path or "volume", "volume contains NaN or infinite values")
    how = "otsu" if n_phases == 2 else f"multi-otsu ({n_phases} phases)"
    return Segmenter("threshold", tuple(otsu_thresholds_of_sample(sample, n_phases)), method=f"{how}, on every {step}th voxel per axis")


def _profile(pc: PoreClasses, src: VolumeSource, voxel_size_nm: float, source: str) -> VolumeProfile:
    return VolumeProfile.from_classes(pc, source=source, voxel_size_nm=voxel_size_nm, shape=src.shape,
                                      phase_fractions=fractions(pc.phase_counts))


def _add_surface(prof: VolumeProfile, run: BlockRun, seg: Segmenter, counts: np.ndarray,
                 solid_density_g_cm3: float | None) -> None:
    area = surface.surface_area_blocks(run, seg)
    prof.surface_area_method = f"{surface.METHOD}; chunked with a 4-voxel halo"
    prof.surface_area_nm2 = area * prof.voxel_size_nm**2
    n_solid = int(counts.sum() - counts[0])
    prof.surface_per_solid_volume_um_inv = area / (n_solid * prof.voxel_size_nm) * 1e3
    if solid_density_g_cm3 is not None:
        prof.solid_density_g_cm3 = float(solid_density_g_cm3)
        prof.ssa_m2_g = prof.surface_per_solid_volume_um_inv / solid_density_g_cm3


def _add_psd(prof: VolumeProfile, lt: thickness.LocalThickness) -> None:
    edges, frac, modal, mean = lt.size_distribution(prof.voxel_size_nm)
    prof.modal_pore_size_nm, prof.mean_pore_size_nm = modal, mean
    prof.pore_size_method = f"{thickness.METHOD}; chunked with a {lt.depth_vox}-voxel overlap"
    prof.psd_diameter_nm_edges = [float(e) for e in edges]
    prof.psd_volume_fraction = [float(f) for f in frac]


def pore_profile_blocks(
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
) -> tuple[VolumeProfile, PoreClasses, thickness.LocalThickness | None]:
    """:func:`~alloypore.imaging.profile.pore_profile` (faces mode) out of core, block by block.

    ``workers`` / ``scheduler`` as :func:`~.blocks.open_blocks` (one client for every
    step).  Returns ``(VolumeProfile, PoreClasses, LocalThickness or None)``; the class
    image and the thickness map are lazy Dask arrays.
    """
    if not (voxel_size_nm > 0):
        raise InputError("voxel_size", voxel_size_nm, "a positive length")
    if solid_density_g_cm3 is not None and not solid_density_g_cm3 > 0:
        raise InputError("solid_density", solid_density_g_cm3, "allowed solid_density > 0 g/cm^3")
    with open_blocks(src, chunk, workers=workers, scheduler=scheduler) as run:
        seg = make_segmenter(run, thresholds=thresholds, n_phases=n_phases)
        pc = classify_blocks(run, seg, mode=mode, open_faces=open_faces, count_phases=True)
        prof = _profile(pc, src, voxel_size_nm, source)
        prof.segmentation_method, prof.thresholds = seg.record().values()
        if compute_surface:
            _add_surface(prof, run, seg, pc.phase_counts, solid_density_g_cm3)
        lt = thickness.local_thickness_blocks(run, seg) if compute_psd else None
        if lt is not None:
            _add_psd(prof, lt)
    return prof, pc, lt
