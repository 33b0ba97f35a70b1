"""Synthesis routes: the pore budget of bottom-up, top-down and transcription particles.

Each route of the review (§3, Fig. 2) fixes the intraparticle pores by a mass and volume
balance.  The route functions do that balance and return a :class:`SynthesisResult` whose
:meth:`~SynthesisResult.particle_spec` is a ``[particle]`` section that the design chain
evaluates to the *same* particle (same porosity, same true, skeletal and envelope
densities): mass and volume are conserved from the precursor to the spec.

Canonical definitions (``docs/synthesis.md``; all volumes per gram, cm3/g)::

    top-down      eps_0 = V_sac / V_conv = 1 - (m_Si / rho_Si) / V_conv
                  eps   = 1 - (m_Si (1 - loss) / rho_Si) / (V_conv (1 - s))
    impregnation  m_C = Y p / (1 - p)  per g skeleton;  pores left = v_p - m_C,in / rho_C
    transcription phi = V_active / V_template;  zero outward expansion  <=>  phi <= 1 / (1 + beta)
                  m_max = rho_a V_template / (1 + beta)   [g active / g template]
    bottom-up     V_env = (1 / rho_a) / (phi_pack (1 - f_pf));  eps = 1 - (V_a + V_C) / V_env

Limitations: ideal, dense phases (no residual porosity inside phases other than the
declared closed micropores), complete reactions and etches, no dissolution of the kept
phase beyond ``si_loss_pct``, no reaction between deposit and template (SiC above ~800 C
is ignored).  The routes' chemistry is written out in :attr:`SynthesisResult.reactions`.

Modules (one concept each)
--------------------------
``phases``          the precursor phase table (``data/precursors.toml``) and constants
``stoichiometry``   mass and volume balance of a top-down precursor up to the etch
``result``          :class:`SynthesisResult`, the particle every route returns
``route_top_down``, ``route_transcription``, ``route_bottom_up``   one module per route
``table2``          grades and cautions from Table 2 of the review
``advisor``         :func:`advise`: which routes suit a material
``spec``            the route's particle as a whole design spec (TOML through :mod:`alloypore.tomlio`)

The package sits above the design chain: it imports materials, particle and cell, never a
face (cli, web, report) or a study package.

References
----------
Review of porous alloying-type anode particles (alloypore seed text), §3 (bottom-up,
top-down, transcription), Table 2 (synthesis pathway adaptability), Fig. 4e-f (PC/Np-Si)
and Fig. 5e-g (HC-0.6/0.8/1.0 templates).
"""

from alloypore.synthesis.advisor import advise
from alloypore.synthesis.route_bottom_up import bottom_up
from alloypore.synthesis.phases import Phase, get_phase
from alloypore.synthesis.result import SynthesisResult
from alloypore.synthesis.spec import EmittedSpec, design_spec, design_spec_toml, particle_section_toml
from alloypore.synthesis.stoichiometry import (
    PRECURSORS,
    TOP_DOWN_SACRIFICIAL_RANGE,
    PrecursorBalance,
    precursor_balance,
    sacrificial_porosity,
    si_wt_pct_for_porosity,
)
from alloypore.synthesis.route_top_down import top_down
from alloypore.synthesis.route_transcription import (
    max_zero_expansion_fill,
    max_zero_expansion_loading_g_g,
    transcription,
)

#: The three routes of the review, in the order the advisor lists them.
ROUTES = ("bottom-up", "top-down", "transcription")

__all__ = [
    "PRECURSORS",
    "ROUTES",
    "TOP_DOWN_SACRIFICIAL_RANGE",
    "EmittedSpec",
    "Phase",
    "PrecursorBalance",
    "SynthesisResult",
    "get_phase",
    "precursor_balance",
    "sacrificial_porosity",
    "si_wt_pct_for_porosity",
    "max_zero_expansion_fill",
    "max_zero_expansion_loading_g_g",
    "top_down",
    "transcription",
    "bottom_up",
    "advise",
    "design_spec",
    "design_spec_toml",
    "particle_section_toml",
]
