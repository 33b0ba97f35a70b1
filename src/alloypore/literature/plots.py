"""Scatter plots of the literature data, coloured by synthesis route."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from alloypore._io import atomic_output_dir
from alloypore.literature.analysis import Correlation
from alloypore.plotting import figure_to_png_bytes, new_figure

__all__ = ["ROUTE_COLOURS", "LABELS", "PLOT_PAIRS", "scatter_pair", "write_pair_plots"]

#: (x, y) pairs drawn by ``alloypore literature compare --plots`` (``correlate`` adds TD-SSA)
PLOT_PAIRS = (
    ("ssa_m2_g", "ice_pct"),
    ("compaction_density_g_cm3", "areal_capacity_mAh_cm2"),
    ("capacity_mAh_g", "compaction_density_g_cm3"),
    ("capacity_mAh_g", "areal_capacity_mAh_cm2"),
)

ROUTE_COLOURS = {"bottom-up": "tab:blue", "top-down": "tab:orange", "transcription": "tab:green",
                 "unspecified": "tab:gray", "user": "tab:purple"}
LABELS = {
    "ssa_m2_g": "SSA (m$^2$/g)", "ice_pct": "ICE (%)", "compaction_density_g_cm3": "compaction density (g/cm$^3$)",
    "areal_capacity_mAh_cm2": "areal capacity (mAh/cm$^2$)", "tap_density_g_cm3": "tap density (g/cm$^3$)",
    "capacity_mAh_g": "specific capacity (mAh/g)",
}


def scatter_pair(points: Sequence[dict], x: str, y: str, *, flagged: Sequence[dict] = (),
                 correlation: Correlation | None = None, design: dict | None = None, logx: bool = False):
    """Figure of ``y`` against ``x``: one marker per material, colour = route.

    ``flagged`` points (values excluded by a rule) are drawn as grey crosses; ``design``
    (a dict with the same field names and a ``label``) as a black star.
    """

    fig, ax = new_figure(5.5, 4.0)
    for route, colour in ROUTE_COLOURS.items():
        sel = [p for p in points if p["route"] == route and p[x] is not None and p[y] is not None]
        if sel:
            ax.scatter([p[x] for p in sel], [p[y] for p in sel], c=colour, label=route, s=36, edgecolor="k", lw=0.4)
            for p in sel:
                ax.annotate(p["material_id"], (p[x], p[y]), fontsize=6, xytext=(3, 3), textcoords="offset points")
    fsel = [p for p in flagged if p.get(x) is not None and p.get(y) is not None]
    if fsel:
        ax.scatter([p[x] for p in fsel], [p[y] for p in fsel], marker="x", c="0.5", label="flagged (excluded)")
    if design and design.get(x) is not None and design.get(y) is not None:
        ax.scatter([design[x]], [design[y]], marker="*", s=220, c="k", label=design.get("label", "design"), zorder=5)
    ax.set_xlabel(LABELS.get(x, x))
    ax.set_ylabel(LABELS.get(y, y))
    if logx:
        ax.set_xscale("log")
    if correlation is not None:
        c = correlation
        ax.set_title(f"n = {c.n}, Spearman rho = {c.spearman_rho:.2f} (p = {c.spearman_p:.2g}), "
                     f"Pearson r = {c.pearson_r:.2f}", fontsize=8)
    ax.legend(fontsize=7, loc="best")
    return fig


def write_pair_plots(data, out_dir: str | Path, correlations: dict | None = None, *, design: dict | None = None,
                     pairs: Sequence[tuple[str, str]] = PLOT_PAIRS) -> list[str]:
    """Write ``literature_<y>_vs_<x>.png`` for each pair into ``out_dir`` (atomically).

    ``data`` is a :class:`~alloypore.literature.LiteratureData`; ``correlations`` maps
    ``(x, y)`` to the :class:`Correlation` printed in the title; ``design`` is drawn as a
    star (see :func:`alloypore.literature.placement.design_point`).  SSA axes are
    logarithmic.  Returns the paths written.
    """

    correlations = correlations or {}
    points = data.points()
    written = []
    with atomic_output_dir(Path(out_dir), flag="--plots") as tmp:
        for x, y in pairs:
            fig = scatter_pair(points, x, y, flagged=data.flagged_points(x, y), correlation=correlations.get((x, y)),
                               design=design, logx=(x == "ssa_m2_g"))
            name = f"literature_{y}_vs_{x}.png"
            (tmp / name).write_bytes(figure_to_png_bytes(fig))
            written.append(str(Path(out_dir) / name))
    return written
