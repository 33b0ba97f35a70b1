"""The Literature page: the published porous anodes (:mod:`alloypore.literature`) as scatter
plots with the current design overlaid (black star) and flagged values marked (grey x).

The design's point is :func:`alloypore.literature.design_point`, the same function
``alloypore literature compare`` calls: both place a design at the same ICE (the particle's,
see docs/literature.md) and the same capacity, densities and SSA.
"""

from __future__ import annotations

from alloypore.cell import evaluate_design
from alloypore.errors import AlloyporeError
from alloypore.literature import CLAIMED_PAIRS, OTHER_PAIRS, correlate, design_point, load_literature
from alloypore.literature.plots import scatter_pair
from alloypore.web._safe import current_spec, literal, show_figure

__all__ = ["render", "page_design_point", "PAIRS"]

#: the (x, y) pairs the page offers: the review's claims first
PAIRS = [(x, y) for x, y, _ in (*CLAIMED_PAIRS, *OTHER_PAIRS)]


def page_design_point(spec) -> dict:
    """The star the page draws for ``spec``: :func:`~alloypore.literature.design_point` of its result."""
    return design_point(evaluate_design(spec), label=f"this design ({spec.name})")


def render() -> None:
    import streamlit as st  # optional heavy dependency: only inside the running app

    st.title("Literature")
    spec, note = current_spec()
    try:
        design = page_design_point(spec)
    except AlloyporeError as err:
        design = None
        st.warning(literal(f"the design is not overlaid: error: {err}"))
    st.caption(f"Black star: {note}. Grey crosses: values a plausibility rule excluded. Data: alloypore literature.")
    data = load_literature()
    labels = [f"{y} vs {x}" for x, y in PAIRS]
    which = st.selectbox("plot", labels, key="lit_pair")
    x, y = PAIRS[labels.index(which)]
    points = data.points()
    flagged = data.flagged_points(x, y)
    corr = correlate(points, x, y)
    with st.container(key="lit_summary"):
        st.markdown(f"**{corr.n} materials** with both values; **{len(flagged)} flagged** (shown as grey x)")
    show_figure(scatter_pair(points, x, y, flagged=flagged, correlation=corr, design=design))
    if design is not None and design["ice_pct"] is not None:
        kind = "from the wetted-surface model" if design["ice_is_estimate"] else "given in the spec"
        st.caption(f"The star's ICE is the particle's, {kind}: {design['ice_pct']:.1f} % (the published ICEs are "
                   "the materials' own, not of blended electrodes).")
    with st.expander(f"Flags raised by the rules ({len(data.flags)})"):
        st.table(
            [
                {"row": f.row_id, "field": f.field, "value": str(f.value), "excluded": f.excluded, "rule": f.rule, "reason": f.reason}
                for f in data.flags
            ][:200]
        )
