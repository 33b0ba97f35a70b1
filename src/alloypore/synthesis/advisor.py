"""The route advisor: which synthesis routes Table 2 of the review allows for a material.

Grades come from :mod:`alloypore.synthesis.table2`; with a target porosity the advisor
compares against the porosity that absorbs full expansion, ``beta / (1 + beta)``, the
40-90 vol% sacrificial range of top-down precursors, and (for Si) gives the AlSi
composition and the transcription fill that realise it.

References
----------
Review of porous alloying-type anode particles (alloypore seed text), Table 2 and §3.
"""

from __future__ import annotations

from alloypore.errors import check_range
from alloypore.materials import Material
from alloypore.synthesis._materials import alloy
from alloypore.synthesis.stoichiometry import TOP_DOWN_SACRIFICIAL_RANGE, si_wt_pct_for_porosity
from alloypore.synthesis.table2 import ROUTE_CAUTIONS, ROUTE_COLUMN, grade
from alloypore.synthesis.route_transcription import max_zero_expansion_fill

__all__ = ["advise"]


def _top_down_notes(m: Material, eps: float | None, cautions: list[str], notes: list[str]) -> None:
    if m.name in ("Si", "SiO"):
        cautions.append("SiOx route: HF etching (toxic, costly waste); SiO2 route: magnesiothermic reduction "
                        "(exothermic, pyrophoric Mg) (review §3)")
    if eps is None:
        return
    lo, hi = TOP_DOWN_SACRIFICIAL_RANGE
    if not (lo <= eps <= hi):
        notes.append(f"porosity {eps:g} is outside the 40-90 vol% sacrificial fraction of usual precursors")
    if m.name == "Si":
        notes.append(f"AlSi with {si_wt_pct_for_porosity(eps):.3g} wt% Si gives this porosity when fully "
                     "etched (no shrinkage)")


def _route(m: Material, route: str, column: str, eps: float | None) -> dict:
    """One route's grade, cautions and notes for material ``m``."""
    value = getattr(m, column)
    feasibility = grade(column, m.name, value)
    cautions = list(ROUTE_CAUTIONS[column].get(feasibility, []))
    notes: list[str] = []
    if column == "etching_selectivity" and m.name == "Sn":
        notes.append("Table 2 lists Sn etching selectivity as 'Facile' but the notes (3)(b) name Sn among the poorly "
                     "selective elements; graded by the text")
    if route == "top-down":
        _top_down_notes(m, eps, cautions, notes)
    if route == "transcription":
        phi = max_zero_expansion_fill(m.expansion("crystallographic"))
        notes.append(f"fill at most {phi:.3f} of the template pore volume for zero outward expansion")
    if route == "bottom-up" and eps is not None and eps > 1 - 0.5:
        notes.append("porosity above ~0.5 needs a pore former or a loose packing (random close packing leaves 0.36)")
    return {
        "route": route,
        "table2_column": column,
        "table2_value": value,
        "feasibility": feasibility,
        "cautions": cautions,
        "notes": notes,
    }


def advise(material: str, porosity: float | None = None) -> dict:
    """Which synthesis routes Table 2 of the review allows for ``material``, with its cautions.

    Each route is graded from the Table 2 column it depends on: bottom-up from *nanoparticle
    synthesis*, top-down from *etching selectivity*, transcription from *chemical
    deposition* ("feasible", "challenging" or "not available").  The notes under Table 2, (3)(b), override
    the table where they disagree: Table 2 lists Sn's etching selectivity as "Facile", the
    text names Sn with Ge and Al as poorly selective; the advisor follows the text and says so.

    With a target ``porosity`` it compares against the porosity that absorbs full expansion,
    ``beta / (1 + beta)`` (crystallographic and quoted), the 40-90 vol% sacrificial range
    of top-down precursors, and (for Si) gives the AlSi composition and the transcription
    fill that realise it.
    """
    m = alloy(material, "material")
    eps = None if porosity is None else check_range("porosity", porosity, 0.0, 1.0, hi_open=True)
    req = {"crystallographic": m.required_porosity("crystallographic"), "quoted": m.required_porosity("quoted")}
    out = {
        "material": m.name,
        "porosity_target": eps,
        "required_porosity": req,
        "routes": [_route(m, route, column, eps) for route, column in ROUTE_COLUMN.items()],
        "source": "review Table 2 and §3 (synthesis pathway adaptability)",
    }
    if eps is not None:
        out["absorbs_full_expansion"] = {k: eps >= v for k, v in req.items()}
    return out
