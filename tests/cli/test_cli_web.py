"""``alloypore web``: option checks (exit 2, one line) and help; the server itself: tests/web."""

import pytest
from typer.testing import CliRunner

from alloypore.cli import app
from clihelp import run


def _run(capsys, args):
    code, _, err = run(capsys, *args)
    return code, err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["web", "--port", "0"], "--port = 0: allowed 1 <= port <= 65535"),
        (["web", "--port", "70000"], "--port = 70000"),
        (["web", "--host", "not a host"], "--host = 'not a host'"),
    ],
)
def test_cli_web_bad_options_exit_2_with_one_line(capsys, args, fragment):
    code, err = _run(capsys, args)
    assert code == 2
    assert err.strip().count("\n") == 0 and fragment in err


def test_cli_web_help_lists_port_and_host():
    out = CliRunner().invoke(app, ["web", "--help"])
    assert out.exit_code == 0 and "--port" in out.output and "--host" in out.output
