"""The README's quick start is true to the code: every command it shows runs and exits 0."""

import json
import shlex
from pathlib import Path

import pytest

from alloypore.cell.specfile import EXAMPLE_SPEC_TOML
from clihelp import run

README = Path(__file__).resolve().parents[1] / "README.md"


def _quick_start_commands() -> list[list[str]]:
    text = README.read_text("utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    cmds = []
    for line in block.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line.startswith(".venv/bin/alloypore "):
            cmds.append(shlex.split(line)[1:])
    return cmds


COMMANDS = _quick_start_commands()


def test_the_quick_start_shows_the_commands_a_new_user_needs():
    names = [" ".join(c[:2]) for c in COMMANDS]
    assert len(COMMANDS) >= 6, names
    assert ["design", "--example-spec"] in [c[:2] for c in COMMANDS]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_quick_start_command_runs(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, spec, _ = run(capsys, "design", "--example-spec")
    assert code == 0
    # the files the quick start names: the user's spec, and a measured particle spec
    (tmp_path / "my.toml").write_text(spec, "utf-8")
    (tmp_path / "measured.toml").write_text(spec.replace("porosity = 0.5 ", "porosity = 0.45 "), "utf-8")
    argv = argv[: argv.index(">")] if ">" in argv else argv  # a shell redirection is not an argument
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    if "--json" in argv:
        assert json.loads(out)["cell"]["energy_density_Wh_kg"] > 0
    elif "--out" in argv:
        assert (tmp_path / argv[argv.index("--out") + 1] / "report.html").is_file()
    else:
        assert out.strip()


def test_readme_spec_block_is_the_built_in_example():
    # the spec shown in the README is the example's own numbers (the TOML block under the quick start)
    text = README.read_text("utf-8")
    block = text.split("```toml", 1)[1].split("```", 1)[0]
    for line in block.splitlines():
        key = line.split("#", 1)[0].strip()
        if key and not key.startswith("["):
            assert key in EXAMPLE_SPEC_TOML, key
