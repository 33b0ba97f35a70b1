r"""Densities and porosities of a porous composite powder (per gram of particle).

Canonical definitions (house plan): solid volume :math:`v_s = \sum w_i/\rho_i = 1/\rho_{true}`;
pore volume :math:`v_p = v_{open} + v_{closed}`;

.. math::

    \rho_{He} = \frac{1}{v_s + v_{closed}} \;\Rightarrow\;
    v_{closed} = \frac{1}{\rho_{He}} - \frac{1}{\rho_{true}}, \qquad
    \rho_{env} = \frac{1}{v_s + v_p}, \qquad
    \varepsilon_p = \frac{v_p}{v_s + v_p}, \qquad
    \varepsilon_{closed} = \frac{v_{closed}}{v_s + v_p}, \qquad
    f_{closed} = \frac{v_{closed}}{v_p}

and for a tapped powder the interparticle void fraction
:math:`\varepsilon_{inter} = 1 - \rho_{tap}/\rho_{env}`.

Assumptions: helium reaches every open pore and no closed one; the open pore
volume (from N2 Gurvich or MIP intraparticle intrusion) is all intraparticle;
the true density of the composite is the mass-weighted harmonic mean of the
phase densities (no mixing volume).  A skeletal density above the true
density (negative closed volume beyond the measurement scatter) is refused.

Uncertainties (when the densities' are given): ``u(v_closed)^2 = (u_He/rho_He^2)^2 +
(u_true/rho_true^2)^2``; the closed fraction's adds the open volume's in quadrature.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from alloypore.characterization.profile import Measured, PoreProfile
from alloypore.errors import InputError, check_range
from alloypore.materials import true_density_g_cm3 as _materials_true_density

__all__ = [
    "DensityResult",
    "parse_composition",
    "true_density_from_composition",
    "porosity_from_pore_volume",
    "density_analysis",
]

#: Closed pore volumes more negative than this (cm3/g) are refused; smaller ones are scatter and set to 0.
CLOSED_VOLUME_TOLERANCE_CM3_G = 0.005


@dataclass(frozen=True)
class DensityResult:
    """All densities in g/cm3, volumes in cm3 per gram of particle, porosities as fractions of envelope volume."""

    true_density_g_cm3: float
    skeletal_density_g_cm3: float
    solid_volume_cm3_g: float
    open_pore_volume_cm3_g: float
    closed_pore_volume_cm3_g: float
    pore_volume_cm3_g: float
    envelope_density_g_cm3: float
    porosity: float
    open_porosity: float
    closed_porosity: float
    closed_pore_fraction: float
    tap_density_g_cm3: float | None = None
    interparticle_void_fraction: float | None = None
    composition: dict | None = None
    helium_density_uncertainty_g_cm3: float | None = None
    true_density_uncertainty_g_cm3: float | None = None
    open_pore_volume_uncertainty_cm3_g: float | None = None

    def closed_volume_uncertainty_cm3_g(self) -> float | None:
        """``sqrt((u_He/rho_He^2)^2 + (u_true/rho_true^2)^2)``; None when neither density's uncertainty is given."""
        u_he, u_t = self.helium_density_uncertainty_g_cm3, self.true_density_uncertainty_g_cm3
        if u_he is None and u_t is None:
            return None
        return math.hypot((u_he or 0.0) / self.skeletal_density_g_cm3 ** 2, (u_t or 0.0) / self.true_density_g_cm3 ** 2)

    def to_dict(self) -> dict:
        """JSON-ready fields (``alloypore characterize density --json``)."""
        return asdict(self)

    def lines(self) -> list[str]:
        """Terminal summary."""
        out = [f"true {self.true_density_g_cm3:.4g} g/cm3, skeletal {self.skeletal_density_g_cm3:.4g} g/cm3, "
               f"envelope {self.envelope_density_g_cm3:.4g} g/cm3",
               f"closed pore volume {self.closed_pore_volume_cm3_g:.4g} cm3/g, porosity {100 * self.porosity:.3g} %"
               f" (open {100 * self.open_porosity:.3g} %, closed {100 * self.closed_porosity:.3g} %), "
               f"closed fraction {self.closed_pore_fraction:.3g}"]
        if self.interparticle_void_fraction is not None:
            out.append(f"interparticle void of the tapped powder {100 * self.interparticle_void_fraction:.3g} %")
        return out

    def to_profile(self, composition: dict | None = None, *, ssa_m2_g: float | None = None) -> PoreProfile:
        """The pore profile: every volume and density of the analysis; ``ssa_m2_g`` (e.g. BET) carried along."""
        how = "true and He-pycnometry densities + open pore volume"
        u_c, u_o = self.closed_volume_uncertainty_cm3_g(), self.open_pore_volume_uncertainty_cm3_g
        u_p = None if u_c is None and u_o is None else math.hypot(u_c or 0.0, u_o or 0.0)
        u_f = None
        if u_p is not None and self.pore_volume_cm3_g > 0:  # f = c/(o + c): df/dc = o/v^2, df/do = -c/v^2
            v2 = self.pore_volume_cm3_g ** 2
            u_f = math.hypot((u_c or 0.0) * self.open_pore_volume_cm3_g / v2, (u_o or 0.0) * self.closed_pore_volume_cm3_g / v2)
        return PoreProfile(
            porosity=Measured(self.porosity, method=how),
            pore_volume_cm3_g=Measured(self.pore_volume_cm3_g, u_p, "open pore volume + 1/rho_He - 1/rho_true"),
            open_pore_volume_cm3_g=Measured(self.open_pore_volume_cm3_g, u_o, "given (N2 Gurvich or MIP)"),
            closed_pore_volume_cm3_g=Measured(self.closed_pore_volume_cm3_g, u_c, "1/rho_He - 1/rho_true"),
            closed_pore_fraction=Measured(self.closed_pore_fraction, u_f, "1/rho_He - 1/rho_true",
                                          note="He reaches every open pore and no closed one"),
            ssa_m2_g=None if ssa_m2_g is None else Measured(ssa_m2_g, method="given (BET)"),
            true_density_g_cm3=Measured(self.true_density_g_cm3, self.true_density_uncertainty_g_cm3,
                                        "from the composition" if self.composition else "given"),
            skeletal_density_g_cm3=Measured(self.skeletal_density_g_cm3, self.helium_density_uncertainty_g_cm3, "He pycnometry"),
            envelope_density_g_cm3=Measured(self.envelope_density_g_cm3, method="1 / (v_s + v_p)"),
            composition=composition if composition is not None else self.composition,
            source="densities (alloypore characterize density)",
            method="density",
        )


