"""The ``alloypore`` command line.

Each command group lives in its own module of this package with a
``register(app)`` function; modules are found by name below.  Commands are thin:
parse, call one library function, render.  Whatever a user types ends in one of two ways:
the result, or ONE line ``error: ...`` on stderr and exit status 2 - a usage error (an
unknown flag, a non-number, a missing option), an
:class:`~alloypore.errors.AlloyporeError` from the library (its field named as the user's
flag), a file that cannot be written, a run too large for ``--max-memory`` / ``--max-time``.
Third-party log lines and warnings of a run are held back and shown only when it succeeds.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from alloypore import resources
from alloypore._optional import missing_dependency
from alloypore._version import __version__
from alloypore.cli._common import (
    GLOBAL_VALUE_OPTIONS,
    click_errors,
    empty_option_value,
    error_line,
    flag_named,
    held_third_party_output,
    hoist_global_options,
    sigterm_as_interrupt,
    usage_error_line,
)
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
    max_memory: str = typer.Option(
        None, "--max-memory", envvar="ALLOYPORE_MAX_MEMORY", metavar="SIZE",
        help="Refuse runs estimated to need more memory, e.g. 4GB or 50% (default: half the memory available). "
             "May also follow the command.",
    ),
    max_time: str = typer.Option(
        None, "--max-time", envvar="ALLOYPORE_MAX_TIME", metavar="DURATION",
        help="Refuse runs estimated to take longer, e.g. 600, 30min, 2h (default 6h). May also follow the command.",
    ),
) -> None:
    """Pore engineering of alloying-type anode particles: particle -> electrode -> cell."""
    if max_memory is not None:
        resources.settings.max_memory_bytes = resources.parse_memory(max_memory)
    if max_time is not None:
        resources.settings.max_seconds = resources.parse_duration(max_time)


#: commands registered by another command's module
MODULE_OF = {"optimize": "sweep"}


def _commands_for(argv: list[str]) -> list[str] | None:
    """The one command module ``argv`` runs, or None (help, version, unknown: load all)."""
    args = hoist_global_options(argv)
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 1 if "=" in args[i] or args[i] not in GLOBAL_VALUE_OPTIONS else 2
    first = args[i] if i < len(args) else None
    first = MODULE_OF.get(first, first)
    return [first] if first in COMMANDS else None


def __getattr__(name: str):
    # ``alloypore.cli.app``: the whole app (all commands), built on first use
    if name == "app":
        globals()["app"] = build_app()
        return globals()["app"]
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; every user error becomes one line on stderr and exit 2."""
    args = hoist_global_options(sys.argv[1:] if argv is None else list(argv))
    app = None
    empty = empty_option_value(args)
    if empty:  # `--out ""` (an unset shell variable) would become the current folder
        _fail(f"{empty} = '': an empty value; give one (see 'alloypore --help')")
    try:
        # the user's materials file ($ALLOYPORE_MATERIALS, else ~/.alloypore/materials.toml) for this run;
        # the resource limits (--max-memory, --max-time) and held-back third-party output for this run only
        with resources.limits(), sigterm_as_interrupt(), held_third_party_output(), \
                user_materials(user_materials_path(os.environ)), recording_command(["alloypore", *args]):
            app = build_app(_commands_for(args))
            rv = app(args=args, standalone_mode=False, prog_name="alloypore")
    except NO_ARGS_IS_HELP as err:  # the help is printed; say what is missing
        _fail(f"{err.ctx.command_path}: give a command (see the list above)")
    except click_errors.UsageError as err:
        _fail(usage_error_line(err, args))
    except typer.Abort:
        print("error: aborted", file=sys.stderr)
        raise SystemExit(130) from None
    except AlloyporeError as err:
        _fail(str(flag_named(err, app, args)))
    except ImportError as err:  # an optional dependency of this command is not installed: name its extra
        missing = missing_dependency(err, f"alloypore {next((a for a in args if not a.startswith('-')), '')}".strip())
        if missing is None:
            raise
        _fail(str(missing))
    except MemoryError:
        _fail("out of memory: the run needs more memory than this machine has free; make it smaller "
              "(or lower --max-memory so that it is refused before it starts)")
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    if isinstance(rv, int) and not isinstance(rv, bool) and rv != 0:
        if rv == 130:  # typer turns Ctrl+C into exit status 130
            print("error: interrupted", file=sys.stderr)
        raise SystemExit(rv)
    return 0


#: click >= 8.2 raises this (a UsageError) after printing the help of a group called without a command
NO_ARGS_IS_HELP = getattr(click_errors, "NoArgsIsHelpError", ())


def _fail(message: str) -> None:
    print(error_line(message), file=sys.stderr)
    raise SystemExit(2) from None
