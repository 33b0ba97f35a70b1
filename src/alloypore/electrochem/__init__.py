"""Electrochemistry: cycling simulations of designed electrodes through PyBaMM (a study layer).

PyBaMM is optional (``pip install 'alloypore[cycle]'``); it is imported only when a run
starts, with ``PYBAMM_DISABLE_TELEMETRY=true``.  The mapping (design -> two-phase electrode
numbers, pore-aware volume change) is pure numpy and works without it.
"""

from __future__ import annotations

from alloypore.electrochem.mapping import (
    SUPPORTED_ALLOYS,
    SUPPORTED_BLENDS,
    SUPPORTED_CATHODES,
    CompositeMapping,
    alloy_volume_change,
    anode_thickness_change_um,
    check_supported,
    composite_mapping,
    graphite_volume_change,
)
from alloypore.electrochem.parameters import (
    BASE_SET,
    initial_stoichiometries,
    parameter_values,
    require_pybamm,
)
from alloypore.errors import MissingDependencyError
from alloypore.electrochem.simulate import (
    MAX_CYCLES,
    MODELS,
    CyclingResult,
    check_options,
    default_experiment,
    dense_variant,
    simulate_cycling,
)

__all__ = [
    "BASE_SET",
    "CompositeMapping",
    "CyclingResult",
    "MAX_CYCLES",
    "MODELS",
    "MissingDependencyError",
    "SUPPORTED_ALLOYS",
    "SUPPORTED_BLENDS",
    "SUPPORTED_CATHODES",
    "alloy_volume_change",
    "anode_thickness_change_um",
    "check_options",
    "check_supported",
    "composite_mapping",
    "default_experiment",
    "dense_variant",
    "graphite_volume_change",
    "initial_stoichiometries",
    "parameter_values",
    "require_pybamm",
    "simulate_cycling",
    "write_cycling_outputs",
]


def write_cycling_outputs(result, out_dir):
    """Write CSV, PNG and JSON files of a run (see :mod:`alloypore.electrochem.output`)."""
    from alloypore.electrochem.output import write_cycling_outputs as _w

    return _w(result, out_dir)