def parse_composition(text: str) -> dict[str, float]:
    """Parse ``"Si=0.5,amorphous_carbon=0.5"`` into ``{"Si": 0.5, "amorphous_carbon": 0.5}``."""
    out: dict[str, float] = {}
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, val = part.partition("=")
        if not sep or not name.strip():
            raise InputError("composition", text, 'comma-separated name=mass_fraction pairs, e.g. "Si=0.5,amorphous_carbon=0.5"')
        try:
            out[name.strip()] = float(val)
        except ValueError:
            raise InputError("composition", text, f"a number after {name.strip()}=") from None
    if not out:
        raise InputError("composition", text, 'at least one name=mass_fraction pair')
    return out


def true_density_from_composition(composition: dict[str, float] | str) -> float:
    """True density (g/cm3) ``1/sum(w_i/rho_i)`` via :func:`alloypore.materials.true_density_g_cm3`."""
    if isinstance(composition, str):
        composition = parse_composition(composition)
    return float(_materials_true_density(composition))


def porosity_from_pore_volume(pore_volume_cm3_g: float, composition: dict[str, float] | str) -> float:
    """Intraparticle porosity ``v_p / (v_s + v_p)`` with ``v_s = 1/rho_true`` of the composition."""
    v_s = 1.0 / true_density_from_composition(composition)
    return float(pore_volume_cm3_g / (v_s + pore_volume_cm3_g))


