r"""Adsorbate properties: pyGAPS's adsorbate list, and saturated-liquid properties from CoolProp.

What each analysis needs, and where it comes from:

* BET: the molecular cross-section ``sigma_nm2`` (N2 0.162, Ar 0.138, Kr 0.202, CO2 0.17 nm2 ...)
  and the molar mass: **pyGAPS's adsorbate list** (``pygaps/data/adsorbates.json``, the data
  behind ``pygaps.Adsorbate``), read as a file so that pyGAPS itself is not imported (~2.6 s of
  CPU; start-up of ``alloypore characterize isotherm``).  Names match pyGAPS's aliases
  (``N2``, ``nitrogen``, ``Ar``, ``C2H2`` ...), case-insensitive, as ``pygaps.Adsorbate.find``.
* Liquid volumes (Gurvich, t-plot, BJH/DH, DR) and the Kelvin equation: the bulk saturated
  liquid density and surface tension at the isotherm temperature from **CoolProp** (as pyGAPS
  takes them).  For the six usual porosimetry adsorptives (N2, Ar, Kr, O2, CO2, CH4) these are
  read from a table the package ships (``data/saturated_liquids.csv``: CoolProp 8.0.0 on a
  0.5 K grid from the triple point to 0.95 Tc, quadratic interpolation, within 1e-5 of CoolProp
  everywhere: ``tests/characterization/test_char_adsorbates.py``), so CoolProp (~1.8 s of CPU
  to import) is imported only for other adsorptives or temperatures.

A property that is not known (no cross-section for acetone; no liquid at 273 K for N2, above
its critical point; no CoolProp fluid for acetylene) is ``None``; :meth:`AdsorbateProperties.need`
turns it into a one-line :class:`~alloypore.errors.InputError` naming the analysis that needs it,
so only that analysis is refused.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from alloypore.errors import InputError

__all__ = ["AdsorbateProperties", "SaturatedLiquid", "adsorbate_properties", "find_adsorbate", "TABULATED", "saturated_liquid", "tabulate"]

#: Adsorbates whose saturated-liquid density and surface tension are tabulated (pyGAPS name -> CoolProp fluid).
TABULATED = {"nitrogen": "Nitrogen", "argon": "Argon", "krypton": "Krypton", "oxygen": "Oxygen",
             "carbon dioxide": "CarbonDioxide", "methane": "Methane"}
_TABLE = Path(__file__).with_name("data") / "saturated_liquids.csv"


@dataclass(frozen=True)
class AdsorbateProperties:
    """Properties of the adsorptive at the isotherm temperature (None: not known).

    Attributes carry their units: cross-sectional area ``sigma_nm2`` (BET), ``molar_mass_g_mol``,
    bulk saturated ``liquid_density_g_cm3`` and ``surface_tension_mN_m``; ``liquid_source`` says
    where the liquid values came from (or why they are missing).
    """

    name: str
    temperature_K: float
    sigma_nm2: float | None
    molar_mass_g_mol: float | None
    liquid_density_g_cm3: float | None
    surface_tension_mN_m: float | None
    liquid_source: str = ""
    saturation_pressure_kPa: float | None = None

    @property
    def liquid_molar_volume_cm3_mol(self) -> float:
        return self.need("molar_mass_g_mol", "a liquid volume") / self.need("liquid_density_g_cm3", "a liquid volume")

    def need(self, prop: str, what: str) -> float:
        """The value of ``prop``; a one-line InputError naming ``what`` needs it when it is unknown."""
        value = getattr(self, prop)
        if value is None or not math.isfinite(value):
            why = f" ({self.liquid_source})" if prop in ("liquid_density_g_cm3", "surface_tension_mN_m") and self.liquid_source else ""
            raise InputError("adsorbate", f"{self.name} at {self.temperature_K:g} K",
                             f"{what} needs its {prop.replace('_', ' ')}, which pyGAPS/CoolProp do not give{why}")
        return float(value)


@functools.lru_cache(maxsize=1)
def _adsorbate_list() -> tuple[dict, ...]:
    """pyGAPS's adsorbate list (its data file, read without importing pyGAPS)."""
    spec = importlib.util.find_spec("pygaps")
    if spec is None or spec.origin is None:  # pragma: no cover - pygaps is a dependency
        raise InputError("adsorbate", "(list)", "pyGAPS installed (its adsorbate list gives cross-sections)")
    path = Path(spec.origin).parent / "data" / "adsorbates.json"
    return tuple(json.loads(path.read_text("utf-8")))


def find_adsorbate(name: str) -> dict:
    """pyGAPS's record of adsorbate ``name`` (its name or any alias, case-insensitive).

    Raises a one-line :class:`InputError` for a name pyGAPS does not know.
    """
    key = str(name).strip().lower()
    for rec in _adsorbate_list():
        if key == rec["name"].lower() or key in (a.lower() for a in rec.get("alias", ())):
            return rec
    raise InputError("adsorbate", name, "an adsorbate known to pyGAPS (e.g. N2, Ar, Kr, CO2; its name or an alias)")


