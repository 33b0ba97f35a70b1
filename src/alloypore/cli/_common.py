"""Helpers shared by the command modules: JSON output, output targets, and the one-line error.

* :func:`check_out` / :func:`check_file_out` validate ``--out``, ``--emit-spec``, ``--plots``
  ... BEFORE a command starts its work (the one output path, :mod:`alloypore._io`); ``FORCE``
  is the ``--force`` option of commands that write a file.
* :func:`usage_error_line` turns click's usage errors (an unknown flag, a non-number, a
  missing option) into one line naming the flag as the user wrote it; :func:`flag_named`
  renames a library field (``mesh_size_nm``) to the command's flag (``--mesh-size-nm``).
* :func:`held_third_party_output` holds back the log lines and warnings other libraries
  write to stderr during a run, so that an error is the only line; a run that succeeds
  shows them at its end.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import re
import signal
import sys
import threading
import warnings
from pathlib import Path
from typing import Any, Iterator, Optional

import typer

try:  # recent typer carries its own copy of click: its usage errors are those
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer, on the click package
    from click import exceptions as click_errors

from alloypore._io import check_output
from alloypore._json import to_jsonable
from alloypore.errors import InputError, SpecError
from alloypore.provenance import with_provenance

__all__ = [
    "to_jsonable",
    "print_json",
    "fail",
    "FORCE",
    "given",
    "refuse_unused",
    "requires",
    "check_out",
    "check_file_out",
    "error_line",
    "usage_error_line",
    "flag_named",
    "hoist_global_options",
    "empty_option_value",
    "held_third_party_output",
    "sigterm_as_interrupt",
    "GLOBAL_VALUE_OPTIONS",
    "click_errors",
]

#: ``--force``: commands that write a file (``--emit-spec``) refuse an existing one without it.
JSON = typer.Option(False, "--json", help="Print one JSON object.")
FORCE = typer.Option(False, "--force", help="Replace an existing output file (--emit-spec, --profile-out, --bpx, ...).")

#: Root options that take a value and may also be written after the command.
GLOBAL_VALUE_OPTIONS = ("--max-memory", "--max-time")

#: Longest echoed token of an error line.
ECHO_LIMIT = 80


def print_json(obj: Any) -> None:
    """Print one JSON object on stdout (an object gets the ``provenance`` block)."""
    sys.stdout.write(json.dumps(with_provenance(to_jsonable(obj)), indent=2, allow_nan=False) + "\n")


def fail(message: str) -> None:
    """Print one error line and exit 2 (for problems found in the face itself)."""
    print(error_line(message), file=sys.stderr)
    raise SystemExit(2)


def check_out(path: Optional[Path], flag: str = "--out") -> Optional[Path]:
    """Validate a folder of outputs before the work (None passes)."""
    return None if path is None else check_output(path, flag=flag, kind="dir")


def check_file_out(path: Optional[Path], flag: str = "--emit-spec", force: bool = False) -> Optional[Path]:
    """Validate an output file before the work: its folder is writable, it is new unless ``force``."""
    return None if path is None else check_output(path, flag=flag, kind="file", force=force)


def given(ctx: typer.Context, name: str) -> bool:
    """Whether parameter ``name`` was given by the user (command line or environment), not defaulted."""
    source = ctx.get_parameter_source(name)
    return source is not None and getattr(source, "name", "") in ("COMMANDLINE", "ENVIRONMENT")


def requires(flag: str, value: object, other: object, other_flag: str, why: str = "") -> None:
    """Refuse option ``flag`` given without ``other_flag``, the option it needs (``why``: what for)."""
    if value is not None and other is None:
        raise InputError(flag, value, f"not used here; it applies only with {other_flag}{why}")


def refuse_unused(ctx: typer.Context, name: str, used_only: str) -> None:
    """Refuse an option the user gave that the chosen route ignores (``used_only``: when it is used)."""
    if given(ctx, name):
        param = next(p for p in ctx.command.params if p.name == name)
        raise InputError(_param_flag(param), ctx.params.get(name), f"not used here; it applies only {used_only}")


# ---------------------------------------------------------------------------- one-line errors
def _shorten(token: str) -> str:
    return token if len(token) <= ECHO_LIMIT else token[: ECHO_LIMIT - 3] + "..."


def error_line(message: str) -> str:
    """``error: MESSAGE`` folded to one line, every echoed token cut to ~80 characters."""
    words = " ".join(str(message).split()).split(" ")
    text = " ".join(_shorten(w) for w in words)
    return f"error: {text[:600]}"


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _param_flag(param: Any) -> str:
    if param is None:
        return "a value"
    if _is_option(param):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return (param.name or "argument").upper()


def _value_given(args: list[str], param: Any) -> str | None:
    """The text the user gave for ``param`` (the last occurrence), if it can be found in ``args``."""
    if not _is_option(param):
        return None
    found = None
    for i, tok in enumerate(args):
        for opt in param.opts:
            if tok == opt and i + 1 < len(args):
                found = args[i + 1]
            elif tok.startswith(opt + "="):
                found = tok[len(opt) + 1:]
    return found


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "float": "a number", "int": "a whole number"}


def usage_error_line(err: click_errors.UsageError, args: list[str]) -> str:
    """One line for a click usage error, naming the flag as written and where to get help."""
    param = getattr(err, "param", None)
    flag = _param_flag(param)
    where = f"; see '{err.ctx.command_path} --help'" if err.ctx is not None else ""
    if isinstance(err, click_errors.MissingParameter):
        kind = "option" if _is_option(param) else "argument"
        return f"missing {kind} {flag}{where}"
    if isinstance(err, click_errors.BadParameter):
        value = _value_given(args, param)
        msg = err.message or "invalid value"
        m = re.search(r"valid (integer|number|float|int)\b", msg)
        if m:
            msg = f"must be {_TYPE_WORDS[m.group(1)]}"
        shown = "" if value is None else f" = {_shorten(repr(value))}"
        return f"{flag}{shown}: {msg.rstrip('.')}{where}"
    if isinstance(err, click_errors.NoSuchOption):
        # worded here, not by click/typer (their wording changes between versions)
        near = sorted(err.possibilities or ())
        hint = f" (Possible options: {', '.join(near)})" if near else ""
        return f"No such option: {err.option_name}{hint}{where}"
    return f"{err.format_message().rstrip('.')}{where}"


def _norm(name: str) -> str:
    return name.lstrip("-").replace("-", "_").lower()


def _leaf_command(app: typer.Typer | None, args: list[str]) -> Any:
    if app is None:
        return None
    cmd = typer.main.get_command(app)
    for tok in args:
        if isinstance(getattr(cmd, "commands", None), dict) and tok in cmd.commands:
            cmd = cmd.commands[tok]
    return cmd


def _renamed(err: SpecError, flag: str) -> SpecError:
    allowed = re.sub(rf"\b{re.escape(err.field)}\b", flag.lstrip("-"), str(err.allowed))
    return (InputError if isinstance(err, InputError) else SpecError)(flag, err.value, allowed)


def flag_named(err: Exception, app: typer.Typer | None, args: list[str]) -> Exception:
    """``err`` with a library field name (``mesh_size_nm``) replaced by the command's flag (``--mesh-size-nm``).

    The command's module may list library names that differ from its options in
    ``FLAG_OF = {"p_limits": "--bet-range"}``; otherwise a field is matched to the option of the
    same name.  Spec fields (dotted, ``particle.porosity``), flags already named and fields the
    command has no parameter for are left as they are.
    """
    field = getattr(err, "field", None)
    if not isinstance(err, SpecError) or not isinstance(field, str) or field.startswith("-"):
        return err
    cmd = _leaf_command(app, args)
    if cmd is None:
        return err
    callback = getattr(cmd, "callback", None)
    module = sys.modules.get(getattr(inspect.unwrap(callback), "__module__", "") if callback else "")
    aliases = getattr(module, "FLAG_OF", {})
    if field in aliases:
        return _renamed(err, aliases[field])
    if "." in field:
        return err
    key = _norm(field)
    for p in cmd.params:
        names = {_norm(p.name or "")} | {_norm(o) for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
        if key in names:
            flag = _param_flag(p)
            if not _is_option(p):  # an argument: the message stays as the library wrote it
                return (InputError if isinstance(err, InputError) else SpecError)(flag, err.value, err.allowed)
            allowed = re.sub(rf"\b{re.escape(field)}\b", flag.lstrip("-"), str(err.allowed))
            for other in cmd.params:  # other options named in the text (``0.49 x cell_size_nm``)
                if _is_option(other) and other is not p and "_" in (other.name or ""):
                    allowed = re.sub(rf"(?<![\w.-]){re.escape(other.name)}\b", _param_flag(other), allowed)
            cls = InputError if isinstance(err, InputError) else SpecError
            return cls(flag, err.value, allowed)
    return err


def empty_option_value(args: list[str]) -> str | None:
    """The first option given an empty value (``--out ""``, ``--out=``), if any."""
    for i, tok in enumerate(args):
        if tok == "--":
            return None
        if tok.startswith("--") and tok.endswith("=") and len(tok) > 3:
            return tok[:-1]
        if tok.startswith("--") and "=" not in tok and i + 1 < len(args) and args[i + 1] == "":
            return tok
    return None


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--max-memory X`` / ``--max-time X`` written after the command to the front."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        tok = args[i]
        if tok == "--":
            rest.extend(args[i:])
            break
        if tok in GLOBAL_VALUE_OPTIONS and i + 1 < len(args):
            front += [tok, args[i + 1]]
            i += 2
            continue
        if any(tok.startswith(g + "=") for g in GLOBAL_VALUE_OPTIONS):
            front.append(tok)
        else:
            rest.append(tok)
        i += 1
    return front + rest


# ---------------------------------------------------------------------------- third-party output
class _GatedStderr(io.TextIOBase):
    """sys.stderr during a run: log records and warnings (written from the logging / warnings
    modules) are held; everything else (progress bars, our own lines) passes straight through.
    Handlers created during the run keep this object: after the run it passes everything on
    to whatever sys.stderr then is."""

    def __init__(self, real):
        super().__init__()
        self._real = real
        self.held: list[str] | None = []
        self._busy = False

    def _target(self):
        """During the run the real stream; afterwards whatever sys.stderr is (unless that leads back here:
        rich's live display wraps sys.stderr, i.e. this object, in a proxy)."""
        if self.held is not None or self._busy:
            return self._real
        current = sys.stderr
        return self._real if current is self else _Forward(current, self)

    def write(self, s: str) -> int:
        if self.held is not None and _from_log_or_warning():
            self.held.append(s)
            return len(s)
        return self._target().write(s)

    def flush(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            self._target().flush()

    def isatty(self) -> bool:
        return bool(getattr(self._target(), "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._target().fileno()

    @property
    def encoding(self):  # noqa: D401 - the real stream's
        return getattr(self._target(), "encoding", "utf-8")

    def writable(self) -> bool:
        return True


class _Forward:
    """A stream reached after the run; calls into it that come back to the gate go to the real stream."""

    def __init__(self, stream, gate: "_GatedStderr"):
        self._stream, self._gate = stream, gate

    def __getattr__(self, name):
        attr = getattr(self._stream, name)
        if not callable(attr):
            return attr

        def call(*a, **k):
            self._gate._busy = True
            try:
                return attr(*a, **k)
            finally:
                self._gate._busy = False

        return call


def _from_log_or_warning() -> bool:
    f = sys._getframe(2)
    for _ in range(6):
        if f is None:
            return False
        name = f.f_code.co_filename.replace("\\", "/")
        if name.endswith(("/logging/__init__.py", "/warnings.py", "/_py_warnings.py")):
            return True
        f = f.f_back
    return False


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM during the block raises KeyboardInterrupt, so a terminated run cleans up like Ctrl+C
    (no temporary output folders left); the previous handler is restored afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextlib.contextmanager
def held_third_party_output() -> Iterator[None]:
    """Hold other libraries' log lines and warnings on stderr for the block; show them only on success."""
    real = sys.stderr
    gate = _GatedStderr(real)
    sys.stderr = gate
    ok = False
    try:
        with warnings.catch_warnings():
            yield
        ok = True
    finally:
        held, gate.held = gate.held or [], None
        sys.stderr = real
        if ok and held:  # the run succeeded: each held message once, its first line (no tracebacks)
            lines = dict.fromkeys(ln for chunk in held for ln in chunk.splitlines()[:1] if ln.strip())
            with contextlib.suppress(ValueError, OSError):
                real.write("".join(f"{ln}\n" for ln in lines))
