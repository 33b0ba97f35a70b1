"""One call for a whole gas-adsorption analysis, shared by the CLI and the web page.

:func:`analyse_isotherm` runs, on a loaded isotherm, what a lab report holds: BET with the
ISO 9277 / Rouquerol criteria (N2, Ar), t-plot, Gurvich total pore volume, a BJH/DH
mesopore PSD (desorption branch by default, with the adsorption branch's negative volumes
flagged), Dubinin-Radushkevich for CO2, DFT with a user kernel, and the pore profile.
Secondary analyses that cannot run on the data are reported in ``notes``, not raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alloypore.errors import AlloyporeError, InputError

__all__ = ["IsothermAnalysis", "analyse_isotherm", "psd_to_dict"]


def psd_to_dict(psd) -> dict:
    """JSON-ready summary of a mesopore PSD result."""
    return {
        "method": psd.method, "branch": psd.branch, "modal_diameter_nm": psd.modal_diameter_nm,
        "total_pore_volume_cm3_g": psd.total_pore_volume_cm3_g, "pore_area_m2_g": psd.pore_area_m2_g,
        "negative_points": psd.negative_points, "flags": psd.flags,
        "diameter_nm": psd.diameter_nm, "dv_dlogd_cm3_g": psd.dv_dlogd_cm3_g,
    }


@dataclass
class IsothermAnalysis:
    """Everything :func:`analyse_isotherm` found: ``result`` is the JSON-ready dict."""

    result: dict
    bet: Any = None
    psd: Any = None
    profile: Any = None
    notes: list = field(default_factory=list)


def analyse_isotherm(
    iso,
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
    composition : material -> mass fraction, for the pore profile's particle spec.
    """
    from alloypore.characterization import bet as betm
    from alloypore.characterization import gas_pores as gp
    from alloypore.characterization.profile import profile_from_isotherm

    psd = psd.lower()
    if psd not in ("bjh", "dh", "none"):
        raise InputError("psd", psd, "bjh, dh or none")
    if psd_branch not in ("des", "ads"):
        raise InputError("psd_branch", psd_branch, "des or ads")
    notes: list[str] = []
    result: dict = {
        "file": source, "material": iso.material, "adsorbate": iso.adsorbate, "temperature_K": iso.temperature_K,
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
        result["bet"] = {
            "ssa_m2_g": bet.ssa_m2_g, "c_constant": bet.c_constant, "n_monolayer_mmol_g": bet.n_monolayer_mmol_g,
            "p_rel_range": list(bet.p_rel_range), "n_points": bet.n_points, "r2": bet.r2,
            "criteria": bet.criteria, "p_rel_monolayer_bet": bet.p_rel_monolayer_bet,
            "p_rel_monolayer_measured": bet.p_rel_monolayer_measured, "automatic": bet.automatic,
            "candidates_tested": bet.candidates_tested, "candidates_passing": bet.candidates_passing,
            "sigma_nm2": bet.sigma_nm2,
        }
        try:
            result["t_plot"] = gp.t_plot(iso, t_range)
        except AlloyporeError as err:  # a secondary analysis: report, do not fail
            notes.append(f"t-plot not computed: {err}")
        if gurvich_p is not None:
            result["total_pore_volume_cm3_g"] = gp.gurvich_pore_volume_cm3_g(iso, gurvich_p)
            result["gurvich_p_rel"] = gurvich_p
        elif iso.p_rel_ads.max() >= 0.95:
            result["total_pore_volume_cm3_g"] = gp.gurvich_pore_volume_cm3_g(iso, 0.95)
            result["gurvich_p_rel"] = 0.95
        else:
            notes.append(
                f"Gurvich volume not computed: isotherm ends at p/p0 {iso.p_rel_ads.max():.3g} < 0.95 (use --gurvich-p)"
            )
        if psd != "none":
            psd_res = gp.psd_mesopore(iso, psd.upper(), psd_branch)
            result["psd"] = psd_to_dict(psd_res)
            if psd_branch == "des" and iso.p_rel_ads.size >= 3:
                try:
                    ads = gp.psd_mesopore(iso, psd.upper(), "ads")
                    result["psd"]["adsorption_branch_negative_points"] = ads.negative_points
                except AlloyporeError as err:
                    notes.append(f"adsorption-branch PSD not computed: {err}")
    if dft_kernel is not None:
        dft = gp.psd_dft(iso, dft_kernel)
        result["dft"] = {"modal_diameter_nm": dft.modal_diameter_nm, "total_pore_volume_cm3_g": dft.total_pore_volume_cm3_g,
                         "diameter_nm": dft.diameter_nm, "dv_dd_cm3_g_nm": dft.dv_dd_cm3_g_nm}
    profile = profile_from_isotherm(bet, result["total_pore_volume_cm3_g"], psd_res, composition=composition)
    result["pore_profile"] = profile.summary()
    result["notes"] = notes
    return IsothermAnalysis(result=result, bet=bet, psd=psd_res, profile=profile, notes=notes)
