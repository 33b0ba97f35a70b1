"""Out-of-core (Dask, block by block) metrics EQUAL the in-memory ones; hand-counted planted structures."""

import json

import numpy as np
import pytest

from alloypore.cli import main
from alloypore.imaging import chunked as ck
from alloypore.imaging import metrics as m
from alloypore.imaging import synthetic as syn


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
    src = ck.VolumeSource(array=planted)
    seg = ck.make_segmenter(src, chunk=32)
    assert seg.kind == "labels"
    for faces in ("all", "z-", "x-,y+"):
        pc = ck.classify_pores_chunked(src, seg, chunk=32, open_faces=faces, workers=2)
        ref = m.classify_pores(planted, mode="faces", open_faces=faces)
        assert (pc.open_vox, pc.closed_vox, pc.unknown_vox, pc.n_closed, pc.reference_vox) == (
            ref.open_vox, ref.closed_vox, ref.unknown_vox, ref.n_closed, ref.reference_vox)
        assert sorted(pc.closed_sizes_vox) == sorted(ref.closed_sizes_vox)
        np.testing.assert_array_equal(pc.classes().compute(), ref.classes)
        assert pc.n_merged_pairs > 0  # clusters really were merged across block faces
    # hand count: the planted void is one closed cluster of 4^3 = 64 voxels, 8 in each of 8 blocks
    pc = ck.classify_pores_chunked(src, seg, chunk=32, open_faces="z-")
    cls = pc.classes().compute()
    assert (cls[30:34, 30:34, 30:34] == m.CLASS_CLOSED).all()
    assert 64 in list(pc.closed_sizes_vox)
    # the edge tube reaches only the x- face: unknown with z- open, open with x- open
    assert cls[10, 10, 3] == m.CLASS_UNKNOWN
    assert ck.classify_pores_chunked(src, seg, chunk=32, open_faces="x-").classes()[10, 10, 3].compute() == m.CLASS_OPEN
    # porosity: int64 counts per phase, same as a plain count
    counts = ck.phase_counts_chunked(src, seg, chunk=32)
    assert counts.dtype == np.int64 and counts[0] == np.count_nonzero(planted == 0)
    assert pc.porosity == np.count_nonzero(planted == 0) / planted.size


def test_odd_block_sizes_and_one_voxel_blocks():
    ph = (~syn.blobs(37, porosity=0.45, seed=2)).astype(np.uint8)
    src = ck.VolumeSource(array=ph)
    seg = ck.Segmenter("labels")
    ref = m.classify_pores(ph, mode="faces")
    for chunk in (12, 18, (9, 37, 6)):  # 37 = 3*12 + 1: a one-voxel last block
        pc = ck.classify_pores_chunked(src, seg, chunk=chunk)
        assert (pc.open_vox, pc.closed_vox, pc.n_closed) == (ref.open_vox, ref.closed_vox, ref.n_closed)
        assert ck.surface_area_vox2_chunked(src, seg, chunk=chunk) == pytest.approx(m.surface_area_vox2(ph == 0), rel=1e-6)


def test_surface_area_equal_in_memory_and_sphere_across_blocks(planted):
    src = ck.VolumeSource(array=planted)
    seg = ck.Segmenter("labels")
    a = ck.surface_area_vox2_chunked(src, seg, chunk=32)
    assert a == pytest.approx(m.surface_area_vox2(planted == 0), rel=1e-6)  # float32 vertices, summation order
    # a ball of r = 12 centred on a block corner: within 3 % of 4 pi r^2 (method as in memory)
    ball = syn._ball_mask((48, 48, 48), (23.5, 24.5, 24.0), 12)
    s = ck.VolumeSource(array=(~ball).astype(np.uint8))
    a = ck.surface_area_vox2_chunked(s, seg, chunk=24)
    assert a == pytest.approx(4 * np.pi * 12**2, rel=0.03)
    assert a == pytest.approx(m.surface_area_vox2(ball), rel=1e-6)


def test_local_thickness_equal_in_memory(planted):
    src = ck.VolumeSource(array=planted)
    seg = ck.Segmenter("labels")
    lt = ck.local_thickness_chunked(src, seg, chunk=32)
    ref = m.local_thickness_vox(planted == 0)
    np.testing.assert_array_equal(lt.map().compute(), ref)
    assert lt.depth_vox == 2 * int(np.ceil(lt.r_max_vox)) + 1
    e, f, modal, mean = lt.size_distribution(10.0)
    e0, f0, modal0, mean0 = m.pore_size_distribution(ref, planted == 0, 10.0)
    assert (modal, mean) == (modal0, mean0)
    np.testing.assert_allclose(f, f0, rtol=1e-12)
    np.testing.assert_array_equal(e, e0)
    # a slit 4 voxels wide crossing a block face: diameter 2 r = 4 everywhere (independent of the code)
    ph = np.ones((12, 30, 30), dtype=np.uint8)
    ph[4:8] = 0
    lt = ck.local_thickness_chunked(ck.VolumeSource(array=ph), seg, chunk=(6, 10, 10), halo0=1)
    assert np.all(2 * lt.map().compute()[4:8] == 4.0)


