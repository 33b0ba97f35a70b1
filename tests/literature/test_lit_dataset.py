"""The curated dataset checked against the numbers of the review it was read from.

The review: Luo, Pun, Yan & Liu, porous alloying-type anode particles for Li-ion batteries
(Royal Society of Chemistry, open access, 2026; see CITATION.cff).  The project keeps its facts
and figures with their citation, not its text: :data:`TABLE1` below is Table 1 of the review
as printed, cell by cell (numbers only; the "Synthesis methods" cell spans rows, so rows
without it are shifted one column, and one ref. 70 row is printed over two lines), and
:data:`TEXT_ROWS` the numbers its text states for each text row, with the section.
"""

import re

import pytest

from alloypore.errors import DataFileError, InputError
from alloypore.literature.dataset import COLUMNS, NUMERIC_COLUMNS, parse_qualifiers, parse_retention, read_rows_csv

TABLE_FIELDS = ("capacity_mAh_g", "ice_pct", "areal_capacity_mAh_cm2", "retention_printed",
                "tap_density_g_cm3", "compaction_density_g_cm3", "ssa_m2_g")

#: Table 1 of the review (Luo et al. 2026), the 18 printed lines, cells as printed
TABLE1 = (
    ('61', 'Bottom-up', '2500', '82.6', '2.7', '100/67%', '\u2014', '1', '\u2014'),
    ('62', '519', '90.8', '4.0', '3.8 mA cm\u22122-95%@300', '0.91', '1.6', '\u2014', ''),
    ('63', '3389', '83.9', '4.4', '1 A g\u22121-63%@800', '\u2014', '2.0', '\u2014', ''),
    ('64', '1194', '82.0', '1.9', '96%@200', '0.86', '1.2', '3.3', ''),
    ('65', '2310', '87.4', '4.5', '100/70%', '4.15', '1.75', '\u2014', ''),
    ('66', '1480', '73.0', '4.5', '700/102%', '0.53', '\u2014', '44.3', ''),
    ('67', 'Top-down', '1271', '80.3', '4.5', '1.2 mA cm\u22122-86%@100', '0.80', '\u2014', '\u2014'),
    ('68', '537', '91.4', '3.5', '0.5C-81.9%@200', '\u2014', '1.6', '5.85', ''),
    ('69', '3312', '84.7', '3.2', '5 A g\u22121-86.3%@1000', '\u2014', '\u2014', '112.4', ''),
    ('70', '530', '\u223c81', '2', '0.5C-80%@450', '0.48', '1.6', '8.8', ''),
    ('71', '916', '64.0', '0.9', '0.5 A g\u22121-94%@200', '\u2014', '\u2014', '165', ''),
    ('70', '2000', '85', '\u2014', '50/90%', '0.93', '8.8', ''),
    ('530', '\u2014', '3.3', '450/80%', '1.6', ''),
    ('72', 'Transcription', '844', '84.0', '3', '0.75 mA cm\u22122-92%@500', '0.5', '1.4', '61.5'),
    ('73', '\u223c700', '87.8', '2.8', '0.6 A g\u22121-71%@400', '\u2014', '\u2014', ''),
    ('74', '1640', '88.4', '3.53', '0.33C-95%@650', '\u2014', '1.6', '1678', ''),
    ('75', '731', '90.9', '3.6', '0.5C-96%@50', '\u2014', '1.6', '1.42', ''),
    ('75', '732', '90.9', '3.6', '50/96%', '1.3', '1.6', '6.7'),
)
#: the row of the CSV each printed line is (the split ref. 70 row: two rows)
TABLE1_ROWS = ("T1-61", "T1-62", "T1-63", "T1-64", "T1-65", "T1-66", "T1-67", "T1-68", "T1-69", "T1-70a", "T1-71",
               "T1-70b-half", "T1-70b-full", "T1-72", "T1-73", "T1-74", "T1-75a", "T1-75b")

