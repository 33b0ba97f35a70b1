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
