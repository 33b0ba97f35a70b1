"""The top-level command: version and command loading."""

import tomllib
from pathlib import Path

from clihelp import run

import alloypore
from alloypore.cli import COMMANDS, _commands_for


def test_version_is_single_sourced_and_printed(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0 and out.strip() == f"alloypore {alloypore.__version__}"
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    cff = (Path(__file__).parents[2] / "CITATION.cff").read_text()
    assert f'version: "{alloypore.__version__}"' in cff


def test_only_the_command_run_is_loaded():
    assert _commands_for(["design", "--json"]) == ["design"]
    assert _commands_for(["optimize", "x.toml"]) == ["sweep"]
    assert _commands_for(["--help"]) is None and _commands_for(["nonsense"]) is None
    assert set(COMMANDS) >= {"design", "sweep", "characterize", "image", "stress", "cycle", "web"}


def test_help_lists_every_command(capsys):
    code, out, err = run(capsys, "--help")
    assert code == 0
    for name in ("design", "sweep", "characterize", "image", "stress", "literature", "synthesize"):
        assert name in out
