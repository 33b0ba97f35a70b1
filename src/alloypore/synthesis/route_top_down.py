"""Top-down route: etch the sacrificial phases of a precursor, then optionally impregnate pitch.

Per gram of porous Si skeleton (volumes cm3)::

    eps_skel = 1 - (m_Si (1 - loss) / rho_Si) / (V_conv (1 - s))
    v_p      = eps_skel / ((1 - eps_skel) rho_Si)
    m_pitch  = p / (1 - p);   V_pitch = m_pitch / rho_pitch;   f_in = min(1, v_p / V_pitch)
    m_C      = Y m_pitch;     V_C = m_C / rho_C,sk
    pores    = v_p - f_in V_C  (+ closed char micropores m_C (1/rho_C,sk - 1/rho_C,true))
    envelope = 1/rho_Si + v_p + (1 - f_in) V_C          (excess pitch carbon forms a shell)

``V_conv`` is the dense volume of the precursor after any conversion step per gram of
precursor (:mod:`alloypore.synthesis.stoichiometry`).  A char whose skeletal density is
below its carbon's true density carries closed micropores; they count in the pore volume
and closed fraction but do not take up the Si's growth.

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (top-down) and
Fig. 4e-f (PC/Np-Si from SiO and pitch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from alloypore.errors import InputError, check_range
from alloypore.materials import Material
from alloypore.synthesis._materials import carbon
from alloypore.synthesis.phases import constant, density
from alloypore.synthesis.result import SynthesisResult, merge_mass_fractions
from alloypore.synthesis.stoichiometry import TOP_DOWN_SACRIFICIAL_RANGE, PrecursorBalance, precursor_balance

__all__ = ["top_down"]

_TOP_DOWN_CAUTIONS = {
    "AlSi": ["acid etching of Al evolves H2 (flammable); AlCl3 waste stream"],
    "Mg2Si": [
        "magnesiothermic / Mg-based routes: Mg and Mg2Si powders are pyrophoric; nitridation at high temperature",
        "direct acid etching of Mg2Si would release SiH4 (pyrophoric); hence the conversion to Mg3N2 or MgO first",
    ],
    "FeSi": ["iron silicides are acid resistant: check for residual silicide (XRD) after the etch"],
    "FeSi2": ["iron silicides are acid resistant: check for residual silicide (XRD) after the etch"],
    "SiOx": ["HF etching: highly toxic and corrosive; costly waste treatment (review §3)"],
}


@dataclass(frozen=True)
class _Skeleton:
    """The etched Si skeleton per gram of Si."""

    sacrificial_fraction: float  # eps_0
    si_g_per_g_precursor: float  # m_Si after the loss
    porosity: float  # eps_skel
    pore_volume_cm3_g_si: float  # v_p


@dataclass(frozen=True)
class _Impregnation:
    """Pitch impregnated into the skeleton and carbonised, per gram of Si."""

    pitch_fraction: float  # p
    char_yield: float  # Y
    carbon: Material
    carbon_skeletal_density_g_cm3: float
    pitch_g: float
    pitch_cm3: float
    max_pitch_fraction: float  # pitch that just fills the pores
    fill_inside: float  # f_in

    @property
    def carbon_g(self) -> float:
        return self.char_yield * self.pitch_g


def _skeleton(bal: PrecursorBalance, precursor: str, shrinkage_pct: float, si_loss_pct: float) -> _Skeleton:
    eps0 = bal.sacrificial_volume_fraction
    if eps0 <= 0:
        raise InputError(
            "precursor", precursor,
            f"leaves no pores: the kept Si needs {bal.kept_volume_cm3_g:.4g} cm3/g, more than the "
            f"{bal.converted_volume_cm3_g:.4g} cm3/g precursor envelope; allowed: a precursor with a sacrificial phase",
        )
    s = check_range("shrinkage_pct", shrinkage_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    loss = check_range("si_loss_pct", si_loss_pct, 0.0, 100.0, hi_open=True, unit="%") / 100.0
    m_si = bal.kept_mass_g_g * (1.0 - loss)  # g porous Si per g precursor
    v_env = bal.converted_volume_cm3_g * (1.0 - s)
    eps_skel = 1.0 - (m_si / density("Si")) / v_env
    if eps_skel < 0:
        raise InputError(
            "shrinkage_pct", shrinkage_pct, f"shrinks the envelope below the Si volume; allowed < {100 * eps0:.4g} %"
        )
    v_p = v_env / m_si - 1.0 / density("Si")  # cm3 pores per g Si
    return _Skeleton(eps0, m_si, eps_skel, v_p)


def _impregnate(
    v_p: float,
    pitch_wt_pct: float,
    char_yield: float | None,
    pitch_density_g_cm3: float | None,
    carbon_material: str,
    carbon_density_g_cm3: float | None,
    allow_out_of_pore: bool,
) -> _Impregnation:
    p = check_range("pitch_wt_pct", pitch_wt_pct, 0.0, 100.0, hi_open=True, unit="wt%") / 100.0
    Y = check_range("char_yield", constant("pitch", "char_yield") if char_yield is None else char_yield, 0.0, 1.0,
                    lo_open=True)
    rho_pitch = check_range(
        "pitch_density_g_cm3", constant("pitch", "density_g_cm3") if pitch_density_g_cm3 is None else pitch_density_g_cm3,
        0.5, 3.0, unit="g/cm3",
    )
    cmat, rho_c = carbon(carbon_material, carbon_density_g_cm3, "carbon_density_g_cm3")
    if Y * rho_pitch > rho_c * (1 + 1e-12):
        raise InputError(
            "char_yield", Y, f"the char would occupy more volume than its pitch; allowed <= {rho_c / rho_pitch:.4g} "
            f"(carbon skeletal density / pitch density)"
        )
    m_pitch = p / (1.0 - p)
    V_pitch = m_pitch / rho_pitch
    max_pitch = rho_pitch * v_p / (1.0 + rho_pitch * v_p)  # pitch that just fills the pores
    f_in = 1.0 if V_pitch <= v_p else v_p / V_pitch
    if f_in < 1.0 and not allow_out_of_pore:
        raise InputError(
            "pitch_wt_pct", pitch_wt_pct,
            f"pitch does not fit in the {v_p:.4g} cm3/g Si of pores; allowed <= {100 * max_pitch:.4g} wt% "
            "(or allow out-of-pore carbon)",
        )
    return _Impregnation(p, Y, cmat, rho_c, m_pitch, V_pitch, max_pitch, f_in)


def _cautions(bal: PrecursorBalance, eps0: float, f_in: float) -> tuple[str, ...]:
    cautions = list(_TOP_DOWN_CAUTIONS[bal.precursor])
    cautions.append("etched Si must be carbon coated or impregnated: bare Si in electrolyte is detrimental (review §3)")
    if not (TOP_DOWN_SACRIFICIAL_RANGE[0] <= eps0 <= TOP_DOWN_SACRIFICIAL_RANGE[1]):
        cautions.append(
            f"sacrificial volume fraction {eps0:.3f} is outside the 0.40-0.90 the review reports for top-down precursors"
        )
    if f_in < 1.0:
        cautions.append(f"{100 * (1 - f_in):.3g} % of the pitch lies outside the pores and forms a carbon shell")
    return tuple(cautions)


def _details(bal: PrecursorBalance, sk: _Skeleton, imp: _Impregnation) -> dict:
    m_si, v_p, m_c = sk.si_g_per_g_precursor, sk.pore_volume_cm3_g_si, imp.carbon_g
    mass = 1.0 + m_c
    return {
        "precursor": bal.precursor,
        "si_wt_pct": bal.si_wt_pct,
        "sacrificial_volume_fraction": sk.sacrificial_fraction,
        "skeleton_porosity": sk.porosity,
        "skeleton_pore_volume_cm3_g_si": v_p,
        "porosity_vs_precursor_envelope": (
            None if bal.precursor_volume_cm3_g is None else 1.0 - (m_si / density("Si")) / bal.precursor_volume_cm3_g
        ),
        "yield_g_si_per_g_precursor": m_si,
        "yield_g_particle_per_g_precursor": m_si * mass,
        "pitch_wt_pct": 100.0 * imp.pitch_fraction,
        "char_yield": imp.char_yield,
        "carbon_wt_pct": 100.0 * m_c / mass,
        "max_pitch_wt_pct": 100.0 * imp.max_pitch_fraction,
        "pitch_fill_fraction": min(imp.pitch_cm3 / v_p, 1.0) if v_p > 0 else 0.0,
        "out_of_pore_carbon_cm3_g": (1.0 - imp.fill_inside) * (m_c / imp.carbon_skeletal_density_g_cm3) / mass,
        "balance": bal.to_dict(),
    }


def top_down(
    precursor: str = "AlSi",
    *,
    si_wt_pct: float | None = None,
    x: float = 1.0,
    conversion: Literal["nitridation", "oxidation"] = "nitridation",
    leach: Literal["silicide", "fe"] | None = None,
    shrinkage_pct: float = 0.0,
    si_loss_pct: float = 0.0,
    pitch_wt_pct: float = 0.0,
    char_yield: float | None = None,
    pitch_density_g_cm3: float | None = None,
    carbon_material: str = "amorphous_carbon",
    carbon_density_g_cm3: float | None = None,
    closed_pore_fraction: float = 0.0,
    allow_out_of_pore: bool = False,
    primary_particle_size_nm: float | None = None,
    secondary_particle_size_um: float = 10.0,
) -> SynthesisResult:
    """Top-down: etch the sacrificial phases of a precursor, then optionally impregnate pitch.

    The equations are in the module docstring (per gram of porous Si skeleton).

    Parameters
    ----------
    precursor, si_wt_pct, x, conversion, leach : see
        :func:`~alloypore.synthesis.stoichiometry.precursor_balance`.
    shrinkage_pct : volume shrinkage of the envelope on etching, % (0 <= s < eps_0).
    si_loss_pct : share of the Si dissolved or lost in etching, % (its volume becomes pore).
    pitch_wt_pct : pitch in the impregnated mixture, pitch / (pitch + porous Si), wt%.
    char_yield : carbon left per gram of pitch after carbonisation (default 0.55, assumed).
    pitch_density_g_cm3 : density of the pitch that fills the pores (default 1.30, assumed).
    carbon_material : materials-table carbon the char becomes (default amorphous_carbon).
    carbon_density_g_cm3 : skeletal density of the char; below the material's true density
        the difference is closed micropores in the carbon.
    closed_pore_fraction : share of the skeleton pores left after impregnation that the
        carbon seals (closed to electrolyte).
    allow_out_of_pore : accept pitch beyond the pore volume (it becomes a carbon shell);
        otherwise that raises.

    Returns
    -------
    SynthesisResult with details ``skeleton_porosity``, ``sacrificial_volume_fraction``,
    ``yield_g_si_per_g_precursor``, ``carbon_wt_pct``, ``max_pitch_wt_pct``...
    """
    bal = precursor_balance(precursor, si_wt_pct=si_wt_pct, x=x, conversion=conversion, leach=leach)
    sk = _skeleton(bal, precursor, shrinkage_pct, si_loss_pct)
    imp = _impregnate(sk.pore_volume_cm3_g_si, pitch_wt_pct, char_yield, pitch_density_g_cm3, carbon_material,
                      carbon_density_g_cm3, allow_out_of_pore)
    cmat, m_c = imp.carbon, imp.carbon_g
    v_closed_c = m_c * (1.0 / imp.carbon_skeletal_density_g_cm3 - 1.0 / cmat.density_g_cm3)
    pores_left = sk.pore_volume_cm3_g_si - imp.fill_inside * (m_c / imp.carbon_skeletal_density_g_cm3)
    fc = check_range("closed_pore_fraction", closed_pore_fraction, 0.0, 1.0)
    mass = 1.0 + m_c
    pitch_step = ("pitch impregnation (vacuum, pitch/toluene), carbonisation: pitch -> C",)
    return SynthesisResult(
        route="top-down",
        mass_fractions=merge_mass_fractions([("Si", 1.0), (cmat.name, m_c)]),
        solid_volume_cm3_g=(1.0 / density("Si") + m_c / cmat.density_g_cm3) / mass,
        pore_volume_cm3_g=(pores_left + v_closed_c) / mass,
        closed_pore_volume_cm3_g=(fc * pores_left + v_closed_c) / mass,
        usable_pore_volume_cm3_g=pores_left / mass,
        primary_particle_size_nm=primary_particle_size_nm,
        secondary_particle_size_um=secondary_particle_size_um,
        reactions=bal.reactions + (pitch_step if imp.pitch_fraction else ()),
        cautions=_cautions(bal, sk.sacrificial_fraction, imp.fill_inside),
        details=_details(bal, sk, imp),
        title=f"top-down from {bal.precursor} ({bal.si_wt_pct:.4g} wt% Si)",
    )
