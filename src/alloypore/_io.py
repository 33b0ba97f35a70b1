"""The one output path of the package, and the input-file guard.

Every file the package writes goes through this module:

* :func:`check_output` validates a target BEFORE any work starts: its folder exists, is a
  folder and is writable; the target is not an existing file (unless ``force``), nor a file
  where a folder is wanted.  Nothing is created by the check.
* :func:`atomic_write_bytes` / :func:`atomic_write_text` write one file through a temporary
  file in the same folder and a rename, so a reader (or a crash, a Ctrl+C, a killed process)
  sees the old file or the new one, never a partial; :func:`atomic_output_dir` does the same for
  a folder of outputs (a new folder appears whole; into an existing folder each file is
  replaced by a rename).
* Files get mode 0644 and folders 0755 (less the process umask), not ``mkstemp``'s 0600.
* An ``OSError`` while writing becomes one :class:`OutputError` line naming the flag and the
  path (``--out /data/run: folder /data is not writable``).
* :func:`file_lock` serialises read-modify-write updates of a shared file (the user materials
  file) with ``fcntl.flock`` on its folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

from alloypore.errors import DataFileError

try:  # POSIX; elsewhere file_lock does not lock (a single user's desktop)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = [
    "OutputError",
    "check_output",
    "atomic_output_dir",
    "atomic_write_text",
    "atomic_write_bytes",
    "file_lock",
    "check_input_file",
    "MAX_INPUT_BYTES",
]

#: Largest input data file accepted by default (bytes).  Volumes have their own limit.
MAX_INPUT_BYTES = 200 * 1024 * 1024
#: Seconds :func:`file_lock` waits for another process before refusing.
LOCK_TIMEOUT_S = 10.0
_TMP_PREFIX = ".alloypore-tmp-"


class OutputError(DataFileError):
    """An output target that cannot be written: one line naming the flag, the path and why."""

    def __init__(self, flag: str | None, path: object, problem: str):
        self.flag = flag
        where = f"{flag} {_show(path)}" if flag else _show(path)
        super().__init__(where, problem)


def _show(path: object, limit: int = 100) -> str:
    """A path as echoed in an error: long ones keep their head and tail."""
    text = str(path)
    return text if len(text) <= limit else f"{text[:45]}...{text[-(limit - 48):]}"


def _umask() -> int:
    """The process umask, read without changing it (Linux /proc), else the usual 022."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _mode(kind: str) -> int:
    return (0o755 if kind == "dir" else 0o644) & ~_umask()


def _why(err: OSError) -> str:
    """An OSError as a short reason (no errno numbers, no traceback)."""
    reasons = {errno.ENOSPC: "no space left on the device", errno.EROFS: "the file system is read-only",
               errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.ENAMETOOLONG: "the name is too long", errno.EDQUOT: "disk quota exceeded"}
    return reasons.get(err.errno, err.strerror or type(err).__name__)


