r"""Post-processing: from the solved concentration field to τ, D_eff / D_bulk and the formation factor.

.. math::  D_\mathrm{rel} = D_\mathrm{eff}/D_\mathrm{bulk} = \frac{J L}{A\,\Delta c},\qquad
           \tau = \frac{\varepsilon}{D_\mathrm{rel}},\qquad F = \frac{1}{D_\mathrm{rel}}

with ``J`` the total flux (mean of inlet and outlet flux), ``L`` the length (``N`` for
``bc="faces"``, ``N - 1`` for ``"voxel-centres"``), ``A`` the box cross-section in voxels,
``Δc = 1`` and ``ε`` the total porosity of the volume (``"faces"``, TauFactor's ``VF``) or the
porosity of the percolating cluster (``"voxel-centres"``, PoreSpy's ``effective_porosity``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .problem import DiffusionProblem, Solution

__all__ = ["TortuosityResult", "summarise"]


@dataclass
class TortuosityResult:
    """Result along one axis (names follow TauFactor / PoreSpy)."""

    axis: int
    bc: str
    tortuosity: float
    relative_diffusivity: float  # D_eff / D_bulk
    formation_factor: float  # D_bulk / D_eff
    porosity: float  # ε used in τ (total for bc="faces", percolating for "voxel-centres")
    total_porosity: float
    percolating_porosity: float
    flux_in: float
    flux_out: float
    flux_mismatch: float
    iterations: int
    converged: bool
    concentration: np.ndarray | None = field(default=None, repr=False)


def concentration_field(problem: DiffusionProblem, c: np.ndarray) -> np.ndarray:
    """The concentration on the whole box in the caller's axis order (NaN off the percolating cluster)."""
    m = problem.cluster
    full = np.full(m.shape, np.nan)
    if problem.bc == "faces":
        full[...] = np.where(m, c, np.nan)
    else:
        full[1:-1] = np.where(problem.domain, c, np.nan)
        full[0] = np.where(m[0], 1.0, np.nan)
        full[-1] = np.where(m[-1], 0.0, np.nan)
    return np.moveaxis(full, 0, problem.axis)


def summarise(problem: DiffusionProblem, sol: Solution, *, return_concentration: bool = False) -> TortuosityResult:
    """The :class:`TortuosityResult` of a solved ``problem``."""
    jin, jout = problem.fluxes(sol.concentration)
    d_rel = 0.5 * (jin + jout) * problem.length / problem.area
    eps = problem.total_porosity if problem.bc == "faces" else problem.percolating_porosity
    return TortuosityResult(
        axis=problem.axis,
        bc=problem.bc,
        tortuosity=eps / d_rel,
        relative_diffusivity=d_rel,
        formation_factor=1.0 / d_rel,
        porosity=eps,
        total_porosity=problem.total_porosity,
        percolating_porosity=problem.percolating_porosity,
        flux_in=jin,
        flux_out=jout,
        flux_mismatch=abs(jin - jout) / max(abs(jin), abs(jout)),
        iterations=sol.iterations,
        converged=sol.converged,
        concentration=concentration_field(problem, sol.concentration) if return_concentration else None,
    )
