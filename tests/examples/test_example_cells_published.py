"""docs/examples/cells_published.py: the printed model numbers against the published ones (typed
here from the publications, independently of the shipped example files) and the cans by hand."""

import math
import re

import pytest

PUBLISHED = {  # the review's ref. 75; Chen 2020 / LG M50 datasheet; Heenan 2020 / LG MJ1 datasheet
    "cho2020-csi-mpcg-ncm622": {"energy_density_Wh_kg": 333.0, "energy_density_Wh_L": 932.0},
    "lg-m50-21700": {"cell_capacity_Ah": 5.0, "cell_energy_Wh": 18.15, "cell_mass_g": 69.25, "cell_volume_cm3": 24.2},
    "lg-mj1-18650": {"cell_capacity_Ah": 3.5, "cell_energy_Wh": 12.6, "cell_mass_g": 49.0, "cell_volume_cm3": 17.29},
}


@pytest.fixture(scope="module")
def printed(run_example):
    return run_example("cells_published")[1]


def _blocks(text):
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r"^(\S+) \((stack|cell) basis\)$", line)
        if m:
            name = m[1]
            out[name] = {"rows": {}, "text": []}
            continue
        out[name]["text"].append(line)
        r = re.match(r"^\s+(\w+)\s+published\s+([\d.]+)\s+model\s+([\d.]+)", line)
        if r:
            out[name]["rows"][r[1]] = (float(r[2]), float(r[3]))
    return out


def test_every_published_number_within_5_percent(printed):
    blocks = _blocks(printed)
    assert set(blocks) == set(PUBLISHED)
    for name, pub in PUBLISHED.items():
        rows = blocks[name]["rows"]
        assert set(rows) == set(pub)
        for key, value in pub.items():
            assert rows[key][0] == pytest.approx(value)
            assert abs(rows[key][1] / value - 1) < 0.05, (name, key, rows[key])


def test_cans_and_rolls_by_hand(printed):
    blocks = _blocks(printed)
    # volumes: pi r^2 h of the 21.0 x 70.0 mm and 18.4 x 65.0 mm cans
    assert blocks["lg-m50-21700"]["rows"]["cell_volume_cm3"][1] == pytest.approx(math.pi * 1.05**2 * 7.0, abs=5e-3)
    assert blocks["lg-mj1-18650"]["rows"]["cell_volume_cm3"][1] == pytest.approx(math.pi * 0.92**2 * 6.5, abs=5e-3)
    # the charged roll fills the can less the 0.1 mm clearance: 10.5 - 0.25 - 0.1, 9.2 - 0.25 - 0.1
    for name, r_charged, r_can in (("lg-m50-21700", 10.15, 10.25), ("lg-mj1-18650", 8.85, 8.95)):
        line = next(x for x in blocks[name]["text"] if x.strip().startswith("roll:"))
        m = re.search(r"charged radius ([\d.]+) of ([\d.]+) mm", line)
        assert float(m[1]) == pytest.approx(r_charged, abs=1e-3) and float(m[2]) == pytest.approx(r_can, abs=1e-3)
