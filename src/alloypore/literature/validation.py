"""Plausibility rules for literature rows: each rule is a function, not a list of bad rows.

Every rule returns :class:`Flag` objects naming the row, the field, the value, the
rule and a one-line reason with the numbers used.  Flagged values stay in the data;
flags with ``excluded=True`` keep the value out of fits unless the caller asks for it.

Rules
-----
``density_above_true_density``
    A tap density (powder) or compaction density (electrode) cannot exceed the true
    (pore-free) density of the solid.  Upper bound for an active/carbon composite::

        w_a   = min(1, Q / Q_a)                      (largest active share the capacity allows:
                                                      carbon assumed to store nothing)
        rho_t <= 1 / (w_a / rho_a + (1 - w_a) / rho_C,max)

    with ``Q`` the reported capacity, ``Q_a``, ``rho_a`` the active phase's theoretical
    capacity and density and ``rho_C,max`` the densest carbon of :mod:`alloypore.materials`
    (graphite, 2.26 g/cm3).  Any carbon capacity or binder lowers the true density, so
    the bound is conservative (it can only miss implausible values, not invent them).

``ssa_beyond_ice``
    The first-cycle charge loss must at least pay for the SEI on the wetted surface::

        Q (100 / ICE - 1)  >=  q_SEI,min * SSA   =>   SSA <= Q (100/ICE - 1) / q_SEI,min

    ``q_SEI,min = t * c_Li * F`` is the smallest Li charge per m^2 of a passivating SEI:
    ``t = 2 nm`` (below the thinnest SEI the review reports, 3 nm LiF-rich, ref. 181; an
    SEI thinner than the ~2 nm electron-tunnelling range does not passivate, Peled,
    J. Electrochem. Soc. 126 (1979) 2047) and the least Li-dense SEI compound, lithium
    ethylene dicarbonate (CH2OCO2Li)2, M = 161.98 g/mol, taken at a low density of
    1.2 g/cm3 (c_Li = 0.0148 mol/cm3).  This gives q_SEI,min = 0.79 mAh/m^2.  A 3 nm
    LiF SEI (2.64 g/cm3, CRC Handbook) would hold 8.2 mAh/m^2, so the bound is lenient
    by an order of magnitude.  It fails only if most of the BET area is closed to the
    electrolyte (sub-nanometre or closed pores), which the reason says.

``ssa_unit``
    A specific surface area has dimensions area/mass.  A printed unit of another
    dimension (Table 1's header "g m-2" is mass/area) is a unit mix-up; one of the right
    dimension but not m2/g (e.g. "cm2 g-1") is checked against the geometric minimum
    SSA of dense spheres of 100 um, ``6 / (rho_t d)`` m2/g (rho in g/cm3, d in um):
    if the printed unit would put the value below it, the unit cannot be right and the
    number is read as m2/g (flag ``corrected``, value kept in fits).

``retention_above_100``
    Retention above 100 % is flagged unless the active phase is SiOx, whose gradual
    electrochemical activation of the oxide matrix raises capacity over early cycles
    (the known activation case; then a note for up to 115 %, a flag above).

``capacity_above_theoretical``
    A composite cannot store more per gram than its active phase at full lithiation
    (Si 3579 mAh/g for Li15Si4; SiOx is bounded by Si).

``conflicting_values``
    Tap density and SSA are properties of the powder: when several rows of the same
    ``material_id`` disagree by more than 5 %, the value(s) outside the majority are
    flagged (all of them if there is no majority); a value equal to another material's of
    the same reference is reported as a likely row mix-up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from tokenize import TokenError
from typing import Callable, Iterable, Sequence

from alloypore.errors import InputError
from alloypore.materials import get_material, material_names, true_density_g_cm3

__all__ = [
    "Flag",
    "SEVERITIES",
    "FARADAY_MAH_MOL",
    "SEI_MIN_THICKNESS_NM",
    "SEI_MIN_LI_MOL_CM3",
    "ACTIVATION_MAX_RETENTION_PCT",
    "sei_charge_per_area_mAh_m2",
    "max_ssa_for_ice_m2_g",
    "composite_true_density_bound_g_cm3",
    "geometric_ssa_m2_g",
    "ssa_unit_factor",
    "rule_density_above_true_density",
    "rule_ssa_beyond_ice",
    "rule_ssa_unit",
    "rule_retention_above_100",
    "rule_capacity_above_theoretical",
    "rule_conflicting_values",
    "ROW_RULES",
    "run_rules",
]

#: severity -> excluded from fits by default
SEVERITIES = {"implausible": True, "conflict": True, "unit": True, "corrected": False, "note": False}

FARADAY_MAH_MOL = 96485.33212 / 3.6  # mAh per mol e-
SEI_MIN_THICKNESS_NM = 2.0
#: Li per cm3 of lithium ethylene dicarbonate (2 Li, M = 161.98 g/mol) at 1.2 g/cm3
SEI_MIN_LI_MOL_CM3 = 2 * 1.2 / 161.98
ACTIVATION_MAX_RETENTION_PCT = 115.0
CONFLICT_REL_TOL = 0.05
MAX_PARTICLE_DIAMETER_UM = 100.0

# active element of the dataset -> (materials name for the density/composition, materials
# name whose capacity bounds the composite's capacity)
_ACTIVE = {"Si": ("Si", "Si"), "SiOx": ("SiO", "Si"), "Sn": ("Sn", "Sn"), "Ge": ("Ge", "Ge"),
           "Sb": ("Sb", "Sb"), "Al": ("Al", "Al"), "C": ("graphite", "graphite")}


@dataclass(frozen=True)
class Flag:
    """One flagged value: ``excluded`` values stay in the data but leave fits by default."""

    row_id: str
    field: str
    value: object
    rule: str
    severity: str
    reason: str

    @property
    def excluded(self) -> bool:
        return SEVERITIES[self.severity]


# ---------------------------------------------------------------- physics helpers
def sei_charge_per_area_mAh_m2(thickness_nm: float, li_mol_cm3: float) -> float:
    """Li charge held by an SEI layer per m^2 of surface: ``q = t * c_Li * F``.

    Parameters
    ----------
    thickness_nm : float
        SEI thickness (nm).
    li_mol_cm3 : float
        Lithium per volume of SEI (mol/cm3), e.g. LiF: 2.64/25.94 = 0.102.

    Returns
    -------
    float
        mAh per m^2 (1 m^2 = 1e4 cm^2, 1 nm = 1e-7 cm).
    """
    return thickness_nm * 1e-7 * 1e4 * li_mol_cm3 * FARADAY_MAH_MOL


#: smallest SEI charge per m^2 used by the SSA-ICE rule (0.79 mAh/m^2)
SEI_MIN_MAH_M2 = sei_charge_per_area_mAh_m2(SEI_MIN_THICKNESS_NM, SEI_MIN_LI_MOL_CM3)


def max_ssa_for_ice_m2_g(capacity_mAh_g: float, ice_pct: float, q_sei_mAh_m2: float = SEI_MIN_MAH_M2) -> float:
    """Largest SSA whose SEI the first-cycle loss can pay for.

    ``SSA_max = Q (100/ICE - 1) / q_SEI`` with ``Q`` the reversible (delithiation)
    capacity in mAh/g and ICE in %.  See the module docstring for ``q_SEI``.
    """
    if not (0 < ice_pct <= 100) or capacity_mAh_g <= 0 or q_sei_mAh_m2 <= 0:
        raise InputError("ice_pct", ice_pct, "need 0 < ice_pct <= 100, capacity > 0, q_sei > 0")
    return capacity_mAh_g * (100.0 / ice_pct - 1.0) / q_sei_mAh_m2


@lru_cache(maxsize=None)
def _material(name: str):
    return get_material(name)


@lru_cache(maxsize=None)
def _densest_carbon() -> tuple[str, float]:
    carbons = [(n, get_material(n).density_g_cm3) for n in material_names() if get_material(n).kind == "carbon"]
    return max(carbons, key=lambda t: t[1])


def composite_true_density_bound_g_cm3(active_element: str, capacity_mAh_g: float | None = None) -> float:
    """Upper bound on the true density of an active/carbon composite of known capacity.

    ``w = min(1, Q/Q_a)``, ``rho <= 1/(w/rho_a + (1-w)/rho_C,max)`` (module docstring).
    Without a capacity the pure active phase's density is returned.
    """
    if active_element not in _ACTIVE:
        raise InputError("active_element", active_element, f"allowed {', '.join(_ACTIVE)}")
    name, _ = _ACTIVE[active_element]
    mat = _material(name)
    carbon, _rho_c = _densest_carbon()
    if capacity_mAh_g is None or not math.isfinite(capacity_mAh_g) or mat.capacity_mAh_g <= 0 or name == carbon:
        return mat.density_g_cm3
    w = min(1.0, capacity_mAh_g / mat.capacity_mAh_g)
    if w >= 1.0:
        return mat.density_g_cm3
    return true_density_g_cm3({name: w, carbon: 1.0 - w})


def geometric_ssa_m2_g(diameter_um: float, density_g_cm3: float) -> float:
    """External area per mass of dense spheres: ``6 / (rho d)`` m2/g (rho g/cm3, d um)."""
    return 6.0 / (density_g_cm3 * diameter_um)


@lru_cache(maxsize=None)
def _ureg():
    import pint

    return pint.UnitRegistry()


def _quantity(text: str):
    """``1 text`` as a pint Quantity, or None if pint cannot read ``text`` as a unit."""
    import pint  # already imported by _ureg; heavy, so only when a unit is read

    try:
        return _ureg().Quantity(1.0, text)
    except (pint.errors.PintError, TokenError, ValueError, AttributeError, AssertionError):
        # what pint's expression parser raises for text that is no unit: an undefined or
        # malformed unit (PintError, itself a ValueError/AttributeError), unbalanced brackets
        # (tokenize.TokenError), a dangling operator such as "g**" (AssertionError)
        return None


def ssa_unit_factor(unit_text: str) -> tuple[str, float | None]:
    """Classify a printed SSA unit: ``("ok"|"scaled"|"inverse"|"wrong", factor_to_m2_g)``.

    ``"g m−2"`` -> ``("inverse", None)``; ``"cm2 g-1"`` -> ``("scaled", 1e-4)``;
    ``"m2 g−1"``/``"m2/g"`` -> ``("ok", 1.0)``.
    """
    t = str(unit_text).replace("\u2212", "-").replace("²", "2").strip()
    if not t:
        return "ok", 1.0
    t = re.sub(r"([A-Za-z]+)(-?\d+)", r"\1**\2", t)
    t = re.sub(r"\s+", " * ", t)
    q = _quantity(t)
    if q is None:
        return "wrong", None
    target = _ureg().Quantity(1.0, "m**2/g")
    if q.dimensionality == target.dimensionality:
        f = float(q.to("m**2/g").magnitude)
        return ("ok", 1.0) if math.isclose(f, 1.0) else ("scaled", f)
    if q.dimensionality == (1 / target).dimensionality:
        return "inverse", None
    return "wrong", None


# ---------------------------------------------------------------- row rules
def _num(row: dict, key: str) -> float | None:
    v = row.get(key)
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return None
    return float(v)


def rule_density_above_true_density(row: dict, ctx: dict) -> list[Flag]:
    """Flag tap/compaction densities above the composite's true-density bound."""
    flags = []
    cap = _num(ctx, "capacity_mAh_g")
    try:
        bound = composite_true_density_bound_g_cm3(row["active_element"], cap)
    except InputError:
        return flags
    for key, what in (("tap_density_g_cm3", "tap density"), ("compaction_density_g_cm3", "compaction density")):
        v = _num(row, key)
        if v is not None and v > bound:
            basis = f"capacity {cap:g} mAh/g" if cap else "no capacity: pure active phase"
            flags.append(Flag(row["row_id"], key, v, "density_above_true_density", "implausible",
                              f"{what} {v:g} g/cm3 exceeds the composite's true density bound {bound:.2f} g/cm3 "
                              f"({row['active_element']} share from {basis}, rest graphite-density carbon): "
                              f"a powder or electrode cannot be denser than its pore-free solid"))
    return flags


