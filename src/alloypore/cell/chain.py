"""The design chain: spec -> particle -> electrode -> cell, one design or arrays of designs.

:func:`evaluate_arrays` is the vectorised core: any numeric spec field may be replaced by
a numpy array (``overrides={"particle.porosity": np.linspace(0, 0.7, 50)}``) and the
whole chain broadcasts.  :func:`evaluate_design` is the same call with no overrides,
followed by the feasibility checks that raise a one-line :class:`SpecError`.  The cell is
made by the format named in ``[cell] format`` (:mod:`alloypore.cell.formats`).
Spec files (the example, reading, writing) are in :mod:`alloypore.cell.specfile`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import numpy as np

from alloypore._display import design_frame, design_html, design_text
from alloypore.cell.cathodes import get_cathode
from alloypore.cell.electrolytes import get_electrolyte
from alloypore.cell.energy_model import anode_phase_shares, energy_function
from alloypore.cell.formats import FORMATS
from alloypore.cell.limits import LIMIT_DEFAULTS, binding_limits
from alloypore.cell.model import CellArrays, CellProps, cell_arrays
from alloypore.cell.spec import DesignSpec, cathode_coating_density_g_cm3
from alloypore.cell.specfile import EXAMPLE_SPEC_TOML, example_spec, load_spec, parse_spec, spec_to_toml
from alloypore.electrode import (
    BlendProps,
    ElectrodeArrays,
    blend_props,
    electrode_arrays,
    lithiated_thickness_um,
)
from alloypore.errors import SpecError
from alloypore.materials import get_material
from alloypore.particle import ParticleArrays, VolumeBudget, particle_arrays, phase_props, volume_budget
from alloypore.particle.ice import first_cycle_arrays, ice_basis

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

_FRACTIONS = ("composite", "graphite", "binder", "conductive")
# [cell] fields the repeat unit reads as numbers (arrays when varied)
_UNIT_FIELDS = (
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
)


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
        details = out["cell"].pop("format_details")
        for key in ("particle", "electrode", "cell"):
            out[key] = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in out[key].items()}
        out["cell"]["format"] = self.spec.cell.format
        out["cell"]["format_details"] = {k: np.asarray(v).tolist() for k, v in details.items()}
        out["cell"]["binding_limits"] = self.binding_limits()
        if "energy_basis" in self.notes:
            out["cell"]["energy_basis"] = self.notes["energy_basis"]
        if "first_cycle_efficiency_basis" in self.notes:
            out["electrode"]["first_cycle_efficiency_basis"] = self.notes["first_cycle_efficiency_basis"]
        if "first_cycle_loss" in self.notes:  # the particle's wetted-surface ICE model, when it was used
            out["particle"]["first_cycle_loss"] = {
                k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in self.notes["first_cycle_loss"].items()
            }
        if self.budget is not None:
            out["volume_budget"] = self.budget.to_dict()
        out["spec"] = self.spec.model_dump(mode="json")
        return out

    def to_frame(self):
        """A pandas table: one design -> rows (section, quantity, unit, value); arrays -> one row per design."""
        return design_frame(self.to_dict())

    def __repr__(self) -> str:
        return design_text(self.to_dict())

    def _repr_html_(self) -> str:
        return design_html(self.to_dict())

    def binding_limits(self) -> list[str] | list:
        """Names of the manufacturing and format limits that bind (one design), or a nested list
        of them per design (arrays); see :mod:`alloypore.cell.limits`."""
        masks = {name[len("binds_"):]: np.asarray(getattr(self.cell, name))
                 for name in type(self.cell).__dataclass_fields__ if name.startswith("binds_")}
        shape = np.broadcast_shapes(*(m.shape for m in masks.values()))
        if not shape:
            return binding_limits(masks)
        flat = {k: np.broadcast_to(m, shape).ravel() for k, m in masks.items()}
        lists = [binding_limits({k: m[i] for k, m in flat.items()}) for i in range(int(np.prod(shape)))]
        return np.array(lists + [None], dtype=object)[:-1].reshape(shape).tolist()


class _Inputs:
    """A spec with some numeric fields replaced by arrays (the overrides, already checked)."""

    def __init__(self, spec: DesignSpec, overrides: Mapping[str, Any] | None):
        self.spec = spec
        self.ov = dict(overrides or {})
        known = set(numeric_fields(spec))
        for key in self.ov:
            if key not in known:
                raise SpecError(key, "(vary)", f"not a numeric spec field; allowed: {', '.join(sorted(known))}")

    def varied(self, key: str) -> bool:
        return key in self.ov

    def get(self, section: str, name: str):
        """The field's value: the override as a float array, else the spec's value."""
        key = f"{section}.{name}"
        if key in self.ov:
            return np.asarray(self.ov[key], dtype=float)
        return getattr(getattr(self.spec, section), name)

    def shape(self) -> tuple[int, ...]:
        return np.broadcast_shapes(*(np.shape(v) for v in self.ov.values())) if self.ov else ()


def evaluate_arrays(
    spec: DesignSpec, overrides: Mapping[str, Any] | None = None, *, budget_points: int = 0
) -> DesignResult:
    """Evaluate the chain, with any numeric field replaced by an array (broadcasting).

    Categorical choices (materials, cathode, swelling model, format) come from ``spec``.
    Results are NaN-free only where the designs are feasible; see :func:`check_feasible`
    and ``result.electrode.feasible`` / ``result.cell.plating_free`` for masks.
    """
    inp = _Inputs(spec, overrides)
    p = _particle(inp)
    b = blend_props(spec.electrode.blend_material, spec.electrode.binder_material, spec.electrode.conductive_material,
                    basis=spec.particle.expansion_basis)
    e = _electrode(inp, p, b)
    ice, basis, loss = _anode_first_cycle_efficiency(inp, p, b)
    e = dataclasses.replace(e, first_cycle_efficiency=np.asarray(ice, dtype=float))
    energy, energy_basis = _energy(inp)
    c = _cell(inp, p, b, e, energy)
    budget = volume_budget(p, np.linspace(0.0, 1.0, budget_points)) if budget_points else None
    shape = inp.shape()
    return DesignResult(
        spec=spec,
        particle=_broadcast(p, shape),
        electrode=_broadcast(e, shape),
        cell=_broadcast(c, shape),
        budget=budget,
        notes={"first_cycle_efficiency_basis": basis, "energy_basis": energy_basis,
               **({"first_cycle_loss": loss} if loss else {})},
    )


def _particle(inp: _Inputs) -> ParticleArrays:
    ps = inp.spec.particle
    fractions = _phase_fractions(inp)
    if inp.varied("particle.pore_volume_cm3_g") or (ps.pore_volume_cm3_g is not None and not inp.varied("particle.porosity")):
        pore_kw = {"pore_volume_cm3_g": inp.get("particle", "pore_volume_cm3_g")}
    else:
        given = ps.porosity is not None or inp.varied("particle.porosity")
        pore_kw = {"porosity": inp.get("particle", "porosity") if given else 0.0}
    return particle_arrays(
        fractions,
        phase_props(ps),
        closed_pore_fraction=inp.get("particle", "closed_pore_fraction"),
        accommodation_efficiency=inp.get("particle", "accommodation_efficiency"),
        electrolyte_inaccessible_fraction=inp.get("particle", "electrolyte_inaccessible_fraction"),
        expansion_model=ps.expansion_model,
        **pore_kw,
    )


def _phase_fractions(inp: _Inputs) -> list[np.ndarray]:
    """Mass fraction of each particle phase (the override's array where varied)."""
    return [np.asarray(inp.ov.get(f"particle.phases.{i}.mass_fraction", ph.mass_fraction), dtype=float)
            for i, ph in enumerate(inp.spec.particle.phases)]


def _fractions(inp: _Inputs) -> dict[str, Any]:
    return {k: inp.get("electrode", f"{k}_mass_fraction") for k in _FRACTIONS}


def _electrode(inp: _Inputs, p: ParticleArrays, b: BlendProps) -> ElectrodeArrays:
    """The coating, with its first-cycle efficiency still to be resolved (set to 1)."""
    es = inp.spec.electrode
    w = _fractions(inp)
    if inp.varied("electrode.loading_mg_cm2") or (es.loading_mg_cm2 is not None and not inp.varied("electrode.areal_capacity_mAh_cm2")):
        load_kw = {"loading_mg_cm2": inp.get("electrode", "loading_mg_cm2")}
    else:
        a = inp.get("electrode", "areal_capacity_mAh_cm2")
        load_kw = {"areal_capacity_mAh_cm2": 4.0 if a is None else a}
    return electrode_arrays(
        p,
        b,
        composite_mass_fraction=w["composite"],
        graphite_mass_fraction=w["graphite"],
        binder_mass_fraction=w["binder"],
        conductive_mass_fraction=w["conductive"],
        compaction_density_g_cm3=inp.get("electrode", "compaction_density_g_cm3"),
        swelling_model=es.swelling_model,
        min_porosity=inp.get("electrode", "min_porosity"),
        swelling_limit_pct=inp.get("electrode", "swelling_limit_pct"),
        first_cycle_efficiency=1.0,  # resolved from the components by the caller
        **load_kw,
    )


def _cell_props(inp: _Inputs) -> CellProps:
    """The cathode's numbers: the table's, replaced by the spec's (or the overrides')."""
    cs = inp.spec.cell
    cath = get_cathode(cs.cathode)
    table = {
        "cathode_capacity_mAh_g": cath.capacity_mAh_g,
        "cathode_voltage_V": cath.voltage_V,
        "cathode_first_cycle_efficiency": cath.first_cycle_efficiency,
    }
    given = {name: getattr(cs, name) if getattr(cs, name) is not None else value for name, value in table.items()}
    given.update({name: inp.ov[f"cell.{name}"] for name in table if inp.varied(f"cell.{name}")})
    act = inp.get("cell", "cathode_active_mass_fraction")
    return CellProps(**given, cathode_coating_density_g_cm3=cathode_coating_density_g_cm3(cath.density_g_cm3, act))


def _cell(inp: _Inputs, p: ParticleArrays, b: BlendProps, e: ElectrodeArrays, energy) -> CellArrays:
    cs, es = inp.spec.cell, inp.spec.electrode
    w = _fractions(inp)
    min_por = inp.get("electrode", "min_porosity")

    def anode_thickness_at(theta):
        return lithiated_thickness_um(
            e, p, b, theta, fractions=tuple(w[k] for k in _FRACTIONS), model=es.swelling_model, min_porosity=min_por
        )

    elyte = get_electrolyte(cs.electrolyte)
    rho_el = inp.get("cell", "electrolyte_density_g_cm3")
    format_fields = {name: inp.get("cell", name) for fmt in FORMATS.values() for name in fmt.fields}
    props = _cell_props(inp)
    return cell_arrays(
        e,
        anode_thickness_at,
        props,
        format=cs.format,
        format_fields=format_fields,
        limits={name: inp.get("cell", name) for name in LIMIT_DEFAULTS},
        energy=energy,
        electrolyte_density_g_cm3=elyte.density_g_cm3 if rho_el is None else rho_el,
        solid_electrolyte=elyte.is_solid,
        anolyte_volume_fraction=inp.get("cell", "anolyte_volume_fraction"),
        catholyte_volume_fraction=inp.get("cell", "catholyte_volume_fraction"),
        **{name: inp.get("cell", name) for name in _UNIT_FIELDS},
    )


def _energy(inp: _Inputs):
    """The energy model of ``[cell] energy_model`` (:mod:`alloypore.cell.energy_model`) and a
    sentence saying what it rests on."""
    spec, cs = inp.spec, inp.spec.cell
    if cs.energy_model == "average":
        return None, "average potentials of the materials and cathode tables (energy_model = \"average\")"
    curves, shares, proxies = anode_phase_shares(
        phase_props(spec.particle),
        [inp.ov.get(f"particle.phases.{i}.mass_fraction", ph.mass_fraction) for i, ph in enumerate(spec.particle.phases)],
        inp.get("electrode", "composite_mass_fraction"), spec.electrode.blend_material,
        inp.get("electrode", "graphite_mass_fraction"),
    )
    fn = energy_function(energy_model=cs.energy_model, cathode=cs.cathode, cathode_voltage_V=inp.get("cell", "cathode_voltage_V"),
                         anode_curves=curves, anode_shares=shares, discharge_cutoff_V=inp.get("cell", "discharge_cutoff_V"))
    cut = inp.get("cell", "discharge_cutoff_V")
    basis = f"open-circuit voltage curves (materials/ocv.py), discharge to {cut:g} V" if cut else "open-circuit voltage curves, no cut-off"
    if proxies:
        basis += f"; PROXY straight-line curves (table average potential) for {', '.join(dict.fromkeys(proxies))}"
    return fn, basis


def _anode_first_cycle_efficiency(inp: _Inputs, p: ParticleArrays, b: BlendProps):
    """First-cycle efficiency of the anode coating, a sentence saying where it comes from, and the
    particle's loss budget (a dict, or None when the particle's ICE is given).

    Given for the coating: used as is.  Otherwise the irreversible losses of the components
    add up, ``L = w_c q_p (1/ICE_p - 1) + w_g q_g (1/ICE_g - 1)`` and ``ICE = q_e/(q_e + L)``,
    with the particle's ICE from the spec, else from the wetted-surface model
    (:mod:`alloypore.particle.ice`: SEI on the outer and open pore surface + intrinsic loss);
    the blend carbon's from the materials table.
    """
    spec = inp.spec
    if inp.varied("electrode.first_cycle_efficiency") or spec.electrode.first_cycle_efficiency is not None:
        return inp.get("electrode", "first_cycle_efficiency"), "given for the electrode in the spec", None
    ice_p, basis, loss = _particle_first_cycle_efficiency(inp, p)
    blend = get_material(spec.electrode.blend_material)
    ice_g = blend.typical_first_cycle_efficiency or 0.90
    w = _fractions(inp)
    q_c = w["composite"] * p.capacity_mAh_g
    q_g = w["graphite"] * b.blend_capacity_mAh_g
    loss_e = q_c * (1.0 / np.asarray(ice_p) - 1.0) + q_g * (1.0 / ice_g - 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ice = (q_c + q_g) / (q_c + q_g + loss_e)
    return ice, f"{basis}; {spec.electrode.blend_material} ICE {ice_g:g} (materials table)", loss


def _particle_first_cycle_efficiency(inp: _Inputs, p: ParticleArrays):
    """The particle's ICE, its basis and loss budget: given, else the wetted-surface model."""
    ps = inp.spec.particle
    if inp.varied("particle.first_cycle_efficiency") or ps.first_cycle_efficiency is not None:
        return inp.get("particle", "first_cycle_efficiency"), "particle ICE given in the spec", None
    props = phase_props(ps)
    fractions = _phase_fractions(inp)
    given = {k: inp.get("particle", k) for k in ("ssa_m2_g", "primary_particle_size_nm", "sei_areal_loss_mAh_m2")}
    ice = first_cycle_arrays(p, props, fractions, secondary_particle_size_um=inp.get("particle", "secondary_particle_size_um"),
                             ssa_basis=ps.ssa_basis, **given)
    return ice.first_cycle_efficiency, ice_basis(ice, props), ice.to_dict()


def _broadcast(obj, shape):
    """Every array field of a result dataclass broadcast to the common design shape."""
    if not shape:
        return obj

    def b(v):
        return {k: np.broadcast_to(x, shape) for k, x in v.items()} if isinstance(v, dict) else np.broadcast_to(v, shape)

    return dataclasses.replace(obj, **{f.name: b(getattr(obj, f.name)) for f in dataclasses.fields(obj)})


def _infeasibilities(result: DesignResult) -> Iterator[tuple[str, Any, str]]:
    """``(field, value, allowed)`` for each check a single design fails, in order (lazily)."""
    s, e, c = result.spec, result.electrode, result.cell
    if float(e.specific_capacity_mAh_g) <= 0:
        yield ("electrode.composite_mass_fraction", s.electrode.composite_mass_fraction,
               "the coating has no active capacity; give a composite or graphite fraction > 0")
    if not bool(e.feasible):
        yield ("electrode.compaction_density_g_cm3", s.electrode.compaction_density_g_cm3,
               f"leaves no interparticle pores (porosity {float(e.porosity):.3f}); "
               f"the highest density these particles allow is {float(e.max_compaction_density_g_cm3):.3f} g/cm3")
    if not bool(c.plating_free):
        ice_c = s.cell.cathode_first_cycle_efficiency or get_cathode(s.cell.cathode).first_cycle_efficiency
        yield ("cell.np_ratio", s.cell.np_ratio,
               f"the anode would be over-lithiated (theta = {float(c.anode_lithiation_charged):.3f} > 1, Li plating); "
               f"allowed np_ratio >= anode/cathode first-cycle efficiency = {float(e.first_cycle_efficiency) / ice_c:.3f}")
    if not bool(c.electrolyte_fits):
        field, value, room = "cell.anolyte_volume_fraction", s.cell.anolyte_volume_fraction, float(e.porosity)
        if value is None or value <= room:
            field, value, room = "cell.catholyte_volume_fraction", s.cell.catholyte_volume_fraction, s.cell.cathode_porosity
        yield (field, value, f"the solid electrolyte does not fit; allowed <= the coating porosity {room:.3f}")
    if float(c.reversible_capacity_mAh_cm2) <= 0:
        yield ("electrode.first_cycle_efficiency", s.electrode.first_cycle_efficiency,
               "the first-cycle loss consumes all cyclable Li; raise it")
    d = c.format_details
    if "roll_radius_pristine_mm" in d and float(d["roll_radius_pristine_mm"]) > float(d["can_inner_radius_mm"]):
        yield ("cell.cylinder_electrode_length_mm", s.cell.cylinder_electrode_length_mm,
               f"the roll does not fit the {s.cell.format} can even empty (radius {float(d['roll_radius_pristine_mm']):.3f} mm "
               f"> can {float(d['can_inner_radius_mm']):.3f} mm); allowed a shorter roll or a larger can")
    if float(c.cell_voltage_V) <= 0:
        yield ("cell.cathode_voltage_V", s.cell.cathode_voltage_V, "cell voltage must be positive")


def check_feasible(result: DesignResult) -> DesignResult:
    """Raise a one-line SpecError (the first failed check) if a single design cannot be built or cycled."""
    for field, value, allowed in _infeasibilities(result):
        raise SpecError(field, value, allowed)
    return result


def evaluate_design(spec: DesignSpec | Mapping[str, Any] | None = None, *, budget_points: int = 51) -> DesignResult:
    """Evaluate one design (default: the built-in example) and check it is feasible."""
    if spec is None:
        spec = example_spec()
    elif not isinstance(spec, DesignSpec):
        spec = parse_spec(spec)
    return check_feasible(evaluate_arrays(spec, budget_points=budget_points))
