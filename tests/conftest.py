import os

os.environ.setdefault("ALLOYPORE_PROGRESS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
