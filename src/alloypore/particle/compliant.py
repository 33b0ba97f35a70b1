"""Compliant matrix: the carbon deforms elastically before the active phase flows into the pores.

Model (``[particle] expansion_model = "compliant"``; ``docs/model.md`` §2.1).  The particle is
Hashin's composite-sphere assemblage: every sphere has a core holding the active (alloy) phases
and all the pores, ``V_core = v_a + v_p`` per gram, inside a shell of the matrix (every other
solid phase: carbon, silica...), core volume fraction ``f = V_core / v_env``.  The matrix is
linear elastic with bulk and shear moduli ``K``, ``G`` (Hill average of its phases' ``E``, ``nu``
from the mechanics table, ``materials/data/mechanics.toml``).  The lithiated active phase is
elastic-perfectly plastic and flows into the pores once the pressure on it reaches its flow
stress ``sigma_y`` (``yield_strength_GPa`` of the table: lithiated Si 1.0 GPa, Sethuraman 2010).

Lamé's solution for a thick spherical shell: a core pressure ``p`` grows the core by::

    dV_core / V_core = p C,      C = (f/K + 3/(4G)) / (1 - f)          [1/GPa]

and loads the inner surface of the shell in hoop tension ``sigma_tt = p (1 + 2f) / (2 (1 - f))``.
As the solid grows by ``g`` (0 <= g <= dV(theta), cm3/g):

1. ``g <= g_el = sigma_y C V_core``: the active phase pushes the matrix outward elastically;
   ``out = g``, no pore is used, ``p = g / (C V_core)``;
2. ``g_el < g <= g_el + eta v_p``: the active phase flows into the pores at ``p = sigma_y``;
   ``out = g_el``;
3. beyond: the pores are full and the rest grows the particle outward (the matrix must follow at
   ``p > sigma_y``: it cracks or yields; :func:`matrix_pressure_GPa` reports the elastic value).

so ``used(g) = clip(g - g_el, 0, eta v_p)`` and ``out = g - used``: the pores-first model of
:mod:`alloypore.particle.model` is the case ``g_el = 0``.  Limits: a rigid matrix (``K, G -> inf``)
gives ``g_el = 0``, the pores-first model; a very soft matrix (``K, G -> 0``) gives
``g_el -> inf``, free expansion (every bit of growth outward, no pore used).

A bound that holds for ANY matrix: pores can at most be used up, so ``out(1) >= dV(1) - eta v_p``;
a compliant matrix can only add outward growth to the pores-first value, never remove it.

Neglected: elastic volume changes of the solids (of order ``p/K``, a few % of the active volume at
``p = sigma_y``); the active phase's own skeleton stiffness (a particle with no matrix phase is
refused: the model has nothing to hold its growth back); large-strain geometry of the shell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from alloypore.errors import SpecError
from alloypore.materials import get_material
from alloypore.materials.mechanics import get_mechanics, mechanics_names

__all__ = [
    "EXPANSION_MODELS",
    "MatrixMechanics",
    "bulk_shear_GPa",
    "hill_average",
    "matrix_mechanics",
    "core_compliance_per_GPa",
    "elastic_growth_cm3_g",
    "pores_used_cm3_g",
    "matrix_pressure_GPa",
    "hoop_stress_GPa",
]

#: The particle expansion models of ``[particle] expansion_model``.
EXPANSION_MODELS = ("pores_first", "compliant")


@dataclass(frozen=True)
class MatrixMechanics:
    """Moduli of the matrix and flow stress of the active phase (arrays over designs)."""

    bulk_modulus_GPa: np.ndarray
    shear_modulus_GPa: np.ndarray
    flow_stress_GPa: np.ndarray
    active_volume_cm3_g: np.ndarray
    matrix_volume_cm3_g: np.ndarray
    matrix_phases: tuple[str, ...]
    active_phases: tuple[str, ...]


def bulk_shear_GPa(E_GPa, nu):
    """``K = E / (3 (1 - 2 nu))``, ``G = E / (2 (1 + nu))``."""
    E = np.asarray(E_GPa, dtype=float)
    return E / (3.0 * (1.0 - 2.0 * nu)), E / (2.0 * (1.0 + nu))


def hill_average(volume_fractions: Sequence, moduli: Sequence):
    """Voigt-Reuss-Hill average ``(sum phi M + 1 / sum(phi / M)) / 2`` of one modulus."""
    phi = [np.asarray(v, dtype=float) for v in volume_fractions]
    voigt = sum(v * m for v, m in zip(phi, moduli))
    reuss = 1.0 / sum(v / m for v, m in zip(phi, moduli))
    return 0.5 * (voigt + reuss)


def _row(i: int, name: str):
    if name not in mechanics_names():
        raise SpecError(f"particle.phases.{i}.material", name,
                        "has no row in the mechanics table (materials/data/mechanics.toml), which "
                        f"expansion_model = 'compliant' needs; phases with one: {', '.join(mechanics_names())}")
    return get_mechanics(name)


def matrix_mechanics(names: Sequence[str], mass_fractions: Sequence, densities_g_cm3: Sequence) -> MatrixMechanics:
    """Split the phases into active (alloys) and matrix (the rest) and average their properties.

    Matrix ``K``, ``G``: Hill average over the matrix phases by volume.  Flow stress: the
    active phases' ``yield_strength_GPa`` averaged by volume.  A spec with no matrix phase or no
    alloy phase raises a one-line :class:`SpecError`.
    """
    act, mat = [], []
    for i, (name, w, rho) in enumerate(zip(names, mass_fractions, densities_g_cm3)):
        mech = _row(i, name)
        vol = np.asarray(w, dtype=float) / rho
        (act if get_material(name).kind == "alloy" else mat).append((name, vol, mech))
    if not mat:
        raise SpecError("particle.expansion_model", "compliant",
                        "needs a matrix phase (carbon or an inactive phase) around the alloy; allowed 'pores_first'")
    if not act:
        raise SpecError("particle.expansion_model", "compliant", "needs an alloy phase; allowed 'pores_first'")
    v_m = sum(v for _, v, _ in mat)
    v_a = sum(v for _, v, _ in act)
    with np.errstate(invalid="ignore", divide="ignore"):
        phi = [v / v_m for _, v, _ in mat]
        ks, gs = zip(*(bulk_shear_GPa(m.E_GPa, m.nu) for _, _, m in mat))
        sigma = sum(v * m.yield_strength_GPa for _, v, m in act) / v_a
    return MatrixMechanics(
        bulk_modulus_GPa=hill_average(phi, ks),
        shear_modulus_GPa=hill_average(phi, gs),
        flow_stress_GPa=np.asarray(sigma, dtype=float),
        active_volume_cm3_g=np.asarray(v_a, dtype=float),
        matrix_volume_cm3_g=np.asarray(v_m, dtype=float),
        matrix_phases=tuple(n for n, _, _ in mat),
        active_phases=tuple(n for n, _, _ in act),
    )


def core_compliance_per_GPa(core_fraction, K_GPa, G_GPa):
    """``C = (f/K + 3/(4G)) / (1 - f)``: core volume strain per GPa of core pressure (Lamé).

    ``f -> 1`` (no matrix) gives ``inf``; ``f = 0`` gives ``3/(4G)``, a cavity in an infinite body.
    """
    f = np.asarray(core_fraction, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(f < 1.0, (f / K_GPa + 0.75 / G_GPa) / np.where(f < 1.0, 1.0 - f, 1.0), np.inf)


def elastic_growth_cm3_g(core_volume_cm3_g, envelope_volume_cm3_g, mech: MatrixMechanics):
    """``g_el = sigma_y C V_core``: outward growth before the active phase flows into the pores."""
    v_core = np.asarray(core_volume_cm3_g, dtype=float)
    c = core_compliance_per_GPa(v_core / envelope_volume_cm3_g, mech.bulk_modulus_GPa, mech.shear_modulus_GPa)
    with np.errstate(invalid="ignore"):
        return np.where(v_core > 0, mech.flow_stress_GPa * c * v_core, 0.0)


def pores_used_cm3_g(growth_cm3_g, elastic_growth, usable_pore_volume_cm3_g):
    """``used = clip(g - g_el, 0, eta v_p)`` (``g_el = 0``: pores first)."""
    g = np.asarray(growth_cm3_g, dtype=float)
    return np.clip(g - elastic_growth, 0.0, usable_pore_volume_cm3_g)


def matrix_pressure_GPa(growth_cm3_g, core_volume_cm3_g, envelope_volume_cm3_g, usable_pore_volume_cm3_g,
                        mech: MatrixMechanics):
    """Core pressure on the matrix at solid growth ``g`` (stages 1-3 of the module docstring).

    ``p = (g - used) / (C V_core)`` capped at ``sigma_y`` while pores remain; past them the elastic
    value grows without cap (a pressure the matrix cannot hold: compare :func:`hoop_stress_GPa`
    with the carbon's strength).
    """
    v_core = np.asarray(core_volume_cm3_g, dtype=float)
    c = core_compliance_per_GPa(v_core / envelope_volume_cm3_g, mech.bulk_modulus_GPa, mech.shear_modulus_GPa)
    g = np.asarray(growth_cm3_g, dtype=float)
    g_el = mech.flow_stress_GPa * c * v_core
    before = g / (c * v_core)  # stage 1
    after = mech.flow_stress_GPa + np.maximum(g - g_el - usable_pore_volume_cm3_g, 0.0) / (c * v_core)
    return np.where(g <= g_el, before, after)


def hoop_stress_GPa(pressure_GPa, core_fraction):
    """Hoop stress at the inner surface of the matrix shell: ``p (1 + 2f) / (2 (1 - f))`` (Lamé)."""
    f = np.asarray(core_fraction, dtype=float)
    return np.asarray(pressure_GPa, dtype=float) * (1.0 + 2.0 * f) / (2.0 * (1.0 - f))
