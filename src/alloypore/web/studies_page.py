"""The Studies page: a two-variable sweep with its contour map and infeasible region, and
the named studies of :mod:`alloypore.design.studies` (blend-swelling, closed-pores,
required-porosity).  All numbers and figures come from :mod:`alloypore.design`: the same
functions ``alloypore sweep`` and ``alloypore study`` call, with the same defaults."""

from __future__ import annotations

from alloypore.cell import numeric_fields
from alloypore.design import maximize, parse_vary, plot_sweep, suggest_range, sweep
from alloypore.design.sweep import map_columns
from alloypore.design import studies
from alloypore.errors import AlloyporeError
from alloypore.web._safe import current_spec, literal, show_figure

__all__ = ["render", "vary_items", "NAMED_STUDIES"]

_DEFAULT_X = "particle.porosity"
_DEFAULT_Y = "electrode.composite_mass_fraction"
_DEFAULT_Z = "cell.energy_density_Wh_L"
_MAX_POINTS = 60  # per axis: 3600 designs stay well under a second
#: the named studies the page offers (each also an ``alloypore study`` command)
NAMED_STUDIES = ("blend-swelling", "closed-pores", "required-porosity")


def vary_items(x: str, x_range: tuple, y: str, y_range: tuple) -> list[str]:
    """The ``--vary`` items of ``alloypore sweep`` for the page's two axes ``(start, stop, n)``."""
    return [f"{x}={x_range[0]}:{x_range[1]}:{int(x_range[2])}", f"{y}={y_range[0]}:{y_range[1]}:{int(y_range[2])}"]


def _range_inputs(st, spec, field: str, col, prefix: str) -> tuple:
    a, b = suggest_range(spec, field)
    lo = col.number_input(f"{field} from", value=float(a), key=f"{prefix}_lo", format="%g")
    hi = col.number_input(f"{field} to", value=float(b), key=f"{prefix}_hi", format="%g")
    n = col.number_input(f"points (2..{_MAX_POINTS})", value=25, min_value=2, max_value=_MAX_POINTS, key=f"{prefix}_n")
    return lo, hi, n


def _sweep_section(st, spec) -> None:
    fields = numeric_fields(spec)
    outputs = map_columns(spec)
    st.subheader("Two-variable sweep")
    c = st.columns(3)
    x = c[0].selectbox("x field", fields, index=fields.index(_DEFAULT_X) if _DEFAULT_X in fields else 0, key="sw_x")
    y = c[1].selectbox("y field", fields, index=fields.index(_DEFAULT_Y) if _DEFAULT_Y in fields else 1, key="sw_y")
    z = c[2].selectbox("map of", outputs, index=outputs.index(_DEFAULT_Z) if _DEFAULT_Z in outputs else 0, key="sw_z")
    c1, c2 = st.columns(2)
    x_range = _range_inputs(st, spec, x, c1, f"sx_{x}")
    y_range = _range_inputs(st, spec, y, c2, f"sy_{y}")
    if x == y:
        st.error(literal("error: choose two different fields for x and y"))
        return
    try:
        res = sweep(spec, parse_vary(spec, vary_items(x, x_range, y, y_range)))
    except AlloyporeError as err:  # a range outside the field's allowed values: one line
        st.error(literal(f"error: {err}"))
        return
    with st.container(key="sweep_summary"):
        st.markdown(f"**{res.n_feasible} of {res.n_designs} designs feasible** (hatched / red x: infeasible)")
    best = res.best(z, maximize=maximize(z))
    if best is not None:
        row = res.row(best)
        st.caption(f"best feasible {z} = {row[z]:.4g} at {x} = {row[x]:.4g}, {y} = {row[y]:.4g}")
    show_figure(plot_sweep(res, z))
    st.download_button("Download the sweep table (CSV)", res.to_frame().to_csv(index=False), file_name="sweep.csv",
                       mime="text/csv", on_click="ignore")


def _blend_swelling(st) -> None:
    c = st.columns(3)
    actives = studies.blend_alloys()
    alloy = c[0].selectbox("alloy", actives, index=actives.index("Si") if "Si" in actives else 0, key="bs_alloy")
    limit = c[1].number_input("electrode swelling limit [%] · 0 < limit ≤ 100", value=5.0, key="bs_limit")
    top = c[2].number_input("highest alloy content [wt%] · 0 < x ≤ 100", value=40.0, key="bs_max")
    res = studies.blend_swelling(alloy, swelling_limit_pct=limit, max_alloy_wt_pct=top)
    lp, ep = res.linear_peak, res.exact_peak
    st.markdown(
        f"Peak volumetric capacity (linearised): {lp.get('volumetric_capacity_linear_mAh_cm3', float('nan')):.4g} mAh/cm³; "
        f"exact model: {ep.get('volumetric_capacity_exact_mAh_cm3', float('nan')):.4g} mAh/cm³"
        + (" (keeps rising to the end of the range)" if res.exact_monotonic else "")
    )
    show_figure(studies.plot_blend_swelling(res))


def _required_porosity(st) -> None:
    rows = studies.required_porosity_table()
    st.table(
        [
            {
                "material": r["material"],
                "expansion (cryst.) %": f"{r['expansion_crystallographic_pct']:.0f}",
                "required porosity β/(1+β)": f"{r['required_porosity_crystallographic']:.3f}",
                "expansion (quoted) %": f"{r['expansion_quoted_pct']:.0f}",
                "required porosity (quoted)": f"{r['required_porosity_quoted']:.3f}",
            }
            for r in rows
        ]
    )
    show_figure(studies.plot_required_porosity(studies.outward_expansion_curves(), rows))


def _named_section(st, spec) -> None:
    st.subheader("Named studies")
    which = st.radio("study", list(NAMED_STUDIES), horizontal=True, key="named_study")
    try:
        if which == "blend-swelling":
            _blend_swelling(st)
        elif which == "closed-pores":
            show_figure(studies.plot_closed_pores(studies.closed_pores(spec)))
        else:
            _required_porosity(st)
    except AlloyporeError as err:  # an input outside its allowed range: one line
        st.error(literal(f"error: {err}"))


def render() -> None:
    import streamlit as st  # optional heavy dependency: only inside the running app

    st.title("Studies")
    spec, note = current_spec()
    st.caption(f"Base design: {note}. Sweeps call alloypore.design (the same engine as `alloypore sweep`).")
    tab1, tab2 = st.tabs(["Sweep", "Named studies"])
    with tab1:
        _sweep_section(st, spec)
    with tab2:
        _named_section(st, spec)
