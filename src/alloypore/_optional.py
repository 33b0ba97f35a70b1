"""Optional heavy dependencies: imported where used, with a one-line error naming the extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from alloypore.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str, what: str = "") -> ModuleType:
    """Import ``module``; if it is missing raise :class:`MissingDependencyError` naming ``extra``.

    ``what`` names the feature that needs it (``"alloypore cycle"``), for the message.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra, what) from None
