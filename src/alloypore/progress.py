"""One central switch for progress bars (rich), as PoreSpy does with its settings.

Library code calls :func:`progress` around long loops; the CLI turns bars on for
interactive terminals, tests leave them off.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

__all__ = ["settings", "progress"]


class _Settings:
    #: Show progress bars.  Default: on when stderr is a terminal and ALLOYPORE_PROGRESS != "0".
    show_progress: bool = sys.stderr.isatty() and os.environ.get("ALLOYPORE_PROGRESS", "1") != "0"


settings = _Settings()


def progress(iterable: Iterable[T], description: str = "working", total: int | None = None) -> Iterator[T]:
    """Iterate ``iterable`` with a rich progress bar on stderr when enabled."""
    if not settings.show_progress:
        yield from iterable
        return
    from rich.progress import track

    yield from track(iterable, description=description, total=total, transient=True)
