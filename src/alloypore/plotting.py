"""Matplotlib set-up shared by every module that draws (headless, no display)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["plt", "new_figure", "figure_to_png_bytes", "figure_to_data_uri", "save_figure"]


def new_figure(width: float = 6.0, height: float = 4.0, **kw):
    """Return ``(fig, ax)`` with the house style."""
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained", **kw)
    return fig, ax


def figure_to_png_bytes(fig, dpi: int = 110) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


def figure_to_data_uri(fig, dpi: int = 110) -> str:
    return "data:image/png;base64," + base64.b64encode(figure_to_png_bytes(fig, dpi)).decode()


def save_figure(fig, path: str | Path, dpi: int = 110) -> Path:
    from alloypore._io import atomic_write_bytes

    return atomic_write_bytes(path, figure_to_png_bytes(fig, dpi))
