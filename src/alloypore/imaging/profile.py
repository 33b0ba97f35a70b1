"""Tomography's measurement of a volume, and its conversion to the one pore profile.

:func:`pore_profile` runs the volume metrics of :mod:`alloypore.imaging.metrics` and
returns a :class:`VolumeProfile`: what the image analysis measured, in fractions of the
reference volume (the record ``alloypore image analyze --json`` prints).
:meth:`VolumeProfile.to_profile` converts it to the package's one
:class:`~alloypore.characterization.profile.PoreProfile`, which alone writes the
``[particle]`` section (:meth:`VolumeProfile.to_particle_toml` is that, with the
labelled composition guess of ``image analyze``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from alloypore._display import record_frame, record_html, record_text
from alloypore.characterization.profile import Measured, PoreProfile, PoreSizeDistribution
from alloypore.errors import InputError

from . import metrics as m
from .segment import segment_volume
from .thickness import METHOD as THICKNESS_METHOD

__all__ = ["VolumeProfile", "pore_profile", "analyse_volume", "parse_phases", "DEFAULT_PHASES_GUESS"]

#: Used when the user gives no composition; always labelled as a guess in the spec.
DEFAULT_PHASES_GUESS = [{"material": "Si", "mass_fraction": 0.5}, {"material": "amorphous_carbon", "mass_fraction": 0.5}]


@dataclass
class VolumeProfile:
    """Measured pore description of one volume (fractions of the reference volume)."""

    source: str
    voxel_size_nm: float
    shape: tuple
    mode: str
    open_faces: tuple
    porosity: float
    open_porosity: float
    closed_porosity: float
    unknown_porosity: float
    closed_pore_fraction: float
    n_closed_pores: int
    phase_fractions: dict
    connectivity: str = "6 (face-sharing voxels)"
    accessible_porosity: float | None = None
    probe_radius_nm: float | None = None
    surface_area_method: str = ""
    surface_area_nm2: float | None = None
    surface_per_solid_volume_um_inv: float | None = None
    ssa_m2_g: float | None = None
    solid_density_g_cm3: float | None = None
    modal_pore_size_nm: float | None = None
    mean_pore_size_nm: float | None = None
    pore_size_method: str = ""
    secondary_particle_size_um: float | None = None
    segmentation_method: str = ""  # labels, otsu, multi-otsu (N phases), threshold (given)
    thresholds: list = field(default_factory=list)  # the grey values actually used
    psd_diameter_nm_edges: list = field(default_factory=list, repr=False)
    psd_volume_fraction: list = field(default_factory=list, repr=False)

    @classmethod
    def from_classes(cls, pc, *, source: str, voxel_size_nm: float, shape, phase_fractions: dict) -> "VolumeProfile":
        """The record of a pore classification (in-memory ``PoreClasses`` or its chunked twin)."""
        return cls(source=str(source), voxel_size_nm=float(voxel_size_nm), shape=tuple(int(s) for s in shape), mode=pc.mode,
                   open_faces=pc.open_faces, porosity=pc.porosity, open_porosity=pc.open_porosity,
                   closed_porosity=pc.closed_porosity, unknown_porosity=pc.unknown_porosity,
                   closed_pore_fraction=pc.closed_pore_fraction, n_closed_pores=pc.n_closed,
                   phase_fractions={str(k): v for k, v in phase_fractions.items()})

    def to_dict(self) -> dict:
        """The measured record (what ``alloypore image analyze --json`` prints)."""
        return asdict(self)

    def to_frame(self):
        """The scalar quantities as a pandas table (quantity, unit, value)."""
        return record_frame(self.to_dict())

    def __repr__(self) -> str:
        return record_text(f"VolumeProfile: {self.source}", self.to_dict())

    def _repr_html_(self) -> str:
        return record_html(f"VolumeProfile: {self.source}", self.to_dict())

    def to_profile(self, composition=None) -> PoreProfile:
        """The one :class:`~alloypore.characterization.profile.PoreProfile` of this volume.

        Pore volumes and densities per gram follow when the solid density is known:
        ``v_s = 1/rho_s``, ``v_p = eps/(1 - eps) v_s``, ``v_closed = eps_closed/(1 - eps) v_s``
        (``eps_closed`` the closed porosity, a fraction of the reference volume),
        envelope density ``(1 - eps) rho_s``.  Pores of unknown openness (reaching only
        a cropped edge) are counted as open.
        """
        how = f"tomography: {self.mode} mode, connectivity {self.connectivity}, voxel {self.voxel_size_nm:g} nm"
        unknown = (f"{self.unknown_porosity:.4f} of the volume is pore of unknown openness (reaches only the cropped edge); "
                   "counted as open") if self.unknown_porosity > 0 else ""
        q: dict = {
            "porosity": Measured(self.porosity, method=how, note=unknown),
            "closed_pore_fraction": Measured(self.closed_pore_fraction, method=how, note=unknown),
        }
        if self.ssa_m2_g is not None:
            q["ssa_m2_g"] = Measured(self.ssa_m2_g, method=self.surface_area_method,
                                     note=f"per gram of solid of density {self.solid_density_g_cm3:g} g/cm3")
        if self.secondary_particle_size_um is not None:
            q["secondary_particle_size_um"] = Measured(self.secondary_particle_size_um, method="envelope-volume equivalent sphere")
        if self.solid_density_g_cm3 is not None and self.porosity < 1:
            q.update(self._volumes(how))
        return PoreProfile(**q, psd=self._psd(), composition=composition, source=f"alloypore image analyze on {self.source}",
                           method="tomography")

    def _volumes(self, how: str) -> dict:
        rho = self.solid_density_g_cm3
        v_s = 1.0 / rho
        solid = 1.0 - self.porosity
        how_rho = f"{how}; solid density {rho:g} g/cm3"
        return {
            "pore_volume_cm3_g": Measured(self.porosity / solid * v_s, method=how_rho),
            "closed_pore_volume_cm3_g": Measured(self.closed_porosity / solid * v_s, method=how_rho),
            "open_pore_volume_cm3_g": Measured((self.porosity - self.closed_porosity) / solid * v_s, method=how_rho),
            "true_density_g_cm3": Measured(rho, method="given (--solid-density)"),
            "envelope_density_g_cm3": Measured(solid * rho, method=how_rho),
        }

    def _psd(self) -> PoreSizeDistribution | None:
        if not self.psd_volume_fraction:
            return None
        edges = np.asarray(self.psd_diameter_nm_edges, dtype=float)
        modal = () if self.modal_pore_size_nm is None else (self.modal_pore_size_nm,)
        return PoreSizeDistribution(np.sqrt(edges[:-1] * edges[1:]), np.asarray(self.psd_volume_fraction) / np.diff(np.log10(edges)),
                                    "fraction of the pore volume", self.pore_size_method, modal)

    def to_particle_toml(self, phases: list[dict] | None = None) -> str:
        """The ``[particle]`` section (through :meth:`to_profile`).

        ``phases`` is a list of ``{"material", "mass_fraction"}``; tomography does not
        tell the composition, so without it a Si / amorphous carbon 50:50 guess is
        written and labelled as such.
        """
        comment = []
        if phases is None:
            phases = DEFAULT_PHASES_GUESS
            comment.append("phases: GUESS (Si / amorphous carbon 50:50) - tomography does not give the composition; edit")
        return self.to_profile(phases).to_particle_toml(comment=comment)


def parse_phases(text: str | None) -> list[dict] | None:
    """Parse ``"Si:0.6,amorphous_carbon:0.4"`` into the spec's phase list (mass fractions sum to 1)."""
    if text is None or not str(text).strip():
        return None
    out = []
    allowed = "comma list of material:mass_fraction, e.g. 'Si:0.6,amorphous_carbon:0.4', summing to 1"
    for part in str(text).split(","):
        if ":" not in part:
            raise InputError("phases", text, allowed)
        name, frac = part.split(":", 1)
        try:
            f = float(frac)
        except ValueError:
            raise InputError("phases", text, allowed) from None
        if not name.strip() or not (0 < f <= 1):
            raise InputError("phases", text, allowed)
        out.append({"material": name.strip(), "mass_fraction": f})
    if abs(sum(p["mass_fraction"] for p in out) - 1) > 1e-3:
        raise InputError("phases", text, allowed)
    return out


