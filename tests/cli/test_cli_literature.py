"""`alloypore literature` through the real CLI entry point (exit codes, one-line errors, JSON)."""

import csv
import io
import json
import subprocess
import sys

import pytest

from alloypore.literature.dataset import COLUMNS
from clihelp import run as _run


def run(args, capsys):
    return _run(capsys, *args)


def _user_csv(tmp_path, rows, columns=COLUMNS):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in columns})
    p = tmp_path / "mine.csv"
    p.write_text(buf.getvalue(), encoding="utf-8")
    return p


GOOD = {"row_id": "U-1", "material_id": "U-1", "material": "my porous Si-C", "active_element": "Si", "route": "bottom-up",
        "study": "material", "capacity_mAh_g": "1500", "ice_pct": "88", "tap_density_g_cm3": "2.9", "ssa_m2_g": "4",
        "provenance": "our lab notebook 12"}


def test_user_rows_validated_by_same_rules(tmp_path, capsys):
    p = _user_csv(tmp_path, [GOOD])
    code, out, err = run(["literature", "check", "--json", "--add", str(p)], capsys)
    assert code == 0, err
    flags = [f for f in json.loads(out)["flags"] if f["row_id"] == "U-1"]
    assert [f["rule"] for f in flags] == ["density_above_true_density"]


@pytest.mark.parametrize("mutate, needle", [
    ("missing", "missing column(s) ice_pct"),
    ("text", "column ice_pct = 'high'"),
    ("negative", "column tap_density_g_cm3 = -0.5"),
])
def test_malformed_user_csv_exit_2_one_line(tmp_path, capsys, mutate, needle):
    cols = list(COLUMNS)
    row = dict(GOOD)
    if mutate == "missing":
        cols.remove("ice_pct")
        row.pop("ice_pct")
    elif mutate == "text":
        row["ice_pct"] = "high"
    else:
        row["tap_density_g_cm3"] = "-0.5"
    p = _user_csv(tmp_path, [row], cols)
    code, out, err = run(["literature", "list", "--add", str(p)], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], err
    assert "Traceback" not in err and out == ""


def test_missing_file_and_duplicate_id(tmp_path, capsys):
    code, _, err = run(["literature", "check", "--add", str(tmp_path / "nope.csv")], capsys)
    assert code == 2 and "no such file" in err
    p = _user_csv(tmp_path, [dict(GOOD, row_id="T1-62")])
    code, _, err = run(["literature", "check", "--add", str(p)], capsys)
    assert code == 2 and "already used" in err and len(err.strip().splitlines()) == 1


def test_list_and_correlate_json(tmp_path, capsys):
    code, out, err = run(["literature", "list", "--json", "--route", "top-down"], capsys)
    assert code == 0
    rows = json.loads(out)["rows"]
    assert rows and all(r["route"] == "top-down" for r in rows)
    code, out, err = run(["literature", "correlate", "--json", "--n-boot", "300", "--plots", str(tmp_path / "p")], capsys)
    assert code == 0, err
    d = json.loads(out)
    first = {(c["x"], c["y"], c["group"]): c for c in d["correlations"]}
    c = first[("ssa_m2_g", "ice_pct", "all")]
    assert {"n", "pearson_r", "pearson_p", "pearson_ci", "spearman_rho", "spearman_p", "spearman_ci", "verdict"} <= set(c)
    assert len(d["plots"]) == 5 and all((tmp_path / "p" / p.split("/")[-1]).stat().st_size > 1000 for p in d["plots"])
    code, _, err = run(["literature", "list", "--route", "sideways"], capsys)
    assert code == 2 and "--route" in err


def test_compare_json(tmp_path, capsys):
    from alloypore.cell import EXAMPLE_SPEC_TOML

    spec = tmp_path / "spec.toml"
    spec.write_text(EXAMPLE_SPEC_TOML, encoding="utf-8")
    code, out, err = run(["literature", "compare", str(spec), "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    assert d["design"]["capacity_mAh_g"] > 0 and "compaction_density_g_cm3" in d["placement"]
    if d["design"]["ssa_m2_g"] is not None:
        assert d["design"]["ice_is_estimate"] and 0 < d["design"]["ice_pct"] <= 100


def test_help_is_fast_import():
    """`alloypore --help` must not import scipy/pandas/matplotlib through this module."""
    code = ("import sys, alloypore.cli.literature; "
            "print(any(m in sys.modules for m in ('scipy', 'matplotlib', 'pandas')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "False"
