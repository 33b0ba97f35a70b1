"""Start the web explorer: the ``streamlit run`` command line and a blocking :func:`serve`.

:func:`serve` checks that the address can be bound before it starts anything (an address
this machine does not have, a port in use: one line), runs Streamlit in its own process
group, and stops that group when it is stopped itself - Ctrl+C (SIGINT), SIGTERM, SIGHUP or
any error - so the port is free again within seconds and no server is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from alloypore.errors import InputError
from alloypore.web.fields import MAX_UPLOAD_BYTES

__all__ = ["APP_PATH", "streamlit_command", "serve", "check_port", "check_host", "check_bindable", "STOP_TIMEOUT_S"]

#: Seconds a stopped server gets to exit before it is killed.
STOP_TIMEOUT_S = 4.0

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


def check_bindable(host: str, port: int) -> None:
    """Refuse (one line) an address this machine cannot listen on: not one of its addresses, port in use."""
    check_port(port)
    family = socket.AF_INET6 if ":" in check_host(host) else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            s.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise InputError("--port", port, "already in use on this machine; choose another port") from None
            if err.errno in (errno.EACCES, errno.EPERM):
                raise InputError("--port", port, "needs privileges (ports below 1024); choose 1024 or above") from None
            raise InputError("--host", host, f"not an address of this machine ({err.strerror}); "
                             "127.0.0.1 (local only) or 0.0.0.0 (all)") from None


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group: SIGTERM, then SIGKILL after :data:`STOP_TIMEOUT_S`."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(port: int = 8501, host: str = "127.0.0.1") -> int:
    """Run the app in the foreground until stopped; returns the exit status (0 when stopped by a signal).

    The server runs in its own process group; SIGINT, SIGTERM and SIGHUP to this process stop
    that group (see the module docstring).  The handlers are restored on return.
    """
    check_bindable(host, port)
    cmd = streamlit_command(port, host)
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    stopped = []

    def on_signal(signum, _frame):
        stopped.append(signum)
        raise KeyboardInterrupt  # leave proc.wait(); the finally below stops the group

    sigs = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    old = {s: signal.signal(s, on_signal) for s in sigs}
    proc = None
    try:
        proc = subprocess.Popen(cmd, env=env, start_new_session=True)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if proc is not None:
            _stop(proc)
        for s, h in old.items():
            signal.signal(s, h)