#: text rows: section of the review and every number the row carries, as the review states it
#: (midpoints of printed ranges, marked ``range`` in the row's qualifiers: X-119 TD 1.0-1.1 and
#: CD 1.6-1.65; X-63's ~4 nm mesopores and X-70's ICE / porosity / expansion are stated in
#: later sections; X-164-CB/-CNT take the cycle count of the CCA electrode they are compared with)
TEXT_ROWS = {
    'X-66': ('Sec. 2.1 (bottom-up)', {'capacity_mAh_g': 1480, 'rate_value': 2, 'retention_cycles': 700, 'tap_density_g_cm3': 0.53}),
    'X-80': ('Sec. 2.1 (bottom-up)', {'retention_cycles': 350, 'tap_density_g_cm3': 0.45}),
    'X-62': ('Sec. 2.1 (bottom-up)', {'retention_pct': 87.5, 'retention_cycles': 100, 'tap_density_g_cm3': 0.91, 'compaction_density_g_cm3': 1.6}),
    'X-82': ('Sec. 2.1 (bottom-up)', {'pore_size_min_nm': 0.4, 'pore_size_max_nm': 0.8}),
    'X-63': ('Sec. 2.1 (bottom-up)', {'tap_density_g_cm3': 1.6, 'ssa_m2_g': 84.6, 'pore_size_min_nm': 4, 'pore_size_max_nm': 4}),
    'X-61': ('Sec. 2.1 (bottom-up)', {'areal_capacity_mAh_cm2': 3, 'compaction_density_g_cm3': 1}),
    'X-64': ('Sec. 2.1 (bottom-up)', {'tap_density_g_cm3': 0.86, 'ssa_m2_g': 3.3}),
    'X-42': ('Sec. 2.2 (top-down)', {'tap_density_g_cm3': 0.8, 'expansion_pct': 85}),
    'X-41': ('Sec. 2.2 (top-down)', {'ice_pct': 76, 'tap_density_g_cm3': 0.68}),
    'X-67-AMPSi': ('Sec. 2.2 (top-down)', {'tap_density_g_cm3': 0.84, 'ssa_m2_g': 12.6}),
    'X-67': ('Sec. 2.2 (top-down)', {'capacity_mAh_g': 2843, 'ice_pct': 80.3, 'areal_capacity_mAh_cm2': 7.1, 'rate_value': 1.2, 'retention_cycles': 100}),
    'X-69': ('Sec. 2.2 (top-down)', {'pore_size_min_nm': 4.9, 'pore_size_max_nm': 80}),
    'X-70': ('Sec. 2.2 (top-down)', {'ice_pct': 80, 'areal_capacity_mAh_cm2': 2, 'retention_pct': 80, 'retention_cycles': 450, 'tap_density_g_cm3': 0.93, 'ssa_m2_g': 8.8, 'porosity_pct': 20, 'expansion_pct': 60.6}),
    'X-70-NpSi': ('Sec. 2.2 (top-down)', {'tap_density_g_cm3': 0.48, 'ssa_m2_g': 972}),
    'X-75': ('Sec. 2.3 (transcription)', {'ice_pct': 90.9, 'areal_capacity_mAh_cm2': 3.6, 'retention_pct': 95.6, 'retention_cycles': 50, 'compaction_density_g_cm3': 1.6}),
    'X-72': ('Sec. 2.3 (transcription)', {'capacity_mAh_g': 750, 'areal_capacity_mAh_cm2': 3, 'retention_pct': 92, 'retention_cycles': 500, 'tap_density_g_cm3': 1.2, 'pore_size_min_nm': 20, 'pore_size_max_nm': 20, 'expansion_pct': 20}),
    'X-74': ('Sec. 2.3 (transcription)', {'retention_cycles': 650}),
    'X-119': ('Sec. 4 (modelling)', {'capacity_mAh_g': 650, 'tap_density_g_cm3': 1.05, 'compaction_density_g_cm3': 1.625, 'ssa_m2_g': 1.56}),
    'X-110': ('Sec. 5 (characterization)', {'tap_density_g_cm3': 1.13, 'ssa_m2_g': 2.21}),
    'X-110-graphite': ('Sec. 5 (characterization)', {'tap_density_g_cm3': 1.08, 'ssa_m2_g': 3.13}),
    'X-147': ('Sec. 6 (binders/electrolytes)', {'areal_capacity_mAh_cm2': 3.2}),
    'X-148': ('Sec. 6 (binders/electrolytes)', {'capacity_mAh_g': 3445.3, 'ice_pct': 89.7, 'areal_capacity_mAh_cm2': 10.59}),
    'X-151': ('Sec. 6 (binders/electrolytes)', {'areal_capacity_mAh_cm2': 4}),
    'X-155': ('Sec. 6 (binders/electrolytes)', {'areal_capacity_mAh_cm2': 2.1, 'retention_pct': 88.1, 'retention_cycles': 250}),
    'X-164': ('Sec. 6 (binders/electrolytes)', {'areal_capacity_mAh_cm2': 3.5, 'retention_pct': 85.4, 'retention_cycles': 180, 'compaction_density_g_cm3': 1.5}),
    'X-164-CB': ('Sec. 6 (binders/electrolytes)', {'retention_pct': 75, 'retention_cycles': 180}),
    'X-164-CNT': ('Sec. 6 (binders/electrolytes)', {'retention_pct': 82.7, 'retention_cycles': 180}),
    'X-182': ('Sec. 6 (binders/electrolytes)', {'areal_capacity_mAh_cm2': 3.4, 'rate_value': 0.2, 'retention_pct': 62, 'retention_cycles': 150}),
    'X-184': ('Sec. 6 (binders/electrolytes)', {'retention_pct': 71.4, 'retention_cycles': 300}),
    'X-185': ('Sec. 6 (binders/electrolytes)', {'retention_pct': 88.9, 'retention_cycles': 300}),
    'X-185-ctrl': ('Sec. 6 (binders/electrolytes)', {'retention_pct': 49.6, 'retention_cycles': 300}),
}


