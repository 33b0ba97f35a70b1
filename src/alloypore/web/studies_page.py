"""The Studies page: a two-variable sweep with its contour map and infeasible region, and
the named studies of :mod:`alloypore.design.studies` (blend-swelling, closed-pores,
required-porosity).  All numbers and figures come from :mod:`alloypore.design`."""

from __future__ import annotations

__all__ = ["render"]

_DEFAULT_X = "particle.porosity"
_DEFAULT_Y = "electrode.composite_mass_fraction"
_MAX_POINTS = 60  # per axis: 3600 designs stay well under a second


def _sweep_section(st, spec) -> None:
    from alloypore.cell import numeric_fields
    from alloypore.design import parse_vary, plot_sweep, result_columns, sweep
    from alloypore.design.grid import field_bounds
    from alloypore.web._safe import literal, show_figure

    fields = numeric_fields(spec)
    outputs = [c for c in result_columns(spec) if not c.endswith(("feasible", "plating_free", "swelling_limit_met"))]
    st.subheader("Two-variable sweep")
    c = st.columns(3)
    x = c[0].selectbox("x field", fields, index=fields.index(_DEFAULT_X) if _DEFAULT_X in fields else 0, key="sw_x")
    y = c[1].selectbox("y field", fields, index=fields.index(_DEFAULT_Y) if _DEFAULT_Y in fields else 1, key="sw_y")
    z_default = "cell.energy_density_Wh_L"
    z = c[2].selectbox("map of", outputs, index=outputs.index(z_default) if z_default in outputs else 0, key="sw_z")

    def _range(field, col, prefix):
        lo, lo_open, hi, hi_open = field_bounds(field)
        if hi is not None and hi <= 1.0:  # a fraction: around the current value
            cur = eval_default(spec, field)
            a, b = max(lo or 0.0, 0.05), min(hi, 0.9 if cur >= 0.3 else max(2.5 * cur, 0.1))
        else:
            cur = eval_default(spec, field) or (hi or 1.0) / 2
            a, b = 0.5 * cur, 1.5 * cur
            if lo is not None:
                a = max(a, lo + (1e-6 if lo_open else 0.0))
            if hi is not None:
                b = min(b, hi)
        col.number_input(f"{field} from", value=float(a), key=f"{prefix}_lo", format="%g")
        col.number_input(f"{field} to", value=float(b), key=f"{prefix}_hi", format="%g")
        col.number_input(f"points (2..{_MAX_POINTS})", value=25, min_value=2, max_value=_MAX_POINTS, key=f"{prefix}_n")

    c1, c2 = st.columns(2)
    _range(x, c1, f"sx_{x}")
    _range(y, c2, f"sy_{y}")
    ss = st.session_state
    vary = [
        f"{x}={ss[f'sx_{x}_lo']}:{ss[f'sx_{x}_hi']}:{int(ss[f'sx_{x}_n'])}",
        f"{y}={ss[f'sy_{y}_lo']}:{ss[f'sy_{y}_hi']}:{int(ss[f'sy_{y}_n'])}",
    ]
    if x == y:
        st.error(literal("error: choose two different fields for x and y"))
        return
    try:
        res = sweep(spec, parse_vary(spec, vary))
    except Exception as err:  # AlloyporeError from parse_vary: one line
        st.error(literal(f"error: {err}"))
        return
    with st.container(key="sweep_summary"):
        st.markdown(f"**{res.n_feasible} of {res.n_designs} designs feasible** (hatched / red x: infeasible)")
    best = res.best(z, maximize=not z.endswith(("swelling_pct", "electrolyte_g_Ah", "expansion_pct")))
    if best is not None:
        row = res.row(best)
        st.caption(f"best feasible {z} = {row[z]:.4g} at {x} = {row[x]:.4g}, {y} = {row[y]:.4g}")
    show_figure(plot_sweep(res, z))
    st.download_button("Download the sweep table (CSV)", res.to_frame().to_csv(index=False), file_name="sweep.csv", mime="text/csv", on_click="ignore")


def eval_default(spec, field: str) -> float:
    """Current value of a dotted numeric field of ``spec`` (0 when unset)."""
    parts = field.split(".")
    obj = spec
    for p in parts:
        obj = obj[int(p)] if p.isdigit() else getattr(obj, p)
    return 0.0 if obj is None else float(obj)


def _named_section(st, spec) -> None:
    from alloypore.design import studies
    from alloypore.web._safe import literal, show_figure

    st.subheader("Named studies")
    which = st.radio("study", ["blend-swelling", "closed-pores", "required-porosity"], horizontal=True, key="named_study")
    try:
        if which == "blend-swelling":
            c = st.columns(3)
            actives = [m.name for m in __import__("alloypore.materials", fromlist=["x"]).list_materials() if m.is_active and m.capacity_mAh_g > 0]
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
        elif which == "closed-pores":
            res = studies.closed_pores(spec)
            show_figure(studies.plot_closed_pores(res))
        else:
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
    except Exception as err:
        from alloypore.errors import AlloyporeError

        if not isinstance(err, AlloyporeError):
            raise
        st.error(literal(f"error: {err}"))


def render() -> None:
    import streamlit as st

    from alloypore.web._safe import current_spec

    st.title("Studies")
    spec, note = current_spec()
    st.caption(f"Base design: {note}. Sweeps call alloypore.design (the same engine as `alloypore sweep`).")
    tab1, tab2 = st.tabs(["Sweep", "Named studies"])
    with tab1:
        _sweep_section(st, spec)
    with tab2:
        _named_section(st, spec)