def pore_profile(
    phases: np.ndarray,
    voxel_size_nm: float,
    *,
    source: str = "volume",
    mode: str = "auto",
    open_faces="all",
    envelope_radius_vox: float = 5.0,
    probe_radius_nm: float | None = None,
    solid_density_g_cm3: float | None = None,
    compute_psd: bool = True,
    compute_surface: bool = True,
):
    """Measure a phase image; return ``(VolumeProfile, PoreClasses, local_thickness_vox or None)``.

    SSA: ``S / (V_solid * rho)``; with S in nm² and V in nm³,
    ``ssa_m2_g = (S / V_solid) [1/nm] * 1e3 / rho [g/cm³]``, i.e. the surface per
    solid volume in 1/µm divided by the density.  A 1 µm Si sphere (S/V = 3/µm,
    ρ = 2.33) gives 1.29 m²/g.
    """
    if not (voxel_size_nm > 0):
        raise InputError("voxel_size", voxel_size_nm, "a positive length")
    pc = m.classify_pores(phases, mode=mode, open_faces=open_faces, envelope_radius_vox=envelope_radius_vox)
    solid = pc.classes == m.CLASS_SOLID
    inside = pc.classes != m.CLASS_EXTERIOR
    fr = m.phase_fractions(np.asarray(phases), inside if pc.mode == "particle" else None)
    prof = VolumeProfile.from_classes(pc, source=source, voxel_size_nm=voxel_size_nm, shape=np.shape(phases), phase_fractions=fr)
    if pc.mode == "particle":
        v_env_um3 = pc.reference_vox * (voxel_size_nm * 1e-3) ** 3
        prof.secondary_particle_size_um = float((6 * v_env_um3 / np.pi) ** (1 / 3))
    if probe_radius_nm is not None:
        prof.probe_radius_nm = float(probe_radius_nm)
        prof.accessible_porosity = m.accessible_porosity(pc, probe_radius_nm / voxel_size_nm)
    if compute_surface:
        area_vox2 = m.surface_area_vox2(~solid)
        prof.surface_area_method = "marching cubes (Lewiner) on the Gaussian-smoothed (sigma 1 voxel) pore indicator, iso 0.5"
        prof.surface_area_nm2 = area_vox2 * voxel_size_nm**2
        n_solid = int(np.count_nonzero(solid))
        sv = area_vox2 / (n_solid * voxel_size_nm) * 1e3  # 1/um
        prof.surface_per_solid_volume_um_inv = sv
        if solid_density_g_cm3 is not None:
            if not solid_density_g_cm3 > 0:
                raise InputError("solid_density", solid_density_g_cm3, "allowed solid_density > 0 g/cm^3")
            prof.solid_density_g_cm3 = float(solid_density_g_cm3)
            prof.ssa_m2_g = sv / solid_density_g_cm3
    lt = None
    if compute_psd:
        pore_inside = (pc.classes == m.CLASS_OPEN) | (pc.classes == m.CLASS_CLOSED) | (pc.classes == m.CLASS_UNKNOWN)
        lt = m.local_thickness_vox(pore_inside)
        edges, frac, modal, mean = m.pore_size_distribution(lt, pore_inside, voxel_size_nm)
        prof.modal_pore_size_nm, prof.mean_pore_size_nm = modal, mean
        prof.pore_size_method = THICKNESS_METHOD
        prof.psd_diameter_nm_edges = [float(e) for e in edges]
        prof.psd_volume_fraction = [float(f) for f in frac]
    return prof, pc, lt


def analyse_volume(volume: np.ndarray, voxel_size_nm: float, *, segmentation: dict | None = None, **options) -> VolumeProfile:
    """Segment a grey (or labelled) volume (:func:`alloypore.imaging.segment.segment` with
    ``segmentation`` options) and measure it (:func:`pore_profile` with ``options``)."""
    phases, record = segment_volume(np.asarray(volume), **(segmentation or {}))
    prof = pore_profile(phases, voxel_size_nm, **options)[0]
    prof.segmentation_method, prof.thresholds = record["segmentation_method"], record["thresholds"]
    return prof
