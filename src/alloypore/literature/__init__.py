"""Literature: the published porous anodes as a curated, validated dataset (evidence layer).

* :func:`load_literature` - the shipped rows (Table 1 of the review, realigned, plus the
  materials its text describes) and any user CSVs, with the plausibility flags.
* :mod:`~alloypore.literature.validation` - the rules (functions) that flag values.
* :mod:`~alloypore.literature.analysis` - correlations with p-values and bootstrap CIs,
  and :func:`estimate_ice_from_ssa` for the design chain.
* :mod:`~alloypore.literature.placement` - a design's point on the literature plots and
  its percentiles (:func:`compare_design`), the same for every face.

This module imports only :mod:`alloypore.materials` of the package (evidence layer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from alloypore.literature.analysis import (
    CLAIMED_PAIRS,
    OTHER_PAIRS,
    Correlation,
    IceSsaFit,
    correlate,
    correlate_all,
    estimate_ice_from_ssa,
    fit_ice_vs_ssa,
    material_points,
)
from alloypore.literature.dataset import (
    COLUMNS,
    load_rows,
    parse_retention,
    read_rows_csv,
    rows_as_table,
    shipped_csv_path,
)
from alloypore.literature.placement import DesignComparison, compare_design, design_point, placement
from alloypore.literature.validation import Flag, run_rules

__all__ = [
    "LiteratureData",
    "load_literature",
    "COLUMNS",
    "Flag",
    "Correlation",
    "DesignComparison",
    "IceSsaFit",
    "CLAIMED_PAIRS",
    "OTHER_PAIRS",
    "correlate",
    "correlate_all",
    "compare_design",
    "design_point",
    "estimate_ice_from_ssa",
    "fit_ice_vs_ssa",
    "material_points",
    "parse_retention",
    "placement",
    "read_rows_csv",
    "run_rules",
    "shipped_csv_path",
]


@dataclass(frozen=True)
class LiteratureData:
    """The rows (dicts, dataset columns) and the flags the rules raised on them."""

    rows: tuple[dict, ...]
    flags: tuple[Flag, ...]

    def points(self, *, include_flagged: bool = False, studies: Iterable[str] = ("material", "precursor")) -> list[dict]:
        """One record per material (see :func:`~alloypore.literature.analysis.material_points`)."""
        return material_points(self.rows, self.flags, include_flagged=include_flagged, studies=studies)

    def flagged_points(self, x: str, y: str, studies: Iterable[str] = ("material", "precursor")) -> list[dict]:
        """Materials whose ``x`` or ``y`` value is excluded by a flag, with the flagged values (for plots)."""
        excl = {(f.row_id, f.field) for f in self.flags if f.excluded}
        out = []
        for p in material_points(self.rows, (), include_flagged=True, studies=studies):
            if any((rid, fld) in excl for rid in p["row_ids"] for fld in (x, y)):
                out.append(p)
        return out

    def table(self):
        """The rows as a pandas DataFrame."""
        return rows_as_table(self.rows)


def load_literature(extra: Iterable[str | Path] = ()) -> LiteratureData:
    """Load the shipped dataset plus user CSVs (same columns) and run every rule on all rows.

    Raises :class:`~alloypore.errors.DataFileError` (one line) for a malformed user CSV.
    """
    rows = load_rows(extra)
    return LiteratureData(tuple(rows), tuple(run_rules(rows)))
