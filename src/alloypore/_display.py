"""How results show themselves in a terminal and a notebook: ``to_frame()``, ``__repr__`` and
``_repr_html_`` of the result types, from their JSON-ready dicts.

Plain numbers (no ``np.float64(...)``), units split off the field names (``capacity_mAh_g`` ->
``capacity``, ``mAh/g``), a handful of headline quantities in the short text form and the
whole table in the notebook form.  A utility: it knows dicts and names, no physics.
"""

from __future__ import annotations

import html
import math
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "DESIGN_HEADLINE",
    "design_frame",
    "design_html",
    "design_text",
    "fmt",
    "frame",
    "html_table",
    "record_frame",
    "record_html",
    "record_rows",
    "record_text",
    "split_unit",
    "sweep_html",
    "sweep_text",
    "text_table",
]

#: the quantities a design shows first (its short form)
DESIGN_HEADLINE = (
    "particle.capacity_mAh_g",
    "particle.volume_expansion_pct",
    "electrode.swelling_pct",
    "electrode.thickness_um",
    "cell.electrolyte_g_Ah",
    "cell.energy_density_Wh_kg",
    "cell.energy_density_Wh_L",
)

# field-name suffix -> unit as people write it, longest first when matched
_UNITS = {
    "mAh_g": "mAh/g", "mAh_cm2": "mAh/cm²", "mAh_cm3": "mAh/cm³", "g_cm3": "g/cm³", "cm3_g": "cm³/g",
    "cm3_cm2": "cm³/cm²", "mg_cm2": "mg/cm²", "g_cm2": "g/cm²", "Wh_kg": "Wh/kg", "Wh_L": "Wh/L", "g_Ah": "g/Ah",
    "m2_g": "m²/g", "um_inv": "1/µm", "nm2": "nm²", "pct": "%", "um": "µm", "nm": "nm", "mm": "mm", "GPa": "GPa",
    "MPa": "MPa", "V": "V", "Ah": "Ah", "Wh": "Wh", "g": "g", "cm3": "cm³", "s": "s", "K": "K", "nN": "nN",
}
_SUFFIXES = sorted(_UNITS, key=len, reverse=True)


def split_unit(name: str) -> tuple[str, str]:
    """``"capacity_mAh_g"`` -> ``("capacity", "mAh/g")``; a name without a unit suffix -> ``(name, "")``."""
    for suffix in _SUFFIXES:
        if name.endswith("_" + suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix) - 1], _UNITS[suffix]
    return name, ""


def fmt(value: Any) -> str:
    """A number as people read it: 4 significant digits, no ``np.float64``; other values as text."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        v = value.item() if hasattr(value, "item") else value
        if isinstance(v, bool):
            return str(v)
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float) and not math.isfinite(v):
            return str(v)
        return f"{v:.4g}"
    return str(value)


def record_rows(sections: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, str, Any]]:
    """``{section: {field: value}}`` -> rows ``(section, quantity, unit, value)`` of the scalar fields."""
    rows = []
    for section, fields in sections.items():
        for key, value in fields.items():
            if isinstance(value, (Mapping, list, tuple)):
                continue
            quantity, unit = split_unit(key)
            rows.append((section, quantity, unit, value))
    return rows


def frame(rows: Iterable[Sequence[Any]] | Mapping[str, Any], columns: Sequence[str] | None = None):
    """A pandas DataFrame of ``rows`` (with ``columns``) or of a column mapping."""
    import pandas as pd  # 0.3 s to import: only when a table is asked for
    if isinstance(rows, Mapping):
        return pd.DataFrame(rows)
    return pd.DataFrame(list(rows), columns=list(columns) if columns else None)


def text_table(title: str, rows: Sequence[Sequence[Any]]) -> str:
    """A plain aligned text table (for ``__repr__``)."""
    cells = [[fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))] if cells else []
    lines = [title]
    for r in cells:
        parts = [c.rjust(w) if _is_number(c) else c.ljust(w) for c, w in zip(r, widths)]
        lines.append("  " + "  ".join(parts).rstrip())
    return "\n".join(lines)


def html_table(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]], foot: str = "") -> str:
    """A small HTML table (for ``_repr_html_``)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="text-align:{"right" if _is_number(fmt(c)) else "left"}">{html.escape(fmt(c))}</td>'
                         for c in r) + "</tr>"
        for r in rows
    )
    foot_html = f"<p><i>{html.escape(foot)}</i></p>" if foot else ""
    return f"<div><b>{html.escape(title)}</b><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot_html}</div>"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# a design result (one design or arrays of designs), from DesignResult.to_dict()


