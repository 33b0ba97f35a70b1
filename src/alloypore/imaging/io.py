"""Reading 3D volumes (TIFF stacks, TIFF slice folders, HDF5, raw, npy, zarr) and voxel sizes.

The voxel size a file states itself is read by :func:`read_voxel_size_nm`: a TIFF's
resolution tags (ImageJ's ``unit`` and ``spacing``, or the TIFF ``ResolutionUnit`` in cm or
inch; OME-TIFF's ``PhysicalSizeX``), an HDF5 dataset's ``element_size_um`` (the Fiji / ilastik
convention, z y x in µm) or ``voxel_size_nm`` attribute, an OME-Zarr's ``multiscales`` scale.

Every reader returns a 3D array (z, y, x) and refuses, with a one-line
:class:`~alloypore.errors.DataFileError` or :class:`~alloypore.errors.InputError`,
a corrupt or truncated file, a 2D image, or a volume with fewer than 2 voxels
along an axis.  Voxel counts elsewhere in :mod:`alloypore.imaging` are int64.
"""

from __future__ import annotations

import contextlib
import logging
import re
import struct
import threading
import zipfile
from tokenize import TokenError
from pathlib import Path

import numpy as np
import tifffile

from alloypore import resources
from alloypore._optional import require
from alloypore.errors import DataFileError, InputError

__all__ = [
    "HDF5_SUFFIXES",
    "parse_voxel_size_nm",
    "read_voxel_size_nm",
    "load_volume",
    "open_volume_lazy",
    "check_volume_3d",
    "open_zarr",
    "MAX_VOLUME_BYTES",
]

#: Largest volume file read into memory (bytes); larger volumes go through zarr + Dask.
MAX_VOLUME_BYTES = 16 * 1024**3
#: File suffixes read as HDF5 (NeXus ``.nxs`` files are HDF5)
HDF5_SUFFIXES = (".h5", ".hdf5", ".hdf", ".nxs")

_UNIT_NM = {
    "pm": 1e-3,
    "a": 0.1,
    "å": 0.1,
    "angstrom": 0.1,
    "nm": 1.0,
    "um": 1e3,
    "µm": 1e3,
    "μm": 1e3,
    "micron": 1e3,
    "microns": 1e3,
    "mm": 1e6,
    "cm": 1e7,
    "m": 1e9,
}

_VOXEL_ALLOWED = "a positive length with a unit, e.g. '10nm', '0.05 um', '2.5 µm' (nm, um, mm, pm, A)"


