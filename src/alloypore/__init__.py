"""alloypore: pore engineering of alloying-type anode particles for Li-ion batteries.

The Python API in three lines::

    import alloypore as ap
    result = ap.evaluate_design(ap.load_spec("my.toml"))   # or ap.example_spec()
    result.to_frame()                                       # every quantity, with its unit

The names below are the main entry points; each is imported on first use, so
``import alloypore`` stays light (the CLI starts in a fraction of a second) and a name whose
optional dependency is missing fails only when used, in one line naming its extra.

Layers (see ``docs/architecture.md``): materials -> particle -> electrode -> cell form the
design chain; characterization, imaging, mechanics and literature are evidence modules;
design and electrochem are studies; cli, report and web are faces.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from alloypore._version import __version__
from alloypore.errors import (
    AlloyporeError,
    ConvergenceError,
    DataFileError,
    InputError,
    MissingDependencyError,
    SpecError,
)

#: public name -> (module, attribute); imported on first access
_LAZY: dict[str, tuple[str, str]] = {
    # the design chain
    "DesignSpec": ("alloypore.cell.spec", "DesignSpec"),
    "DesignResult": ("alloypore.cell.chain", "DesignResult"),
    "example_spec": ("alloypore.cell.specfile", "example_spec"),
    "load_spec": ("alloypore.cell.specfile", "load_spec"),
    "parse_spec": ("alloypore.cell.specfile", "parse_spec"),
    "spec_to_toml": ("alloypore.cell.specfile", "spec_to_toml"),
    "evaluate_design": ("alloypore.cell.chain", "evaluate_design"),
    "evaluate_arrays": ("alloypore.cell.chain", "evaluate_arrays"),
    "get_material": ("alloypore.materials.lookup", "get_material"),
    "list_materials": ("alloypore.materials.lookup", "list_materials"),
    # studies
    "sweep": ("alloypore.design.sweep", "sweep"),
    "SweepResult": ("alloypore.design.sweep", "SweepResult"),
    "parse_vary": ("alloypore.design.grid", "parse_vary"),
    "optimize": ("alloypore.design.optimize", "optimize"),
    # evidence (extras: evidence, imaging)
    "load_isotherm": ("alloypore.characterization.isotherm", "load_isotherm"),
    "analyse_isotherm": ("alloypore.characterization.analysis", "analyse_isotherm"),
    "analyze_isotherm": ("alloypore.characterization.analysis", "analyse_isotherm"),
    "PoreProfile": ("alloypore.characterization.profile", "PoreProfile"),
    "read_profile": ("alloypore.characterization.profile", "read_profile"),
    "load_volume": ("alloypore.imaging.io", "load_volume"),
    "analyse_volume": ("alloypore.imaging.profile", "analyse_volume"),
    "analyze_volume": ("alloypore.imaging.profile", "analyse_volume"),
    "load_literature": ("alloypore.literature", "load_literature"),
    # cycling in PyBaMM (extra: cycle)
    "simulate_cycling": ("alloypore.electrochem.simulate", "simulate_cycling"),
}

__all__ = [
    "__version__",
    "AlloyporeError",
    "ConvergenceError",
    "DataFileError",
    "InputError",
    "MissingDependencyError",
    "SpecError",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'alloypore' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and IDEs (the chain and evidence names; the studies' stay lazy: layering)
    from alloypore.cell.chain import DesignResult, evaluate_arrays, evaluate_design
    from alloypore.cell.spec import DesignSpec
    from alloypore.cell.specfile import example_spec, load_spec, parse_spec, spec_to_toml
    from alloypore.characterization.analysis import analyse_isotherm
    from alloypore.characterization.analysis import analyse_isotherm as analyze_isotherm
    from alloypore.characterization.isotherm import load_isotherm
    from alloypore.characterization.profile import PoreProfile, read_profile
    from alloypore.imaging.io import load_volume
    from alloypore.imaging.profile import analyse_volume
    from alloypore.imaging.profile import analyse_volume as analyze_volume
    from alloypore.literature import load_literature
    from alloypore.materials.lookup import get_material, list_materials
