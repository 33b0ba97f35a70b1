"""Electrochemistry: cycling simulations of designed electrodes through PyBaMM (a study layer).

PyBaMM is optional (``pip install 'alloypore[cycle]'``); it is imported only when a run
starts (:func:`require_pybamm`, with its telemetry prompt off and the environment left as it
was).  Importing this package has no side effects.  The mapping (design -> two-phase electrode
numbers, pore-aware volume change) is pure numpy and works without PyBaMM.

Modules: :mod:`~alloypore.electrochem.mapping` (design -> electrode numbers),
:mod:`~alloypore.electrochem.ocp` (which OCP each host, blend carbon and cathode takes, with its source),
:mod:`~alloypore.electrochem.parameters` (PyBaMM parameter values),
:mod:`~alloypore.electrochem.simulate` (runs), :mod:`~alloypore.electrochem.output` (files).
"""

from __future__ import annotations

from alloypore.electrochem import mapping as _mapping
from alloypore.electrochem.mapping import (
    CompositeMapping,
    alloy_volume_change,
    anode_thickness_change_um,
    check_supported,
    composite_mapping,
    graphite_volume_change,
)
from alloypore.electrochem.ocp import PARAMETER_SET_CATHODES, alloy_hosts, blend_carbons, cathodes
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
    "PARAMETER_SET_CATHODES",
    "SUPPORTED_ALLOYS",
    "SUPPORTED_BLENDS",
    "SUPPORTED_CATHODES",
    "alloy_hosts",
    "alloy_volume_change",
    "blend_carbons",
    "cathodes",
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


def __getattr__(name: str):
    """``SUPPORTED_ALLOYS`` / ``SUPPORTED_CATHODES`` / ``SUPPORTED_BLENDS`` (read from the curve library
    when first asked, not at import): :mod:`alloypore.electrochem.mapping`."""
    if name.startswith("SUPPORTED_"):
        return getattr(_mapping, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
