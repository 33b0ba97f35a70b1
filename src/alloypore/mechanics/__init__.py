"""Lithiation stresses: closed forms (:mod:`.analytic`), finite elements (:mod:`.fem`) and voxels (:mod:`.voxel`).

Lithiation is an isotropic eigenstrain (thermal analogy); linear, isotropic, small-strain
elasticity throughout.  Stresses in GPa (tension positive), lengths in nm.
Only the analytic layer is imported here; the FEM and voxel solvers are imported on use.
"""

from alloypore.mechanics.analytic import *  # noqa: F401,F403
from alloypore.mechanics.analytic import __all__ as _analytic_all

__all__ = list(_analytic_all)
