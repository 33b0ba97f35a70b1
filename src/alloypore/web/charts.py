"""Browser-side (Vega-Lite via Altair) versions of the design report's three plots.

The report (:mod:`alloypore.report.design`) draws the same quantities with matplotlib for
the HTML file; matplotlib takes about a second for three figures, too slow for a page
that redraws on every input change, so the page sends the numbers and lets the browser
draw.  Every number comes from the chain (:class:`~alloypore.cell.chain.DesignResult`)
or from :func:`alloypore.electrode.lithiated_thickness_um`; nothing is computed here.
"""

from __future__ import annotations

import numpy as np

__all__ = ["budget_chart", "swelling_chart", "breakdown_charts", "swelling_curves"]

_HEIGHT = 300


def budget_chart(r):
    """Stacked volumes (solid, closed and open pores left) and the particle envelope vs theta."""
    import altair as alt
    import pandas as pd

    b = r.budget
    th = np.asarray(b.theta, dtype=float)
    parts = [
        ("solid (growing)", b.solid_volume_cm3_g),
        ("closed pores left", b.closed_pore_volume_cm3_g),
        ("open pores left", b.open_pore_volume_cm3_g),
    ]
    area = pd.DataFrame(
        [
            {"theta": float(t), "part": name, "order": i, "volume_cm3_g": float(v)}
            for i, (name, arr) in enumerate(parts)
            for t, v in zip(th, np.broadcast_to(np.asarray(arr, dtype=float), th.shape))
        ]
    )
    env = pd.DataFrame(
        {
            "theta": th,
            "envelope_cm3_g": np.asarray(b.envelope_volume_cm3_g, dtype=float),
            "pristine_cm3_g": float(np.asarray(b.envelope_volume_cm3_g)[0]),
        }
    )
    colors = alt.Scale(
        domain=[p[0] for p in parts], range=["#4C72B0", "#8C8C8C", "#55A868"]
    )
    x = alt.X("theta:Q", title="lithiation fraction θ", scale=alt.Scale(domain=[0, 1]))
    stack = (
        alt.Chart(area)
        .mark_area(opacity=0.85)
        .encode(
            x=x,
            y=alt.Y("volume_cm3_g:Q", stack="zero", title="volume per g of particle (cm³/g)"),
            color=alt.Color("part:N", scale=colors, title=None, legend=alt.Legend(orient="bottom", direction="horizontal")),
            order=alt.Order("order:Q"),
            tooltip=["theta:Q", "part:N", alt.Tooltip("volume_cm3_g:Q", format=".4f")],
        )
    )
    envelope = alt.Chart(env).mark_line(color="black", strokeWidth=2.5).encode(
        x=x, y="envelope_cm3_g:Q", tooltip=[alt.Tooltip("envelope_cm3_g:Q", title="envelope cm³/g", format=".4f")]
    )
    pristine = alt.Chart(env).mark_line(color="black", strokeDash=[2, 3]).encode(x=x, y="pristine_cm3_g:Q")
    return (stack + envelope + pristine).properties(height=_HEIGHT)


def swelling_curves(r, theta=None) -> dict[str, np.ndarray]:
    """Electrode thickness change (%) vs theta for both swelling models (library calls only)."""
    from alloypore.electrode import blend_props, lithiated_thickness_um

    es = r.spec.electrode
    th = np.linspace(0.0, 1.0, 51) if theta is None else np.asarray(theta, dtype=float)
    b = blend_props(es.blend_material, es.binder_material, es.conductive_material, basis=r.spec.particle.expansion_basis)
    fr = (es.composite_mass_fraction, es.graphite_mass_fraction, es.binder_mass_fraction, es.conductive_mass_fraction)
    t0 = float(r.electrode.thickness_um)
    out = {"theta": th}
    for model in ("constant_porosity", "fill_pores"):
        t = lithiated_thickness_um(r.electrode, r.particle, b, th, fractions=fr, model=model, min_porosity=es.min_porosity)
        out[model] = 100.0 * (np.asarray(t, dtype=float) / t0 - 1.0)
    return out


def swelling_chart(r):
    """Electrode swelling vs theta, both limiting models, with the limit and the charged state."""
    import altair as alt
    import pandas as pd

    c = swelling_curves(r)
    model = r.spec.electrode.swelling_model
    df = pd.DataFrame(
        [
            {"theta": float(t), "model": m.replace("_", " ") + (" (spec)" if m == model else ""), "swelling_pct": float(v)}
            for m in ("constant_porosity", "fill_pores")
            for t, v in zip(c["theta"], c[m])
        ]
    )
    x = alt.X("theta:Q", title="lithiation fraction θ", scale=alt.Scale(domain=[0, 1]))
    lines = (
        alt.Chart(df)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("swelling_pct:Q", title="electrode thickness change (%)"),
            color=alt.Color("model:N", title=None, legend=alt.Legend(orient="bottom", direction="horizontal")),
            strokeDash="model:N",
            tooltip=["theta:Q", "model:N", alt.Tooltip("swelling_pct:Q", format=".2f")],
        )
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
    import altair as alt
    import pandas as pd

    c, cs = r.cell, r.spec.cell
    masses = pd.DataFrame(
        {
            "component": ["anode", "cathode", "electrolyte", "separator", "foils"],
            "mass_mg_cm2": [
                1e3 * float(v)
                for v in (c.mass_anode_g_cm2, c.mass_cathode_g_cm2, c.mass_electrolyte_g_cm2, c.mass_separator_g_cm2, c.mass_foils_g_cm2)
            ],
        }
    )
    thick = pd.DataFrame(
        {
            "component": ["anode (charged)", "cathode", "separator", "foils (half each)"],
            "thickness_um": [
                float(c.anode_charged_thickness_um),
                float(c.cathode_thickness_um),
                float(cs.separator_thickness_um),
                0.5 * (cs.anode_foil_thickness_um + cs.cathode_foil_thickness_um),
            ],
        }
    )
    m = alt.Chart(masses).mark_bar().encode(
        x=alt.X("component:N", sort=None, title=None),
        y=alt.Y("mass_mg_cm2:Q", title="mg per cm² of repeat unit"),
        color=alt.Color("component:N", legend=None),
        tooltip=["component:N", alt.Tooltip("mass_mg_cm2:Q", format=".3f")],
    ).properties(title="Mass breakdown", height=_HEIGHT - 40)
    t = alt.Chart(thick).mark_bar().encode(
        x=alt.X("component:N", sort=None, title=None),
        y=alt.Y("thickness_um:Q", title="µm per repeat unit"),
        color=alt.Color("component:N", legend=None),
        tooltip=["component:N", alt.Tooltip("thickness_um:Q", format=".2f")],
    ).properties(title="Thickness (volume) breakdown", height=_HEIGHT - 40)
    return m, t
