"""HDF5 volumes, the voxel size a file states (TIFF resolution tags, HDF5, OME-Zarr), and the
label / local-thickness volumes written back as TIFF and OME-Zarr."""

import dask.array as da
import h5py
import numpy as np
import pytest
import tifffile
import zarr

from alloypore.errors import DataFileError, InputError
from alloypore.imaging import io as vio
from alloypore.imaging.export import LABEL_NAMES, thickness_nm, write_labels, write_thickness
from alloypore.imaging.thickness import local_thickness_vox


@pytest.fixture
def vol():
    return (np.arange(5 * 6 * 7) % 3).astype(np.uint8).reshape(5, 6, 7)


def test_hdf5_dataset_by_path_and_the_only_3d_dataset(tmp_path, vol):
    with h5py.File(tmp_path / "scan.h5", "w") as f:
        f.create_dataset("/entry/data/data", data=vol)
        f.create_dataset("/entry/instrument/angles", data=np.arange(10.0))  # 1D: not a volume
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "scan.h5", dataset="/entry/data/data"), vol)
    np.testing.assert_array_equal(vio.load_volume(tmp_path / "scan.h5"), vol)  # the only 3D dataset


def test_hdf5_refusals_name_the_dataset_flag(tmp_path, vol):
    with h5py.File(tmp_path / "two.h5", "w") as f:
        f["a"], f["b"] = vol, vol
    with pytest.raises(InputError, match=r"--dataset = '\(not given\)'.*/a, /b"):
        vio.load_volume(tmp_path / "two.h5")
    with pytest.raises(InputError, match="--dataset = '/c'"):
        vio.load_volume(tmp_path / "two.h5", dataset="/c")
    (tmp_path / "bad.h5").write_bytes(b"not an hdf5 file at all")
    with pytest.raises(DataFileError, match="cannot read HDF5"):
        vio.load_volume(tmp_path / "bad.h5")


def test_hdf5_voxel_size_from_element_size_um_or_voxel_size_nm(tmp_path, vol):
    with h5py.File(tmp_path / "fiji.h5", "w") as f:
        f.create_dataset("data", data=vol).attrs["element_size_um"] = (0.02, 0.02, 0.02)  # Fiji/ilastik: z, y, x
    assert vio.read_voxel_size_nm(tmp_path / "fiji.h5") == pytest.approx(20.0)
    with h5py.File(tmp_path / "nm.h5", "w") as f:
        f.attrs["voxel_size_nm"] = 7.5
        f["data"] = vol
    assert vio.read_voxel_size_nm(tmp_path / "nm.h5") == pytest.approx(7.5)
    with h5py.File(tmp_path / "none.h5", "w") as f:
        f["data"] = vol
    assert vio.read_voxel_size_nm(tmp_path / "none.h5") is None


def test_tiff_resolution_imagej_and_centimetre_tags(tmp_path, vol):
    # ImageJ: 20 pixels per micron, z spacing 0.05 um -> 50 nm cubes
    tifffile.imwrite(tmp_path / "ij.tif", vol, imagej=True, resolution=(20.0, 20.0),
                     metadata={"unit": "micron", "spacing": 0.05, "axes": "ZYX"})
    assert vio.read_voxel_size_nm(tmp_path / "ij.tif") == pytest.approx(50.0)
    # plain TIFF tags: 5e5 pixels per centimetre -> 1e7 nm / 5e5 = 20 nm
    tifffile.imwrite(tmp_path / "cm.tif", vol, resolution=(5e5, 5e5), resolutionunit="CENTIMETER")
    assert vio.read_voxel_size_nm(tmp_path / "cm.tif") == pytest.approx(20.0)
    tifffile.imwrite(tmp_path / "plain.tif", vol)
    assert vio.read_voxel_size_nm(tmp_path / "plain.tif") is None  # states none
    tifffile.imwrite(tmp_path / "aniso.tif", vol, imagej=True, resolution=(20.0, 20.0),
                     metadata={"unit": "micron", "spacing": 0.2, "axes": "ZYX"})
    with pytest.raises(DataFileError, match="not cubic.*z 200 nm"):
        vio.read_voxel_size_nm(tmp_path / "aniso.tif")


def test_labels_round_trip_as_tiff_and_ome_zarr_with_their_voxel_size(tmp_path, vol):
    classes = np.array(vol, dtype=np.uint8)
    write_labels(classes, tmp_path / "labels.tif", 12.5)
    np.testing.assert_array_equal(tifffile.imread(tmp_path / "labels.tif"), classes)
    assert vio.read_voxel_size_nm(tmp_path / "labels.tif") == pytest.approx(12.5)  # Fiji sees the same size
    write_labels(classes, tmp_path / "labels.zarr", 12.5)
    group = zarr.open_group(str(tmp_path / "labels.zarr"), mode="r")
    np.testing.assert_array_equal(group["0"][...], classes)
    ms = group.attrs["multiscales"][0]
    assert ms["datasets"][0]["coordinateTransformations"][0]["scale"] == [12.5, 12.5, 12.5]
    assert [a["unit"] for a in ms["axes"]] == ["nanometer"] * 3
    assert {p["label-value"]: p["class"] for p in group.attrs["image-label"]["properties"]} == {
        k: n for k, (n, _) in LABEL_NAMES.items()}
    assert vio.read_voxel_size_nm(tmp_path / "labels.zarr") == pytest.approx(12.5)


def test_lazy_volumes_go_to_ome_zarr_block_by_block_and_not_to_tiff(tmp_path, vol):
    lazy = da.from_array(vol, chunks=(2, 3, 3))
    write_labels(lazy, tmp_path / "big.zarr", 10.0)
    np.testing.assert_array_equal(zarr.open_group(str(tmp_path / "big.zarr"), mode="r")["0"][...], vol)
    with pytest.raises(InputError, match="--labels = 'big.tif'.*zarr"):
        write_labels(lazy, tmp_path / "big.tif", 10.0)
    with pytest.raises(InputError, match="--thickness = 't.png'"):
        write_thickness(np.zeros((2, 2, 2), np.float32), tmp_path / "t.png", 10.0)


def test_thickness_map_of_a_spherical_pore_is_its_diameter(tmp_path):
    # a sphere of radius 6 voxels: the largest inscribed sphere is the pore itself, diameter 12 voxels
    z, y, x = np.ogrid[-10:11, -10:11, -10:11]
    pore = (x**2 + y**2 + z**2) <= 6**2
    lt = local_thickness_vox(pore)
    write_thickness(lt, tmp_path / "lt.tif", 10.0)
    t = tifffile.imread(tmp_path / "lt.tif")
    assert t.dtype == np.float32 and t[~pore].max() == 0.0
    assert t[10, 10, 10] == pytest.approx(2 * 6 * 10.0, rel=0.1)  # nm: 120 nm within one voxel's worth
    np.testing.assert_allclose(t, thickness_nm(lt, 10.0))
