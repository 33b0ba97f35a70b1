"""Typed mechanics inputs built from the shipped tables (mechanics table + materials table).

The one place where :mod:`alloypore.mechanics` reads :mod:`alloypore.materials`: a face passes
material names and optional overrides, gets the typed inputs of :mod:`alloypore.mechanics.inputs`.
"""

from __future__ import annotations

from dataclasses import dataclass

from alloypore.errors import InputError
from alloypore.materials import get_material
from alloypore.materials.mechanics import get_mechanics
from alloypore.mechanics._checks import check_nonneg
from alloypore.mechanics.inputs import ActiveCore, ElasticMaterial, LithiatingSphere, ShellLayer

__all__ = ["sphere_from_table", "ShellDesign", "shell_design_from_table"]


def _pick(override, table_value):
    return table_value if override is None else override


def sphere_from_table(
    material: str,
    radius_nm: float,
    E_GPa: float | None = None,
    nu: float | None = None,
    partial_molar_volume_cm3_mol: float | None = None,
    diffusivity_cm2_s: float | None = None,
    lithiated_phase: str | None = None,
) -> LithiatingSphere:
    """A :class:`LithiatingSphere` of ``material``; each property from the tables unless given.

    E, nu and D from the mechanics table; Omega from the materials table,
    ``(V_lith - V_host)/x`` of ``lithiated_phase`` (default: the host's default phase).
    """
    m = get_mechanics(material, lithiated_phase)
    elastic = ElasticMaterial(_pick(E_GPa, m.E_GPa), _pick(nu, m.nu))
    return LithiatingSphere(radius_nm, elastic, _pick(partial_molar_volume_cm3_mol, m.partial_molar_volume_cm3_mol),
                            _pick(diffusivity_cm2_s, m.diffusivity_cm2_s), name=m.name,
                            lithiated_phase=m.lithiated_phase or "")


@dataclass(frozen=True)
class ShellDesign:
    """Inputs of :func:`~alloypore.mechanics.optimum.shell_optimum`: core, scanned shell, optional inner shell."""

    core: ActiveCore
    shell: ShellLayer
    inner_shell: ShellLayer | None = None


def _tables(name: str, field: str):
    """Mechanics and materials rows of ``name``; an unknown name names ``field`` (``shell_material``)."""
    try:
        return get_mechanics(name), get_material(name)
    except InputError as err:
        raise InputError(field, name, err.allowed) from None


def _shell_layer(name: str, strength_GPa: float | None, thickness_nm: float, prefix: str) -> ShellLayer:
    """A shell of table material ``name``: a carbon counts its capacity, any other shell is inert."""
    m, mat = _tables(name, f"{prefix}material")
    return ShellLayer(ElasticMaterial(m.E_GPa, m.nu, field_prefix=prefix),
                      _pick(strength_GPa, m.fracture_strength_GPa), thickness_nm=thickness_nm,
                      density_g_cm3=mat.density_g_cm3, capacity_mAh_g=mat.capacity_mAh_g if mat.kind == "carbon" else 0.0,
                      field_prefix=prefix)


def shell_design_from_table(
    core_material: str,
    shell_material: str,
    core_radius_nm: float,
    beta: float | None = None,
    shell_strength_GPa: float | None = None,
    oxide_thickness_nm: float = 0.0,
    oxide_strength_GPa: float | None = None,
    lithiated_phase: str | None = None,
) -> ShellDesign:
    """Core, shell and optional SiO2 inner layer of a stress-limited design from the tables.

    The core's expansion ``beta``, capacity, density and Omega come from the materials table
    (its ``lithiated_phase``, default the host's), the moduli and strengths from the mechanics
    table (fracture strength) unless given.  A shell counts its own capacity only if the
    materials table lists it as a carbon.  ``oxide_thickness_nm > 0`` adds an SiO2 layer between
    core and shell.
    """
    check_nonneg("oxide_thickness_nm", oxide_thickness_nm, "nm")
    try:
        cm = get_mechanics(core_material, lithiated_phase)
        cmat = get_material(core_material).with_phase(lithiated_phase)
    except InputError as err:  # an unknown name is named by its option
        raise InputError("core_material", core_material, err.allowed) from None
    core = ActiveCore(core_radius_nm, ElasticMaterial(cm.E_GPa, cm.nu, field_prefix="core_"),
                      _pick(beta, cmat.volume_expansion), cmat.capacity_mAh_g, cmat.density_g_cm3,
                      cm.partial_molar_volume_cm3_mol or None, field_prefix="core_")
    shell = _shell_layer(shell_material, shell_strength_GPa, 0.0, "shell_")
    inner = _shell_layer("SiO2", oxide_strength_GPa, oxide_thickness_nm, "oxide_") if oxide_thickness_nm > 0 else None
    return ShellDesign(core, shell, inner)
