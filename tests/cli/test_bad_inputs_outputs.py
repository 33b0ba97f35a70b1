"""Bad-input corpus, part 2: output paths of every command that writes (issue #17, "Tracebacks on
27 output paths").

``--out``/``--plots`` (a folder of outputs) and ``--emit-spec``/``materials add --file`` (one
file) inside a missing folder, under a file, onto an existing file or folder, in a folder that
cannot be written, or empty: one line naming the flag and the path, exit 2, and nothing created
- the folder check runs before the work (:func:`alloypore._io.check_output`).
"""

from __future__ import annotations

import pytest

from badinputs import BASE, corpus_files, refused  # noqa: F401  (fixtures)

#: Commands with a folder of outputs, and the flag.
DIR_OUT = [(c, "--out") for c in (
    "design", "pressure", "sweep", "optimize", "study blend-swelling", "study closed-pores", "study required-porosity",
    "study liquid-vs-solid", "study capacity-optimum", "study closed-pores-dosage", "characterize combine",
    "characterize isotherm", "characterize mip", "characterize density", "characterize saxs",
    "characterize sans", "characterize nmr", "image analyze", "image tortuosity", "image evolution",
    "stress core-shell", "stress sphere", "stress shell-optimum", "stress pore-cell", "stress pore-rve",
    "stress voxel", "stress contact", "cycle")] + [("literature correlate", "--plots"), ("literature compare", "--plots")]

#: Commands that write one file, and the flag.
FILE_OUT = [("characterize isotherm", "--emit-spec"), ("characterize mip", "--emit-spec"),
            ("characterize density", "--emit-spec"), ("image analyze", "--emit-spec"),
            ("characterize isotherm", "--profile-out"), ("characterize density", "--profile-out"),
            ("characterize saxs", "--profile-out"), ("characterize combine", "--profile-out"),
            ("characterize combine", "--emit-spec"), ("image analyze", "--profile-out"), ("cycle", "--bpx"),
            ("synthesize top-down", "--emit-spec"), ("synthesize transcription", "--emit-spec"),
            ("synthesize bottom-up", "--emit-spec")]

DIR_CASES = {
    "missing-folder": ("%nope/out", "does not exist"),
    "parent-is-a-file": ("@spec/out", "is a file, not a folder"),
    "target-is-a-file": ("@spec", "exists and is a file"),
    "folder-not-writable": ("/proc/self/alloypore-out", "not writable"),
    "empty-path": ("", "an empty value"),
}
FILE_CASES = {
    "missing-folder": ("%nope/x.toml", "does not exist"),
    "parent-is-a-file": ("@spec/x.toml", "is a file, not a folder"),
    "existing-full-spec": ("@spec", "full design spec"),
    "target-is-a-folder": ("@dir", "is a folder"),
    "folder-not-writable": ("/proc/self/x.toml", "not writable"),
    "existing-file": ("@notes_txt", "exists; choose another name or add --force"),
}


def _ids(pairs):
    return [f"{c}{f}" for c, f in pairs]


@pytest.mark.parametrize("case", sorted(DIR_CASES))
@pytest.mark.parametrize("command, flag", DIR_OUT, ids=_ids(DIR_OUT))
def test_folder_output(refused, command, flag, case):
    target, fragment = DIR_CASES[case]
    line = refused(BASE[command] + [flag, target], fragment)
    assert line.startswith(f"error: {flag} "), line


@pytest.mark.parametrize("case", sorted(FILE_CASES))
@pytest.mark.parametrize("command, flag", FILE_OUT, ids=_ids(FILE_OUT))
def test_file_output(refused, command, flag, case):
    target, fragment = FILE_CASES[case]
    line = refused(BASE[command] + [flag, target], fragment)
    assert line.startswith(f"error: {flag} "), line


@pytest.mark.parametrize("target, fragment", [
    ("%nope/materials.toml", "does not exist"),
    ("@spec/materials.toml", "is a file, not a folder"),
    ("@dir", "is a folder"),
    ("/proc/self/materials.toml", "not writable"),
    ("@garbage_toml", "garbage.toml"),
    ("@materials_bad_toml", "materials_bad.toml"),
])
def test_materials_add_file(refused, target, fragment):
    args = BASE["materials add"][:-3]  # less --file %materials.toml --dry-run
    refused(args + ["--file", target], fragment)


@pytest.mark.parametrize("flag, target, fragment", [
    ("--labels", "%nope/labels.tif", "does not exist"),
    ("--labels", "@spec", "exists"),
    ("--labels", "@dir", "is a folder"),
    ("--thickness", "@spec/t.tif", "is a file, not a folder"),
    ("--labels", "@spec/l.zarr", "is a file, not a folder"),
    ("--labels", "%labels.png", "--labels"),
])
def test_image_volume_outputs(refused, flag, target, fragment):
    refused(BASE["image analyze"] + [flag, target], fragment)


def test_materials_add_without_a_user_file(refused):
    refused(BASE["materials add"][:-3], "--file")  # ALLOYPORE_MATERIALS is empty: no user file


def test_write_fails_after_the_check_is_one_line(refused):
    """A folder that passes the check but refuses the write (sysfs as root; elsewhere refused at the check)."""
    refused(["design", "--out", "/sys/alloypore-out"], "--out /sys/alloypore-out")


def test_emit_spec_refuses_to_overwrite_a_full_design_spec(refused, corpus_files):
    """The issue's case: --emit-spec over a full design spec with a particle-only file (without --force)."""
    line = refused(["characterize", "density", "--helium-density", "1.8", "--open-pore-volume", "0.3",
                    "--composition", "Si=0.5,amorphous_carbon=0.5", "--emit-spec", "@spec"])
    assert "full design spec" in line and "--force" in line


@pytest.mark.parametrize("study", ["blend-swelling", "closed-pores", "required-porosity", "liquid-vs-solid",
                                   "capacity-optimum", "closed-pores-dosage"])
def test_study_with_only_json_writes_nothing_into_the_current_folder(capsys, tmp_path, monkeypatch, study):
    """Before: ``study ... --json`` wrote ./alloypore-study-* even though only JSON was asked for."""
    import json

    from clihelp import run

    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "study", study, "--json")
    assert code == 0, err
    assert json.loads(out)["files"] == {} and list(tmp_path.iterdir()) == []


def test_written_files_are_0644_and_folders_0755(capsys, tmp_path):
    """Before: PNGs were written 0600 (mkstemp); now every output is readable by the group and others."""
    import stat

    from alloypore._io import _umask
    from clihelp import run

    code, _, err = run(capsys, "stress", "sphere", "--out", str(tmp_path / "o"))
    assert code == 0, err
    out = tmp_path / "o"
    assert stat.S_IMODE(out.stat().st_mode) == 0o755 & ~_umask()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert "sphere_profiles.png" in modes and set(modes.values()) == {0o644 & ~_umask()}


def test_emit_spec_with_force_replaces_the_file(capsys, tmp_path):
    from clihelp import run

    spec = tmp_path / "particle.toml"
    spec.write_text("old\n")
    args = ["characterize", "density", "--helium-density", "1.8", "--open-pore-volume", "0.3",
            "--composition", "Si=0.5,amorphous_carbon=0.5", "--emit-spec", str(spec)]
    code, _, err = run(capsys, *args)
    assert code == 2 and "--force" in err and spec.read_text() == "old\n"
    code, _, err = run(capsys, *args, "--force")
    assert code == 0, err
    assert "[particle]" in spec.read_text()
