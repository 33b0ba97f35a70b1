"""Memory and time estimates for size-like inputs, checked BEFORE anything is allocated.

A mesh size, an element count, a number of points, a grid, a volume shape: each becomes an
:class:`Estimate` (bytes and seconds, from the per-unit costs measured below), and
:func:`check` refuses it in one line when it exceeds the limits::

    mesh_size_nm = 0.001: needs ~330 TB of memory and ~1e+08 h (2-D Q2 FEM of 5.5e+09 elements);
    the limit is 11 GB (--max-memory)

The limits come from :data:`settings`: ``max_memory_bytes`` (default: half of the memory the
machine has available now, at least 1 GiB) and ``max_seconds`` (default six hours).  The CLI
sets them for one run from ``--max-memory`` / ``--max-time`` (or ``$ALLOYPORE_MAX_MEMORY`` /
``$ALLOYPORE_MAX_TIME``) with :func:`limits`; library callers may do the same.  The time limit
catches the absurd (a mesh of 1e9 elements), not long honest runs: six hours by default.

Costs (measured on the 2-core development machine, peak RSS over the interpreter, wall time;
see docs/reliability.md for the table): a 2-D Q2 element ~70 kB and ~2 ms (sparse direct) to
~7 ms (AMG-CG); a 3-D Q2 element ~7.5 MB and ~0.1 s; a voxel of the voxel-FEM ~0.7 kB and
~20 us; a design of a sweep ~1.2 kB and ~6 us; a design of a named study ~0.7 kB; a voxel of
``image analyze`` ~100 B and ~10 us (40 us with the pore size distribution).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from dataclasses import dataclass
from typing import Iterator

from alloypore.errors import InputError

__all__ = [
    "Estimate",
    "settings",
    "limits",
    "check",
    "parse_memory",
    "parse_duration",
    "default_max_memory",
    "format_bytes",
    "format_seconds",
    "fem_estimate",
    "contact_estimate",
    "voxel_fem_estimate",
    "designs_estimate",
    "array_estimate",
    "volume_estimate",
]

#: Per-unit costs (bytes, seconds); see the module docstring for how they were measured.
COSTS = {
    "fem2d_element": (70e3, 7e-3),
    "fem3d_element": (7.5e6, 0.1),
    "contact_element": (120e3, 0.012),
    "voxel_fem": (700.0, 2e-5),
    "sweep_design": (1200.0, 6e-6),
    "study_design": (700.0, 6e-6),
    "image_voxel": (100.0, 1e-5),
}
DEFAULT_MAX_SECONDS = 6 * 3600.0
MIN_DEFAULT_MEMORY = 1 << 30


@dataclass(frozen=True)
class Estimate:
    """What a run will cost: peak extra memory (bytes), wall time (s) and what it is."""

    bytes: float
    seconds: float
    what: str

    def __str__(self) -> str:
        if not (math.isfinite(self.bytes) and math.isfinite(self.seconds)):
            return f"more memory and time than any machine has ({self.what})"
        return f"~{format_bytes(self.bytes)} of memory and ~{format_seconds(self.seconds)} ({self.what})"


class _Settings:
    """The limits of this process's runs (None: the default)."""

    max_memory_bytes: float | None = None
    max_seconds: float | None = None


settings = _Settings()


