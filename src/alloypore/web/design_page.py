"""The Design page: every spec field as an input; results, plots and downloads update live.

A face only: the page turns its inputs into a spec dict (:mod:`alloypore.web.fields`),
calls :func:`alloypore.cell.evaluate_design`, and shows the result.  A bad value shows the
same one-line message ``alloypore design`` prints, next to the field and above the results.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from alloypore._json import to_jsonable
from alloypore.cell import evaluate_design, example_spec
from alloypore.design.objectives import change, direction
from alloypore.errors import AlloyporeError
from alloypore.report import write_design_report
from alloypore.web import charts
from alloypore.web._safe import literal
from alloypore.web.fields import (
    MAX_PHASES,
    MAX_UPLOAD_BYTES,
    error_field_key,
    field_key,
    phase_fields,
    phase_key,
    read_spec_upload,
    result_table,
    section_fields,
    spec_from_state,
    spec_to_state,
    spec_toml,
)
from alloypore.web.state import BASELINE, MESSAGE, PENDING_PARTICLE, STATE

__all__ = ["render", "STATE", "BASELINE", "PENDING_PARTICLE", "load_spec_into_state"]

_MSG = MESSAGE

# headline numbers: (section, key, label, unit); which way is better: alloypore.design.objectives
HEADLINE = [
    ("particle", "capacity_mAh_g", "Capacity", "mAh/g"),
    ("particle", "volume_expansion_pct", "Particle growth", "%"),
    ("electrode", "swelling_pct", "Swelling", "%"),
    ("electrode", "thickness_um", "Anode", "µm"),
    ("cell", "electrolyte_g_Ah", "Electrolyte", "g/Ah"),
    ("cell", "energy_density_Wh_kg", "Cell", "Wh/kg"),
    ("cell", "energy_density_Wh_L", "Cell", "Wh/L"),
    ("cell", "anode_lithiation_charged", "Anode θ charged", "–"),
]

#: st.metric's delta colour for a higher (+1), lower (-1) or neither (0) better field
_DELTA_COLOR = {1: "normal", -1: "inverse", 0: "off"}


def metric_text(v: float) -> str:
    """Headline number as shown (4 significant digits, at least 1 decimal above 100)."""
    v = float(v)
    return f"{v:.1f}" if abs(v) >= 100 else f"{v:.4g}"


def _ss():
    import streamlit as st

    return st.session_state


def load_spec_into_state(spec, *, source: str) -> None:
    """Put a validated spec into the page state and the widgets (call from a callback)."""
    ss = _ss()
    state = spec_to_state(spec)
    ss[STATE] = state
    for k, v in state.items():
        ss[k] = v
    try:
        ss[BASELINE] = evaluate_design(spec).to_dict()
        ss[_MSG] = ("success", f"loaded {source}")
    except AlloyporeError as err:
        ss[BASELINE] = None
        ss[_MSG] = ("warning", f"loaded {source}; it is not buildable: error: {err}")


def _on_upload() -> None:
    ss = _ss()
    f = ss.get("spec_upload")
    if f is None:
        return
    try:
        spec = read_spec_upload(f.name, f.getvalue())  # in memory: nothing is written to disk
    except AlloyporeError as err:  # read_spec_upload raises nothing else for a bad file
        ss[_MSG] = ("error", f"error: {err}")
        return
    load_spec_into_state(spec, source=f.name)


def _on_example() -> None:
    load_spec_into_state(example_spec(), source="the built-in example")


def _init_state() -> None:
    ss = _ss()
    if STATE not in ss:
        spec = example_spec()
        ss[STATE] = spec_to_state(spec)
        ss[BASELINE] = evaluate_design(spec).to_dict()
    state = ss[STATE]
    pending = ss.pop(PENDING_PARTICLE, None)
    if pending:
        for name, v in pending["values"].items():
            key = field_key("particle", name)
            state[key] = v
            ss[key] = v
        ss[_MSG] = ("success", f"pore profile from {pending.get('source', 'Evidence')} applied to [particle]")
    for k, v in state.items():
        if k in ss:
            state[k] = ss[k]  # the widget's newest value
        else:
            ss[k] = v  # restore a widget dropped while another page was shown


def _evaluate(state: dict[str, Any]):
    """``(result, None)`` or ``(None, error)``; never raises for a user error (a bug in the
    chain reaches :func:`alloypore.web._safe.safe_page`, which shows it as one line)."""
    try:
        return evaluate_design(spec_from_state(state)), None
    except AlloyporeError as err:
        return None, err


def _number_input(st, f, key: str) -> None:
    kw: dict[str, Any] = {"key": key, "help": f.help or None, "step": f.step}
    if f.kind == "float":
        kw["format"] = "%g"
    if f.optional:
        kw["value"] = None
        kw["placeholder"] = "default"
    st.number_input(f.label, **kw)


def _field_widget(st, f, key: str, err_key: str | None, err) -> None:
    if f.kind == "choice":
        st.selectbox(f.label, f.choices, key=key, help=f.help or None)
    elif f.kind == "text":
        st.text_input(f.label, key=key, help=f.help or None)
    else:
        _number_input(st, f, key)
    if err_key == key:
        st.error(literal(f"error: {err}"), icon="⚠️")


def _inputs(st, err) -> None:
    err_key = error_field_key(err) if err is not None else None
    st.text_input("Design name", key="name")
    tab_p, tab_e, tab_c = st.tabs(["Particle", "Electrode", "Cell"])
    with tab_p:
        st.number_input(f"Number of solid phases · 1 ≤ n ≤ {MAX_PHASES}", min_value=1, max_value=MAX_PHASES, step=1, key="n_phases")
        n = int(_ss()["n_phases"])
        pf = phase_fields()
        for i in range(n):
            with st.container(border=True):
                st.caption(f"phase {i + 1} (mass fractions must sum to 1)")
                cols = st.columns(2)
                for j, f in enumerate(pf):
                    with cols[j % 2]:
                        _field_widget(st, f, phase_key(i, f.name), err_key, err)
        cols = st.columns(2)
        for j, f in enumerate(section_fields("particle")):
            with cols[j % 2]:
                _field_widget(st, f, f.key, err_key, err)
    for tab, section in ((tab_e, "electrode"), (tab_c, "cell")):
        with tab:
            cols = st.columns(2)
            for j, f in enumerate(section_fields(section)):
                with cols[j % 2]:
                    _field_widget(st, f, f.key, err_key, err)


def _results(st, result, err) -> None:
    import pandas as pd  # heavy: only for the results table the page shows

    ss = _ss()
    if err is not None:
        with st.container(key="design_error"):
            st.error(literal(f"error: {err}"))
        st.caption("Fix the value above (it is marked at its input); the results show again when the spec is valid.")
        return
    d = result.to_dict()
    base = ss.get(BASELINE)
    cols = st.columns(4)
    for i, (sec, key, label, unit) in enumerate(HEADLINE):
        v = float(d[sec][key])
        dv = change(v, (base or {}).get(sec, {}).get(key))
        delta = None if dv is None else f"{dv:+.3g}"
        color = _DELTA_COLOR[direction(f"{sec}.{key}")]
        with cols[i % 4]:
            with st.container(key=f"metric_{sec}__{key}"):
                st.metric(f"{label} ({unit})", metric_text(v), delta=delta, delta_color=color, help=f"{sec}.{key} in alloypore design --json")
    if not d["electrode"]["swelling_limit_met"]:
        st.warning(
            f"electrode swelling {d['electrode']['swelling_pct']:.1f} % exceeds the limit "
            f"{result.spec.electrode.swelling_limit_pct:g} %"
        )
    t1, t2, t3 = st.tabs(["Volume budget", "Electrode swelling", "Cell mass / volume"])
    with t1:
        st.caption(
            "Volume of 1 g of particle along lithiation: the solid grows into the pores first (stacked areas); "
            "black line = particle envelope, dotted = pristine envelope; above it, the particle grows outward."
        )
        st.altair_chart(charts.budget_chart(result), width="stretch")
    with t2:
        st.caption(
            f"Electrode thickness change for both limiting swelling models; red dashed = limit "
            f"{result.spec.electrode.swelling_limit_pct:g} %, grey = lithiation of the charged cell."
        )
        st.altair_chart(charts.swelling_chart(result), width="stretch")
    with t3:
        st.caption("Mass and thickness of one repeat unit (anode, separator, cathode, half of each foil) per cm².")
        m, t = charts.breakdown_charts(result)
        c1, c2 = st.columns(2)
        c1.altair_chart(m, width="stretch")
        c2.altair_chart(t, width="stretch")
    _downloads(st, result, d)
    with st.container(key="all_results"):
        st.markdown("**All results** (names as in `alloypore design --json`)")
        st.table(pd.DataFrame(result_table(d)).set_index("quantity"))


def _downloads(st, result, d) -> None:
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in result.spec.name)[:60] or "design"
    c1, c2, c3 = st.columns(3)
    c1.download_button("Download spec (TOML)", spec_toml(result.spec), file_name=f"{stem}.toml", mime="application/toml", key="dl_spec", on_click="ignore")
    c2.download_button(
        "Download HTML report",
        lambda: _report_html(result),
        file_name=f"{stem}-report.html",
        mime="text/html",
        key="dl_report",
        on_click="ignore",
    )
    out = dict(d)
    out.pop("volume_budget", None)
    c3.download_button("Download results (JSON)", json.dumps(to_jsonable(out), indent=2), file_name=f"{stem}.json", mime="application/json", key="dl_json", on_click="ignore")


def _report_html(result) -> bytes:
    """The report of :func:`alloypore.report.write_design_report`, built in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="alloypore-web-") as tmp:
        path = write_design_report(result, Path(tmp) / "report")
        return path.read_bytes()


def render() -> None:
    """Draw the Design page (called by :mod:`alloypore.web.app`)."""
    import streamlit as st  # optional heavy dependency: only inside the running app

    _init_state()
    ss = _ss()
    result, err = _evaluate(ss[STATE])

    st.title("Design")
    st.caption(
        "Particle → electrode → cell. Every spec field is an input with its unit and allowed range; "
        "results update on every change (press Enter or leave the field). Equations and assumptions: the Model page."
    )
    top = st.columns([3, 1])
    with top[0]:
        st.file_uploader(
            f"Upload a design spec (TOML, at most {MAX_UPLOAD_BYTES // 2**20} MB)",
            type=["toml"],
            key="spec_upload",
            on_change=_on_upload,
            max_upload_size=MAX_UPLOAD_BYTES // 2**20,
        )
    with top[1]:
        st.button("Reset to the example", on_click=_on_example, key="reset_example")
    msg = ss.pop(_MSG, None)
    if msg:
        kind, text = msg
        with st.container(key="design_message"):
            getattr(st, kind)(literal(text))

    left, right = st.columns([5, 7], gap="large")
    with right:
        _results(st, result, err)
    with left:
        _inputs(st, err)
