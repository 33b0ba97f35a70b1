r"""The one pore profile of a powder, and the ``[particle]`` section it implies.

Every evidence method (gas adsorption, mercury porosimetry, densities, SAXS, SANS,
NMR relaxometry, tomography) converts its result to a :class:`PoreProfile`
(``result.to_profile(composition)``), and only the profile turns a measurement into
a ``[particle]`` section of a design spec (:meth:`PoreProfile.to_particle_spec`,
validated with :class:`alloypore.particle.spec.ParticleSpec`; TOML text through the
package's one writer :func:`alloypore.tomlio.dumps`).

Each quantity is a :class:`Measured`: its value, its uncertainty where the method
gives one, the method it came from and a note (an assumption, a limit).  Quantities
(per gram of particle, house definitions of ``docs/model.md``):

============================  ==========================================================
``porosity``                  intraparticle porosity ``v_p / (v_s + v_p)`` (fraction of the envelope)
``pore_volume_cm3_g``         total intraparticle pore volume ``v_p = v_open + v_closed``
``open_pore_volume_cm3_g``    pores reached by a gas, mercury or a liquid from outside
``closed_pore_volume_cm3_g``  pores no probe from outside reaches
``closed_pore_fraction``      ``v_closed / v_p``
``ssa_m2_g``                  specific surface area
``true_density_g_cm3``        ``1 / v_s`` (pore-free solid)
``skeletal_density_g_cm3``    ``1 / (v_s + v_closed)`` (He pycnometry)
``envelope_density_g_cm3``    ``1 / (v_s + v_p)`` (particle density)
``micropore_volume_cm3_g``    open pores below 2 nm (IUPAC micropores: t-plot, Dubinin-Radushkevich)
``electrolyte_inaccessible_fraction``  share of the OPEN pore volume a liquid electrolyte does not enter
``primary_particle_size_nm``, ``secondary_particle_size_um``, ``accommodation_efficiency``
============================  ==========================================================

plus a pore-size distribution summary (:class:`PoreSizeDistribution`), the registry name of
the method that measured it (``method``) and the pore sizes its volumes cover
(``size_range_nm``).  A profile serialises to JSON with a schema version
(:meth:`PoreProfile.to_dict`, :func:`read_profile`, :func:`write_profile`); a newer version
is refused in one line.

Pores too small for the electrolyte: "large-sized pores can allow electrolyte penetration,
while mesopores and micropores (<2 nm) may not" (the review, Luo et al. 2026, citing its
ref. 38; the seed copy has no reference list).  :meth:`PoreProfile.inaccessible_fraction`
turns a measurement into ``electrolyte_inaccessible_fraction`` below a threshold
(:data:`ELECTROLYTE_THRESHOLD_NM` = 2 nm by default, changeable): the micropore volume over
the open pore volume when the threshold is the micropore limit, else the share of a
pore-size distribution that reaches below the threshold.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from alloypore import tomlio
from alloypore._display import fmt, frame, html_table, text_table
from alloypore._io import atomic_write_text, check_input_file
from alloypore.characterization._numerics import geometric_bin_edges
from alloypore.errors import DataFileError, InputError
from alloypore.particle.spec import ParticleSpec
from alloypore.provenance import with_provenance
from alloypore.spec_errors import validate

__all__ = [
    "SCHEMA",
    "SCHEMA_VERSION",
    "QUANTITIES",
    "Measured",
    "PoreSizeDistribution",
    "PoreProfile",
    "composition_dict",
    "require_composition",
    "ELECTROLYTE_THRESHOLD_NM",
    "MICROPORE_LIMIT_NM",
    "read_profile",
    "parse_profile",
    "write_profile",
]

SCHEMA = "alloypore.pore_profile"
#: Version of the JSON form; :meth:`PoreProfile.from_dict` refuses a newer one (2: method, size range,
#: micropore volume and electrolyte-inaccessible fraction; version 1 files are read too).
SCHEMA_VERSION = 2
#: IUPAC micropores: widths below 2 nm (Thommes et al., Pure Appl. Chem. 87 (2015) 1051).
MICROPORE_LIMIT_NM = 2.0
#: Default pore size below which electrolyte does not enter (the review's "(<2 nm) may not", its ref. 38).
ELECTROLYTE_THRESHOLD_NM = 2.0

#: ``[particle]`` fields a profile sets besides the pore amount and the closed fraction.
_SPEC_EXTRAS = ("ssa_m2_g", "primary_particle_size_nm", "secondary_particle_size_um", "accommodation_efficiency",
                "electrolyte_inaccessible_fraction")

_COMPOSITION_HINT = 'needed for the [particle] section (the spec lists the phases), e.g. --composition "Si=0.5,amorphous_carbon=0.5"'


@dataclass(frozen=True)
class Measured:
    """One measured quantity: value, uncertainty (same unit; None when the method gives none), method, note."""

    value: float
    uncertainty: float | None = None
    method: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", float(self.value))
        if self.uncertainty is not None:
            object.__setattr__(self, "uncertainty", abs(float(self.uncertainty)))

    def describe(self) -> str:
        """``"method (± u); note"`` for comments and JSON ``sources``."""
        text = self.method or "given"
        if self.uncertainty is not None:
            text += f" (± {self.uncertainty:.3g})"
        return f"{text}; {self.note}" if self.note else text

    @property
    def assumed(self) -> bool:
        """True for a value the method assumes rather than measures (e.g. no closed pores seen by gas)."""
        return "assumed" in self.note or self.method.startswith("assumed")

    def to_dict(self) -> dict:
        return {"value": _finite_or_none(self.value), "uncertainty": self.uncertainty, "method": self.method, "note": self.note}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Measured":
        value = data["value"]
        return cls(float("nan") if value is None else value, data.get("uncertainty"), str(data.get("method", "")),
                   str(data.get("note", "")))


@dataclass(frozen=True)
class PoreSizeDistribution:
    """A pore-size distribution: ``density`` = dV/dlog10(d) at bin centres ``diameter_nm`` (ascending).

    ``unit`` says what V is: ``"cm3/g"``, ``"fraction of the pore volume"`` (tomography) or
    ``"fraction of the signal"`` (NMR without a liquid volume).  Bin edges are the
    geometric midpoints between centres (end bins mirrored), as every method here bins.
    """

    diameter_nm: tuple[float, ...]
    density: tuple[float, ...]
    unit: str
    method: str
    modal_diameters_nm: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        d = tuple(float(v) for v in np.asarray(self.diameter_nm, dtype=float).ravel())
        y = tuple(float(v) for v in np.asarray(self.density, dtype=float).ravel())
        if len(d) != len(y):
            raise InputError("psd", f"{len(d)} diameters, {len(y)} values", "as many values as diameters")
        object.__setattr__(self, "diameter_nm", d)
        object.__setattr__(self, "density", y)
        object.__setattr__(self, "modal_diameters_nm", tuple(float(v) for v in self.modal_diameters_nm if math.isfinite(v)))

    def edges_nm(self) -> np.ndarray:
        """Bin edges: geometric midpoints between the centres, the end bins mirrored."""
        return geometric_bin_edges(self.diameter_nm)

    def volume_fraction_below(self, diameter_nm: float) -> float:
        """Share of the distributed volume in pores smaller than ``diameter_nm``.

        ``sum(density * dlog10 d)`` over the bins below, a bin cut by the threshold
        counted in proportion to its log width; negative bins count as 0.
        """
        if not self.diameter_nm:
            raise InputError("psd", "empty", "a distribution with at least one bin")
        loge = np.log10(self.edges_nm())
        y = np.clip(np.asarray(self.density, dtype=float), 0.0, None)
        per_bin = y * np.diff(loge)
        total = float(per_bin.sum())
        if total <= 0:
            return float("nan")
        share = np.clip((math.log10(diameter_nm) - loge[:-1]) / np.diff(loge), 0.0, 1.0)
        return float((per_bin * share).sum() / total)

    def volume_between(self, lo_nm: float, hi_nm: float) -> float:
        """Distributed volume (in ``unit``) in pores from ``lo_nm`` to ``hi_nm``: ``sum(density * dlog10 d)``
        over the bins, a cut bin counted in proportion to its log width; negative bins count as 0."""
        loge = np.log10(self.edges_nm())
        per_bin = np.clip(np.asarray(self.density, dtype=float), 0.0, None) * np.diff(loge)
        lo, hi = math.log10(max(lo_nm, 1e-300)), math.log10(max(hi_nm, 1e-300))
        share = np.clip((np.minimum(hi, loge[1:]) - np.maximum(lo, loge[:-1])) / np.diff(loge), 0.0, 1.0)
        return float((per_bin * share).sum())

    def to_dict(self) -> dict:
        return dataclasses.asdict(self) | {"diameter_nm": list(self.diameter_nm), "density": list(self.density),
                                           "modal_diameters_nm": list(self.modal_diameters_nm)}


def composition_dict(composition, field: str = "composition") -> dict[str, float] | None:
    """Mass fractions as ``{material: fraction}`` from a dict or a ``[{"material", "mass_fraction"}]`` list.

    None stays None; fractions must sum to 1 (within 1e-6).
    """
    if composition is None:
        return None
    if isinstance(composition, Mapping):
        out = {str(k): float(v) for k, v in composition.items()}
    else:
        try:
            out = {str(p["material"]): float(p["mass_fraction"]) for p in composition}
        except (TypeError, KeyError, ValueError):
            raise InputError(field, composition, "material -> mass fraction pairs") from None
    if not out:
        return None
    total = sum(out.values())
    if abs(total - 1.0) > 1e-6:
        raise InputError(field, out, f"mass fractions summing to 1 (they sum to {total:.6g})")
    return out


def _quantity(unit: str, meaning: str):
    """A measured-quantity field of :class:`PoreProfile` (None when not measured); its unit and meaning as metadata."""
    return dataclasses.field(default=None, metadata={"unit": unit, "meaning": meaning})


def require_composition(composition) -> dict[str, float]:
    """The composition as a dict; when there is none, THE one-line error every face shows (it names ``--composition``)."""
    comp = composition_dict(composition)
    if not comp:
        raise InputError("composition", None, _COMPOSITION_HINT)
    return comp


@dataclass(frozen=True)
class PoreProfile:
    """Measured intraparticle pores of one powder (see the module docstring for the quantities).

    Plain numbers given for a quantity become ``Measured(value, method="given")``.
    ``composition`` (material -> mass fraction) is what the spec's phases will be;
    ``source`` names what was measured; ``notes`` are carried into the spec's comments.
    """

    porosity: Measured | None = _quantity("fraction of the envelope volume", "intraparticle porosity v_p / (v_s + v_p)")
    pore_volume_cm3_g: Measured | None = _quantity("cm3/g", "total intraparticle pore volume v_open + v_closed")
    open_pore_volume_cm3_g: Measured | None = _quantity("cm3/g", "pore volume reached from outside (gas, mercury, liquid)")
    closed_pore_volume_cm3_g: Measured | None = _quantity("cm3/g", "pore volume no probe from outside reaches")
    closed_pore_fraction: Measured | None = _quantity("fraction of the pore volume", "v_closed / v_p")
    ssa_m2_g: Measured | None = _quantity("m2/g", "specific surface area")
    true_density_g_cm3: Measured | None = _quantity("g/cm3", "density of the pore-free solid, 1 / v_s")
    skeletal_density_g_cm3: Measured | None = _quantity("g/cm3", "He-pycnometry density 1 / (v_s + v_closed)")
    envelope_density_g_cm3: Measured | None = _quantity("g/cm3", "particle density 1 / (v_s + v_p)")
    primary_particle_size_nm: Measured | None = _quantity("nm", "primary particle (crystallite, building block) size")
    secondary_particle_size_um: Measured | None = _quantity("um", "secondary particle diameter")
    accommodation_efficiency: Measured | None = _quantity("fraction", "share of the pore volume that takes up expansion")
    micropore_volume_cm3_g: Measured | None = _quantity("cm3/g", "open pore volume in pores below 2 nm (IUPAC micropores)")
    electrolyte_inaccessible_fraction: Measured | None = _quantity(
        "fraction of the open pore volume", "open pore volume a liquid electrolyte does not enter (pores below the threshold)")
    psd: PoreSizeDistribution | None = None
    composition: dict | None = None
    source: str = ""
    notes: tuple[str, ...] = ()
    method: str = ""
    size_range_nm: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        for name in QUANTITIES:
            v = getattr(self, name)
            if v is not None and not isinstance(v, Measured):
                object.__setattr__(self, name, Measured(v))
        object.__setattr__(self, "composition", composition_dict(self.composition))
        object.__setattr__(self, "notes", tuple(str(n) for n in self.notes))
        if self.size_range_nm is not None:
            object.__setattr__(self, "size_range_nm", tuple(float(v) for v in self.size_range_nm))

    # ------------------------------------------------------------------ reading
    def measured(self) -> dict[str, Measured]:
        """The quantities that were measured (finite values), in the order of :data:`QUANTITIES`."""
        out = {}
        for name in QUANTITIES:
            m = getattr(self, name)
            if m is not None and math.isfinite(m.value):
                out[name] = m
        return out

    def to_frame(self):
        """The measured quantities as a pandas table (quantity, unit, value, uncertainty, method, note)."""
        return frame([(name, QUANTITIES[name][0], q.value, q.uncertainty, q.method, q.note)
                      for name, q in self.measured().items()],
                     ["quantity", "unit", "value", "uncertainty", "method", "note"])

    def __repr__(self) -> str:
        rows = [(name, fmt(q.value), QUANTITIES[name][0], q.describe()) for name, q in self.measured().items()]
        return text_table(f"PoreProfile: {self.source or '(no source)'}", rows) if rows else "PoreProfile: (nothing measured)"

    def _repr_html_(self) -> str:
        rows = [(name, QUANTITIES[name][0], q.value, q.describe()) for name, q in self.measured().items()]
        return html_table(f"PoreProfile: {self.source or '(no source)'}", ["quantity", "unit", "value", "method"], rows,
                          "; ".join(self.notes))

    def value(self, name: str) -> float | None:
        """The value of quantity ``name``, or None when it was not measured."""
        m = self.measured().get(name)
        return None if m is None else m.value

    def replace(self, **changes) -> "PoreProfile":
        """A copy with some fields changed (plain numbers become ``Measured``)."""
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ the [particle] section
    def inaccessible_fraction(self, threshold_nm: float = ELECTROLYTE_THRESHOLD_NM) -> Measured | None:
        """The share of the open pore volume in pores below ``threshold_nm`` (None when the profile cannot tell).

        A measured ``electrolyte_inaccessible_fraction`` at the default threshold is returned as is.
        Otherwise, with the threshold at the micropore limit (2 nm): micropore volume / open pore
        volume (uncertainties combined in quadrature); for any threshold: the share of a
        pore-size distribution in cm3/g whose smallest bin reaches below the threshold.
        """
        m = self.measured()
        threshold_nm = float(threshold_nm)
        if not threshold_nm > 0:
            raise InputError("electrolyte_threshold_nm", threshold_nm, "a pore size > 0 nm")
        given = m.get("electrolyte_inaccessible_fraction")
        if given is not None and threshold_nm == ELECTROLYTE_THRESHOLD_NM:
            return given
        src = f"pores below {threshold_nm:g} nm do not take electrolyte (review ref. 38: micropores < 2 nm may not)"
        mic, opn = m.get("micropore_volume_cm3_g"), m.get("open_pore_volume_cm3_g")
        if threshold_nm == MICROPORE_LIMIT_NM and mic is not None and opn is not None and opn.value > 0:
            f = min(mic.value / opn.value, 1.0)
            u = None
            if mic.uncertainty is not None and opn.uncertainty is not None and mic.value > 0:
                u = f * math.hypot(mic.uncertainty / mic.value, opn.uncertainty / opn.value)
            return Measured(f, u, f"micropore volume ({mic.method}) / open pore volume ({opn.method})", src)
        if (self.method == "isotherm" and self.psd is not None and self.psd.unit == "cm3/g" and self.psd.diameter_nm
                and self.psd.edges_nm()[0] < threshold_nm):
            f = self.psd.volume_fraction_below(threshold_nm)
            if math.isfinite(f):
                return Measured(f, None, f"share of the {self.psd.method} distribution below {threshold_nm:g} nm", src)
        return None

    def particle_fields(self, threshold_nm: float = ELECTROLYTE_THRESHOLD_NM) -> dict:
        """The ``[particle]`` fields this profile sets (what "use in design" carries over).

        ``porosity`` when known, else ``pore_volume_cm3_g`` (the other is set to None so
        that it replaces, not adds to, a design's pore amount); ``closed_pore_fraction``
        when measured; sizes, SSA and accommodation efficiency when measured;
        ``electrolyte_inaccessible_fraction`` when :meth:`inaccessible_fraction` can tell.
        """
        m = dict(self.measured())
        inacc = self.inaccessible_fraction(threshold_nm)
        if inacc is not None:
            m["electrolyte_inaccessible_fraction"] = inacc
        out: dict = {}
        if "porosity" in m:
            out["porosity"], out["pore_volume_cm3_g"] = m["porosity"].value, None
        elif "pore_volume_cm3_g" in m:
            out["pore_volume_cm3_g"], out["porosity"] = m["pore_volume_cm3_g"].value, None
        if "closed_pore_fraction" in m:
            out["closed_pore_fraction"] = m["closed_pore_fraction"].value
        out.update({name: m[name].value for name in _SPEC_EXTRAS if name in m})
        return out

    def to_particle_spec(self, composition=None, *, threshold_nm: float = ELECTROLYTE_THRESHOLD_NM) -> dict:
        """The ``[particle]`` section (a dict), validated with :class:`~alloypore.particle.spec.ParticleSpec`.

        ``composition`` (a dict or a phase list) overrides the profile's; one of them is
        required.  An unmeasured closed fraction is written as 0 (every pore open, the
        spec's default) and said so in the TOML comments.  Raises :class:`InputError`
        without a composition or without any pore amount, :class:`SpecError` when a
        value is outside what the spec allows.
        """
        comp = require_composition(composition if composition is not None else self.composition)
        fields = self.particle_fields(threshold_nm)
        if fields.get("porosity") is None and fields.get("pore_volume_cm3_g") is None:
            raise InputError("pore_profile", "no porosity or pore volume", "a measurement giving porosity or pore volume")
        section: dict = {"phases": [{"material": k, "mass_fraction": v} for k, v in comp.items()]}
        section.update({k: v for k, v in fields.items() if v is not None and k in ("porosity", "pore_volume_cm3_g")})
        section["closed_pore_fraction"] = fields.get("closed_pore_fraction", 0.0)
        section.update({k: fields[k] for k in _SPEC_EXTRAS if k in fields})
        validate(ParticleSpec, section, prefix="particle")
        return section

    def to_particle_toml(self, composition=None, *, comment=(), threshold_nm: float = ELECTROLYTE_THRESHOLD_NM) -> str:
        """The ``[particle]`` section as TOML (one writer: :func:`alloypore.tomlio.dumps`).

        The comment lines say where each value came from; ``comment`` adds lines.
        """
        section = self.to_particle_spec(composition, threshold_nm=threshold_nm)
        m = dict(self.measured())
        inacc = self.inaccessible_fraction(threshold_nm)
        if inacc is not None:
            m["electrolyte_inaccessible_fraction"] = inacc
        lines = [f"measured pore profile: {self.source}" if self.source else "measured pore profile (alloypore characterize)"]
        lines += [f"{name}: {m[name].describe()}" for name in section if name in m]
        if "closed_pore_fraction" not in m:
            lines.append("closed_pore_fraction: not measured; 0 (every pore open) written")
        lines += [*self.notes, *comment]
        return tomlio.dumps({"particle": section}, comment=lines)

    # ------------------------------------------------------------------ JSON
    def summary(self) -> dict:
        """Scalars for the ``pore_profile`` object of ``alloypore characterize ... --json``."""
        m = self.measured()
        inacc = self.inaccessible_fraction()
        return {
            "porosity": self.value("porosity"),
            "closed_pore_fraction": self.value("closed_pore_fraction"),
            "ssa_m2_g": self.value("ssa_m2_g"),
            "pore_volume_cm3_g": self.value("pore_volume_cm3_g"),
            "modal_pore_diameters_nm": [] if self.psd is None else list(self.psd.modal_diameters_nm),
            "psd_method": "" if self.psd is None else self.psd.method,
            "sources": {name: q.describe() for name, q in m.items()},
            "uncertainties": {name: q.uncertainty for name, q in m.items() if q.uncertainty is not None},
            "micropore_volume_cm3_g": self.value("micropore_volume_cm3_g"),
            "electrolyte_inaccessible_fraction": None if inacc is None else inacc.value,
        }

    def to_dict(self) -> dict:
        """The whole profile as JSON-ready data, with :data:`SCHEMA` and :data:`SCHEMA_VERSION`."""
        return {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "method": self.method,
            "source": self.source,
            "size_range_nm": None if self.size_range_nm is None else list(self.size_range_nm),
            "composition": self.composition,
            "quantities": {name: q.to_dict() for name, q in self.measured().items()},
            "psd": None if self.psd is None else self.psd.to_dict(),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Any, *, origin: str = "pore profile") -> "PoreProfile":
        """Read :meth:`to_dict` output; a newer schema version, an unknown quantity or a bad value is one line."""
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise DataFileError(origin, f"not an alloypore pore profile (no \"schema\": \"{SCHEMA}\")")
        version = data.get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise DataFileError(origin, f"schema_version {version!r}: allowed an integer 1..{SCHEMA_VERSION}")
        if version > SCHEMA_VERSION:
            raise DataFileError(origin, f"schema_version {version} is newer than this alloypore reads ({SCHEMA_VERSION}); "
                                        "upgrade alloypore")
        quantities = data.get("quantities") or {}
        unknown = sorted(set(quantities) - set(QUANTITIES))
        if unknown:
            raise DataFileError(origin, f"unknown quantity {unknown[0]!r}; allowed: {', '.join(QUANTITIES)}")
        try:
            fields = {name: Measured.from_dict(q) for name, q in quantities.items()}
            psd = data.get("psd")
            psd = None if psd is None else PoreSizeDistribution(**psd)
            rng = data.get("size_range_nm")
            return cls(**fields, psd=psd, composition=data.get("composition"), source=str(data.get("source", "")),
                       notes=tuple(data.get("notes") or ()), method=str(data.get("method") or ""),
                       size_range_nm=None if rng is None else tuple(rng))
        except (TypeError, KeyError, ValueError) as err:
            raise DataFileError(origin, f"malformed pore profile ({' '.join(str(err).split())[:120]})") from None

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, allow_nan=False)


#: The measured quantities of a profile, in order: name -> (unit, meaning).
QUANTITIES: dict[str, tuple[str, str]] = {
    f.name: (f.metadata["unit"], f.metadata["meaning"]) for f in dataclasses.fields(PoreProfile) if "unit" in f.metadata
}


def _finite_or_none(v: float) -> float | None:
    return v if math.isfinite(v) else None


def write_profile(profile: PoreProfile, path: str | Path) -> Path:
    """Write ``profile`` as JSON (atomically); returns the path."""
    return atomic_write_text(path, json.dumps(with_provenance(profile.to_dict()), indent=2, allow_nan=False) + "\n")


def parse_profile(raw: bytes | str, origin: str = "pore profile") -> PoreProfile:
    """A profile from the text (or bytes) of its JSON; refuses other files and newer schema versions in one line."""
    try:
        data = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFileError(origin, f"not a JSON pore profile ({' '.join(str(err).split())[:100]})") from None
    return PoreProfile.from_dict(data, origin=origin)


def read_profile(path: str | Path) -> PoreProfile:
    """Read a profile written by :func:`write_profile` (see :func:`parse_profile`)."""
    p = check_input_file(path, max_bytes=50_000_000)
    return parse_profile(p.read_bytes(), str(p))
