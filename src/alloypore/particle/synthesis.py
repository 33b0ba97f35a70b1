"""Synthesis routes: the pore budget of bottom-up, top-down and transcription particles.

Each route of the review (§3, Fig. 2) fixes the intraparticle pores by a mass and volume
balance.  The functions here do that balance and return a :class:`SynthesisResult` whose
:meth:`~SynthesisResult.particle_spec` is a ``[particle]`` section that the design chain
evaluates to the *same* particle (same porosity, same true, skeletal and envelope
densities): mass and volume are conserved from the precursor to the spec.

Canonical definitions (``docs/synthesis.md``; all volumes per gram, cm3/g)::

    top-down      eps_0 = V_sac / V_conv = 1 - (m_Si / rho_Si) / V_conv
                  eps   = 1 - (m_Si (1 - loss) / rho_Si) / (V_conv (1 - s))
    impregnation  m_C = Y p / (1 - p)  per g skeleton;  pores left = v_p - m_C,in / rho_C
    transcription phi = V_active / V_template;  zero outward expansion  <=>  phi <= 1 / (1 + beta)
                  m_max = rho_a V_template / (1 + beta)   [g active / g template]
    bottom-up     V_env = (1 / rho_a) / (phi_pack (1 - f_pf));  eps = 1 - (V_a + V_C) / V_env

``V_conv`` is the dense volume of the precursor after any conversion step (nitridation of
Mg2Si, disproportionation of SiOx) per gram of precursor; the etch removes the sacrificial
phases and the particle envelope keeps ``V_conv`` (times ``1 - s`` for a shrinkage ``s``).

A char whose skeletal (He) density ``rho_sk`` is below the true density of its carbon
material carries closed micropores ``m_C (1/rho_sk - 1/rho_true)``; a template whose
skeletal density is below its carbon's true density likewise.  These closed pores are
counted in the particle's pore volume and closed fraction, but they do not take up the
lithiation growth of the active phase: the emitted ``accommodation_efficiency`` is the
share of the pore volume that is next to the active phase.

Limitations: ideal, dense phases (no residual porosity inside phases other than the
declared closed micropores), complete reactions and etches, no dissolution of the kept
phase beyond ``si_loss_pct``, no reaction between deposit and template (SiC above ~800 C
is ignored).  The routes' chemistry is written out in :attr:`SynthesisResult.reactions`.

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (bottom-up,
top-down, transcription), Table 2 (synthesis pathway adaptability), Fig. 4e-f (PC/Np-Si)
and Fig. 5e-g (HC-0.6/0.8/1.0 templates).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Mapping

from alloypore.errors import InputError, SpecError, check_range
from alloypore.materials import Material, get_material

__all__ = [
    "PRECURSORS",
    "ROUTES",
    "Phase",
    "PrecursorBalance",
    "SynthesisResult",
    "get_phase",
    "precursor_balance",
    "sacrificial_porosity",
    "si_wt_pct_for_porosity",
    "max_zero_expansion_fill",
    "max_zero_expansion_loading_g_g",
    "top_down",
    "transcription",
    "bottom_up",
    "advise",
    "particle_section_toml",
]

#: Top-down precursors (``--precursor``).  ``SiO`` is an alias of ``SiOx`` with x = 1.
PRECURSORS = ("AlSi", "Mg2Si", "FeSi", "FeSi2", "SiOx")
ROUTES = ("bottom-up", "top-down", "transcription")

_PRECURSOR_ALIASES = {p.lower(): p for p in PRECURSORS} | {"sio": "SiOx", "al-si": "AlSi", "alsi20": "AlSi"}

#: Range of the sacrificial volume fraction the review quotes for top-down precursors (§3).
TOP_DOWN_SACRIFICIAL_RANGE = (0.40, 0.90)


# ---------------------------------------------------------------------------
# precursor phase data


@dataclass(frozen=True)
class Phase:
    """A phase of a precursor or reaction product (lab units)."""

    name: str
    formula: str
    molar_mass_g_mol: float
    density_g_cm3: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=1)
def _precursor_table() -> dict[str, Any]:
    text = resources.files("alloypore.particle").joinpath("data/precursors.toml").read_text("utf-8")
    data = tomllib.loads(text)
    phases = {}
    for row in data["phase"]:
        phases[row["name"]] = Phase(
            name=row["name"],
            formula=row["formula"],
            molar_mass_g_mol=float(row["molar_mass_g_mol"]["value"]),
            density_g_cm3=float(row["density_g_cm3"]["value"]),
            sources={k: row[k]["source"] for k in ("molar_mass_g_mol", "density_g_cm3")},
        )
    consts = {row["name"]: row for row in data["constant"]}
    return {"phase": phases, "constant": consts}


def _const(name: str, key: str) -> float:
    return float(_precursor_table()["constant"][name][key]["value"])


def get_phase(name: str) -> Phase:
    """A precursor phase (Al, Mg, Fe, Mg2Si, Mg3N2, MgO, FeSi, FeSi2) or an electrode
    material with a molar mass (Si, SiO, SiO2) from the materials table."""
    table = _precursor_table()["phase"]
    if name in table:
        return table[name]
    try:
        m = get_material(name, field="phase")
    except SpecError:
        raise InputError("phase", name, f"unknown phase; allowed: {', '.join(table)}, Si, SiO, SiO2") from None
    if m.molar_mass_g_mol is None:
        raise InputError("phase", name, "needs a molar mass; allowed: phases with a formula")
    return Phase(m.name, m.formula, m.molar_mass_g_mol, m.density_g_cm3, dict(m.sources))


def _M(name: str) -> float:
    if name in ("N", "O"):
        return _const(name, "molar_mass_g_mol")
    return get_phase(name).molar_mass_g_mol


def _rho(name: str) -> float:
    return get_phase(name).density_g_cm3


# ---------------------------------------------------------------------------
# top-down: precursor mass/volume balance


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
        return self.kept_mass_g_g / _rho("Si")

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
        v = {n: m / _rho(n) for n, m in self.converted_g.items()}
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


def _normalise_precursor(name: str) -> str:
    key = str(name).strip().lower()
    if key not in _PRECURSOR_ALIASES:
        raise InputError("precursor", name, f"unknown precursor; allowed: {', '.join(PRECURSORS)} (SiO = SiOx, x = 1)")
    return _PRECURSOR_ALIASES[key]


def _vol(phases: Mapping[str, float]) -> float:
    return sum(m / _rho(n) for n, m in phases.items())


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
    name = _normalise_precursor(precursor)
    M_Si = _M("Si")
    if name == "SiOx":
        x = check_range("x", x, 0.0, 2.0, lo_open=True, hi_open=True)
        n = 1.0 / (M_Si + x * _M("O"))  # mol SiOx per g
        # SiO2 molar mass from the same atomic weights, so that mass is conserved exactly
        conv = {"Si": n * (1.0 - x / 2.0) * M_Si, "SiO2": n * (x / 2.0) * (M_Si + 2.0 * _M("O"))}
        label = "SiO" if x == 1.0 else f"SiO{x:g}"
        return PrecursorBalance(
            precursor="SiOx",
            si_wt_pct=100.0 * M_Si / (M_Si + x * _M("O")),
            phases_g={label: 1.0},
            converted_g=conv,
            kept_mass_g_g=conv["Si"],
            converted_volume_cm3_g=_vol(conv),
            reactions=(
                f"{label} -> {x / 2:g} SiO2 + {1 - x / 2:g} Si  (disproportionation, ~900-1100 C, inert gas)",
                "SiO2 + 6 HF -> H2SiF6 + 2 H2O  (HF etch removes the SiO2)",
            ),
            precursor_volume_cm3_g=1.0 / _rho("SiO") if x == 1.0 else None,
        )

    if name == "AlSi":
        if si_wt_pct is None:
            raise InputError("si_wt_pct", "(missing)", "give the Si content of the AlSi alloy, 0 < si_wt_pct < 100")
        w = check_range("si_wt_pct", si_wt_pct, 0.0, 100.0, lo_open=True, hi_open=True, unit="wt%") / 100.0
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

    if name == "Mg2Si":
        M_s = _M("Mg2Si")
        stoich = 100.0 * M_Si / M_s
        w = stoich if si_wt_pct is None else check_range(
            "si_wt_pct", si_wt_pct, 0.0, 100.0, lo_open=True, hi_open=True, unit="wt%"
        )
        w /= 100.0
        n_si, n_mg = w / M_Si, (1.0 - w) / _M("Mg")
        if n_si >= n_mg / 2.0:  # Mg2Si + free Si
            phases = {"Mg2Si": n_mg / 2.0 * M_s, "Si": (n_si - n_mg / 2.0) * M_Si}
        else:  # Mg2Si + free Mg
            phases = {"Mg2Si": n_si * M_s, "Mg": (n_mg - 2.0 * n_si) * _M("Mg")}
        phases = {k: v for k, v in phases.items() if v > 1e-15}
        if conversion == "nitridation":
            conv = {"Mg3N2": n_mg / 3.0 * _M("Mg3N2"), "Si": n_si * M_Si}
            reactions = (
                "3 Mg2Si + 2 N2 -> 2 Mg3N2 + 3 Si  (thermal nitridation in N2, ~700-800 C)",
                "Mg3N2 + 8 HCl -> 3 MgCl2 + 2 NH4Cl  (acid removal of the nitride; Si is kept)",
            )
        elif conversion == "oxidation":
            conv = {"MgO": n_mg * _M("MgO"), "Si": n_si * M_Si}
            reactions = (
                "Mg2Si + O2 -> 2 MgO + Si  (oxidation)",
                "MgO + 2 HCl -> MgCl2 + H2O  (acid removal of MgO; Si is kept)",
            )
        else:
            raise InputError("conversion", conversion, "allowed: nitridation, oxidation")
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

    # FeSi, FeSi2
    k = 1 if name == "FeSi" else 2
    M_s = _M(name)
    stoich = 100.0 * k * M_Si / M_s
    leach = leach or ("fe" if name == "FeSi" else "silicide")
    if leach == "silicide":
        if si_wt_pct is None:
            raise InputError(
                "si_wt_pct", "(missing)",
                f"give the Si content of the ferrosilicon (free Si beside {name}), {stoich:.4g} < si_wt_pct < 100",
            )
        w = check_range("si_wt_pct", si_wt_pct, stoich, 100.0, lo_open=True, hi_open=True, unit="wt%") / 100.0
    elif leach == "fe":
        w = stoich / 100.0 if si_wt_pct is None else check_range(
            "si_wt_pct", si_wt_pct, stoich, 100.0, hi_open=True, unit="wt%") / 100.0
    else:
        raise InputError("leach", leach, "allowed: silicide, fe")
    n_fe = (1.0 - w) / _M("Fe")
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
    a, b = _rho("Si") * (1.0 - eps), _rho("Al") * eps
    return 100.0 * a / (a + b)


# ---------------------------------------------------------------------------
# result type shared by the routes


@dataclass(frozen=True)
class SynthesisResult:
    """The particle a synthesis route makes, per gram of final (delithiated) particle.

    ``mass_fractions`` maps material names of the materials table to mass fractions;
    volumes are cm3 per gram of particle.  :meth:`particle_spec` turns it into a
    ``[particle]`` spec of the design chain.
    """

    route: str
    mass_fractions: dict[str, float]
    solid_volume_cm3_g: float
    pore_volume_cm3_g: float
    closed_pore_volume_cm3_g: float
    usable_pore_volume_cm3_g: float  # pores next to the active phase (take up its growth)
    expansion_basis: str = "crystallographic"
    expansion_pct_override: dict[str, float] = field(default_factory=dict)
    primary_particle_size_nm: float | None = None
    secondary_particle_size_um: float = 10.0
    reactions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def porosity(self) -> float:
        return self.pore_volume_cm3_g / (self.solid_volume_cm3_g + self.pore_volume_cm3_g)

    @property
    def closed_pore_fraction(self) -> float:
        return self.closed_pore_volume_cm3_g / self.pore_volume_cm3_g if self.pore_volume_cm3_g > 0 else 0.0

    @property
    def accommodation_efficiency(self) -> float:
        """Share of the pore volume that can take up the active phase's growth (0, 1]."""
        if self.pore_volume_cm3_g <= 0:
            return 1.0
        return max(self.usable_pore_volume_cm3_g / self.pore_volume_cm3_g, 1e-9)

    @property
    def true_density_g_cm3(self) -> float:
        return 1.0 / self.solid_volume_cm3_g

    @property
    def skeletal_density_g_cm3(self) -> float:
        return 1.0 / (self.solid_volume_cm3_g + self.closed_pore_volume_cm3_g)

    @property
    def envelope_density_g_cm3(self) -> float:
        return 1.0 / (self.solid_volume_cm3_g + self.pore_volume_cm3_g)

    def particle_spec(self) -> dict:
        """The ``[particle]`` section (a dict ready for :class:`~alloypore.particle.ParticleSpec`)."""
        phases = []
        for name, w in self.mass_fractions.items():
            ph: dict[str, Any] = {"material": name, "mass_fraction": w}
            if name in self.expansion_pct_override:
                ph["volume_expansion_pct"] = self.expansion_pct_override[name]
            phases.append(ph)
        spec: dict[str, Any] = {
            "phases": phases,
            "porosity": self.porosity,
            "closed_pore_fraction": self.closed_pore_fraction,
            "accommodation_efficiency": self.accommodation_efficiency,
            "expansion_basis": self.expansion_basis,
            "secondary_particle_size_um": self.secondary_particle_size_um,
        }
        if self.primary_particle_size_nm is not None:
            spec["primary_particle_size_nm"] = self.primary_particle_size_nm
        return spec

    def evaluate(self):
        """The chain's particle model on :meth:`particle_spec` (capacity, expansion, ...)."""
        from alloypore.particle.model import evaluate_particle

        return evaluate_particle(self.particle_spec())

    def to_dict(self) -> dict:
        p = self.evaluate()
        out = {
            "route": self.route,
            "porosity": self.porosity,
            "mass_fractions": dict(self.mass_fractions),
            "pore_volume_cm3_g": self.pore_volume_cm3_g,
            "closed_pore_fraction": self.closed_pore_fraction,
            "accommodation_efficiency": self.accommodation_efficiency,
            "true_density_g_cm3": self.true_density_g_cm3,
            "skeletal_density_g_cm3": self.skeletal_density_g_cm3,
            "envelope_density_g_cm3": self.envelope_density_g_cm3,
            "capacity_mAh_g": float(p.capacity_mAh_g),
            "required_porosity": float(p.required_porosity),
            "volume_expansion_pct": float(p.volume_expansion_pct),
        }
        out.update(self.details)
        out["reactions"] = list(self.reactions)
        out["cautions"] = list(self.cautions)
        out["particle_spec"] = self.particle_spec()
        return out


