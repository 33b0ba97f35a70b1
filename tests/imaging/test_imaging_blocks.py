"""Block-by-block (out-of-core) metrics EQUAL the in-memory ones; hand-counted planted structures."""

import numpy as np
import pytest

from alloypore.imaging import metrics as m
from alloypore.imaging import synthetic as syn
from alloypore.imaging.blocks import BlockRun, VolumeSource, open_blocks
from alloypore.imaging.classify import classify_blocks
from alloypore.imaging.pipeline import make_segmenter
from alloypore.imaging.porosity import phase_counts_blocks
from alloypore.imaging.segment import Segmenter
from alloypore.imaging.surface import surface_area_blocks
from alloypore.imaging.thickness import local_thickness_blocks
from alloypore.imaging.tortuosity import tortuosity_many


@pytest.fixture(scope="module")
def planted():
    """64^3 blobs (porosity 0.3) with structures placed across the 32-voxel block faces.

    * a sealed 4x4x4 void centred on the block corner (32, 32, 32): a 6x6x6 solid shell around
      it, so it is one closed cluster of exactly 64 voxels split 8 ways over 8 blocks;
    * an 8-voxel tube along x at (z, y) = (10, 10) from the x- face: it touches the volume edge
      (open if x- is an open face, unknown if only z- is), inside a solid sleeve.
    """
    ph = (~syn.blobs(64, porosity=0.3, seed=5)).astype(np.uint8)
    ph[27:37, 27:37, 27:37] = 1
    ph[30:34, 30:34, 30:34] = 0
    ph[8:13, 8:13, 0:12] = 1
    ph[10, 10, 0:8] = 0
    return ph


def test_open_closed_unknown_equal_in_memory_across_block_faces(planted):
    src = VolumeSource(array=planted)
    with open_blocks(src, 32, workers=2) as run:  # a local Dask cluster of 2 threads
        seg = make_segmenter(run)
        assert seg.kind == "labels"
        for faces in ("all", "z-", "x-,y+"):
            pc = classify_blocks(run, seg, open_faces=faces)
            ref = m.classify_pores(planted, mode="faces", open_faces=faces)
            assert (pc.open_vox, pc.closed_vox, pc.unknown_vox, pc.n_closed, pc.reference_vox) == (
                ref.open_vox, ref.closed_vox, ref.unknown_vox, ref.n_closed, ref.reference_vox)
            assert sorted(pc.closed_sizes_vox) == sorted(ref.closed_sizes_vox)
            np.testing.assert_array_equal(pc.classes.compute(), ref.classes)
            assert pc.n_merged_pairs > 0  # clusters really were merged across block faces
    # hand count: the planted void is one closed cluster of 4^3 = 64 voxels, 8 in each of 8 blocks
    with open_blocks(src, 32) as run:  # a thread pool in this process
        pc = classify_blocks(run, seg, open_faces="z-")
        cls = pc.classes.compute()
        assert (cls[30:34, 30:34, 30:34] == m.CLASS_CLOSED).all()
        assert 64 in list(pc.closed_sizes_vox)
        # the edge tube reaches only the x- face: unknown with z- open, open with x- open
        assert cls[10, 10, 3] == m.CLASS_UNKNOWN
        assert classify_blocks(run, seg, open_faces="x-").classes[10, 10, 3].compute() == m.CLASS_OPEN
        # porosity: int64 counts per phase, same as a plain count
        counts = phase_counts_blocks(run, seg)
    assert counts.dtype == np.int64 and counts[0] == np.count_nonzero(planted == 0)
    assert pc.porosity == np.count_nonzero(planted == 0) / planted.size


def test_odd_block_sizes_and_one_voxel_blocks():
    ph = (~syn.blobs(37, porosity=0.45, seed=2)).astype(np.uint8)
    src = VolumeSource(array=ph)
    seg = Segmenter("labels")
    ref = m.classify_pores(ph, mode="faces")
    for chunk in (12, 18, (9, 37, 6)):  # 37 = 3*12 + 1: a one-voxel last block
        with open_blocks(src, chunk) as run:
            pc = classify_blocks(run, seg)
            assert (pc.open_vox, pc.closed_vox, pc.n_closed) == (ref.open_vox, ref.closed_vox, ref.n_closed)
            assert surface_area_blocks(run, seg) == pytest.approx(m.surface_area_vox2(ph == 0), rel=1e-6)


