"""HTML report of one design: summary tables and its figures (a face: it draws, computes nothing).

The figures are a registry, :data:`FIGURES` (file stem -> heading and drawing function):
a new figure of the report is one function plus one entry.  The curves come from
:mod:`alloypore.design.curves`, the same functions the web page's charts draw.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from alloypore._io import atomic_output_dir
from alloypore._json import to_jsonable
from alloypore.cell import DesignResult, evaluate_arrays, spec_to_toml
from alloypore.design.curves import SWELLING_MODELS, repeat_unit_breakdown, swelling_curves
from alloypore.docs_pages import doc_text
from alloypore.plotting import figure_to_png_bytes, new_figure
from alloypore.provenance import provenance

__all__ = ["FIGURES", "design_figures", "summary_rows", "write_design_report"]


def _budget_figure(r: DesignResult):
    b = r.budget
    fig, ax = new_figure(6.2, 4.0)
    th = b.theta
    layers = [
        (b.solid_volume_cm3_g, "solid (growing)", "#4C72B0"),
        (b.closed_pore_volume_cm3_g, "closed pores left", "#8C8C8C"),
        (b.open_pore_volume_cm3_g, "open pores left", "#55A868"),
    ]
    ax.stackplot(th, *[l[0] for l in layers], labels=[l[1] for l in layers], colors=[l[2] for l in layers], alpha=0.85)
    v0 = float(b.envelope_volume_cm3_g[0])
    ax.plot(th, b.envelope_volume_cm3_g, "k-", lw=2, label="particle envelope")
    ax.axhline(v0, color="k", ls=":", lw=1, label="pristine envelope")
    ax.fill_between(th, v0, b.envelope_volume_cm3_g, color="#C44E52", alpha=0.35, label="outward growth")
    ax.set_xlabel("lithiation fraction θ")
    ax.set_ylabel("volume per g of particle (cm³/g)")
    ax.set_title("Particle volume budget: where the expansion goes")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_xlim(0, 1)
    return fig


def _swelling_figure(r: DesignResult):
    es = r.spec.electrode
    c = swelling_curves(r)
    fig, ax = new_figure(6.2, 4.0)
    for model, style in zip(SWELLING_MODELS, ("-", "--")):
        mark = " (spec)" if model == es.swelling_model else ""
        ax.plot(c["theta"], c[model], style, lw=2, label=model.replace("_", " ") + mark)
    ax.axhline(es.swelling_limit_pct, color="#C44E52", ls=":", label=f"limit {es.swelling_limit_pct:g} %")
    ax.axvline(float(r.cell.anode_lithiation_charged), color="grey", lw=1, ls="-.", label="charged cell")
    ax.set_xlabel("lithiation fraction θ")
    ax.set_ylabel("electrode thickness change (%)")
    ax.set_title("Electrode swelling (two limiting models)")
    ax.legend(fontsize=8)
    ax.set_xlim(0, 1)
    return fig


def _breakdown_figure(r: DesignResult):
    parts = repeat_unit_breakdown(r)
    masses, thickness = parts["mass_mg_cm2"], parts["thickness_um"]
    fig, (a1, a2) = new_figure(8.0, 3.6, ncols=2)
    colors = ["#4C72B0", "#DD8452", "#55A868", "#8172B3", "#937860"]
    a1.bar(list(masses), list(masses.values()), color=colors)
    a1.set_ylabel("mg per cm² of repeat unit")
    a1.set_title("Mass breakdown")
    a1.tick_params(axis="x", rotation=30)
    a2.bar(list(thickness), list(thickness.values()), color=colors[:4])
    a2.set_ylabel("µm per repeat unit")
    a2.set_title("Thickness (volume) breakdown")
    a2.tick_params(axis="x", rotation=30)
    return fig


#: file stem -> (heading in the HTML, drawing function of a DesignResult), in page order
FIGURES = {
    "volume_budget": ("Volume budget of the particle", _budget_figure),
    "electrode_swelling": ("Electrode swelling", _swelling_figure),
    "cell_breakdown": ("Cell mass and volume", _breakdown_figure),
}


def design_figures(r: DesignResult) -> dict[str, object]:
    """The report's figures (matplotlib Figures) by file stem."""
    if r.budget is None:
        r = evaluate_arrays(r.spec, budget_points=51)
    return {stem: draw(r) for stem, (_, draw) in FIGURES.items()}