def check_output(
    path: str | os.PathLike,
    *,
    flag: str | None = "--out",
    kind: str = "dir",
    force: bool = False,
    make_parents: bool = False,
) -> Path:
    """Validate an output target before any work; return it as a Path.  Creates nothing.

    Parameters
    ----------
    path : the file or folder to write.
    flag : the option that named it (for the message), e.g. ``"--emit-spec"``.
    kind : ``"dir"`` (a folder of outputs: an existing folder is written into) or ``"file"``.
    force : a ``"file"`` target may already exist (it is replaced); without it an existing
        file is refused.  A full design spec is named as such in the message.
    make_parents : missing parent folders will be created when writing (the default user
        materials file); the nearest existing one must then be a writable folder.

    Raises
    ------
    OutputError
        One line naming ``flag``, the path and the problem.
    """
    if kind not in ("dir", "file"):
        raise ValueError(f"kind must be 'dir' or 'file', not {kind!r}")
    text = os.fspath(path)
    if not str(text).strip():
        raise OutputError(flag, repr(text), "an empty path; give a file or folder name")
    p = Path(text).expanduser()
    if len(os.fsencode(p.name)) > 255 or len(os.fsencode(str(p))) > 4000:
        raise OutputError(flag, p, "the name is too long")
    parent = p.absolute().parent
    if make_parents:
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
    if not parent.exists():
        raise OutputError(flag, p, f"folder {_show(parent, 60)} does not exist; create it first")
    if not parent.is_dir():
        raise OutputError(flag, p, f"{_show(parent, 60)} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(flag, p, f"folder {_show(parent, 60)} is not writable")
    if p.exists() or p.is_symlink():
        if kind == "dir":
            if not p.is_dir():
                raise OutputError(flag, p, "exists and is a file; give a folder (new or existing)")
            if not os.access(p, os.W_OK | os.X_OK):
                raise OutputError(flag, p, "folder is not writable")
        elif p.is_dir():
            raise OutputError(flag, p, "is a folder; give a file name")
        elif not force:
            raise OutputError(flag, p, _exists_message(p))
        elif not os.access(p, os.W_OK) and not os.access(parent, os.W_OK):
            raise OutputError(flag, p, "file is not writable")
    return p


def _exists_message(p: Path) -> str:
    """Why an existing file is refused; a full design spec says so (the one a particle-only file would lose)."""
    head = b""
    with contextlib.suppress(OSError):
        with open(p, "rb") as fh:
            head = fh.read(1 << 16)
    if b"[electrode]" in head or b"[cell]" in head:
        return ("exists and is a full design spec ([electrode], [cell]); writing would replace it; "
                "choose another file or add --force")
    return "exists; choose another name or add --force to replace it"


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(
    path: str | os.PathLike,
    data: bytes,
    *,
    flag: str | None = None,
    force: bool = True,
    make_parents: bool = True,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The target is checked with :func:`check_output` (``kind="file"``).  Library callers replace
    an existing file and get missing folders made (now that the data exists); the CLI has
    already checked the user's path strictly - folder exists, ``--force`` - before the work.
    The file gets mode 0644.  An interrupted write leaves the old file (or none) and no
    temporary file.
    """
    p = check_output(path, flag=flag, kind="file", force=force, make_parents=make_parents)
    tmp = None
    try:
        if make_parents:
            _make_parents(p.parent)
        fd, tmp = tempfile.mkstemp(prefix=f"{_TMP_PREFIX}{p.name[:40]}.", dir=p.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), _mode("file"))
        os.replace(tmp, p)
        tmp = None
        _fsync_dir(p.parent)
    except OSError as err:
        raise OutputError(flag, p, f"cannot write: {_why(err)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return p


def atomic_write_text(path: str | os.PathLike, text: str, **kw) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically (keywords as :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"), **kw)


def _make_parents(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        f.mkdir(mode=_mode("dir"))


@contextlib.contextmanager
def atomic_output_dir(target: str | os.PathLike, *, flag: str | None = "--out", make_parents: bool = True
                      ) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success its files move into ``target``.

    Nothing is written into ``target`` unless the block finishes without error, so a failed or
    interrupted run never leaves a half-written report: a new ``target`` appears whole (one
    rename), into an existing one each file is replaced by a rename.  Missing parent folders
    (library callers; the CLI refuses them before the work) are made only then.  Files get mode
    0644, folders 0755.  An ``OSError`` on the way (a full disk, permissions) is one
    :class:`OutputError` line naming ``flag`` and the path.
    """
    target = check_output(target, flag=flag, kind="dir", make_parents=make_parents)
    home = target.absolute().parent
    while not home.exists():  # the temporary folder lives in the nearest existing folder
        home = home.parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=home))
    except OSError as err:
        raise OutputError(flag, target, f"cannot write: {_why(err)}") from None
    try:
        try:
            yield tmp
            _publish(tmp, target)
        except OSError as err:
            if not _inside(err, tmp, target):
                raise
            raise OutputError(flag, target, f"cannot write: {_why(err)}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _inside(err: OSError, *folders: Path) -> bool:
    """Whether ``err`` concerns a path in one of ``folders`` (or names none: the write itself)."""
    names = [n for n in (err.filename, getattr(err, "filename2", None)) if n]
    if not names:
        return True
    roots = [str(f.absolute()) for f in folders]
    return any(str(Path(os.fsdecode(n)).absolute()).startswith(r) for n in names for r in roots)


def _publish(tmp: Path, target: Path) -> None:
    """Set modes under ``tmp`` and move it into place (whole, or file by file into an existing folder)."""
    for root, dirs, files in os.walk(tmp):
        for d in dirs:
            os.chmod(Path(root) / d, _mode("dir"))
        for f in files:
            os.chmod(Path(root) / f, _mode("file"))
    os.chmod(tmp, _mode("dir"))
    _make_parents(target.absolute().parent)
    if not target.exists():
        with contextlib.suppress(FileExistsError, OSError):
            os.rename(tmp, target)  # a new folder appears whole
            _fsync_dir(target.absolute().parent)
            return
    target.mkdir(mode=_mode("dir"), exist_ok=True)
    for item in sorted(tmp.iterdir()):
        dest = target / item.name
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        os.replace(item, dest)
    _fsync_dir(target)


@contextlib.contextmanager
def file_lock(path: str | os.PathLike, *, flag: str | None = None, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[Path]:
    """Hold an exclusive lock for a read-modify-write of ``path``: ``fcntl.flock`` on its folder.

    The folder (not a lock file beside ``path``) carries the lock, so nothing is left behind and
    the atomic rename of ``path`` does not escape it.  Another process holding it is waited for
    up to ``timeout_s``, then refused with one :class:`OutputError` line; the lock dies with the
    process.  Missing folders are created (the default user materials file's ``~/.alloypore``).
    """
    p = Path(path).expanduser()
    folder = p.absolute().parent
    try:
        _make_parents(folder)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as err:
        raise OutputError(flag, p, f"cannot lock its folder: {_why(err)}") from None
    try:
        deadline = time.monotonic() + timeout_s
        while fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(flag, p, f"another alloypore process is writing it (waited {timeout_s:g} s); "
                                               "try again") from None
                time.sleep(0.05)
        yield p
    finally:
        os.close(fd)  # releases the flock


def check_input_file(path: str | os.PathLike, *, max_bytes: int = MAX_INPUT_BYTES) -> Path:
    """Return ``path`` as a Path if it is a readable, non-empty regular file below ``max_bytes``."""
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, "no such file")
    if not p.is_file():
        raise DataFileError(p, "not a regular file")
    if not os.access(p, os.R_OK):
        raise DataFileError(p, "not readable (permission denied)")
    size = p.stat().st_size
    if size == 0:
        raise DataFileError(p, "file is empty")
    if size > max_bytes:
        raise DataFileError(p, f"file is {size} bytes; the limit is {max_bytes} bytes")
    return p
