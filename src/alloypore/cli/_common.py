"""Helpers shared by the command modules: JSON output and error exits."""

from __future__ import annotations

import json
import sys
from typing import Any

from alloypore._json import to_jsonable
from alloypore.provenance import with_provenance

__all__ = ["to_jsonable", "print_json", "fail"]


def print_json(obj: Any) -> None:
    """Print one JSON object on stdout (an object gets the ``provenance`` block)."""
    sys.stdout.write(json.dumps(with_provenance(to_jsonable(obj)), indent=2, allow_nan=False) + "\n")


def fail(message: str) -> None:
    """Print one error line and exit 2 (for problems found in the face itself)."""
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    raise SystemExit(2)
