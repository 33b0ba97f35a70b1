"""Provenance: every JSON and report names the version, Python, dependencies, input and command."""

import hashlib
import json
import platform
from importlib import metadata

from clihelp import run

import alloypore
from alloypore.cell import example_spec
from alloypore.docs_pages import doc_text
from alloypore.provenance import provenance, recording_command, spec_hash, with_provenance


def test_block_names_version_python_dependencies_and_no_command_outside_the_cli():
    p = provenance()
    assert p["alloypore"] == alloypore.__version__
    assert p["python"] == platform.python_version()
    assert p["dependencies"]["numpy"] == metadata.version("numpy")
    assert p["dependencies"]["pydantic"] == metadata.version("pydantic")
    assert p["command"] is None  # a notebook or script: no command line
    assert p["created_utc"].endswith("Z")


def test_spec_hash_is_the_sha256_of_the_canonical_json_of_the_spec():
    spec = example_spec()
    canonical = json.dumps(spec.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    assert spec_hash(spec) == hashlib.sha256(canonical.encode()).hexdigest()
    assert spec_hash(spec.model_dump(mode="json")) == spec_hash(spec)  # a model or its dict: one hash
    other = spec.model_copy(update={"name": "another"})
    assert spec_hash(other) != spec_hash(spec)


def test_input_files_are_named_and_hashed(tmp_path):
    f = tmp_path / "iso.csv"
    f.write_bytes(b"p,n\n0.1,1\n")
    (rec,) = provenance(inputs=[f])["inputs"]
    assert rec == {"path": str(f), "sha256": hashlib.sha256(b"p,n\n0.1,1\n").hexdigest()}


def test_recording_command_is_scoped_and_with_provenance_leaves_lists_and_existing_blocks():
    with recording_command(["alloypore", "design", "x.toml"]):
        assert provenance()["command"] == "alloypore design x.toml"
    assert provenance()["command"] is None
    assert with_provenance([1, 2]) == [1, 2]
    assert with_provenance({"provenance": "kept"}) == {"provenance": "kept"}
    d = with_provenance({"spec": example_spec().model_dump(mode="json")})
    assert d["provenance"]["spec_sha256"] == spec_hash(example_spec())


def test_design_json_carries_the_command_and_the_spec_hash(capsys):
    code, out, _ = run(capsys, "design", "--json")
    assert code == 0
    prov = json.loads(out)["provenance"]
    assert prov["command"] == "alloypore design --json"
    assert prov["spec_sha256"] == spec_hash(example_spec())
    assert prov["alloypore"] == alloypore.__version__


def test_report_carries_provenance_and_links_the_shipped_model_page(capsys, tmp_path):
    code, _, _ = run(capsys, "design", "--out", str(tmp_path / "rep"))
    assert code == 0
    rep = tmp_path / "rep"
    prov = json.loads((rep / "result.json").read_text())["provenance"]
    assert prov["command"] == f"alloypore design --out {tmp_path / 'rep'}"
    assert prov["spec_sha256"] == spec_hash(example_spec())
    page = (rep / "report.html").read_text()
    assert "<h2>Provenance</h2>" in page and prov["spec_sha256"] in page and alloypore.__version__ in page
    assert 'href="model.md"' in page and "docs/model.md" not in page
    assert (rep / "model.md").read_text() == doc_text("model")  # the page shipped with the package
