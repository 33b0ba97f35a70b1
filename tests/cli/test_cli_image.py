"""`alloypore image ...` through the real entry point: outputs, emit-spec, --dask, and one-line exit-2 errors."""

import json
import tomllib

import numpy as np
import pytest
import tifffile
import zarr
from clihelp import assert_refused, run

from alloypore.imaging import synthetic as syn


@pytest.fixture
def particle_tif(tmp_path):
    p = syn.particle_with_sealed_voids(size=40, particle_radius=15, n_voids=3, void_radius=2.0, seed=1)
    grey = np.where(p.phases == 0, 30, 200).astype(np.uint8)
    path = tmp_path / "particle.tif"
    tifffile.imwrite(path, grey)
    return path, p


def test_analyze_json_and_emit_spec(particle_tif, tmp_path, capsys):
    path, p = particle_tif
    spec = tmp_path / "spec.toml"
    code, out, err = run(capsys, "image", "analyze", str(path), "--voxel-size", "20nm", "--json", "--emit-spec", str(spec),
                          "--phases", "Si:0.7,amorphous_carbon:0.3", "--solid-density", "2.33", "--out", str(tmp_path / "o"))
    assert code == 0, err
    prof = json.loads(out)
    assert prof["mode"] == "particle"
    assert prof["n_closed_pores"] == 3
    # 3 sealed balls of radius 2 voxels = 3 * 33 voxels in a 30^3 particle, all pore closed
    assert prof["porosity"] == pytest.approx(99 / 30**3)
    assert prof["closed_pore_fraction"] == pytest.approx(1.0)
    assert prof["secondary_particle_size_um"] == pytest.approx((6 * (30 * 0.02) ** 3 / np.pi) ** (1 / 3))
    sec = tomllib.loads(spec.read_text())["particle"]
    assert sec["porosity"] == pytest.approx(99 / 30**3, abs=1e-4)
    assert sec["closed_pore_fraction"] == 1.0
    assert sec["phases"] == [{"material": "Si", "mass_fraction": 0.7}, {"material": "amorphous_carbon", "mass_fraction": 0.3}]
    assert "ssa_m2_g" in sec
    for f in ("profile.json", "slices.png", "psd.png", "particle.toml"):
        assert (tmp_path / "o" / f).exists()


def test_default_phases_are_labelled_guess(particle_tif, tmp_path, capsys):
    path, _ = particle_tif
    spec = tmp_path / "s.toml"
    code, _, err = run(capsys, "image", "analyze", str(path), "--voxel-size", "20nm", "--emit-spec", str(spec))
    assert code == 0, err
    assert "GUESS" in spec.read_text()


def test_tortuosity_cli(tmp_path, capsys):
    ch = syn.straight_channels((20, 20, 20), axis=2, width=3, spacing=6)
    np.save(tmp_path / "ch.npy", ch)
    code, out, err = run(capsys, "image", "tortuosity", str(tmp_path / "ch.npy"), "--axis", "x", "--json")
    assert code == 0, err
    assert json.loads(out)["x"]["tortuosity"] == pytest.approx(1.0, rel=1e-3)


def test_evolution_cli(tmp_path, capsys):
    paths = []
    for k, por in enumerate((0.57, 0.36)):  # the review's FIB-SEM study: 57 % -> 36 %
        b = syn.blobs(32, porosity=por, seed=k)
        np.save(tmp_path / f"v{k}.npy", b)
        paths.append(str(tmp_path / f"v{k}.npy"))
    code, out, err = run(capsys, "image", "evolution", *paths, "--voxel-size", "50nm", "--labels", "1st,100th", "--json",
                          "--out", str(tmp_path / "evo"))
    assert code == 0, err
    rows = json.loads(out)
    # blobs porosity is exact to rank: round(por * n) / n voxels
    assert [r["porosity"] for r in rows] == pytest.approx([0.57, 0.36], abs=1e-4)
    assert (tmp_path / "evo" / "evolution.png").exists()


