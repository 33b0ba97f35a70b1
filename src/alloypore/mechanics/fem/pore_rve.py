"""Cubic array of spherical pores (Xia et al. 2020 geometry): 3-D 1/8 cell, Q2 hexahedra (27 nodes)."""

from __future__ import annotations

import numpy as np
from skfem import ElementHex2, ElementVector

from alloypore import resources
from alloypore.mechanics._checks import check_eigenstrain
from alloypore.mechanics._mesh import octant_cell_with_pore
from alloypore.mechanics.fem._cells import cell_summary, check_bc, solve_cell, uniform_eigenstrain
from alloypore.mechanics.fem._sampling import hoop_at_radius, mean_stresses, sample
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.inputs import PoreCell

__all__ = ["pore_rve_3d", "pore_rve_estimate"]


def pore_rve_estimate(n_angle: int, n_radial: int) -> resources.Estimate:
    """Memory and time of :func:`pore_rve_3d` (three hexahedron blocks of ``n_angle^2 n_radial``)."""
    return resources.fem_estimate(3.0 * float(n_angle) ** 2 * float(n_radial), 3)


def pore_rve_3d(cell: PoreCell, eigenstrain: float, bc: str = "confined", n_angle: int = 6, n_radial: int = 6,
                solver: str = "auto") -> FieldResult:
    """Cubic array of spherical pores (cell side ``l``), 1/8 cell ``[0, l/2]^3`` with a pore octant.

    Same boundary options as :func:`~alloypore.mechanics.fem.pore_cell.pore_cell_2d`; Q2 hexahedra
    (27 nodes) with an exact spherical pore surface at the nodes.  ``confined`` = zero
    macro-strain: the mean solid hydrostatic stress compares with the Hashin-Shtrikman estimate
    ``-3 K_HS eps*/(1 - phi)``.
    """
    l, r = cell.cell_size_nm, cell.pore_radius_nm  # noqa: E741
    eps = check_eigenstrain("eigenstrain", eigenstrain)
    check_bc(bc)
    L = l / 2
    name, n = ("n_angle", n_angle) if n_angle >= n_radial else ("n_radial", n_radial)  # the larger is named
    resources.check(name, n, pore_rve_estimate(n_angle, n_radial))
    mesh = octant_cell_with_pore(L, r, n_radial, n_angle, grading=max(1.0, 2.0 * (L - r) / L))
    elem = ElementVector(ElementHex2())
    sol = solve_cell(mesh, elem, 3, L, cell.material, uniform_eigenstrain(eps), bc, solver)
    ne = mesh.t.shape[1]
    pts, s = sample(mesh, elem, 3, sol.u, np.full(ne, sol.lam), np.full(ne, sol.mu), np.full(ne, eps))
    hoop = hoop_at_radius(pts, s, r, 3)
    summary = {
        "pore_hoop_mean_max_GPa": float(hoop.max()),
        **cell_summary(pts, s, float(4 / 3 * np.pi * r**3 / l**3), r / l, bc, ne),
        **mean_stresses(sol.basis, sol.u, sol.lam, sol.mu, sol.eig_qp, 3, l),
    }
    return FieldResult(f"pore RVE 3-D 1/8 cell ({bc})", pts, s, summary, sol.n_dofs, sol.solver, sol.iterations)
