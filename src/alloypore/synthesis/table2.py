"""Table 2 of the review (synthesis pathway adaptability): grades and cautions per route.

Each route depends on one column of Table 2 (stored per material in the materials table):
bottom-up on *nanoparticle synthesis*, top-down on *etching selectivity*, transcription on
*chemical deposition*.  A cell is graded "feasible", "challenging" or "not available"; the
notes under the table, (3)(b), override it where they disagree (Sn, Ge and Al etch poorly
although Table 2 lists Sn as "Facile").

References
----------
Review of porous alloying-type anode particles (alloypore seed text), Table 2 and §3.
"""

from __future__ import annotations

from alloypore.materials import Material

__all__ = ["ROUTE_COLUMN", "ROUTE_CAUTIONS", "grade", "table2_cautions"]

#: The Table 2 column each route depends on.
ROUTE_COLUMN = {
    "bottom-up": "nanoparticle_synthesis",
    "top-down": "etching_selectivity",
    "transcription": "chemical_deposition",
}

_FEASIBILITY = {
    "nanoparticle_synthesis": {"facile": "feasible", "medium": "feasible", "difficult": "challenging"},
    "etching_selectivity": {"acid": "feasible", "facile": "feasible", "amphoteric": "challenging"},
}

#: Cautions per column and grade (review §3 and the notes under Table 2).
ROUTE_CAUTIONS: dict[str, dict[str, list[str]]] = {
    "nanoparticle_synthesis": {
        "feasible": [],
        "challenging": [
            "nanonisation of Sn, Ge and Al by milling is hard (oxidation, ductility); CVD-made Ge/Sn nanoparticles "
            "cost > 1000 $/kg; CVD of Al is very difficult (AlH3 is a solid) (review §3, Table 2)",
        ],
        "not available": [],
    },
    "etching_selectivity": {
        "feasible": [],
        "challenging": [
            "poor etching selectivity: Sn, Ge and Al react with both acids and alkali (review, Table 2 notes (3)(b))",
        ],
        "not available": ["no selective etchant for this element (Table 2: N/A)"],
    },
    "chemical_deposition": {
        "feasible": [
            "SiH4 is pyrophoric and toxic; CVD throughput is low (low molarity of gaseous precursors) and the "
            "equipment costly (review §3)",
            "amorphous nano-Si reacts with carbon to SiC above ~800 C: choose the overcoat temperature with care",
        ],
        "challenging": [
            "GeH4 / SnH4 / SbH3: costly, unstable or dangerous precursors; deposition into porous carbon rarely "
            "explored (review, Table 2 notes (3)(c))",
        ],
        "not available": ["no gaseous precursor for chemical deposition (Table 2: N/A)"],
    },
}


def grade(column: str, material: str, value: str | None) -> str:
    """Feasible / challenging / not available from a Table 2 cell (with the text's corrections)."""
    if value is None or value.strip().upper() in ("N/A", "NA", ""):
        return "not available"
    v = value.strip().lower()
    if column == "etching_selectivity" and material in ("Sn", "Ge", "Al"):
        return "challenging"  # review, Table 2 notes (3)(b): Sn, Ge, Al show poor selectivity (Table 2 lists Sn as Facile)
    if column == "chemical_deposition":
        return "feasible" if v.startswith("mature") else "challenging"
    if column == "etching_selectivity" and v.startswith("hf"):
        return "feasible"
    return _FEASIBILITY[column].get(v.split()[0], "challenging")


def table2_cautions(active: Material, column: str) -> list[str]:
    """The Table 2 cell of ``column`` for ``active`` and the cautions of its grade."""
    value = getattr(active, column, None)
    if value is None:
        return []
    return [f"Table 2 ({column.replace('_', ' ')}) for {active.name}: {value}"] + ROUTE_CAUTIONS[column].get(
        grade(column, active.name, value), []
    )
