"""NMR relaxometry: T2 -> pore size by hand, bulk correction, pore filling, reading, CLI errors."""

import numpy as np
import pytest

from alloypore.characterization import nmr
from alloypore.errors import DataFileError, InputError
from evidencehelp import t2_distribution


def test_t2_to_pore_size_by_hand():
    """rho2 = 5 um/s, T2 = 10 ms.

    Sphere: S/V = 3/r = 6/d -> d = 6 rho2 T2 = 6 * 5e-6 m/s * 0.010 s = 3.0e-7 m = 300 nm.
    Cylinder: S/V = 2/r = 4/d -> 200 nm.  Slit of width w = 2h: S/V = 1/h = 2/w -> 100 nm.
    """
    assert nmr.pore_size_nm(10.0, 5.0, "sphere") == pytest.approx(6 * 5e-6 * 0.010 * 1e9, rel=1e-12)
    assert nmr.pore_size_nm(10.0, 5.0, "sphere") == pytest.approx(300.0, rel=1e-12)
    assert nmr.pore_size_nm(10.0, 5.0, "cylinder") == pytest.approx(200.0, rel=1e-12)
    assert nmr.pore_size_nm(10.0, 5.0, "slit") == pytest.approx(100.0, rel=1e-12)


def test_bulk_relaxation_correction_by_hand():
    """T2 = 10 ms, T2,bulk = 2500 ms (water): 1/T2s = 0.1 - 0.0004 = 0.0996 /ms -> T2s = 10.0402 ms -> d = 301.2 nm."""
    d = nmr.pore_size_nm([10.0, 2500.0, 3000.0], 5.0, "sphere", bulk_time_ms=2500.0)
    assert d[0] == pytest.approx(6 * 5.0 / 0.0996, rel=1e-12)
    assert d[0] == pytest.approx(301.2, abs=0.05)
    assert np.isinf(d[1]) and np.isinf(d[2])  # bulk-like: not in a pore
    # calibration is the inverse: the pore of 301.2 nm at 10 ms gives rho = 5 um/s back
    assert nmr.relaxivity_from_pore_size(10.0, 6 * 5.0 / 0.0996, "sphere", 2500.0) == pytest.approx(5.0, rel=1e-12)


def test_distribution_mode_median_and_filling():
    data = t2_distribution(10.0, bulk_peak_ms=2000.0, bulk_weight=0.25)  # 1 : 0.25 pore : bulk-like signal
    res = nmr.nmr_pore_size_distribution(data, 5.0, "sphere", cutoff_time_ms=500.0,
                                         liquid_volume_cm3_g=0.50, pore_volume_cm3_g=0.40)
    # symmetric log-normal peak at 10 ms -> mode and median at d = 6 * 5 * 10 = 300 nm
    assert res.modal_size_nm == pytest.approx(300.0, rel=0.06)
    assert res.median_size_nm == pytest.approx(300.0, rel=0.01)
    assert res.pore_signal_share == pytest.approx(1 / 1.25, rel=1e-3)
    # filled fraction by hand: 0.50 cm3/g * 0.8 in pores / 0.40 cm3/g = 1.00
    assert res.filled_fraction == pytest.approx(0.50 * 0.8 / 0.40, rel=1e-3)
    # the scaled PSD integrates to the pore-confined liquid volume
    c = res.confined
    assert res.cumulative[c][-1] == pytest.approx(0.5 * 0.8, rel=1e-3)
    # a partly filled sample: 0.2 cm3/g liquid, all in pores, 0.4 cm3/g pores -> 50 %
    res2 = nmr.nmr_pore_size_distribution(t2_distribution(10.0), 5.0, liquid_volume_cm3_g=0.2, pore_volume_cm3_g=0.4)
    assert res2.filled_fraction == pytest.approx(0.5, rel=1e-9)
    assert nmr.liquid_volume_from_signal(200.0, 1000.0, 0.5) == pytest.approx(0.4)  # 200/1000 cm3 in 0.5 g


def test_reading_units_and_kind(tmp_path):
    f = tmp_path / "t1.csv"
    f.write_text("T1 (s),amplitude\n" + "\n".join(f"{t:.6g},{a:.6g}" for t, a in zip([0.001, 0.01, 0.1, 1.0], [0, 1, 2, 0])))
    d = nmr.read_relaxation_distribution(f)
    assert d.kind == "T1" and d.time_ms.tolist() == pytest.approx([1.0, 10.0, 100.0, 1000.0])
    g = tmp_path / "t2.csv"
    g.write_text("T2_ms;amp\n1;0\n10;1\n100;0\n")
    assert nmr.read_relaxation_distribution(g).kind == "T2"
    h = tmp_path / "nounit.csv"
    h.write_text("T2,amp\n1,0\n10,1\n100,0\n")
    with pytest.raises(DataFileError, match="unit"):
        nmr.read_relaxation_distribution(h)
    assert nmr.read_relaxation_distribution(h, time_unit="ms").time_ms[1] == 10.0


def test_unphysical_inputs_raise():
    with pytest.raises(InputError, match="relaxivity"):
        nmr.pore_size_nm(10.0, -5.0)
    with pytest.raises(InputError, match="geometry"):
        nmr.pore_size_nm(10.0, 5.0, "cube")
    with pytest.raises(InputError):
        nmr.pore_filling_fraction(0.1, 0.0)