def rule_ssa_beyond_ice(row: dict, ctx: dict) -> list[Flag]:
    """Flag an SSA larger than the first-cycle loss can cover with a minimal SEI."""
    ssa, cap, ice = _num(row, "ssa_m2_g"), _num(ctx, "capacity_mAh_g"), _num(ctx, "ice_pct")
    if ssa is None or cap is None or ice is None or ice >= 100:
        return []
    smax = max_ssa_for_ice_m2_g(cap, ice)
    if ssa <= smax:
        return []
    loss = cap * (100.0 / ice - 1.0)
    return [Flag(row["row_id"], "ssa_m2_g", ssa, "ssa_beyond_ice", "implausible",
                 f"SSA {ssa:g} m2/g needs >= {ssa * SEI_MIN_MAH_M2:.0f} mAh/g of SEI (>= {SEI_MIN_MAH_M2:.2f} mAh/m2 for a "
                 f"2 nm organic SEI) but ICE {ice:g} % at {cap:g} mAh/g loses only {loss:.0f} mAh/g: SSA <= {smax:.0f} m2/g "
                 f"unless most of the area is closed to electrolyte (or the SSA is a template's)")]


def rule_ssa_unit(row: dict, ctx: dict) -> list[Flag]:
    """Flag SSA values whose printed unit is not m2/g (dimension or scale)."""
    ssa = _num(row, "ssa_m2_g")
    unit = row.get("ssa_unit_printed") or ""
    if ssa is None or not unit:
        return []
    kind, factor = ssa_unit_factor(unit)
    if kind == "ok":
        return []
    rho = composite_true_density_bound_g_cm3(row["active_element"], _num(ctx, "capacity_mAh_g"))
    smin = geometric_ssa_m2_g(MAX_PARTICLE_DIAMETER_UM, rho)
    if kind == "inverse":
        as_printed = 1.0 / ssa if ssa > 0 else math.inf
        tail = (f"; read literally it would be {as_printed:.3g} m2/g, below the {smin:.3f} m2/g of dense 100 um spheres"
                if as_printed < smin else f"; read literally {as_printed:.3g} m2/g")
        return [Flag(row["row_id"], "ssa_m2_g", ssa, "ssa_unit", "corrected",
                     f"SSA unit printed as {unit!r} (mass per area) is the inverse of a specific surface area: "
                     f"value read as {ssa:g} m2/g{tail}")]
    if kind == "scaled":
        as_printed = ssa * factor
        if as_printed < smin <= ssa:
            return [Flag(row["row_id"], "ssa_m2_g", ssa, "ssa_unit", "corrected",
                         f"SSA printed as {ssa:g} {unit} = {as_printed:.3g} m2/g is below the {smin:.3f} m2/g of dense "
                         f"100 um spheres, impossible for a powder: unit read as m2/g")]
        return [Flag(row["row_id"], "ssa_m2_g", ssa, "ssa_unit", "unit",
                     f"SSA printed in {unit!r} but stored unconverted: {ssa:g} {unit} = {as_printed:.3g} m2/g; check the column")]
    return [Flag(row["row_id"], "ssa_m2_g", ssa, "ssa_unit", "unit",
                 f"SSA unit printed as {unit!r} is not an area per mass: value kept as {ssa:g} m2/g, unverified")]


