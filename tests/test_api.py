"""The top-level Python API: names, laziness, and results that show themselves readably."""

import json
import subprocess
import sys

import numpy as np
import pytest

import alloypore as ap


@pytest.mark.parametrize("name", ap.__all__)
def test_every_exported_name_resolves(name):
    assert getattr(ap, name) is not None


def test_import_alloypore_imports_no_layer_and_no_numpy():
    code = ("import sys, alloypore; print(sorted(m for m in sys.modules if m.startswith('alloypore.')));"
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert set(eval(out[0])) <= {"alloypore._version", "alloypore.errors"}
    assert out[1] == "False"


def test_three_lines_evaluate_a_design_and_its_table_equals_the_json():
    result = ap.evaluate_design(ap.example_spec())
    table = result.to_frame()
    d = result.to_dict()
    wh_l = table[(table.section == "cell") & (table.quantity == "energy_density") & (table.unit == "Wh/L")]
    assert float(wh_l.value.iloc[0]) == d["cell"]["energy_density_Wh_L"]
    cap = table[(table.section == "particle") & (table.quantity == "capacity")]
    assert cap.unit.iloc[0] == "mAh/g" and float(cap.value.iloc[0]) == d["particle"]["capacity_mAh_g"]
    assert len(table) == sum(1 for s in ("particle", "electrode", "cell") for v in d[s].values() if not isinstance(v, (dict, list)))  # every scalar, text too


def test_design_result_repr_is_readable_plain_numbers_with_units():
    result = ap.evaluate_design()
    text = repr(result)
    assert "np.float64" not in text and "array(" not in text
    assert text.startswith("DesignResult: porous Si-C in graphite vs NMC811")
    assert f"{result.cell.energy_density_Wh_kg:.4g}" in text and "Wh/kg" in text
    page = result._repr_html_()
    assert page.startswith("<div><b>DesignResult") and "<table>" in page and "mAh/g" in page


def test_arrays_of_designs_give_one_row_per_design():
    spec = ap.example_spec()
    porosity = np.linspace(0.2, 0.6, 5)
    result = ap.evaluate_arrays(spec, overrides={"particle.porosity": porosity})
    table = result.to_frame()
    assert len(table) == 5
    np.testing.assert_allclose(table["particle.porosity"], porosity)
    np.testing.assert_allclose(table["cell.energy_density_Wh_L"], result.cell.energy_density_Wh_L)
    assert "(5 designs; first shown)" in repr(result)


def test_sweep_takes_vary_texts_and_shows_its_axes():
    res = ap.sweep(ap.example_spec(), ["particle.porosity=0.2:0.7:6", "particle.closed_pore_fraction=0:1:3"])
    assert res.n_designs == 18
    text = repr(res)
    assert "18 designs over particle.porosity (6 values), particle.closed_pore_fraction (3 values)" in text
    assert f"{res.n_feasible} feasible" in text
    assert "<table" in res._repr_html_()
    assert list(res.to_frame().columns[:2]) == ["particle.porosity", "particle.closed_pore_fraction"]


def test_pore_profile_table_and_repr():
    prof = ap.PoreProfile(porosity=0.4, ssa_m2_g=20.0, source="a BET run")
    table = prof.to_frame()
    assert list(table.quantity) == ["porosity", "ssa_m2_g"] and list(table.value) == [0.4, 20.0]
    assert repr(prof).startswith("PoreProfile: a BET run") and "np.float64" not in repr(prof)
    assert "<table>" in prof._repr_html_()


def test_volume_profile_of_a_sealed_particle_shows_its_closed_pores():
    from alloypore.imaging.synthetic import particle_with_sealed_voids

    sp = particle_with_sealed_voids()
    vp = ap.analyze_volume(sp.phases, 10.0)
    table = vp.to_frame()
    assert int(table[table.quantity == "n_closed_pores"].value.iloc[0]) == sp.n_closed  # the planted voids
    closed = float(table[table.quantity == "closed_pore_fraction"].value.iloc[0])
    assert closed == vp.closed_pore_fraction
    assert repr(vp).startswith("VolumeProfile:") and "np.float64" not in repr(vp)


def test_missing_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ap.nope  # noqa: B018
    assert json.dumps(sorted(dir(ap)))  # dir() lists the lazy names too
    assert "evaluate_design" in dir(ap)
