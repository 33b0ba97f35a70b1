"""``alloypore materials`` and ``alloypore materials add``: the user materials file through the CLI.

The CLI resolves the user file from ``$ALLOYPORE_MATERIALS`` (else ~/.alloypore/materials.toml)
and hands it to the library; these tests set the variable as a user would.
"""

import json

import pytest

from alloypore.errors import AlloyporeError
from alloypore.materials import get_material, shipped_material_names, user_materials
from cifhelp import HEAD, SITES, li15si4_cif, si_cif
from clihelp import assert_refused, run


@pytest.fixture
def user_file(tmp_path, monkeypatch):
    f = tmp_path / "user_materials.toml"
    monkeypatch.setenv("ALLOYPORE_MATERIALS", str(f))
    return f


def test_add_then_design_uses_the_new_material(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, out, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "Si_cif",
                         "--potential", "0.40", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["file"] == str(user_file) and d["written"] and d["active"]
    assert d["capacity_mAh_g"] == pytest.approx(3579, rel=0.001)
    assert d["row"]["volume_expansion_pct"] == pytest.approx(280.8, abs=0.1)
    text = user_file.read_text()
    assert text.count("source = ") == 5 and "Si.cif" in text and "Li15Si4.cif" in text
    # listed by `alloypore materials`
    code, out, _ = run(capsys, "materials", "--json")
    names = [r["name"] for r in json.loads(out)]
    assert names[: len(shipped_material_names())] == shipped_material_names() and names[-1] == "Si_cif"
    # a spec with the new host runs through the design chain: same as the shipped Si within the mass difference
    spec = tmp_path / "spec.toml"
    run(capsys, "design", "--out", str(tmp_path / "rep"))
    base = (tmp_path / "rep" / "spec.toml").read_text()
    assert 'material = "Si"' in base
    spec.write_text(base.replace('material = "Si"', 'material = "Si_cif"'))
    code, out_new, err = run(capsys, "design", str(spec), "--json")
    assert code == 0, err
    code, out_old, _ = run(capsys, "design", str(tmp_path / "rep" / "spec.toml"), "--json")
    new, old = json.loads(out_new), json.loads(out_old)
    assert new["particle"]["capacity_mAh_g"] == pytest.approx(old["particle"]["capacity_mAh_g"], rel=1e-4)
    # energy from voltage curves (issue #16): the new host has no measured curve, so it runs on a
    # labelled straight-line proxy with its average potential; with the average-potential model
    # the two hosts give the same cell within the mass difference
    assert "PROXY" in new["cell"]["energy_basis"] and "Si_cif" in new["cell"]["energy_basis"]
    assert new["cell"]["energy_density_Wh_kg"] == pytest.approx(old["cell"]["energy_density_Wh_kg"], rel=0.02)
    for path in (spec, tmp_path / "rep" / "spec.toml"):
        path.write_text(path.read_text().replace('energy_model = "ocv"', 'energy_model = "average"'))
    new = json.loads(run(capsys, "design", str(spec), "--json")[1])
    old = json.loads(run(capsys, "design", str(tmp_path / "rep" / "spec.toml"), "--json")[1])
    assert new["spec"]["cell"]["energy_model"] == "average"
    assert new["cell"]["energy_density_Wh_kg"] == pytest.approx(old["cell"]["energy_density_Wh_kg"], rel=1e-3)


def test_shadowing_a_shipped_name_is_refused(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, _, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith))  # default name "Si"
    assert code == 2 and err.count("\n") == 1 and "shipped" in err
    assert not user_file.exists()
    # a hand-edited file that shadows a shipped name: every command fails with one line
    user_file.write_text('[[material]]\nname = "si"\nkind = "alloy"\nformula = "Si"\n'
                         'density_g_cm3 = { value = 2.0, source = "x" }\n')
    with pytest.raises(AlloyporeError, match="shipped"), user_materials(user_file):
        get_material("Ge")
    code, _, err = run(capsys, "materials")
    assert code == 2 and err.count("\n") == 1


def test_replace_and_duplicate(capsys, tmp_path, user_file):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    args = ["materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "SiX"]
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 2 and "--replace" in err
    li2 = li15si4_cif(tmp_path / "Li15Si4b.cif", a=10.6)
    code, out, _ = run(capsys, *args[:4], "--lithiated", str(li2), "--name", "SiX", "--replace", "--json")
    assert code == 0
    with user_materials(user_file):
        assert get_material("SiX").lithiated_molar_volume_cm3_mol == pytest.approx(10.6**3 / 16 * 0.602214076, rel=1e-8)
    assert user_file.read_text().count("[[material]]") == 1


@pytest.mark.parametrize("case", ["garbage", "no_cell", "only_li_host", "no_li", "other_host", "missing"])
def test_non_crystal_cif_exits_2_with_one_line(capsys, tmp_path, user_file, case):
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    bad = tmp_path / "bad.cif"
    if case == "garbage":
        bad.write_text("hello\nthis is not a crystal\n\x01\x02")
        host = bad
    elif case == "no_cell":
        bad.write_text("data_x\n_cell_length_a 5.0\n" + SITES + "Si1 Si 0 0 0 1\n")
        host = bad
    elif case == "only_li_host":
        bad.write_text(HEAD.format(name="Li", a=3.51, sg="I m -3 m", no=229) + SITES + "Li1 Li 0 0 0 1\n")
        host = bad
    elif case == "no_li":
        lith = si_cif(bad)
    elif case == "other_host":
        bad.write_text(HEAD.format(name="LiGe", a=6.0, sg="P m -3 m", no=221) + SITES + "Li1 Li 0 0 0 1\nGe1 Ge 0.5 0.5 0.5 1\n")
        lith = bad
    else:
        host = tmp_path / "nope.cif"
    code, out, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "X1")
    assert code == 2, (case, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert not user_file.exists()


def test_material_without_potential_is_refused_by_the_chain(capsys, tmp_path, user_file):
    # a CIF-derived host added without --potential cannot give a cell voltage: the chain says so in one line
    host, lith = si_cif(tmp_path / "Si.cif"), li15si4_cif(tmp_path / "Li15Si4.cif")
    code, _, err = run(capsys, "materials", "add", "--host", str(host), "--lithiated", str(lith), "--name", "Si_nov")
    assert code == 0, err
    spec = tmp_path / "spec.toml"
    spec.write_text('[particle]\nphases = [{material = "Si_nov", mass_fraction = 1.0}]\nporosity = 0.7\n')
    line = assert_refused(*run(capsys, "design", str(spec), "--json"), "particle.phases.0.material")
    assert "delithiation_potential_V" in line
