"""Silence pyGAPS and adsorption-file-parser inside a ``with`` block only.

pyGAPS and adsorption-file-parser log progress and warnings to **stdout** through their own
loggers (which would break ``--json``) and raise Python warnings.  Inside :func:`quiet` a
:class:`logging.Filter` on those two loggers drops their records and warnings are ignored; the
filter is removed on exit, so no logger level or handler of theirs is changed.  (No pandas or
pyGAPS import here: readers that avoid pyGAPS use it too.)
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from typing import Iterator

__all__ = ["quiet", "PYGAPS_LOGGERS"]

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
