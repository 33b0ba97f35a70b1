"""``alloypore optimize``: JSON contract, files and one-line errors (exit 2)."""

import json

import pytest

from clihelp import assert_refused, run

BAD = [
    # no particle porosity keeps the example's swelling at 2 % (the least it reaches is 5.9 %)
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.1:0.8",
      "--constraint", "electrode.swelling_pct<=2"], "electrode.swelling_pct<=2 = 5.913: no feasible design"),
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
    assert_refused(*run(capsys, *args, "--out", str(tmp_path / "o")), words)
    assert not (tmp_path / "o").exists()


def test_optimize_cli_json(capsys):
    code, out, _ = run(capsys, "optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.1:0.8",
                       "--vary", "electrode.compaction_density_g_cm3=1.0:1.75", "--constraint", "electrode.swelling_pct<=12", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["feasible"] and set(d) >= {"value", "x", "binding", "constraints", "design"}
    sw = next(c for c in d["constraints"] if c["constraint"] == "electrode.swelling_pct<=12")
    assert sw["slack"] >= -1e-9 and d["design"]["electrode.swelling_pct"] <= 12 + 1e-9
