"""The registry of measurement methods: name -> reader, analysis, figures, and the result's pore profile.

The CLI (``alloypore characterize``), the web Evidence page and (issue #15) ``characterize
combine`` find every evidence method here; nothing else lists them.  A new measurement
method is **one new module plus one line in** :data:`METHODS`:

* a reader ``read_*(path, ...) -> data`` (optional: densities are typed in),
* pure functions over arrays (``*_raw``) and an analysis ``analyse_*(data, **options) -> result``,
* a result object with ``to_dict()`` (the JSON of its command), ``to_profile(composition=None)``
  returning the one :class:`~alloypore.characterization.profile.PoreProfile`, and ``lines()``
  (a terminal summary),
* figures ``<name>_figures(result) -> {file name: figure}`` (in :mod:`.plots`).

Entries name their functions as ``"module:attribute"`` and import them on first use, so
that ``alloypore characterize isotherm`` does not import the imaging stack, SciPy's signal
module or matplotlib it does not need (start-up time).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from alloypore.characterization.profile import PoreProfile
from alloypore.errors import InputError

__all__ = ["MeasurementResult", "MeasurementMethod", "METHODS", "get_method", "ISOTHERM_SUFFIXES", "COMBINE_FIGURES",
           "save_figures_of"]

#: File types the isotherm readers take (pyGAPS JSON/CSV/Excel, AIF, instrument exports).
ISOTHERM_SUFFIXES = (".aif", ".json", ".csv", ".xls", ".xlsx", ".dat", ".txt")


class MeasurementResult(Protocol):
    """What every method's analysis returns."""

    def to_dict(self) -> dict: ...

    def to_profile(self, composition: dict | None = None) -> PoreProfile: ...


_C = "alloypore.characterization"


def _resolve(ref: str) -> Callable:
    module, attr = ref.split(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class MeasurementMethod:
    """One evidence method: its title, what files it reads, and where its functions live."""

    name: str
    title: str
    reader: str | None  # "module:function(path, **options) -> data", None when nothing is read from a file
    analysis: str  # "module:function(data, **options) -> MeasurementResult"
    figures_of: str | None = None  # "module:function(result) -> {file name: figure}"
    suffixes: tuple[str, ...] = ()

    def read(self, path, *args, **options) -> Any:
        """Read a measurement file of this method (further arguments go to the reader)."""
        if self.reader is None:
            raise InputError("method", self.name, "a method that reads a file (this one is typed in)")
        return _resolve(self.reader)(path, *args, **options)

    def analyse(self, *args, **options) -> MeasurementResult:
        """Run the method's analysis."""
        return _resolve(self.analysis)(*args, **options)

    def run(self, path, *read_args, **options) -> MeasurementResult:
        """Read ``path`` (with ``read_args``) and analyse it (with ``options``)."""
        return self.analyse(self.read(path, *read_args), **options)

    def figures(self, result: MeasurementResult) -> dict:
        """The figures the method draws of a result (file name -> matplotlib figure)."""
        return {} if self.figures_of is None else _resolve(self.figures_of)(result)

    def save_figures(self, result: MeasurementResult, directory) -> list[str]:
        """Write the figures of a result as PNG into ``directory`` (all or none); returns the paths."""
        return _resolve(f"{_C}.plots:save_figures")(self.figures(result), directory)

    def to_profile(self, result: MeasurementResult, composition: dict | None = None) -> PoreProfile:
        """The result as the one pore profile."""
        return result.to_profile(composition)


#: Every measurement method, by the name its ``alloypore characterize`` command has.
METHODS: dict[str, MeasurementMethod] = {m.name: m for m in (
    MeasurementMethod("isotherm", "Gas-adsorption isotherm", f"{_C}.isotherm:load_isotherm", f"{_C}.analysis:analyse_isotherm",
                      f"{_C}.plots:isotherm_figures", ISOTHERM_SUFFIXES),
    MeasurementMethod("mip", "Mercury intrusion porosimetry", f"{_C}.mip:read_mip_csv", f"{_C}.mip:analyse_mip",
                      f"{_C}.plots:mip_figures", (".csv", ".txt")),
    MeasurementMethod("density", "Densities (true, He pycnometry, tap)", None, f"{_C}.density:density_analysis",
                      f"{_C}.plots:density_figures"),
    MeasurementMethod("saxs", "Small-angle X-ray scattering", f"{_C}.saxs:read_saxs_table", f"{_C}.saxs:analyse_saxs",
                      f"{_C}.plots:saxs_figures", (".csv", ".txt", ".dat")),
    MeasurementMethod("sans", "Small-angle neutron scattering (contrast matching)", f"{_C}.saxs:read_saxs_table",
                      f"{_C}.sans:analyse_sans", f"{_C}.plots:sans_figures", (".csv", ".txt", ".dat")),
    MeasurementMethod("nmr", "NMR relaxometry of an imbibed liquid", f"{_C}.nmr:read_relaxation_distribution",
                      f"{_C}.nmr:analyse_nmr", f"{_C}.plots:nmr_figures", (".csv", ".txt")),
    MeasurementMethod("tomography", "3D imaging (X-ray CT, FIB-SEM)", "alloypore.imaging.io:load_volume",
                      "alloypore.imaging.profile:analyse_volume", None, (".tif", ".tiff", ".npy", ".raw", ".zarr")),
)}


def get_method(name: str) -> MeasurementMethod:
    """The registered method ``name``; a one-line error naming the known ones otherwise."""
    try:
        return METHODS[name]
    except KeyError:
        raise InputError("method", name, f"one of {', '.join(METHODS)}") from None


#: The figures of ``characterize combine`` (not a measurement method: the fusion of several).
COMBINE_FIGURES = f"{_C}.plots:combine_figures"


def save_figures_of(ref: str, result, directory) -> list[str]:
    """Draw the figures of ``ref`` ("module:function(result)"; imported on first use) into ``directory``."""
    return _resolve(f"{_C}.plots:save_figures")(_resolve(ref)(result), directory)
