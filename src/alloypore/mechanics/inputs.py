"""Typed inputs of the mechanics models: small frozen dataclasses checked when they are built.

* :class:`ElasticMaterial` - isotropic linear elastic constants ``(E, nu)`` and the moduli derived from them.
* :class:`CoreShell` - an elastic core bonded in an elastic shell (the particle of the closed form,
  the axisymmetric FEM and the contact model).
* :class:`ActiveCore`, :class:`ShellLayer` - the lithiating core and the shells of the stress-limited
  design (:func:`alloypore.mechanics.optimum.stress_limited_fraction`, :func:`~alloypore.mechanics.optimum.shell_optimum`).
* :class:`LithiatingSphere` - a solid sphere that takes up Li by diffusion
  (:func:`alloypore.mechanics.diffusion.sphere_diffusion`).
* :class:`PoreCell` - a periodic cell of side ``l`` with one centred pore of radius ``r`` in an
  elastic solid (the FEM cells :func:`~alloypore.mechanics.fem.pore_cell_2d`, :func:`~alloypore.mechanics.fem.pore_rve_3d`).

Every class refuses an unphysical value with a one-line :class:`~alloypore.errors.InputError`
naming the field.  ``field_prefix`` (keyword only, not stored) puts a prefix before the field names
in those messages, so a face with flat options (``--core-E-GPa``) reports ``core_E_GPa``.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass

from alloypore.errors import InputError
from alloypore.mechanics._checks import check_elastic, check_nonneg, check_positive

__all__ = [
    "ElasticMaterial",
    "CoreShell",
    "ActiveCore",
    "ShellLayer",
    "LithiatingSphere",
    "PoreCell",
    "LINEAR_ELASTIC_NOTE",
]

LINEAR_ELASTIC_NOTE = (
    "linear-elastic small-strain model with lithiation as an isotropic eigenstrain (thermal analogy); "
    "exact for that model, indicative only above eigenstrain ~0.05; no plasticity, creep or fracture"
)


def _store(obj, **values) -> None:
    """Write checked values into a frozen dataclass (from ``__post_init__``)."""
    for name, value in values.items():
        object.__setattr__(obj, name, value)


@dataclass(frozen=True, kw_only=True)
class _Checked:
    """Base of the typed inputs: the keyword-only, not stored ``field_prefix`` of the error messages."""

    field_prefix: InitVar[str] = ""


@dataclass(frozen=True)
class ElasticMaterial(_Checked):
    """Isotropic linear elastic material: Young's modulus ``E_GPa > 0`` and Poisson ratio ``-1 < nu < 0.5``."""

    E_GPa: float
    nu: float

    def __post_init__(self, field_prefix: str) -> None:
        E, nu = check_elastic(field_prefix, self.E_GPa, self.nu)
        _store(self, E_GPa=E, nu=nu)

    @property
    def bulk_GPa(self) -> float:
        """Bulk modulus ``K = E / (3 (1 - 2 nu))``."""
        return self.E_GPa / (3.0 * (1.0 - 2.0 * self.nu))

    @property
    def shear_GPa(self) -> float:
        """Shear modulus (second Lame constant) ``mu = E / (2 (1 + nu))``."""
        return self.E_GPa / (2.0 * (1.0 + self.nu))

    @property
    def lame_GPa(self) -> float:
        """First Lame constant ``lambda = E nu / ((1 + nu)(1 - 2 nu))``."""
        return self.E_GPa * self.nu / ((1.0 + self.nu) * (1.0 - 2.0 * self.nu))


@dataclass(frozen=True)
class CoreShell(_Checked):
    """A core of radius ``a`` bonded in a shell of thickness ``h`` (outer radius ``b = a + h``), nm.

    ``shell_thickness_nm = 0`` is allowed (a bare core); the FEM and contact models need ``h > 0``.
    """

    core_radius_nm: float
    shell_thickness_nm: float
    core: ElasticMaterial
    shell: ElasticMaterial

    def __post_init__(self, field_prefix: str) -> None:
        p = field_prefix
        _store(self, core_radius_nm=check_positive(f"{p}core_radius_nm", self.core_radius_nm, "nm"),
               shell_thickness_nm=check_nonneg(f"{p}shell_thickness_nm", self.shell_thickness_nm, "nm"))
        for name in ("core", "shell"):
            if not isinstance(getattr(self, name), ElasticMaterial):
                raise TypeError(f"CoreShell.{name} must be an ElasticMaterial")

    @property
    def outer_radius_nm(self) -> float:
        return self.core_radius_nm + self.shell_thickness_nm


