"""Local thickness by exact ball fitting (issue #15 item 8): equal to a brute-force evaluation of the definition
lt(x) = max{ dt(c) : |x - c| < dt(c) }, and to the old EDT dilation when it tries every distinct radius."""

import numpy as np
import pytest
from scipy import ndimage as ndi

from alloypore.imaging.synthetic import blobs
from alloypore.imaging.thickness import local_thickness_vox, maximal_centres, thickness_from_dt


def brute_force(pore: np.ndarray) -> np.ndarray:
    """The definition, pair by pair: every pore voxel against every pore voxel as a centre."""
    dt = ndi.distance_transform_edt(pore)
    cen = np.argwhere(pore)
    r = dt[pore]
    r2 = np.rint(r * r).astype(np.int64)
    out = np.zeros(pore.shape, dtype=np.float64)
    for k in range(0, len(cen), 400):
        x = cen[k : k + 400]
        d2 = ((x[:, None, :] - cen[None, :, :]) ** 2).sum(-1)
        out[tuple(x.T)] = np.where(d2 < r2[None, :], r[None, :], 0.0).max(1)
    return out


@pytest.mark.parametrize("seed, porosity", [(1, 0.4), (7, 0.6)])
def test_equals_the_definition_on_blobs(seed, porosity):
    pore = blobs((22, 22, 22), porosity=porosity, seed=seed)
    ours = local_thickness_vox(pore)
    np.testing.assert_array_equal(ours[pore], brute_force(pore)[pore].astype(np.float32))
    assert np.all(ours[~pore] == 0)


def test_equals_the_dilation_over_every_distinct_radius():
    pore = blobs((40, 40, 40), porosity=0.5, seed=3)
    dt = ndi.distance_transform_edt(pore)
    np.testing.assert_array_equal(local_thickness_vox(pore), thickness_from_dt(pore, dt, np.unique(dt[pore])))


def test_maximal_centres_drop_only_balls_inside_a_neighbours():
    # a slab 9 voxels wide: dt rises by exactly 1 per voxel towards the middle, so every off-centre ball lies
    # inside its inner neighbour's (dt(n) = dt(c) + 1): only the middle plane is kept
    ph = np.zeros((9, 12, 12), bool)
    ph[:] = True
    pore = np.pad(ph, ((1, 1), (0, 0), (0, 0)))
    dt = ndi.distance_transform_edt(pore)
    keep = maximal_centres(dt)
    assert keep[5].all() and keep.sum() == 12 * 12


def test_all_pore_is_one_line_and_no_pore_is_zeros():
    from alloypore.errors import InputError

    with pytest.raises(InputError, match="no solid voxels"):
        local_thickness_vox(np.ones((5, 5, 5), bool))
    assert not local_thickness_vox(np.zeros((5, 5, 5), bool)).any()
