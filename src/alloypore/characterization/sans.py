r"""Small-angle neutron scattering: scattering length densities, H/D contrast matching, closed pores.

Scattering length density (SLD) of a phase of formula with atoms i (coherent
scattering lengths :math:`b_i`), molar mass M and mass density :math:`\rho`:

.. math::

    \mathrm{SLD} = \frac{\sum_i b_i}{V_{formula}},\qquad
    V_{formula} = \frac{M}{\rho N_A}

computed with ``periodictable`` (neutron: Sears 1992 scattering lengths; X-ray:
Henke form factors).  Units: 1e10 cm^-2 = 1e-6 A^-2 (the same number), the unit
of :mod:`alloypore.characterization.saxs` contrasts.  H2O (0.99705 g/cm3, 25 C)
gives -0.56, D2O (1.1044 g/cm3, 25 C) 6.36.

A mixture of a protonated (H) and a deuterated (D) solvent with D volume fraction
:math:`\phi` (ideal mixing, volumes additive) has

.. math::

    \mathrm{SLD}(\phi) = \phi\,\mathrm{SLD}_D + (1-\phi)\,\mathrm{SLD}_H,\qquad
    \phi_{match} = \frac{\mathrm{SLD}_s - \mathrm{SLD}_H}{\mathrm{SLD}_D - \mathrm{SLD}_H}

and the match point of a solid phase s is reachable only when
:math:`0 \le \phi_{match} \le 1`.  Mass fraction (for weighing)
:math:`w = \phi\rho_D / (\phi\rho_D + (1-\phi)\rho_H)`.

Closed porosity: a powder filled with the matching solvent scatters only from the
pores the solvent could not reach.  With the solid's SLD as the contrast of both
the dry curve (empty pores) and the closed pores of the filled curve, the SAXS
invariant code (:func:`alloypore.characterization.saxs.closed_porosity_from_filled`)
gives the closed pore fraction.  For an imperfect match (solvent SLD
:math:`L \ne a`, the solid's SLD) the filled sample has three phases, solid
(:math:`\varphi_s = 1-\varphi_t`), filled open pores (:math:`\varphi_o`, SLD L) and
empty closed pores (:math:`\varphi_c`, SLD 0):

.. math::

    \frac{Q}{2\pi^2} = \varphi_s\varphi_o (a-L)^2 + \varphi_s\varphi_c a^2 + \varphi_o\varphi_c L^2,
    \qquad \varphi_o = \varphi_t - \varphi_c

solved for :math:`\varphi_c` (the smaller root) with :math:`\varphi_t` from the
dry curve.

Limitations: one solid phase (a Si/C composite has two SLDs: match one, the other
still scatters, and the invariant mixes both); H/D exchange of the solvent with
surface OH groups (silica, oxidised carbon) shifts the match point and is not
modelled; incoherent background must be subtracted from I(q) beforehand; pores
larger than ~pi/q_min are not seen; densities of the solvents at 25 C.

References
----------
* V. F. Sears, Neutron scattering lengths and cross sections, Neutron News 3 (1992) 26.
* P. A. Kienzle, periodictable (NIST), https://periodictable.readthedocs.io.
* The review (shared seed), Table 3: SANS with contrast-matched electrolyte to tell
  which pores an electrolyte fills.
* O. Glatter, O. Kratky, Small Angle X-ray Scattering (1982), ch. 2 (invariant of a
  multi-phase system).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import periodictable
from periodictable import nsf, xsf
from pyparsing import ParseBaseException

from alloypore.characterization import saxs as _saxs
from alloypore.characterization.profile import Measured, PoreProfile
from alloypore.errors import InputError, SpecError, check_range
from alloypore.materials import get_material

__all__ = [
    "Phase",
    "H2O",
    "D2O",
    "CU_KALPHA_KEV",
    "parse_phase",
    "neutron_sld",
    "xray_sld",
    "mixture_sld",
    "match_fraction_raw",
    "contrast_match_fraction",
    "solvent_fractions",
    "contrast_table",
    "closed_porosity_contrast_matched",
    "SANSAnalysis",
    "analyse_sans",
]

#: Cu K-alpha photon energy, keV (X-ray SLD default).
CU_KALPHA_KEV = 8.048


@dataclass(frozen=True)
class Phase:
    """A phase for SLD calculations: chemical formula and mass density (g/cm3)."""

    name: str
    formula: str
    density_g_cm3: float


#: Light water at 25 C: 0.99705 g/cm3 (CRC Handbook).
H2O = Phase("H2O", "H2O", 0.99705)
#: Heavy water at 25 C: 1.1044 g/cm3 (CRC Handbook).
D2O = Phase("D2O", "D2O", 1.1044)


def _formula(formula: str, field: str):
    try:
        f = periodictable.formula(formula)
    except (ValueError, ParseBaseException):  # periodictable: unknown element / unparsable formula
        raise InputError(field, formula, "a chemical formula such as SiO2, C, Li6PS5Cl, D2O (D for deuterium)") from None
    if not f.atoms:
        raise InputError(field, formula, "a chemical formula with at least one element")
    return f


def parse_phase(text: str, density_g_cm3: float | None = None, *, field: str = "phase") -> Phase:
    """A phase from ``"FORMULA:DENSITY"``, ``"FORMULA"`` + ``density_g_cm3``, or a materials-table name.

    A name of the materials table (``"Si"``, ``"amorphous_carbon"``, ``"SiO2"``) takes its
    formula and true density from the table unless a density is given.
    """
    text = str(text).strip()
    name = text
    if ":" in text:
        name, dens = text.rsplit(":", 1)
        try:
            density_g_cm3 = float(dens)
        except ValueError:
            raise InputError(field, text, "FORMULA:DENSITY with density in g/cm3, e.g. C:1.8") from None
        name = name.strip()
    try:
        m = get_material(name, field=field)
    except SpecError:
        m = None
    if density_g_cm3 is None:
        if m is None:
            raise InputError(field, text, "a materials-table name, or FORMULA:DENSITY (g/cm3), e.g. C:1.8")
        formula, density_g_cm3, name = m.formula, m.density_g_cm3, m.name
    else:
        formula = name if m is None else m.formula
    _formula(formula, field)
    rho = check_range(f"{field}.density", density_g_cm3, 0.0, 30.0, lo_open=True, unit="g/cm3")
    return Phase(name, formula, rho)


def neutron_sld(formula: str, density_g_cm3: float, *, field: str = "formula") -> float:
    """Real coherent neutron SLD, 1e10 cm^-2 (= 1e-6 A^-2), of a formula at a density.

    ``sum(b_i) / (M / (rho N_A))`` with the scattering lengths of ``periodictable``
    (Sears 1992, natural isotopic abundance; ``D`` is deuterium).
    """
    f = _formula(formula, field)
    rho = check_range(f"{field}.density", density_g_cm3, 0.0, 30.0, lo_open=True, unit="g/cm3")
    sld, _absorption, _incoherent = nsf.neutron_sld(f, density=rho)
    return float(sld)


def xray_sld(formula: str, density_g_cm3: float, energy_keV: float = CU_KALPHA_KEV, *, field: str = "formula") -> float:
    """Real X-ray SLD, 1e10 cm^-2 (= 1e-6 A^-2), at a photon energy (default Cu K-alpha).

    ``r_e sum(f1_i) / V_formula`` (``periodictable.xsf``); the contrast a SAXS invariant needs.
    """
    f = _formula(formula, field)
    rho = check_range(f"{field}.density", density_g_cm3, 0.0, 30.0, lo_open=True, unit="g/cm3")
    e = check_range("energy", energy_keV, 0.1, 100.0, unit="keV")
    sld, _ = xsf.xray_sld(f, density=rho, energy=e)
    return float(sld)


def mixture_sld(d_volume_fraction, sld_h: float, sld_d: float):
    """SLD of an ideal H/D solvent mixture: ``phi SLD_D + (1 - phi) SLD_H`` (phi = D volume fraction)."""
    phi = np.asarray(d_volume_fraction, dtype=float)
    return phi * sld_d + (1.0 - phi) * sld_h


def match_fraction_raw(sld_solid: float, sld_h: float, sld_d: float) -> float:
    """D volume fraction whose SLD equals ``sld_solid`` (may lie outside [0, 1])."""
    if sld_d == sld_h:
        raise InputError("solvents", f"SLD_H = SLD_D = {sld_h:.4g}", "two solvents of different SLD")
    return float((sld_solid - sld_h) / (sld_d - sld_h))


def contrast_match_fraction(sld_solid: float, sld_h: float, sld_d: float, *, field: str = "solid") -> float:
    """D volume fraction that contrast-matches the solid; refuses a solid the two solvents cannot match."""
    phi = match_fraction_raw(sld_solid, sld_h, sld_d)
    if not (-1e-9 <= phi <= 1 + 1e-9):
        lo, hi = sorted((sld_h, sld_d))
        raise InputError(field, f"SLD {sld_solid:.4g}e-6/A2",
                         f"between the solvents' SLDs {lo:.3g} and {hi:.3g} (1e-6/A2) to be matched; this phase cannot be matched")
    return float(min(max(phi, 0.0), 1.0))


def solvent_fractions(d_volume_fraction: float, h: Phase = H2O, d: Phase = D2O) -> dict:
    """Volume, mass and mole fractions of the D solvent in an ideal mixture (what to weigh out).

    ``w = phi rho_D / (phi rho_D + (1-phi) rho_H)``; ``x = (phi/V_D) / (phi/V_D + (1-phi)/V_H)``
    with molar volumes ``V = M/rho``.
    """
    phi = check_range("d_volume_fraction", d_volume_fraction, 0.0, 1.0)
    mh, md = _formula(h.formula, "h_solvent").mass, _formula(d.formula, "d_solvent").mass
    w = phi * d.density_g_cm3 / (phi * d.density_g_cm3 + (1 - phi) * h.density_g_cm3)
    nd, nh = phi * d.density_g_cm3 / md, (1 - phi) * h.density_g_cm3 / mh
    return {"d_volume_fraction": phi, "d_mass_fraction": float(w), "d_mole_fraction": float(nd / (nd + nh))}


def contrast_table(phases: list[Phase], h: Phase = H2O, d: Phase = D2O) -> dict:
    """Neutron (and Cu K-alpha X-ray) SLDs of phases and solvents, each phase's match point.

    Returns a dict with ``solvents`` (name, formula, density, SLDs) and ``phases`` (the
    same plus ``match_d_volume_fraction`` (None when not reachable), the raw value,
    and mass/mole fractions at the match).
    """
    sh, sd = neutron_sld(h.formula, h.density_g_cm3, field="h_solvent"), neutron_sld(d.formula, d.density_g_cm3, field="d_solvent")
    out = {"solvents": [
        {"name": s.name, "formula": s.formula, "density_g_cm3": s.density_g_cm3, "neutron_sld_1e10_cm2": v,
         "xray_sld_1e10_cm2": xray_sld(s.formula, s.density_g_cm3)} for s, v in ((h, sh), (d, sd))],
        "phases": []}
    for p in phases:
        s = neutron_sld(p.formula, p.density_g_cm3, field=p.name)
        raw = match_fraction_raw(s, sh, sd)
        ok = -1e-9 <= raw <= 1 + 1e-9
        row = {"name": p.name, "formula": p.formula, "density_g_cm3": p.density_g_cm3, "neutron_sld_1e10_cm2": s,
               "xray_sld_1e10_cm2": xray_sld(p.formula, p.density_g_cm3),
               "match_d_volume_fraction_raw": raw, "match_d_volume_fraction": min(max(raw, 0.0), 1.0) if ok else None}
        if ok:
            fr = solvent_fractions(row["match_d_volume_fraction"], h, d)
            row["match_d_mass_fraction"], row["match_d_mole_fraction"] = fr["d_mass_fraction"], fr["d_mole_fraction"]
        else:
            row["match_d_mass_fraction"] = row["match_d_mole_fraction"] = None
        out["phases"].append(row)
    return out


def closed_porosity_contrast_matched(dry: _saxs.InvariantResult, filled: _saxs.InvariantResult,
                                     sld_solid_1e10_cm2: float, sld_liquid_1e10_cm2: float | None = None) -> dict:
    """Closed pore fraction from the invariants of a dry and a solvent-filled SANS curve.

    Parameters
    ----------
    dry, filled : InvariantResult
        From :func:`alloypore.characterization.saxs.porod_invariant` (I in cm^-1).
    sld_solid_1e10_cm2 : float
        Neutron SLD of the solid (contrast of empty pores).
    sld_liquid_1e10_cm2 : float, optional
        SLD of the filling solvent; None (or equal to the solid's) means an exact match,
        solved by :func:`alloypore.characterization.saxs.closed_porosity_from_filled`.

    Returns
    -------
    dict with ``pore_volume_fraction``, ``closed_pore_volume_fraction``,
    ``open_pore_volume_fraction``, ``closed_pore_fraction``, ``mismatch_1e10_cm2``.
    """
    a = float(sld_solid_1e10_cm2)
    if a == 0:
        raise InputError("solid_sld", a, "a non-zero SLD (an SLD of 0 gives no contrast with empty pores)")
    contrast = abs(a)
    if sld_liquid_1e10_cm2 is None or abs(float(sld_liquid_1e10_cm2) - a) < 1e-9 * max(1.0, abs(a)):
        res = _saxs.closed_porosity_from_filled(dry, filled, contrast)
        res["mismatch_1e10_cm2"] = 0.0
        return res
    L = float(sld_liquid_1e10_cm2)
    t = _saxs.volume_fraction_from_invariant(dry.invariant_cm_nm3, contrast)
    s = 1.0 - t
    # Q/(2 pi^2) in (1e10 cm^-2)^2: Q[cm^-1 nm^-3] * 1e21 / 1e20 / (2 pi^2)
    qn = filled.invariant_cm_nm3 * 10.0 / (2.0 * np.pi**2)
    f0 = s * t * (a - L) ** 2  # all pores open and filled
    ft = s * t * a**2  # all pores closed
    B = s * (2 * a * L - L * L) + t * L * L

    def f(c):
        return f0 + B * c - L * L * c * c

    # f is a concave parabola; take the root in [0, t] on its rising branch
    disc = B * B - 4 * L * L * (qn - f0)
    if disc < 0 or qn < min(f0, ft) * 0.98 - 1e-15 or qn > max(f0, ft, f(min(t, B / (2 * L * L)))) * 1.02:
        raise InputError("filled", f"invariant {filled.invariant_cm_nm3:.4g} cm-1 nm-3",
                         f"between {f0 * 0.2 * np.pi**2:.4g} (all pores filled) and {ft * 0.2 * np.pi**2:.4g} (all closed) for this contrast and dry curve")
    c = (B - np.sqrt(max(disc, 0.0))) / (2 * L * L)
    c = float(min(max(c, 0.0), t))
    return {
        "pore_volume_fraction": t,
        "closed_pore_volume_fraction": c,
        "open_pore_volume_fraction": t - c,
        "closed_pore_fraction": c / t if t > 0 else 0.0,
        "mismatch_1e10_cm2": L - a,
    }


@dataclass(frozen=True)
class SANSAnalysis:
    """The contrast table of the solid (and further phases), and optionally the dry curve and the closed pores."""

    table: dict
    solvents: tuple[Phase, Phase]
    dry: _saxs.SAXSData | None = None
    dry_invariant: _saxs.InvariantResult | None = None
    filled: _saxs.SAXSData | None = None
    filled_invariant: _saxs.InvariantResult | None = None
    closed: dict | None = None

    @property
    def solid(self) -> dict:
        return self.table["phases"][0]

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize sans --json``)."""
        out = {"solid": self.solid, "phases": self.table["phases"], "solvents": self.table["solvents"],
               "sld_unit": "1e10 cm^-2 = 1e-6 A^-2", "dry": None, "closed": None}
        if self.dry is not None:
            out["dry"] = {"file": self.dry.source, "n_points": int(self.dry.q_nm.size), **asdict(self.dry_invariant)}
        if self.closed is not None:
            out["closed"] = {"file": self.filled.source, **self.closed}
        return out

    def lines(self) -> list[str]:
        """Terminal summary: every SLD and match point, the dry pore fraction, the closed pores."""
        h, d = self.solvents
        out = []
        for x in self.table["solvents"] + self.table["phases"]:
            m = x.get("match_d_volume_fraction", "solvent")
            tail = "" if m == "solvent" else (f", matched by {100 * m:.1f} vol% {d.name} ({100 * x['match_d_mass_fraction']:.1f} wt%)"
                                              if m is not None else f", not matchable with {h.name}/{d.name}")
            out.append(f"{x['name']} ({x['formula']}, {x['density_g_cm3']:.4g} g/cm3): neutron SLD {x['neutron_sld_1e10_cm2']:.3f}e-6/A2,"
                       f" X-ray (Cu Ka) {x['xray_sld_1e10_cm2']:.3f}e-6/A2{tail}")
        if self.dry is not None:
            inv = self.dry_invariant
            out.append(f"dry: invariant {inv.invariant_cm_nm3:.4g} cm-1 nm-3, pore volume fraction {inv.volume_fraction:.4g}")
            out += [f"note: {f}" for f in inv.flags]
        if self.closed is not None:
            c = self.closed
            out.append(f"filled ({100 * c['d_volume_fraction']:.1f} vol% {d.name}, SLD {c['solvent_sld_1e10_cm2']:.3f}): closed pore "
                       f"volume fraction {c['closed_pore_volume_fraction']:.4g}, closed share of the pores {c['closed_pore_fraction']:.3g}")
        return out

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """Pore volume fraction of the dry powder, closed share of the pores from the solvent-filled curve."""
        q = {}
        how = "SANS Porod invariant, contrast = the solid's neutron SLD"
        if self.dry_invariant is not None:
            phi = self.dry_invariant.volume_fraction
            q["porosity"] = Measured(phi, _saxs.volume_fraction_uncertainty(self.dry_invariant, phi), f"{how} (dry powder)",
                                     "pore volume fraction of the irradiated material (open and closed pores)")
        if self.closed is not None:
            q["closed_pore_fraction"] = Measured(
                self.closed["closed_pore_fraction"],
                _saxs.closed_fraction_uncertainty(self.dry_invariant, self.filled_invariant, self.closed),
                method=f"{how}: dry vs H/D solvent-filled curve",
                note=f"solvent {100 * self.closed['d_volume_fraction']:.1f} vol% {self.solvents[1].name}, "
                     f"mismatch {self.closed['mismatch_1e10_cm2']:.3g}e-6/A2")
        return PoreProfile(**q, composition=composition, source=f"SANS {'' if self.dry is None else self.dry.source}".strip(),
                           method="sans")


def _phase(p: Phase | str, field: str) -> Phase:
    return p if isinstance(p, Phase) else parse_phase(p, field=field)


def analyse_sans(
    solid: Phase | str,
    phases=(),
    *,
    h_solvent: Phase | str = H2O,
    d_solvent: Phase | str = D2O,
    dry: _saxs.SAXSData | None = None,
    filled: _saxs.SAXSData | None = None,
    d_fraction: float | None = None,
    n_guinier: int = 8,
    n_porod: int = 10,
) -> SANSAnalysis:
    """SLDs and match points of ``solid`` (and ``phases``); with a ``dry`` curve the pore fraction; with a
    ``filled`` curve (the H/D solvent at ``d_fraction``, default the solid's match point) the closed pores.

    Phases are :class:`Phase` objects or text (``"Si"``, ``"C:1.8"``, see :func:`parse_phase`).
    """
    solid_p = _phase(solid, "solid")
    others = [_phase(t, "phase") for t in phases]
    h, d = _phase(h_solvent, "h_solvent"), _phase(d_solvent, "d_solvent")
    if filled is not None and dry is None:
        raise InputError("dry", None, "a dry curve (--dry) with --filled: the total pore fraction comes from it")
    table = contrast_table([solid_p, *others], h, d)
    a = table["phases"][0]["neutron_sld_1e10_cm2"]
    fit = {"n_guinier": n_guinier, "n_porod": n_porod}
    if dry is None:
        return SANSAnalysis(table, (h, d))
    dinv = _saxs.porod_invariant(dry, delta_sld_1e10_cm2=abs(a), **fit)
    if filled is None:
        return SANSAnalysis(table, (h, d), dry, dinv)
    sh, sd = (x["neutron_sld_1e10_cm2"] for x in table["solvents"])
    if d_fraction is None:
        used = contrast_match_fraction(a, sh, sd, field="solid")
    else:
        used = check_range("d_fraction", d_fraction, 0.0, 1.0)
    sld_liquid = float(mixture_sld(used, sh, sd))
    finv = _saxs.porod_invariant(filled, **fit)
    closed = closed_porosity_contrast_matched(dinv, finv, a, None if d_fraction is None else sld_liquid)
    closed = {"d_volume_fraction": used, "solvent_sld_1e10_cm2": sld_liquid, "invariant_cm_nm3": finv.invariant_cm_nm3,
              "flags": finv.flags, **closed}
    return SANSAnalysis(table, (h, d), dry, dinv, filled, finv, closed)
