"""The ``alloypore`` command line.

Each command group lives in its own module of this package with a
``register(app)`` function; modules are found by name below.  Commands are thin:
parse, call one library function, render.  Every :class:`~alloypore.errors.AlloyporeError`
becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from alloypore._optional import missing_dependency
from alloypore._version import __version__
from alloypore.errors import AlloyporeError
from alloypore.materials import user_materials, user_materials_path
from alloypore.provenance import recording_command

# Command modules, in the order they appear in --help.  Each has ``register(app)``
# and imports what it needs at its top; only the module of the command being run is
# imported (``alloypore design`` never imports the imaging or FEM stack).
COMMANDS = [
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


def build_app(names: list[str] | None = None) -> typer.Typer:
    """The typer app with the commands ``names`` registered (default: all, for --help)."""
    new = typer.Typer(
        name="alloypore",
        help="Pore engineering of alloying-type anode particles: particle -> electrode -> cell.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    new.callback()(_root)  # a group even when only one command is loaded
    for name in COMMANDS if names is None else names:
        try:
            module = importlib.import_module(f"alloypore.cli.{name}")
        except ImportError as err:  # --help in a light install: list the command with the extra it needs
            missing = missing_dependency(err, f"alloypore {name}")
            if names is not None or missing is None:
                raise
            _register_missing(new, name, missing)
            continue
        module.register(new)
    return new


def _register_missing(app: typer.Typer, name: str, missing: AlloyporeError) -> None:
    """A placeholder command whose help names the missing extra and which fails with that line."""

    def placeholder() -> None:
        raise missing

    # no square brackets: typer may read the help as rich markup, where [imaging] is a style tag
    app.command(name, help=f"(not installed: needs the {missing.extra} extra; run the command for the pip line)",
                context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(placeholder)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"alloypore {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Pore engineering of alloying-type anode particles: particle -> electrode -> cell."""


#: commands registered by another command's module
MODULE_OF = {"optimize": "sweep"}


def _commands_for(argv: list[str]) -> list[str] | None:
    """The one command module ``argv`` runs, or None (help, version, unknown: load all)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    first = MODULE_OF.get(first, first)
    return [first] if first in COMMANDS else None


def __getattr__(name: str):
    # ``alloypore.cli.app``: the whole app (all commands), built on first use
    if name == "app":
        globals()["app"] = build_app()
        return globals()["app"]
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning user errors into one line and exit 2."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        # the user's materials file ($ALLOYPORE_MATERIALS, else ~/.alloypore/materials.toml) for this run
        with user_materials(user_materials_path(os.environ)), recording_command(["alloypore", *args]):
            build_app(_commands_for(args))(args=args, standalone_mode=True, prog_name="alloypore")
    except AlloyporeError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except ImportError as err:  # an optional dependency of this command is not installed: name its extra
        missing = missing_dependency(err, f"alloypore {next((a for a in args if not a.startswith('-')), '')}".strip())
        if missing is None:
            raise
        print(f"error: {missing}", file=sys.stderr)
        raise SystemExit(2) from None
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    return 0
