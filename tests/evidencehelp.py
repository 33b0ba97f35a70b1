"""Synthetic measurements with known answers, shared by the evidence tests (tests/characterization, tests/cli).

Each curve is built from a pore structure whose numbers are known analytically, so a test can
compare what the analysis recovers against the construction.
"""

from pathlib import Path

import numpy as np
from scipy.stats import norm

from alloypore.characterization import nmr
from alloypore.characterization import saxs as sx
from alloypore.characterization.mip import washburn_diameter_nm

#: Real isotherms copied from the shared test data (see tests/data/SOURCES.md).
ISOTHERMS = Path(__file__).resolve().parent / "data" / "characterization" / "isotherms"


def bimodal_mip_table(path, unit="MPa", conformance=0.02):
    """Cumulative intrusion: 0.40 mL/g into interparticle voids of ~5 um, 0.30 mL/g into pores of ~50 nm
    (log-normal in D, sigma_log10 = 0.1), plus ``conformance`` mL/g below 0.01 MPa; written as CSV."""
    p = np.geomspace(0.003, 400.0, 160)
    d = washburn_diameter_nm(p)
    v = 0.40 * norm.sf(np.log10(d), np.log10(5000.0), 0.1) + 0.30 * norm.sf(np.log10(d), np.log10(50.0), 0.1)
    v = v + conformance * np.clip(np.log10(p / 0.003) / np.log10(0.01 / 0.003), 0, 1)
    pcol = p / 0.00689475729 if unit == "psia" else p
    header = "Pressure (psia),Cumulative Intrusion (mL/g)" if unit == "psia" else "pressure_MPa,intrusion_mL_g"
    path.write_text(header + "\n" + "\n".join(f"{a:.8g},{b:.8g}" for a, b in zip(pcol, v)) + "\n")
    return path


def dilute_spheres(phi, drho_1e10, q=None, r0=5.0, rel_sigma=0.1):
    """Dilute polydisperse spheres: I = phi(1-phi) drho^2 <V^2 P>/<V> (cm^-1, q in 1/nm).
    Analytic invariant 2 pi^2 drho^2 phi(1-phi) for any shape."""
    q = np.geomspace(0.005, 20.0, 700) if q is None else q
    radii = np.linspace(r0 * (1 - 4 * rel_sigma), r0 * (1 + 4 * rel_sigma), 81)
    w = np.exp(-0.5 * ((radii - r0) / (rel_sigma * r0)) ** 2)
    vol = 4 / 3 * np.pi * radii**3 * 1e-21  # cm3
    num = (w[:, None] * vol[:, None] ** 2 * sx.sphere_form_factor(q[None, :], radii[:, None])).sum(0)
    i = phi * (1 - phi) * (drho_1e10 * 1e10) ** 2 * num / (w * vol).sum()
    return sx.SAXSData(q, i)


def write_curve(path, data):
    """A q/I table with its units in the header."""
    path.write_text("q_nm-1,I_cm-1\n" + "\n".join(f"{q:.8g},{i:.8g}" for q, i in zip(data.q_nm, data.intensity_cm)))
    return path


def t2_distribution(t_peak_ms=10.0, width=0.2, bulk_peak_ms=None, bulk_weight=0.0, n=120):
    """A log-normal T2 peak at ``t_peak_ms`` (and optionally a bulk-like peak holding ``bulk_weight`` of it)."""
    t = np.geomspace(0.05, 1e4, n)
    a = np.exp(-0.5 * ((np.log10(t) - np.log10(t_peak_ms)) / width) ** 2)
    if bulk_peak_ms:
        b = np.exp(-0.5 * ((np.log10(t) - np.log10(bulk_peak_ms)) / 0.08) ** 2)
        a = a + bulk_weight * b * a.sum() / b.sum()
    return nmr.RelaxationData(t, a)


def write_t2(path, data, header="T2_ms,amplitude"):
    """A T2 distribution table with its time unit in the header."""
    path.write_text(header + "\n" + "\n".join(f"{t:.8g},{a:.8g}" for t, a in zip(data.time_ms, data.amplitude)))
    return path
