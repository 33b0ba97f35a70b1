"""The package's error types.

Every error a user can cause (a bad spec, a corrupt file, an unphysical number)
raises a subclass of :class:`AlloyporeError` whose message is ONE line naming the
field, the value and what is allowed.  The CLI prints that line and exits with
status 2; it never shows a traceback for these.
"""

from __future__ import annotations

__all__ = [
    "AlloyporeError",
    "InputError",
    "SpecError",
    "DataFileError",
    "ConvergenceError",
    "MissingDependencyError",
    "check_range",
]


class AlloyporeError(ValueError):
    """Base class of every user-facing error: ``str(err)`` is a single line."""

    def __init__(self, message: str):
        message = " ".join(str(message).split())  # fold to one line
        super().__init__(message)


class SpecError(AlloyporeError):
    """A spec field has a value outside what is allowed.

    Parameters
    ----------
    field : str
        Dotted path of the field, e.g. ``"particle.porosity"``.
    value : object
        The offending value.
    allowed : str
        What is allowed, e.g. ``"0 <= porosity < 1"``.
    """

    def __init__(self, field: str, value: object, allowed: str):
        self.field, self.value, self.allowed = field, value, allowed
        super().__init__(f"{field} = {_fmt(value)}: {allowed}")


class InputError(SpecError):
    """A command-line option or function argument is out of range (same format as SpecError)."""


class DataFileError(AlloyporeError):
    """A data file (isotherm, volume, table, ...) is missing, corrupt, empty or of the wrong kind."""

    def __init__(self, path: object, problem: str):
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


class ConvergenceError(AlloyporeError):
    """A numerical solver did not converge (iterations, residual and what to change are in the message)."""


class MissingDependencyError(AlloyporeError):
    """An optional dependency (an extra) is not installed; the message names the install command.

    Parameters
    ----------
    package : str
        The import name that failed, e.g. ``"pybamm"``.
    extra : str
        The alloypore extra that provides it, e.g. ``"cycle"``.
    what : str
        What needs it, e.g. ``"alloypore cycle"``.
    """

    def __init__(self, package: str, extra: str, what: str = ""):
        self.package, self.extra = package, extra
        need = f"{what} needs" if what else "this needs"
        super().__init__(f"{need} {package}, which is not installed: pip install 'alloypore[{extra}]'")


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_range(
    field: str,
    value: float,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    unit: str = "",
    cls: type[SpecError] = InputError,
) -> float:
    """Return ``value`` if it lies in the interval, else raise a one-line error.

    ``lo_open``/``hi_open`` make the bound strict.  NaN is always refused.
    """
    import math

    try:
        v = float(value)
    except (TypeError, ValueError):
        raise cls(field, value, "must be a number") from None
    lo_txt = "" if lo is None else f"{lo:g} {'<' if lo_open else '<='} "
    hi_txt = "" if hi is None else f" {'<' if hi_open else '<='} {hi:g}"
    allowed = f"allowed {lo_txt}{field.rsplit('.', 1)[-1]}{hi_txt}{(' ' + unit) if unit else ''}"
    if math.isnan(v) or math.isinf(v):
        raise cls(field, value, allowed)
    if lo is not None and (v < lo or (lo_open and v == lo)):
        raise cls(field, value, allowed)
    if hi is not None and (v > hi or (hi_open and v == hi)):
        raise cls(field, value, allowed)
    return v
