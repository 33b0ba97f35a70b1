"""Plausibility rules: the issue's implausible values are found by rules, and each rule's
number is checked against a hand calculation."""

import math

import pytest

from alloypore.literature import validation as V


def _flags_for(flags, row_id, field=None, rule=None):
    return [f for f in flags if f.row_id == row_id and (field is None or f.field == field)
            and (rule is None or f.rule == rule)]


# ------------------------------------------------------------ the named values
def test_tap_density_415_flagged(flags):
    (f,) = _flags_for(flags, "T1-65", "tap_density_g_cm3")
    assert f.rule == "density_above_true_density" and f.excluded and "4.15" in f.reason


def test_ssa_1678_flagged(flags):
    f = _flags_for(flags, "T1-74", "ssa_m2_g", "ssa_beyond_ice")
    assert len(f) == 1 and f[0].excluded


def test_ssa_header_unit_flagged_for_every_table_ssa(rows, flags):
    table_ssa = [r["row_id"] for r in rows if r["source"] == "table1" and r["ssa_m2_g"] is not None]
    assert len(table_ssa) == 12  # 11 printed SSA cells, 8.8 shared by both lines of the split row
    for rid in table_ssa:
        (f,) = _flags_for(flags, rid, "ssa_m2_g", "ssa_unit")
        assert "g m-2" in f.reason and f.severity == "corrected" and not f.excluded


def test_plausible_rows_not_flagged(flags):
    """The rules do not flag values nobody doubts (ref. 62 and 64 are fully consistent)."""
    for rid in ("T1-62", "X-62", "X-64", "T1-63", "X-63", "T1-61"):
        assert not [f for f in flags if f.row_id == rid and f.excluded], rid


def test_activation_case_is_a_note(flags):
    (f,) = _flags_for(flags, "T1-66", "retention_pct")
    assert f.severity == "note" and not f.excluded


def test_conflicts(flags):
    # ref. 70: 0.48 is the Np-Si precursor's TD, the majority says 0.93
    (f,) = _flags_for(flags, "T1-70a", "tap_density_g_cm3")
    assert f.rule == "conflicting_values" and "X-70-NpSi" in f.reason
    assert not _flags_for(flags, "T1-70b-half", "tap_density_g_cm3")
    # ref. 72: table 0.5 vs text 1.2, no majority -> both
    assert _flags_for(flags, "T1-72", "tap_density_g_cm3") and _flags_for(flags, "X-72", "tap_density_g_cm3")


# ------------------------------------------------------------ physics of the rules
def test_sei_charge_hand_calc():
    # 2 nm of LEDC at 1.2 g/cm3: 2e-7 cm * 1e4 cm2 = 2e-3 cm3 per m2; 2*1.2/161.98 = 0.014816 mol Li/cm3;
    # 2e-3 * 0.014816 * 26801.48 mAh/mol = 0.7942 mAh/m2
    assert V.SEI_MIN_MAH_M2 == pytest.approx(0.7942, rel=1e-3)
    # 3 nm LiF (2.64 g/cm3, 25.94 g/mol): 3e-3 cm3 * 0.10177 mol/cm3 * 26801.48 = 8.18 mAh/m2
    assert V.sei_charge_per_area_mAh_m2(3.0, 2.64 / 25.94) == pytest.approx(8.18, rel=2e-3)


def test_max_ssa_hand_calc():
    # ref. 74: 1640 * (100/88.4 - 1) = 215.2 mAh/g lost; / 0.7942 = 271 m2/g
    assert V.max_ssa_for_ice_m2_g(1640, 88.4) == pytest.approx(215.20 / 0.7942, rel=1e-3)
    assert V.max_ssa_for_ice_m2_g(1000, 100.0) == 0.0


