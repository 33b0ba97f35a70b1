"""The Evidence page: upload an isotherm or a MIP table, or type densities; see the analysis
and its plots; "use in design" carries the pore profile into the Design page's ``[particle]``.
"Add to the combination" collects the profiles of one powder (or upload the JSON that
``alloypore characterize ... --profile-out`` writes); the Combine tab fuses them with the same
function as ``alloypore characterize combine`` and shows which method each quantity came
from and every disagreement.

A face only: the methods, their analyses and figures come from the measurement registry
(:mod:`alloypore.characterization.registry`, the same as ``alloypore characterize``); the
fusion is :func:`alloypore.characterization.combine.combine_profiles`; the ``[particle]``
values are the pore profile's own (:meth:`PoreProfile.particle_fields`).  Uploads are size-
and type-checked; files the readers need on disk are written into a temporary directory that
is removed right after reading.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from alloypore.characterization.combine import combine_profiles
from alloypore.characterization.density import parse_composition
from alloypore.characterization.profile import PoreProfile, parse_profile
from alloypore.characterization.registry import get_method
from alloypore.errors import AlloyporeError
from alloypore.web._safe import literal, show_figure
from alloypore.web.design_page import PENDING_PARTICLE
from alloypore.web.fields import MAX_UPLOAD_BYTES, check_upload

__all__ = ["render", "ISOTHERM_SUFFIXES", "MIP_SUFFIXES", "COMBINATION"]

ISOTHERM_SUFFIXES = get_method("isotherm").suffixes
MIP_SUFFIXES = get_method("mip").suffixes
#: session key: the profiles (JSON dicts) collected for the Combine tab
COMBINATION = "ev_combination"


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
    left, right = st.columns(2)
    if right.button("Add to the combination", key=f"{key}_add"):
        st.session_state.setdefault(COMBINATION, []).append(profile.to_dict())
        st.toast(f"added {source} ({len(st.session_state[COMBINATION])} in the Combine tab)")
    if not values:
        st.info("This measurement gives no porosity or pore volume to carry into a design on its own.")
        return
    st.markdown("**Pore profile**: " + ", ".join(f"`{k} = {v:.4g}`" for k, v in values.items() if v is not None))
    if left.button("Use in design", key=key, type="primary"):
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
    st.caption(f"{iso.material}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} adsorption points "
               f"(read as {iso.reader})")
    a = get_method("isotherm").analyse(iso, psd="bjh", psd_branch="auto", composition=comp)
    with st.container(key="ev_iso_result"):
        for line in a.lines()[1:]:  # the library's own summary lines (BET and its criteria, instrument, notes)
            st.markdown(literal(line))
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


def _combine() -> None:
    """The collected profiles (and uploaded profile JSON) of one powder, fused as `characterize combine` does."""
    store = st.session_state.setdefault(COMBINATION, [])
    ups = st.file_uploader("Pore profiles (JSON from `alloypore characterize ... --profile-out`)", type=["json"],
                           accept_multiple_files=True, key="ev_comb_up", max_upload_size=MAX_UPLOAD_BYTES // 2**20)
    profiles = [PoreProfile.from_dict(d, origin="combination") for d in store]
    for up in ups or ():
        data = up.getvalue()
        check_upload(up.name, data, suffixes=(".json",))
        profiles.append(parse_profile(data, up.name))
    if not profiles:
        st.info("Add measurements of one powder with “Add to the combination” in the other tabs, or upload saved profiles.")
        return
    st.markdown("**Measurements**: " + "; ".join(f"{p.method or '?'} — {p.source}" for p in profiles))
    if st.button("Clear the combination", key="ev_comb_clear"):
        store.clear()
        st.rerun()
    comp = _composition("ev_comb_comp")
    fused = combine_profiles(profiles, comp)
    with st.container(key="ev_comb_result"):
        st.table([{"quantity": c.quantity, "value": f"{c.value:.5g}", "±": "" if c.uncertainty is None else f"{c.uncertainty:.2g}",
                   "from": c.method, "why": c.why} for c in fused.choices])
        for d in fused.disagreements:
            st.warning(literal(f"disagree: {d.line()}"))
    _use_button(fused.profile, "combined measurements", "ev_comb_use")


def render() -> None:
    st.title("Evidence")
    st.caption("Your measurements → a pore profile → the design. Same analyses as `alloypore characterize`.")
    tabs = st.tabs(["Densities", "Isotherm", "MIP", "Combine"])
    for tab, fn in zip(tabs, (_densities, _isotherm, _mip, _combine)):
        with tab:
            try:
                fn()
            except AlloyporeError as err:  # one tab's bad input must not hide the others
                st.error(literal(f"error: {err}"))
