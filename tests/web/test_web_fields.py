"""The Design page's inputs and uploads, without a browser (fast)."""

from __future__ import annotations

import tomllib

import pytest

from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design, example_spec, parse_spec
from alloypore.errors import AlloyporeError, DataFileError, SpecError
from alloypore.web.fields import (
    MAX_UPLOAD_BYTES,
    all_fields,
    error_field_key,
    field_key,
    phase_key,
    read_spec_upload,
    result_table,
    spec_from_state,
    spec_to_state,
    spec_toml,
    state_to_spec_dict,
    unit_from_name,
)


def test_every_spec_field_has_an_input_with_the_models_bounds():
    from alloypore.cell.spec import CellSpec
    from alloypore.electrode.spec import ElectrodeSpec
    from alloypore.particle.spec import ParticleSpec, PhaseSpec

    f = all_fields()
    assert {x.name for x in f["phase"]} == set(PhaseSpec.model_fields)
    assert {x.name for x in f["particle"]} == set(ParticleSpec.model_fields) - {"phases"}
    assert {x.name for x in f["electrode"]} == set(ElectrodeSpec.model_fields)
    assert {x.name for x in f["cell"]} == set(CellSpec.model_fields)
    por = {x.name: x for x in f["particle"]}["porosity"]
    # ParticleSpec: porosity ge=0, lt=1 -> closed below, open above
    assert (por.lo, por.lo_open, por.hi, por.hi_open) == (0.0, False, 1.0, True)
    assert por.range_text == "0 ≤ porosity < 1" and por.label.startswith("Porosity [–]")
    np_ratio = {x.name: x for x in f["cell"]}["np_ratio"]
    assert (np_ratio.lo, np_ratio.hi) == (1.0, 3.0)
    layers = {x.name: x for x in f["cell"]}["pouch_layers"]
    assert layers.kind == "int"
    cath = {x.name: x for x in f["cell"]}["cathode"]
    assert cath.kind == "choice" and "NMC811" in cath.choices and "LFP" in cath.choices


@pytest.mark.parametrize(
    "name, unit",
    [
        ("areal_capacity_mAh_cm2", "mAh/cm²"),
        ("capacity_mAh_g", "mAh/g"),
        ("loading_mg_cm2", "mg/cm²"),
        ("compaction_density_g_cm3", "g/cm³"),
        ("pore_volume_cm3_g", "cm³/g"),
        ("separator_thickness_um", "µm"),
        ("swelling_limit_pct", "%"),
        ("pouch_tab_mass_g", "g"),
        ("mass_anode_g_cm2", "g/cm²"),
        ("electrolyte_volume_cm3_cm2", "cm³/cm²"),
        ("volumetric_capacity_mAh_cm3", "mAh/cm³"),
        ("energy_density_Wh_L", "Wh/L"),
        ("cell_capacity_Ah", "Ah"),
        ("porosity", ""),
    ],
)
def test_unit_from_name_suffix(name, unit):
    assert unit_from_name(name) == unit


def test_state_round_trip_gives_the_same_spec_and_result():
    spec = example_spec()
    state = spec_to_state(spec)
    assert state[field_key("particle", "porosity")] == 0.5
    assert state[phase_key(0, "material")] == "Si"
    assert spec_from_state(state) == spec
    # TOML download reads back to the same spec
    assert parse_spec(tomllib.loads(spec_toml(spec))) == spec


def test_empty_optional_inputs_are_left_out_and_bad_values_give_the_cli_message():
    state = spec_to_state(example_spec())
    state[field_key("particle", "ssa_m2_g")] = None
    d = state_to_spec_dict(state)
    assert "ssa_m2_g" not in d["particle"] and d["particle"]["porosity"] == 0.5
    state[field_key("particle", "porosity")] = 1.2
    with pytest.raises(SpecError) as err:
        spec_from_state(state)
    assert str(err.value) == "particle.porosity = 1.2: allowed 0 <= porosity < 1"
    assert error_field_key(err.value) == field_key("particle", "porosity")


def test_error_field_key_of_a_phase():
    state = spec_to_state(example_spec())
    state[phase_key(1, "mass_fraction")] = -0.5
    with pytest.raises(SpecError) as err:
        spec_from_state(state)
    assert error_field_key(err.value) == phase_key(1, "mass_fraction")


def test_result_table_holds_every_number_of_the_json_to_6_digits():
    d = evaluate_design(example_spec()).to_dict()
    rows = {(r["section"], r["quantity"]): r["value"] for r in result_table(d)}
    for sec in ("particle", "electrode", "cell"):
        for k, v in d[sec].items():
            if isinstance(v, float):
                assert float(rows[(sec, k)]) == pytest.approx(v, rel=5e-6)


def test_read_spec_upload_accepts_the_example():
    assert read_spec_upload("x.toml", EXAMPLE_SPEC_TOML.encode()) == example_spec()


@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("spec.txt", b"name='x'", "wrong file type"),
        ("spec.toml", b"", "file is empty"),
        ("spec.toml", b"\xff\xfe\x00bad", "not a UTF-8 text file"),
        ("spec.toml", b"[particle\n", "malformed TOML"),
        ("spec.toml", b"name = 'no particle'\n", "particle"),
        ("spec.toml", b"x" * (MAX_UPLOAD_BYTES + 1), "the limit is"),
    ],
)
def test_bad_uploads_give_one_line_errors(name, data, fragment):
    with pytest.raises(AlloyporeError) as err:
        read_spec_upload(name, data)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_upload_errors_name_the_file():
    with pytest.raises(DataFileError) as err:
        read_spec_upload("mine.toml", b"[particle\n")
    assert str(err.value).startswith("mine.toml: malformed TOML")


def test_streamlit_command_binds_localhost_headless_without_telemetry():
    from alloypore.web.server import streamlit_command

    cmd = streamlit_command(8600)
    opts = dict(zip(cmd[5::2], cmd[6::2]))
    assert opts["--server.address"] == "127.0.0.1"
    assert opts["--server.port"] == "8600"
    assert opts["--server.headless"] == "true"
    assert opts["--browser.gatherUsageStats"] == "false"
    assert opts["--server.maxUploadSize"] == "5"
