"""`alloypore image ...` through the real entry point: outputs, emit-spec, and one-line exit-2 errors."""

import json

import numpy as np
import pytest
import tifffile

from alloypore.cli import main
from alloypore.imaging import synthetic as syn


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code or 0, out, err


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
    code, out, err = run(["image", "analyze", str(path), "--voxel-size", "20nm", "--json", "--emit-spec", str(spec),
                          "--phases", "Si:0.7,amorphous_carbon:0.3", "--solid-density", "2.33", "--out", str(tmp_path / "o")],
                         capsys)
    assert code == 0, err
    prof = json.loads(out)
    assert prof["mode"] == "particle"
    assert prof["n_closed_pores"] == 3
    # 3 sealed balls of radius 2 voxels = 3 * 33 voxels in a 30^3 particle, all pore closed
    assert prof["porosity"] == pytest.approx(99 / 30**3)
    assert prof["closed_pore_fraction"] == pytest.approx(1.0)
    assert prof["secondary_particle_size_um"] == pytest.approx((6 * (30 * 0.02) ** 3 / np.pi) ** (1 / 3))
    import tomllib

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
    code, _, err = run(["image", "analyze", str(path), "--voxel-size", "20nm", "--emit-spec", str(spec)], capsys)
    assert code == 0, err
    assert "GUESS" in spec.read_text()


def test_tortuosity_cli(tmp_path, capsys):
    ch = syn.straight_channels((20, 20, 20), axis=2, width=3, spacing=6)
    np.save(tmp_path / "ch.npy", ch)
    code, out, err = run(["image", "tortuosity", str(tmp_path / "ch.npy"), "--axis", "x", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["x"]["tortuosity"] == pytest.approx(1.0, rel=1e-3)


def test_evolution_cli(tmp_path, capsys):
    paths = []
    for k, por in enumerate((0.57, 0.36)):  # the review's FIB-SEM study: 57 % -> 36 %
        b = syn.blobs(32, porosity=por, seed=k)
        np.save(tmp_path / f"v{k}.npy", b)
        paths.append(str(tmp_path / f"v{k}.npy"))
    code, out, err = run(["image", "evolution", *paths, "--voxel-size", "50nm", "--labels", "1st,100th", "--json",
                          "--out", str(tmp_path / "evo")], capsys)
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
    code, out, err = run(["image", "analyze", str(path), "--voxel-size", vox, "--out", str(tmp_path / "never")], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in err
    assert not (tmp_path / "never").exists()
