"""One call for a whole gas-adsorption analysis, shared by the CLI and the web page.

:func:`analyse_isotherm` runs, on a loaded isotherm, what a lab report holds: BET with the
ISO 9277 / Rouquerol criteria (N2, Ar), t-plot, Gurvich total pore volume, a BJH/DH
mesopore PSD (desorption branch by default, with the adsorption branch's negative volumes
flagged), Dubinin-Radushkevich for CO2, DFT with a user kernel.  Secondary analyses that
cannot run on the data are reported in ``notes``, not raised.  The result converts to the
one pore profile (:meth:`IsothermAnalysis.to_profile`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from alloypore.characterization import bet as betm
from alloypore.characterization import gas_pores as gp
from alloypore.characterization.density import porosity_from_pore_volume
from alloypore.characterization.isotherm import Isotherm
from alloypore.characterization.profile import Measured, PoreProfile, PoreSizeDistribution
from alloypore.errors import AlloyporeError, InputError

__all__ = ["IsothermAnalysis", "analyse_isotherm", "psd_to_dict", "bet_to_dict"]

#: p/p0 of the Gurvich total pore volume when the isotherm reaches it and none is given.
GURVICH_P_DEFAULT = 0.95


def psd_to_dict(psd) -> dict:
    """JSON-ready summary of a mesopore PSD result."""
    return {
        "method": psd.method, "branch": psd.branch, "modal_diameter_nm": psd.modal_diameter_nm,
        "total_pore_volume_cm3_g": psd.total_pore_volume_cm3_g, "pore_area_m2_g": psd.pore_area_m2_g,
        "negative_points": psd.negative_points, "flags": psd.flags,
        "diameter_nm": psd.diameter_nm, "dv_dlogd_cm3_g": psd.dv_dlogd_cm3_g,
    }


def bet_to_dict(bet: betm.BETResult) -> dict:
    """JSON-ready summary of a BET result."""
    return {
        "ssa_m2_g": bet.ssa_m2_g, "c_constant": bet.c_constant, "n_monolayer_mmol_g": bet.n_monolayer_mmol_g,
        "p_rel_range": list(bet.p_rel_range), "n_points": bet.n_points, "r2": bet.r2,
        "criteria": bet.criteria, "p_rel_monolayer_bet": bet.p_rel_monolayer_bet,
        "p_rel_monolayer_measured": bet.p_rel_monolayer_measured, "automatic": bet.automatic,
        "candidates_tested": bet.candidates_tested, "candidates_passing": bet.candidates_passing,
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

    def to_dict(self) -> dict:
        """JSON-ready result (``alloypore characterize isotherm --json``)."""
        return dict(self.result)

    @property
    def profile(self) -> PoreProfile:
        """:meth:`to_profile` with the composition given to the analysis."""
        return self.to_profile()

    def to_profile(self, composition: dict | None = None) -> PoreProfile:
        """BET area, Gurvich pore volume (open pores only), PSD modes.

        With a composition the porosity follows as ``v_p / (1/rho_true + v_p)``; the closed
        fraction is 0 (gas cannot see closed pores; combine with densities).
        """
        comp = composition if composition is not None else self.composition
        q: dict = {}
        if self.bet is not None:
            q["ssa_m2_g"] = Measured(self.bet.ssa_m2_g, method="BET (ISO 9277 criteria)",
                                     note=f"p/p0 {self.bet.p_rel_range[0]:.3g}-{self.bet.p_rel_range[1]:.3g}, C = {self.bet.c_constant:.4g}")
        v = self.result.get("total_pore_volume_cm3_g")
        if v is not None:
            how = f"Gurvich rule at p/p0 {self.result['gurvich_p_rel']:g}"
            q["pore_volume_cm3_g"] = Measured(v, method=how, note="open pores only")
            q["open_pore_volume_cm3_g"] = Measured(v, method=how)
            q["closed_pore_fraction"] = Measured(0.0, method="gas adsorption", note="closed pores are not seen by gas: 0 assumed")
            if comp:
                q["porosity"] = Measured(porosity_from_pore_volume(v, comp), method=f"{how} + true density of the composition")
        psd = None
        if self.psd is not None:
            modes = [self.psd.modal_diameter_nm] if np.isfinite(self.psd.modal_diameter_nm) else []
            psd = PoreSizeDistribution(self.psd.diameter_nm, self.psd.dv_dlogd_cm3_g, "cm3/g",
                                       f"{self.psd.method} ({self.psd.branch})", modes)
        source = f"isotherm {self.result.get('file') or ''}".strip()
        return PoreProfile(**q, psd=psd, composition=comp, source=source)

    def lines(self) -> list[str]:
        """Terminal summary."""
        r, bet, iso = self.result, self.bet, self.iso
        out = [f"{r['file']}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} ads / {iso.p_rel_des.size} des points"]
        if bet is not None:
            out.append(f"BET {bet.ssa_m2_g:.4g} m2/g (C = {bet.c_constant:.4g}, p/p0 {bet.p_rel_range[0]:.3g}-{bet.p_rel_range[1]:.3g},"
                       f" {bet.n_points} points, all four criteria met)")
        if r["total_pore_volume_cm3_g"] is not None:
            out.append(f"total pore volume (Gurvich, p/p0 {r['gurvich_p_rel']}) {r['total_pore_volume_cm3_g']:.4g} cm3/g")
        if self.psd is not None:
            out.append(f"{self.psd.method} modal diameter {self.psd.modal_diameter_nm:.3g} nm")
        if r["dr"] is not None:
            out.append(f"DR micropore volume {r['dr'].micropore_volume_cm3_g:.4g} cm3/g, E = {r['dr'].characteristic_energy_kJ_mol:.3g} kJ/mol")
        return out + [f"note: {n}" for n in self.notes]


def analyse_isotherm(
    iso: Isotherm,
    *,
    bet_range: tuple[float, float] | None = None,
    psd: str = "bjh",
    psd_branch: str = "des",
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
    bet_range : fixed BET p/p0 window; refused if it fails a criterion. Default: searched.
    psd : ``"bjh"``, ``"dh"`` or ``"none"``; ``psd_branch``: ``"des"`` or ``"ads"``.
    gurvich_p : p/p0 of the Gurvich volume; default 0.95 when the isotherm reaches it.
    composition : material -> mass fraction, for the pore profile's porosity and particle spec.
    source : the file name reported (default: the isotherm's own source).
    """
    psd = psd.lower()
    if psd not in ("bjh", "dh", "none"):
        raise InputError("psd", psd, "bjh, dh or none")
    if psd_branch not in ("des", "ads"):
        raise InputError("psd_branch", psd_branch, "des or ads")
    notes: list[str] = []
    result: dict = {
        "file": source or iso.source, "material": iso.material, "adsorbate": iso.adsorbate, "temperature_K": iso.temperature_K,
        "n_points_adsorption": int(iso.p_rel_ads.size), "n_points_desorption": int(iso.p_rel_des.size),
        "bet": None, "t_plot": None, "total_pore_volume_cm3_g": None, "gurvich_p_rel": None,
        "psd": None, "dr": None, "dft": None,
    }
    bet = psd_res = None
    if iso.adsorbate.lower() in ("carbon dioxide", "co2"):
        result["dr"] = gp.dubinin_radushkevich(iso, dr_range)
        notes.append("CO2 isotherm: Dubinin-Radushkevich micropore volume; BET and BJH not applied")
    else:
        bet = betm.area_bet(iso, bet_range)
        result["bet"] = bet_to_dict(bet)
        result["t_plot"] = _secondary(notes, "t-plot not computed", gp.t_plot, iso, t_range)
        _gurvich(result, notes, iso, gurvich_p)
        if psd != "none":
            psd_res = gp.psd_mesopore(iso, psd.upper(), psd_branch)
            result["psd"] = psd_to_dict(psd_res)
            if psd_branch == "des" and iso.p_rel_ads.size >= 3:
                ads = _secondary(notes, "adsorption-branch PSD not computed", gp.psd_mesopore, iso, psd.upper(), "ads")
                if ads is not None:
                    result["psd"]["adsorption_branch_negative_points"] = ads.negative_points
    if dft_kernel is not None:
        dft = gp.psd_dft(iso, dft_kernel)
        result["dft"] = {"modal_diameter_nm": dft.modal_diameter_nm, "total_pore_volume_cm3_g": dft.total_pore_volume_cm3_g,
                         "diameter_nm": dft.diameter_nm, "dv_dd_cm3_g_nm": dft.dv_dd_cm3_g_nm}
    result["notes"] = notes
    return IsothermAnalysis(result=result, bet=bet, psd=psd_res, notes=notes, iso=iso, composition=composition)


def _secondary(notes: list, what: str, fn, *args):
    """``fn(*args)``, or None with ``"what: reason"`` in ``notes`` when the data do not allow it."""
    try:
        return fn(*args)
    except AlloyporeError as err:  # a secondary analysis: report, do not fail
        notes.append(f"{what}: {err}")
        return None


def _gurvich(result: dict, notes: list, iso: Isotherm, gurvich_p: float | None) -> None:
    """Gurvich total pore volume at ``gurvich_p`` (or 0.95 when the isotherm reaches it) into ``result``."""
    p = gurvich_p
    if p is None and iso.p_rel_ads.max() >= GURVICH_P_DEFAULT:
        p = GURVICH_P_DEFAULT
    if p is None:
        notes.append(f"Gurvich volume not computed: isotherm ends at p/p0 {iso.p_rel_ads.max():.3g} < 0.95 (use --gurvich-p)")
        return
    result["total_pore_volume_cm3_g"] = gp.gurvich_pore_volume_cm3_g(iso, p)
    result["gurvich_p_rel"] = p
