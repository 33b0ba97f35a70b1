"""Cell layer (top of the chain): full cells and the whole design chain.

Modules: :mod:`~alloypore.cell.spec` (the ``[cell]`` section and the whole spec),
:mod:`~alloypore.cell.specfile` (example, read, write), :mod:`~alloypore.cell.model` (the repeat
unit per cm2), :mod:`~alloypore.cell.formats` (the registry of cell formats: stack, pouch),
:mod:`~alloypore.cell.chain` (spec -> particle -> electrode -> cell), the cathode and
electrolyte tables, and :mod:`~alloypore.cell.pressure` (stack pressure).
"""

from alloypore.cell.cathodes import Cathode, get_cathode, list_cathodes
from alloypore.cell.chain import (
    DesignResult,
    check_feasible,
    evaluate_arrays,
    evaluate_design,
    numeric_fields,
)
from alloypore.cell.formats import FORMATS, CellFormat, PackagedCell, RepeatUnit, get_format
from alloypore.cell.model import CellArrays, CellProps, cell_arrays, repeat_unit
from alloypore.cell.spec import CellSpec, DesignSpec
from alloypore.cell.specfile import EXAMPLE_SPEC_TOML, example_spec, load_spec, parse_spec, spec_to_toml

__all__ = [
    "Cathode",
    "CellArrays",
    "CellFormat",
    "CellProps",
    "CellSpec",
    "DesignResult",
    "DesignSpec",
    "EXAMPLE_SPEC_TOML",
    "FORMATS",
    "PackagedCell",
    "RepeatUnit",
    "cell_arrays",
    "check_feasible",
    "evaluate_arrays",
    "evaluate_design",
    "example_spec",
    "get_cathode",
    "get_format",
    "list_cathodes",
    "load_spec",
    "numeric_fields",
    "parse_spec",
    "repeat_unit",
    "spec_to_toml",
]
