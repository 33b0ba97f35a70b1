"""The design chain: spec -> particle -> electrode -> cell, one design or arrays of designs.

:func:`evaluate_arrays` is the vectorised core: any numeric spec field may be replaced by
a numpy array (``overrides={"particle.porosity": np.linspace(0, 0.7, 50)}``) and the
whole chain broadcasts.  :func:`evaluate_design` is the same call with no overrides,
followed by the feasibility checks that raise a one-line :class:`SpecError`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from alloypore.cell.cathodes import get_cathode
from alloypore.cell.electrolytes import get_electrolyte
from alloypore.cell.model import CellArrays, CellProps, cell_arrays
from alloypore.cell.spec import DesignSpec, cathode_coating_density_g_cm3
from alloypore.electrode import (
    ElectrodeArrays,
    blend_props,
    electrode_arrays,
    lithiated_thickness_um,
)
from alloypore.errors import DataFileError, SpecError
from alloypore.materials import get_material
from alloypore.particle import ParticleArrays, VolumeBudget, particle_arrays, phase_props, volume_budget
from alloypore.spec_errors import validate

__all__ = [
    "DesignResult",
    "EXAMPLE_SPEC_TOML",
    "example_spec",
    "load_spec",
    "parse_spec",
    "spec_to_toml",
    "evaluate_design",
    "evaluate_arrays",
    "check_feasible",
    "numeric_fields",
]

EXAMPLE_SPEC_TOML = """\
# Built-in example: a porous Si-C particle (50 wt% Si, porosity 0.5, 60 % of the pores
# closed by the carbon) blended at 15 wt% into graphite, against NMC811.
name = "porous Si-C in graphite vs NMC811"

[particle]
phases = [{material = "Si", mass_fraction = 0.5}, {material = "amorphous_carbon", mass_fraction = 0.5}]
porosity = 0.5                 # intraparticle, fraction of envelope volume
closed_pore_fraction = 0.6
ssa_m2_g = 5.0
primary_particle_size_nm = 100
secondary_particle_size_um = 10

[electrode]
composite_mass_fraction = 0.15
graphite_mass_fraction = 0.80
binder_mass_fraction = 0.03
conductive_mass_fraction = 0.02
areal_capacity_mAh_cm2 = 4.0
compaction_density_g_cm3 = 1.6

[cell]
cathode = "NMC811"
np_ratio = 1.1
"""


def parse_spec(data: Mapping[str, Any]) -> DesignSpec:
    """Validate a spec dict (as read from TOML); one-line SpecError on any problem."""
    if not isinstance(data, Mapping) or "particle" not in data:
        raise SpecError("particle", "(missing)", "a design spec needs a [particle] section")
    return validate(DesignSpec, dict(data))


def example_spec() -> DesignSpec:
    """The built-in example design."""
    return parse_spec(tomllib.loads(EXAMPLE_SPEC_TOML))


def load_spec(path: str | Path) -> DesignSpec:
    """Read and validate a TOML design spec file."""
    from alloypore._io import check_input_file

    p = check_input_file(path, max_bytes=1_000_000)
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError(p, "not a UTF-8 text file (expected a TOML design spec)") from None
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(p, f"malformed TOML: {err}") from None
    return parse_spec(data)


def spec_to_toml(spec: DesignSpec) -> str:
    """The spec as TOML (values as validated, defaults included); :func:`parse_spec` reads it back."""
    import json

    d = spec.model_dump(mode="json", exclude_none=True)
    lines = [f"name = {json.dumps(d.pop('name'))}"] if "name" in d else []
    for sec in ("particle", "electrode", "cell"):
        lines.append(f"\n[{sec}]")
        for k, v in d[sec].items():
            if k == "phases":
                items = ", ".join(
                    "{" + ", ".join(f"{kk} = {json.dumps(vv)}" for kk, vv in ph.items()) + "}" for ph in v
                )
                lines.append(f"phases = [{items}]")
            else:
                lines.append(f"{k} = {json.dumps(v)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# numeric fields that may be varied


def numeric_fields(spec: DesignSpec) -> list[str]:
    """Dotted names of every numeric field of ``spec`` that :func:`evaluate_arrays` can vary."""
    out = []
    for i, _ in enumerate(spec.particle.phases):
        out.append(f"particle.phases.{i}.mass_fraction")
    for section in ("particle", "electrode", "cell"):
        model = getattr(spec, section)
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, bool) or name == "phases":
                continue
            if isinstance(value, (int, float)) or (value is None and _is_numeric_field(info)):
                out.append(f"{section}.{name}")
    return out


def _is_numeric_field(info) -> bool:
    return "float" in str(info.annotation) or "int" in str(info.annotation)


@dataclass(frozen=True)
class DesignResult:
    """Results of the chain for one design or an array of designs."""

    spec: DesignSpec
    particle: ParticleArrays
    electrode: ElectrodeArrays
    cell: CellArrays
    budget: VolumeBudget | None = None
    notes: dict = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready dict: ``particle``, ``electrode``, ``cell`` (+ spec and budget)."""
        out = {
            "name": self.spec.name,
            "particle": self.particle.to_dict(),
            "electrode": self.electrode.to_dict(),
            "cell": self.cell.to_dict(),
        }
        for key in ("particle", "electrode", "cell"):
            out[key] = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in out[key].items()}
        if "first_cycle_efficiency_basis" in self.notes:
            out["electrode"]["first_cycle_efficiency_basis"] = self.notes["first_cycle_efficiency_basis"]
        if self.budget is not None:
            out["volume_budget"] = self.budget.to_dict()
        out["spec"] = self.spec.model_dump(mode="json")
        return out