def rule_retention_above_100(row: dict, ctx: dict) -> list[Flag]:
    """Flag retention above 100 % outside the SiOx activation case."""
    r = _num(row, "retention_pct")
    if r is None or r <= 100.0:
        return []
    if row["active_element"] == "SiOx" and r <= ACTIVATION_MAX_RETENTION_PCT:
        return [Flag(row["row_id"], "retention_pct", r, "retention_above_100", "note",
                     f"retention {r:g} % > 100 %: consistent with the gradual activation of SiOx (known case, "
                     f"<= {ACTIVATION_MAX_RETENTION_PCT:g} % accepted)")]
    return [Flag(row["row_id"], "retention_pct", r, "retention_above_100", "implausible",
                 f"retention {r:g} % > 100 % for {row['active_element']}: capacity cannot grow with cycling "
                 f"outside the SiOx activation case (<= {ACTIVATION_MAX_RETENTION_PCT:g} %)")]


def rule_capacity_above_theoretical(row: dict, ctx: dict) -> list[Flag]:
    """Flag a capacity above the active phase's theoretical capacity."""
    cap = _num(row, "capacity_mAh_g")
    if cap is None or row["active_element"] not in _ACTIVE:
        return []
    qmax = _material(_ACTIVE[row["active_element"]][1]).capacity_mAh_g
    if cap <= qmax:
        return []
    return [Flag(row["row_id"], "capacity_mAh_g", cap, "capacity_above_theoretical", "implausible",
                 f"capacity {cap:g} mAh/g exceeds the theoretical {qmax:.0f} mAh/g of {_ACTIVE[row['active_element']][1]}")]


