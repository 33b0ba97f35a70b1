"""Figures for files, reports and the web page, made without pyplot.

Figures are :class:`matplotlib.figure.Figure` objects rendered by the Agg canvas when
saved, so the package never selects a backend, never registers figures with pyplot and
never changes a notebook's ``plt.show()``: a user's own plots behave as they would
without alloypore.  A figure a function returns can still be shown in a notebook (it
renders inline as a PNG) or saved with :func:`save_figure`.

matplotlib (0.4 s to import) is imported by the first figure, not by this module: every module
that draws imports this one at its top, and a command that draws nothing never pays for it.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from alloypore._io import atomic_write_bytes

__all__ = ["new_figure", "label_panels", "colormap", "figure_to_png_bytes", "figure_to_data_uri", "save_figure"]


def new_figure(width: float = 6.0, height: float = 4.0, *, nrows: int = 1, ncols: int = 1, **kw):
    """Return ``(fig, ax)`` (or ``(fig, axes)`` for several panels) with the house style."""
    from matplotlib.figure import Figure  # the one place matplotlib enters (see the module docstring)

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots(nrows, ncols, **kw)
    return fig, ax


def label_panels(axs, xlabel: str, ylabels, *, title: str, legend_fontsize: float = 8):
    """Label side-by-side panels that share an x quantity; legend and title on the first one."""
    for ax, ylabel in zip(axs, ylabels):
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    axs[0].legend(fontsize=legend_fontsize)
    axs[0].set_title(title, fontsize=8)


def colormap(name: str):
    """A registered matplotlib colormap by name (no pyplot)."""
    import matplotlib

    return matplotlib.colormaps[name]


def figure_to_png_bytes(fig, dpi: int = 110) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def figure_to_data_uri(fig, dpi: int = 110) -> str:
    """The figure as a ``data:image/png;base64,...`` URI (for HTML reports)."""
    return "data:image/png;base64," + base64.b64encode(figure_to_png_bytes(fig, dpi)).decode()


def save_figure(fig, path: str | Path, dpi: int = 110) -> Path:
    """Write the figure as a PNG file, atomically."""
    return atomic_write_bytes(path, figure_to_png_bytes(fig, dpi))
