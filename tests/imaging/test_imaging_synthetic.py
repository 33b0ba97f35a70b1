"""Synthetic volumes: the blobs port is bit-identical to PoreSpy's generator."""

import hashlib

import numpy as np

from alloypore.imaging import synthetic as syn


def test_blobs_port_is_bit_identical_to_porespy():
    # sha256 of np.packbits(porespy.generators.blobs([64]*3, porosity=0.4, blobiness=1, seed=7).ravel()),
    # computed once with porespy 3.2.0 / scipy (see benchmarks/bench_imaging.py); 104858 pore voxels.
    b = syn.blobs(64, porosity=0.4, blobiness=1, seed=7)
    assert int(b.sum()) == 104858
    assert hashlib.sha256(np.packbits(b.ravel()).tobytes()).hexdigest() == (
        "6734e86d07340994094f2e8fc334e4f7178542742199fc19270b740c825f460b"
    )
