"""Start the web explorer: the ``streamlit run`` command line and a blocking :func:`serve`."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

from alloypore.errors import InputError
from alloypore.web.fields import MAX_UPLOAD_BYTES

__all__ = ["APP_PATH", "streamlit_command", "serve", "check_port", "check_host"]

#: The Streamlit entry script.
APP_PATH = Path(__file__).with_name("app.py")


def check_port(port: int) -> int:
    """Refuse ports outside 1..65535 (one-line InputError)."""
    if not isinstance(port, int) or not 1 <= port <= 65535:
        raise InputError("--port", port, "allowed 1 <= port <= 65535")
    return port


def check_host(host: str) -> str:
    """Refuse a host that is neither an IP address nor ``localhost``."""
    if host == "localhost":
        return host
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise InputError("--host", host, "an IP address to bind to, e.g. 127.0.0.1 (local only) or 0.0.0.0 (all)") from None
    return host


def streamlit_command(port: int = 8501, host: str = "127.0.0.1", python: str | None = None) -> list[str]:
    """The command that serves the app: headless, no usage statistics, uploads <= 5 MB."""
    return [
        python or sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        "--server.port",
        str(check_port(port)),
        "--server.address",
        check_host(host),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.maxUploadSize",
        str(max(1, MAX_UPLOAD_BYTES // 2**20)),
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--client.showErrorDetails",
        "none",
        "--theme.base",
        "light",
    ]


def serve(port: int = 8501, host: str = "127.0.0.1") -> int:
    """Run the app in the foreground until interrupted; returns the exit status."""
    cmd = streamlit_command(port, host)
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0