ROW_RULES: tuple[Callable[[dict, dict], list[Flag]], ...] = (
    rule_density_above_true_density,
    rule_ssa_beyond_ice,
    rule_ssa_unit,
    rule_retention_above_100,
    rule_capacity_above_theoretical,
)


def rule_conflicting_values(rows: Sequence[dict], fields: Iterable[str] = ("tap_density_g_cm3", "ssa_m2_g"),
                            rel_tol: float = CONFLICT_REL_TOL) -> list[Flag]:
    """Flag disagreeing powder properties among rows of the same ``material_id``."""
    flags: list[Flag] = []
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["material_id"], []).append(r)
    for mid, members in groups.items():
        for key in fields:
            vals = [(r, _num(r, key)) for r in members if _num(r, key) is not None]
            if len(vals) < 2:
                continue

            def agree(a: float, b: float) -> bool:
                return abs(a - b) <= rel_tol * max(abs(a), abs(b))

            support = [sum(agree(v, w) for _, w in vals) for _, v in vals]
            if all(s == len(vals) for s in support):
                continue
            top = max(support)
            majority = [v for (_, v), s in zip(vals, support) if s == top]
            has_majority = top >= 2 and all(agree(majority[0], m) for m in majority)
            others_txt = ", ".join(f"{w:g} ({o['row_id']})" for o, w in vals)
            for (r, v), s in zip(vals, support):
                if has_majority and agree(v, majority[0]):
                    continue
                reason = (f"{key} {v:g} disagrees with {top} other entries for the same material ({others_txt})"
                          if has_majority else f"entries for the same material disagree: {others_txt}")
                twin = _same_ref_twin(rows, r, key, v, rel_tol)
                if twin is not None:
                    reason += f"; equals {twin['material']} ({twin['row_id']}) of the same reference: likely a row mix-up"
                flags.append(Flag(r["row_id"], key, v, "conflicting_values", "conflict", reason))
    return flags