def parse_voxel_size_nm(text: str | float | int, field: str = "voxel_size") -> float:
    """Return the voxel edge length in nanometres from a string such as ``"10nm"``.

    A bare number is refused (the unit must be stated: tomography voxels range
    from 1 nm to 10 µm, a silent factor of 1000 is too easy).

    Raises
    ------
    InputError
        If the text is not a positive, finite length with a known unit.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        raise InputError(field, text, _VOXEL_ALLOWED)
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([A-Za-zµμÅå]+)\s*", str(text))
    if not m:
        raise InputError(field, text, _VOXEL_ALLOWED)
    value, unit = float(m.group(1)), m.group(2).lower()
    if unit not in _UNIT_NM or not np.isfinite(value) or value <= 0:
        raise InputError(field, text, _VOXEL_ALLOWED)
    return value * _UNIT_NM[unit]


def check_volume_3d(arr, name: str = "volume") -> None:
    """Raise :class:`InputError` unless ``arr`` is 3D with at least 2 voxels per axis."""
    shape = tuple(int(s) for s in np.shape(arr))
    if len(shape) != 3 or min(shape) < 2:
        raise InputError(name, f"shape {shape}", "a 3D volume (z, y, x) with at least 2 voxels along each axis")


class _TiffProblems(logging.Filter):
    """Collects the tifffile log records of THIS thread during a read and keeps them from propagating.

    tifffile logs (rather than raises) some corruption, e.g. an invalid page offset that
    silently drops the remaining pages.  The filter is added to the ``tifffile`` logger
    for the duration of one read and removed after it; records of other threads pass
    through untouched, and no level, handler or ``propagate`` flag is changed.
    """

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()
        self.errors: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread:
            return True
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
        return False


@contextlib.contextmanager
def _tiff_problems():
    logger = logging.getLogger("tifffile")
    catch = _TiffProblems()
    logger.addFilter(catch)
    try:
        yield catch.errors
    finally:
        logger.removeFilter(catch)


#: What tifffile raises on corrupt input (TiffFileError is a ValueError; struct.error on short reads).
_TIFF_ERRORS = (ValueError, OSError, EOFError, KeyError, IndexError, TypeError, struct.error,
                tifffile.TiffFileError)  # not a ValueError in older tifffile


def _check_size(path: Path, shape, itemsize: int) -> None:
    """Refuse (one line, before reading the voxels) a volume whose analysis would not fit --max-memory/--max-time."""
    resources.check("volume", path.name, resources.volume_estimate(shape, itemsize))


def _read_tiff(path: Path) -> np.ndarray:
    try:
        size = path.stat().st_size
        with _tiff_problems() as problems, tifffile.TiffFile(path) as tf:
            pages = list(tf.pages)
            if not pages:
                raise DataFileError(path, "TIFF file has no pages")
            for page in pages:
                ends = [o + c for o, c in zip(page.dataoffsets, page.databytecounts)]
                if ends and max(ends) > size:
                    raise DataFileError(path, "TIFF file is truncated (image data beyond end of file)")
            if problems:
                raise DataFileError(path, f"corrupt TIFF ({problems[0]})")
            series = tf.series[0] if tf.series else None
            if series is not None:  # the decoded size before decoding (a compressed TIFF can expand a lot)
                _check_size(path, series.shape, np.dtype(series.dtype).itemsize)
            arr = tf.asarray()
            if problems:
                raise DataFileError(path, f"corrupt TIFF ({problems[0]})")
    except DataFileError:
        raise
    except _TIFF_ERRORS as exc:
        raise DataFileError(path, f"cannot read TIFF ({type(exc).__name__}: {exc})") from None
    return arr


def _read_tiff_folder(path: Path) -> np.ndarray:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".tif", ".tiff"))
    if not files:
        raise DataFileError(path, "folder holds no .tif/.tiff slices")
    slices = [_read_tiff(f) for f in files]
    shapes = {s.shape for s in slices}
    if len(shapes) != 1:
        raise DataFileError(path, f"TIFF slices differ in shape: {sorted(shapes)}")
    if slices[0].ndim != 2:
        raise DataFileError(path, f"each slice must be a 2D image, got shape {slices[0].shape}")
    return np.stack(slices, axis=0)


def _read_raw(path: Path, shape, dtype) -> np.ndarray:
    if shape is None or dtype is None:
        raise InputError("raw_shape", shape, "a raw volume needs --raw-shape Z,Y,X and --raw-dtype (e.g. uint8)")
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise InputError("raw_dtype", dtype, "a numpy dtype name such as uint8, uint16, float32") from None
    if dt.kind not in "biuf":
        raise InputError("raw_dtype", dtype, "a real numeric dtype such as uint8, uint16, float32")
    shape = tuple(int(s) for s in shape)
    if len(shape) != 3 or min(shape) < 1:
        raise InputError("raw_shape", ",".join(map(str, shape)), "three positive integers Z,Y,X, e.g. 200,300,300")
    need = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
    have = path.stat().st_size
    if have == need:
        _check_size(path, shape, dt.itemsize)
    if have != need:
        raise DataFileError(path, f"raw file has {have} bytes; shape {shape} of {dt} needs {need}")
    return np.fromfile(path, dtype=dt).reshape(shape)


def _read_npy(path: Path) -> np.ndarray:
    try:  # the header first (mmap): a shape the file cannot hold is refused before any allocation
        mapped = np.load(path, allow_pickle=False, mmap_mode="r")
        _check_size(path, mapped.shape, mapped.dtype.itemsize)
        return np.array(mapped)
    except (OSError, ValueError, EOFError, SyntaxError, TokenError, zipfile.BadZipFile) as exc:  # corrupt headers (fuzzed)
        raise DataFileError(path, f"cannot read .npy ({type(exc).__name__}: {exc})") from None


def _h5py():
    return require("h5py", "imaging", "HDF5 volumes")


def _hdf5_dataset(f, path: Path, dataset: str | None):
    """The dataset ``dataset`` of the open HDF5 file ``f`` (default: its only 3D dataset)."""
    h5py = _h5py()
    found: list[str] = []
    f.visititems(lambda name, obj: found.append("/" + name) if isinstance(obj, h5py.Dataset) and obj.ndim >= 3 else None)
    listing = ", ".join(found[:8]) + (" ..." if len(found) > 8 else "") if found else "none in this file"
    if dataset is None:
        if len(found) != 1:
            raise InputError("--dataset", "(not given)", f"the path of one 3D dataset of {path.name}: {listing}")
        dataset = found[0]
    obj = f.get(dataset)
    if not isinstance(obj, h5py.Dataset):
        raise InputError("--dataset", dataset, f"the path of a 3D dataset of {path.name}: {listing}")
    return obj


def _read_hdf5(path: Path, dataset: str | None) -> np.ndarray:
    h5py = _h5py()
    try:
        with h5py.File(path, "r") as f:
            ds = _hdf5_dataset(f, path, dataset)
            if ds.size * ds.dtype.itemsize > MAX_VOLUME_BYTES:
                raise DataFileError(path, f"dataset {ds.name} is above {MAX_VOLUME_BYTES} bytes; store it as zarr and use --dask")
            return ds[()]
    except (OSError, KeyError, TypeError) as exc:  # h5py: not HDF5, truncated, unreadable filter
        raise DataFileError(path, f"cannot read HDF5 ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})") from None


def open_zarr(path: Path):
    """Open a zarr store (read only); a group gives its first array."""
    import zarr  # ~0.1 s; only zarr stores need it

    try:
        z = zarr.open(str(path), mode="r")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(path, f"cannot open zarr store ({type(exc).__name__}: {exc})") from None
    if not hasattr(z, "shape"):  # a group: take the first array
        arrays = list(z.arrays()) if hasattr(z, "arrays") else []
        if not arrays:
            raise DataFileError(path, "zarr group holds no array")
        z = arrays[0][1]
    return z


def open_volume_lazy(path: str | Path):
    """Open a zarr (or npy, memory-mapped) volume as a Dask array without reading it."""
    import dask.array as da  # ~0.5 s; only the lazy path needs it

    p = Path(path)
    if not p.exists():
        raise DataFileError(p, "no such file or folder")
    if p.suffix.lower() == ".npy":
        arr = np.load(p, mmap_mode="r", allow_pickle=False)
        d = da.from_array(arr, chunks="auto")
    elif p.is_dir() or p.suffix.lower() == ".zarr":
        z = open_zarr(p)
        d = da.from_zarr(z)
    else:
        d = da.from_array(load_volume(p))
    check_volume_3d(d)
    return d


def load_volume(path: str | Path, *, shape=None, dtype=None, dataset: str | None = None) -> np.ndarray:
    """Read a 3D volume into memory.

    Parameters
    ----------
    path : path
        ``.tif``/``.tiff`` multi-page file, a folder of 2D TIFF slices (sorted by
        name = z order), HDF5 (``.h5``, ``.hdf5``, ``.hdf``, ``.nxs``), ``.raw`` (needs
        ``shape`` and ``dtype``), ``.npy`` or a ``.zarr`` store.
    shape, dtype
        Only for raw files.
    dataset
        Only for HDF5: the path of the dataset in the file (``/entry/data/data``); default
        the file's only 3D dataset.

    Returns
    -------
    numpy.ndarray
        The volume, axes (z, y, x).
    """
    p = Path(path)
    if not p.exists():
        raise DataFileError(p, "no such file or folder")
    suffix = p.suffix.lower()
    if p.is_dir() and suffix != ".zarr" and not (p / ".zarray").exists() and not (p / "zarr.json").exists():
        arr = _read_tiff_folder(p)
    elif suffix == ".zarr" or p.is_dir():
        z = open_zarr(p)
        _check_size(p, z.shape, z.dtype.itemsize)  # before loading
        arr = np.asarray(z[...])
    else:
        size = p.stat().st_size
        if size == 0:
            raise DataFileError(p, "file is empty")
        if size > MAX_VOLUME_BYTES:
            raise DataFileError(p, f"file is {size} bytes; above {MAX_VOLUME_BYTES}, store it as zarr and use --dask")
        if suffix in (".tif", ".tiff"):
            arr = _read_tiff(p)
        elif suffix == ".npy":
            arr = _read_npy(p)
        elif suffix == ".raw":
            arr = _read_raw(p, shape, dtype)
        elif suffix in HDF5_SUFFIXES:
            arr = _read_hdf5(p, dataset)
        else:
            raise DataFileError(p, "unknown volume format; use .tif/.tiff, a TIFF folder, HDF5 (.h5), .raw, .npy or .zarr")
    arr = np.squeeze(arr) if arr.ndim > 3 else arr
    check_volume_3d(arr)
    if arr.dtype.kind not in "biuf":
        raise DataFileError(p, f"voxel type {arr.dtype} is not numeric")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise DataFileError(p, "volume contains NaN or infinite values")
    return arr


# ---------------------------------------------------------------------------
# the voxel size a file states itself

_RES_UNIT_NM = {2: 2.54e7, 3: 1e7}  # TIFF ResolutionUnit: 2 = inch, 3 = centimetre (1 = none)
_OME_UNIT_NM = {"nm": 1.0, "µm": 1e3, "μm": 1e3, "um": 1e3, "mm": 1e6, "cm": 1e7, "m": 1e9, "Å": 0.1, "pm": 1e-3}
_NGFF_UNIT_NM = {"nanometer": 1.0, "micrometer": 1e3, "millimeter": 1e6, "centimeter": 1e7, "meter": 1e9,
                 "angstrom": 0.1, "picometer": 1e-3}


def _unit_nm(unit: str | None) -> float | None:
    if not unit:
        return None
    u = str(unit).strip().replace("\\u00B5", "µ").lower()
    return _UNIT_NM.get(u) or _OME_UNIT_NM.get(u) or _NGFF_UNIT_NM.get(u)


def _isotropic(path: Path, sizes: dict[str, float]) -> float:
    """One voxel edge from per-axis sizes; anisotropic voxels are refused (the metrics assume cubes)."""
    values = list(sizes.values())
    if max(values) > 1.01 * min(values):
        text = ", ".join(f"{k} {v:.4g} nm" for k, v in sizes.items())
        raise DataFileError(path, f"voxels are not cubic ({text}); resample to cubic voxels or give --voxel-size")
    return float(values[0])


def _tiff_voxel_nm(path: Path) -> float | None:
    try:
        with tifffile.TiffFile(path) as tf:
            if tf.is_ome and tf.ome_metadata:
                sizes = {}
                for ax in "XYZ":
                    m = re.search(rf'PhysicalSize{ax}="([0-9.eE+-]+)"', tf.ome_metadata)
                    u = re.search(rf'PhysicalSize{ax}Unit="([^"]+)"', tf.ome_metadata)
                    if m:
                        sizes[ax.lower()] = float(m.group(1)) * (_unit_nm(u.group(1) if u else "µm") or 1e3)
                if sizes:
                    return _isotropic(path, sizes)
            page = tf.pages[0]
            tags = page.tags
            if "XResolution" not in tags:
                return None
            num, den = tags["XResolution"].value
            ynum, yden = tags["YResolution"].value if "YResolution" in tags else (num, den)
            res_unit = int(tags["ResolutionUnit"].value) if "ResolutionUnit" in tags else 2
            ij = tf.imagej_metadata or {}
    except _TIFF_ERRORS as exc:
        raise DataFileError(path, f"cannot read TIFF tags ({type(exc).__name__}: {exc})") from None
    if not (num > 0 and den > 0) or (num == den and "unit" not in ij):
        return None  # no resolution, or tifffile's default 1 pixel per unit
    unit_nm = _unit_nm(ij.get("unit")) if ij.get("unit") else _RES_UNIT_NM.get(res_unit)
    if unit_nm is None:
        return None  # "pixels per (no unit)": not a length
    sizes = {"x": unit_nm * den / num, "y": unit_nm * yden / ynum}
    if ij.get("spacing"):
        sizes["z"] = unit_nm * float(ij["spacing"])
    return _isotropic(path, sizes)


def _hdf5_voxel_nm(path: Path, dataset: str | None) -> float | None:
    h5py = _h5py()
    try:
        with h5py.File(path, "r") as f:
            ds = _hdf5_dataset(f, path, dataset)
            for holder in (ds, f):
                if "element_size_um" in holder.attrs:
                    zyx = np.atleast_1d(np.asarray(holder.attrs["element_size_um"], dtype=float)) * 1e3
                    return _isotropic(path, dict(zip("zyx", zyx.tolist())))
                if "voxel_size_nm" in holder.attrs:
                    v = np.atleast_1d(np.asarray(holder.attrs["voxel_size_nm"], dtype=float))
                    return _isotropic(path, dict(zip("zyx", v.tolist())))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(path, f"cannot read HDF5 attributes ({type(exc).__name__}: {exc})") from None
    return None


def _zarr_voxel_nm(path: Path) -> float | None:
    import zarr  # only zarr stores need it

    try:
        attrs = dict(zarr.open(str(path), mode="r").attrs)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ms = attrs.get("multiscales") or (attrs.get("ome") or {}).get("multiscales")
    if not ms:
        return None
    axes = [a for a in ms[0].get("axes", []) if isinstance(a, dict) and a.get("type") == "space"]
    scales = [t["scale"] for t in ms[0]["datasets"][0].get("coordinateTransformations", []) if t.get("type") == "scale"]
    if not axes or not scales:
        return None
    scale = scales[0][-len(axes):]
    sizes = {a["name"]: s * (_unit_nm(a.get("unit")) or float("nan")) for a, s in zip(axes, scale)}
    if not all(np.isfinite(v) and v > 0 for v in sizes.values()):
        return None
    return _isotropic(path, sizes)


def read_voxel_size_nm(path: str | Path, *, dataset: str | None = None) -> float | None:
    """The voxel edge (nm) the volume file states itself, or None when it states none.

    TIFF (a file, or the first slice of a folder): OME ``PhysicalSize*``, else the
    ``X/YResolution`` tags in pixels per ImageJ ``unit`` (or per cm / inch by
    ``ResolutionUnit``) and ImageJ's ``spacing`` for z; HDF5: ``element_size_um`` (z, y, x)
    or ``voxel_size_nm`` on the dataset or the file; OME-Zarr: the ``multiscales`` scale of
    its first dataset with the axes' units.  Non-cubic voxels are refused in one line.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".tif", ".tiff"):
        return _tiff_voxel_nm(p)
    if suffix in HDF5_SUFFIXES:
        return _hdf5_voxel_nm(p, dataset)
    if p.is_dir() and (suffix == ".zarr" or (p / ".zattrs").exists() or (p / "zarr.json").exists()):
        return _zarr_voxel_nm(p)
    if p.is_dir():
        slices = sorted(q for q in p.iterdir() if q.suffix.lower() in (".tif", ".tiff"))
        return _tiff_voxel_nm(slices[0]) if slices else None
    return None