def _by_id(rows):
    return {r["row_id"]: r for r in rows}


def _num(cell):
    cell = cell.replace("\u223c", "").strip()
    return None if cell in ("", "\u2014") else float(cell)


def _numbers(row):
    return {k: row[k] for k in NUMERIC_COLUMNS if row[k] is not None}


def test_issue_values_reread(rows):
    """Issue 7 'Done when': ref. 62, 66 and 70 (PC/Np-Si) as printed in the review."""
    by = _by_id(rows)
    r62 = by["T1-62"]
    assert (r62["capacity_mAh_g"], r62["ice_pct"], r62["areal_capacity_mAh_cm2"],
            r62["tap_density_g_cm3"], r62["compaction_density_g_cm3"]) == (519, 90.8, 4.0, 0.91, 1.6)
    r66 = by["T1-66"]
    assert (r66["capacity_mAh_g"], r66["ice_pct"], r66["tap_density_g_cm3"], r66["ssa_m2_g"]) == (1480, 73.0, 0.53, 44.3)
    pc = [r for r in rows if r["material"] == "PC/Np-Si" and r["tap_density_g_cm3"] == 0.93]
    assert pc and all(r["ssa_m2_g"] == 8.8 for r in pc)
    assert {r["source"] for r in pc} == {"table1", "text"}


def test_every_printed_line_of_table1_is_one_row_citing_table1_and_its_reference(rows):
    by = _by_id(rows)
    assert len(TABLE1) == 18  # 17 printed rows, one of them split over two lines
    assert sorted(r["row_id"] for r in rows if r["source"] == "table1") == sorted(TABLE1_ROWS)
    for cells, row_id in zip(TABLE1, TABLE1_ROWS):
        row = by[row_id]
        assert row["provenance"].startswith("Luo, Pun, Yan & Liu"), row_id
        assert "Table 1" in row["provenance"] and f"ref. {row['ref']}" in row["provenance"], row_id
        assert "seed" not in row["provenance"] and '"' not in row["provenance"]  # no line numbers, no quotes


def test_realignment_independent(rows):
    """Re-do the realignment from the printed cells: rows without the method cell are shifted one column."""
    routes = {"Bottom-up": "bottom-up", "Top-down": "top-down", "Transcription": "transcription"}
    by = _by_id(rows)
    route = None
    checked = 0
    for cells, row_id in zip(TABLE1, TABLE1_ROWS):
        row = by[row_id]
        if len(cells) > 1 and cells[1] in routes:
            route = routes[cells[1]]
            values = cells[2:9]
        elif row_id.startswith("T1-70b"):
            continue  # the split ref. 70 row: checked in test_split_row
        else:
            values = cells[1:8]
        assert row["route"] == route and row["ref"] == cells[0]
        for field, cell in zip(TABLE_FIELDS, values):
            if field == "retention_printed":
                assert row[field] == cell
            else:
                assert row[field] == _num(cell), (row_id, field)
                assert (parse_qualifiers(row["qualifiers"]).get(field) == "~") == cell.startswith("\u223c")
        checked += 1
    assert checked == 16


def test_split_row(rows):
    """Seed lines 52-53: one ref. 70 row printed in two lines (half cell / full cell)."""
    by = _by_id(rows)
    half, full = by["T1-70b-half"], by["T1-70b-full"]
    assert (half["capacity_mAh_g"], half["ice_pct"], half["retention_cycles"], half["retention_pct"]) == (2000, 85, 50, 90)
    assert (full["capacity_mAh_g"], full["areal_capacity_mAh_cm2"], full["retention_cycles"], full["retention_pct"],
            full["compaction_density_g_cm3"]) == (530, 3.3, 450, 80, 1.6)
    assert half["tap_density_g_cm3"] == full["tap_density_g_cm3"] == 0.93
    assert half["ssa_m2_g"] == full["ssa_m2_g"] == 8.8
    assert half["material_id"] == full["material_id"] == "70"


def test_text_rows_carry_the_numbers_the_review_states_and_cite_the_section(rows):
    by = _by_id(rows)
    assert sorted(r["row_id"] for r in rows if r["source"] == "text") == sorted(TEXT_ROWS)
    for row_id, (section, numbers) in TEXT_ROWS.items():
        row = by[row_id]
        assert _numbers(row) == pytest.approx(numbers), row_id
        assert f"{section}, ref. {row['ref']}" in row["provenance"], row_id


