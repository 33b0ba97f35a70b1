"""One material of the table and the quantities derived from it (capacity, expansion, ICE).

Capacities and volume expansions of stoichiometric hosts are computed here from molar
mass, Li per host atom, density and the lithiated molar volume; they are never stored.

Equations
---------
Gravimetric capacity of a host with ``x`` Li per host atom of molar mass ``M``::

    q = x F / (3.6 M)            [mAh/g]     (F = 96485.33212 C/mol)

Volumetric capacity, pristine and at full lithiation::

    q_v = q * rho                 [mAh/cm3 of pristine host]
    q_v,lith = x F / (3.6 V_lith) [mAh/cm3 of lithiated phase]  (Obrovac & Chevrier 2014)

Full volume expansion (fraction)::

    beta = V_lith / (M / rho) - 1

Intrinsic first-cycle efficiency of a reaction that traps Li (SiO -> Li4SiO4)::

    ICE_intr = x / (x + x_irr)

Partial molar volume of Li in the host (volume added per mole of Li, the mechanics' Omega)::

    Omega = (V_lith - V_host) / x = beta V_host / x     [cm3/mol Li]

with ``x`` and ``V_lith`` of the SAME lithiated phase (:mod:`alloypore.materials.phases`).  A
carbon without a stoichiometric phase (hard carbon) uses its measured expansion and the ``x``
of its measured capacity, ``x = q M / (F/3.6)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, Mapping

from alloypore.errors import SpecError
from alloypore.materials.phases import LithiatedPhase

__all__ = ["FARADAY_C_MOL", "MAH_PER_MOL", "KINDS", "ExpansionBasis", "EXPANSION_BASES", "DEFAULT_EXPANSION_BASIS",
           "Material"]

FARADAY_C_MOL = 96485.33212  # CODATA 2018, exact in SI 2019
#: mAh per mol of electrons
MAH_PER_MOL = FARADAY_C_MOL / 3.6
#: The kinds of rows in the table.
KINDS = ("alloy", "carbon", "inactive")

ExpansionBasis = Literal["crystallographic", "quoted"]
#: The two expansion bases: each material's crystallographic (computed) expansion, or the review's quoted one.
EXPANSION_BASES = ("crystallographic", "quoted")
#: The one default basis of the whole package (the design chain, the studies, the CLI and web).
DEFAULT_EXPANSION_BASIS: ExpansionBasis = "crystallographic"


@dataclass(frozen=True)
class Material:
    """One row of the materials table (all numbers in lab units, see field names)."""

    name: str
    kind: str  # "alloy" | "carbon" | "inactive"
    formula: str
    description: str
    density_g_cm3: float
    molar_mass_g_mol: float | None = None
    lithiated_phase: str | None = None
    li_per_host: float | None = None
    li_irreversible_per_host: float = 0.0
    lithiated_molar_volume_cm3_mol: float | None = None
    measured_capacity_mAh_g: float | None = None
    measured_expansion_pct: float | None = None
    quoted_expansion_pct: float | None = None
    delithiation_potential_V: float | None = None
    conductivity_S_cm: float | None = None
    typical_first_cycle_efficiency: float | None = None
    nanoparticle_synthesis: str | None = None
    etching_selectivity: str | None = None
    chemical_deposition: str | None = None
    phases: tuple[LithiatedPhase, ...] = field(default=(), compare=False, repr=False)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    # ---- lithiated phases ---------------------------------------------------
    def phase_names(self) -> list[str]:
        """Names of the lithiated end phases this row lists (the default one first if it is listed)."""
        names = [p.name for p in self.phases]
        return sorted(names, key=lambda n: n != self.lithiated_phase)

    def with_phase(self, name: str | None, *, field: str = "lithiated_phase") -> "Material":
        """This material lithiated to the phase ``name`` (case-insensitive): its ``x``, molar volume and sources.

        ``None`` or the current phase returns ``self``.  Raises a one-line :class:`SpecError`
        naming ``field`` when the row does not list that phase.
        """
        if name is None or name == self.lithiated_phase:
            return self
        match = [p for p in self.phases if p.name.lower() == str(name).lower()]
        if not match:
            listed = ", ".join(self.phase_names()) or (self.lithiated_phase or "none")
            raise SpecError(field, name, f"not a lithiated phase of {self.name}; allowed: {listed}")
        ph = match[0]
        if ph.name == self.lithiated_phase:
            return self
        sources = {**self.sources, **{k: v for k, v in ph.sources.items()}}
        return replace(self, lithiated_phase=ph.name, li_per_host=ph.li_per_host,
                       lithiated_molar_volume_cm3_mol=ph.molar_volume_cm3_mol, sources=sources)

    # ---- derived quantities -------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self.kind in ("alloy", "carbon")

    @property
    def is_stoichiometric(self) -> bool:
        return self.li_per_host is not None and self.molar_mass_g_mol is not None

    @property
    def host_molar_volume_cm3_mol(self) -> float | None:
        if self.molar_mass_g_mol is None:
            return None
        return self.molar_mass_g_mol / self.density_g_cm3

    @property
    def capacity_mAh_g(self) -> float:
        """Theoretical reversible capacity per gram of pristine host (0 for inactive phases)."""
        if self.is_stoichiometric:
            return self.li_per_host * MAH_PER_MOL / self.molar_mass_g_mol
        return float(self.measured_capacity_mAh_g or 0.0)

    @property
    def capacity_mAh_cm3(self) -> float:
        """Capacity per cm3 of pristine host: q * rho."""
        return self.capacity_mAh_g * self.density_g_cm3

    @property
    def capacity_lithiated_mAh_cm3(self) -> float:
        """Capacity per cm3 of the fully lithiated phase (Obrovac's convention)."""
        return self.capacity_mAh_cm3 / (1.0 + self.volume_expansion)

    @property
    def first_cycle_efficiency_intrinsic(self) -> float:
        """Share of first-lithiation Li that is reversible by the reaction itself (SiO: Li4SiO4)."""
        if not self.li_per_host:
            return 1.0
        return self.li_per_host / (self.li_per_host + self.li_irreversible_per_host)

    @property
    def computed_expansion(self) -> float | None:
        """Crystallographic full volume expansion ``V_lith / V_host - 1`` (fraction), or None."""
        if self.lithiated_molar_volume_cm3_mol is None or self.host_molar_volume_cm3_mol is None:
            return None
        return self.lithiated_molar_volume_cm3_mol / self.host_molar_volume_cm3_mol - 1.0

    @property
    def volume_expansion(self) -> float:
        """Full volume expansion used by the chain (fraction): crystallographic where known,
        else measured, else 0 for inactive phases."""
        c = self.computed_expansion
        if c is not None:
            return c
        if self.measured_expansion_pct is not None:
            return self.measured_expansion_pct / 100.0
        return 0.0

    @property
    def partial_molar_volume_cm3_mol(self) -> float:
        """Omega = (V_lith - V_host)/x of the lithiated phase (cm3 per mol Li; 0 without Li uptake).

        Where no stoichiometric phase is known (a carbon with a measured capacity and expansion)
        ``Omega = beta V_host / x`` with ``x = q M / (F/3.6)`` from the measured capacity.
        """
        v_host = self.host_molar_volume_cm3_mol
        if v_host is None or self.capacity_mAh_g <= 0:
            return 0.0
        x = self.li_per_host if self.is_stoichiometric else self.capacity_mAh_g * self.molar_mass_g_mol / MAH_PER_MOL
        return self.volume_expansion * v_host / x

    def expansion(self, basis: ExpansionBasis = DEFAULT_EXPANSION_BASIS) -> float:
        """Full volume expansion (fraction) on the chosen basis.

        ``"quoted"`` takes the review's value where it quotes one, else the crystallographic one.
        """
        if basis == "quoted" and self.quoted_expansion_pct is not None:
            return self.quoted_expansion_pct / 100.0
        return self.volume_expansion

    def required_porosity(self, basis: ExpansionBasis = DEFAULT_EXPANSION_BASIS) -> float:
        """Porosity of a pure particle of this phase whose pores absorb full expansion: beta/(1+beta)."""
        b = self.expansion(basis)
        return b / (1.0 + b)

    def to_row(self) -> dict:
        """A flat dict for tables and JSON (computed values included)."""
        comp = self.computed_expansion
        return {
            "name": self.name,
            "kind": self.kind,
            "formula": self.formula,
            "lithiated_phase": self.lithiated_phase,
            "li_per_host": self.li_per_host,
            "molar_mass_g_mol": self.molar_mass_g_mol,
            "density_g_cm3": self.density_g_cm3,
            "lithiated_molar_volume_cm3_mol": self.lithiated_molar_volume_cm3_mol,
            "capacity_mAh_g": self.capacity_mAh_g,
            "capacity_mAh_cm3": self.capacity_mAh_cm3,
            "capacity_lithiated_mAh_cm3": self.capacity_lithiated_mAh_cm3 if self.is_active else 0.0,
            "volume_expansion_pct": 100.0 * self.volume_expansion,
            "computed_expansion_pct": None if comp is None else 100.0 * comp,
            "quoted_expansion_pct": self.quoted_expansion_pct,
            "required_porosity": self.required_porosity() if self.volume_expansion > 0 else 0.0,
            "partial_molar_volume_cm3_mol": self.partial_molar_volume_cm3_mol if self.is_active else None,
            "phases": [self._phase_row(p) for p in self.phases],
            "delithiation_potential_V": self.delithiation_potential_V,
            "conductivity_S_cm": self.conductivity_S_cm,
            "first_cycle_efficiency_intrinsic": self.first_cycle_efficiency_intrinsic,
            "typical_first_cycle_efficiency": self.typical_first_cycle_efficiency,
            "nanoparticle_synthesis": self.nanoparticle_synthesis,
            "etching_selectivity": self.etching_selectivity,
            "chemical_deposition": self.chemical_deposition,
            "sources": dict(self.sources),
        }

    def _phase_row(self, phase: LithiatedPhase) -> dict:
        """One lithiated phase with what it gives this host (capacity, expansion, Omega)."""
        m = self.with_phase(phase.name)
        return {**phase.to_dict(), "default": phase.name == self.lithiated_phase, "capacity_mAh_g": m.capacity_mAh_g,
                "volume_expansion_pct": 100.0 * m.volume_expansion,
                "capacity_lithiated_mAh_cm3": m.capacity_lithiated_mAh_cm3,
                "partial_molar_volume_cm3_mol": m.partial_molar_volume_cm3_mol}