@pytest.mark.parametrize("case", ["truncated", "nopores", "badvoxel", "2d"])
def test_errors_exit_2_with_one_line(case, tmp_path, capsys, particle_tif):
    path, _ = particle_tif
    vox = "20nm"
    if case == "truncated":
        raw = path.read_bytes()
        bad = tmp_path / "trunc.tif"
        bad.write_bytes(raw[: len(raw) // 2])
        path = bad
    elif case == "nopores":
        path = tmp_path / "solid.npy"
        np.save(path, np.ones((10, 10, 10), dtype=np.uint8))
    elif case == "badvoxel":
        vox = "20 parsecs"
    elif case == "2d":
        path = tmp_path / "flat.tif"
        tifffile.imwrite(path, np.zeros((30, 30), dtype=np.uint8))
    assert_refused(*run(capsys, "image", "analyze", str(path), "--voxel-size", vox, "--out", str(tmp_path / "never")))
    assert not (tmp_path / "never").exists()


@pytest.fixture(scope="module")
def planted():
    """64^3 blobs with a sealed 4^3 void on the corner of four 32^3 blocks and an edge tube (tests/imaging)."""
    ph = (~syn.blobs(64, porosity=0.3, seed=5)).astype(np.uint8)
    ph[27:37, 27:37, 27:37] = 1
    ph[30:34, 30:34, 30:34] = 0
    ph[8:13, 8:13, 0:12] = 1
    ph[10, 10, 0:8] = 0
    return ph


def test_cli_dask_equals_in_memory_on_grey_zarr(planted, tmp_path, capsys):
    rng = np.random.default_rng(0)
    grey = np.where(planted == 0, 40, 190).astype(np.uint8) + rng.integers(0, 20, planted.shape).astype(np.uint8)
    z = zarr.create_array(str(tmp_path / "g.zarr"), shape=grey.shape, chunks=(32, 32, 32), dtype=np.uint8)
    z[...] = grey
    args = ["image", "analyze", str(tmp_path / "g.zarr"), "--voxel-size", "10nm", "--json", "--mode", "faces",
            "--open-faces", "z-", "--solid-density", "2.33"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    mem = json.loads(out)
    code, out, err = run(capsys, *args, "--dask", "--chunk", "32", "--workers", "2", "--out", str(tmp_path / "o"))
    assert code == 0, err
    dsk = json.loads(out)
    for k in ("porosity", "open_porosity", "closed_porosity", "unknown_porosity", "n_closed_pores",
              "modal_pore_size_nm", "mean_pore_size_nm", "phase_fractions", "psd_volume_fraction"):
        assert dsk[k] == pytest.approx(mem[k], rel=1e-12), k
    assert dsk["ssa_m2_g"] == pytest.approx(mem["ssa_m2_g"], rel=1e-6)
    assert mem["porosity"] == np.count_nonzero(planted == 0) / planted.size  # Otsu recovers the two grey levels
    assert (tmp_path / "o" / "slices.png").exists() and (tmp_path / "o" / "profile.json").exists()


@pytest.mark.parametrize("case", ["particle", "tif", "min_size", "both", "zero_workers"])
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
    elif case == "zero_workers":
        extra += ["--workers", "0"]
    if case != "tif":
        np.save(path, ph)
    line = assert_refused(*run(capsys, "image", "analyze", str(path), "--voxel-size", "10nm", *extra))
    if case in ("both", "zero_workers"):
        assert "--workers" in line  # checked by alloypore.parallel.check_workers, as for sweep


def test_cli_tortuosity_axes_in_parallel_on_dask(tmp_path, capsys):
    # half slab split across y: tau = 1 along z and x (straight pore), y has no spanning path -> refused
    np.save(tmp_path / "s.npy", syn.half_slab((14, 16, 12), axis=0))
    code, out, err = run(capsys, "image", "tortuosity", str(tmp_path / "s.npy"), "--axis", "x", "--dask", "--workers", "2",
                           "--json")
    assert code == 0, err
    assert json.loads(out)["x"]["tortuosity"] == pytest.approx(1.0, rel=1e-3)
    code, out, err = run(capsys, "image", "tortuosity", str(tmp_path / "s.npy"), "--axis", "all", "--dask", "--json")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_analyze_hdf5_takes_its_voxel_size_and_writes_labels_and_thickness(tmp_path, capsys):
    import h5py

    p = syn.particle_with_sealed_voids(size=40, particle_radius=15, n_voids=3, void_radius=2.0, seed=1)
    with h5py.File(tmp_path / "scan.h5", "w") as f:
        f.create_dataset("/entry/data/data", data=np.where(p.phases == 0, 30, 200).astype(np.uint8))
        f["/entry/data/data"].attrs["element_size_um"] = (0.01, 0.01, 0.01)
        f.create_dataset("/entry/data/dark", data=np.zeros((4, 4, 4), np.uint8))
    code, out, err = run(capsys, "image", "analyze", str(tmp_path / "scan.h5"), "--dataset", "/entry/data/data",
                         "--json", "--labels", str(tmp_path / "classes.tif"), "--thickness", str(tmp_path / "lt.zarr"))
    assert code == 0, err
    d = json.loads(out)
    assert d["voxel_size_nm"] == pytest.approx(10.0)  # from element_size_um, no --voxel-size given
    assert d["n_closed_pores"] == p.n_closed  # the planted sealed voids
    labels = tifffile.imread(tmp_path / "classes.tif")
    assert labels.shape == p.phases.shape and int(np.count_nonzero(labels == 2)) == p.closed_volume_vox
    lt = zarr.open_group(str(tmp_path / "lt.zarr"), mode="r")["0"][...]
    assert lt.dtype == np.float32 and lt[labels == 0].max() == 0.0  # no thickness in the solid
    assert lt.max() == pytest.approx(d["psd_diameter_nm_edges"][-1], rel=0.35)  # the largest pore, in nm


def test_analyze_tiff_resolution_is_the_voxel_size_unless_given(particle_tif, tmp_path, capsys):
    path, _ = particle_tif
    grey = tifffile.imread(path)
    tifffile.imwrite(tmp_path / "res.tif", grey, imagej=True, resolution=(40.0, 40.0),
                     metadata={"unit": "micron", "spacing": 0.025, "axes": "ZYX"})
    code, out, err = run(capsys, "image", "analyze", str(tmp_path / "res.tif"), "--json", "--no-psd")
    assert code == 0, err
    assert json.loads(out)["voxel_size_nm"] == pytest.approx(25.0)
    code, out, err = run(capsys, "image", "analyze", str(tmp_path / "res.tif"), "--json", "--no-psd", "--voxel-size", "5nm")
    assert json.loads(out)["voxel_size_nm"] == pytest.approx(5.0)  # the user's value wins


@pytest.mark.parametrize("extra,expected", [
    ([], "error: --voxel-size = '(not given)': a voxel edge with unit, e.g. 10nm: particle.tif states none"),
    (["--voxel-size", "10nm", "--labels", "x.png"], "error: --labels = 'x.png'"),
    (["--voxel-size", "10nm", "--no-psd", "--thickness", "t.tif"], "error: --thickness = 't.tif'"),
])
def test_analyze_volume_outputs_and_voxel_size_refusals_exit_2(particle_tif, capsys, extra, expected):
    path, _ = particle_tif  # a plain TIFF: no resolution tags
    code, out, err = run(capsys, "image", "analyze", str(path), *extra)
    assert code == 2 and err.startswith(expected) and len(err.strip().splitlines()) == 1, err


def test_analyze_out_of_core_writes_labels_as_ome_zarr(planted, tmp_path, capsys):
    z = zarr.create_array(str(tmp_path / "p.zarr"), shape=planted.shape, chunks=(32, 32, 32), dtype=np.uint8)
    z[...] = planted
    args = ["image", "analyze", str(tmp_path / "p.zarr"), "--voxel-size", "10nm", "--mode", "faces", "--no-psd"]
    code, out, err = run(capsys, *args, "--labels", str(tmp_path / "mem.tif"))
    assert code == 0, err
    code, out, err = run(capsys, *args, "--dask", "--chunk", "32", "--labels", str(tmp_path / "dask.zarr"))
    assert code == 0, err
    lazy = zarr.open_group(str(tmp_path / "dask.zarr"), mode="r")["0"][...]
    np.testing.assert_array_equal(lazy, tifffile.imread(tmp_path / "mem.tif"))  # block by block == in memory
    code, out, err = run(capsys, *args, "--dask", "--chunk", "32", "--labels", str(tmp_path / "dask.tif"))
    assert code == 2 and "error: --labels = 'dask.tif'" in err
