"""The Evidence page: upload an isotherm or a MIP table, or type densities; see the analysis
of :mod:`alloypore.characterization` and its plots; "use in design" carries the pore profile
(porosity or pore volume, closed fraction, SSA) into the Design page's ``[particle]``.

Uploads are size- and type-checked; files the readers need on disk are written into a
temporary directory that is removed right after reading.
"""

from __future__ import annotations

import math

__all__ = ["render", "profile_particle_values", "ISOTHERM_SUFFIXES", "MIP_SUFFIXES"]

ISOTHERM_SUFFIXES = (".aif", ".json", ".csv", ".xls", ".xlsx", ".dat", ".txt")
MIP_SUFFIXES = (".csv", ".txt")


def profile_particle_values(profile) -> dict:
    """The ``[particle]`` fields a :class:`~alloypore.characterization.profile.PoreProfile` sets."""
    out: dict = {}
    if profile.porosity is not None:
        out["porosity"], out["pore_volume_cm3_g"] = float(profile.porosity), None
    elif profile.pore_volume_cm3_g is not None:
        out["pore_volume_cm3_g"], out["porosity"] = float(profile.pore_volume_cm3_g), None
    if profile.closed_pore_fraction is not None:
        out["closed_pore_fraction"] = float(profile.closed_pore_fraction)
    for name in ("ssa_m2_g", "primary_particle_size_nm", "secondary_particle_size_um", "accommodation_efficiency"):
        v = getattr(profile, name, None)
        if v is not None and math.isfinite(v):
            out[name] = float(v)
    return out


