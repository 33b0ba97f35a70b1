"""Figures for imaging results: class slices, pore size distribution, concentration, evolution."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from alloypore.plotting import new_figure

__all__ = ["plot_class_slices", "plot_psd", "plot_concentration", "plot_evolution"]


def plot_class_slices(classes: np.ndarray):
    """Orthogonal mid-slices coloured solid / open / closed / unknown / exterior."""
    cmap = ListedColormap(["#808080", "#1f77b4", "#d62728", "#ffbf00", "#ffffff"])
    fig, axes = new_figure(10, 3.6, ncols=3)
    c = [s // 2 for s in classes.shape]
    for ax, (title, sl) in zip(axes, [("z mid", classes[c[0]]), ("y mid", classes[:, c[1]]), ("x mid", classes[:, :, c[2]])]):
        im = ax.imshow(sl, cmap=cmap, vmin=-0.5, vmax=4.5, interpolation="nearest")
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    cb = fig.colorbar(im, ax=axes, ticks=range(5), shrink=0.8)
    cb.ax.set_yticklabels(["solid", "open", "closed", "unknown", "exterior"])
    return fig


def plot_psd(edges_nm, fraction):
    fig, ax = new_figure()
    edges = np.asarray(edges_nm)
    ax.bar(edges[:-1], fraction, width=np.diff(edges), align="edge", edgecolor="k")
    ax.set_xlabel("pore diameter (local thickness) / nm")
    ax.set_ylabel("pore volume fraction")
    return fig


def plot_concentration(conc: np.ndarray, axis: int, tau: float):
    fig, ax = new_figure()
    other = [a for a in range(3) if a != axis][0]
    sl = np.take(conc, conc.shape[other] // 2, axis=other)
    im = ax.imshow(sl, cmap="viridis", interpolation="nearest")
    fig.colorbar(im, ax=ax, label="c (inlet 1, outlet 0)")
    ax.set_title(f"concentration, transport along {'zyx'[axis]}, tau = {tau:.3f}")
    return fig


def plot_evolution(labels, porosity, open_porosity, closed_porosity):
    fig, ax = new_figure()
    x = np.arange(len(labels))
    ax.plot(x, np.asarray(porosity) * 100, "o-", label="total")
    ax.plot(x, np.asarray(open_porosity) * 100, "s-", label="open")
    ax.plot(x, np.asarray(closed_porosity) * 100, "^-", label="closed")
    ax.set_xticks(x, labels, rotation=20)
    ax.set_ylabel("porosity / %")
    ax.legend()
    return fig
