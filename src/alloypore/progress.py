"""One central switch for progress bars (rich, on stderr), as PoreSpy does with its settings.

Library code calls :func:`progress` around long loops and :func:`status` around one long
step that has nothing to count (a large FEM solve); the CLI turns bars on for interactive
terminals, tests leave them off.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

__all__ = ["settings", "progress", "status", "bar"]


class _Settings:
    #: Show progress bars.  Default: on when stderr is a terminal and ALLOYPORE_PROGRESS != "0".
    show_progress: bool = sys.stderr.isatty() and os.environ.get("ALLOYPORE_PROGRESS", "1") != "0"


settings = _Settings()


def _console():
    from rich.console import Console

    return Console(stderr=True)


def progress(iterable: Iterable[T], description: str = "working", total: int | None = None) -> Iterator[T]:
    """Iterate ``iterable`` with a rich progress bar on stderr when enabled."""
    if not settings.show_progress:
        yield from iterable
        return
    from rich.progress import track

    yield from track(iterable, description=description, total=total, transient=True, console=_console())


@contextlib.contextmanager
def status(description: str) -> Iterator[None]:
    """A spinner with the elapsed time on stderr while the block runs (when enabled)."""
    if not settings.show_progress:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_console(),
                  transient=True) as bar:
        bar.add_task(description, total=None)
        yield


@contextlib.contextmanager
def bar(total: int, description: str) -> Iterator[Callable[..., None]]:
    """A progress bar of ``total`` steps on stderr (when enabled); yields ``step()`` to advance it by one.

    For loops run by another library that calls back once per step (pymoo's generations).
    """
    if not settings.show_progress:
        yield lambda *a, **k: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=_console(), transient=True) as p:
        task = p.add_task(description, total=total)
        yield lambda *a, **k: p.advance(task)