def default_max_memory() -> float:
    """Half of the memory available now (Linux MemAvailable; else half the physical RAM), >= 1 GiB."""
    avail = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    avail = float(line.split()[1]) * 1024
                    break
    if avail is None:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            avail = float(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    if avail is None:
        avail = 8.0 * (1 << 30)
    return max(0.5 * avail, MIN_DEFAULT_MEMORY)


def max_memory() -> float:
    return settings.max_memory_bytes if settings.max_memory_bytes is not None else default_max_memory()


def max_seconds() -> float:
    return settings.max_seconds if settings.max_seconds is not None else DEFAULT_MAX_SECONDS


@contextlib.contextmanager
def limits(max_memory: float | None = None, max_seconds: float | None = None) -> Iterator[_Settings]:
    """Set the limits for the block (None keeps the current one); restored afterwards."""
    old = settings.max_memory_bytes, settings.max_seconds
    if max_memory is not None:
        settings.max_memory_bytes = float(max_memory)
    if max_seconds is not None:
        settings.max_seconds = float(max_seconds)
    try:
        yield settings
    finally:
        settings.max_memory_bytes, settings.max_seconds = old


_UNITS = {"": 1, "b": 1, "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def parse_memory(text: str, flag: str = "--max-memory") -> float:
    """``"4GB"``, ``"512 MiB"``, ``"2e9"`` (bytes) or ``"50%"`` (of the memory available now) -> bytes."""
    s = str(text).strip().lower().replace(" ", "")
    m = re.fullmatch(r"([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)(%|[a-z]*)", s)
    if m is None or (m.group(2) not in _UNITS and m.group(2) != "%"):
        raise InputError(flag, text, "a size such as 4GB, 512MiB or 50% (of the available memory)")
    value = float(m.group(1))
    if m.group(2) == "%":
        if not 0 < value <= 100:
            raise InputError(flag, text, "a share 0 < % <= 100 of the available memory")
        return value / 100 * 2 * default_max_memory()
    out = value * _UNITS[m.group(2)]
    if not math.isfinite(out) or out < 1e6:
        raise InputError(flag, text, "at least 1MB")
    return out


def parse_duration(text: str, flag: str = "--max-time") -> float:
    """``"90"`` (seconds), ``"90s"``, ``"30min"``, ``"2h"`` -> seconds."""
    s = str(text).strip().lower().replace(" ", "")
    m = re.fullmatch(r"([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)(s|sec|min|m|h|d|)", s)
    if m is None:
        raise InputError(flag, text, "a duration such as 600, 10min or 2h")
    value = float(m.group(1)) * {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}[m.group(2)]
    if not math.isfinite(value) or value <= 0:
        raise InputError(flag, text, "a positive duration such as 600, 10min or 2h")
    return value


def format_bytes(n: float) -> str:
    """1.5e9 -> '1.5 GB' (decimal units, as memory is sold)."""
    for unit, size in (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n:.0f} B"


def format_seconds(s: float) -> str:
    """Seconds as s / min / h (with an exponent when it is absurd)."""
    if s < 90:
        return f"{s:.2g} s"
    if s < 5400:
        return f"{s / 60:.2g} min"
    h = s / 3600
    return f"{h:.3g} h" if h < 1e5 else f"{h:.1e} h"


def check(flag: str, value: object, estimate: Estimate) -> Estimate:
    """Refuse ``estimate`` in one line (naming ``flag`` and ``value``) if it exceeds a limit."""
    mem, secs = max_memory(), max_seconds()
    if not math.isfinite(estimate.bytes) or estimate.bytes > mem:
        raise InputError(flag, value, f"needs {estimate}; the limit is {format_bytes(mem)} (--max-memory)")
    if not math.isfinite(estimate.seconds) or estimate.seconds > secs:
        raise InputError(flag, value, f"needs {estimate}; the limit is {format_seconds(secs)} (--max-time)")
    return estimate


def _cost(kind: str, n: float, what: str) -> Estimate:
    per_byte, per_second = COSTS[kind]
    return Estimate(per_byte * n, per_second * n, what)


def fem_estimate(n_elements: float, dim: int = 2) -> Estimate:
    """A Q2 finite-element solve of ``n_elements`` quadrilaterals (dim 2) or hexahedra (dim 3)."""
    kind = "fem2d_element" if dim == 2 else "fem3d_element"
    return _cost(kind, n_elements, f"{dim}-D Q2 FEM of {n_elements:.3g} elements")


def contact_estimate(n_elements: float) -> Estimate:
    """The axisymmetric two-particle contact FEM (Signorini iterations) of ``n_elements`` elements."""
    return _cost("contact_element", n_elements, f"contact FEM of {n_elements:.3g} elements")


def voxel_fem_estimate(n_voxels: float) -> Estimate:
    """The periodic voxel elasticity solve of ``n_voxels`` voxels."""
    return _cost("voxel_fem", n_voxels, f"voxel FEM of {n_voxels:.3g} voxels")


def designs_estimate(n_designs: float, kind: str = "sweep") -> Estimate:
    """A table of ``n_designs`` evaluated designs (``kind``: sweep or study)."""
    return _cost(f"{kind}_design", n_designs, f"{n_designs:.3g} designs")


def volume_estimate(shape, itemsize: int = 1) -> Estimate:
    """Analysing an image volume of ``shape`` (segmentation, labels, distance maps)."""
    n = float(math.prod(float(s) for s in shape))
    est = _cost("image_voxel", n, f"a {'x'.join(str(int(s)) for s in shape)} volume")
    return Estimate(est.bytes + itemsize * n, est.seconds, est.what)


def array_estimate(n_values: float, bytes_per_value: float = 8.0, what: str = "") -> Estimate:
    """A plain array of ``n_values`` numbers (e.g. a linspace of a --vary axis)."""
    return Estimate(bytes_per_value * float(n_values), 1e-8 * float(n_values), what or f"{n_values:.3g} values")
