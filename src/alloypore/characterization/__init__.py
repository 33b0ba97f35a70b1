"""Evidence I: from lab measurements to a pore profile.

Gas-adsorption isotherms (BET with the ISO 9277/Rouquerol criteria, BJH/DH,
t-plot, Gurvich, Dubinin-Radushkevich, DFT through pyGAPS), mercury intrusion
porosimetry, densities (true, skeletal, envelope, tap) and SAXS (Porod
invariant and constant), combined into one :class:`PoreProfile` that renders
the ``[particle]`` section of a design spec.

Submodules are imported lazily by the functions that need them; import from
the submodules (``alloypore.characterization.bet`` ...) directly.
"""

__all__ = ["bet", "density", "gas_pores", "isotherm", "mip", "profile", "saxs", "plots"]