def _with_temp_file(upload, suffixes, reader):
    """Check the upload, write it into a private temporary directory, call ``reader(path)``."""
    import tempfile
    from pathlib import Path

    from alloypore.web.fields import check_upload

    data = upload.getvalue()
    check_upload(upload.name, data, suffixes=suffixes)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(upload.name).name) or "upload"
    with tempfile.TemporaryDirectory(prefix="alloypore-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        return reader(path)


def _use_button(st, profile, source: str, key: str) -> None:
    from alloypore.web.design_page import PENDING_PARTICLE

    values = profile_particle_values(profile)
    if not values:
        st.info("This measurement gives no porosity or pore volume to carry into a design.")
        return
    st.markdown("**Pore profile**: " + ", ".join(f"`{k} = {v:.4g}`" for k, v in values.items() if v is not None))
    if st.button("Use in design", key=key, type="primary"):
        st.session_state[PENDING_PARTICLE] = {"values": values, "source": source}
        st.switch_page(st.session_state["_pages"]["design"])


def _composition(st, key: str):
    from alloypore.characterization.density import parse_composition

    text = st.text_input("Composition (optional, e.g. Si=0.5,amorphous_carbon=0.5) — needed for a porosity", key=key)
    return parse_composition(text) if text.strip() else None


def _isotherm(st) -> None:
    from alloypore.characterization.analysis import analyse_isotherm
    from alloypore.characterization.isotherm import load_isotherm
    from alloypore.characterization.plots import plot_isotherm_bet, plot_psd
    from alloypore.web._safe import show_figure
    from alloypore.web.fields import MAX_UPLOAD_BYTES

    up = st.file_uploader(
        f"Isotherm ({', '.join(ISOTHERM_SUFFIXES)}; at most {MAX_UPLOAD_BYTES // 2**20} MB)",
        type=[s[1:] for s in ISOTHERM_SUFFIXES],
        key="ev_iso",
        max_upload_size=MAX_UPLOAD_BYTES // 2**20,
    )
    comp = _composition(st, "ev_iso_comp")
    if up is None:
        return
    iso = _with_temp_file(up, ISOTHERM_SUFFIXES, load_isotherm)
    st.caption(f"{iso.material}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} adsorption points")
    a = analyse_isotherm(iso, psd="bjh", psd_branch="des" if iso.p_rel_des.size >= 3 else "ads", composition=comp)
    bet, psd, v_tot = a.bet, a.psd, a.result["total_pore_volume_cm3_g"]
    if bet is None:  # CO2: Dubinin-Radushkevich only
        st.markdown(f"**DR** micropore volume {a.result['dr'].micropore_volume_cm3_g:.4g} cm³/g")
        show_figure(plot_isotherm_bet(iso, None))
        _use_button(st, a.profile, f"isotherm {up.name}", "ev_iso_use")
        return
    st.markdown(
        f"**BET** {bet.ssa_m2_g:.4g} m²/g (C = {bet.c_constant:.4g}, p/p0 {bet.p_rel_range[0]:.3g}–{bet.p_rel_range[1]:.3g}, "
        f"ISO 9277 criteria met)"
        + (f"; **Gurvich** pore volume {v_tot:.4g} cm³/g at p/p0 0.95" if v_tot is not None else "")
        + f"; **BJH** modal diameter {psd.modal_diameter_nm:.3g} nm"
    )
    c1, c2 = st.columns(2)
    with c1:
        show_figure(plot_isotherm_bet(iso, bet))
    with c2:
        show_figure(plot_psd(psd.diameter_nm, psd.dv_dlogd_cm3_g, cumulative=psd.cumulative_cm3_g, title=f"{psd.method} ({psd.branch})"))
    _use_button(st, a.profile, f"isotherm {up.name}", "ev_iso_use")


def _mip(st) -> None:
    from alloypore.characterization.mip import analyse_mip, read_mip_csv
    from alloypore.characterization.plots import plot_psd
    from alloypore.characterization.profile import profile_from_mip
    from alloypore.web._safe import show_figure
    from alloypore.web.fields import MAX_UPLOAD_BYTES

    up = st.file_uploader(
        f"MIP table (CSV: pressure in MPa or psia, cumulative intrusion in mL/g; at most {MAX_UPLOAD_BYTES // 2**20} MB)",
        type=[s[1:] for s in MIP_SUFFIXES],
        key="ev_mip",
        max_upload_size=MAX_UPLOAD_BYTES // 2**20,
    )
    comp = _composition(st, "ev_mip_comp")
    if up is None:
        return
    data = _with_temp_file(up, MIP_SUFFIXES, read_mip_csv)
    res = analyse_mip(data)
    st.markdown(
        f"total intrusion {res.total_intrusion_cm3_g:.4g} mL/g"
        + (
            f"; cutoff {res.cutoff_diameter_nm:.4g} nm ({res.cutoff_source}): intraparticle "
            f"{res.intraparticle_pore_volume_cm3_g:.4g} mL/g"
            if res.cutoff_diameter_nm is not None
            else "; no valley between modes: no inter/intraparticle split"
        )
    )
    for f in res.flags:
        st.caption(f"note: {f}")
    show_figure(plot_psd(res.diameter_nm, res.dv_dlogd_cm3_g, cumulative=res.cumulative_cm3_g, cutoff_nm=res.cutoff_diameter_nm,
                         title=f"MIP {up.name}", ylabel="dV/dlogD (mL/g)"))
    _use_button(st, profile_from_mip(res, composition=comp), f"MIP {up.name}", "ev_mip_use")


def _densities(st) -> None:
    from alloypore.characterization.density import density_analysis
    from alloypore.characterization.profile import profile_from_density

    c = st.columns(3)
    he = c[0].number_input("He (skeletal) density [g/cm³] · > 0", value=1.345, format="%g", key="ev_he")
    v_open = c[1].number_input("open pore volume [cm³/g] · ≥ 0 (N₂ Gurvich or MIP)", value=0.186, format="%g", key="ev_vopen")
    rho_t = c[2].number_input("true density [g/cm³] · > 0 (empty: from the composition)", value=None, format="%g", key="ev_true")
    c = st.columns(3)
    comp = c[0].text_input("composition", value="Si=0.5,amorphous_carbon=0.5", key="ev_den_comp")
    tap = c[1].number_input("tap density [g/cm³] (optional)", value=None, format="%g", key="ev_tap")
    ssa = c[2].number_input("BET SSA [m²/g] (optional)", value=None, format="%g", key="ev_ssa")
    res = density_analysis(helium_density_g_cm3=he, open_pore_volume_cm3_g=v_open, true_density_g_cm3=rho_t,
                           composition=comp or None, tap_density_g_cm3=tap)
    with st.container(key="ev_density_result"):
        st.markdown(
            f"true {res.true_density_g_cm3:.4g} g/cm³, skeletal {res.skeletal_density_g_cm3:.4g} g/cm³, "
            f"envelope {res.envelope_density_g_cm3:.4g} g/cm³ — porosity **{res.porosity:.4g}** "
            f"(open {res.open_porosity:.3g}, closed {res.closed_porosity:.3g}), closed fraction **{res.closed_pore_fraction:.4g}**"
        )
    _use_button(st, profile_from_density(res, ssa_m2_g=ssa), "densities", "ev_den_use")


def render() -> None:
    import streamlit as st

    from alloypore.errors import AlloyporeError
    from alloypore.web._safe import literal

    st.title("Evidence")
    st.caption("Your measurements → a pore profile → the design. Same analyses as `alloypore characterize`.")
    tabs = st.tabs(["Densities", "Isotherm", "MIP"])
    for tab, fn in zip(tabs, (_densities, _isotherm, _mip)):
        with tab:
            try:
                fn(st)
            except AlloyporeError as err:
                st.error(literal(f"error: {err}"))
            except Exception as err:  # a reader choking on a strange file: a message, not a trace
                if type(err).__module__.startswith("streamlit"):
                    raise
                st.error(literal(f"error: could not analyse this input ({type(err).__name__}: {' '.join(str(err).split())[:200]})"))
