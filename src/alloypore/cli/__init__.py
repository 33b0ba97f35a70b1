"""The ``alloypore`` command line.

Each command group lives in its own module of this package with a
``register(app)`` function; modules are found by name below.  Commands are thin:
parse, call one library function, render.  Every :class:`~alloypore.errors.AlloyporeError`
becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import typer

from alloypore.errors import AlloyporeError

app = typer.Typer(
    name="alloypore",
    help="Pore engineering of alloying-type anode particles: particle -> electrode -> cell.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Command modules, in the order they appear in --help.  A module is registered
# when its file exists, so work on one face never breaks the others.
_COMMAND_MODULES = [
    "materials",
    "design",
    "pressure",
    "sweep",
    "study",
    "characterize",
    "image",
    "stress",
    "literature",
    "synthesize",
    "cycle",
    "web",
]

for _name in _COMMAND_MODULES:
    if (Path(__file__).parent / f"{_name}.py").exists():
        importlib.import_module(f"alloypore.cli.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning user errors into one line and exit 2."""
    try:
        app(args=argv, standalone_mode=True)
    except AlloyporeError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    return 0
