"""The bad-input corpus's machinery (tests/cli/test_bad_inputs*.py): input files and the one check.

Every case is a command line with placeholders:

* ``@name`` - a file of :func:`make_files` (good inputs, and broken ones: empty, binary
  garbage, malformed TOML/CSV/JSON/TIFF/CIF/zarr, NaN/inf rows, a 100k-character value ...);
* ``%name`` - a path inside the case's own empty working folder (outputs go there).

:func:`check_refused` runs the case in-process through the real entry point
(:func:`clihelp.run`) from that working folder and asserts the promise of issue #17: exit
status 2, exactly one line on stderr (``error: ...``, at most ~600 characters, every echoed
token at most ~80), no traceback, and nothing left behind - the working folder is still empty
and every input file is byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import tifffile

from alloypore.cell import EXAMPLE_SPEC_TOML
from cifhelp import li15si4_cif, si_cif
from clihelp import run
from evidencehelp import ISOTHERMS, bimodal_mip_table, dilute_spheres, t2_distribution, write_curve, write_t2

GARBAGE = bytes(range(256)) * 8 + b"\x00\xff\xfe" * 100


def _spec(path: Path, old: str = "", new: str = "", extra: str = "") -> Path:
    if old and old not in EXAMPLE_SPEC_TOML:  # the example changed: the case would test nothing
        raise AssertionError(f"{old!r} is not in the built-in example spec")
    text = EXAMPLE_SPEC_TOML.replace(old, new) if old else EXAMPLE_SPEC_TOML
    path.write_text(text + extra, "utf-8")
    return path


def _isotherm(path: Path, **changes) -> Path:
    d = json.loads((ISOTHERMS / "SiO2_N2_77K.json").read_text())
    d.update(changes)
    path.write_text(json.dumps(d))
    return path


def make_files(root: Path) -> dict[str, Path]:
    """Every input file of the corpus, in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    f: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> Path:
        p = root / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        f[name.replace(".", "_")] = p
        return p

    # design specs
    f["spec"] = _spec(root / "spec.toml")
    f["spec_unknown_key"] = _spec(root / "spec_unknown_key.toml", "ssa_m2_g = 5.0", "ssa_m2_g = 5.0\nporsity = 0.5")
    f["spec_unknown_value_key"] = _spec(root / "spec_unknown_value_key.toml", "ssa_m2_g = 5.0",
                                        'ssa_m2_g = 5.0\nmystery = "' + "v" * 5000 + '"')
    f["spec_porosity_high"] = _spec(root / "spec_porosity_high.toml", "porosity = 0.5 ", "porosity = 1.5 ")
    f["spec_porosity_nan"] = _spec(root / "spec_porosity_nan.toml", "porosity = 0.5 ", "porosity = nan ")
    f["spec_porosity_inf"] = _spec(root / "spec_porosity_inf.toml", "porosity = 0.5 ", "porosity = inf ")
    f["spec_porosity_text"] = _spec(root / "spec_porosity_text.toml", "porosity = 0.5 ", 'porosity = "half" ')
    f["spec_porosity_huge_text"] = _spec(root / "spec_porosity_huge_text.toml", "porosity = 0.5 ",
                                         'porosity = "' + "9" * 100_000 + '" ')
    f["spec_ssa_negative"] = _spec(root / "spec_ssa_negative.toml", "ssa_m2_g = 5.0", "ssa_m2_g = -10")
    f["spec_unknown_material"] = _spec(root / "spec_unknown_material.toml", 'material = "Si"', 'material = "Unobtainium"')
    f["spec_wrong_unit"] = _spec(root / "spec_wrong_unit.toml", "areal_capacity_mAh_cm2 = 4.0",
                                 'areal_capacity_mAh_cm2 = "4 kg"')
    f["spec_bad_unit"] = _spec(root / "spec_bad_unit.toml", "areal_capacity_mAh_cm2 = 4.0",
                               'areal_capacity_mAh_cm2 = "4 furlongs per fortnight"')
    f["spec_fractions"] = _spec(root / "spec_fractions.toml", "graphite_mass_fraction = 0.80", "graphite_mass_fraction = 0.95")
    f["spec_huge_number"] = _spec(root / "spec_huge_number.toml", "np_ratio = 1.1", "np_ratio = 1e308")
    f["spec_negative"] = _spec(root / "spec_negative.toml", "compaction_density_g_cm3 = 1.5", "compaction_density_g_cm3 = -1.5")
    f["spec_no_particle"] = put("spec_no_particle.toml", 'name = "x"\n[cell]\ncathode = "NMC811"\n')
    f["spec_unknown_cathode"] = _spec(root / "spec_unknown_cathode.toml", 'cathode = "NMC811"', 'cathode = "NMC999"')
    f["spec_unknown_section"] = _spec(root / "spec_unknown_section.toml", extra="\n[anode]\nx = 1\n")
    f["spec_wrong_type_section"] = put("spec_wrong_type_section.toml", 'particle = 3\n')
    put("malformed.toml", "[particle\nporosity = = 3\n")
    put("empty.toml", b"")
    put("garbage.toml", GARBAGE)
    put("latin1.toml", "name = 'caf\xe9'\n".encode("latin-1"))
    put("array_root.toml", "x = [1, 2,\n")
    (root / "folder.toml").mkdir(exist_ok=True)
    f["folder_toml"] = root / "folder.toml"
    (root / "dir").mkdir(exist_ok=True)
    f["dir"] = root / "dir"
    f["missing"] = root / "does-not-exist.toml"

    # isotherms
    f["iso"] = _isotherm(root / "iso.json")
    f["iso_neg_T"] = _isotherm(root / "iso_neg_T.json", temperature=-5.0)
    f["iso_zero_T"] = _isotherm(root / "iso_zero_T.json", temperature=0.0)
    put("iso_malformed.json", '{"material": "SiO2", "pressure": [0.1, 0.2')
    put("iso_empty_obj.json", "{}")
    put("iso_list.json", "[1, 2, 3]")
    put("iso_garbage.json", GARBAGE)
    put("iso_empty.json", b"")
    put("iso_text.csv", "pressure,loading\nabc,def\nghi,jkl\n")
    put("iso_one_point.csv", "pressure,loading\n0.1,1.0\n")
    put("iso.aif", "data_x\n_exptl_temperature 77\n")
    put("iso_garbage.xls", GARBAGE)

    # porosimetry, scattering, relaxometry tables
    f["mip"] = bimodal_mip_table(root / "mip.csv")
    put("mip_nan.csv", "pressure_MPa,intrusion_mL_g\n" + "\n".join(f"{0.01 * 1.2 ** k},{'nan' if k == 5 else k / 100}"
                                                                  for k in range(40)) + "\n")
    put("mip_text.csv", "pressure_MPa,intrusion_mL_g\nlow,none\nhigh,some\n")
    put("mip_one_row.csv", "pressure_MPa,intrusion_mL_g\n1,0.1\n")
    put("mip_no_header.csv", "1,2\n3,4\n5,6\n")
    put("mip_garbage.csv", GARBAGE)
    put("mip_empty.csv", b"")
    put("mip_negative.csv", "pressure_MPa,intrusion_mL_g\n" + "\n".join(f"{-1 - k},{k / 100}" for k in range(40)) + "\n")
    f["saxs"] = write_curve(root / "saxs.csv", dilute_spheres(0.1, 2.0))
    curve = (root / "saxs.csv").read_text().splitlines()
    put("saxs_inf.csv", "\n".join([curve[0]] + [r if k % 4 else r.split(",")[0] + ",inf" for k, r in enumerate(curve[1:])]))
    put("saxs_nan.csv", "\n".join([curve[0], curve[1].split(",")[0] + ",nan"] + curve[2:]))
    put("saxs_no_unit.csv", "\n".join(["q,I"] + curve[1:]))
    put("saxs_few.csv", "\n".join(curve[:5]))
    put("saxs_garbage.csv", GARBAGE)
    put("saxs_empty.csv", b"")
    put("saxs_three_cols.csv", "\n".join(["q_nm-1,I_cm-1,err"] + [r + ",1" for r in curve[1:]]))
    f["t2"] = write_t2(root / "t2.csv", t2_distribution(10.0))
    put("t2_garbage.csv", GARBAGE)
    put("t2_empty.csv", b"")
    put("t2_no_unit.csv", "\n".join(["T2,amplitude"] + (root / "t2.csv").read_text().splitlines()[1:]))
    put("t2_negative.csv", "T2_ms,amplitude\n" + "\n".join(f"{0.1 * 1.3 ** k},{-1.0}" for k in range(40)))
    put("t2_inf.csv", "T2_ms,amplitude\n" + "\n".join(f"{0.1 * 1.3 ** k},{'inf' if k == 3 else 1.0}" for k in range(40)))

    # volumes
    vol = np.ones((12, 12, 12), np.uint8)
    vol[4:8, 4:8, 4:8] = 0
    np.save(root / "vol.npy", vol)
    f["vol_npy"] = root / "vol.npy"
    grey = np.where(vol == 0, 30, 200).astype(np.uint8)
    tifffile.imwrite(root / "vol.tif", grey)
    f["vol_tif"] = root / "vol.tif"
    full = (root / "vol.tif").read_bytes()
    put("truncated.tif", full[: len(full) // 2])
    put("garbage.tif", GARBAGE)
    put("empty.tif", b"")
    np.save(root / "flat.npy", np.ones((12, 12), np.uint8))
    f["flat_npy"] = root / "flat.npy"
    nanvol = vol.astype(float)
    nanvol[0, 0, 0] = np.nan
    np.save(root / "nan.npy", nanvol)
    f["nan_npy"] = root / "nan.npy"
    np.save(root / "text.npy", np.array([["a", "b"], ["c", "d"]]))
    f["text_npy"] = root / "text.npy"
    put("garbage.npy", GARBAGE)
    put("vol.raw", grey.tobytes())
    put("garbage.npz", GARBAGE)
    (root / "garbage.zarr").mkdir(exist_ok=True)
    (root / "garbage.zarr" / "zarr.json").write_bytes(GARBAGE)
    f["garbage_zarr"] = root / "garbage.zarr"
    (root / "empty.zarr").mkdir(exist_ok=True)
    f["empty_zarr"] = root / "empty.zarr"
    (root / "empty_tiffs").mkdir(exist_ok=True)
    f["empty_tiffs"] = root / "empty_tiffs"
    np.save(root / "solid.npy", np.ones((8, 8, 8), np.uint8))
    f["solid_npy"] = root / "solid.npy"

    # crystal structures
    f["host_cif"] = si_cif(root / "Si.cif")
    f["lith_cif"] = li15si4_cif(root / "Li15Si4.cif")
    put("garbage.cif", GARBAGE)
    put("empty.cif", b"")
    put("text.cif", "this is not a crystal\n")
    put("nocell.cif", "data_x\n_symmetry_space_group_name_H-M 'P 1'\n")

    # pore profiles (characterize combine)
    from alloypore.characterization.profile import PoreProfile

    f["profile_a"] = put("profile_a.json", PoreProfile(porosity=0.3, source="density").to_json())
    f["profile_b"] = put("profile_b.json", PoreProfile(pore_volume_cm3_g=0.25, source="gas").to_json())
    put("profile_garbage.json", GARBAGE)
    put("profile_list.json", "[1, 2]")
    put("profile_bad_value.json", json.dumps({"porosity": 7, "source": "x"}))

    # literature rows, misc
    put("lit_garbage.csv", GARBAGE)
    put("lit_wrong_columns.csv", "a,b,c\n1,2,3\n")
    put("lit_empty.csv", b"")
    put("kernel_garbage.csv", GARBAGE)
    put("materials_bad.toml", "[[material]]\nname = 'X'\nkind = 'alloy'\n")
    put("notes.txt", "not a design\n")
    return f


def _digest(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs:
            out[str(Path(dirpath, name).relative_to(root)) + "/"] = "dir"
        for name in files:
            p = Path(dirpath, name)
            out[str(p.relative_to(root))] = hashlib.sha1(p.read_bytes()).hexdigest()
    return out


def expand(args, files: dict[str, Path], cwd: Path) -> list[str]:
    """``@file`` and ``%cwd-path`` placeholders -> real paths (also inside ``a=b`` / ``@f/x`` forms)."""
    out = []
    for a in args:
        a = str(a)
        if a.startswith("@"):
            key, _, rest = a[1:].partition("/")
            a = str(files[key]) + ("/" + rest if rest else "")
        elif a.startswith("%"):
            a = str(cwd / a[1:])
        out.append(a)
    return out


def check_refused(capsys, files: dict[str, Path], files_root: Path, cwd: Path, args, fragment: str | None = None):
    """Run the case and assert exit 2, one stderr line, no traceback, nothing left behind; return the line."""
    cwd.mkdir(exist_ok=True)
    argv = expand(args, files, cwd)
    before = _digest(files_root)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code, out, err = run(capsys, *argv)
    finally:
        os.chdir(old)
    lines = err.splitlines()
    assert "Traceback" not in err + out, err
    assert code == 2, f"exit {code} for {argv}: {err[-500:]} {out[-300:]}"
    assert len(lines) == 1, f"{len(lines)} stderr lines: {err[-800:]}"
    line = lines[0]
    assert line.startswith("error: ") and len(line) < 700, line
    assert max(len(w) for w in line.split()) <= 160, line  # echoed values are cut to ~80 (paths ~100)
    assert sorted(os.listdir(cwd)) == [], f"left behind in the working folder: {os.listdir(cwd)}"
    assert _digest(files_root) == before, "an input file was changed or a file was created beside the inputs"
    if os.environ.get("ALLOYPORE_CORPUS_LOG"):  # a reviewer's list of every line: ALLOYPORE_CORPUS_LOG=file
        with open(os.environ["ALLOYPORE_CORPUS_LOG"], "a") as fh:
            fh.write(" ".join(args) + "\n    " + line + "\n")
    if fragment is not None:
        assert fragment in line, line
    return line


# ---------------------------------------------------------------------------- fixtures
import pytest  # noqa: E402  (the fixtures below are imported by the corpus modules)

#: A valid invocation of every command (the corpus adds one bad thing to it).
BASE = {
    "materials": ["materials"],
    "materials add": ["materials", "add", "--host", "@host_cif", "--lithiated", "@lith_cif", "--name", "SiCIF",
                      "--file", "%materials.toml", "--dry-run"],
    "design": ["design"],
    "pressure": ["pressure"],
    "sweep": ["sweep", "--vary", "particle.porosity=0.3:0.5:3"],
    "optimize": ["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.3:0.6"],
    "study blend-swelling": ["study", "blend-swelling"],
    "study closed-pores": ["study", "closed-pores"],
    "study required-porosity": ["study", "required-porosity"],
    "study liquid-vs-solid": ["study", "liquid-vs-solid"],
    "study capacity-optimum": ["study", "capacity-optimum", "--points", "3"],
    "study closed-pores-dosage": ["study", "closed-pores-dosage", "--points", "3"],
    "characterize isotherm": ["characterize", "isotherm", "@iso"],
    "characterize mip": ["characterize", "mip", "@mip"],
    "characterize density": ["characterize", "density", "--helium-density", "1.8", "--open-pore-volume", "0.3",
                             "--composition", "Si=0.5,amorphous_carbon=0.5"],
    "characterize saxs": ["characterize", "saxs", "@saxs"],
    "characterize sans": ["characterize", "sans", "--solid", "Si"],
    "characterize nmr": ["characterize", "nmr", "@t2", "--relaxivity", "5"],
    "characterize combine": ["characterize", "combine", "@profile_a", "@profile_b"],
    "image analyze": ["image", "analyze", "@vol_tif", "--voxel-size", "20nm"],
    "image tortuosity": ["image", "tortuosity", "@vol_npy"],
    "image evolution": ["image", "evolution", "@vol_tif", "@vol_tif", "--voxel-size", "20nm"],
    "stress core-shell": ["stress", "core-shell", "--core-radius-nm", "50", "--shell-thickness-nm", "10",
                          "--eigenstrain", "0.01"],
    "stress sphere": ["stress", "sphere"],
    "stress shell-optimum": ["stress", "shell-optimum"],
    "stress pore-cell": ["stress", "pore-cell", "--cell-size-nm", "100", "--pore-radius-nm", "30"],
    "stress pore-rve": ["stress", "pore-rve", "--cell-size-nm", "100", "--pore-radius-nm", "30", "--n", "2"],
    "stress voxel": ["stress", "voxel", "@vol_npy"],
    "stress contact": ["stress", "contact"],
    "literature list": ["literature", "list"],
    "literature check": ["literature", "check"],
    "literature correlate": ["literature", "correlate", "--n-boot", "200"],
    "literature compare": ["literature", "compare", "@spec"],
    "synthesize top-down": ["synthesize", "top-down", "--si-wt-pct", "12"],
    "synthesize transcription": ["synthesize", "transcription", "--template-pore-volume-cm3-g", "1"],
    "synthesize bottom-up": ["synthesize", "bottom-up"],
    "synthesize advise": ["synthesize", "advise", "--material", "Si"],
    "cycle": ["cycle"],
    "web": ["web"],
}


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus-inputs")
    return root, make_files(root)


@pytest.fixture
def refused(capsys, corpus_files, tmp_path, monkeypatch):
    """``refused(args, fragment=None)``: run a corpus case and check the promise (see the module doc)."""
    root, files = corpus_files
    monkeypatch.setenv("ALLOYPORE_MATERIALS", "")  # no user materials file is read or written

    def go(args, fragment=None):
        return check_refused(capsys, files, root, tmp_path / "cwd", args, fragment)

    return go
