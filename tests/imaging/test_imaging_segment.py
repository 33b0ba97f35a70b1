"""Segmentation: (multi-)Otsu, thresholds, small-region clean-up, the bool convention, the block Segmenter."""

import numpy as np
import pytest

from alloypore.imaging import segment as seg


def test_otsu_and_multiotsu_recover_planted_phases():
    # three equally populated classes at 20/120/220 with equal Gaussian noise: by symmetry the
    # (multi-)Otsu optimum lies at the midpoints 70 and 170.
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 3, (40, 40, 40)).astype(np.uint8)
    grey = np.array([20.0, 120.0, 220.0])[truth] + rng.normal(0, 20, truth.shape)
    t = seg.otsu_thresholds(grey, 3)
    assert t == pytest.approx([70, 170], abs=4)
    labels = seg.segment(grey, n_phases=3)
    # misclassified fraction = P(|noise| > 50) for the middle class etc: 2/3 * 2 * Q(2.5) = 0.0083
    assert np.mean(labels != truth) == pytest.approx(2 / 3 * 2 * 0.00621, abs=0.002)
    np.testing.assert_array_equal(
        seg.segment(grey, method="threshold", thresholds=[70, 170]), np.digitize(grey, [70, 170], right=True)
    )
    two = seg.otsu_thresholds(grey[truth != 2], 2)  # two overlapping classes 20 / 120 -> midpoint 70
    assert two[0] == pytest.approx(70, abs=4)


def test_small_region_cleanup_and_bool_convention():
    ph = np.ones((10, 10, 10), dtype=np.uint8)
    ph[5, 5, 5] = 0  # one-voxel speck of pore
    ph[1:4, 1:4, 1:4] = 0  # 27-voxel pore
    out = seg.remove_small_regions(ph, 2)
    assert out[5, 5, 5] == 1 and (out[1:4, 1:4, 1:4] == 0).all()
    b = np.zeros((3, 3, 3), dtype=bool)
    b[1, 1, 1] = True  # True = pore (PoreSpy)
    assert seg.segment(b)[1, 1, 1] == 0 and seg.segment(b).sum() == 26


def test_block_segmenter_equals_segment():
    rng = np.random.default_rng(3)
    grey = rng.normal(100, 40, (12, 13, 14))
    t = seg.otsu_thresholds(grey, 2)
    s = seg.Segmenter("threshold", tuple(t))
    np.testing.assert_array_equal(s.phases(grey), seg.segment(grey, n_phases=2))
    np.testing.assert_array_equal(s.pore(grey), seg.segment(grey, n_phases=2) == 0)
    b = grey > 100  # True = pore
    np.testing.assert_array_equal(seg.Segmenter("bool").phases(b), seg.segment(b))
    assert seg.Segmenter("bool").pore(b) is b  # a bool block is used as it is, not copied