def evaluate_arrays(
    spec: DesignSpec, overrides: Mapping[str, Any] | None = None, *, budget_points: int = 0
) -> DesignResult:
    """Evaluate the chain, with any numeric field replaced by an array (broadcasting).

    Categorical choices (materials, cathode, swelling model, format) come from ``spec``.
    Results are NaN-free only where the designs are feasible; see :func:`check_feasible`
    and ``result.electrode.feasible`` / ``result.cell.plating_free`` for masks.
    """
    ov = dict(overrides or {})
    known = set(numeric_fields(spec))
    for key in ov:
        if key not in known:
            raise SpecError(key, "(vary)", f"not a numeric spec field; allowed: {', '.join(sorted(known))}")

    def get(section: str, name: str):
        key = f"{section}.{name}"
        if key in ov:
            return np.asarray(ov[key], dtype=float)
        return getattr(getattr(spec, section), name)

    ps = spec.particle
    props = phase_props(ps)
    fractions = [
        np.asarray(ov.get(f"particle.phases.{i}.mass_fraction", ph.mass_fraction), dtype=float)
        for i, ph in enumerate(ps.phases)
    ]
    if "particle.pore_volume_cm3_g" in ov or (ps.pore_volume_cm3_g is not None and "particle.porosity" not in ov):
        pore_kw = {"pore_volume_cm3_g": get("particle", "pore_volume_cm3_g")}
    else:
        pore_kw = {"porosity": get("particle", "porosity") if ps.porosity is not None or "particle.porosity" in ov else 0.0}
    p = particle_arrays(
        fractions,
        props,
        closed_pore_fraction=get("particle", "closed_pore_fraction"),
        accommodation_efficiency=get("particle", "accommodation_efficiency"),
        **pore_kw,
    )

    es = spec.electrode
    b = blend_props(es.blend_material, es.binder_material, es.conductive_material)
    w = {k: get("electrode", f"{k}_mass_fraction") for k in ("composite", "graphite", "binder", "conductive")}
    if "electrode.loading_mg_cm2" in ov or (es.loading_mg_cm2 is not None and "electrode.areal_capacity_mAh_cm2" not in ov):
        load_kw = {"loading_mg_cm2": get("electrode", "loading_mg_cm2")}
    else:
        a = get("electrode", "areal_capacity_mAh_cm2")
        load_kw = {"areal_capacity_mAh_cm2": 4.0 if a is None else a}
    min_por = get("electrode", "min_porosity")
    e = electrode_arrays(
        p,
        b,
        composite_mass_fraction=w["composite"],
        graphite_mass_fraction=w["graphite"],
        binder_mass_fraction=w["binder"],
        conductive_mass_fraction=w["conductive"],
        compaction_density_g_cm3=get("electrode", "compaction_density_g_cm3"),
        swelling_model=es.swelling_model,
        min_porosity=min_por,
        swelling_limit_pct=get("electrode", "swelling_limit_pct"),
        first_cycle_efficiency=1.0,  # resolved below from the components
        **load_kw,
    )
    ice, ice_basis = _anode_first_cycle_efficiency(spec, ov, get, p, b, w)
    e = dataclasses.replace(e, first_cycle_efficiency=np.asarray(ice, dtype=float))

    cs = spec.cell
    cath = get_cathode(cs.cathode)
    act = get("cell", "cathode_active_mass_fraction")
    cprops = CellProps(
        cathode_capacity_mAh_g=cath.capacity_mAh_g if cs.cathode_capacity_mAh_g is None else cs.cathode_capacity_mAh_g,
        cathode_voltage_V=cath.voltage_V if cs.cathode_voltage_V is None else cs.cathode_voltage_V,
        cathode_first_cycle_efficiency=(
            cath.first_cycle_efficiency if cs.cathode_first_cycle_efficiency is None else cs.cathode_first_cycle_efficiency
        ),
        cathode_coating_density_g_cm3=cathode_coating_density_g_cm3(cath.density_g_cm3, act),
    )
    for name in ("cathode_capacity_mAh_g", "cathode_voltage_V", "cathode_first_cycle_efficiency"):
        if f"cell.{name}" in ov:
            cprops = CellProps(**{**cprops.__dict__, name: ov[f"cell.{name}"]})
    if "cell.cathode_active_mass_fraction" in ov:
        cprops = CellProps(
            **{**cprops.__dict__, "cathode_coating_density_g_cm3": cathode_coating_density_g_cm3(cath.density_g_cm3, act)}
        )

    def anode_thickness_at(theta):
        return lithiated_thickness_um(
            e,
            p,
            b,
            theta,
            fractions=(w["composite"], w["graphite"], w["binder"], w["conductive"]),
            model=es.swelling_model,
            min_porosity=min_por,
        )

    cell_kw = {
        name: get("cell", name)
        for name in (
            "np_ratio",
            "cathode_active_mass_fraction",
            "cathode_porosity",
            "separator_thickness_um",
            "separator_porosity",
            "separator_density_g_cm3",
            "anode_foil_thickness_um",
            "cathode_foil_thickness_um",
            "electrolyte_excess",
            "electrolyte_g_Ah",
            "pouch_electrode_area_cm2",
            "pouch_layers",
            "pouch_laminate_thickness_um",
            "pouch_laminate_density_g_cm3",
            "pouch_seal_width_mm",
            "pouch_tab_mass_g",
        )
    }
    elyte = get_electrolyte(cs.electrolyte)
    rho_el = get("cell", "electrolyte_density_g_cm3")
    c = cell_arrays(
        electrolyte_density_g_cm3=elyte.density_g_cm3 if rho_el is None else rho_el,
        solid_electrolyte=elyte.is_solid,
        anolyte_volume_fraction=get("cell", "anolyte_volume_fraction"),
        catholyte_volume_fraction=get("cell", "catholyte_volume_fraction"),
        anode_areal_capacity_mAh_cm2=e.areal_capacity_mAh_cm2,
        anode_loading_mg_cm2=e.loading_mg_cm2,
        anode_thickness_um=e.thickness_um,
        anode_porosity=e.porosity,
        anode_open_intraparticle_cm3_cm2=e.open_intraparticle_pore_volume_cm3_cm2,
        anode_first_cycle_efficiency=e.first_cycle_efficiency,
        anode_potential_V=e.delithiation_potential_V,
        anode_thickness_at=anode_thickness_at,
        props=cprops,
        format=cs.format,
        **cell_kw,
    )
    budget = volume_budget(p, np.linspace(0.0, 1.0, budget_points)) if budget_points else None
    shape = np.broadcast_shapes(*(np.shape(v) for v in ov.values())) if ov else ()
    return DesignResult(
        spec=spec,
        particle=_broadcast(p, shape),
        electrode=_broadcast(e, shape),
        cell=_broadcast(c, shape),
        budget=budget,
        notes={"first_cycle_efficiency_basis": ice_basis},
    )


