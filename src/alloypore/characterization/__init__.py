"""Evidence: from lab measurements to one pore profile.

Gas-adsorption isotherms (BET with the ISO 9277/Rouquerol criteria, BJH/DH, t-plot,
Gurvich, Dubinin-Radushkevich, DFT through pyGAPS), mercury intrusion porosimetry,
densities (true, skeletal, envelope, tap), SAXS (Porod invariant and constant), SANS
(contrast matching) and NMR relaxometry.  Every method's result converts to the one
:class:`~alloypore.characterization.profile.PoreProfile` (``result.to_profile()``), which
alone renders the ``[particle]`` section of a design spec; the methods are listed in one
registry (:mod:`alloypore.characterization.registry`) that the CLI and the web page use.

Import from the submodules (``alloypore.characterization.bet`` ...) directly; this package
imports none of them (pyGAPS, SciPy's signal module and matplotlib are slow to import).
"""

__all__ = ["analysis", "bet", "density", "gas_pores", "isotherm", "mip", "nmr", "plots", "profile", "registry", "sans", "saxs"]