def test_distributed_cluster_gives_same_counts(planted, tmp_path):
    import distributed  # hard dependencies: a broken import must fail, not skip
    import zarr
    z = zarr.create_array(str(tmp_path / "v.zarr"), shape=planted.shape, chunks=(16, 16, 16), dtype=np.uint8)
    z[...] = planted
    src = ck.VolumeSource(tmp_path / "v.zarr")
    ref = m.classify_pores(planted, mode="faces")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            seg = ck.make_segmenter(src, chunk=32, scheduler=client)
            pc = ck.classify_pores_chunked(src, seg, chunk=32, scheduler=client)
            # half slabs split across y: straight pore along z and x, tau = 1 exactly (two volumes x two axes)
            res = ck.tortuosity_many([syn.half_slab(s, axis=0) == 0 for s in ((16, 18, 20), (20, 16, 18))],
                                     axes=(0, 2), scheduler=client)
    assert (pc.open_vox, pc.closed_vox, pc.n_closed) == (ref.open_vox, ref.closed_vox, ref.n_closed)
    assert [sorted(r) for r in res] == [["x", "z"], ["x", "z"]]
    for r in res:
        for a in "zx":
            assert r[a].tortuosity == pytest.approx(1.0, rel=1e-3)


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code or 0, out, err


def test_cli_dask_equals_in_memory_on_grey_zarr(planted, tmp_path, capsys):
    import zarr  # a hard dependency
    rng = np.random.default_rng(0)
    grey = np.where(planted == 0, 40, 190).astype(np.uint8) + rng.integers(0, 20, planted.shape).astype(np.uint8)
    z = zarr.create_array(str(tmp_path / "g.zarr"), shape=grey.shape, chunks=(32, 32, 32), dtype=np.uint8)
    z[...] = grey
    args = ["image", "analyze", str(tmp_path / "g.zarr"), "--voxel-size", "10nm", "--json", "--mode", "faces",
            "--open-faces", "z-", "--solid-density", "2.33"]
    code, out, err = _run(args, capsys)
    assert code == 0, err
    mem = json.loads(out)
    code, out, err = _run(args + ["--dask", "--chunk", "32", "--workers", "2", "--out", str(tmp_path / "o")], capsys)
    assert code == 0, err
    dsk = json.loads(out)
    for k in ("porosity", "open_porosity", "closed_porosity", "unknown_porosity", "n_closed_pores",
              "modal_pore_size_nm", "mean_pore_size_nm", "phase_fractions", "psd_volume_fraction"):
        assert dsk[k] == pytest.approx(mem[k], rel=1e-12), k
    assert dsk["ssa_m2_g"] == pytest.approx(mem["ssa_m2_g"], rel=1e-6)
    assert mem["porosity"] == np.count_nonzero(planted == 0) / planted.size  # Otsu recovers the two grey levels
    assert (tmp_path / "o" / "slices.png").exists() and (tmp_path / "o" / "profile.json").exists()


@pytest.mark.parametrize("case", ["particle", "tif", "min_size", "both"])
def test_cli_dask_refusals_exit_2(case, tmp_path, capsys):
    ph = np.ones((20, 20, 20), dtype=np.uint8)
    ph[5:15, 5:15, 5:15] = 0
    path = tmp_path / "v.npy"
    extra = ["--dask"]
    if case == "particle":  # a particle floating in void: the envelope cannot be built block-wise
        ph = 1 - ph
        extra += ["--mode", "particle"]
    elif case == "tif":
        import tifffile

        path = tmp_path / "v.tif"
        tifffile.imwrite(path, ph)
    elif case == "min_size":
        extra += ["--min-size", "5"]
    elif case == "both":
        extra += ["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"]
    if case != "tif":
        np.save(path, ph)
    code, out, err = _run(["image", "analyze", str(path), "--voxel-size", "10nm", *extra], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in err


def test_cli_tortuosity_axes_in_parallel_on_dask(tmp_path, capsys):
    # half slab split across y: tau = 1 along z and x (straight pore), y has no spanning path -> refused
    np.save(tmp_path / "s.npy", syn.half_slab((14, 16, 12), axis=0))
    code, out, err = _run(["image", "tortuosity", str(tmp_path / "s.npy"), "--axis", "x", "--dask", "--workers", "2",
                           "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["x"]["tortuosity"] == pytest.approx(1.0, rel=1e-3)
    code, out, err = _run(["image", "tortuosity", str(tmp_path / "s.npy"), "--axis", "all", "--dask", "--json"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
