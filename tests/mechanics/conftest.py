import pytest


@pytest.fixture
def run_cli(capsys):
    """Run ``alloypore <args>`` in-process through main(); return (exit_code, stdout, stderr)."""
    from alloypore.cli import main

    def _run(*args):
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exc:  # typer exits after a command
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        cap = capsys.readouterr()
        return code, cap.out, cap.err

    return _run