_LABELS = {
    "particle": [
        ("capacity_mAh_g", "Specific capacity", "mAh/g"),
        ("volumetric_capacity_mAh_cm3", "Volumetric capacity (envelope)", "mAh/cm³"),
        ("porosity", "Intraparticle porosity", ""),
        ("closed_pore_fraction", "Closed-pore fraction", ""),
        ("required_porosity", "Porosity that absorbs full expansion", ""),
        ("volume_expansion_pct", "Outward expansion at full lithiation", "%"),
        ("diameter_change_pct", "Diameter change at full lithiation", "%"),
        ("true_density_g_cm3", "True density", "g/cm³"),
        ("skeletal_density_g_cm3", "Skeletal (He) density", "g/cm³"),
        ("envelope_density_g_cm3", "Envelope density", "g/cm³"),
    ],
    "electrode": [
        ("areal_capacity_mAh_cm2", "Areal capacity", "mAh/cm²"),
        ("loading_mg_cm2", "Loading", "mg/cm²"),
        ("thickness_um", "Thickness (pristine)", "µm"),
        ("porosity", "Interparticle porosity", ""),
        ("max_compaction_density_g_cm3", "Highest possible compaction density", "g/cm³"),
        ("swelling_pct", "Swelling at full lithiation", "%"),
        ("volumetric_capacity_mAh_cm3", "Volumetric capacity (pristine)", "mAh/cm³"),
        ("volumetric_capacity_lithiated_mAh_cm3", "Volumetric capacity (lithiated)", "mAh/cm³"),
        ("swelling_limit_met", "Swelling limit met", ""),
        ("first_cycle_efficiency", "First-cycle efficiency", ""),
    ],
    "cell": [
        ("energy_density_Wh_kg", "Energy density", "Wh/kg"),
        ("energy_density_Wh_L", "Energy density (charged anode)", "Wh/L"),
        ("stack_energy_density_Wh_kg", "Stack energy density", "Wh/kg"),
        ("stack_energy_density_Wh_L", "Stack energy density", "Wh/L"),
        ("electrolyte_g_Ah", "Electrolyte", "g/Ah"),
        ("reversible_capacity_mAh_cm2", "Reversible areal capacity", "mAh/cm²"),
        ("cell_voltage_V", "Average cell voltage", "V"),
        ("anode_lithiation_charged", "Anode lithiation when charged", ""),
        ("cell_capacity_Ah", "Cell capacity", "Ah"),
    ],
}


def summary_rows(r: DesignResult) -> dict[str, list[tuple[str, str, str]]]:
    """Rows (label, formatted value, unit) per section, shared by the CLI and the report."""
    d = {"particle": r.particle.to_dict(), "electrode": r.electrode.to_dict(), "cell": r.cell.to_dict()}
    out = {}
    for sec, rows in _LABELS.items():
        out[sec] = []
        for key, label, unit in rows:
            v = d[sec][key]
            v = v.item() if hasattr(v, "item") else v  # a numpy scalar -> its Python value
            if isinstance(v, bool):
                txt = "yes" if v else "NO"
            elif abs(float(v)) < 10:
                txt = f"{float(v):.3f}"
            else:
                txt = f"{float(v):,.1f}"
            out[sec].append((label, txt, unit))
    return out


def _table(rows) -> str:
    body = "".join(
        f"<tr><td>{html.escape(a)}</td><td class='num'>{html.escape(b)}</td><td>{html.escape(c)}</td></tr>" for a, b, c in rows
    )
    return f"<table>{body}</table>"


def _provenance_html(prov: dict) -> str:
    deps = ", ".join(f"{k} {v}" for k, v in prov["dependencies"].items())
    rows = [("alloypore", prov["alloypore"]), ("Python", f'{prov["python"]} ({prov["platform"]})'),
            ("dependencies", deps), ("command", prov["command"] or "(Python API)"),
            ("spec SHA-256", prov.get("spec_sha256", "")), ("created (UTC)", prov["created_utc"])]
    body = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(str(b))}</td></tr>" for a, b in rows)
    return f'<h2>Provenance</h2><table class="provenance">{body}</table>'


def write_design_report(r: DesignResult, out_dir: str | Path) -> Path:
    """Write ``report.html``, the PNG plots, ``result.json`` and ``spec.toml`` into ``out_dir``.

    Everything is rendered first and moved in at the end: a failure leaves no partial report.
    """
    pngs = {k: figure_to_png_bytes(f) for k, f in design_figures(r).items()}
    uris = {k: "data:image/png;base64," + base64.b64encode(b).decode() for k, b in pngs.items()}
    rows = summary_rows(r)
    spec_toml = spec_to_toml(r.spec)
    prov = provenance(spec=r.spec)
    figures = "\n".join(f'<h2>{html.escape(head)}</h2><img src="{uris[stem]}" alt="{stem.replace("_", " ")}">'
                        for stem, (head, _) in FIGURES.items())
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>alloypore: {html.escape(r.spec.name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin:0.5em 0 1.5em}}td{{padding:2px 10px;border-bottom:1px solid #ddd}}
td.num{{text-align:right;font-variant-numeric:tabular-nums}}.grid{{display:flex;gap:2em;flex-wrap:wrap}}
img{{max-width:100%}}pre{{background:#f5f5f5;padding:1em}}</style></head><body>
<h1>alloypore design report</h1><p><b>{html.escape(r.spec.name)}</b></p>
<div class="grid"><div><h2>Particle</h2>{_table(rows['particle'])}</div>
<div><h2>Electrode</h2>{_table(rows['electrode'])}</div><div><h2>Cell ({html.escape(r.spec.cell.format)})</h2>{_table(rows['cell'])}</div></div>
<p><i>First-cycle efficiency: {html.escape(r.notes.get("first_cycle_efficiency_basis", ""))}</i></p>
{figures}
<h2>Spec</h2><pre>{html.escape(spec_toml)}</pre>
<p>Model equations and assumptions: <a href="model.md">model.md</a> (the page of the alloypore
documentation shipped with the package, copied beside this report).</p>
{_provenance_html(prov)}</body></html>"""
    out = Path(out_dir)
    with atomic_output_dir(out) as tmp:
        (tmp / "report.html").write_text(page, "utf-8")
        for k, b in pngs.items():
            (tmp / f"{k}.png").write_bytes(b)
        (tmp / "result.json").write_text(json.dumps(to_jsonable({**r.to_dict(), "provenance": prov}), indent=2), "utf-8")
        (tmp / "spec.toml").write_text(spec_toml, "utf-8")
        (tmp / "model.md").write_text(doc_text("model"), "utf-8")
    return out / "report.html"
