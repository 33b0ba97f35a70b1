"""The Evidence page: upload an isotherm or a MIP table, or type densities; see the analysis
and its plots; "use in design" carries the pore profile into the Design page's ``[particle]``.

A face only: the methods, their analyses and figures come from the measurement registry
(:mod:`alloypore.characterization.registry`, the same as ``alloypore characterize``); the
``[particle]`` values are the pore profile's own (:meth:`PoreProfile.particle_fields`).
Uploads are size- and type-checked; files the readers need on disk are written into a
temporary directory that is removed right after reading.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from alloypore.characterization.density import parse_composition
from alloypore.characterization.registry import get_method
from alloypore.errors import AlloyporeError
from alloypore.web._safe import literal, show_figure
from alloypore.web.design_page import PENDING_PARTICLE
from alloypore.web.fields import MAX_UPLOAD_BYTES, check_upload

__all__ = ["render", "ISOTHERM_SUFFIXES", "MIP_SUFFIXES"]

ISOTHERM_SUFFIXES = get_method("isotherm").suffixes
MIP_SUFFIXES = get_method("mip").suffixes


def _upload(name: str, label: str, key: str):
    """The method's data read from an upload (None before one is given), via a private temporary file."""
    method = get_method(name)
    up = st.file_uploader(f"{label} ({', '.join(method.suffixes)}; at most {MAX_UPLOAD_BYTES // 2**20} MB)",
                          type=[s[1:] for s in method.suffixes], key=key, max_upload_size=MAX_UPLOAD_BYTES // 2**20)
    comp = _composition(f"{key}_comp")
    if up is None:
        return None, None, comp
    data = up.getvalue()
    check_upload(up.name, data, suffixes=method.suffixes)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(up.name).name) or "upload"
    with tempfile.TemporaryDirectory(prefix="alloypore-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        return method.read(path), up.name, comp


def _use_button(profile, source: str, key: str) -> None:
    values = profile.particle_fields()
    if not values:
        st.info("This measurement gives no porosity or pore volume to carry into a design.")
        return
    st.markdown("**Pore profile**: " + ", ".join(f"`{k} = {v:.4g}`" for k, v in values.items() if v is not None))
    if st.button("Use in design", key=key, type="primary"):
        st.session_state[PENDING_PARTICLE] = {"values": values, "source": source}
        st.switch_page(st.session_state["_pages"]["design"])


def _composition(key: str):
    text = st.text_input("Composition (optional, e.g. Si=0.5,amorphous_carbon=0.5) — needed for a porosity", key=key)
    return parse_composition(text) if text.strip() else None


def _figures(name: str, result, columns: int = 2) -> None:
    figures = list(get_method(name).figures(result).values())
    if not figures:
        return
    for col, fig in zip(st.columns(min(columns, len(figures))), figures):
        with col:
            show_figure(fig)


def _isotherm() -> None:
    iso, filename, comp = _upload("isotherm", "Isotherm", "ev_iso")
    if iso is None:
        return
    st.caption(f"{iso.material}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} adsorption points")
    a = get_method("isotherm").analyse(iso, psd="bjh", psd_branch="des" if iso.has_desorption else "ads", composition=comp)
    bet, psd, v_tot = a.bet, a.psd, a.result["total_pore_volume_cm3_g"]
    if bet is None:  # CO2: Dubinin-Radushkevich only
        st.markdown(f"**DR** micropore volume {a.result['dr'].micropore_volume_cm3_g:.4g} cm³/g")
    else:
        st.markdown(
            f"**BET** {bet.ssa_m2_g:.4g} m²/g (C = {bet.c_constant:.4g}, p/p0 {bet.p_rel_range[0]:.3g}–{bet.p_rel_range[1]:.3g}, "
            f"ISO 9277 criteria met)"
            + (f"; **Gurvich** pore volume {v_tot:.4g} cm³/g at p/p0 {a.result['gurvich_p_rel']:g}" if v_tot is not None else "")
            + f"; **BJH** modal diameter {psd.modal_diameter_nm:.3g} nm"
        )
    _figures("isotherm", a)
    _use_button(a.to_profile(), f"isotherm {filename}", "ev_iso_use")


def _mip() -> None:
    data, filename, comp = _upload("mip", "MIP table (CSV: pressure in MPa or psia, cumulative intrusion in mL/g)", "ev_mip")
    if data is None:
        return
    res = get_method("mip").analyse(data)
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
    _figures("mip", res, columns=1)
    _use_button(res.to_profile(comp), f"MIP {filename}", "ev_mip_use")


def _densities() -> None:
    c = st.columns(3)
    he = c[0].number_input("He (skeletal) density [g/cm³] · > 0", value=1.345, format="%g", key="ev_he")
    v_open = c[1].number_input("open pore volume [cm³/g] · ≥ 0 (N₂ Gurvich or MIP)", value=0.186, format="%g", key="ev_vopen")
    rho_t = c[2].number_input("true density [g/cm³] · > 0 (empty: from the composition)", value=None, format="%g", key="ev_true")
    c = st.columns(3)
    comp = c[0].text_input("composition", value="Si=0.5,amorphous_carbon=0.5", key="ev_den_comp")
    tap = c[1].number_input("tap density [g/cm³] (optional)", value=None, format="%g", key="ev_tap")
    ssa = c[2].number_input("BET SSA [m²/g] (optional)", value=None, format="%g", key="ev_ssa")
    res = get_method("density").analyse(helium_density_g_cm3=he, open_pore_volume_cm3_g=v_open, true_density_g_cm3=rho_t,
                                        composition=comp or None, tap_density_g_cm3=tap)
    with st.container(key="ev_density_result"):
        st.markdown(
            f"true {res.true_density_g_cm3:.4g} g/cm³, skeletal {res.skeletal_density_g_cm3:.4g} g/cm³, "
            f"envelope {res.envelope_density_g_cm3:.4g} g/cm³ — porosity **{res.porosity:.4g}** "
            f"(open {res.open_porosity:.3g}, closed {res.closed_porosity:.3g}), closed fraction **{res.closed_pore_fraction:.4g}**"
        )
    _use_button(res.to_profile(ssa_m2_g=ssa), "densities", "ev_den_use")


def render() -> None:
    st.title("Evidence")
    st.caption("Your measurements → a pore profile → the design. Same analyses as `alloypore characterize`.")
    tabs = st.tabs(["Densities", "Isotherm", "MIP"])
    for tab, fn in zip(tabs, (_densities, _isotherm, _mip)):
        with tab:
            try:
                fn()
            except AlloyporeError as err:  # one tab's bad input must not hide the others
                st.error(literal(f"error: {err}"))
