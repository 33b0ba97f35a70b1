"""Optional heavy dependencies: imported where used, with a one-line error naming the extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from alloypore.errors import MissingDependencyError

__all__ = ["EXTRA_OF", "extra_of", "missing_dependency", "require"]

#: import name of an optional dependency -> the alloypore extra that installs it (pyproject.toml)
EXTRA_OF = {
    "pygaps": "evidence", "adsorption_file_parser": "evidence", "periodictable": "evidence", "xlrd": "evidence",
    "openpyxl": "evidence", "CoolProp": "evidence",
    "skimage": "imaging", "tifffile": "imaging", "zarr": "imaging", "numcodecs": "imaging", "h5py": "imaging",
    "numba": "imaging",
    "skfem": "mechanics", "pyamg": "mechanics",
    "streamlit": "web", "altair": "web",
    "pybamm": "cycle", "bpx": "cycle",
    "dask": "dask", "distributed": "dask",
    "pyarrow": "parquet",
    "pymoo": "core", "pandas": "core", "matplotlib": "core",
}


def extra_of(module: str) -> str | None:
    """The extra that provides import name ``module`` (``"skimage.filters"`` -> ``"imaging"``), or None."""
    return EXTRA_OF.get(module.split(".")[0])


def missing_dependency(err: ImportError, what: str = "") -> MissingDependencyError | None:
    """The one-line error for an ImportError of an optional dependency (None if it is not one)."""
    name = getattr(err, "name", None) or ""
    extra = extra_of(name)
    if extra is None or extra == "core":
        return None
    return MissingDependencyError(name.split(".")[0], extra, what)


def require(module: str, extra: str, what: str = "") -> ModuleType:
    """Import ``module``; if it is missing raise :class:`MissingDependencyError` naming ``extra``.

    ``what`` names the feature that needs it (``"alloypore cycle"``), for the message.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra, what) from None
