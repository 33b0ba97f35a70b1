"""One call for a whole gas-adsorption analysis, shared by the CLI and the web page.

:func:`analyse_isotherm` runs, on a loaded isotherm, what a lab report holds: BET with the
ISO 9277 / Rouquerol criteria (any adsorptive with a cross-section), the BET over the
instrument's own points when the export carries its report, t-plot, Gurvich total pore
volume, a BJH/DH mesopore PSD (``psd_branch="auto"``: desorption when the file has it, else
adsorption, said in ``psd_branch``), Dubinin-Radushkevich for CO2, DFT with a user kernel.

Every step that can run, runs: a step the data or the adsorptive's properties do not allow
(no BET range meeting the criteria, no liquid density for the Gurvich volume, no branch for
the PSD) puts one line into ``notes`` and leaves the others alone.  With ``strict=True`` a
BET range that fails a criterion is an error instead.  The result converts to the one pore
profile (:meth:`IsothermAnalysis.to_profile`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from alloypore.characterization import bet as betm
from alloypore.characterization import gas_pores as gp
from alloypore.characterization.density import porosity_from_pore_volume
from alloypore.characterization.instrument_bet import match_points
from alloypore.characterization.isotherm import Isotherm
from alloypore.characterization.profile import Measured, PoreProfile, PoreSizeDistribution
from alloypore.errors import AlloyporeError, InputError, check_range

__all__ = ["IsothermAnalysis", "analyse_isotherm", "check_isotherm_options", "psd_to_dict", "bet_to_dict", "PSD_BRANCHES"]

#: p/p0 of the Gurvich total pore volume when the isotherm reaches it and none is given.
GURVICH_P_DEFAULT = 0.95
#: ``psd_branch`` choices: "auto" = desorption when the file has it, else adsorption.
PSD_BRANCHES = ("auto", "des", "ads")


def psd_to_dict(psd) -> dict:
    """JSON-ready summary of a mesopore PSD result."""
    return {
        "method": psd.method, "branch": psd.branch, "modal_diameter_nm": psd.modal_diameter_nm,
        "total_pore_volume_cm3_g": psd.total_pore_volume_cm3_g, "pore_area_m2_g": psd.pore_area_m2_g,
        "negative_points": psd.negative_points, "flags": psd.flags,
        "diameter_nm": psd.diameter_nm, "dv_dlogd_cm3_g": psd.dv_dlogd_cm3_g,
    }


def bet_to_dict(bet: betm.BETResult) -> dict:
    """JSON-ready summary of a BET result (``criteria``: each criterion's verdict; ``failed_criteria``: the False ones)."""
    return {
        "ssa_m2_g": bet.ssa_m2_g, "ssa_uncertainty_m2_g": bet.ssa_uncertainty_m2_g,
        "ssa_uncertainty_instrument_convention_m2_g": bet.ssa_uncertainty_instrument_convention_m2_g,
        "c_constant": bet.c_constant, "n_monolayer_mmol_g": bet.n_monolayer_mmol_g,
        "p_rel_range": list(bet.p_rel_range), "n_points": bet.n_points, "r2": bet.r2,
        "criteria": bet.criteria, "failed_criteria": bet.failed, "rouquerol_noise": betm.ROUQUEROL_NOISE,
        "p_rel_monolayer_bet": bet.p_rel_monolayer_bet, "p_rel_monolayer_measured": bet.p_rel_monolayer_measured,
        "automatic": bet.automatic, "candidates_tested": bet.candidates_tested, "candidates_passing": bet.candidates_passing,
        "sigma_nm2": bet.sigma_nm2,
    }


@dataclass
class IsothermAnalysis:
    """Everything :func:`analyse_isotherm` found: ``result`` is the JSON-ready dict."""

    result: dict
    bet: Any = None
    psd: Any = None
    notes: list = field(default_factory=list)
    iso: Isotherm | None = None
    composition: dict | None = None
    t_plot: Any = None
    gurvich: tuple[float, float] | None = None
    dr: Any = None

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize isotherm --json``)."""
        return dict(self.result)

    @property
    def profile(self) -> PoreProfile:
        """:meth:`to_profile` with the composition given to the analysis."""
        return self.to_profile()

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """BET area (± its regression standard error), Gurvich pore volume (open pores only, ± the plateau
        resolution and the external film), micropore volume (t-plot or DR, ± the fit), PSD.

        With a composition the porosity follows as ``v_p / (1/rho_true + v_p)``; the closed
        fraction is 0 (gas cannot see closed pores; combine with densities).
        """
        comp = composition if composition is not None else self.composition
        q: dict = {}
        if self.bet is not None:
            how = "BET (ISO 9277 criteria)" if not self.bet.failed else f"BET over the given range (fails {', '.join(self.bet.failed)})"
            q["ssa_m2_g"] = Measured(self.bet.ssa_m2_g, _finite(self.bet.ssa_uncertainty_m2_g), how,
                                     f"p/p0 {self.bet.p_rel_range[0]:.3g}-{self.bet.p_rel_range[1]:.3g}, C = {self.bet.c_constant:.4g}, "
                                     f"u = regression standard error")
        rng = None
        if self.gurvich is not None:
            v, u = self.gurvich
            how = f"Gurvich rule at p/p0 {self.result['gurvich_p_rel']:g}"
            note = "open pores only; u: t dW/dt at that p/p0 (film still growing, condensation still under way) + plateau resolution"
            q["pore_volume_cm3_g"] = Measured(v, u, how, note)
            q["open_pore_volume_cm3_g"] = Measured(v, u, how, note)
            q["closed_pore_fraction"] = Measured(0.0, method="gas adsorption", note="closed pores are not seen by gas: 0 assumed")
            d_max = gp.cohan_pore_diameter_nm(self.iso, self.result["gurvich_p_rel"])
            rng = (0.0, d_max) if math.isfinite(d_max) else None
            if comp:
                q["porosity"] = Measured(porosity_from_pore_volume(v, comp), method=f"{how} + true density of the composition")
        micro = self.t_plot if self.t_plot is not None else self.dr
        if micro is not None:
            name = "t-plot intercept" if self.t_plot is not None else "Dubinin-Radushkevich"
            q["micropore_volume_cm3_g"] = Measured(micro.micropore_volume_cm3_g, _finite(micro.micropore_volume_uncertainty_cm3_g),
                                                   name, "u = standard error of the fit's intercept")
        psd = None
        if self.psd is not None:
            modes = [self.psd.modal_diameter_nm] if np.isfinite(self.psd.modal_diameter_nm) else []
            psd = PoreSizeDistribution(self.psd.diameter_nm, self.psd.dv_dlogd_cm3_g, "cm3/g",
                                       f"{self.psd.method} ({self.psd.branch})", modes)
        source = f"isotherm {self.result.get('file') or ''}".strip()
        return PoreProfile(**q, psd=psd, composition=comp, source=source, method="isotherm", size_range_nm=rng,
                           notes=tuple(self.notes))

    def lines(self) -> list[str]:
        """Terminal summary."""
        r, bet, iso = self.result, self.bet, self.iso
        out = [f"{r['file']}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} ads / {iso.p_rel_des.size} des points"
               f" (read as {iso.reader})"]
        if bet is not None:
            verdict = "all four criteria met" if not bet.failed else f"FAILS criteria: {', '.join(bet.failed)}"
            where = "automatic range" if bet.automatic else "the given range"
            out.append(f"BET {bet.ssa_m2_g:.5g} ± {bet.ssa_uncertainty_m2_g:.2g} m2/g (C = {bet.c_constant:.4g}, {where} p/p0 "
                       f"{bet.p_rel_range[0]:.3g}-{bet.p_rel_range[1]:.3g}, {bet.n_points} points, sigma {bet.sigma_nm2:g} nm2; {verdict})")
        inst = r.get("instrument_bet")
        if inst and inst.get("alloypore_ssa_m2_g") is not None:
            rep = inst["reported"]
            out.append(f"instrument's BET {rep['ssa_m2_g']:.5g} m2/g over p/p0 {rep['p_rel_range'][0]:.3g}-{rep['p_rel_range'][1]:.3g}; "
                       f"alloypore over the same points {inst['alloypore_ssa_m2_g']:.5g} m2/g ({inst['difference_pct']:+.2f} %)")
        if r["total_pore_volume_cm3_g"] is not None:
            out.append(f"total pore volume (Gurvich, p/p0 {r['gurvich_p_rel']}) {r['total_pore_volume_cm3_g']:.4g} cm3/g")
        if self.psd is not None:
            out.append(f"{self.psd.method} ({r['psd_branch']} branch) modal diameter {self.psd.modal_diameter_nm:.3g} nm")
        if r["dr"] is not None:
            out.append(f"DR micropore volume {r['dr'].micropore_volume_cm3_g:.4g} cm3/g, E = {r['dr'].characteristic_energy_kJ_mol:.3g} kJ/mol")
        return out + [f"note: {n}" for n in self.notes]


def _finite(v) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def _properties(iso: Isotherm, notes: list) -> None:
    """Check the adsorptive is known (a note for what is missing); unknown names give one line per analysis later."""
    try:
        props = iso.properties()
    except InputError as err:
        notes.append(f"adsorptive: {err}")
        return
    if props.liquid_density_g_cm3 is None:
        notes.append(f"{props.name} at {iso.temperature_K:g} K has no liquid density ({props.liquid_source}): "
                     "liquid volumes (Gurvich, t-plot, PSD) are not computed")


def analyse_isotherm(
    iso: Isotherm,
    *,
    bet_range: tuple[float, float] | None = None,
    strict: bool = False,
    sigma_nm2: float | None = None,
    psd: str = "bjh",
    psd_branch: str = "auto",
    gurvich_p: float | None = None,
    t_range: tuple[float, float] = (0.35, 0.5),
    dft_kernel: str | Path | None = None,
    dr_range: tuple[float, float] = (1e-5, 0.03),
    composition: dict | None = None,
    source: str = "",
) -> IsothermAnalysis:
    """Analyse a loaded isotherm (:func:`alloypore.characterization.isotherm.load_isotherm`).

    Parameters
    ----------
    bet_range : a BET p/p0 window computed over exactly its points (criteria reported). Default: searched.
    strict : a BET range failing a criterion (or no automatic range) is an error, not a note.
    sigma_nm2 : cross-section for BET; default the adsorptive's (pyGAPS's list).
    psd : ``"bjh"``, ``"dh"`` or ``"none"``; ``psd_branch``: ``"auto"``, ``"des"`` or ``"ads"``.
    gurvich_p : p/p0 of the Gurvich volume; default 0.95 when the isotherm reaches it.
    composition : material -> mass fraction, for the pore profile's porosity and particle spec.
    source : the file name reported (default: the isotherm's own source).
    """
    check_isotherm_options(bet_range=bet_range, psd=psd, psd_branch=psd_branch, sigma_nm2=sigma_nm2)
    psd = psd.lower()
    notes: list[str] = list(iso.notes)
    result: dict = {
        "file": source or iso.source, "reader": iso.reader, "material": iso.material, "adsorbate": iso.adsorbate,
        "temperature_K": iso.temperature_K, "n_points_adsorption": int(iso.p_rel_ads.size),
        "n_points_desorption": int(iso.p_rel_des.size), "bet": None, "instrument_bet": None, "t_plot": None,
        "total_pore_volume_cm3_g": None, "gurvich_p_rel": None, "psd": None, "psd_branch": None, "dr": None, "dft": None,
    }
    out = IsothermAnalysis(result=result, notes=notes, iso=iso, composition=composition)
    _properties(iso, notes)
    if iso.adsorbate.lower() in ("carbon dioxide", "co2"):
        out.dr = result["dr"] = _secondary(notes, "Dubinin-Radushkevich not computed", gp.dubinin_radushkevich, iso, dr_range)
        notes.append("CO2 isotherm: Dubinin-Radushkevich micropore volume; BET and BJH not applied")
    else:
        out.bet = _bet(result, notes, iso, bet_range, strict, sigma_nm2)
        _instrument(result, notes, iso, sigma_nm2)
        out.t_plot = result["t_plot"] = _secondary(notes, "t-plot not computed", gp.t_plot, iso, t_range)
        out.gurvich = _gurvich(result, notes, iso, gurvich_p)
        if psd != "none":
            out.psd = _psd(result, notes, iso, psd, psd_branch)
    if dft_kernel is not None:
        dft = gp.psd_dft(iso, dft_kernel)
        result["dft"] = {"modal_diameter_nm": dft.modal_diameter_nm, "total_pore_volume_cm3_g": dft.total_pore_volume_cm3_g,
                         "diameter_nm": dft.diameter_nm, "dv_dd_cm3_g_nm": dft.dv_dd_cm3_g_nm}
    result["notes"] = notes
    return out


def check_isotherm_options(*, bet_range=None, psd: str = "bjh", psd_branch: str = "auto", sigma_nm2=None, gurvich_p=None,
                           t_range=None, dr_range=None, **_ignored) -> None:
    """Refuse bad analysis options in one line (the CLI calls this before reading the file)."""
    if gurvich_p is not None:  # a value the user typed is refused, not turned into a note
        check_range("gurvich_p", gurvich_p, 0, 1, lo_open=True, hi_open=True)
    for name, window in (("t_range", t_range), ("dr_range", dr_range)):
        if window is not None and not (np.all(np.isfinite(window)) and 0 < window[0] < window[1]):
            raise InputError(name, f"{window[0]:g},{window[1]:g}", "0 < LOW < HIGH")
    if str(psd).lower() not in ("bjh", "dh", "none"):
        raise InputError("psd", psd, "bjh, dh or none")
    if psd_branch not in PSD_BRANCHES:
        raise InputError("psd_branch", psd_branch, "auto, des or ads")
    if sigma_nm2 is not None:
        check_range("cross_section", sigma_nm2, 0, 2, lo_open=True, unit="nm2")
    if bet_range is not None and not 0 < bet_range[0] < bet_range[1] < 1:
        raise InputError("bet_range", f"{bet_range[0]:g},{bet_range[1]:g}", "0 < LOW < HIGH < 1 (p/p0)")


def _bet(result: dict, notes: list, iso: Isotherm, bet_range, strict: bool, sigma_nm2) -> betm.BETResult | None:
    """BET over the given range (a bad range is an error) or the automatic one (none found: a note unless ``strict``)."""
    if sigma_nm2 is None:
        try:
            sigma_nm2 = iso.properties().need("sigma_nm2", "BET")
        except InputError as err:  # no cross-section for this adsorptive: BET alone is refused
            notes.append(f"BET not computed: {err} (give --cross-section NM2)")
            return None
    try:
        bet = betm.area_bet(iso, bet_range, sigma_nm2=sigma_nm2, strict=strict)
    except betm.BETRangeError as err:
        if strict or bet_range is not None:
            raise
        notes.append(f"BET not computed: {err}")
        return None
    result["bet"] = bet_to_dict(bet)
    if bet.failed:
        notes.append(f"BET over p/p0 {bet.p_rel_range[0]:.4g}-{bet.p_rel_range[1]:.4g} fails ISO 9277/Rouquerol criteria: "
                     f"{', '.join(bet.failed)} (reported as computed; --strict refuses it)")
    return bet


def _instrument(result: dict, notes: list, iso: Isotherm, sigma_nm2) -> None:
    """The instrument's own BET report, and alloypore's BET over exactly its points with its cross-section."""
    rep = iso.instrument_bet
    if rep is None:
        return
    entry = {"reported": rep.to_dict(), "alloypore_ssa_m2_g": None, "difference_pct": None, "criteria": None}
    result["instrument_bet"] = entry
    if rep.p_rel_range is None:
        notes.append(f"the file carries the instrument's BET {rep.ssa_m2_g:g} m2/g but not the points it used")
        return
    sigma = sigma_nm2 or rep.sigma_nm2
    idx = match_points(iso.p_rel_ads, rep.p_rel_points)  # the printed p/p0 are rounded: match each to its point
    p_sel = iso.p_rel_ads[idx]
    try:
        if sigma is None:
            sigma = iso.properties().need("sigma_nm2", "BET")
        res = betm.bet_fit_range(iso.p_rel_ads, iso.n_ads_mmol_g, sigma, (p_sel.min() * (1 - 1e-12), p_sel.max() * (1 + 1e-12)))
    except AlloyporeError as err:
        notes.append(f"BET over the instrument's points not computed: {err}")
        return
    entry.update(alloypore_ssa_m2_g=res.ssa_m2_g, difference_pct=100.0 * (res.ssa_m2_g / rep.ssa_m2_g - 1.0),
                 criteria=res.criteria, sigma_nm2=sigma, n_points=res.n_points,
                 ssa_uncertainty_instrument_convention_m2_g=res.ssa_uncertainty_instrument_convention_m2_g)


def _secondary(notes: list, what: str, fn, *args):
    """``fn(*args)``, or None with ``"what: reason"`` in ``notes`` when the data do not allow it."""
    try:
        return fn(*args)
    except AlloyporeError as err:  # a secondary analysis: report, do not fail
        notes.append(f"{what}: {err}")
        return None


def _gurvich(result: dict, notes: list, iso: Isotherm, gurvich_p: float | None) -> tuple[float, float] | None:
    """Gurvich total pore volume at ``gurvich_p`` (or 0.95 when reached) and its uncertainty
    (:func:`~alloypore.characterization.gas_pores.gurvich_pore_volume`) into ``result``."""
    p = gurvich_p
    if p is None and iso.p_rel_ads.max() >= GURVICH_P_DEFAULT:
        p = GURVICH_P_DEFAULT
    if p is None:
        notes.append(f"Gurvich volume not computed: isotherm ends at p/p0 {iso.p_rel_ads.max():.3g} < 0.95 (use --gurvich-p)")
        return None
    got = _secondary(notes, "Gurvich volume not computed", gp.gurvich_pore_volume, iso, p)
    if got is None:
        return None
    result["total_pore_volume_cm3_g"], result["total_pore_volume_uncertainty_cm3_g"] = got
    result["gurvich_p_rel"] = p
    return got


def _psd(result: dict, notes: list, iso: Isotherm, psd: str, psd_branch: str):
    """BJH/DH on the chosen branch ("auto": desorption when the file has one), the choice said in ``psd_branch``."""
    branch = psd_branch
    if branch == "auto":
        branch = "des" if iso.has_desorption else "ads"
        if branch == "ads":
            notes.append("no desorption branch: the pore-size distribution uses the adsorption branch (--psd-branch auto)")
    result["psd_branch"] = "desorption" if branch == "des" else "adsorption"
    res = _secondary(notes, f"{psd.upper()} pore-size distribution not computed", gp.psd_mesopore, iso, psd.upper(), branch)
    if res is None:
        return None
    result["psd"] = psd_to_dict(res)
    if branch == "des" and iso.p_rel_ads.size >= 3:
        ads = _secondary(notes, "adsorption-branch PSD not computed", gp.psd_mesopore, iso, psd.upper(), "ads")
        if ads is not None:
            result["psd"]["adsorption_branch_negative_points"] = ads.negative_points
    return res

