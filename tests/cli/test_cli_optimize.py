"""``alloypore optimize``: JSON contract, files and one-line errors (exit 2)."""

import json

import pytest

from clihelp import run

BAD = [
    # the README's example: at 1.6 g/cm3 no particle porosity gives swelling <= 15 % and an
    # electrode porosity >= 0.20 (the shipped manufacturing limit)
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.1:0.8",
      "--constraint", "electrode.swelling_pct<=15"], "min_electrode_porosity: electrode.porosity>=0.2"),
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.5:0.2"], "empty range"),
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.2:0.5",
      "--constraint", "electrode.swelling_pct=<5"], "FIELD<=VALUE"),
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.2:0.5",
      "--constraint", "electrode.swelling<=5"], "unknown input or result field"),
    (["optimize", "--maximize", "cell.nothing", "--vary", "particle.porosity=0.2:0.5"], "unknown"),
    (["optimize", "--vary", "particle.porosity=0.2:0.5"], "--maximize"),
]


@pytest.mark.parametrize("args, words", BAD)
def test_bad_input_exit_2_one_line(capsys, tmp_path, args, words):
    code, out, err = run(capsys, *args, "--out", str(tmp_path / "o"))
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and words in lines[0], err
    assert not (tmp_path / "o").exists()


def test_optimize_cli_json(capsys):
    code, out, _ = run(capsys, "optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.1:0.8",
                       "--vary", "electrode.compaction_density_g_cm3=1.0:1.75", "--constraint", "electrode.swelling_pct<=12", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["feasible"] and set(d) >= {"value", "x", "binding", "constraints", "design"}
    sw = next(c for c in d["constraints"] if c["constraint"] == "electrode.swelling_pct<=12")
    assert sw["slack"] >= -1e-9 and d["design"]["electrode.swelling_pct"] <= 12 + 1e-9
