"""Narrow shims around pyGAPS, each active only inside a ``with`` block.

* :func:`quiet`: pyGAPS and adsorption-file-parser log progress and warnings to
  **stdout** through their own loggers (which would break ``--json``) and raise
  Python warnings.  Inside the block a :class:`logging.Filter` on those two loggers
  drops their records and warnings are ignored; the filter is removed on exit, so no
  logger level or handler of theirs is changed.
* :func:`aif_pandas_shim`: pyGAPS 4.6.1's AIF reader converts its data loops with
  ``DataFrame.apply(pandas.to_numeric, errors='ignore')``; pandas 3 removed
  ``errors='ignore'`` and raises ``ValueError: invalid error value specified``.
  The shim swaps, *only inside the module* ``pygaps.parsing.aif`` and only for the
  duration of a ``with`` block, the name ``pandas`` for a proxy whose ``to_numeric``
  implements the old ``errors='ignore'`` behaviour (return the input unchanged when
  it cannot be converted) and delegates everything else to pandas.  Nothing else in
  the process sees a patched pandas.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import types
import warnings
from typing import Iterator

import pandas as _pd

__all__ = ["quiet", "aif_pandas_shim", "to_numeric_compat", "PYGAPS_LOGGERS"]

_LOCK = threading.Lock()

#: The loggers pyGAPS and its file parser write to stdout through.
PYGAPS_LOGGERS = ("pygaps", "adsorption_file_parser")


class _DropRecords(logging.Filter):
    """A filter that lets no record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Within the block, records of the pyGAPS loggers are dropped and warnings ignored (the package reports its own errors)."""
    flt = _DropRecords()
    loggers = [logging.getLogger(name) for name in PYGAPS_LOGGERS]
    for lg in loggers:
        lg.addFilter(flt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg in loggers:
            lg.removeFilter(flt)


def to_numeric_compat(arg, errors: str = "raise", **kwargs):
    """``pandas.to_numeric`` accepting the removed ``errors='ignore'`` (pandas < 3 semantics)."""
    if errors == "ignore":
        try:
            return _pd.to_numeric(arg, errors="raise", **kwargs)
        except (ValueError, TypeError):
            return arg
    return _pd.to_numeric(arg, errors=errors, **kwargs)


class _PandasProxy(types.ModuleType):
    """Module-like object: ``to_numeric`` is the compatible one, all else is pandas."""

    def __init__(self) -> None:
        super().__init__("pandas")
        self.to_numeric = to_numeric_compat

    def __getattr__(self, name: str):
        return getattr(_pd, name)


@contextlib.contextmanager
def aif_pandas_shim() -> Iterator[None]:
    """Within the block, ``pygaps.parsing.aif`` sees a pandas-2-compatible ``to_numeric``."""
    import pygaps.parsing.aif as aif_mod

    with _LOCK:
        original = aif_mod.pandas
        needs = not _accepts_ignore()
        if needs:
            aif_mod.pandas = _PandasProxy()
        try:
            yield
        finally:
            aif_mod.pandas = original


def _accepts_ignore() -> bool:
    try:
        _pd.to_numeric(_pd.Series(["a"]), errors="ignore")
        return True
    except ValueError:
        return False
