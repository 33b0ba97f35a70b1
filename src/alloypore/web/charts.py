"""Browser-side (Vega-Lite via Altair) versions of the design report's three plots.

The report (:mod:`alloypore.report.design`) draws the same quantities with matplotlib for
the HTML file; matplotlib takes about a second for three figures, too slow for a page
that redraws on every input change, so the page sends the numbers and lets the browser
draw.  Every number comes from the chain (:class:`~alloypore.cell.chain.DesignResult`)
or from :mod:`alloypore.design.curves` (the same functions the report draws); nothing is
computed here.
"""

from __future__ import annotations

from alloypore.design.curves import SWELLING_MODELS, repeat_unit_breakdown, swelling_curves

__all__ = ["budget_chart", "swelling_chart", "breakdown_charts"]

_HEIGHT = 300


def _theta_lines(alt, data, mark: dict, y, series: str, **encode):
    """Lines (or areas) of ``y`` against the lithiation fraction, one per ``series``, legend below."""
    x = alt.X("theta:Q", title="lithiation fraction θ", scale=alt.Scale(domain=[0, 1]))
    legend = alt.Legend(orient="bottom", direction="horizontal")
    color = alt.Color(series, title=None, legend=legend, **encode.pop("color_kw", {}))
    return getattr(alt.Chart(data), mark.pop("mark"))(**mark).encode(x=x, y=y, color=color, **encode), x


def budget_chart(r):
    """Stacked volumes (solid, closed and open pores left) and the particle envelope vs theta."""
    import altair as alt
    import pandas as pd

    b = r.budget
    th = [float(t) for t in b.theta]
    parts = [
        ("solid (growing)", b.solid_volume_cm3_g),
        ("closed pores left", b.closed_pore_volume_cm3_g),
        ("open pores left", b.open_pore_volume_cm3_g),
    ]
    area = pd.DataFrame(
        [
            {"theta": t, "part": name, "order": i, "volume_cm3_g": float(v)}
            for i, (name, arr) in enumerate(parts)
            for t, v in zip(th, arr)
        ]
    )
    env = pd.DataFrame(
        {
            "theta": th,
            "envelope_cm3_g": [float(v) for v in b.envelope_volume_cm3_g],
            "pristine_cm3_g": float(b.envelope_volume_cm3_g[0]),
        }
    )
    colors = alt.Scale(
        domain=[p[0] for p in parts], range=["#4C72B0", "#8C8C8C", "#55A868"]
    )
    stack, x = _theta_lines(
        alt, area, {"mark": "mark_area", "opacity": 0.85},
        alt.Y("volume_cm3_g:Q", stack="zero", title="volume per g of particle (cm³/g)"), "part:N",
        color_kw={"scale": colors}, order=alt.Order("order:Q"),
        tooltip=["theta:Q", "part:N", alt.Tooltip("volume_cm3_g:Q", format=".4f")],
    )
    envelope = alt.Chart(env).mark_line(color="black", strokeWidth=2.5).encode(
        x=x, y="envelope_cm3_g:Q", tooltip=[alt.Tooltip("envelope_cm3_g:Q", title="envelope cm³/g", format=".4f")]
    )
    pristine = alt.Chart(env).mark_line(color="black", strokeDash=[2, 3]).encode(x=x, y="pristine_cm3_g:Q")
    return (stack + envelope + pristine).properties(height=_HEIGHT)


def swelling_chart(r):
    """Electrode swelling vs theta, both limiting models, with the limit and the charged state."""
    import altair as alt
    import pandas as pd

    c = swelling_curves(r)
    model = r.spec.electrode.swelling_model
    df = pd.DataFrame(
        [
            {"theta": float(t), "model": m.replace("_", " ") + (" (spec)" if m == model else ""), "swelling_pct": float(v)}
            for m in SWELLING_MODELS
            for t, v in zip(c["theta"], c[m])
        ]
    )
    lines, _ = _theta_lines(
        alt, df, {"mark": "mark_line", "strokeWidth": 2.5},
        alt.Y("swelling_pct:Q", title="electrode thickness change (%)"), "model:N",
        strokeDash="model:N", tooltip=["theta:Q", "model:N", alt.Tooltip("swelling_pct:Q", format=".2f")],
    )
    limit = alt.Chart(pd.DataFrame({"y": [r.spec.electrode.swelling_limit_pct]})).mark_rule(
        color="#C44E52", strokeDash=[4, 3]
    ).encode(y="y:Q")
    charged = alt.Chart(pd.DataFrame({"x": [float(r.cell.anode_lithiation_charged)]})).mark_rule(
        color="grey", strokeDash=[6, 2, 2, 2]
    ).encode(x="x:Q")
    return (lines + limit + charged).properties(height=_HEIGHT)


def breakdown_charts(r):
    """Mass (mg/cm²) and thickness (µm) of one repeat unit by component, side by side."""
    parts = repeat_unit_breakdown(r)
    return (
        _bars(parts["mass_mg_cm2"], "mass_mg_cm2", "mg per cm² of repeat unit", ".3f", "Mass breakdown"),
        _bars(parts["thickness_um"], "thickness_um", "µm per repeat unit", ".2f", "Thickness (volume) breakdown"),
    )


def _bars(values: dict, name: str, axis_title: str, fmt: str, title: str):
    """One bar per component of ``values`` (component -> number)."""
    import altair as alt
    import pandas as pd

    data = pd.DataFrame({"component": list(values), name: list(values.values())})
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("component:N", sort=None, title=None),
        y=alt.Y(f"{name}:Q", title=axis_title),
        color=alt.Color("component:N", legend=None),
        tooltip=["component:N", alt.Tooltip(f"{name}:Q", format=fmt)],
    ).properties(title=title, height=_HEIGHT - 40)
