"""docs/examples/imaging_sealed_particle.py: the numbers it prints, against hand counts and tau = 1."""

import re

import pytest


def test_example_prints_the_hand_counted_pores_and_tau_one(run_example):
    _, out, tmp_path = run_example("imaging_sealed_particle")
    nums = dict(re.findall(r"(closed pores|closed volume|open volume|envelope|porosity) ([0-9.]+)", out))
    # a ball of radius 3 voxels holds the lattice points with i^2 + j^2 + k^2 <= 9: 1 + 6 + 12 + 8 + 6 + 24
    # + 24 + 12 + 30 = 123 voxels; five of them are sealed
    assert int(nums["closed pores"]) == 5
    assert int(nums["closed volume"]) == 5 * 123
    # the channel is 4 x 4 voxels and 18 deep (face to centre of the 36-voxel cube): 288 voxels, less the
    # one-voxel dimple the envelope closing leaves at the pore mouth (4 x 4, docs/imaging.md)
    assert int(nums["open volume"]) == 4 * 4 * 18 - 16
    assert int(nums["envelope"]) == 36**3 - 16
    assert float(nums["porosity"]) == pytest.approx((615 + 272) / (36**3 - 16), abs=1e-6)
    # straight channels: the diffusion path is the box length, tau = 1 exactly
    tau = float(re.search(r"tau = ([0-9.]+)", out).group(1))
    assert tau == pytest.approx(1.0, abs=1e-3)
    assert (tmp_path / "imaging_sealed_particle.png").exists()
