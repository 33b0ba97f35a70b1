"""One central switch for progress bars (rich), as PoreSpy does with its settings.

Library code calls :func:`progress` around long loops, :func:`status` (a spinner with the
elapsed time) around one long step that has nothing to count (a large FEM solve, an isotherm
analysis) and :func:`bar` where another library calls back once per step (pymoo's NSGA-II
generations); the spinner and the callback bar draw on stderr.  By default bars show where a person
watches: an interactive terminal (stderr is a TTY) or a Jupyter notebook (an IPython kernel
is running; rich draws the bar as a live notebook widget).  ``ALLOYPORE_PROGRESS=0`` turns
them off (the test suite does), ``ALLOYPORE_PROGRESS=1`` on; ``settings.show_progress = True
/ False`` decides in code (``None``, the default, is the automatic rule, read at each call).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

__all__ = ["settings", "progress", "status", "bar", "in_notebook"]


def in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython's ``ZMQInteractiveShell``)."""
    ipython = sys.modules.get("IPython")  # never imported here: present only when IPython runs us
    get = getattr(ipython, "get_ipython", None)
    shell = get() if get is not None else None
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class _Settings:
    """``show_progress``: True / False, or None for the automatic rule (see the module docstring)."""

    def __init__(self) -> None:
        self._show: bool | None = None

    @property
    def show_progress(self) -> bool:
        if self._show is not None:
            return self._show
        env = os.environ.get("ALLOYPORE_PROGRESS", "")
        if env in ("0", "1"):
            return env == "1"
        return sys.stderr.isatty() or in_notebook()

    @show_progress.setter
    def show_progress(self, value: bool | None) -> None:
        self._show = None if value is None else bool(value)


settings = _Settings()


def progress(iterable: Iterable[T], description: str = "working", total: int | None = None) -> Iterator[T]:
    """Iterate ``iterable`` with a rich progress bar (stderr, or the notebook) when enabled."""
    if not settings.show_progress:
        yield from iterable
        return
    from rich.progress import track

    yield from track(iterable, description=description, total=total, transient=True)


def _console():
    from rich.console import Console

    return Console(stderr=True)


@contextlib.contextmanager
def status(description: str) -> Iterator[None]:
    """A spinner with the elapsed time on stderr while the block runs (when enabled)."""
    if not settings.show_progress:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_console(),
                  transient=True) as p:
        p.add_task(description, total=None)
        yield


@contextlib.contextmanager
def bar(total: int, description: str) -> Iterator[Callable[..., None]]:
    """A progress bar of ``total`` steps on stderr (when enabled); yields ``step()`` to advance it by one."""
    if not settings.show_progress:
        yield lambda *a, **k: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=_console(), transient=True) as p:
        task = p.add_task(description, total=total)
        yield lambda *a, **k: p.advance(task)
