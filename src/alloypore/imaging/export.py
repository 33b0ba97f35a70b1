"""Writing volumes back out for Fiji, napari and ParaView: the pore-class labels and the
local-thickness map, as TIFF (ImageJ hyperstack, with its voxel size) or OME-Zarr (for
volumes larger than memory: written block by block from a lazy Dask array).

* labels (uint8): the codes of :mod:`alloypore.imaging.classify` -- 0 solid, 1 open pore,
  2 closed pore, 3 unknown (touches an edge of the field of view), 4 exterior (outside the
  particle envelope);
* thickness (float32, nm): the local thickness (diameter of the largest inscribed sphere
  that covers the voxel, ``2 r`` of :func:`alloypore.imaging.thickness.local_thickness_vox`)
  in every pore voxel, 0 in the solid.

The format follows the file name: ``.tif``/``.tiff`` -> TIFF with ``X/YResolution`` in
pixels per µm, ImageJ ``unit = um`` and ``spacing`` (what :func:`~alloypore.imaging.io.
read_voxel_size_nm` reads back); ``.zarr`` -> OME-Zarr (NGFF 0.4: ``multiscales`` with the
scale in nanometres; labels carry ``image-label`` colours and class names).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import tifffile

from alloypore._io import atomic_output_dir, atomic_write_bytes
from alloypore.errors import InputError
from alloypore.imaging.classify import CLASS_CLOSED, CLASS_EXTERIOR, CLASS_OPEN, CLASS_SOLID, CLASS_UNKNOWN

__all__ = ["LABEL_NAMES", "write_labels", "write_thickness", "thickness_nm", "write_volume"]

#: label code -> class name (and its colour in OME-Zarr, RGBA)
LABEL_NAMES = {
    CLASS_SOLID: ("solid", (160, 160, 160, 255)),
    CLASS_OPEN: ("open pore", (46, 139, 87, 255)),
    CLASS_CLOSED: ("closed pore", (200, 60, 60, 255)),
    CLASS_UNKNOWN: ("unknown pore (touches the field of view)", (230, 170, 30, 255)),
    CLASS_EXTERIOR: ("exterior", (0, 0, 0, 0)),
}
_FORMATS = "a path ending in .tif/.tiff (TIFF) or .zarr (OME-Zarr)"
_CHUNK = 128


def _is_lazy(arr) -> bool:
    return hasattr(arr, "dask")


def thickness_nm(lt_vox, voxel_size_nm: float):
    """Local thickness (diameter, nm, float32) from the radius map in voxels (numpy or lazy Dask)."""
    return (lt_vox * np.float32(2.0 * voxel_size_nm)).astype(np.float32)


def _write_tiff(arr, path: Path, voxel_size_nm: float, *, flag: str) -> Path:
    if _is_lazy(arr):
        raise InputError(flag, path.name, "a .zarr store (OME-Zarr) for a volume processed out of core")
    data = np.asarray(arr)
    um = voxel_size_nm * 1e-3
    buf = io.BytesIO()  # encoded in memory, then the one atomic writer (0644, one-line OS errors)
    tifffile.imwrite(buf, data, imagej=True, resolution=(1.0 / um, 1.0 / um),
                     metadata={"spacing": um, "unit": "um", "axes": "ZYX"})
    return atomic_write_bytes(path, buf.getvalue(), flag=flag)


def _ngff_attrs(name: str, voxel_size_nm: float, labels: bool) -> dict:
    attrs = {
        "multiscales": [{
            "version": "0.4",
            "name": name,
            "axes": [{"name": ax, "type": "space", "unit": "nanometer"} for ax in "zyx"],
            "datasets": [{"path": "0", "coordinateTransformations": [
                {"type": "scale", "scale": [float(voxel_size_nm)] * 3}]}],
        }]
    }
    if labels:
        attrs["image-label"] = {
            "version": "0.4",
            "colors": [{"label-value": k, "rgba": list(c)} for k, (_, c) in LABEL_NAMES.items()],
            "properties": [{"label-value": k, "class": n} for k, (n, _) in LABEL_NAMES.items()],
        }
    return attrs


def _write_ome_zarr(arr, path: Path, voxel_size_nm: float, *, name: str, labels: bool, flag: str = "path") -> Path:
    import zarr  # only this format needs it

    chunks = tuple(min(_CHUNK, int(s)) for s in arr.shape)
    with atomic_output_dir(path, flag=flag) as tmp:
        group = zarr.open_group(str(tmp), mode="w", zarr_format=2)
        target = group.create_array("0", shape=tuple(int(s) for s in arr.shape), chunks=chunks, dtype=arr.dtype)
        if _is_lazy(arr):
            import dask.array as da  # a lazy array is already a Dask array

            da.store(arr.rechunk(chunks), target, lock=False)
        else:
            target[...] = np.asarray(arr)
        group.attrs.update(_ngff_attrs(name, voxel_size_nm, labels))
    return path


def write_volume(arr, path: str | Path, voxel_size_nm: float, *, name: str = "volume", labels: bool = False,
                 flag: str = "path") -> Path:
    """Write a 3D array (numpy or lazy Dask) to ``path``: TIFF or OME-Zarr by its suffix (``flag`` names it in errors)."""
    p = Path(path)
    if not (voxel_size_nm > 0):
        raise InputError("voxel_size", voxel_size_nm, "a positive length")
    suffix = p.suffix.lower()
    if suffix in (".tif", ".tiff"):
        return _write_tiff(arr, p, voxel_size_nm, flag=flag)
    if suffix == ".zarr":
        return _write_ome_zarr(arr, p, voxel_size_nm, name=name, labels=labels, flag=flag)
    raise InputError(flag, p.name, _FORMATS)


def write_labels(classes, path: str | Path, voxel_size_nm: float, *, flag: str = "--labels") -> Path:
    """Write the pore-class image (:data:`LABEL_NAMES` codes, uint8)."""
    return write_volume(classes.astype(np.uint8), path, voxel_size_nm, name="pore classes", labels=True, flag=flag)


def write_thickness(lt_vox, path: str | Path, voxel_size_nm: float, *, flag: str = "--thickness") -> Path:
    """Write the local-thickness map (nm, float32) from the radius map in voxels."""
    return write_volume(thickness_nm(lt_vox, voxel_size_nm), path, voxel_size_nm, name="local thickness (nm)",
                        flag=flag)
