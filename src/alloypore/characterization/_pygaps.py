"""Narrow shims around pyGAPS, each active only inside a ``with`` block.

* :func:`quiet` (in :mod:`._quiet`, re-exported here): pyGAPS' stdout logging silenced
  inside a ``with`` block only.
* :func:`aif_pandas_shim`: pyGAPS 4.6.1's AIF reader converts its data loops with
  ``DataFrame.apply(pandas.to_numeric, errors='ignore')``; pandas 3 removed
  ``errors='ignore'`` and raises ``ValueError: invalid error value specified``.
  The shim swaps, *only inside the module* ``pygaps.parsing.aif`` and only for the
  duration of a ``with`` block, the name ``pandas`` for a proxy whose ``to_numeric``
  implements the old ``errors='ignore'`` behaviour (return the input unchanged when
  it cannot be converted) and delegates everything else to pandas.  Nothing else in
  the process sees a patched pandas.
"""

from __future__ import annotations

import contextlib
import threading
import types
from typing import Iterator

from alloypore.characterization._quiet import PYGAPS_LOGGERS, quiet

__all__ = ["quiet", "aif_pandas_shim", "to_numeric_compat", "PYGAPS_LOGGERS"]

_LOCK = threading.Lock()


def to_numeric_compat(arg, errors: str = "raise", **kwargs):
    """``pandas.to_numeric`` accepting the removed ``errors='ignore'`` (pandas < 3 semantics)."""
    import pandas as _pd  # heavy (~0.4 s of CPU): only when pyGAPS' AIF reader runs

    if errors == "ignore":
        try:
            return _pd.to_numeric(arg, errors="raise", **kwargs)
        except (ValueError, TypeError):
            return arg
    return _pd.to_numeric(arg, errors=errors, **kwargs)


class _PandasProxy(types.ModuleType):
    """Module-like object: ``to_numeric`` is the compatible one, all else is pandas."""

    def __init__(self) -> None:
        super().__init__("pandas")
        self.to_numeric = to_numeric_compat

    def __getattr__(self, name: str):
        import pandas as _pd  # heavy: only when pyGAPS' AIF reader runs

        return getattr(_pd, name)


@contextlib.contextmanager
def aif_pandas_shim() -> Iterator[None]:
    """Within the block, ``pygaps.parsing.aif`` sees a pandas-2-compatible ``to_numeric``."""
    import pygaps.parsing.aif as aif_mod

    with _LOCK:
        original = aif_mod.pandas
        needs = not _accepts_ignore()
        if needs:
            aif_mod.pandas = _PandasProxy()
        try:
            yield
        finally:
            aif_mod.pandas = original


def _accepts_ignore() -> bool:
    import pandas as _pd  # heavy: only when pyGAPS' AIF reader runs

    try:
        _pd.to_numeric(_pd.Series(["a"]), errors="ignore")
        return True
    except ValueError:
        return False