def _merge(masses: list[tuple[str, float]]) -> dict[str, float]:
    """Normalised mass fractions of the non-zero ``(material, grams)`` entries; a material
    listed twice (template and overcoat of the same carbon) is summed."""
    merged: dict[str, float] = {}
    for name, m in masses:
        if m <= 0:
            continue
        canon = get_material(name).name
        merged[canon] = merged.get(canon, 0.0) + m
    tot = sum(merged.values())
    return {k: v / tot for k, v in merged.items()}


def _carbon(material: str, skeletal_density_g_cm3: float | None, field_name: str) -> tuple[Material, float]:
    """The carbon material and its skeletal density (<= its true density)."""
    m = get_material(material, field=field_name.replace("density_g_cm3", "material"))
    if skeletal_density_g_cm3 is None:
        return m, m.density_g_cm3
    rho = check_range(field_name, skeletal_density_g_cm3, 0.0, m.density_g_cm3, lo_open=True, unit="g/cm3")
    return m, rho


def _expansion(active: Material, basis: str, expansion_pct: float | None) -> float:
    if expansion_pct is not None:
        return check_range("expansion_pct", expansion_pct, 0.0, 1000.0, unit="%") / 100.0
    if basis not in ("crystallographic", "quoted"):
        raise InputError("beta_basis", basis, "allowed: crystallographic, quoted")
    return active.expansion(basis)


