"""Electrode layer: coatings of composite particles (imports materials and particle only)."""

from alloypore.electrode.model import (
    BlendProps,
    ElectrodeArrays,
    blend_props,
    coating_thickness_ratio,
    electrode_arrays,
    lithiated_thickness_um,
)
from alloypore.electrode.spec import ElectrodeSpec

__all__ = [
    "BlendProps",
    "ElectrodeArrays",
    "ElectrodeSpec",
    "blend_props",
    "coating_thickness_ratio",
    "electrode_arrays",
    "lithiated_thickness_um",
]
