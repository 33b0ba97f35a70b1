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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

__all__ = ["FARADAY_C_MOL", "MAH_PER_MOL", "KINDS", "ExpansionBasis", "Material"]

FARADAY_C_MOL = 96485.33212  # CODATA 2018, exact in SI 2019
#: mAh per mol of electrons
MAH_PER_MOL = FARADAY_C_MOL / 3.6
#: The kinds of rows in the table.
KINDS = ("alloy", "carbon", "inactive")

ExpansionBasis = Literal["crystallographic", "quoted"]


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
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

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

    def expansion(self, basis: ExpansionBasis = "crystallographic") -> float:
        """Full volume expansion (fraction) on the chosen basis.

        ``"quoted"`` takes the review's value where it quotes one, else the crystallographic one.
        """
        if basis == "quoted" and self.quoted_expansion_pct is not None:
            return self.quoted_expansion_pct / 100.0
        return self.volume_expansion

    def required_porosity(self, basis: ExpansionBasis = "crystallographic") -> float:
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
            "delithiation_potential_V": self.delithiation_potential_V,
            "conductivity_S_cm": self.conductivity_S_cm,
            "first_cycle_efficiency_intrinsic": self.first_cycle_efficiency_intrinsic,
            "typical_first_cycle_efficiency": self.typical_first_cycle_efficiency,
            "nanoparticle_synthesis": self.nanoparticle_synthesis,
            "etching_selectivity": self.etching_selectivity,
            "chemical_deposition": self.chemical_deposition,
            "sources": dict(self.sources),
        }