def _table2_cautions(active: Material, column: str) -> list[str]:
    value = getattr(active, column, None)
    if value is None:
        return []
    return [f"Table 2 ({column.replace('_', ' ')}) for {active.name}: {value}"] + _ROUTE_CAUTIONS[column].get(
        _grade(column, active.name, value), []
    )


# ---------------------------------------------------------------------------
# top-down


_TOP_DOWN_CAUTIONS = {
    "AlSi": ["acid etching of Al evolves H2 (flammable); AlCl3 waste stream"],
    "Mg2Si": [
        "magnesiothermic / Mg-based routes: Mg and Mg2Si powders are pyrophoric; nitridation at high temperature",
        "direct acid etching of Mg2Si would release SiH4 (pyrophoric); hence the conversion to Mg3N2 or MgO first",
    ],
    "FeSi": ["iron silicides are acid resistant: check for residual silicide (XRD) after the etch"],
    "FeSi2": ["iron silicides are acid resistant: check for residual silicide (XRD) after the etch"],
    "SiOx": ["HF etching: highly toxic and corrosive; costly waste treatment (review §3)"],
}


def top_down(
    precursor: str = "AlSi",
    *,
    si_wt_pct: float | None = None,
    x: float = 1.0,
    conversion: Literal["nitridation", "oxidation"] = "nitridation",
    leach: Literal["silicide", "fe"] | None = None,
    shrinkage_pct: float = 0.0,
    si_loss_pct: float = 0.0,
    pitch_wt_pct: float = 0.0,
    char_yield: float | None = None,
    pitch_density_g_cm3: float | None = None,
    carbon_material: str = "amorphous_carbon",
    carbon_density_g_cm3: float | None = None,
    closed_pore_fraction: float = 0.0,
    allow_out_of_pore: bool = False,
    primary_particle_size_nm: float | None = None,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Top-down: etch the sacrificial phases of a precursor, then optionally impregnate pitch.

    Equations (per gram of porous Si skeleton)::

        eps_skel = 1 - (m_Si (1 - loss) / rho_Si) / (V_conv (1 - s))
        v_p      = eps_skel / ((1 - eps_skel) rho_Si)
        m_pitch  = p / (1 - p);   V_pitch = m_pitch / rho_pitch;   f_in = min(1, v_p / V_pitch)
        m_C      = Y m_pitch;     V_C = m_C / rho_C,sk
        pores    = v_p - f_in V_C  (+ closed char micropores m_C (1/rho_C,sk - 1/rho_C,true))
        envelope = 1/rho_Si + v_p + (1 - f_in) V_C          (excess pitch carbon forms a shell)

    Parameters
    ----------
    precursor, si_wt_pct, x, conversion, leach : see :func:`precursor_balance`.
    shrinkage_pct : volume shrinkage of the envelope on etching, % (0 <= s < eps_0).
    si_loss_pct : share of the Si dissolved or lost in etching, % (its volume becomes pore).
    pitch_wt_pct : pitch in the impregnated mixture, pitch / (pitch + porous Si), wt%.
    char_yield : carbon left per gram of pitch after carbonisation (default 0.55, assumed).
    pitch_density_g_cm3 : density of the pitch that fills the pores (default 1.30, assumed).
    carbon_material : materials-table carbon the char becomes (default amorphous_carbon).
    carbon_density_g_cm3 : skeletal density of the char; below the material's true density
        the difference is closed micropores in the carbon.
    closed_pore_fraction : share of the skeleton pores left after impregnation that the
        carbon seals (closed to electrolyte).
    allow_out_of_pore : accept pitch beyond the pore volume (it becomes a carbon shell);
        otherwise that raises.

    Returns
    -------
    SynthesisResult with details ``skeleton_porosity``, ``sacrificial_volume_fraction``,
    ``yield_g_si_per_g_precursor``, ``carbon_wt_pct``, ``max_pitch_wt_pct``...
    """
    bal = precursor_balance(precursor, si_wt_pct=si_wt_pct, x=x, conversion=conversion, leach=leach)
    eps0 = bal.sacrificial_volume_fraction
    if eps0 <= 0:
        raise InputError(
            "precursor", precursor,
            f"leaves no pores: the kept Si needs {bal.kept_volume_cm3_g:.4g} cm3/g, more than the "
            f"{bal.converted_volume_cm3_g:.4g} cm3/g precursor envelope; allowed: a precursor with a sacrificial phase",
        )
    s = check_range("shrinkage_pct", shrinkage_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    loss = check_range("si_loss_pct", si_loss_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    m_si = bal.kept_mass_g_g * (1.0 - loss)  # g porous Si per g precursor
    v_env = bal.converted_volume_cm3_g * (1.0 - s)
    eps_skel = 1.0 - (m_si / _rho("Si")) / v_env
    if eps_skel < 0:
        raise InputError(
            "shrinkage_pct", shrinkage_pct, f"shrinks the envelope below the Si volume; allowed < {100 * eps0:.4g} %"
        )
    v_si = 1.0 / _rho("Si")
    v_p = v_env / m_si - v_si  # cm3 pores per g Si

    p = check_range("pitch_wt_pct", pitch_wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    Y = check_range("char_yield", _const("pitch", "char_yield") if char_yield is None else char_yield, 0.0, 1.0,
                    lo_open=True)
    rho_pitch = check_range(
        "pitch_density_g_cm3", _const("pitch", "density_g_cm3") if pitch_density_g_cm3 is None else pitch_density_g_cm3,
        0.5, 3.0, unit="g/cm3",
    )
    cmat, rho_c = _carbon(carbon_material, carbon_density_g_cm3, "carbon_density_g_cm3")
    if Y * rho_pitch > rho_c * (1 + 1e-12):
        raise InputError(
            "char_yield", Y, f"the char would occupy more volume than its pitch; allowed <= {rho_c / rho_pitch:.4g} "
            f"(carbon skeletal density / pitch density)"
        )
    m_pitch = p / (1.0 - p)
    V_pitch = m_pitch / rho_pitch
    max_pitch = rho_pitch * v_p / (1.0 + rho_pitch * v_p)  # pitch that just fills the pores
    f_in = 1.0 if V_pitch <= v_p else v_p / V_pitch
    if f_in < 1.0 and not allow_out_of_pore:
        raise InputError(
            "pitch_wt_pct", pitch_wt_pct,
            f"pitch does not fit in the {v_p:.4g} cm3/g Si of pores; allowed <= {100 * max_pitch:.4g} wt% "
            "(or allow out-of-pore carbon)",
        )
    m_c = Y * m_pitch
    V_c_sk = m_c / rho_c
    v_closed_c = m_c * (1.0 / rho_c - 1.0 / cmat.density_g_cm3)
    pores_left = v_p - f_in * V_c_sk
    fc = check_range("closed_pore_fraction", closed_pore_fraction, 0.0, 1.0)

    mass = 1.0 + m_c
    masses = [("Si", 1.0), (cmat.name, m_c)]
    solid = v_si + m_c / cmat.density_g_cm3
    pore = pores_left + v_closed_c
    closed = fc * pores_left + v_closed_c

    cautions = list(_TOP_DOWN_CAUTIONS[bal.precursor])
    cautions.append("etched Si must be carbon coated or impregnated: bare Si in electrolyte is detrimental (review §3)")
    if not (TOP_DOWN_SACRIFICIAL_RANGE[0] <= eps0 <= TOP_DOWN_SACRIFICIAL_RANGE[1]):
        cautions.append(
            f"sacrificial volume fraction {eps0:.3f} is outside the 0.40-0.90 the review reports for top-down precursors"
        )
    if f_in < 1.0:
        cautions.append(f"{100 * (1 - f_in):.3g} % of the pitch lies outside the pores and forms a carbon shell")

    details = {
        "precursor": bal.precursor,
        "si_wt_pct": bal.si_wt_pct,
        "sacrificial_volume_fraction": eps0,
        "skeleton_porosity": eps_skel,
        "skeleton_pore_volume_cm3_g_si": v_p,
        "porosity_vs_precursor_envelope": (
            None if bal.precursor_volume_cm3_g is None else 1.0 - (m_si / _rho("Si")) / bal.precursor_volume_cm3_g
        ),
        "yield_g_si_per_g_precursor": m_si,
        "yield_g_particle_per_g_precursor": m_si * mass,
        "pitch_wt_pct": 100.0 * p,
        "char_yield": Y,
        "carbon_wt_pct": 100.0 * m_c / mass,
        "max_pitch_wt_pct": 100.0 * max_pitch,
        "pitch_fill_fraction": min(V_pitch / v_p, 1.0) if v_p > 0 else 0.0,
        "out_of_pore_carbon_cm3_g": (1.0 - f_in) * V_c_sk / mass,
        "balance": bal.to_dict(),
    }
    return SynthesisResult(
        route="top-down",
        mass_fractions=_merge(masses),
        solid_volume_cm3_g=solid / mass,
        pore_volume_cm3_g=pore / mass,
        closed_pore_volume_cm3_g=closed / mass,
        usable_pore_volume_cm3_g=pores_left / mass,
        primary_particle_size_nm=primary_particle_size_nm,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=bal.reactions + (("pitch impregnation (vacuum, pitch/toluene), carbonisation: pitch -> C",) if p else ()),
        cautions=tuple(cautions),
        details=details,
    )


# ---------------------------------------------------------------------------
# transcription


def max_zero_expansion_fill(beta: float) -> float:
    """Largest share of a template's pore volume the deposit may fill with zero outward growth.

    The deposit of volume ``V_a`` grows by ``beta V_a`` on full lithiation; it stays inside
    the template when ``beta V_a <= V_t - V_a``, i.e. ``phi = V_a / V_t <= 1 / (1 + beta)``.
    """
    return 1.0 / (1.0 + beta)


def max_zero_expansion_loading_g_g(pore_volume_cm3_g: float, active_density_g_cm3: float, beta: float) -> float:
    """Largest deposit per gram of template with zero outward growth: ``rho_a V_t / (1 + beta)``."""
    return active_density_g_cm3 * pore_volume_cm3_g * max_zero_expansion_fill(beta)


def transcription(
    *,
    template_pore_volume_cm3_g: float,
    active: str = "Si",
    fill: float | Literal["max"] | None = "max",
    g_active_per_g_template: float | None = None,
    template_material: str = "hard_carbon",
    template_skeletal_density_g_cm3: float | None = None,
    beta_basis: Literal["crystallographic", "quoted"] = "crystallographic",
    expansion_pct: float | None = None,
    overcoat_wt_pct: float = 0.0,
    overcoat_material: str = "amorphous_carbon",
    sealed_pore_fraction: float | None = None,
    allow_out_of_pore: bool = False,
    primary_particle_size_nm: float | None = None,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Transcription: deposit an active phase into the open pores of a porous carbon template.

    Equations (per gram of template)::

        V_a = m_a / rho_a;   phi = V_a / V_t;   void = V_t - V_a
        zero outward expansion  <=>  beta V_a <= void  <=>  phi <= 1 / (1 + beta)
        m_max = rho_a V_t / (1 + beta);   out-of-pore excess = max(V_a - V_t, 0)
        overcoat m_oc = c (1 + m_a) / (1 - c) as a dense shell; it seals a share of the void
        template closed pores = 1/rho_sk - 1/rho_true (He density below the carbon's true density)

    Parameters
    ----------
    template_pore_volume_cm3_g : open pore volume of the template (N2 total pore volume), cm3/g.
    active : deposited material (Si; Ge, Sn, Sb with Table 2's warnings).
    fill : share of the pore volume filled, a number in (0, 1] or ``"max"`` (1/(1+beta)).
    g_active_per_g_template : deposit mass instead of ``fill`` (may exceed the pores only
        with ``allow_out_of_pore``).
    template_material, template_skeletal_density_g_cm3 : the template carbon and its He
        (skeletal) density; default the material's true density (no closed pores).
    beta_basis, expansion_pct : full volume expansion of the active phase: the materials
        table on a basis (``crystallographic`` 2.808 for Si, ``quoted`` 2.80), or a value.
    overcoat_wt_pct : carbon overcoat, wt% of the final particle.
    sealed_pore_fraction : share of the remaining in-pore void the overcoat closes
        (default 1 with an overcoat, 0 without).
    """
    amat = get_material(active, field="active")
    if amat.kind != "alloy":
        raise InputError("active", active, "must be an alloying material; allowed: Si, Ge, Sn, Sb, Al, SiO")
    tmat = get_material(template_material, field="template_material")
    if tmat.kind == "inactive":
        raise InputError("template_material", template_material, "must be a carbon: graphite, hard_carbon, amorphous_carbon")
    V_t = check_range("template_pore_volume_cm3_g", template_pore_volume_cm3_g, 0.0, 20.0, lo_open=True, unit="cm3/g")
    rho_t = tmat.density_g_cm3
    if template_skeletal_density_g_cm3 is None:
        rho_sk = rho_t
    else:
        rho_sk = check_range(
            "template_skeletal_density_g_cm3", template_skeletal_density_g_cm3, 0.0, rho_t, lo_open=True, unit="g/cm3"
        )
    v_tc = 1.0 / rho_sk - 1.0 / rho_t
    beta = _expansion(amat, beta_basis, expansion_pct)
    rho_a = amat.density_g_cm3
    m_max = max_zero_expansion_loading_g_g(V_t, rho_a, beta)

    if g_active_per_g_template is not None:
        m_a = check_range("g_active_per_g_template", g_active_per_g_template, 0.0, 100.0, lo_open=True, unit="g/g")
    elif fill is None or (isinstance(fill, str) and fill.strip().lower() == "max"):
        m_a = m_max
    else:
        try:
            phi_in = float(fill)
        except (TypeError, ValueError):
            raise InputError("fill", fill, "allowed: max or a number 0 < fill <= 1") from None
        phi_in = check_range("fill", phi_in, 0.0, 1.0, lo_open=True)
        m_a = phi_in * V_t * rho_a
    V_a = m_a / rho_a
    excess = max(V_a - V_t, 0.0)
    if excess > 0 and not allow_out_of_pore:
        raise InputError(
            "g_active_per_g_template", m_a,
            f"loading cannot fit: {V_a:.4g} cm3 of {amat.name} in {V_t:.4g} cm3 of pores; "
            f"allowed <= {V_t * rho_a:.4g} g/g (or allow out-of-pore growth)",
        )
    void = V_t - min(V_a, V_t)

    c = check_range("overcoat_wt_pct", overcoat_wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    omat = get_material(overcoat_material, field="overcoat_material")
    m_oc = c * (1.0 + m_a) / (1.0 - c)
    if sealed_pore_fraction is None:
        sealed = 1.0 if c > 0 else 0.0
    else:
        sealed = check_range("sealed_pore_fraction", sealed_pore_fraction, 0.0, 1.0)

    mass = 1.0 + m_a + m_oc
    solid = 1.0 / rho_t + V_a + m_oc / omat.density_g_cm3
    pore = void + v_tc
    closed = v_tc + sealed * void
    phi = V_a / V_t
    phi_max = max_zero_expansion_fill(beta)

    cautions = _table2_cautions(amat, "chemical_deposition")
    if excess > 0:
        cautions.append(
            f"{excess:.3g} cm3/g template of {amat.name} grows outside the pores (out-of-pore growth: unstable on "
            "cycling, review Fig. 5g)"
        )
    if phi > phi_max * (1 + 1e-9):
        cautions.append(
            f"fill {phi:.3f} exceeds the zero-expansion limit 1/(1+beta) = {phi_max:.3f}: the particle grows outward"
        )
    details = {
        "active": amat.name,
        "template_material": tmat.name,
        "template_pore_volume_cm3_g": V_t,
        "template_skeletal_density_g_cm3": rho_sk,
        "template_closed_pore_volume_cm3_g": v_tc,
        "beta": beta,
        "expansion_basis": "override" if expansion_pct is not None else beta_basis,
        "g_active_per_g_template": m_a,
        "active_wt_pct": 100.0 * m_a / mass,
        "fill_fraction": phi,
        "max_zero_expansion_fill": phi_max,
        "max_zero_expansion_g_per_g_template": m_max,
        "void_cm3_g_template": void,
        "void_absorbs_full_expansion": bool(beta * min(V_a, V_t) <= void * (1 + 1e-9) and excess == 0),
        "out_of_pore_cm3_g_template": excess,
        "overcoat_wt_pct": 100.0 * c,
        "sealed_pore_fraction": sealed,
    }
    return SynthesisResult(
        route="transcription",
        mass_fractions=_merge([(tmat.name, 1.0), (amat.name, m_a), (omat.name, m_oc)]),
        solid_volume_cm3_g=solid / mass,
        pore_volume_cm3_g=pore / mass,
        closed_pore_volume_cm3_g=closed / mass,
        usable_pore_volume_cm3_g=void / mass,
        expansion_basis="quoted" if beta_basis == "quoted" else "crystallographic",
        expansion_pct_override={} if expansion_pct is None else {amat.name: 100.0 * beta},
        primary_particle_size_nm=primary_particle_size_nm,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=_DEPOSITION.get(amat.name, ()) + (("overcoat: CVD carbon, e.g. C2H2 -> 2 C + H2",) if c else ()),
        cautions=tuple(cautions),
        details=details,
    )


_DEPOSITION = {
    "Si": ("SiH4 -> Si + 2 H2  (CVD into the template pores, ~450-500 C)",),
    "Ge": ("GeH4 -> Ge + 2 H2  (CVD)",),
    "Sn": ("SnH4 -> Sn + 2 H2  (CVD; SnH4 is unstable)",),
    "Sb": ("2 SbH3 -> 2 Sb + 3 H2  (CVD; SbH3 is unstable)",),
}


# ---------------------------------------------------------------------------
# bottom-up


def bottom_up(
    *,
    active: str = "Si",
    primary_particle_size_nm: float = 100.0,
    packing_fraction: float = 0.55,
    carbon_precursor_wt_pct: float = 0.0,
    char_yield: float = 0.5,
    precursor_density_g_cm3: float = 1.3,
    carbon_material: str = "amorphous_carbon",
    carbon_density_g_cm3: float | None = None,
    pore_former_vol_pct: float = 0.0,
    shrinkage_pct: float = 0.0,
    closed_pore_fraction: float = 0.0,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Bottom-up: primary particles + carbon precursor + pore former -> porous secondary particle.

    Equations (per gram of active primary particles)::

        V_a    = 1 / rho_a;   V_pack = V_a / phi_pack            (primaries at packing fraction phi_pack)
        V_env  = V_pack / (1 - f_pf) * (1 - s)                   (pore former: share f_pf of the granule)
        m_cp   = c / (1 - c);   needs m_cp / rho_cp <= (1 - phi_pack) V_pack   (precursor fits the interstices)
        m_C    = Y m_cp;  V_C = m_C / rho_C,sk
        pores  = V_env - V_a - V_C   (+ closed char micropores m_C (1/rho_C,sk - 1/rho_C,true))

    Parameters
    ----------
    active : material of the primary particles.
    primary_particle_size_nm : primary size (carried to the spec; the porosity does not depend on it).
    packing_fraction : volume fraction of the granule's packing region taken by primaries,
        0 < phi <= 0.7405 (fcc; random close packing ~0.64; spray-dried granules ~0.5-0.6).
    carbon_precursor_wt_pct : carbon precursor in the dry solids (precursor + active), wt%.
    char_yield : carbon left per gram of precursor after pyrolysis.
    precursor_density_g_cm3 : density of the carbon precursor (for the fit check).
    pore_former_vol_pct : pore former, vol% of the granule envelope (burns out or leaches).
    shrinkage_pct : volume shrinkage of the granule on pyrolysis, %.
    closed_pore_fraction : share of the granule pores closed to electrolyte (e.g. by a coating).
    """
    amat = get_material(active, field="active")
    if amat.kind != "alloy":
        raise InputError("active", active, "must be an alloying material; allowed: Si, Ge, Sn, Sb, Al, SiO")
    d = check_range("primary_particle_size_nm", primary_particle_size_nm, 0.0, 1e6, lo_open=True, unit="nm")
    phi = check_range("packing_fraction", packing_fraction, 0.0, math.pi / (3 * math.sqrt(2)), lo_open=True)
    f_pf = check_range("pore_former_vol_pct", pore_former_vol_pct, 0.0, 100.0, hi_open=True, unit="vol%") / 100.0
    c = check_range("carbon_precursor_wt_pct", carbon_precursor_wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    Y = check_range("char_yield", char_yield, 0.0, 1.0, lo_open=True)
    rho_cp = check_range("precursor_density_g_cm3", precursor_density_g_cm3, 0.3, 5.0, unit="g/cm3")
    s = check_range("shrinkage_pct", shrinkage_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    fc = check_range("closed_pore_fraction", closed_pore_fraction, 0.0, 1.0)
    cmat, rho_c = _carbon(carbon_material, carbon_density_g_cm3, "carbon_density_g_cm3")

    V_a = 1.0 / amat.density_g_cm3
    V_pack = V_a / phi
    m_cp = c / (1.0 - c)
    interstice = (1.0 - phi) * V_pack
    if m_cp / rho_cp > interstice * (1 + 1e-12):
        c_max = interstice * rho_cp / (1.0 + interstice * rho_cp)
        raise InputError(
            "carbon_precursor_wt_pct", carbon_precursor_wt_pct,
            f"the precursor does not fit between the primaries at packing {phi:g}; allowed <= {100 * c_max:.4g} wt%",
        )
    m_c = Y * m_cp
    V_c = m_c / rho_c
    V_env = V_pack / (1.0 - f_pf) * (1.0 - s)
    pores = V_env - V_a - V_c
    if pores < 0:
        raise InputError("shrinkage_pct", shrinkage_pct, "shrinks the granule below its solid volume; lower it")
    v_closed_c = m_c * (1.0 / rho_c - 1.0 / cmat.density_g_cm3)
    mass = 1.0 + m_c
    solid = V_a + m_c / cmat.density_g_cm3
    cautions = _table2_cautions(amat, "nanoparticle_synthesis")
    cautions.append("nano-sized primaries oxidise: granulation and pyrolysis under inert gas (review §3)")
    details = {
        "active": amat.name,
        "primary_particle_size_nm": d,
        "primary_ssa_m2_g": 6000.0 / (amat.density_g_cm3 * d),
        "packing_fraction": phi,
        "pore_former_vol_pct": 100.0 * f_pf,
        "pore_former_cm3_g_active": V_pack * f_pf / (1.0 - f_pf),
        "carbon_precursor_wt_pct": 100.0 * c,
        "char_yield": Y,
        "carbon_wt_pct": 100.0 * m_c / mass,
        "granule_porosity_before_pyrolysis": 1.0 - (V_a + m_cp / rho_cp) / (V_pack / (1.0 - f_pf)),
        "shrinkage_pct": 100.0 * s,
    }
    return SynthesisResult(
        route="bottom-up",
        mass_fractions=_merge([(amat.name, 1.0), (cmat.name, m_c)]),
        solid_volume_cm3_g=solid / mass,
        pore_volume_cm3_g=(pores + v_closed_c) / mass,
        closed_pore_volume_cm3_g=(fc * pores + v_closed_c) / mass,
        usable_pore_volume_cm3_g=pores / mass,
        primary_particle_size_nm=d,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=(
            ("carbon precursor -> C + volatiles  (pyrolysis, typically 400-800 C or higher)",) if c else ()
        ) + (("pore former burns out or is leached, leaving its volume as pores",) if f_pf else ()),
        cautions=tuple(cautions),
        details=details,
    )


# ---------------------------------------------------------------------------
# advisor (review Table 2)

_FEASIBILITY = {
    "nanoparticle_synthesis": {"facile": "feasible", "medium": "feasible", "difficult": "challenging"},
    "etching_selectivity": {"acid": "feasible", "facile": "feasible", "amphoteric": "challenging"},
}

_ROUTE_CAUTIONS: dict[str, dict[str, list[str]]] = {
    "nanoparticle_synthesis": {
        "feasible": [],
        "challenging": [
            "nanonisation of Sn, Ge and Al by milling is hard (oxidation, ductility); CVD-made Ge/Sn nanoparticles "
            "cost > 1000 $/kg; CVD of Al is very difficult (AlH3 is a solid) (review §3, Table 2)",
        ],
        "not available": [],
    },
    "etching_selectivity": {
        "feasible": [],
        "challenging": [
            "poor etching selectivity: Sn, Ge and Al react with both acids and alkali (review, Table 2 notes (3)(b))",
        ],
        "not available": ["no selective etchant for this element (Table 2: N/A)"],
    },
    "chemical_deposition": {
        "feasible": [
            "SiH4 is pyrophoric and toxic; CVD throughput is low (low molarity of gaseous precursors) and the "
            "equipment costly (review §3)",
            "amorphous nano-Si reacts with carbon to SiC above ~800 C: choose the overcoat temperature with care",
        ],
        "challenging": [
            "GeH4 / SnH4 / SbH3: costly, unstable or dangerous precursors; deposition into porous carbon rarely "
            "explored (review, Table 2 notes (3)(c))",
        ],
        "not available": ["no gaseous precursor for chemical deposition (Table 2: N/A)"],
    },
}


def _grade(column: str, material: str, value: str | None) -> str:
    """Feasible / challenging / not available from a Table 2 cell (with the text's corrections)."""
    if value is None or value.strip().upper() in ("N/A", "NA", ""):
        return "not available"
    v = value.strip().lower()
    if column == "etching_selectivity" and material in ("Sn", "Ge", "Al"):
        return "challenging"  # review, Table 2 notes (3)(b): Sn, Ge, Al show poor selectivity (Table 2 lists Sn as Facile)
    if column == "chemical_deposition":
        return "feasible" if v.startswith("mature") else "challenging"
    if column == "etching_selectivity" and v.startswith("hf"):
        return "feasible"
    return _FEASIBILITY[column].get(v.split()[0], "challenging")


_ROUTE_COLUMN = {
    "bottom-up": "nanoparticle_synthesis",
    "top-down": "etching_selectivity",
    "transcription": "chemical_deposition",
}


def advise(material: str, porosity: float | None = None) -> dict:
    """Which synthesis routes Table 2 of the review allows for ``material``, with its cautions.

    Each route is graded from the Table 2 column it depends on: bottom-up from *nanoparticle
    synthesis*, top-down from *etching selectivity*, transcription from *chemical
    deposition* ("feasible", "challenging" or "not available").  The notes under Table 2, (3)(b), override
    the table where they disagree: Table 2 lists Sn's etching selectivity as "Facile", the
    text names Sn with Ge and Al as poorly selective; the advisor follows the text and says so.

    With a target ``porosity`` it compares against the porosity that absorbs full expansion,
    ``beta / (1 + beta)`` (crystallographic and quoted), the 40-90 vol% sacrificial range
    of top-down precursors, and (for Si) gives the AlSi composition and the transcription
    fill that realise it.
    """
    m = get_material(material, field="material")
    if m.kind != "alloy":
        raise InputError("material", material, "must be an alloying material; allowed: Si, Ge, Sn, Sb, Al, SiO")
    eps = None if porosity is None else check_range("porosity", porosity, 0.0, 1.0, hi_open=True)
    req = {"crystallographic": m.required_porosity("crystallographic"), "quoted": m.required_porosity("quoted")}
    routes = []
    for route, column in _ROUTE_COLUMN.items():
        value = getattr(m, column)
        grade = _grade(column, m.name, value)
        cautions = list(_ROUTE_CAUTIONS[column].get(grade, []))
        notes = []
        if column == "etching_selectivity" and m.name == "Sn":
            notes.append("Table 2 lists Sn etching selectivity as 'Facile' but the notes (3)(b) name Sn among the poorly "
                         "selective elements; graded by the text")
        if route == "top-down":
            if m.name in ("Si", "SiO"):
                cautions.append("SiOx route: HF etching (toxic, costly waste); SiO2 route: magnesiothermic reduction "
                                "(exothermic, pyrophoric Mg) (review §3)")
            if eps is not None:
                lo, hi = TOP_DOWN_SACRIFICIAL_RANGE
                if not (lo <= eps <= hi):
                    notes.append(f"porosity {eps:g} is outside the 40-90 vol% sacrificial fraction of usual precursors")
                if m.name == "Si":
                    notes.append(f"AlSi with {si_wt_pct_for_porosity(eps):.3g} wt% Si gives this porosity when fully "
                                 "etched (no shrinkage)")
        if route == "transcription":
            phi = max_zero_expansion_fill(m.expansion("crystallographic"))
            notes.append(f"fill at most {phi:.3f} of the template pore volume for zero outward expansion")
        if route == "bottom-up" and eps is not None and eps > 1 - 0.5:
            notes.append("porosity above ~0.5 needs a pore former or a loose packing (random close packing leaves 0.36)")
        routes.append({
            "route": route,
            "table2_column": column,
            "table2_value": value,
            "feasibility": grade,
            "cautions": cautions,
            "notes": notes,
        })
    out = {
        "material": m.name,
        "porosity_target": eps,
        "required_porosity": req,
        "routes": routes,
        "source": "review Table 2 and §3 (synthesis pathway adaptability)",
    }
    if eps is not None:
        out["absorbs_full_expansion"] = {k: eps >= v for k, v in req.items()}
    return out


# ---------------------------------------------------------------------------
# spec output


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(float(v))
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def particle_section_toml(spec: Mapping[str, Any], comment: str = "") -> str:
    """The ``[particle]`` section of a design spec as TOML text (full float precision)."""
    lines = [f"# {line}" for line in comment.splitlines()] if comment else []
    lines.append("[particle]")
    for k, v in spec.items():
        if v is None:
            continue
        lines.append(f"{k} = {_toml_value(v)}")
    return "\n".join(lines) + "\n"
