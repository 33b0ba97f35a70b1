"""``alloypore materials add`` as one library call: two CIFs -> a new row in a user materials file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from alloypore._io import atomic_write_text, check_output, file_lock
from alloypore.errors import DataFileError, InputError
from alloypore.materials.cif import CIFMaterial, material_from_cifs, render_material_toml, user_file_text
from alloypore.materials.lookup import active_user_materials_path, get_material
from alloypore.materials.user import USER_MATERIALS_ENV

__all__ = ["add_material_from_cifs"]


def add_material_from_cifs(
    host: str | os.PathLike,
    lithiated: str | os.PathLike,
    path: str | os.PathLike | None,
    *,
    name: str | None = None,
    potential_V: float | None = None,
    potential_source: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> tuple[CIFMaterial, dict]:
    """Compute a host from two CIFs and add its row to the user materials file ``path``.

    Returns the :class:`~alloypore.materials.cif.CIFMaterial` and a summary dict (its
    :meth:`~alloypore.materials.cif.CIFMaterial.summary` plus ``delithiation_potential_V``,
    ``file``, ``written``, ``active`` — whether ``path`` is the user file the face activated —
    and, when written to the active file, ``row``: the material as the chain now sees it).

    Raises
    ------
    InputError
        No ``path``; a shipped or (without ``replace``) existing name; a potential out of range.
    DataFileError
        A CIF that is not a crystal, or an existing user file that does not load.
    """
    cm = material_from_cifs(host, lithiated, name)
    if path is None:
        raise InputError("file", None, f"give --file or set {USER_MATERIALS_ENV} to a path")
    path = Path(path).expanduser()
    if not dry_run:
        check_output(path, flag="--file", kind="file", force=True, make_parents=True)
    row = render_material_toml(cm, delithiation_potential_V=potential_V, potential_source=potential_source)
    # read-modify-write under a lock: two `materials add` at once both land, one after the other
    with contextlib.nullcontext() if dry_run else file_lock(path, flag="--file"):
        existing = None
        if path.exists():
            if not path.is_file():
                raise DataFileError(path, "user materials file is not a regular file")
            try:
                existing = path.read_text("utf-8")
            except UnicodeDecodeError:
                raise DataFileError(path, "user materials file is not UTF-8 text (a TOML file of [[material]] rows)") from None
        text = user_file_text(existing, row, cm.name, replace=replace, origin=path)
        if not dry_run:
            atomic_write_text(path, text, flag="--file", make_parents=True)
    result = cm.summary()
    result["delithiation_potential_V"] = potential_V
    if potential_V is None:
        result["notes"].append("no --potential: the design chain takes 0 V vs Li for this host, which overestimates cell energy")
    result["file"] = str(path)
    result["written"] = not dry_run
    active_file = active_user_materials_path()
    result["active"] = active_file is not None and active_file.expanduser().resolve() == path.resolve()
    if result["written"] and result["active"]:
        result["row"] = get_material(cm.name).to_row()
    return cm, result