@dataclass(frozen=True)
class SaturatedLiquid:
    """Saturated liquid of an adsorptive at one temperature (CoolProp), and where the numbers came from."""

    density_g_cm3: float
    surface_tension_mN_m: float
    saturation_pressure_kPa: float
    source: str


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, np.ndarray]:
    """The shipped saturated-liquid table: fluid -> array of (T_K, rho_g_cm3, gamma_mN_m, p0_kPa)."""
    rows: dict[str, list] = {}
    for line in _TABLE.read_text("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("fluid"):
            continue
        fluid, *numbers, _source = line.split(",")
        rows.setdefault(fluid, []).append(tuple(float(v) for v in numbers))
    return {k: np.asarray(v) for k, v in rows.items()}


def saturated_liquid(fluid: str, temperature_K: float) -> SaturatedLiquid | None:
    """Saturated liquid ``fluid`` (a CoolProp name) at ``temperature_K``.

    From the shipped table when it covers the temperature (quadratic interpolation on its 0.5 K
    grid; ln p0 against 1/T, Clausius-Clapeyron), else from CoolProp; None when CoolProp has no
    liquid there (above the critical point, below the triple point, unknown fluid).
    """
    tab = _table().get(fluid)
    t = float(temperature_K)
    if tab is not None and tab[0, 0] <= t <= tab[-1, 0]:
        rho, gamma = (_quadratic(t, tab[:, 0], tab[:, k]) for k in (1, 2))
        p0 = math.exp(_quadratic(-1.0 / t, -1.0 / tab[:, 0], np.log(tab[:, 3])))  # ln p0 ~ linear in 1/T
        return SaturatedLiquid(rho, gamma, p0, "CoolProp 8.0.0 saturated liquid (table shipped with alloypore)")
    return _coolprop_liquid(fluid, t)


def _quadratic(x: float, xs: np.ndarray, ys: np.ndarray) -> float:
    """Interpolation through the 3 nearest table points (ascending ``xs``); exact at the nodes."""
    k = int(np.clip(np.searchsorted(xs, x), 1, xs.size - 2))
    x0, x1, x2 = xs[k - 1 : k + 2]
    y0, y1, y2 = ys[k - 1 : k + 2]
    return float(y0 * (x - x1) * (x - x2) / ((x0 - x1) * (x0 - x2)) + y1 * (x - x0) * (x - x2) / ((x1 - x0) * (x1 - x2))
                 + y2 * (x - x0) * (x - x1) / ((x2 - x0) * (x2 - x1)))


def _coolprop_liquid(fluid: str, temperature_K: float) -> SaturatedLiquid | None:
    import CoolProp.CoolProp as CP  # heavy (~1.8 s of CPU): only for what the table does not cover

    try:
        state = CP.AbstractState("HEOS", fluid)
        state.update(CP.QT_INPUTS, 0.0, temperature_K)
        return SaturatedLiquid(state.rhomass() / 1000.0, state.surface_tension() * 1000.0, state.p() / 1000.0,
                               f"CoolProp {CP.get_global_param_string('version')}")
    except ValueError:  # CoolProp: no such fluid, or no saturated liquid at this temperature
        return None


def tabulate(fluid: str, t_lo: float, t_hi: float, step: float = 0.5) -> list[tuple[float, float, float, float]]:
    """Rows ``(T, rho, gamma, p0)`` of the shipped table for ``fluid`` (how ``data/saturated_liquids.csv`` was made)."""
    out = []
    for t in np.arange(math.ceil(t_lo / step) * step, t_hi + 1e-9, step):
        res = _coolprop_liquid(fluid, float(t))
        if res is not None:
            out.append((float(t), res.density_g_cm3, res.surface_tension_mN_m, res.saturation_pressure_kPa))
    return out


def adsorbate_properties(name: str, temperature_K: float) -> AdsorbateProperties:
    """Properties of adsorbate ``name`` at ``temperature_K`` (unknown ones None; see the module docstring).

    Raises a one-line :class:`InputError` only for a name pyGAPS does not know or a temperature <= 0 K.
    """
    t = float(temperature_K)
    if not (math.isfinite(t) and t > 0):
        raise InputError("temperature", temperature_K, "an isotherm temperature > 0 K")
    rec = find_adsorbate(name)
    sigma, molar_mass = rec.get("cross_sectional_area"), rec.get("molar_mass")
    fluid = TABULATED.get(rec["name"]) or rec.get("backend_name")
    liquid = saturated_liquid(fluid, t) if fluid else None
    if liquid is None:
        why = f"no CoolProp fluid for {rec['name']}" if not fluid else f"no saturated liquid at {t:g} K in CoolProp"
        return AdsorbateProperties(rec["name"], t, _float(sigma), _float(molar_mass), None, None, why)
    return AdsorbateProperties(rec["name"], t, _float(sigma), _float(molar_mass), liquid.density_g_cm3,
                               liquid.surface_tension_mN_m, liquid.source, liquid.saturation_pressure_kPa)


def _float(v) -> float | None:
    return None if v is None else float(v)
