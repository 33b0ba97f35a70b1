"""Electrochemistry: cycling simulations of designed electrodes through PyBaMM (a study layer).

PyBaMM is optional (``pip install 'alloypore[cycle]'``); it is imported only when a run
starts (:func:`require_pybamm`, with its telemetry prompt off and the environment left as it
was).  Importing this package has no side effects.  The mapping (design -> two-phase electrode
numbers, pore-aware volume change) is pure numpy and works without PyBaMM.

Modules: :mod:`~alloypore.electrochem.mapping` (design -> electrode numbers),
:mod:`~alloypore.electrochem.parameters` (PyBaMM parameter values),
:mod:`~alloypore.electrochem.simulate` (runs), :mod:`~alloypore.electrochem.output` (files).
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
from alloypore.electrochem.output import write_cycling_outputs
from alloypore.electrochem.simulate import (
    MAX_CYCLES,
    MODELS,
    CyclingResult,
    check_options,
    default_experiment,
    dense_variant,
    simulate_cycling,
)
from alloypore.errors import MissingDependencyError  # re-exported: it used to live here

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

