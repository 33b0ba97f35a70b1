"""The user materials file: rows in the shipped table's format, appended to the shipped table.

A user file holds ``[[material]]`` rows in the format of ``data/materials.toml`` (written
by ``alloypore materials add`` from two CIF files, see :mod:`alloypore.materials.cif`, or by
hand).  A user row may not carry the name of a shipped material (case-insensitive) nor
repeat a name.

The library never decides by itself which file is the user's: a face (the CLI, the web
app) resolves it with :func:`user_materials_path` from the environment it is given
(``$ALLOYPORE_MATERIALS``, an empty value switching user materials off, else
``~/.alloypore/materials.toml``) and activates it with
:func:`alloypore.materials.lookup.use_user_materials`.  :func:`table_with_user_file` is
cached on the file's path, modification time and size, so a changed file is read again.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from alloypore.errors import DataFileError
from alloypore.materials.material import KINDS, Material
from alloypore.materials.table import MaterialsTable, material_from_row, shipped_table

__all__ = [
    "USER_MATERIALS_ENV",
    "user_materials_path",
    "parse_material_rows",
    "load_user_materials",
    "table_with_user_file",
]

#: Environment variable naming the user materials file (empty: no user file); read by the faces.
USER_MATERIALS_ENV = "ALLOYPORE_MATERIALS"


def user_materials_path(environ: Mapping[str, str], home: str | os.PathLike | None = None) -> Path | None:
    """The user materials file a face should activate: ``environ[ALLOYPORE_MATERIALS]`` if set
    (an empty value: none), else ``HOME/.alloypore/materials.toml``.  The file need not exist.

    ``environ`` is passed by the face (``os.environ``); ``home`` defaults to the user's home
    directory (None when there is none).
    """
    env = environ.get(USER_MATERIALS_ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    if home is None:
        try:
            home = Path.home()
        except RuntimeError:  # no home directory
            return None
    return Path(home) / ".alloypore" / "materials.toml"


def _check_row(row: dict, i: int, origin: object, shipped: dict[str, str], seen: dict[str, Material]) -> str:
    """The row's name, after the checks that come before parsing its numbers."""
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(origin, f"material #{i + 1} has no name")
    where = f"material {name!r}"
    if name.lower() in shipped:
        raise DataFileError(origin, f"{where} has the name of a shipped material ({shipped[name.lower()]}); rename it")
    if name.lower() in {k.lower() for k in seen}:
        raise DataFileError(origin, f"{where} appears twice")
    if row.get("kind") not in KINDS:
        raise DataFileError(origin, f"{where}: kind = {row.get('kind')!r}; allowed {', '.join(KINDS)}")
    for key in ("formula", "density_g_cm3"):
        if key not in row:
            raise DataFileError(origin, f"{where} needs {key}")
    return name


def _check_numbers(m: Material, origin: object) -> None:
    where = f"material {m.name!r}"
    if not (0.0 < m.density_g_cm3 < 30.0):
        raise DataFileError(origin, f"{where}: density_g_cm3 = {m.density_g_cm3:g}; allowed 0 < density < 30")
    for attr in ("molar_mass_g_mol", "li_per_host", "lithiated_molar_volume_cm3_mol"):
        v = getattr(m, attr)
        if v is not None and not v > 0:
            raise DataFileError(origin, f"{where}: {attr} = {v:g}; allowed > 0")


def parse_material_rows(text: str, origin: str | os.PathLike) -> dict[str, Material]:
    """Parse the TOML text of a user materials file into materials (name -> Material).

    Checks what the loader needs (name, kind, formula, density with a source, numbers
    where numbers belong) and that no name is a shipped one or repeated.

    Raises
    ------
    DataFileError
        One line naming ``origin`` and the problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(origin, f"not valid TOML ({err})") from None
    rows = data.get("material", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise DataFileError(origin, "materials must be [[material]] tables")
    shipped = {k.lower(): k for k in shipped_table()}
    out: dict[str, Material] = {}
    for i, row in enumerate(rows):
        name = _check_row(row, i, origin, shipped, out)
        m = material_from_row(row, origin)
        _check_numbers(m, origin)
        out[name] = m
    return out


def load_user_materials(path: str | os.PathLike) -> dict[str, Material]:
    """Read and check one user materials file (empty dict if it does not exist)."""
    p = Path(path)
    if not p.exists():
        return {}
    if not p.is_file():
        raise DataFileError(p, "user materials file is not a regular file")
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(p, f"cannot read the user materials file ({err})") from None
    return parse_material_rows(text, p)


@lru_cache(maxsize=8)
def _with_user_rows(path: str, mtime_ns: int, size: int) -> MaterialsTable:
    return MaterialsTable({**shipped_table(), **load_user_materials(path)})


def table_with_user_file(path: str | os.PathLike | None) -> MaterialsTable:
    """The shipped table followed by the rows of the user file ``path`` (None or a missing
    file: the shipped table).  Cached on the file's path, modification time and size."""
    if path is None:
        return shipped_table()
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return shipped_table()
    except OSError as err:
        raise DataFileError(p, f"cannot read the user materials file ({err.strerror})") from None
    return _with_user_rows(str(p), st.st_mtime_ns, st.st_size)
