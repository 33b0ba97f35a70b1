"""Small I/O helpers shared by all modules: atomic outputs, file guards."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from alloypore.errors import DataFileError

__all__ = ["atomic_output_dir", "atomic_write_text", "atomic_write_bytes", "check_input_file"]

#: Largest input data file accepted by default (bytes).  Volumes have their own limit.
MAX_INPUT_BYTES = 200 * 1024 * 1024


@contextlib.contextmanager
def atomic_output_dir(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary directory; on success its files are moved into ``target``.

    Nothing is written into ``target`` unless the block finishes without error,
    so a failed run never leaves a half-written report.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".alloypore-", dir=target.parent))
    try:
        yield tmp
        target.mkdir(parents=True, exist_ok=True)
        for item in tmp.iterdir():
            dest = target / item.name
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            os.replace(item, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def check_input_file(path: str | os.PathLike, *, max_bytes: int = MAX_INPUT_BYTES) -> Path:
    """Return ``path`` as a Path if it is a readable, non-empty regular file below ``max_bytes``."""
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, "no such file")
    if not p.is_file():
        raise DataFileError(p, "not a regular file")
    size = p.stat().st_size
    if size == 0:
        raise DataFileError(p, "file is empty")
    if size > max_bytes:
        raise DataFileError(p, f"file is {size} bytes; the limit is {max_bytes} bytes")
    return p
