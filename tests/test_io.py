"""alloypore._io: the one output path (check before work, atomic writes, modes, one-line errors, the lock).

Faults (issue #17 item 8): an exception between the write and the rename, and a process
killed with SIGKILL while it writes, leave the old file or the new one - never a partial.
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from alloypore import _io
from alloypore._io import OutputError, atomic_output_dir, atomic_write_bytes, atomic_write_text, check_output, file_lock


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _umask() -> int:
    return _io._umask()


# --------------------------------------------------------------------------- check_output
def test_check_output_accepts_new_and_existing_targets(tmp_path):
    assert check_output(tmp_path / "new", kind="dir") == tmp_path / "new"
    (tmp_path / "old").mkdir()
    assert check_output(tmp_path / "old", kind="dir") == tmp_path / "old"  # an existing folder is written into
    (tmp_path / "f.toml").write_text("x")
    assert check_output(tmp_path / "f.toml", kind="file", force=True) == tmp_path / "f.toml"
    assert sorted(os.listdir(tmp_path)) == ["f.toml", "old"]  # the check created nothing


@pytest.mark.parametrize("target, kind, force, words", [
    ("nope/out", "dir", False, "folder"),
    ("file.txt/out", "dir", False, "is a file, not a folder"),
    ("file.txt", "dir", False, "exists and is a file"),
    ("file.txt", "file", False, "exists; choose another name or add --force"),
    ("spec.toml", "file", False, "full design spec"),
    ("folder", "file", True, "is a folder"),
    ("x" * 300, "file", False, "too long"),
])
def test_check_output_refusals_are_one_line(tmp_path, target, kind, force, words):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "spec.toml").write_text("[particle]\n[electrode]\n[cell]\n")
    (tmp_path / "folder").mkdir()
    with pytest.raises(OutputError) as err:
        check_output(tmp_path / target, flag="--out", kind=kind, force=force)
    line = str(err.value)
    assert words in line and "\n" not in line and line.startswith("--out ")


def test_check_output_refuses_an_unwritable_folder():
    with pytest.raises(OutputError, match="not writable"):
        check_output("/proc/self/alloypore-out", flag="--out")


def test_check_output_with_make_parents_needs_a_writable_ancestor(tmp_path):
    assert check_output(tmp_path / "a" / "b" / "m.toml", kind="file", make_parents=True)
    assert not (tmp_path / "a").exists()


# --------------------------------------------------------------------------- atomic writes
def test_file_is_written_whole_with_mode_0644(tmp_path):
    p = atomic_write_text(tmp_path / "x.toml", "a = 1\n")
    assert p.read_text() == "a = 1\n"
    assert _mode(p) == 0o644 & ~_umask()  # not mkstemp's 0600
    assert os.listdir(tmp_path) == ["x.toml"]


def test_png_written_through_save_figure_is_0644(tmp_path):
    from alloypore.plotting import new_figure, save_figure

    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    p = save_figure(fig, tmp_path / "f.png")
    assert _mode(p) == 0o644 & ~_umask() and p.read_bytes()[:4] == b"\x89PNG"


def test_folder_of_outputs_appears_whole_with_modes(tmp_path):
    with atomic_output_dir(tmp_path / "out") as tmp:
        (tmp / "a.json").write_text("{}")
        (tmp / "sub").mkdir()
        (tmp / "sub" / "b.png").write_bytes(b"png")
        assert not (tmp_path / "out").exists()  # nothing in the target until the block ends
    out = tmp_path / "out"
    assert _mode(out) == 0o755 & ~_umask() and _mode(out / "sub") == 0o755 & ~_umask()
    assert _mode(out / "a.json") == 0o644 & ~_umask() and _mode(out / "sub" / "b.png") == 0o644 & ~_umask()
    assert sorted(os.listdir(tmp_path)) == ["out"]  # no temporary folder left


def test_existing_folder_gets_its_files_replaced(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("user's")
    (out / "a.json").write_text("old")
    with atomic_output_dir(out) as tmp:
        (tmp / "a.json").write_text("new")
    assert (out / "a.json").read_text() == "new" and (out / "keep.txt").read_text() == "user's"


def test_failed_block_writes_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic_output_dir(tmp_path / "out") as tmp:
            (tmp / "a.json").write_text("{}")
            raise RuntimeError("the analysis failed")
    assert os.listdir(tmp_path) == []


def test_oserror_while_writing_is_one_line_naming_the_path(tmp_path, monkeypatch):
    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", full_disk)
    with pytest.raises(OutputError) as err:
        atomic_write_bytes(tmp_path / "x.bin", b"data", flag="--emit-spec")
    assert str(err.value) == f"--emit-spec {tmp_path / 'x.bin'}: cannot write: no space left on the device"
    assert os.listdir(tmp_path) == []  # the temporary file is gone too


def test_write_into_a_folder_that_refuses_it_is_one_line():
    """sysfs passes the access check as root and refuses the write; as a user it fails the check."""
    with pytest.raises(OutputError, match="/sys/alloypore-test"):
        atomic_write_bytes("/sys/alloypore-test", b"x", flag="--out")


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit, RuntimeError])
def test_interrupt_between_write_and_rename_keeps_the_old_file(tmp_path, monkeypatch, interrupt):
    target = tmp_path / "spec.toml"
    target.write_text("old = 1\n")

    def interrupted(*a, **k):
        raise interrupt()

    monkeypatch.setattr(_io.os, "replace", interrupted)
    with pytest.raises(interrupt):
        atomic_write_text(target, "new = 2\n" * 1000)
    assert target.read_text() == "old = 1\n"
    assert os.listdir(tmp_path) == ["spec.toml"]


def test_interrupt_while_publishing_a_folder_leaves_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("old a")
    (out / "b.json").write_text("old b")
    real = os.replace
    calls = []

    def second_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(_io.os, "replace", second_fails)
    with pytest.raises(KeyboardInterrupt):
        with atomic_output_dir(out) as tmp:
            (tmp / "a.json").write_text("new a")
            (tmp / "b.json").write_text("new b")
    # each file is whole: the old one or the new one
    assert (out / "a.json").read_text() in ("old a", "new a") and (out / "b.json").read_text() in ("old b", "new b")
    assert sorted(os.listdir(tmp_path)) == ["out"]


WRITER = textwrap.dedent("""
    import sys
    from alloypore._io import atomic_write_bytes
    path, a, b = sys.argv[1], b"A" * 4_000_000, b"B" * 4_000_000
    print("ready", flush=True)
    while True:
        atomic_write_bytes(path, a)
        atomic_write_bytes(path, b)
