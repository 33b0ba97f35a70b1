"""Reading volumes: voxel sizes, TIFF (stack, slices, truncated, corrupt), raw, npy, zarr; logging left alone."""

import logging
import threading

import numpy as np
import pytest
import tifffile
import zarr

from alloypore.errors import DataFileError, InputError
from alloypore.imaging import io as vio


def test_voxel_size_parsing():
    assert vio.parse_voxel_size_nm("10nm") == 10.0
    assert vio.parse_voxel_size_nm("0.05 um") == pytest.approx(50.0)
    assert vio.parse_voxel_size_nm("2.5µm") == pytest.approx(2500.0)
    assert vio.parse_voxel_size_nm("5 A") == pytest.approx(0.5)
    for bad in ["10", "ten nm", "-3nm", "0nm", "10 parsecs", 10.0]:
        with pytest.raises(InputError, match="voxel_size"):
            vio.parse_voxel_size_nm(bad)


def test_tiff_roundtrip_and_corrupt(tmp_path):
    a = (np.arange(6 * 7 * 8) % 251).astype(np.uint8).reshape(6, 7, 8)
    tifffile.imwrite(tmp_path / "v.tif", a)
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "v.tif"), a)
    # folder of slices
    d = tmp_path / "slices"
    d.mkdir()
    for k in range(a.shape[0]):
        tifffile.imwrite(d / f"s{k:03d}.tif", a[k])
    np.testing.assert_array_equal(vio.load_volume(d), a)
    # truncated
    raw = (tmp_path / "v.tif").read_bytes()
    (tmp_path / "t.tif").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DataFileError, match="t.tif"):
        vio.load_volume(tmp_path / "t.tif")
    (tmp_path / "c.tif").write_bytes(b"II*\x00" + b"garbage" * 20)
    with pytest.raises(DataFileError):
        vio.load_volume(tmp_path / "c.tif")
    # 2D image
    tifffile.imwrite(tmp_path / "2d.tif", a[0])
    with pytest.raises(InputError, match="3D"):
        vio.load_volume(tmp_path / "2d.tif")


def test_raw_and_npy_and_zarr(tmp_path):
    a = np.random.default_rng(1).integers(0, 65535, (5, 6, 7), dtype=np.uint16)
    a.tofile(tmp_path / "v.raw")
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "v.raw", shape=(5, 6, 7), dtype="uint16"), a)
    with pytest.raises(DataFileError, match="bytes"):
        vio.load_volume(tmp_path / "v.raw", shape=(5, 6, 8), dtype="uint16")
    np.save(tmp_path / "v.npy", a)
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "v.npy"), a)
    z = zarr.create_array(str(tmp_path / "v.zarr"), shape=a.shape, chunks=(2, 3, 7), dtype=a.dtype)
    z[...] = a
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "v.zarr"), a)
    np.testing.assert_array_equal(vio.open_volume_lazy(tmp_path / "v.zarr").compute(), a)


def test_corrupt_tiff_error_leaves_the_tifffile_logger_as_it_was(tmp_path, caplog):
    # tifffile LOGS this corruption ("invalid offset to first page") and returns no pages
    (tmp_path / "c.tif").write_bytes(b"II*\x00" + b"garbage" * 20)
    logger = logging.getLogger("tifffile")
    before = (list(logger.filters), list(logger.handlers), logger.propagate, logger.level, logger.disabled)
    with caplog.at_level(logging.DEBUG, logger="tifffile"), pytest.raises(DataFileError, match="c.tif"):
        vio.load_volume(tmp_path / "c.tif")
    assert (list(logger.filters), list(logger.handlers), logger.propagate, logger.level, logger.disabled) == before
    assert not caplog.records  # the read's own records are taken, not printed


def test_tiff_read_takes_only_its_own_threads_records():
    catch = vio._TiffProblems()
    mine = logging.LogRecord("tifffile", logging.ERROR, __file__, 1, "invalid page offset 1", None, None)
    other = logging.LogRecord("tifffile", logging.ERROR, __file__, 1, "from elsewhere", None, None)
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()
    other.thread = t.ident
    assert catch.filter(mine) is False and catch.filter(other) is True
    assert catch.errors == ["invalid page offset 1"]
