"""One measured pore profile, and its rendering as the ``[particle]`` section of a design spec.

A :class:`PoreProfile` collects what the measurements say about the pores of
a powder: intraparticle porosity (fraction of the envelope volume), closed
share of the pore volume, BET area, pore volume, modal pore sizes and a PSD,
each with the measurement it came from.  :meth:`PoreProfile.to_particle_toml`
writes the spec section the design chain reads (``alloypore.particle.spec``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from alloypore.errors import InputError

__all__ = ["PoreProfile", "profile_from_density", "profile_from_isotherm", "profile_from_mip"]


@dataclass(frozen=True)
class PoreProfile:
    """Measured intraparticle pores, per gram of particle.

    ``porosity`` and ``pore_volume_cm3_g`` may both be known; the spec gets
    ``porosity`` when it is known (it needs the solid volume), otherwise
    ``pore_volume_cm3_g``.  ``closed_pore_fraction`` is ``None`` when no
    measurement could see closed pores (gas adsorption, MIP alone).
    """

    porosity: float | None = None
    closed_pore_fraction: float | None = None
    ssa_m2_g: float | None = None
    pore_volume_cm3_g: float | None = None
    modal_pore_diameters_nm: list = field(default_factory=list)
    psd_diameter_nm: np.ndarray | None = field(default=None, repr=False)
    psd_dv_dlogd_cm3_g: np.ndarray | None = field(default=None, repr=False)
    psd_method: str = ""
    composition: dict | None = None
    primary_particle_size_nm: float | None = None
    secondary_particle_size_um: float | None = None
    accommodation_efficiency: float | None = None
    sources: dict = field(default_factory=dict)

    def to_particle_toml(self, composition: dict | None = None) -> str:
        """Render the ``[particle]`` table of a design spec (TOML text).

        ``composition`` (material -> mass fraction) overrides the profile's;
        one of them is required.  Raises :class:`InputError` without a
        composition or without any pore amount.
        """
        comp = composition if composition is not None else self.composition
        if not comp:
            raise InputError("composition", comp, 'needed for --emit-spec, e.g. --composition "Si=0.5,amorphous_carbon=0.5"')
        total = sum(float(v) for v in comp.values())
        if abs(total - 1.0) > 1e-6:
            raise InputError("composition", comp, f"mass fractions summing to 1 (they sum to {total:.6g})")
        lines = ["[particle]"]
        phases = ", ".join(f'{{material = "{_esc(k)}", mass_fraction = {_num(v)}}}' for k, v in comp.items())
        lines.append(f"phases = [{phases}]")
        if self.porosity is not None:
            lines.append(f"porosity = {_num(self.porosity)}")
        elif self.pore_volume_cm3_g is not None:
            lines.append(f"pore_volume_cm3_g = {_num(self.pore_volume_cm3_g)}")
        else:
            raise InputError("pore_profile", "no porosity or pore volume", "a measurement giving porosity or pore volume")
        lines.append(f"closed_pore_fraction = {_num(self.closed_pore_fraction or 0.0)}")
        for name in ("ssa_m2_g", "primary_particle_size_nm", "secondary_particle_size_um", "accommodation_efficiency"):
            v = getattr(self, name)
            if v is not None and math.isfinite(v):
                lines.append(f"{name} = {_num(v)}")
        notes = [f"# {k}: {v}" for k, v in self.sources.items()]
        return "\n".join(["# measured pore profile (alloypore characterize)", *notes, *lines]) + "\n"

    def summary(self) -> dict:
        """Scalars (no arrays) for JSON output."""
        return {
            "porosity": self.porosity,
            "closed_pore_fraction": self.closed_pore_fraction,
            "ssa_m2_g": self.ssa_m2_g,
            "pore_volume_cm3_g": self.pore_volume_cm3_g,
            "modal_pore_diameters_nm": list(self.modal_pore_diameters_nm),
            "psd_method": self.psd_method,
            "sources": dict(self.sources),
        }


def _num(v) -> str:
    return f"{float(v):.6g}"


def _esc(s: str) -> str:
    return str(s).replace("\\", "\\\\").replace('"', '\\"')


def profile_from_density(res, *, ssa_m2_g: float | None = None, **kw) -> PoreProfile:
    """Profile from a :class:`~alloypore.characterization.density.DensityResult`."""
    return PoreProfile(
        porosity=res.porosity,
        closed_pore_fraction=res.closed_pore_fraction,
        ssa_m2_g=ssa_m2_g,
        pore_volume_cm3_g=res.pore_volume_cm3_g,
        composition=res.composition,
        sources={"porosity": "true and He-pycnometry densities + open pore volume",
                 "closed_pore_fraction": "1/rho_He - 1/rho_true"},
        **kw,
    )


def profile_from_isotherm(bet=None, total_pore_volume_cm3_g: float | None = None, psd=None, *,
                          composition: dict | None = None, **kw) -> PoreProfile:
    """Profile from gas adsorption: BET area, Gurvich pore volume (open pores only), PSD modes.

    With a composition the porosity follows as ``v_p / (v_s + v_p)``; the
    closed fraction is 0 (gas cannot see closed pores; combine with densities).
    """
    porosity = None
    if composition and total_pore_volume_cm3_g is not None:
        from alloypore.characterization.density import true_density_from_composition

        v_s = 1.0 / true_density_from_composition(composition)
        porosity = total_pore_volume_cm3_g / (v_s + total_pore_volume_cm3_g)
    modes = [] if psd is None or not math.isfinite(psd.modal_diameter_nm) else [psd.modal_diameter_nm]
    sources = {"ssa_m2_g": "BET (ISO 9277 criteria)", "pore_volume_cm3_g": "Gurvich rule (open pores)",
               "closed_pore_fraction": "not seen by gas adsorption: 0 assumed"}
    return PoreProfile(
        porosity=porosity, closed_pore_fraction=0.0 if total_pore_volume_cm3_g is not None else None,
        ssa_m2_g=None if bet is None else bet.ssa_m2_g, pore_volume_cm3_g=total_pore_volume_cm3_g,
        modal_pore_diameters_nm=modes,
        psd_diameter_nm=None if psd is None else psd.diameter_nm,
        psd_dv_dlogd_cm3_g=None if psd is None else psd.dv_dlogd_cm3_g,
        psd_method="" if psd is None else f"{psd.method} ({psd.branch})",
        composition=composition, sources=sources, **kw,
    )


def profile_from_mip(res, *, composition: dict | None = None, **kw) -> PoreProfile:
    """Profile from a :class:`~alloypore.characterization.mip.MIPResult` (intraparticle intrusion)."""
    porosity = None
    v = res.intraparticle_pore_volume_cm3_g
    if composition and v is not None:
        from alloypore.characterization.density import true_density_from_composition

        v_s = 1.0 / true_density_from_composition(composition)
        porosity = v / (v_s + v)
    modes = [m for m in (res.modal_intraparticle_diameter_nm,) if m is not None]
    return PoreProfile(
        porosity=porosity, closed_pore_fraction=0.0 if v is not None else None, pore_volume_cm3_g=v,
        modal_pore_diameters_nm=modes, psd_diameter_nm=res.diameter_nm, psd_dv_dlogd_cm3_g=res.dv_dlogd_cm3_g,
        psd_method="MIP Washburn", composition=composition,
        sources={"pore_volume_cm3_g": f"MIP intraparticle intrusion (cutoff {res.cutoff_source})",
                 "closed_pore_fraction": "not seen by mercury: 0 assumed"},
        **kw,
    )