def density_analysis(
    *,
    helium_density_g_cm3: float,
    open_pore_volume_cm3_g: float,
    true_density_g_cm3: float | None = None,
    composition: dict[str, float] | str | None = None,
    tap_density_g_cm3: float | None = None,
    helium_density_uncertainty_g_cm3: float | None = None,
    true_density_uncertainty_g_cm3: float | None = None,
    open_pore_volume_uncertainty_cm3_g: float | None = None,
) -> DensityResult:
    """Closed, open and total intraparticle porosity from true, skeletal (He) density and open pore volume.

    Parameters
    ----------
    helium_density_g_cm3 : float
        Skeletal density from He pycnometry.
    open_pore_volume_cm3_g : float
        Open intraparticle pore volume (N2 Gurvich total pore volume, or MIP intraparticle intrusion).
    true_density_g_cm3 : float, optional
        Density of the pore-free solid; or give ``composition`` (not both).
    composition : dict or str, optional
        Mass fractions by material name (materials table).
    tap_density_g_cm3 : float, optional
        Tap density of the powder -> interparticle void fraction.
    helium_density_uncertainty_g_cm3, true_density_uncertainty_g_cm3, open_pore_volume_uncertainty_cm3_g : float, optional
        Standard uncertainties of the inputs, propagated into the profile.

    Raises
    ------
    InputError
        Out-of-range numbers; both or neither of true density / composition;
        a helium density above the true density (beyond 0.005 cm3/g of scatter);
        a tap density above the envelope density.
    """
    if (true_density_g_cm3 is None) == (composition is None):
        raise InputError("true_density", true_density_g_cm3, "give exactly one of --true-density or --composition")
    comp = None
    if composition is not None:
        comp = parse_composition(composition) if isinstance(composition, str) else dict(composition)
        rho_true = true_density_from_composition(comp)
    else:
        rho_true = check_range("true_density", true_density_g_cm3, 0.1, 25, unit="g/cm3")
    rho_he = check_range("helium_density", helium_density_g_cm3, 0.1, 25, unit="g/cm3")
    v_open = check_range("open_pore_volume", open_pore_volume_cm3_g, 0, 50, unit="cm3/g")
    v_s = 1.0 / rho_true
    v_closed = 1.0 / rho_he - v_s
    if v_closed < -CLOSED_VOLUME_TOLERANCE_CM3_G:
        raise InputError(
            "helium_density", rho_he,
            f"allowed helium_density <= true density {rho_true:.4g} g/cm3 (He cannot see more solid than there is)",
        )
    v_closed = max(v_closed, 0.0)
    v_p = v_open + v_closed
    v_env = v_s + v_p
    rho_env = 1.0 / v_env
    tap = inter = None
    if tap_density_g_cm3 is not None:
        tap = check_range("tap_density", tap_density_g_cm3, 0.01, rho_env, lo_open=True, unit="g/cm3 (at most the envelope density)")
        inter = 1.0 - tap / rho_env
    return DensityResult(
        true_density_g_cm3=rho_true,
        skeletal_density_g_cm3=rho_he,
        solid_volume_cm3_g=v_s,
        open_pore_volume_cm3_g=v_open,
        closed_pore_volume_cm3_g=v_closed,
        pore_volume_cm3_g=v_p,
        envelope_density_g_cm3=rho_env,
        porosity=v_p / v_env,
        open_porosity=v_open / v_env,
        closed_porosity=v_closed / v_env,
        closed_pore_fraction=(v_closed / v_p) if v_p > 0 else 0.0,
        tap_density_g_cm3=tap,
        interparticle_void_fraction=inter,
        composition=comp,
        helium_density_uncertainty_g_cm3=_uncertainty("helium_density_uncertainty", helium_density_uncertainty_g_cm3, "g/cm3"),
        true_density_uncertainty_g_cm3=_uncertainty("true_density_uncertainty", true_density_uncertainty_g_cm3, "g/cm3"),
        open_pore_volume_uncertainty_cm3_g=_uncertainty("open_pore_volume_uncertainty", open_pore_volume_uncertainty_cm3_g, "cm3/g"),
    )


def _uncertainty(field: str, value: float | None, unit: str) -> float | None:
    return None if value is None else check_range(field, value, 0, 10, unit=unit)