def _n_designs(d: Mapping) -> int:
    v = d["cell"]["energy_density_Wh_kg"]
    return len(v) if isinstance(v, list) else 1


def _headline_value(d: Mapping, dotted: str) -> Any:
    section, key = dotted.split(".")
    return d[section].get(key)


def design_frame(d: Mapping):
    """One design: rows (section, quantity, unit, value); many designs: one row per design, ``section.field`` columns."""
    sections = {s: d[s] for s in ("particle", "electrode", "cell")}
    if _n_designs(d) == 1:
        return frame(record_rows(sections), ["section", "quantity", "unit", "value"])
    n = _n_designs(d)
    cols = {f"{s}.{k}": (v if isinstance(v, list) else [v] * n)
            for s, fields in sections.items() for k, v in fields.items() if not isinstance(v, (Mapping, tuple))}
    return frame(cols)


def design_text(d: Mapping) -> str:
    """The short text form: the name and the headline quantities (first design of many)."""
    n = _n_designs(d)
    title = f"DesignResult: {d.get('name', '')}" + (f" ({n} designs; first shown)" if n > 1 else "")
    rows = []
    for dotted in DESIGN_HEADLINE:
        value = _headline_value(d, dotted)
        value = value[0] if isinstance(value, list) else value
        quantity, unit = split_unit(dotted.split(".")[1])
        rows.append((dotted.split(".")[0], quantity, fmt(value), unit))
    return text_table(title, rows) + "\n  (all quantities: .to_frame())"


def design_html(d: Mapping) -> str:
    """The notebook form: the headline quantities, then every scalar quantity by section."""
    n = _n_designs(d)
    if n > 1:
        return design_frame(d).head(20)._repr_html_()
    head = [tuple(h.split(".")) for h in DESIGN_HEADLINE]
    rest = [(s, k) for s in ("particle", "electrode", "cell") for k in d[s] if (s, k) not in head]
    ordered = [
        (s, *split_unit(k), d[s][k]) for s, k in head + rest
        if not isinstance(d[s][k], (Mapping, list, tuple)) and k != "first_cycle_efficiency_basis"
    ]
    basis = d["electrode"].get("first_cycle_efficiency_basis", "")
    return html_table(f"DesignResult: {d.get('name', '')}", ["section", "quantity", "unit", "value"],
                      ordered,
                      f"first-cycle efficiency: {basis}" if basis else "")


# ---------------------------------------------------------------------------
# a sweep (a column table over a grid)


def sweep_text(name: str, axes: Sequence[tuple[str, int]], n_designs: int, n_feasible: int) -> str:
    """The short form of a sweep: its axes and how many designs are feasible."""
    varied = ", ".join(f"{field} ({n} values)" for field, n in axes)
    return (f"SweepResult: {name}\n  {n_designs} designs over {varied}; {n_feasible} feasible\n"
            "  (the table: .to_frame(); the best: .best(objective))")


def sweep_html(name: str, axes: Sequence[tuple[str, int]], n_designs: int, n_feasible: int, table_html: str) -> str:
    """The notebook form of a sweep: the short form over the first rows of its table."""
    varied = ", ".join(f"{html.escape(field)} ({n} values)" for field, n in axes)
    return (f"<div><b>SweepResult: {html.escape(name)}</b> &mdash; {n_designs} designs over {varied}; "
            f"{n_feasible} feasible{table_html}</div>")


# ---------------------------------------------------------------------------
# a flat record (a pore profile of a volume, a measured profile)


def record_text(title: str, record: Mapping[str, Any]) -> str:
    """The short form of a flat record: one line per scalar field, unit split off the name."""
    rows = [(q, fmt(v), u) for _, q, u, v in record_rows({"": record}) if v is not None]
    return text_table(title, rows)


def record_html(title: str, record: Mapping[str, Any], foot: str = "") -> str:
    rows = [(q, u, v) for _, q, u, v in record_rows({"": record}) if v is not None]
    return html_table(title, ["quantity", "unit", "value"], rows, foot)


def record_frame(record: Mapping[str, Any]):
    """A flat record as a table (quantity, unit, value)."""
    return frame([(q, u, v) for _, q, u, v in record_rows({"": record})], ["quantity", "unit", "value"])
