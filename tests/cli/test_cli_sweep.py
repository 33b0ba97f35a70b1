"""``alloypore sweep``: table, Parquet, plot, JSON contract, Dask workers and one-line errors (exit 2)."""

import json

import numpy as np
import pandas as pd
import pytest

from clihelp import assert_refused, run


@pytest.mark.extra("parquet")
def test_sweep_writes_table_and_plot(capsys, tmp_path):
    out = tmp_path / "sw"
    code, text, _ = run(capsys, "sweep", "--vary", "particle.porosity=0.2:0.7:6",
                        "--vary", "particle.closed_pore_fraction=0:1:5", "--out", str(out), "--json")
    assert code == 0
    d = json.loads(text)
    assert d["n_designs"] == 30 and len(d["rows"]) == 30
    csv = pd.read_csv(out / "sweep.csv")
    pq = pd.read_parquet(out / "sweep.parquet")
    assert list(csv.columns) == list(pq.columns) == d["columns"]
    assert d["columns"][:2] == ["particle.porosity", "particle.closed_pore_fraction"]
    np.testing.assert_allclose(csv["cell.energy_density_Wh_kg"], pq["cell.energy_density_Wh_kg"], rtol=1e-14)
    assert [r["cell.energy_density_Wh_kg"] for r in d["rows"]] == pytest.approx(list(pq["cell.energy_density_Wh_kg"]), rel=1e-15)
    assert (out / "sweep.png").read_bytes()[:4] == b"\x89PNG"
    assert d["n_feasible"] == int(pq["feasible"].sum())


def test_sweep_one_field_line_plot(capsys, tmp_path):
    code, text, _ = run(capsys, "sweep", "--vary", "electrode.composite_mass_fraction=0.05:0.5:8", "--out", str(tmp_path / "a"))
    assert code == 0 and "8 designs" in text
    assert (tmp_path / "a" / "sweep.png").exists()


BAD = [
    (["sweep", "--vary", "particle.porosity=0.1:0.5"], "FIELD=START:STOP:N"),
    (["sweep", "--vary", "particle.porosity=0.1:0.5:0"], "empty range"),
    (["sweep", "--vary", "particle.nonsense=0.1:0.5:3"], "unknown numeric spec field"),
    (["sweep", "--vary", "particle.porosity=0.1:1.5:3"], "porosity < 1"),
    (["sweep"], "--vary"),
]


@pytest.mark.parametrize("args, words", BAD)
def test_bad_input_exit_2_one_line(capsys, tmp_path, args, words):
    assert_refused(*run(capsys, *args, "--out", str(tmp_path / "o")), words)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("args, words", [
    (["--vary", "particle.porosity=0.1:0.5:3000", "--vary", "particle.closed_pore_fraction=0:1:2000"],
     "--vary = 'particle.closed_pore_fraction=0:1:2000': 6e+06 designs"),
    (["--vary", "particle.porosity=0.1:0.5:3", "--plot", "cell.nothing"], "--plot = 'cell.nothing': unknown result field"),
    (["--vary", "particle.porosity=0.1:0.5:3", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     "give --workers or --scheduler, not both"),
    (["--vary", "particle.porosity=0.1:0.5:3", "--workers", "0"], "--workers = 0"),
])
def test_sweep_request_refused_before_any_work(capsys, tmp_path, args, words):
    assert_refused(*run(capsys, "sweep", *args, "--out", str(tmp_path / "o")), words)
    assert not (tmp_path / "o").exists()


@pytest.mark.extra("dask")
def test_sweep_on_two_dask_workers_equals_local(capsys):
    vary = ["--vary", "particle.porosity=0.2:0.7:6", "--vary", "particle.closed_pore_fraction=0:1:3"]
    code, out, err = run(capsys, "sweep", *vary, "--json")
    assert code == 0, err
    local = json.loads(out)
    code, out, err = run(capsys, "sweep", *vary, "--json", "--workers", "2", "--chunk-size", "4")
    assert code == 0, err
    remote = json.loads(out)
    assert remote["columns"] == local["columns"] and remote["n_feasible"] == local["n_feasible"]
    assert remote["rows"] == local["rows"]  # same numpy code on the same numbers, gathered in order