def test_one_block_is_the_in_memory_run(planted):
    # the in-memory functions are the one-block case: a BlockRun of the whole array gives the same numbers
    run = BlockRun.whole(planted)
    assert len(run.blocks) == 1 and run.client is None
    seg = Segmenter("labels")
    pc = classify_blocks(run, seg, open_faces="z-")
    ref = m.classify_pores(planted, mode="faces", open_faces="z-")
    np.testing.assert_array_equal(pc.classes, ref.classes)
    np.testing.assert_array_equal(pc.closed_sizes_vox, ref.closed_sizes_vox)  # same raster order
    assert pc.n_merged_pairs == 0
    assert surface_area_blocks(run, seg) == m.surface_area_vox2(planted == 0)


def test_surface_area_equal_in_memory_and_sphere_across_blocks(planted):
    seg = Segmenter("labels")
    with open_blocks(VolumeSource(array=planted), 32) as run:
        a = surface_area_blocks(run, seg)
    assert a == pytest.approx(m.surface_area_vox2(planted == 0), rel=1e-6)  # float32 vertices, summation order
    # a ball of r = 12 centred on a block corner: within 3 % of 4 pi r^2 (method as in memory)
    ball = syn._ball_mask((48, 48, 48), (23.5, 24.5, 24.0), 12)
    with open_blocks(VolumeSource(array=(~ball).astype(np.uint8)), 24) as run:
        a = surface_area_blocks(run, seg)
    assert a == pytest.approx(4 * np.pi * 12**2, rel=0.03)
    assert a == pytest.approx(m.surface_area_vox2(ball), rel=1e-6)


def test_local_thickness_equal_in_memory(planted):
    seg = Segmenter("labels")
    with open_blocks(VolumeSource(array=planted), 32) as run:
        lt = local_thickness_blocks(run, seg)
    ref = m.local_thickness_vox(planted == 0)
    np.testing.assert_array_equal(lt.map.compute(), ref)
    assert lt.depth_vox == 2 * int(np.ceil(lt.r_max_vox)) + 1
    e, f, modal, mean = lt.size_distribution(10.0)
    e0, f0, modal0, mean0 = m.pore_size_distribution(ref, planted == 0, 10.0)
    assert (modal, mean) == (modal0, mean0)
    np.testing.assert_allclose(f, f0, rtol=1e-12)
    np.testing.assert_array_equal(e, e0)
    # a slit 4 voxels wide crossing a block face: diameter 2 r = 4 everywhere (independent of the code)
    ph = np.ones((12, 30, 30), dtype=np.uint8)
    ph[4:8] = 0
    with open_blocks(VolumeSource(array=ph), (6, 10, 10)) as run:
        lt = local_thickness_blocks(run, seg, halo0=1)
    assert np.all(2 * lt.map.compute()[4:8] == 4.0)


def test_zarr_store_on_a_distributed_client_gives_same_counts(planted, tmp_path):
    import distributed
    import zarr

    z = zarr.create_array(str(tmp_path / "v.zarr"), shape=planted.shape, chunks=(16, 16, 16), dtype=np.uint8)
    z[...] = planted
    src = VolumeSource(tmp_path / "v.zarr")  # read block by block from the store, never whole
    ref = m.classify_pores(planted, mode="faces")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            with open_blocks(src, 32, scheduler=client) as run:
                seg = make_segmenter(run)
                pc = classify_blocks(run, seg)
            # half slabs split across y: straight pore along z and x, tau = 1 exactly (two volumes x two axes)
            res = tortuosity_many([syn.half_slab(s, axis=0) == 0 for s in ((16, 18, 20), (20, 16, 18))],
                                  axes=(0, 2), scheduler=client)
    assert (pc.open_vox, pc.closed_vox, pc.n_closed) == (ref.open_vox, ref.closed_vox, ref.n_closed)
    assert [sorted(r) for r in res] == [["x", "z"], ["x", "z"]]
    for r in res:
        for a in "zx":
            assert r[a].tortuosity == pytest.approx(1.0, rel=1e-3)
