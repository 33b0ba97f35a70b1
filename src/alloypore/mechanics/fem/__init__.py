"""Finite-element lithiation stresses (scikit-fem, quadratic elements, curved geometry).

One module per problem, plus what they share:

* :mod:`.core_shell` - :func:`core_shell_axisymmetric`: core with eigenstrain bonded in a shell,
  axisymmetric (r, z) quarter section; checks :func:`~alloypore.mechanics.spheres.core_shell_stress`.
* :mod:`.pore_cell` - :func:`pore_cell_2d`: plane-strain periodic cell (side ``l``) with a
  cylindrical pore of radius ``r`` (Zhou et al. 2012 geometry), quarter cell by symmetry; boundary
  ``confined`` (zero macro-strain) or ``free`` (zero macro-stress); :func:`pore_cell_diffusion`:
  one-way transient diffusion from the pore surface (eigenstrain ``eps_max c/c_s``).
* :mod:`.pore_rve` - :func:`pore_rve_3d`: cubic array of spherical pores, 1/8 cell (Xia et al. 2020).
* :mod:`.result` - :class:`FieldResult`, the result of every solve.
* :mod:`.solvers` - the ``solver=`` seam: :func:`solve_linear` over the registry
  :data:`LINEAR_SOLVERS` (``direct``: sparse LU; ``amg``: pyamg smoothed-aggregation CG with the
  rigid-body modes as near-nullspace; ``auto``: direct below 60k unknowns).
* ``_assembly``, ``_sampling``, ``_cells`` - assembly, stress sampling, periodic-cell set-up.

All: linear isotropic elasticity, small strain, isotropic eigenstrain (thermal analogy);
tension positive; lengths in nm, moduli and stresses in GPa.  See docs/mechanics.md for the
literature of each geometry (Zhou 2012, Xia 2020, Xu 2019).
"""

from alloypore.mechanics.fem.core_shell import core_shell_axisymmetric
from alloypore.mechanics.fem.pore_cell import pore_cell_2d, pore_cell_diffusion
from alloypore.mechanics.fem.pore_rve import pore_rve_3d
from alloypore.mechanics.fem.result import FieldResult
from alloypore.mechanics.fem.solvers import LINEAR_SOLVERS, solve_linear

__all__ = [
    "FieldResult",
    "LINEAR_SOLVERS",
    "solve_linear",
    "core_shell_axisymmetric",
    "pore_cell_2d",
    "pore_cell_diffusion",
    "pore_rve_3d",
]