def test_citations_name_the_primary_work_where_the_review_does(rows):
    by = _by_id(rows)
    assert by["T1-61"]["provenance"].endswith("ref. 61: Q. H. Yang et al.")
    # year and publisher from the review's figure credit ("Reprinted with permission from ref. 70. Copyright 2021 Wiley")
    assert "ref. 70: Yi and Zhang et al. (2021, Wiley; figure reproduced in the review's Fig. 4, 8)" in by["X-70"]["provenance"]
    assert "ref. 63: Li et al. (2022, American Chemical Society" in by["T1-63"]["provenance"]
    for r in rows:
        assert len(r["provenance"]) < 300 and len(r["notes"]) < 300, r["row_id"]  # citations and notes, no passages


def test_text_materials_present(rows):
    names = {r["material"] for r in rows}
    for name in ("AMPSi@C", "PC/Np-Si", "D-Si@RF–CTP", "C/Si@MPC–G", "CNT@Si@C", "HD-Si@Ti3C2Tx@G", "Sn/CS@SC",
                 "SiOx/C micro-particles", "p-Si@ATO"):
        assert name in names
    assert any(n.startswith("Np-Si") for n in names) and any(n.startswith("MGS") for n in names)
    studies = {r["study"] for r in rows}
    assert {"binder", "electrolyte"} <= studies
    by = _by_id(rows)
    assert by["X-70-NpSi"]["ssa_m2_g"] == 972 and by["X-70-NpSi"]["tap_density_g_cm3"] == 0.48
    assert by["X-148"]["ice_pct"] == 89.7 and by["X-185"]["retention_pct"] == 88.9


def test_row_ids_unique_and_columns(rows):
    assert len({r["row_id"] for r in rows}) == len(rows)
    assert all(set(r) == set(COLUMNS) for r in rows)


@pytest.mark.parametrize("text, expected", [
    ("100/67%", (None, None, 67.0, 100)),
    ("96%@200", (None, None, 96.0, 200)),
    ("3.8 mA cm\u22122-95%@300", (3.8, "mA/cm2", 95.0, 300)),
    ("1 A g\u22121-63%@800", (1.0, "A/g", 63.0, 800)),
    ("0.33C-95%@650", (0.33, "C", 95.0, 650)),
    ("5 A g\u22121-86.3%@1000", (5.0, "A/g", 86.3, 1000)),
])
def test_parse_retention(text, expected):
    r = parse_retention(text)
    assert (r.rate_value, r.rate_unit, r.retention_pct, r.retention_cycles) == expected


def test_parse_retention_rejects_garbage():
    with pytest.raises(InputError) as err:
        parse_retention("about 90 percent")
    assert str(err.value).startswith("retention_printed = 'about 90 percent': allowed forms")
    with pytest.raises(InputError) as err:
        parse_retention("3 furlongs-95%@300")
    assert str(err.value).startswith("rate = '3 furlongs': allowed")
    with pytest.raises(InputError) as err:
        parse_qualifiers("ice_pct:?")
    assert str(err.value).startswith("qualifiers = 'ice_pct:?': expected <numeric column>:<one of")


def _csv(**row):
    import csv
    import io

    good = {"row_id": "U-1", "material_id": "U-1", "material": "mine", "active_element": "Si", "route": "bottom-up",
            "study": "material", "provenance": "notebook"}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerow({c: {**good, **row}.get(c, "") for c in COLUMNS})
    return buf.getvalue()


@pytest.mark.parametrize("row, message", [
    ({"retention_printed": "about 90 percent"},
     "mine.csv: line 2: column retention_printed = 'about 90 percent': retention_printed 'about 90 percent': allowed forms"),
    ({"retention_printed": "3 furlongs-95%@300"},
     "mine.csv: line 2: column retention_printed = '3 furlongs-95%@300': rate '3 furlongs': allowed '<number> C'"),
    ({"qualifiers": "ice_pct:?"}, "mine.csv: line 2: column qualifiers: 'ice_pct:?': expected <numeric column>"),
    ({"ice_pct": "120"}, "mine.csv: line 2: column ice_pct = 120: allowed"),
    ({"ice_pct": "nan"}, "mine.csv: line 2: column ice_pct = nan: allowed"),
])
def test_bad_rows_raise_one_line_naming_file_line_and_column(row, message):
    with pytest.raises(DataFileError) as err:
        read_rows_csv("mine.csv", text=_csv(**row))
    assert str(err.value).startswith(message) and "\n" not in str(err.value)
