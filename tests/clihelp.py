"""Shared test helper: run the ``alloypore`` CLI in-process through its real entry point."""

from alloypore.cli import main


def run(capsys, *args):
    """Run ``alloypore ARGS``; return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def assert_refused(code: int, out: str, err: str, words: str = "") -> str:
    """Assert a refusal as every command promises it: exit 2, nothing on stdout, exactly one stderr
    line ``error: ...`` (containing ``words``), no traceback; return that line."""
    assert "Traceback" not in err + out, err
    assert code == 2, f"exit {code}: {err[-500:]}"
    assert out == "", out[-300:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert words in lines[0], (words, lines[0])
    return lines[0]
