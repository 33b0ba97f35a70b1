"""Figures of the evidence methods, and for each method the set of figures its command writes.

``<method>_figures(result) -> {file name: figure}`` is what the measurement registry
(:mod:`alloypore.characterization.registry`) hands to the CLI (``--out``) and the web page.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from alloypore._io import atomic_output_dir
from alloypore.characterization.bet import bet_transform
from alloypore.characterization.sans import mixture_sld
from alloypore.plotting import figure_to_png_bytes, new_figure

__all__ = [
    "plot_isotherm_bet",
    "plot_psd",
    "plot_saxs_integrand",
    "plot_contrast",
    "plot_nmr",
    "plot_density_volumes",
    "isotherm_figures",
    "mip_figures",
    "density_figures",
    "saxs_figures",
    "sans_figures",
    "nmr_figures",
    "plot_combination",
    "combine_figures",
    "save_figures",
]


def plot_isotherm_bet(iso, bet=None):
    """Isotherm (both branches) with the BET range shaded, and the BET plot with its fit."""
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


def plot_contrast(table: dict, used_d_fraction: float | None = None):
    """SLD contrast chart: solvent SLD vs D volume fraction, each phase's SLD and match point."""
    fig, ax = new_figure(6.0, 4.2)
    h, d = table["solvents"]
    phi = np.linspace(0.0, 1.0, 101)
    ax.plot(phi, mixture_sld(phi, h["neutron_sld_1e10_cm2"], d["neutron_sld_1e10_cm2"]), "k-",
            label=f"{h['name']}/{d['name']} mixture")
    colors = ["C0", "C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    for k, p in enumerate(table["phases"]):
        c = colors[k % len(colors)]
        s = p["neutron_sld_1e10_cm2"]
        m = p["match_d_volume_fraction"]
        lab = f"{p['name']} ({p['density_g_cm3']:.3g} g/cm³): {s:.2f}" + (f", match {100 * m:.1f} % {d['name']}" if m is not None else ", not matchable")
        ax.axhline(s, color=c, ls="--", lw=1.2, label=lab)
        if m is not None:
            ax.plot([m], [s], "o", color=c)
    if used_d_fraction is not None:
        ax.axvline(used_d_fraction, color="0.5", lw=0.8, ls=":", label=f"solvent used: {100 * used_d_fraction:.1f} % {d['name']}")
    ax.set_xlabel(f"{d['name']} volume fraction in the solvent")
    ax.set_ylabel("neutron SLD (10⁻⁶ Å⁻²)")
    ax.set_xlim(0, 1)
    ax.legend(fontsize=7, loc="best")
    ax.set_title("SANS contrast")
    return fig


def plot_nmr(res, title: str = ""):
    """Two panels: the relaxation distribution (confined vs bulk-like) and the pore-size distribution."""
    fig, (ax1, ax2) = new_figure(9.5, 3.8, ncols=2)
    c = res.confined
    ax1.semilogx(res.time_ms, res.amplitude, "-", color="0.6", lw=1)
    ax1.semilogx(res.time_ms[c], res.amplitude[c], "o", ms=3, color="C0", label="in pores")
    if (~c).any():
        ax1.semilogx(res.time_ms[~c], res.amplitude[~c], "o", ms=3, color="C3", label="bulk-like (outside pores)")
    if res.bulk_time_ms:
        ax1.axvline(res.bulk_time_ms, color="C3", ls=":", lw=1, label=f"bulk {res.kind} {res.bulk_time_ms:g} ms")
    ax1.set_xlabel(f"{res.kind} (ms)")
    ax1.set_ylabel("amplitude")
    ax1.legend(fontsize=7)
    if c.sum() >= 1:
        ax2.semilogx(res.pore_size_nm[c], res.dv_dlogd[c], "-o", ms=3, color="C0")
        if res.modal_size_nm:
            ax2.axvline(res.modal_size_nm, color="k", lw=0.8, ls="--", label=f"mode {res.modal_size_nm:.3g} nm")
            ax2.legend(fontsize=7)
    size = "width" if res.geometry == "slit" else "diameter"
    ax2.set_xlabel(f"pore {size} (nm), {res.geometry}: d = {res.geometry_factor:g}·ρ·{res.kind}s, ρ = {res.relaxivity_um_s:g} µm/s")
    ax2.set_ylabel(f"dV/dlog d ({res.volume_unit})")
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def plot_density_volumes(res):
    """Stacked volumes of one gram of powder: solid, closed pores, open pores (and the tapped interparticle void)."""
    fig, ax = new_figure(5.0, 4.0)
    parts = [("solid", res.solid_volume_cm3_g), ("closed pores", res.closed_pore_volume_cm3_g), ("open pores", res.open_pore_volume_cm3_g)]
    if res.interparticle_void_fraction is not None:
        # void share e of the tapped bulk 1/rho_tap: e / rho_tap = 1/rho_tap - 1/rho_env
        parts.append(("interparticle (tapped)", res.interparticle_void_fraction / res.tap_density_g_cm3))
    bottom = 0.0
    for name, v in parts:
        ax.bar(["1 g of powder"], [v], bottom=bottom, label=f"{name}: {v:.3g} cm³")
        bottom += v
    ax.set_ylabel("volume (cm³/g)")
    ax.legend(fontsize=8)
    return fig


def isotherm_figures(a) -> dict:
    """``isotherm.png`` (with the BET range) and, with a mesopore PSD, ``psd.png``."""
    figures = {"isotherm.png": plot_isotherm_bet(a.iso, a.bet)}
    if a.psd is not None:
        figures["psd.png"] = plot_psd(a.psd.diameter_nm, a.psd.dv_dlogd_cm3_g, cumulative=a.psd.cumulative_cm3_g,
                                      title=f"{a.psd.method} ({a.psd.branch}) {a.iso.material}")
    return figures


def mip_figures(res) -> dict:
    """``mip_psd.png``: dV/dlogD with the inter/intraparticle cutoff."""
    return {"mip_psd.png": plot_psd(res.diameter_nm, res.dv_dlogd_cm3_g, cumulative=res.cumulative_cm3_g,
                                    cutoff_nm=res.cutoff_diameter_nm, title=f"MIP {Path(res.data.source).name}", ylabel="dV/dlogD (mL/g)")}


def density_figures(res) -> dict:
    """``density_volumes.png``."""
    return {"density_volumes.png": plot_density_volumes(res)}


def saxs_figures(a) -> dict:
    """``saxs_invariant.png``: the integrand with its extrapolations (and the filled / after curve)."""
    return {"saxs_invariant.png": plot_saxs_integrand(a.data, a.invariant, a.second_curve())}


def sans_figures(a) -> dict:
    """``sans_contrast.png`` and, with a dry curve, ``sans_invariant.png``."""
    used = None if a.closed is None else a.closed["d_volume_fraction"]
    figures = {"sans_contrast.png": plot_contrast(a.table, used)}
    if a.dry is not None:
        second = None if a.filled is None else (a.filled, a.filled_invariant)
        figures["sans_invariant.png"] = plot_saxs_integrand(a.dry, a.dry_invariant, second)
    return figures


def nmr_figures(a) -> dict:
    """``nmr_psd.png``: the relaxation distribution and the pore-size distribution."""
    return {"nmr_psd.png": plot_nmr(a.result, title=Path(a.data.source).name)}


def plot_combination(combined):
    """One panel per fused quantity that several methods measured: each method's value ± its uncertainty
    (2u bars: the disagreement test's width), the fused value as a line; disagreements in red."""
    multi = [c for c in combined.choices if len(c.candidates) > 1] or combined.choices[:1]
    fig, axes = new_figure(3.2 * max(len(multi), 1), 3.2, ncols=max(len(multi), 1))
    flagged = {(d.quantity, d.other.method) for d in combined.disagreements}
    for ax, c in zip(np.atleast_1d(axes), multi):
        for k, cand in enumerate(c.candidates):
            bad = (c.quantity, cand.method) in flagged
            ax.errorbar([k], [cand.value], yerr=[2 * (cand.uncertainty or 0.0)], fmt="o", capsize=4,
                        color="tab:red" if bad else "tab:blue")
        ax.axhline(c.value, color="0.3", lw=1, ls="--")
        ax.set_xticks(range(len(c.candidates)), [cand.method for cand in c.candidates], rotation=30, fontsize=8)
        ax.set_xlim(-0.7, len(c.candidates) - 0.3)
        ax.set_title(c.quantity, fontsize=9)
    fig.suptitle("methods compared (± 2u); dashed: fused value", fontsize=9)
    return fig


def combine_figures(combined) -> dict:
    return {"combine.png": plot_combination(combined)}


def save_figures(figures: dict, directory) -> list[str]:
    """Write ``figures`` (file name -> figure) as PNG into ``directory``, all or none; returns the paths."""
    if not figures:
        return []
    with atomic_output_dir(directory) as tmp:
        for name, fig in figures.items():
            (tmp / name).write_bytes(figure_to_png_bytes(fig))
    return [str(Path(directory) / name) for name in figures]
