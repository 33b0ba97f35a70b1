"""Import PyBaMM (the optional ``cycle`` extra) without its telemetry prompt and without side effects."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from alloypore._optional import require

__all__ = ["require_pybamm", "recording_citations"]


@contextlib.contextmanager
def _unless_set(name: str, value: str) -> Iterator[None]:
    """Environment variable ``name`` = ``value`` for a block if the user has not set it (restored after)."""
    if name in os.environ:
        yield
        return
    os.environ[name] = value
    try:
        yield
    finally:
        os.environ.pop(name, None)


def require_pybamm():
    """Import PyBaMM; a one-line :class:`MissingDependencyError` if it is not installed.

    On its first import PyBaMM asks on the terminal (for up to 10 s) whether it may send usage
    data, unless ``PYBAMM_DISABLE_TELEMETRY`` is set.  Unless the user set that variable, it is
    set only while PyBaMM is imported (so the import neither asks nor sends) and then removed:
    the process environment is left as it was.
    """
    with _unless_set("PYBAMM_DISABLE_TELEMETRY", "true"):
        return require("pybamm", "cycle", "alloypore cycle")


@contextlib.contextmanager
def recording_citations() -> Iterator[list[str]]:
    """Collect the keys PyBaMM registers in ``pybamm.citations`` during a block (sorted, in the list).

    PyBaMM keeps one process-wide registry; it is saved, emptied for the block and afterwards
    restored with the block's keys added (as if the block had run without this), so earlier and
    later runs are unaffected.  Keys registered as BibTeX text (not as a key) are skipped.
    """
    pybamm = require_pybamm()
    reg = pybamm.citations
    saved = (set(reg._papers_to_cite), set(reg._unknown_citations), dict(reg._citation_tags))
    reg._papers_to_cite, reg._unknown_citations, reg._citation_tags = set(), set(), {}
    keys: list[str] = []
    try:
        yield keys
    finally:
        new_known, new_unknown = set(reg._papers_to_cite), set(reg._unknown_citations)
        keys.extend(sorted(k for k in new_known | new_unknown if not k.lstrip().startswith("@")))
        reg._papers_to_cite = saved[0] | new_known
        reg._unknown_citations = saved[1] | new_unknown
        reg._citation_tags = {**reg._citation_tags, **saved[2]}
