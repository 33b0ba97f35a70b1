"""Hypothesis fuzzing of the spec loader and of every file reader (issue #17, "Done when").

Whatever bytes a user's file holds, a reader returns its data or raises the package's one-line
:class:`~alloypore.errors.AlloyporeError` - never another exception, never a multi-line message.
Random bytes, random text, and mutations of a valid file (a few bytes flipped, cut short) are
tried on: the design spec loader (and the web upload), the user materials file, the pore
profile, the isotherm (every suffix), MIP, SAXS/SANS, NMR, literature rows, CIF, the volume
reader (TIFF, npy, raw) and the voxel label image.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import tifffile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alloypore.cell import EXAMPLE_SPEC_TOML, load_spec
from alloypore.characterization.isotherm import load_isotherm
from alloypore.characterization.mip import read_mip_csv
from alloypore.characterization.nmr import read_relaxation_distribution
from alloypore.characterization.profile import read_profile
from alloypore.characterization.saxs import read_saxs_table
from alloypore.errors import AlloyporeError
from alloypore.imaging.io import load_volume
from alloypore.literature.dataset import read_rows_csv
from alloypore.materials.cif import read_cif_cell
from alloypore.materials.user import load_user_materials
from alloypore.mechanics.voxel import read_label_image
from alloypore.web.fields import read_spec_upload
from cifhelp import si_cif
from evidencehelp import ISOTHERMS, bimodal_mip_table, dilute_spheres, t2_distribution, write_curve, write_t2

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow], derandomize=True)


def _accepts_or_one_line(read, path: Path) -> None:
    """``read(path)`` either works or raises a one-line AlloyporeError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            read(path)
        except AlloyporeError as err:
            assert "\n" not in str(err) and str(err).strip()


def _mutate(good: bytes, data) -> bytes:
    """A valid file with some bytes flipped, inserted or the tail cut off."""
    b = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8))):
        if not b:
            break
        i = data.draw(st.integers(0, len(b) - 1))
        kind = data.draw(st.sampled_from(["flip", "insert", "cut"]))
        if kind == "flip":
            b[i] = data.draw(st.integers(0, 255))
        elif kind == "insert":
            b[i:i] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del b[i:]
    return bytes(b)


# name -> (suffix, reader, a valid file's bytes maker)
def _mip(tmp):
    return bimodal_mip_table(tmp / "m.csv").read_bytes()


def _saxs(tmp):
    return write_curve(tmp / "s.csv", dilute_spheres(0.1, 2.0)).read_bytes()


def _t2(tmp):
    return write_t2(tmp / "t.csv", t2_distribution(10.0)).read_bytes()


def _tif(tmp):
    v = np.where(np.indices((8, 8, 8)).sum(0) % 3 == 0, 30, 200).astype(np.uint8)
    tifffile.imwrite(tmp / "v.tif", v)
    return (tmp / "v.tif").read_bytes()


def _npy(tmp):
    np.save(tmp / "v.npy", (np.indices((6, 6, 6)).sum(0) % 2).astype(np.uint8))
    return (tmp / "v.npy").read_bytes()


READERS = {
    "spec": (".toml", load_spec, lambda tmp: EXAMPLE_SPEC_TOML.encode()),
    "web upload": (".toml", lambda p: read_spec_upload(p.name, p.read_bytes()), lambda tmp: EXAMPLE_SPEC_TOML.encode()),
    "user materials": (".toml", load_user_materials, lambda tmp: (
        b'[[material]]\nname = "Zn_user"\nkind = "alloy"\nformula = "Zn"\n'
        b'density_g_cm3 = { value = 7.14, source = "test" }\n')),
    "pore profile": (".json", read_profile, lambda tmp: json.dumps({"porosity": 0.3, "source": "x"}).encode()),
    "isotherm json": (".json", load_isotherm, lambda tmp: (ISOTHERMS / "SiO2_N2_77K.json").read_bytes()),
    "isotherm csv": (".csv", load_isotherm, lambda tmp: b"pressure,loading\n0.1,1\n0.2,2\n"),
    "isotherm aif": (".aif", load_isotherm, lambda tmp: b"data_x\n_exptl_temperature 77\n"),
    "isotherm xls": (".xls", load_isotherm, lambda tmp: (ISOTHERMS / "Sample_A.xls").read_bytes()),
    "mip": (".csv", read_mip_csv, _mip),
    "saxs": (".csv", read_saxs_table, _saxs),
    "nmr": (".csv", read_relaxation_distribution, _t2),
    "literature rows": (".csv", read_rows_csv, lambda tmp: b"row_id,material\n1,Si\n"),
    "cif": (".cif", read_cif_cell, lambda tmp: si_cif(tmp / "Si.cif").read_bytes()),
    "volume tif": (".tif", load_volume, _tif),
    "volume npy": (".npy", load_volume, _npy),
    "volume raw": (".raw", lambda p: load_volume(p, shape=(8, 8, 8), dtype="uint8"), lambda tmp: bytes(512)),
    "label image": (".npy", read_label_image, _npy),
}


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(name, data, tmp_path_factory):
    suffix, read, _ = READERS[name]
    p = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    p.write_bytes(data)
    _accepts_or_one_line(read, p)


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_valid_file(name, data, tmp_path_factory):
    suffix, read, good = READERS[name]
    tmp = tmp_path_factory.mktemp("fuzz")
    p = tmp / f"mutated{suffix}"
    p.write_bytes(_mutate(good(tmp), data))
    _accepts_or_one_line(read, p)


# the spec loader on TOML-shaped text: keys and values of any kind where the spec has numbers
VALUES = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30),
                   st.text(max_size=40), st.booleans(), st.lists(st.integers(), max_size=3))
KEYS = st.sampled_from(["porosity", "closed_pore_fraction", "ssa_m2_g", "primary_particle_size_nm", "porsity",
                        "areal_capacity_mAh_cm2", "np_ratio", "compaction_density_g_cm3", "cathode", "phases", ""])
SECTIONS = st.sampled_from(["particle", "electrode", "cell"])


@FUZZ
@given(section=SECTIONS, key=KEYS, value=VALUES)
def test_spec_loader_on_any_value_of_any_key(section, key, value, tmp_path_factory):
    import tomli_w

    spec = __import__("tomllib").loads(EXAMPLE_SPEC_TOML)
    spec.setdefault(section, {})[key] = value
    p = tmp_path_factory.mktemp("fuzz") / "spec.toml"
    try:
        p.write_text(tomli_w.dumps(spec))
    except (TypeError, ValueError):
        return  # not representable in TOML (e.g. NaN keys); nothing a user could write
    _accepts_or_one_line(load_spec, p)
