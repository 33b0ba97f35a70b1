"""The JSON of an image analysis records the segmentation actually used (issue #15 item 8), and `image analyze
--profile-out` writes the one pore profile (item 6)."""

import json

import numpy as np
import pytest

from alloypore.characterization.profile import read_profile
from alloypore.imaging.profile import analyse_volume
from alloypore.imaging.segment import otsu_thresholds
from clihelp import run


def _grey(seed=3):
    rng = np.random.default_rng(seed)
    v = np.full((24, 24, 24), 200.0)
    v[6:18, 6:18, 6:18] = 40.0  # a dark (pore) cube inside bright solid
    return v + rng.normal(0, 5, v.shape)


def test_otsu_threshold_recorded():
    v = _grey()
    prof = analyse_volume(v, 10.0, compute_psd=False, compute_surface=False)
    assert prof.segmentation_method == "otsu"
    assert prof.thresholds == pytest.approx(otsu_thresholds(v, 2))
    assert 40 < prof.thresholds[0] < 200


def test_given_threshold_and_labels_recorded():
    v = _grey()
    given = analyse_volume(v, 10.0, segmentation={"method": "threshold", "thresholds": [120.0]}, compute_psd=False,
                           compute_surface=False)
    assert (given.segmentation_method, given.thresholds) == ("threshold (given)", [120.0])
    labels = analyse_volume((v > 120).astype(np.uint8), 10.0, compute_psd=False, compute_surface=False)
    assert (labels.segmentation_method, labels.thresholds) == ("labels", [])


def test_image_analyze_json_and_profile_out(capsys, tmp_path):
    f = tmp_path / "v.npy"
    np.save(f, _grey())
    prof = tmp_path / "tomo.json"
    code, out, err = run(capsys, "image", "analyze", str(f), "--voxel-size", "10nm", "--json", "--no-psd",
                         "--profile-out", str(prof))
    assert code == 0, err
    d = json.loads(out)
    assert d["segmentation_method"] == "otsu" and len(d["thresholds"]) == 1
    p = read_profile(prof)
    assert p.method == "tomography" and p.value("porosity") == pytest.approx(d["porosity"])
