"""Figures for the characterization commands (isotherm + BET range, PSDs, invariant integrand)."""

from __future__ import annotations

import numpy as np

__all__ = ["plot_isotherm_bet", "plot_psd", "plot_saxs_integrand"]


def plot_isotherm_bet(iso, bet=None):
    """Isotherm (both branches) with the BET range shaded, and the BET plot with its fit."""
    from alloypore.plotting import new_figure

    fig, (ax, bx) = new_figure(10.0, 4.0, ncols=2)
    ax.plot(iso.p_rel_ads, iso.n_ads_mmol_g, "o-", ms=3, label="adsorption")
    if iso.p_rel_des.size:
        ax.plot(iso.p_rel_des, iso.n_des_mmol_g, "s--", ms=3, label="desorption")
    ax.set_xlabel("p/p0")
    ax.set_ylabel("loading (mmol/g)")
    ax.set_title(f"{iso.material or 'sample'}: {iso.adsorbate} {iso.temperature_K:.1f} K")
    if bet is not None:
        lo, hi = bet.p_rel_range
        ax.axvspan(lo, hi, color="tab:green", alpha=0.2, label=f"BET range {lo:.3g}-{hi:.3g}")
        from alloypore.characterization.bet import bet_transform

        sel = iso.p_rel_ads < min(0.5, hi * 2 + 0.05)
        x = iso.p_rel_ads[sel]
        bx.plot(x, bet_transform(x, iso.n_ads_mmol_g[sel]), "o", ms=3, color="0.5", label="data")
        xx = np.linspace(lo, hi, 50)
        bx.plot(xx, bet.intercept + bet.slope * xx, "-", color="tab:green",
                label=f"fit: {bet.ssa_m2_g:.4g} m²/g, C = {bet.c_constant:.3g}")
        bx.set_xlim(0, min(0.5, hi * 1.5 + 0.01))
        bx.set_xlabel("p/p0")
        bx.set_ylabel("p/p0 / [n (1 - p/p0)]  (g/mmol)")
        bx.legend(fontsize=8)
    ax.legend(fontsize=8)
    return fig


def plot_psd(diameter_nm, dv_dlogd, *, title: str = "pore-size distribution", cumulative=None, cutoff_nm=None,
             ylabel: str = "dV/dlogD (cm³/g)"):
    """dV/dlogD against diameter (log axis), optional cumulative curve and cutoff line."""
    from alloypore.plotting import new_figure

    fig, ax = new_figure()
    d = np.asarray(diameter_nm, dtype=float)
    ax.semilogx(d, dv_dlogd, "-o", ms=2, label="dV/dlogD")
    ax.set_xlabel("pore diameter (nm)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if cutoff_nm is not None:
        ax.axvline(cutoff_nm, color="k", ls=":", label=f"inter/intra cutoff {cutoff_nm:.3g} nm")
    if cumulative is not None:
        bx = ax.twinx()
        bx.semilogx(d, cumulative, color="tab:red", lw=1)
        bx.set_ylabel("cumulative (cm³/g)", color="tab:red")
    ax.legend(fontsize=8)
    return fig


def plot_saxs_integrand(data, inv, filled=None):
    """Invariant integrand q² I(q) with the Guinier and Porod extrapolations."""
    from alloypore.plotting import new_figure

    fig, ax = new_figure()
    q, i = data.q_nm, data.intensity_cm
    ax.plot(q, q * q * i, "-", label="measured q²I")
    if inv.guinier_rg_nm is not None:
        qq = np.linspace(0, q[0], 50)
        ax.plot(qq, qq * qq * inv.guinier_i0_cm * np.exp(-(qq * inv.guinier_rg_nm) ** 2 / 3), "--", label="Guinier extrapolation")
    qh = np.geomspace(q[-1], q[-1] * 5, 50)
    ax.plot(qh, inv.porod_constant_cm_nm4 / qh**2, ":", label="Porod q⁻⁴ extrapolation")
    if filled is not None:
        ax.plot(filled[0].q_nm, filled[0].q_nm ** 2 * filled[0].intensity_cm, "-", label="filled / second curve")
    ax.set_xscale("log")
    ax.set_xlabel("q (1/nm)")
    ax.set_ylabel("q² I (cm⁻¹ nm⁻²)")
    ax.set_title(f"Porod invariant Q = {inv.invariant_cm_nm3:.4g} cm⁻¹ nm⁻³")
    ax.legend(fontsize=8)
    return fig
