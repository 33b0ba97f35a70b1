import os

os.environ["PYBAMM_DISABLE_TELEMETRY"] = "true"
os.environ.setdefault("ALLOYPORE_PROGRESS", "0")
