"""The electrode tortuosity factor as TauFactor's ElectrodeSolver defines it (issue #15 item 8)."""

import json
import numpy as np
import pytest

from alloypore.errors import InputError
from alloypore.imaging.synthetic import blobs
from alloypore.imaging.tortuosity.electrode import electrode_tortuosity
from clihelp import run

BLOBS24 = blobs((24, 24, 24), porosity=0.5, seed=1)  # the bit-identical port of PoreSpy's generator


def test_straight_channel_against_the_closed_form_of_the_chain():
    # one 1x1 channel of N voxels in a 3x3 box: a 1D chain driven at one end, interfaces: 4 side faces per voxel
    # and the far face of the last one.  L^-1_ij = min(i, j) (1-based) for a chain with a driven first link.
    n = 30
    pore = np.zeros((n, 3, 3), bool)
    pore[:, 1, 1] = True
    s = np.full(n, 4.0)
    s[-1] += 1
    i = np.arange(1, n + 1)
    quad = float(s @ np.minimum.outer(i, i) @ s)
    rez = 1 / (2 * s.sum()) + quad / s.sum() ** 2
    res = electrode_tortuosity(pore)
    assert res.real_impedance == pytest.approx(rez, rel=1e-10)
    assert res.tau_e == pytest.approx((1 / 9) * 3 * rez * 9 / (n + 2), rel=1e-10)
    # the transmission line: Re Z -> R_ion / 3 with R_ion = N for one channel, so tau_e -> 1 for long channels
    # (here (N + 1.5)/(N + 2) to first order: the discrete chain and TauFactor's N + 2)
    assert res.tau_e == pytest.approx(1.0, abs=0.02)


def test_agrees_with_taufactor_on_the_same_volume():
    # taufactor 1.2.1 ElectrodeSolver(img, device=cpu).solve() (omega 1e-6 then 1e-7 until two runs agree) on
    # alloypore.imaging.synthetic.blobs((24, 24, 24), porosity=0.5, seed=1), axis 0: 2.929850148040452
    res = electrode_tortuosity(BLOBS24)
    assert res.tau_e == pytest.approx(2.929850148040452, rel=1e-5)
    assert res.porosity == 0.5 and 0 < res.connected_porosity <= 0.5


def test_no_electrolyte_at_the_inlet_is_one_line():
    pore = np.zeros((6, 4, 4), bool)
    pore[2:] = True
    with pytest.raises(InputError, match="inlet face"):
        electrode_tortuosity(pore)


def test_cli_electrode_flag(capsys, tmp_path):
    f = tmp_path / "v.npy"
    np.save(f, BLOBS24)
    code, out, err = run(capsys, "image", "tortuosity", str(f), "--axis", "z", "--electrode", "--json")
    assert code == 0, err
    assert json.loads(out)["z"]["electrode_tortuosity"] == pytest.approx(2.929850148040452, rel=1e-5)