""")


def test_process_killed_while_writing_leaves_a_whole_file(tmp_path):
    target = tmp_path / "big.bin"
    target.write_bytes(b"O" * 1000)
    whole = {hashlib.sha1(x).hexdigest() for x in (b"O" * 1000, b"A" * 4_000_000, b"B" * 4_000_000)}
    for delay in (0.05, 0.13, 0.31, 0.47, 0.7):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), "A", "B"], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert hashlib.sha1(target.read_bytes()).hexdigest() in whole  # never a partial file
    # a killed writer may leave its hidden temporary file, never a half-written target
    assert all(n == "big.bin" or n.startswith(".alloypore-tmp-") for n in os.listdir(tmp_path))


# --------------------------------------------------------------------------- the lock
HOLDER = textwrap.dedent("""
    import sys, time
    from alloypore._io import file_lock
    with file_lock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def test_lock_held_by_another_process_is_refused_in_one_line_after_the_timeout(tmp_path):
    target = tmp_path / "materials.toml"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(target), "5"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(OutputError, match="another alloypore process is writing it"):
            with file_lock(target, flag="--file", timeout_s=0.3):
                pass
    finally:
        holder.kill()
        holder.wait()
    with file_lock(target, timeout_s=1):  # free again once the holder is gone
        pass
    assert os.listdir(tmp_path) == []  # the lock leaves nothing behind


def test_lock_waits_for_a_short_holder(tmp_path):
    target = tmp_path / "materials.toml"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(target), "0.5"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with file_lock(target, timeout_s=20) as locked:  # waits for the holder, then gets it
            assert locked == target
    finally:
        holder.wait(timeout=30)


# --------------------------------------------------------------------------- input files
@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing", "no such file"),
    (lambda d: d, "not a regular file"),
    (lambda d: (d / "e").write_bytes(b"") or d / "e", "empty"),
])
def test_check_input_file(tmp_path, make, words):
    from alloypore.errors import DataFileError

    with pytest.raises(DataFileError, match=words):
        _io.check_input_file(make(tmp_path))
