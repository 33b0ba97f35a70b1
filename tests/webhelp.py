"""Shared test helper: a free local port, and waiting for a started ``alloypore web`` to be healthy."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from typing import Callable

import pytest


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, output: Callable[[], str], timeout: float = 90.0) -> None:
    """Poll Streamlit's health endpoint until it answers 200; fail with the server's output
    (``output()``) when the process exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"the web app exited with status {proc.returncode}: {output()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"the web app did not become healthy in {timeout:g} s: {output()[-2000:]}")
        time.sleep(0.2)
