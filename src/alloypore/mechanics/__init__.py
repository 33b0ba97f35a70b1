"""Lithiation stresses: closed forms, finite elements (:mod:`.fem`), contact (:mod:`.contact`) and voxels (:mod:`.voxel`).

Lithiation is an isotropic eigenstrain (thermal analogy); linear, isotropic, small-strain
elasticity throughout.  Stresses in GPa (tension positive), lengths in nm.

Module map (one concept each; the closed forms and typed inputs are re-exported here):

* :mod:`.inputs` - typed inputs: :class:`ElasticMaterial`, :class:`CoreShell`, :class:`ActiveCore`,
  :class:`ShellLayer`, :class:`LithiatingSphere`.
* :mod:`.table_inputs` - the same inputs built from the shipped materials/mechanics tables.
* :mod:`.spheres` - Lame: core-shell, N layers, hollow sphere, radial eigenstrain profile.
* :mod:`.diffusion` - Crank's series and the diffusion-induced stress of a sphere.
* :mod:`.plasticity` - fully plastic shell, elastic yield onset.
* :mod:`.optimum` - stress-limited lithiation fraction and the best shell thickness (Kim & Cho cross-point).
* :mod:`.hertz` - Hertz contact.
* :mod:`.fem` (package), :mod:`.contact`, :mod:`.voxel` - numerical solvers, imported on use.
"""

from alloypore.mechanics.diffusion import (
    SphereDiffusionStress, DIFFUSION_MODES, galvanostatic_center_average, galvanostatic_concentration,
    galvanostatic_steady_max_GPa, potentiostatic_center_average, potentiostatic_concentration,
    potentiostatic_peak, sphere_diffusion, sphere_diffusion_stress,
)
from alloypore.mechanics.hertz import (
    HertzContact, hertz_contact,
)
from alloypore.mechanics.inputs import (
    ActiveCore, CoreShell, ElasticMaterial, LithiatingSphere, PoreCell, ShellLayer, LINEAR_ELASTIC_NOTE,
)
from alloypore.mechanics.optimum import (
    DEFAULT_DRIVING_FORCE_V, ShellOptimum, core_pressure_limit_from_potential, eigenstrain_from_theta, shell_optimum, stress_limited_fraction,
    theta_from_eigenstrain,
)
from alloypore.mechanics.plasticity import (
    plastic_shell_stress, shell_yield_onset_pressure_GPa,
)
from alloypore.mechanics.spheres import (
    CoreShellStress, LayeredSphere, bulk_shear, core_shell_stress, hollow_sphere_pressure_stress,
    layered_sphere, layered_sphere_raw, sphere_eigenstrain_stress_raw,
)
from alloypore.mechanics.table_inputs import (
    ShellDesign, shell_design_from_table, sphere_from_table,
)


__all__ = [  # the typed inputs and every closed form
    "ElasticMaterial", "CoreShell", "ActiveCore", "ShellLayer", "LithiatingSphere", "PoreCell",
    "LINEAR_ELASTIC_NOTE", "sphere_from_table", "ShellDesign", "shell_design_from_table", "bulk_shear",
    "CoreShellStress", "core_shell_stress", "LayeredSphere", "layered_sphere_raw", "layered_sphere",
    "hollow_sphere_pressure_stress", "sphere_eigenstrain_stress_raw", "potentiostatic_concentration",
    "potentiostatic_center_average", "galvanostatic_concentration", "galvanostatic_center_average",
    "sphere_diffusion_stress", "potentiostatic_peak", "galvanostatic_steady_max_GPa", "SphereDiffusionStress",
    "sphere_diffusion", "DIFFUSION_MODES", "plastic_shell_stress", "shell_yield_onset_pressure_GPa",
    "eigenstrain_from_theta", "theta_from_eigenstrain", "stress_limited_fraction", "ShellOptimum",
    "shell_optimum", "core_pressure_limit_from_potential", "DEFAULT_DRIVING_FORCE_V", "HertzContact", "hertz_contact",
]
