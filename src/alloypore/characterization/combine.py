r"""Several measurements of one powder fused into one pore profile (``alloypore characterize combine``).

The review's Fig. 8 and Table 3: closed pores are quantified by combining SAXS, gas adsorption
and densities; each method sees a window of pore sizes.  :func:`combine_profiles` takes the
pore profiles of the methods (:class:`~alloypore.characterization.profile.PoreProfile`, each
naming its ``method``) and forms, per gram of particle (:math:`v_s = 1/\rho_{true}`):

=========================  =======================================================================
quantity                   fused from (first available wins; the others are checked against it)
=========================  =======================================================================
open pore volume           gas adsorption (Gurvich: pores up to the Cohan diameter at its p/p0,
                           ~21 nm for N2 at 0.95) **plus** the MIP intraparticle volume in pores
                           from that diameter to MIP's inter/intraparticle cut-off; else MIP alone
                           (pores below ~3.7 nm missed); else gas alone; else tomography
closed pore volume         densities (:math:`1/\rho_{He} - 1/\rho_{true}`, direct) > SAXS of the
                           contrast-matched (filled) powder > SANS contrast matching > total
                           (scattering, dry) minus open ("CO2/N2 inaccessibility") > tomography
total pore volume,         open + closed; porosity :math:`v_p/(v_s + v_p)`, closed fraction
porosity, closed fraction  :math:`v_{closed}/v_p`; checked against the scattering and tomography
                           porosities
specific surface area      BET (the ISO 9277 standard) > tomography > SAXS Porod (which counts
                           closed-pore walls too)
micropore volume           N2 t-plot (pores < 2 nm by definition) > CO2 Dubinin-Radushkevich
electrolyte-inaccessible   micropore volume / open pore volume (pores below 2 nm; the profile's rule)
pore-size distribution     gas adsorption (cm3/g) > MIP > NMR > tomography
sizes, accommodation       whichever profile gives them
=========================  =======================================================================

Each fused quantity says which method it took and why (:class:`Choice`); uncertainties combine
in quadrature.  Two methods measuring the same quantity **disagree** when
:math:`|a - b| > 2\sqrt{u_a^2 + u_b^2}` (95 % for independent normal errors); when neither
gives an uncertainty the pair is compared at 5 % of the larger value.  Each disagreement is
flagged with both numbers (:class:`Disagreement`); the fused value is still the preferred
method's.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from alloypore.characterization.profile import ELECTROLYTE_THRESHOLD_NM, Measured, PoreProfile, composition_dict
from alloypore.errors import InputError
from alloypore.materials import true_density_g_cm3

__all__ = ["Choice", "Disagreement", "CombinedProfile", "combine_profiles", "COVERAGE_FACTOR", "NO_UNCERTAINTY_TOLERANCE"]

#: Disagreement beyond this many combined standard uncertainties is flagged.
COVERAGE_FACTOR = 2.0
#: Relative difference flagged when neither value has an uncertainty.
NO_UNCERTAINTY_TOLERANCE = 0.05
_CLOSED_ORDER = ("density", "saxs", "sans", "total-open", "tomography")
_SSA_ORDER = ("isotherm", "tomography", "saxs")
_PSD_ORDER = ("isotherm", "mip", "nmr", "tomography")


@dataclass(frozen=True)
class Candidate:
    """One method's value of a quantity."""

    method: str
    value: float
    uncertainty: float | None
    how: str = ""

    def describe(self, unit: str = "") -> str:
        u = "" if self.uncertainty is None else f" ± {self.uncertainty:.3g}"
        return f"{self.method} {self.value:.4g}{u}{(' ' + unit) if unit else ''}"


