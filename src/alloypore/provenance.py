"""Provenance: what made an output (version, Python, key dependencies, inputs, command).

Every JSON that alloypore prints or writes, and every report, carries the block that
:func:`provenance` returns under the key ``"provenance"``, so a number in a paper's
supplementary file can be traced to the tool, the versions and the input that made it::

    {"alloypore": "0.2.0", "python": "3.11.7", "platform": "Linux-...",
     "dependencies": {"numpy": "2.4.6", "scipy": "1.16.1", ...},
     "command": "alloypore design my.toml --json",
     "spec_sha256": "3f1c...", "inputs": [{"path": "iso.csv", "sha256": "..."}],
     "created_utc": "2026-11-02T10:15:00Z",
     "citations": ["Sulzer2021", ...]}          # PyBaMM's, when PyBaMM ran

``command`` is the command line of the current ``alloypore`` run (the CLI sets it with
:func:`recording_command` for the duration of the run; a context variable, so nothing
process-wide changes), else ``None`` (a notebook or script).  ``spec_sha256`` hashes the
canonical JSON of the spec (sorted keys), so the same design gives the same hash whichever
file or dict it came from.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import hashlib
import json
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from alloypore._version import __version__

__all__ = ["KEY_DEPENDENCIES", "provenance", "recording_command", "spec_hash", "with_provenance"]

#: Distributions whose versions change numbers in outputs (those installed are listed).
KEY_DEPENDENCIES = (
    "numpy", "scipy", "pydantic", "pint", "pandas", "matplotlib", "scikit-image", "pygaps",
    "scikit-fem", "dask", "zarr", "pybamm", "bpx",
)

_COMMAND: contextvars.ContextVar[str | None] = contextvars.ContextVar("alloypore_command", default=None)
_VERSIONS: dict[str, str] | None = None


@contextlib.contextmanager
def recording_command(argv: Sequence[str]) -> Iterator[None]:
    """Record ``argv`` (``["alloypore", "design", ...]``) as the command of outputs made inside."""
    token = _COMMAND.set(" ".join(str(a) for a in argv))
    try:
        yield
    finally:
        _COMMAND.reset(token)


def dependency_versions() -> dict[str, str]:
    """Installed versions of :data:`KEY_DEPENDENCIES` (read once per process)."""
    global _VERSIONS
    if _VERSIONS is None:
        found = {}
        for name in KEY_DEPENDENCIES:
            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        _VERSIONS = found
    return dict(_VERSIONS)


def spec_hash(spec: Any) -> str:
    """SHA-256 of the canonical JSON of a spec (a pydantic model or a mapping)."""
    data = spec.model_dump(mode="json") if hasattr(spec, "model_dump") else spec
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _input_record(path: str | Path) -> dict:
    p = Path(path)
    if p.is_file():
        return {"path": str(p), "sha256": _file_hash(p)}
    return {"path": str(p)}  # a folder (TIFF stack, zarr store) or a URL: named, not hashed


def _pybamm_citations() -> list[str]:
    pybamm = sys.modules.get("pybamm")  # only if this process ran PyBaMM; never imports it
    cites = getattr(pybamm, "citations", None)
    # PyBaMM's own record of what it ran: known keys, and keys it could not look up without pybtex
    keys = set(getattr(cites, "_papers_to_cite", None) or ()) | set(getattr(cites, "_unknown_citations", None) or ())
    return sorted(str(k) for k in keys)


def provenance(*, spec: Any = None, inputs: Sequence[str | Path] = (), command: str | None = None) -> dict:
    """The provenance block of an output.

    Parameters
    ----------
    spec
        The design spec (``DesignSpec`` or a mapping) the output was computed from, hashed
        into ``spec_sha256``.
    inputs
        Input files (lab files, volumes); each file is named and hashed (SHA-256).
    command
        The command line; default the current ``alloypore`` run's (``None`` outside the CLI).
    """
    out: dict[str, Any] = {
        "alloypore": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "dependencies": dependency_versions(),
        "command": command if command is not None else _COMMAND.get(),
        "created_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if spec is not None:
        out["spec_sha256"] = spec_hash(spec)
    if inputs:
        out["inputs"] = [_input_record(p) for p in inputs]
    cites = _pybamm_citations()
    if cites:
        out["citations"] = cites
    return out


def with_provenance(data: Any, **kwargs) -> Any:
    """``data`` with a ``"provenance"`` block added (dicts only; other JSON values unchanged).

    An existing ``"provenance"`` entry is kept (the innermost writer knows the inputs best).
    """
    if not isinstance(data, Mapping) or "provenance" in data:
        return data
    if kwargs.get("spec") is None and isinstance(data.get("spec"), Mapping):
        kwargs["spec"] = data["spec"]
    return {**data, "provenance": provenance(**kwargs)}