def _same_ref_twin(rows: Sequence[dict], row: dict, key: str, v: float, rel_tol: float) -> dict | None:
    for o in rows:
        w = _num(o, key)
        if (o["material_id"] != row["material_id"] and o.get("ref") == row.get("ref") and w is not None
                and abs(w - v) <= rel_tol * max(abs(v), abs(w))):
            return o
    return None


def material_context(rows: Sequence[dict]) -> dict[str, dict]:
    """Per ``material_id``: the first reported value of each field over its rows (row order)."""
    ctx: dict[str, dict] = {}
    for r in rows:
        c = ctx.setdefault(r["material_id"], {})
        for k, v in r.items():
            if k not in c or c[k] is None or c[k] == "":
                c[k] = v
    return ctx


def run_rules(rows: Sequence[dict]) -> list[Flag]:
    """Run every rule over ``rows``; returns the flags in row order.

    Row rules see the row itself for the value they judge and, for context values
    (capacity, ICE) the row lacks, the first value reported for the same material.
    """
    mctx = material_context(rows)
    flags: list[Flag] = []
    for r in rows:
        ctx = dict(mctx.get(r["material_id"], {}))
        ctx.update({k: v for k, v in r.items() if v is not None and v != ""})
        for rule in ROW_RULES:
            flags.extend(rule(r, ctx))
    flags.extend(rule_conflicting_values(rows))
    order = {r["row_id"]: i for i, r in enumerate(rows)}
    flags.sort(key=lambda f: (order.get(f.row_id, 1 << 30), f.field, f.rule))
    return flags
