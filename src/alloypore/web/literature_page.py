"""The Literature page: the published porous anodes (:mod:`alloypore.literature`) as scatter
plots with the current design overlaid (black star) and flagged values marked (grey x)."""

from __future__ import annotations

__all__ = ["render", "design_point"]


def design_point(result) -> dict:
    """The current design in the dataset's column names (for the overlay)."""
    d = result.to_dict()
    p, e, s = d["particle"], d["electrode"], result.spec
    return {
        "label": f"this design ({s.name})",
        "capacity_mAh_g": p["capacity_mAh_g"],
        "ice_pct": 100.0 * e["first_cycle_efficiency"],
        "areal_capacity_mAh_cm2": e["areal_capacity_mAh_cm2"],
        "compaction_density_g_cm3": e["compaction_density_g_cm3"],
        "tap_density_g_cm3": None,
        "ssa_m2_g": s.particle.ssa_m2_g,
        "porosity_pct": 100.0 * p["porosity"],
        "expansion_pct": p["volume_expansion_pct"],
    }


def render() -> None:
    import streamlit as st

    from alloypore.cell import evaluate_design
    from alloypore.errors import AlloyporeError
    from alloypore.literature import CLAIMED_PAIRS, OTHER_PAIRS, correlate, load_literature
    from alloypore.literature.plots import scatter_pair
    from alloypore.web._safe import current_spec, literal, show_figure

    st.title("Literature")
    spec, note = current_spec()
    try:
        design = design_point(evaluate_design(spec))
    except AlloyporeError as err:
        design = None
        st.warning(literal(f"the design is not overlaid: error: {err}"))
    st.caption(f"Black star: {note}. Grey crosses: values a plausibility rule excluded. Data: alloypore literature.")
    data = load_literature()
    pairs = [(x, y) for x, y, _ in (*CLAIMED_PAIRS, *OTHER_PAIRS)]
    labels = [f"{y} vs {x}" for x, y in pairs]
    which = st.selectbox("plot", labels, key="lit_pair")
    x, y = pairs[labels.index(which)]
    points = data.points()
    flagged = data.flagged_points(x, y)
    try:
        corr = correlate(points, x, y)
    except Exception:  # too few points for a correlation: plot without it
        corr = None
    with st.container(key="lit_summary"):
        n = sum(1 for p in points if p.get(x) is not None and p.get(y) is not None)
        st.markdown(f"**{n} materials** with both values; **{len(flagged)} flagged** (shown as grey x)")
    show_figure(scatter_pair(points, x, y, flagged=flagged, correlation=corr, design=design))
    with st.expander(f"Flags raised by the rules ({len(data.flags)})"):
        st.table(
            [
                {"row": f.row_id, "field": f.field, "value": str(f.value), "excluded": f.excluded, "rule": f.rule, "reason": f.reason}
                for f in data.flags
            ][:200]
        )
