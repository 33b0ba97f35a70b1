"""Cell layer (top of the chain): full cells and the whole design chain."""

from alloypore.cell.cathodes import Cathode, get_cathode, list_cathodes
from alloypore.cell.chain import (
    EXAMPLE_SPEC_TOML,
    DesignResult,
    check_feasible,
    evaluate_arrays,
    evaluate_design,
    example_spec,
    load_spec,
    numeric_fields,
    parse_spec,
    spec_to_toml,
)
from alloypore.cell.model import CellArrays, CellProps, cell_arrays
from alloypore.cell.spec import CellSpec, DesignSpec

__all__ = [
    "Cathode",
    "CellArrays",
    "CellProps",
    "CellSpec",
    "DesignResult",
    "DesignSpec",
    "EXAMPLE_SPEC_TOML",
    "cell_arrays",
    "check_feasible",
    "evaluate_arrays",
    "evaluate_design",
    "example_spec",
    "get_cathode",
    "list_cathodes",
    "load_spec",
    "numeric_fields",
    "parse_spec",
    "spec_to_toml",
]
