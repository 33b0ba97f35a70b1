"""The result of every FEM (and the contact) solve: stresses at sample points plus scalar summaries."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alloypore.plotting import new_figure

__all__ = ["FieldResult"]


@dataclass
class FieldResult:
    """Stresses sampled at element nodes (discontinuous, GPa) plus scalar summaries."""

    case: str
    points_nm: np.ndarray  # (dim, n) sample locations
    stress_GPa: dict  # name -> (n,) arrays: xx, yy, (zz), xy, ..., hydrostatic, von_mises, max_principal
    summary_values: dict = field(default_factory=dict)
    n_dofs: int = 0
    solver: str = ""
    iterations: int | None = None

    def summary(self) -> dict:
        out = dict(self.summary_values)
        out.update({"n_dofs": self.n_dofs, "solver": self.solver})
        if self.iterations is not None:
            out["cg_iterations"] = self.iterations
        return out

    def peak(self, name: str) -> tuple[float, list]:
        v = self.stress_GPa[name]
        k = int(np.argmax(v))
        return float(v[k]), [float(x) for x in self.points_nm[:, k]]

    def plot(self, name: str = "von_mises", window_nm: tuple | None = None, title: str | None = None):
        """Field plot (matplotlib figure) of stress ``name`` at the sample points.

        ``window_nm = (x0, x1, y0, y1)`` zooms in; ``title`` replaces the case name.
        """
        fig, ax = new_figure(5.5, 4.5)
        p = self.points_nm
        v = self.stress_GPa[name]
        if p.shape[0] == 3:  # show the z ~ 0 face
            sel = p[2] < 1e-9 * max(np.abs(p).max(), 1.0) + 1e-12
            p, v = p[:, sel], v[sel]
        sc = ax.scatter(p[0], p[1], c=v, s=6, cmap="viridis")
        fig.colorbar(sc, ax=ax, label=f"{name.replace('_', ' ')} stress (GPa)")
        ax.set_aspect("equal")
        ax.set_xlabel("x (nm)" if "axisym" not in self.case else "r (nm)")
        ax.set_ylabel("y (nm)" if "axisym" not in self.case else "z (nm)")
        ax.set_title(self.case)
        if window_nm is not None:
            ax.set_xlim(window_nm[0], window_nm[1])
            ax.set_ylim(window_nm[2], window_nm[3])
        if title is not None:
            ax.set_title(title)
        return fig