@dataclass(frozen=True)
class ActiveCore(_Checked):
    """The lithiating core of a stress-limited design.

    ``beta`` is the full volume expansion (Si ~2.8); capacity (mAh/g) and density (g/cm3) are needed
    only for the usable capacity of :func:`~alloypore.mechanics.optimum.shell_optimum`, Omega
    (``partial_molar_volume_cm3_mol``) only for its compressive limit from a driving force.
    """

    radius_nm: float
    material: ElasticMaterial
    beta: float
    capacity_mAh_g: float = 0.0
    density_g_cm3: float | None = None
    partial_molar_volume_cm3_mol: float | None = None

    def __post_init__(self, field_prefix: str) -> None:
        p = field_prefix
        _store(self, radius_nm=check_positive(f"{p}radius_nm", self.radius_nm, "nm"),
               beta=check_positive(f"{p}beta", self.beta),
               capacity_mAh_g=check_nonneg(f"{p}capacity_mAh_g", self.capacity_mAh_g, "mAh/g"))
        for name, unit in (("density_g_cm3", "g/cm3"), ("partial_molar_volume_cm3_mol", "cm3/mol")):
            if getattr(self, name) is not None:
                _store(self, **{name: check_positive(f"{p}{name}", getattr(self, name), unit)})


@dataclass(frozen=True)
class ShellLayer(_Checked):
    """An inert (or carbon) shell of a stress-limited design: elastic constants and tensile strength.

    ``thickness_nm`` is the layer's thickness (0 for the shell whose thickness a scan sets);
    density (g/cm3) and capacity (mAh/g) count in the usable capacity of
    :func:`~alloypore.mechanics.optimum.shell_optimum`.
    """

    material: ElasticMaterial
    strength_GPa: float
    thickness_nm: float = 0.0
    density_g_cm3: float | None = None
    capacity_mAh_g: float = 0.0

    def __post_init__(self, field_prefix: str) -> None:
        p = field_prefix
        _store(self, strength_GPa=check_positive(f"{p}strength_GPa", self.strength_GPa, "GPa"),
               thickness_nm=check_nonneg(f"{p}thickness_nm", self.thickness_nm, "nm"),
               capacity_mAh_g=check_nonneg(f"{p}capacity_mAh_g", self.capacity_mAh_g, "mAh/g"))
        if self.density_g_cm3 is not None:
            _store(self, density_g_cm3=check_positive(f"{p}density_g_cm3", self.density_g_cm3, "g/cm3"))


@dataclass(frozen=True)
class LithiatingSphere(_Checked):
    """A solid sphere of an elastic host that takes up Li by diffusion.

    ``partial_molar_volume_cm3_mol`` is Omega (lithiation eigenstrain ``Omega c / 3``),
    ``diffusivity_cm2_s`` the Li diffusivity.
    """

    radius_nm: float
    material: ElasticMaterial
    partial_molar_volume_cm3_mol: float
    diffusivity_cm2_s: float
    name: str = ""  # label of the host material (e.g. "Si"), reported only
    lithiated_phase: str = ""  # the lithiated phase Omega belongs to (e.g. "Li15Si4"), reported only

    def __post_init__(self, field_prefix: str) -> None:
        p = field_prefix
        _store(self, radius_nm=check_positive(f"{p}radius_nm", self.radius_nm, "nm"),
               partial_molar_volume_cm3_mol=check_nonneg(
                   f"{p}partial_molar_volume_cm3_mol", self.partial_molar_volume_cm3_mol, "cm3/mol"),
               diffusivity_cm2_s=check_positive(f"{p}diffusivity_cm2_s", self.diffusivity_cm2_s, "cm2/s"))

    @property
    def radius_cm(self) -> float:
        return self.radius_nm * 1e-7


@dataclass(frozen=True)
class PoreCell(_Checked):
    """A periodic cell of side ``l`` (the pore-to-pore distance) with one centred pore of radius ``r < 0.49 l``."""

    cell_size_nm: float
    pore_radius_nm: float
    material: ElasticMaterial

    def __post_init__(self, field_prefix: str) -> None:
        p = field_prefix
        l = check_positive(f"{p}cell_size_nm", self.cell_size_nm, "nm")  # noqa: E741 - the cell size of the papers
        r = check_positive(f"{p}pore_radius_nm", self.pore_radius_nm, "nm")
        if not r < 0.5 * l * 0.98:
            raise InputError(f"{p}pore_radius_nm", r,
                             f"must be below 0.49 x cell_size_nm = {0.49 * l:g} nm (pore larger than the cell)")
        _store(self, cell_size_nm=l, pore_radius_nm=r)