def test_true_density_bound_hand_calc():
    # ref. 65: w_Si = 2310/3578.6 = 0.6455; 1/(0.6455/2.329 + 0.3545/2.26) = 2.304 g/cm3 (CRC: Si 2.329, graphite 2.26)
    assert V.composite_true_density_bound_g_cm3("Si", 2310) == pytest.approx(2.304, rel=2e-3)
    # no capacity: pure Si
    assert V.composite_true_density_bound_g_cm3("Si") == pytest.approx(2.329, rel=1e-3)
    # Sn (Li17Sn4, 959.5 mAh/g) at 500 mAh/g: w = 500/959.5 = 0.5211; 1/(0.5211/7.265 + 0.4789/2.26) = 3.526
    assert V.composite_true_density_bound_g_cm3("Sn", 500) == pytest.approx(3.526, rel=3e-3)


def test_geometric_ssa():
    # 6/(rho d): 10 um spheres of 2.33 g/cm3 -> 6/(2.33e6 g/m3 * 1e-5 m) = 0.2575 m2/g
    assert V.geometric_ssa_m2_g(10, 2.33) == pytest.approx(0.2575, rel=1e-3)


@pytest.mark.parametrize("unit, kind, factor", [
    ("g m-2", "inverse", None), ("g m\u22122", "inverse", None), ("m2 g-1", "ok", 1.0), ("m2/g", "ok", 1.0),
    ("cm2 g-1", "scaled", 1e-4), ("mAh g-1", "wrong", None),
])
def test_unit_classifier(unit, kind, factor):
    k, f = V.ssa_unit_factor(unit)
    assert k == kind
    if factor is not None:
        assert f == pytest.approx(factor)


def _row(**kw):
    base = {"row_id": "u1", "material_id": "u1", "active_element": "Si", "ref": "", "material": "x"}
    base.update(kw)
    return base


def test_rules_on_synthetic_rows():
    # density just under / over the bound for pure Si
    assert not V.run_rules([_row(tap_density_g_cm3=2.30)])
    assert V.run_rules([_row(compaction_density_g_cm3=2.40)])[0].rule == "density_above_true_density"
    # retention > 100 % for Si is implausible, for SiOx up to 115 % a note, above a flag
    assert V.run_rules([_row(retention_pct=104.0)])[0].severity == "implausible"
    assert V.run_rules([_row(active_element="SiOx", retention_pct=104.0)])[0].severity == "note"
    assert V.run_rules([_row(active_element="SiOx", retention_pct=130.0)])[0].severity == "implausible"
    # SSA: 2000 mAh/g at ICE 90 % loses 222 mAh/g -> SSA_max = 280 m2/g
    assert not V.run_rules([_row(capacity_mAh_g=2000.0, ice_pct=90.0, ssa_m2_g=250.0)])
    assert V.run_rules([_row(capacity_mAh_g=2000.0, ice_pct=90.0, ssa_m2_g=300.0)])[0].rule == "ssa_beyond_ice"
    # capacity above Li15Si4
    assert V.run_rules([_row(capacity_mAh_g=3700.0)])[0].rule == "capacity_above_theoretical"
    # an SSA in cm2/g that would be plausible as printed is a real unit problem (excluded)
    f = V.run_rules([_row(ssa_m2_g=5000.0, ssa_unit_printed="cm2 g-1")])
    assert f[0].severity == "unit" and f[0].excluded


def test_sibling_context_used():
    """A text row with the SSA and a table row with capacity/ICE of the same material are judged together."""
    rows = [_row(row_id="a", material_id="m", capacity_mAh_g=1000.0, ice_pct=95.0),
            _row(row_id="b", material_id="m", ssa_m2_g=100.0)]
    # loss = 1000*(100/95-1) = 52.6 mAh/g -> SSA_max = 66 m2/g < 100
    (f,) = V.run_rules(rows)
    assert f.row_id == "b" and f.rule == "ssa_beyond_ice"
    assert math.isclose(V.max_ssa_for_ice_m2_g(1000.0, 95.0), 52.63 / 0.7942, rel_tol=1e-3)


@pytest.mark.parametrize("text", ["1/(", "g**", "@", "m2 g-1 x", "3 4", "furlongs"])
def test_unit_text_pint_cannot_read_is_wrong_not_an_exception(text):
    # pint raises PintError, tokenize.TokenError, ValueError or AssertionError for these
    assert V.ssa_unit_factor(text) == ("wrong", None)
