"""Feasible means manufacturable: the limits a design must meet to be built, and which bind.

Three manufacturing limits (defaults and sources in ``cell/data/cell.toml``, each changeable in
``[cell]``) and the format's own (a wound roll or a prismatic stack must fit its can at full
charge)::

    min_electrode_porosity               eps_anode >= eps_min       an electrolyte path between particles
    max_anode_compaction_density_g_cm3   CD <= CD_max               what calendering reaches
    min_electrolyte_fill                 V_el / V_pores >= f_min    every accessible pore wetted
    can_fit                              gap(charged roll, can) >= clearance (format)

A limit **binds** where the design sits on it (within 0.1 % of it) or beyond it; it is
**violated** where the design is beyond it (then the design cannot be built).  A single design's
result lists the binding limits by name (``cell.binding_limits``), so an optimum says what stops it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from alloypore._datatable import read_data_toml, sourced_values

__all__ = ["LIMIT_NAMES", "LIMIT_DEFAULTS", "LIMIT_SOURCES", "REL_TOL", "limit_masks", "binding_limits"]

_ROW = read_data_toml("alloypore.cell", "data/cell.toml")["limits"]
#: Default manufacturing limits (the ``[cell]`` fields of the same names) and their sources.
LIMIT_DEFAULTS, LIMIT_SOURCES = sourced_values(_ROW, list(_ROW), origin="alloypore/cell/data/cell.toml", where="[limits]")

#: Names of the limits, in report order (``cell.binding_limits`` uses these).
LIMIT_NAMES = ("min_electrode_porosity", "max_anode_compaction_density_g_cm3", "min_electrolyte_fill", "can_fit")
#: A limit binds within this relative distance of its bound.
REL_TOL = 1e-3


def limit_masks(*, porosity, compaction_density_g_cm3, electrolyte_fill, min_electrode_porosity,
                max_anode_compaction_density_g_cm3, min_electrolyte_fill,
                format_binds: Mapping[str, np.ndarray], format_violated: Mapping[str, np.ndarray]):
    """``(binds, violated)``: dicts ``name -> bool array`` for :data:`LIMIT_NAMES` (arrays broadcast)."""
    eps = np.asarray(porosity, dtype=float)
    cd = np.asarray(compaction_density_g_cm3, dtype=float)
    fill = np.asarray(electrolyte_fill, dtype=float)
    eps_min = np.asarray(min_electrode_porosity, dtype=float)
    cd_max = np.asarray(max_anode_compaction_density_g_cm3, dtype=float)
    fill_min = np.asarray(min_electrolyte_fill, dtype=float)
    with np.errstate(invalid="ignore"):
        binds = {
            "min_electrode_porosity": ~(eps > eps_min * (1.0 + REL_TOL)),
            "max_anode_compaction_density_g_cm3": ~(cd < cd_max * (1.0 - REL_TOL)),
            "min_electrolyte_fill": ~(fill > fill_min * (1.0 + REL_TOL)),
        }
        violated = {
            "min_electrode_porosity": ~(eps >= eps_min * (1.0 - 1e-9)),
            "max_anode_compaction_density_g_cm3": ~(cd <= cd_max * (1.0 + 1e-9)),
            "min_electrolyte_fill": ~(fill >= fill_min * (1.0 - 1e-9)),
        }
    false = np.zeros((), dtype=bool)
    binds["can_fit"] = np.asarray(format_binds.get("can_fit", false), dtype=bool)
    violated["can_fit"] = np.asarray(format_violated.get("can_fit", false), dtype=bool) | np.asarray(
        format_violated.get("roll_fits_empty", false), dtype=bool)
    shape = np.broadcast_shapes(*(np.shape(m) for m in (*binds.values(), *violated.values())))
    return ({k: np.broadcast_to(m, shape) for k, m in binds.items()},
            {k: np.broadcast_to(m, shape) for k, m in violated.items()})


def binding_limits(binds: Mapping[str, np.ndarray]) -> list[str]:
    """Names of the limits that bind for one design (0-d masks), in :data:`LIMIT_NAMES` order."""
    return [name for name in LIMIT_NAMES if name in binds and bool(np.asarray(binds[name]))]
