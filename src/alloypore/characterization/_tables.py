"""Reading small two-column text tables (SAXS q/I, NMR T/amplitude): one reader for both."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from alloypore._io import check_input_file
from alloypore.errors import DataFileError

__all__ = ["read_two_column_table"]


def read_two_column_table(path, columns: tuple[str, str]) -> tuple[Path, str | None, np.ndarray]:
    """Read a text table of two numeric columns (comma, semicolon or blank separated).

    Lines starting with ``#`` are skipped; a first line that does not start with a number is
    returned as the header (callers read units from it).  Returns ``(path, header, array
    of shape (n, 2))``; raises a one-line DataFileError for binary, empty or non-numeric files.
    """
    p = check_input_file(path)
    try:
        text = p.read_text(errors="strict")
    except UnicodeDecodeError:
        raise DataFileError(p, "not a text table (binary file?)") from None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise DataFileError(p, "no data lines")
    header = None
    first = lines[0].replace(",", " ").replace(";", " ").split()
    try:
        float(first[0] if first else "")  # a line of separators only ("," -> nothing) is a header too
    except ValueError:
        header, lines = lines[0], lines[1:]
    rows = []
    for ln in lines:
        parts = ln.replace(",", " ").replace(";", " ").split()
        if len(parts) < 2:
            raise DataFileError(p, f"line {ln[:40]!r} has fewer than 2 columns ({columns[0]}, {columns[1]})")
        try:
            rows.append([float(parts[0]), float(parts[1])])
        except ValueError:
            raise DataFileError(p, f"non-numeric line {ln[:40]!r}") from None
    if not rows:
        raise DataFileError(p, "no data lines")
    return p, header, np.asarray(rows, dtype=float)
