"""``alloypore web`` as a process: stopping it stops the Streamlit server it started and frees the port.

Before: SIGTERM to ``alloypore web`` left the Streamlit child orphaned and holding the port.
Now the server runs in its own process group which ``alloypore web`` stops on SIGTERM, SIGINT
(Ctrl+C) or SIGHUP (:func:`alloypore.web.server.serve`).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest
from webhelp import free_port, wait_healthy


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_alloypore_web_stops_streamlit_and_frees_the_port(tmp_path, sig):
    port = free_port()
    env = dict(os.environ, HOME=str(tmp_path), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    proc = subprocess.Popen([sys.executable, "-c", "from alloypore.cli import main; main()", "web", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, lambda: proc.stderr.read() if proc.poll() is not None else "")
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children, "alloypore web should run the Streamlit server as a child"
        proc.send_signal(sig)
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and not _port_free(port):
            time.sleep(0.1)
        assert _port_free(port), "the port is still held 5 s after the signal"
        proc.wait(timeout=10)
        gone, alive = psutil.wait_procs(children, timeout=5)
        assert not alive, f"left running: {[p.pid for p in alive]}"
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_web_refuses_a_port_in_use_in_one_line(capsys):
    from clihelp import run

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        code, out, err = run(capsys, "web", "--port", str(port))
    assert code == 2 and err.count("\n") == 1 and f"--port = {port}: already in use" in err


def test_web_refuses_an_address_this_machine_does_not_have(capsys):
    from clihelp import run

    code, out, err = run(capsys, "web", "--host", "10.255.255.1", "--port", str(free_port()))
    assert code == 2 and err.count("\n") == 1 and "--host = '10.255.255.1': not an address of this machine" in err
