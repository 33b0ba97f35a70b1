"""Importing alloypore.electrochem has no side effects; PyBaMM is imported without its telemetry prompt
and the environment is left as it was (checked in fresh interpreters)."""

import os
import subprocess
import sys

SCRIPT = """
import os, sys
before = dict(os.environ)
import alloypore.electrochem
assert "pybamm" not in sys.modules and "matplotlib" not in sys.modules, "heavy imports at import time"
assert dict(os.environ) == before, "environment changed on import"
user = os.environ.get("PYBAMM_DISABLE_TELEMETRY")
pybamm = alloypore.electrochem.require_pybamm()
assert os.environ.get("PYBAMM_DISABLE_TELEMETRY") == user, os.environ.get("PYBAMM_DISABLE_TELEMETRY")
print(pybamm.telemetry._posthog.disabled)
"""


def _run(**env):
    base = {k: v for k, v in os.environ.items() if k != "PYBAMM_DISABLE_TELEMETRY"}
    p = subprocess.run([sys.executable, "-c", SCRIPT], env={**base, **env}, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout.strip()


def test_import_is_quiet_and_pybamm_telemetry_is_off():
    assert _run() == "True"  # telemetry off for this process, the variable gone again


def test_a_users_choice_is_kept():
    assert _run(PYBAMM_DISABLE_TELEMETRY="1") == "True"
