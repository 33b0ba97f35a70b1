"""Progress bars: on in a terminal or a Jupyter notebook, off in tests and pipes, switchable."""

import sys
import types

from alloypore.progress import in_notebook, progress, settings


class ZMQInteractiveShell:  # the class name IPython's kernel shell has
    pass


def test_bars_show_in_a_jupyter_kernel_though_stderr_is_no_terminal(monkeypatch):
    monkeypatch.delenv("ALLOYPORE_PROGRESS", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not in_notebook() and settings.show_progress is False  # a pipe: off
    fake = types.SimpleNamespace(get_ipython=lambda: ZMQInteractiveShell())
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert in_notebook() and settings.show_progress is True
    monkeypatch.setenv("ALLOYPORE_PROGRESS", "0")
    assert settings.show_progress is False  # the environment switch wins over the rule


def test_settings_override_and_progress_yields_every_item(monkeypatch):
    monkeypatch.setenv("ALLOYPORE_PROGRESS", "0")
    try:
        settings.show_progress = True
        assert settings.show_progress is True
        assert list(progress(range(5), "counting", total=5)) == [0, 1, 2, 3, 4]
    finally:
        settings.show_progress = None
    assert settings.show_progress is False
    assert list(progress(iter("abc"))) == ["a", "b", "c"]