#: ICE assumed for a composite particle when the spec gives neither an ICE nor an SSA.
DEFAULT_COMPOSITE_ICE = 0.85


def _anode_first_cycle_efficiency(spec, ov, get, p, b, w):
    """First-cycle efficiency of the anode coating and a sentence saying where it comes from.

    Given for the coating: used as is.  Otherwise the irreversible losses of the components
    add up, ``L = w_c q_p (1/ICE_p - 1) + w_g q_g (1/ICE_g - 1)`` and ``ICE = q_e/(q_e + L)``,
    with the particle's ICE from the spec, else ESTIMATED from its SSA by the literature fit
    (:func:`alloypore.literature.estimate_ice_from_ssa`), else assumed 0.85; the blend carbon's
    from the materials table.
    """
    if "electrode.first_cycle_efficiency" in ov or spec.electrode.first_cycle_efficiency is not None:
        return get("electrode", "first_cycle_efficiency"), "given for the electrode in the spec"
    ps = spec.particle
    if "particle.first_cycle_efficiency" in ov or ps.first_cycle_efficiency is not None:
        ice_p, basis = get("particle", "first_cycle_efficiency"), "particle ICE given in the spec"
    elif "particle.ssa_m2_g" in ov or ps.ssa_m2_g is not None:
        from alloypore.literature import estimate_ice_from_ssa

        ssa = np.asarray(get("particle", "ssa_m2_g"), dtype=float)
        est = np.vectorize(lambda x: estimate_ice_from_ssa(float(x)), otypes=[float, float, float])(ssa)
        ice_p = est[0]
        if ssa.ndim == 0:
            basis = (
                f"ESTIMATE: particle ICE {float(est[0]):.3f} (95 % prediction interval {float(est[1]):.3f}-"
                f"{float(est[2]):.3f}) from SSA {float(ssa):g} m2/g by the literature ICE-SSA fit"
            )
        else:
            basis = "ESTIMATE: particle ICE from SSA by the literature ICE-SSA fit"
    else:
        ice_p, basis = DEFAULT_COMPOSITE_ICE, f"ASSUMED particle ICE {DEFAULT_COMPOSITE_ICE} (give ssa_m2_g or first_cycle_efficiency)"
    blend = get_material(spec.electrode.blend_material)
    ice_g = blend.typical_first_cycle_efficiency or 0.90
    q_c = w["composite"] * p.capacity_mAh_g
    q_g = w["graphite"] * b.blend_capacity_mAh_g
    loss = q_c * (1.0 / np.asarray(ice_p) - 1.0) + q_g * (1.0 / ice_g - 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ice = (q_c + q_g) / (q_c + q_g + loss)
    return ice, f"{basis}; {spec.electrode.blend_material} ICE {ice_g:g} (materials table)"


def _broadcast(obj, shape):
    """Every array field of a result dataclass broadcast to the common design shape."""
    if not shape:
        return obj
    return dataclasses.replace(
        obj, **{f.name: np.broadcast_to(getattr(obj, f.name), shape) for f in dataclasses.fields(obj)}
    )


def check_feasible(result: DesignResult) -> DesignResult:
    """Raise a one-line SpecError if a single design cannot be built or cycled."""
    s, e, c = result.spec, result.electrode, result.cell
    if float(e.specific_capacity_mAh_g) <= 0:
        raise SpecError(
            "electrode.composite_mass_fraction",
            s.electrode.composite_mass_fraction,
            "the coating has no active capacity; give a composite or graphite fraction > 0",
        )
    if not bool(e.feasible):
        raise SpecError(
            "electrode.compaction_density_g_cm3",
            s.electrode.compaction_density_g_cm3,
            f"leaves no interparticle pores (porosity {float(e.porosity):.3f}); "
            f"the highest density these particles allow is {float(e.max_compaction_density_g_cm3):.3f} g/cm3",
        )
    if not bool(c.plating_free):
        cath = get_cathode(s.cell.cathode)
        ice_c = s.cell.cathode_first_cycle_efficiency or cath.first_cycle_efficiency
        np_min = float(e.first_cycle_efficiency) / ice_c
        raise SpecError(
            "cell.np_ratio",
            s.cell.np_ratio,
            f"the anode would be over-lithiated (theta = {float(c.anode_lithiation_charged):.3f} > 1, Li plating); "
            f"allowed np_ratio >= anode/cathode first-cycle efficiency = {np_min:.3f}",
        )
    if not bool(c.electrolyte_fits):
        field = "cell.anolyte_volume_fraction"
        value = s.cell.anolyte_volume_fraction
        room = float(e.porosity)
        if s.cell.anolyte_volume_fraction is None or s.cell.anolyte_volume_fraction <= room:
            field, value, room = "cell.catholyte_volume_fraction", s.cell.catholyte_volume_fraction, s.cell.cathode_porosity
        raise SpecError(field, value, f"the solid electrolyte does not fit; allowed <= the coating porosity {room:.3f}")
    if float(c.reversible_capacity_mAh_cm2) <= 0:
        raise SpecError(
            "electrode.first_cycle_efficiency",
            s.electrode.first_cycle_efficiency,
            "the first-cycle loss consumes all cyclable Li; raise it",
        )
    if float(c.cell_voltage_V) <= 0:
        raise SpecError("cell.cathode_voltage_V", s.cell.cathode_voltage_V, "cell voltage must be positive")
    return result


def evaluate_design(spec: DesignSpec | Mapping[str, Any] | None = None, *, budget_points: int = 51) -> DesignResult:
    """Evaluate one design (default: the built-in example) and check it is feasible."""
    if spec is None:
        spec = example_spec()
    elif not isinstance(spec, DesignSpec):
        spec = parse_spec(spec)
    return check_feasible(evaluate_arrays(spec, budget_points=budget_points))
