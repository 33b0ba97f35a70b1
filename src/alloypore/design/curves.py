"""Curves and breakdowns of one design that the faces draw (report, web charts).

Every number comes from the chain (:func:`alloypore.cell.evaluate_design`) or from
:func:`alloypore.electrode.lithiated_thickness_um`; the faces only draw them.
"""

from __future__ import annotations

import numpy as np

from alloypore.electrode import blend_props, lithiated_thickness_um

__all__ = ["SWELLING_MODELS", "swelling_curves", "repeat_unit_breakdown"]

#: The two limiting electrode swelling models (see docs/model.md).
SWELLING_MODELS = ("constant_porosity", "fill_pores")


def swelling_curves(result, theta=None) -> dict[str, np.ndarray]:
    """Electrode thickness change (%) vs lithiation fraction for both swelling models.

    Parameters
    ----------
    result : DesignResult
        One evaluated design.
    theta : array_like, optional
        Lithiation fractions (default 51 points from 0 to 1).

    Returns
    -------
    dict
        ``theta`` and, per model of :data:`SWELLING_MODELS`,
        ``100 (t(theta) / t_pristine - 1)``.
    """
    es = result.spec.electrode
    th = np.linspace(0.0, 1.0, 51) if theta is None else np.asarray(theta, dtype=float)
    b = blend_props(es.blend_material, es.binder_material, es.conductive_material,
                    basis=result.spec.particle.expansion_basis)
    fr = (es.composite_mass_fraction, es.graphite_mass_fraction, es.binder_mass_fraction, es.conductive_mass_fraction)
    t0 = float(result.electrode.thickness_um)
    out = {"theta": th}
    for model in SWELLING_MODELS:
        t = lithiated_thickness_um(result.electrode, result.particle, b, th, fractions=fr, model=model,
                                   min_porosity=es.min_porosity)
        out[model] = 100.0 * (np.asarray(t, dtype=float) / t0 - 1.0)
    return out


def repeat_unit_breakdown(result) -> dict[str, dict[str, float]]:
    """Mass (mg/cm²) and thickness (µm) of one repeat unit of the stack, by component.

    The repeat unit is anode, separator, cathode and half of each current-collector foil
    (the cell model's unit); the anode thickness is the charged one.
    """
    c, cs = result.cell, result.spec.cell
    masses = {
        "anode": c.mass_anode_g_cm2,
        "cathode": c.mass_cathode_g_cm2,
        "electrolyte": c.mass_electrolyte_g_cm2,
        "separator": c.mass_separator_g_cm2,
        "foils": c.mass_foils_g_cm2,
    }
    thickness = {
        "anode (charged)": c.anode_charged_thickness_um,
        "cathode": c.cathode_thickness_um,
        "separator": cs.separator_thickness_um,
        "foils (half each)": 0.5 * (cs.anode_foil_thickness_um + cs.cathode_foil_thickness_um),
    }
    return {
        "mass_mg_cm2": {k: 1e3 * float(v) for k, v in masses.items()},
        "thickness_um": {k: float(v) for k, v in thickness.items()},
    }