@dataclass(frozen=True)
class Choice:
    """How one fused quantity was formed: its value, the method taken, why, and every candidate."""

    quantity: str
    value: float
    uncertainty: float | None
    method: str
    why: str
    candidates: tuple[Candidate, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Disagreement:
    """Two methods' values of one quantity that differ beyond their uncertainties."""

    quantity: str
    chosen: Candidate
    other: Candidate
    allowed: float

    def line(self) -> str:
        return (f"{self.quantity}: {self.chosen.describe()} vs {self.other.describe()} differ by "
                f"{abs(self.chosen.value - self.other.value):.3g} (allowed {self.allowed:.3g}); kept {self.chosen.method}")

    def to_dict(self) -> dict:
        return asdict(self) | {"message": self.line()}


def disagree(a: Candidate, b: Candidate) -> float | None:
    """The allowed difference if ``a`` and ``b`` disagree (module docstring), else None."""
    if a.uncertainty is None and b.uncertainty is None:
        allowed = NO_UNCERTAINTY_TOLERANCE * max(abs(a.value), abs(b.value))
    else:
        allowed = COVERAGE_FACTOR * math.hypot(a.uncertainty or 0.0, b.uncertainty or 0.0)
    return allowed if abs(a.value - b.value) > allowed else None


@dataclass
class CombinedProfile:
    """The fused profile, how each quantity was formed, and the disagreements found."""

    profile: PoreProfile
    choices: list[Choice] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize combine --json``)."""
        return {"inputs": self.inputs, "choices": [c.to_dict() for c in self.choices],
                "disagreements": [d.to_dict() for d in self.disagreements], "profile": self.profile.to_dict()}

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        return self.profile if composition is None else self.profile.replace(composition=composition_dict(composition))

    def lines(self) -> list[str]:
        """Terminal summary: one line per fused quantity, then the disagreements."""
        out = [f"combined {len(self.inputs)} profiles: {', '.join(self.inputs)}"]
        for c in self.choices:
            u = "" if c.uncertainty is None else f" ± {c.uncertainty:.3g}"
            out.append(f"{c.quantity} = {c.value:.5g}{u} ({c.method}: {c.why})")
        return out + [f"DISAGREE {d.line()}" for d in self.disagreements]


class _Fusion:
    """Working state of one :func:`combine_profiles` call."""

    def __init__(self, profiles: list[PoreProfile], v_s: float | None):
        self.profiles, self.v_s = profiles, v_s
        self.choices: list[Choice] = []
        self.flags: list[Disagreement] = []
        self.fused: dict[str, Measured] = {}

    def of(self, method: str) -> list[PoreProfile]:
        return [p for p in self.profiles if p.method == method]

    def candidates(self, quantity: str, methods) -> list[Candidate]:
        out = []
        for method in methods:
            for p in self.of(method):
                m = p.measured().get(quantity)
                if m is not None and not m.assumed:
                    out.append(Candidate(method, m.value, m.uncertainty, m.method))
        return out

    def choose(self, quantity: str, cands: list[Candidate], why: str, *, note: str = "") -> Measured | None:
        """Take the first candidate, check the others against it, record the choice."""
        if not cands:
            return None
        best = cands[0]
        for other in cands[1:]:
            allowed = disagree(best, other)
            if allowed is not None:
                self.flags.append(Disagreement(quantity, best, other, allowed))
        m = Measured(best.value, best.uncertainty, f"combine: {best.method} ({best.how})" if best.how else f"combine: {best.method}",
                     note or why)
        self.fused[quantity] = m
        self.choices.append(Choice(quantity, best.value, best.uncertainty, best.method, why, tuple(cands)))
        return m

    # ------------------------------------------------------------------------------------------ volumes
    def per_gram(self, phi: float, u_phi: float | None, phi_total: float) -> tuple[float, float | None]:
        """A volume fraction of the envelope as cm3/g: ``phi / (1 - phi_total) v_s``."""
        f = self.v_s / (1.0 - phi_total)
        return phi * f, None if u_phi is None else u_phi * f

    def open_volume(self) -> Measured | None:
        gas = self.candidates("open_pore_volume_cm3_g", ("isotherm",))
        mip_profiles = [p for p in self.of("mip") if p.value("open_pore_volume_cm3_g") is not None]
        mip = self.candidates("open_pore_volume_cm3_g", ("mip",))
        tomo = self.candidates("open_pore_volume_cm3_g", ("tomography",))
        if gas and mip_profiles:
            g, mp = gas[0], mip_profiles[0]
            d_gas = next((p.size_range_nm[1] for p in self.of("isotherm") if p.size_range_nm), None)
            d_cut = mp.size_range_nm[1] if mp.size_range_nm else None
            if d_gas is not None and d_cut is not None and mp.psd is not None:
                extra = mp.psd.volume_between(d_gas, d_cut) if d_cut > d_gas else 0.0
                u_m = mp.open_pore_volume_cm3_g.uncertainty
                u = None if g.uncertainty is None and u_m is None else math.hypot(g.uncertainty or 0.0, u_m or 0.0)
                why = (f"gas adsorption for pores up to {d_gas:.3g} nm ({g.value:.4g}) + MIP intraparticle volume in pores "
                       f"{d_gas:.3g}-{d_cut:.4g} nm ({extra:.4g})")
                cand = Candidate("isotherm+mip", g.value + extra, u, "Gurvich + MIP above the gas range")
                return self.choose("open_pore_volume_cm3_g", [cand, *tomo], why)
        if gas:
            return self.choose("open_pore_volume_cm3_g", gas + mip + tomo,
                               "gas adsorption (Gurvich; pores larger than its range are not counted)")
        if mip:
            return self.choose("open_pore_volume_cm3_g", mip + tomo, "MIP intraparticle intrusion (pores below ~3.7 nm not reached)")
        return self.choose("open_pore_volume_cm3_g", tomo, "tomography (pores below the voxel size not seen)")

    def closed_candidates(self, v_open: Measured | None) -> list[Candidate]:
        out = []
        for p in self.of("density"):
            rho_he = p.measured().get("skeletal_density_g_cm3")
            if rho_he is not None and self.v_s is not None:
                u_he = rho_he.uncertainty
                rho_t = p.measured().get("true_density_g_cm3")
                u_t = None if rho_t is None or rho_t.uncertainty is None else rho_t.uncertainty / rho_t.value ** 2  # u(1/rho)
                u = None if u_he is None and u_t is None else math.hypot((u_he or 0.0) / rho_he.value ** 2, u_t or 0.0)
                out.append(Candidate("density", max(1.0 / rho_he.value - self.v_s, 0.0), u, "1/rho_He - 1/rho_true"))
        for method in ("saxs", "sans"):
            for p in self.of(method):
                m, phi = p.measured().get("closed_pore_fraction"), p.measured().get("porosity")
                if m is not None and phi is not None and self.v_s is not None and phi.value < 1:
                    phi_c = m.value * phi.value
                    u_c = None if m.uncertainty is None else m.uncertainty * phi.value
                    v, u = self.per_gram(phi_c, u_c, phi.value)
                    out.append(Candidate(method, v, u, "closed share of the pores x porosity of the dry curve"))
        if v_open is not None and self.v_s is not None:
            for method in ("saxs", "sans"):
                for p in self.of(method):
                    phi = p.measured().get("porosity")
                    if phi is not None and p.value("closed_pore_fraction") is None and phi.value < 1:
                        v_tot, u_tot = self.per_gram(phi.value, phi.uncertainty, phi.value)
                        u = None if u_tot is None and v_open.uncertainty is None else math.hypot(u_tot or 0.0, v_open.uncertainty or 0.0)
                        out.append(Candidate("total-open", max(v_tot - v_open.value, 0.0), u,
                                             f"{method} total pore volume - open pore volume (pores no gas or mercury reaches)"))
        out += self.candidates("closed_pore_volume_cm3_g", ("tomography",))
        return sorted(out, key=lambda c: _CLOSED_ORDER.index(c.method))


def _true_density(profiles: list[PoreProfile], composition: dict | None) -> tuple[float | None, str]:
    if composition:
        return true_density_g_cm3(composition), "from the composition"
    for p in profiles:
        rho = p.value("true_density_g_cm3")
        if rho is not None:
            return rho, f"given in the {p.method} profile"
    return None, ""


def combine_profiles(profiles, composition=None, *, threshold_nm: float = ELECTROLYTE_THRESHOLD_NM) -> CombinedProfile:
    """Fuse several measurements of one powder (module docstring) into one :class:`CombinedProfile`.

    ``composition`` (material -> mass fraction) overrides the profiles' and gives the true
    density; without any, pore volumes cannot become porosities and the closed volume from
    densities or scattering cannot be formed (said in the notes).
    """
    profiles = list(profiles)
    if not profiles:
        raise InputError("profiles", "none", "at least one pore profile JSON")
    comp = composition_dict(composition) or next((p.composition for p in profiles if p.composition), None)
    rho_true, rho_how = _true_density(profiles, comp)
    fz = _Fusion(profiles, None if rho_true is None else 1.0 / rho_true)
    notes = [f"true density {rho_true:.5g} g/cm3 ({rho_how})"] if rho_true else [
        "no composition or true density: pore volumes are not turned into porosities (give --composition)"]
    v_open = fz.open_volume()
    v_closed = fz.choose("closed_pore_volume_cm3_g", fz.closed_candidates(v_open),
                         "densities are direct; scattering needs the contrast model; total-open inherits both errors")
    _totals(fz, v_open, v_closed)
    fz.choose("ssa_m2_g", fz.candidates("ssa_m2_g", _SSA_ORDER), "BET is the ISO 9277 standard area (tomography is "
              "resolution-limited, SAXS counts closed-pore walls too)")
    fz.choose("micropore_volume_cm3_g", fz.candidates("micropore_volume_cm3_g", ("isotherm",)),
              "N2 t-plot counts pores below 2 nm by definition; CO2 DR sees mostly < 0.7 nm")
    for name in ("primary_particle_size_nm", "secondary_particle_size_um", "accommodation_efficiency"):
        fz.choose(name, [c for p in profiles if (m := p.measured().get(name)) is not None
                         for c in [Candidate(p.method, m.value, m.uncertainty, m.method)]], "the only measurement")
    psd = next((p.psd for method in _PSD_ORDER for p in fz.of(method) if p.psd is not None), None)
    fused = PoreProfile(**fz.fused, psd=psd, composition=comp, source="combined: " + ", ".join(p.source or p.method for p in profiles),
                        method="combine", notes=tuple(notes))
    inacc = fused.inaccessible_fraction(threshold_nm)
    if inacc is not None:
        fused = fused.replace(electrolyte_inaccessible_fraction=inacc)
        fz.choices.append(Choice("electrolyte_inaccessible_fraction", inacc.value, inacc.uncertainty, "combine", inacc.method))
    return CombinedProfile(fused, fz.choices, fz.flags, [p.source or p.method for p in profiles])


def _totals(fz: _Fusion, v_open: Measured | None, v_closed: Measured | None) -> None:
    """Total pore volume, porosity and closed fraction from the fused open and closed volumes; checked against
    the scattering and tomography porosities."""
    if v_open is None:
        return
    v_c = 0.0 if v_closed is None else v_closed.value
    u_o, u_c = v_open.uncertainty, None if v_closed is None else v_closed.uncertainty
    v_p = v_open.value + v_c
    u_p = None if u_o is None and u_c is None else math.hypot(u_o or 0.0, u_c or 0.0)
    why = "open + closed" if v_closed is not None else "open only (no closed-pore measurement: 0 assumed)"
    fz.choose("pore_volume_cm3_g", [Candidate("combine", v_p, u_p, why)], why)
    if v_p > 0:
        f = v_c / v_p
        u_f = None if u_p is None else math.hypot((u_c or 0.0) * v_open.value, (u_o or 0.0) * v_c) / v_p**2
        others = [c for c in fz.candidates("closed_pore_fraction", ("saxs", "sans", "tomography"))]
        fz.choose("closed_pore_fraction", [Candidate("combine", f, u_f, "closed / (open + closed)"), *others], why)
    if fz.v_s is None:
        return
    eps = v_p / (fz.v_s + v_p)
    u_eps = None if u_p is None else u_p * fz.v_s / (fz.v_s + v_p) ** 2
    others = fz.candidates("porosity", ("saxs", "sans", "tomography"))
    fz.choose("porosity", [Candidate("combine", eps, u_eps, "v_p / (v_s + v_p)"), *others], f"{why}, with v_s = 1/rho_true")
    fz.fused["true_density_g_cm3"] = Measured(1.0 / fz.v_s, method="combine")
    fz.fused["envelope_density_g_cm3"] = Measured(1.0 / (fz.v_s + v_p), method="combine: 1 / (v_s + v_p)")
    fz.fused["open_pore_volume_cm3_g"] = v_open
    if v_closed is not None:
        fz.fused["skeletal_density_g_cm3"] = Measured(1.0 / (fz.v_s + v_c), method="combine: 1 / (v_s + v_closed)")
