"""Stoichiometry of the top-down precursors: one gram of precursor through conversion and etch.

Per gram of precursor (masses g/g, volumes cm3/g)::

    AlSi    Si + Al; the etch removes Al (Si is insoluble in solid Al, < 0.05 wt%)
    Mg2Si   3 Mg2Si + 2 N2 -> 2 Mg3N2 + 3 Si   (nitridation)  or  Mg2Si + O2 -> 2 MgO + Si
            (oxidation); free Si or free Mg beside Mg2Si off the stoichiometric 36.6 wt% Si
    FeSi/FeSi2  ``silicide``: a ferrosilicon, free Si kept, the silicide dissolved;
            ``fe``: Fe leached out of the silicide (dealloying), its Si kept
    SiOx    SiOx -> (x/2) SiO2 + (1 - x/2) Si (disproportionation); HF removes the SiO2

    V_conv = sum(m_i / rho_i) of the converted phases;   eps_0 = 1 - (m_Si / rho_Si) / V_conv

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (top-down).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping

from alloypore.errors import InputError, check_range
from alloypore.synthesis.phases import density, molar_mass

__all__ = [
    "PRECURSORS",
    "TOP_DOWN_SACRIFICIAL_RANGE",
    "PrecursorBalance",
    "normalise_precursor",
    "precursor_balance",
    "sacrificial_porosity",
    "si_wt_pct_for_porosity",
]

#: Top-down precursors (``--precursor``).  ``SiO`` is an alias of ``SiOx`` with x = 1.
PRECURSORS = ("AlSi", "Mg2Si", "FeSi", "FeSi2", "SiOx")

_PRECURSOR_ALIASES = {p.lower(): p for p in PRECURSORS} | {"sio": "SiOx", "al-si": "AlSi", "alsi20": "AlSi"}

#: Range of the sacrificial volume fraction the review quotes for top-down precursors (§3).
TOP_DOWN_SACRIFICIAL_RANGE = (0.40, 0.90)


@dataclass(frozen=True)
class PrecursorBalance:
    """Mass and volume balance of one gram of precursor through conversion and etching.

    ``phases_g`` are the precursor's phases, ``converted_g`` the dense phases just before
    etching (after nitridation, oxidation or disproportionation), in grams per gram of
    precursor.  ``kept_mass_g_g`` grams of Si per gram of precursor stay; everything else
    is sacrificial.  ``converted_volume_cm3_g`` is the dense envelope the etch starts from.
    """

    precursor: str
    si_wt_pct: float
    phases_g: dict[str, float]
    converted_g: dict[str, float]
    kept_mass_g_g: float
    converted_volume_cm3_g: float
    reactions: tuple[str, ...]
    precursor_volume_cm3_g: float | None  # None when the precursor density is not known

    @property
    def kept_volume_cm3_g(self) -> float:
        return self.kept_mass_g_g / density("Si")

    @property
    def sacrificial_volume_fraction(self) -> float:
        """Volume fraction of the converted precursor that the etch removes."""
        return 1.0 - self.kept_volume_cm3_g / self.converted_volume_cm3_g

    @property
    def converted_mass_fractions(self) -> dict[str, float]:
        tot = sum(self.converted_g.values())
        return {n: m / tot for n, m in self.converted_g.items()}

    @property
    def converted_volume_fractions(self) -> dict[str, float]:
        v = {n: m / density(n) for n, m in self.converted_g.items()}
        tot = sum(v.values())
        return {n: x / tot for n, x in v.items()}

    @property
    def gas_uptake_g_g(self) -> float:
        """Mass gained by the conversion step (N2 or O2 taken up) per gram of precursor."""
        return sum(self.converted_g.values()) - sum(self.phases_g.values())

    def to_dict(self) -> dict:
        return {
            "precursor": self.precursor,
            "si_wt_pct": self.si_wt_pct,
            "precursor_phases_g_per_g": dict(self.phases_g),
            "converted_phases_g_per_g_precursor": dict(self.converted_g),
            "converted_mass_fractions": self.converted_mass_fractions,
            "converted_volume_fractions": self.converted_volume_fractions,
            "converted_volume_cm3_g_precursor": self.converted_volume_cm3_g,
            "precursor_volume_cm3_g": self.precursor_volume_cm3_g,
            "sacrificial_volume_fraction": self.sacrificial_volume_fraction,
            "gas_uptake_g_per_g_precursor": self.gas_uptake_g_g,
            "reactions": list(self.reactions),
        }


def normalise_precursor(name: str) -> str:
    """The canonical precursor name (``sio`` -> ``SiOx``); one-line error if unknown."""
    key = str(name).strip().lower()
    if key not in _PRECURSOR_ALIASES:
        raise InputError("precursor", name, f"unknown precursor; allowed: {', '.join(PRECURSORS)} (SiO = SiOx, x = 1)")
    return _PRECURSOR_ALIASES[key]


def _vol(phases: Mapping[str, float]) -> float:
    return sum(m / density(n) for n, m in phases.items())


def _si_wt(si_wt_pct: float, lo: float = 0.0, *, lo_open: bool = True) -> float:
    """``si_wt_pct`` checked to lie in (lo, 100), as a mass fraction."""
    return check_range("si_wt_pct", si_wt_pct, lo, 100.0, lo_open=lo_open, hi_open=True, unit="wt%") / 100.0


def _siox_balance(x: float) -> PrecursorBalance:
    M_Si, M_O = molar_mass("Si"), molar_mass("O")
    x = check_range("x", x, 0.0, 2.0, lo_open=True, hi_open=True)
    n = 1.0 / (M_Si + x * M_O)  # mol SiOx per g
    # SiO2 molar mass from the same atomic weights, so that mass is conserved exactly
    conv = {"Si": n * (1.0 - x / 2.0) * M_Si, "SiO2": n * (x / 2.0) * (M_Si + 2.0 * M_O)}
    label = "SiO" if x == 1.0 else f"SiO{x:g}"
    return PrecursorBalance(
        precursor="SiOx",
        si_wt_pct=100.0 * M_Si / (M_Si + x * M_O),
        phases_g={label: 1.0},
        converted_g=conv,
        kept_mass_g_g=conv["Si"],
        converted_volume_cm3_g=_vol(conv),
        reactions=(
            f"{label} -> {x / 2:g} SiO2 + {1 - x / 2:g} Si  (disproportionation, ~900-1100 C, inert gas)",
            "SiO2 + 6 HF -> H2SiF6 + 2 H2O  (HF etch removes the SiO2)",
        ),
        precursor_volume_cm3_g=1.0 / density("SiO") if x == 1.0 else None,
    )


def _alsi_balance(si_wt_pct: float | None) -> PrecursorBalance:
    if si_wt_pct is None:
        raise InputError("si_wt_pct", "(missing)", "give the Si content of the AlSi alloy, 0 < si_wt_pct < 100")
    w = _si_wt(si_wt_pct)
    phases = {"Si": w, "Al": 1.0 - w}
    return PrecursorBalance(
        precursor="AlSi",
        si_wt_pct=100.0 * w,
        phases_g=phases,
        converted_g=dict(phases),
        kept_mass_g_g=w,
        converted_volume_cm3_g=_vol(phases),
        reactions=("2 Al + 6 HCl -> 2 AlCl3 + 3 H2  (acid etch removes Al; Si is kept)",),
        precursor_volume_cm3_g=_vol(phases),
    )


_MG2SI_CONVERSIONS = {
    # product, mol Mg per mol product, reactions
    "nitridation": ("Mg3N2", 3.0, (
        "3 Mg2Si + 2 N2 -> 2 Mg3N2 + 3 Si  (thermal nitridation in N2, ~700-800 C)",
        "Mg3N2 + 8 HCl -> 3 MgCl2 + 2 NH4Cl  (acid removal of the nitride; Si is kept)",
    )),
    "oxidation": ("MgO", 1.0, (
        "Mg2Si + O2 -> 2 MgO + Si  (oxidation)",
        "MgO + 2 HCl -> MgCl2 + H2O  (acid removal of MgO; Si is kept)",
    )),
}


def _mg2si_balance(si_wt_pct: float | None, conversion: str) -> PrecursorBalance:
    M_Si, M_s = molar_mass("Si"), molar_mass("Mg2Si")
    w = 100.0 * M_Si / M_s / 100.0 if si_wt_pct is None else _si_wt(si_wt_pct)  # default: stoichiometric
    n_si, n_mg = w / M_Si, (1.0 - w) / molar_mass("Mg")
    if n_si >= n_mg / 2.0:  # Mg2Si + free Si
        phases = {"Mg2Si": n_mg / 2.0 * M_s, "Si": (n_si - n_mg / 2.0) * M_Si}
    else:  # Mg2Si + free Mg
        phases = {"Mg2Si": n_si * M_s, "Mg": (n_mg - 2.0 * n_si) * molar_mass("Mg")}
    phases = {k: v for k, v in phases.items() if v > 1e-15}
    if conversion not in _MG2SI_CONVERSIONS:
        raise InputError("conversion", conversion, "allowed: nitridation, oxidation")
    product, mg_per_product, reactions = _MG2SI_CONVERSIONS[conversion]
    conv = {product: n_mg / mg_per_product * molar_mass(product), "Si": n_si * M_Si}
    if "Mg" in phases:
        reactions += ("free Mg converts too: 3 Mg + N2 -> Mg3N2 / 2 Mg + O2 -> 2 MgO",)
    return PrecursorBalance(
        precursor="Mg2Si",
        si_wt_pct=100.0 * w,
        phases_g=phases,
        converted_g=conv,
        kept_mass_g_g=conv["Si"],
        converted_volume_cm3_g=_vol(conv),
        reactions=reactions,
        precursor_volume_cm3_g=_vol(phases),
    )


def _iron_silicide_balance(name: str, si_wt_pct: float | None, leach: str | None) -> PrecursorBalance:
    M_Si = molar_mass("Si")
    k = 1 if name == "FeSi" else 2
    M_s = molar_mass(name)
    stoich = 100.0 * k * M_Si / M_s
    leach = leach or ("fe" if name == "FeSi" else "silicide")
    if leach == "silicide":
        if si_wt_pct is None:
            raise InputError(
                "si_wt_pct", "(missing)",
                f"give the Si content of the ferrosilicon (free Si beside {name}), {stoich:.4g} < si_wt_pct < 100",
            )
        w = _si_wt(si_wt_pct, stoich)
    elif leach == "fe":
        w = stoich / 100.0 if si_wt_pct is None else _si_wt(si_wt_pct, stoich, lo_open=False)
    else:
        raise InputError("leach", leach, "allowed: silicide, fe")
    n_fe = (1.0 - w) / molar_mass("Fe")
    phases = {name: n_fe * M_s, "Si": w - n_fe * k * M_Si}
    phases = {kk: v for kk, v in phases.items() if v > 1e-15}
    if leach == "silicide":
        kept = phases["Si"]
        reactions = (f"{name} phase dissolved by the etchant; the free Si is kept (phase balance only)",)
    else:
        kept = w
        reactions = (f"{name} -> Fe (leached, e.g. as FeCl2) + {k} Si  (selective leaching of Fe, dealloying)",)
    return PrecursorBalance(
        precursor=name,
        si_wt_pct=100.0 * w,
        phases_g=phases,
        converted_g=dict(phases),
        kept_mass_g_g=kept,
        converted_volume_cm3_g=_vol(phases),
        reactions=reactions,
        precursor_volume_cm3_g=_vol(phases),
    )


def precursor_balance(
    precursor: str,
    *,
    si_wt_pct: float | None = None,
    x: float = 1.0,
    conversion: Literal["nitridation", "oxidation"] = "nitridation",
    leach: Literal["silicide", "fe"] | None = None,
) -> PrecursorBalance:
    """Mass balance of one gram of a top-down precursor up to the etch.

    Parameters
    ----------
    precursor : ``AlSi`` | ``Mg2Si`` | ``FeSi`` | ``FeSi2`` | ``SiOx`` (``SiO``).
    si_wt_pct : Si content of the alloy, wt%.  Required for AlSi; for Mg2Si it defaults to
        the stoichiometric 36.6 wt% (higher: free Si beside Mg2Si; lower: free Mg); for the
        iron silicides see ``leach``.  Not used for SiOx.
    x : O/Si ratio of SiOx, 0 < x < 2.
    conversion : Mg2Si only: ``nitridation`` (3 Mg2Si + 2 N2 -> 2 Mg3N2 + 3 Si) or
        ``oxidation`` (Mg2Si + O2 -> 2 MgO + Si).
    leach : FeSi/FeSi2 only.  ``silicide`` (default for FeSi2): a ferrosilicon, free Si
        beside the silicide (si_wt_pct above stoichiometric, required), the silicide phase is
        dissolved and the free Si kept.  ``fe`` (default for FeSi): Fe is leached out of the
        silicide and its Si stays in the silicide's envelope (dealloying).

    Returns
    -------
    PrecursorBalance

    Notes
    -----
    AlSi: Si is insoluble in solid Al at room temperature (< 0.05 wt%), so all Si is in
    the Si phase and all Al is sacrificial.  SiOx: SiOx -> (x/2) SiO2 + (1 - x/2) Si.
    Dealloying FeSi2 cannot leave pores: elemental Si (2.329 g/cm3) needs more volume than
    the Si of beta-FeSi2 (1 g FeSi2 = 0.2024 cm3 holds 0.5015 g Si = 0.2153 cm3 as Si).
    """
    name = normalise_precursor(precursor)
    if name == "SiOx":
        return _siox_balance(x)
    if name == "AlSi":
        return _alsi_balance(si_wt_pct)
    if name == "Mg2Si":
        return _mg2si_balance(si_wt_pct, conversion)
    return _iron_silicide_balance(name, si_wt_pct, leach)


def sacrificial_porosity(kept_volume_cm3, envelope_volume_cm3, shrinkage=0.0):
    """Porosity of the skeleton left when everything but the kept phase is removed.

    ``eps = 1 - V_kept / (V_env (1 - s))`` with ``s`` the volume shrinkage of the envelope
    on etching (0 = the skeleton keeps the precursor's envelope).
    """
    return 1.0 - kept_volume_cm3 / (envelope_volume_cm3 * (1.0 - shrinkage))


def si_wt_pct_for_porosity(porosity: float) -> float:
    """Si wt% of an AlSi alloy whose fully etched Si skeleton has ``porosity`` (no shrinkage).

    Inverse of the AlSi balance: ``w_Si = rho_Si (1 - eps) / (rho_Si (1 - eps) + rho_Al eps)``.
    """
    eps = check_range("porosity", porosity, 0.0, 1.0, lo_open=True, hi_open=True)
    a, b = density("Si") * (1.0 - eps), density("Al") * eps
    return 100.0 * a / (a + b)
