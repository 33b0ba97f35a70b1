"""Which materials table the chain looks names up in, and the lookups themselves.

The chain (particle, electrode and cell specs, the models) looks materials up by name with
:func:`get_material`.  By default that is the shipped table.  A face (the CLI, the web app)
that lets its user keep a materials file activates it explicitly, once::

    from alloypore.materials import use_user_materials, user_materials_path
    use_user_materials(user_materials_path(os.environ))

or for one block with ``with user_materials(path): ...``.  The library itself never reads
the environment and never merges a file it was not given.  Every lookup also takes a
``table=`` (a :class:`~alloypore.materials.table.MaterialsTable`) to bypass the active one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from alloypore.materials.material import Material
from alloypore.materials.table import MaterialsTable, shipped_table
from alloypore.materials.user import table_with_user_file

__all__ = [
    "use_user_materials",
    "user_materials",
    "active_user_materials_path",
    "active_table",
    "get_material",
    "material_names",
    "list_materials",
    "shipped_material_names",
    "true_density_g_cm3",
]

# The user file a face activated (None: the shipped table only).  Set only through
# use_user_materials / user_materials; the file is read (and re-read when it changes) on lookup.
_active_user_file: Path | None = None


def use_user_materials(path: str | os.PathLike | None) -> Path | None:
    """Make the rows of the user file ``path`` visible to every lookup (None: shipped table only).

    Called by a face once it has decided which file is its user's.  The file need not exist
    yet (``materials add`` creates it); it is read on lookup.  Returns the previous path.
    """
    global _active_user_file
    previous = _active_user_file
    _active_user_file = None if path is None else Path(path).expanduser()
    return previous


@contextlib.contextmanager
def user_materials(path: str | os.PathLike | None) -> Iterator[Path | None]:
    """:func:`use_user_materials` for the duration of a block (the previous file afterwards)."""
    previous = use_user_materials(path)
    try:
        yield _active_user_file
    finally:
        use_user_materials(previous)


def active_user_materials_path() -> Path | None:
    """The user file a face activated, or None."""
    return _active_user_file


def active_table() -> MaterialsTable:
    """The shipped table plus the rows of the active user file (if any)."""
    return table_with_user_file(_active_user_file)


def _table(table: MaterialsTable | None) -> MaterialsTable:
    return active_table() if table is None else table


def get_material(name: str, *, field: str = "material", table: MaterialsTable | None = None) -> Material:
    """Look a material up by name (case-insensitive); raise SpecError naming ``field`` if unknown."""
    return _table(table).lookup(name, field=field)


def material_names(table: MaterialsTable | None = None) -> list[str]:
    """Names of all materials (shipped, then the user file's), in table order."""
    return _table(table).names()


def list_materials(table: MaterialsTable | None = None) -> list[Material]:
    """All materials (shipped, then the user file's), in table order."""
    return _table(table).materials()


def shipped_material_names() -> list[str]:
    """Names of the materials shipped with alloypore, in table order."""
    return shipped_table().names()


def true_density_g_cm3(
    composition: Mapping[str, float], *, field: str = "composition", table: MaterialsTable | None = None
) -> float:
    """True (pore-free) density ``1 / sum(w_i / rho_i)`` of a mixture (see :class:`MaterialsTable`)."""
    return _table(table).true_density_g_cm3(composition, field=field)
