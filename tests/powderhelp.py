"""A constructed porous powder with known micro-, meso-, macro- and closed-pore volumes, and the lab files
it would give: an N2 isotherm (pyGAPS JSON), a MIP curve (CSV), densities and SAXS curves (dry and with the open
pores contrast-matched).  Used by the `characterize combine` tests (library and CLI).

The construction (per gram of particle, Si/amorphous carbon 50:50, v_s = 0.5/2.329 + 0.5/2.0 cm3/g):

* micropores V_MICRO (1 nm), filled below p/p0 ~ 1e-3;
* cylindrical mesopores V_MESO of D_MESO = 8 nm: walls S = 4V/d; condense on adsorption at the Cohan pressure
  (cylindrical meniscus), empty on desorption at the Kelvin pressure (hemispherical meniscus);
* macropores V_MACRO of 150 nm and the outer surface: S_OUT of free wall; N2 never condenses in them below 0.99;
* closed pores V_CLOSED; interparticle voids V_INTER (5 um) that only mercury fills;
* the adsorbed film on free walls is the Harkins-Jura thickness t(p), the liquid N2 density CoolProp's.
"""

from __future__ import annotations

import json

import numpy as np
from scipy.optimize import brentq
from scipy.stats import norm

from alloypore.characterization import saxs as sx
from alloypore.characterization.adsorbates import adsorbate_properties
from alloypore.characterization.gas_pores import harkins_jura_thickness_nm, kelvin_pore_diameter_nm
from alloypore.characterization.mip import washburn_diameter_nm

COMPOSITION = "Si=0.5,amorphous_carbon=0.5"
V_S = 0.5 / 2.329 + 0.5 / 2.0
V_MICRO, V_MESO, V_MACRO, V_CLOSED, V_INTER = 0.08, 0.20, 0.10, 0.06, 0.50
D_MESO, D_MACRO, D_INTER = 8.0, 150.0, 5000.0
S_MESO = 4 * V_MESO * 1e-6 / (D_MESO * 1e-9)  # m2/g
S_OUT = 4 * V_MACRO * 1e-6 / (D_MACRO * 1e-9) + 1.0  # macropore walls + 1 m2/g outer surface
V_OPEN = V_MICRO + V_MESO + V_MACRO
V_P = V_OPEN + V_CLOSED
POROSITY = V_P / (V_S + V_P)
CLOSED_FRACTION = V_CLOSED / V_P
HE_DENSITY = 1.0 / (V_S + V_CLOSED)
T_K = 77.355
CONTRAST = 18.0  # 1e10 cm^-2, solid vs empty pore (X-rays)


def _step(p, p0, width=0.004):
    return 1.0 / (1.0 + np.exp(-(p - p0) / width))


def _film(p, free_area_m2_g):
    return free_area_m2_g * harkins_jura_thickness_nm(p) * 1e-3  # m2/g x nm -> cm3/g


def _condensation_pressure(meniscus: str) -> float:
    props = adsorbate_properties("nitrogen", T_K)
    vm = props.liquid_molar_volume_cm3_mol
    return brentq(lambda p: kelvin_pore_diameter_nm(p, T_K, props.surface_tension_mN_m, vm, meniscus) - D_MESO, 0.05, 0.99)


def isotherm_liquid_volume(p, branch: str = "ads"):
    """Adsorbed liquid volume (cm3/g) on a branch: micropores saturated, film on free walls, condensed mesopores."""
    filled = _step(p, _condensation_pressure("cylindrical" if branch == "ads" else "hemispherical"))
    micro = V_MICRO * (1.0 - np.exp(-p / 1e-4))
    return micro + V_MESO * filled + _film(p, S_OUT + S_MESO * (1.0 - filled))


def write_isotherm(path):
    """pyGAPS JSON in p/p0 and mmol/g with both branches."""
    props = adsorbate_properties("nitrogen", T_K)
    to_mmol = 1e3 / props.liquid_molar_volume_cm3_mol
    p_ads = np.concatenate([np.geomspace(1e-6, 0.03, 20), np.linspace(0.04, 0.99, 96)])
    p_des = np.linspace(0.99, 0.35, 65)
    points = [{"pressure": float(p), "loading": float(w * to_mmol)} for p, w in zip(p_ads, isotherm_liquid_volume(p_ads, "ads"))]
    points += [{"pressure": float(p), "loading": float(w * to_mmol), "branch": "des"}
               for p, w in zip(p_des, isotherm_liquid_volume(p_des, "des"))]
    doc = {"material": "constructed powder", "adsorbate": "nitrogen", "temperature": T_K, "temperature_unit": "K",
           "pressure_mode": "relative", "pressure_unit": None, "loading_basis": "molar", "loading_unit": "mmol",
           "material_basis": "mass", "material_unit": "g", "isotherm_data": points}
    path.write_text(json.dumps(doc))
    return path


def write_mip(path):
    """Cumulative intrusion (mL/g) against pressure (MPa): interparticle voids, macropores, mesopores (not micropores)."""
    p = np.geomspace(0.003, 400.0, 220)
    logd = np.log10(washburn_diameter_nm(p))
    v = sum(vol * norm.sf(logd, np.log10(d), 0.08) for vol, d in ((V_INTER, D_INTER), (V_MACRO, D_MACRO), (V_MESO, D_MESO)))
    path.write_text("pressure_MPa,intrusion_mL_g\n" + "\n".join(f"{a:.10g},{b:.10g}" for a, b in zip(p, v)) + "\n")
    return path


def dab_curve(phi, xi_nm=6.0, q=None):
    """Debye-Anderson-Brumberger curve of a random two-phase solid: I = 8 pi drho^2 phi(1-phi) xi^3 / (1 + q^2 xi^2)^2;
    its invariant is exactly 2 pi^2 drho^2 phi(1-phi)."""
    q = np.geomspace(0.002, 20.0, 600) if q is None else q
    drho = CONTRAST * 1e10  # cm^-2
    xi_cm = xi_nm * 1e-7
    i = 8 * np.pi * drho**2 * phi * (1 - phi) * xi_cm**3 / (1 + (q * xi_nm) ** 2) ** 2  # cm^-1 (xi in cm: I in cm^-1)
    return sx.SAXSData(q, i)


def write_curve(path, data):
    path.write_text("q_nm-1,I_cm-1\n" + "\n".join(f"{q:.10g},{i:.10g}" for q, i in zip(data.q_nm, data.intensity_cm)))
    return path


def closed_porosity(v_closed=V_CLOSED):
    """Closed pores as a volume fraction of the particle envelope."""
    return v_closed / (V_S + V_P)


def write_files(folder):
    """Every file of the constructed powder into ``folder``: returns their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "isotherm": write_isotherm(folder / "powder_N2_77K.json"),
        "mip": write_mip(folder / "powder_mip.csv"),
        "saxs_dry": write_curve(folder / "powder_saxs_dry.csv", dab_curve(POROSITY)),
        "saxs_filled": write_curve(folder / "powder_saxs_filled.csv", dab_curve(closed_porosity())),
        "saxs_filled_wrong": write_curve(folder / "powder_saxs_filled_wrong.csv", dab_curve(closed_porosity(2.5 * V_CLOSED))),
    }
