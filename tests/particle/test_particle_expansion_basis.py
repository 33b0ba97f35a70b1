"""The expansion basis reaches every material of a design (blend carbon included); the lithiated phase
chosen in the spec sets capacity and expansion together.  Hand calculations."""

import tomllib

import pytest

from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design
from alloypore.design.studies import blend_inputs
from alloypore.electrode.model import blend_props
from alloypore.errors import SpecError
from alloypore.materials import DEFAULT_EXPANSION_BASIS, get_material
from alloypore.particle import ParticleSpec, evaluate_particle


def _spec(basis: str) -> dict:
    """The example design with a non-expanding particle (amorphous carbon, no pores): only the blend swells."""
    d = tomllib.loads(EXAMPLE_SPEC_TOML)
    d["particle"] = {"phases": [{"material": "amorphous_carbon", "mass_fraction": 1.0}], "porosity": 0.0,
                     "expansion_basis": basis, "first_cycle_efficiency": 0.9}
    return d


@pytest.mark.parametrize("basis, beta_g", [("quoted", 0.10), ("crystallographic", None)])
def test_blend_graphite_swells_on_the_design_basis(basis, beta_g):
    # constant-porosity swelling: V(theta) per g coating = w_c/rho_c + w_g (1 + beta_g theta)/rho_g + w_b/rho_b + w_k/rho_k
    # (w = 0.15 a-C at 2.0, 0.80 graphite at 2.26, 0.03 binder at 1.2, 0.02 carbon black at 1.9); quoted
    # graphite 10 % (review Table 2), crystallographic LiC6 vs graphite: 5.9698/5.3146 - 1 = 12.33 %
    if beta_g is None:
        beta_g = 5.9698 / (12.011 / 2.26) - 1  # LiC6: 59.49 A3 per 6 C (Guerard & Herold 1975)
    v0 = 0.15 / 2.0 + 0.80 / 2.26 + 0.03 / 1.2 + 0.02 / 1.9
    v1 = v0 + 0.80 * beta_g / 2.26
    r = evaluate_design(_spec(basis))
    assert float(r.electrode.swelling_pct) == pytest.approx(100 * (v1 / v0 - 1), rel=1e-9)
    assert blend_props("graphite", "binder", "conductive_carbon", basis=basis).blend_expansion == pytest.approx(beta_g)


def test_one_default_basis_for_chain_study_and_blend():
    assert DEFAULT_EXPANSION_BASIS == "crystallographic"
    assert ParticleSpec(phases=[{"material": "Si", "mass_fraction": 1.0}]).expansion_basis == DEFAULT_EXPANSION_BASIS
    assert blend_inputs().basis == DEFAULT_EXPANSION_BASIS
    g = get_material("graphite")
    assert blend_props("graphite", "binder", "conductive_carbon").blend_expansion == g.expansion(DEFAULT_EXPANSION_BASIS)
    # quoted: study and blend agree for graphite (10 %), so the chain and the study agree at 0 % Si
    assert blend_inputs(basis="quoted").carbon_expansion == blend_props("graphite", "binder", "conductive_carbon",
                                                                         basis="quoted").blend_expansion == 0.10


def test_lithiated_phase_in_the_spec_sets_capacity_and_expansion_together():
    # Ge as Li22Ge5: x = 4.4 -> 4.4 F/(3.6 * 72.630) = 1623.7 mAh/g; volume extrapolated from Li17Ge4 -> 279.2 %
    base = {"phases": [{"material": "Ge", "mass_fraction": 1.0}], "porosity": 0.0}
    li22 = {"phases": [{"material": "Ge", "mass_fraction": 1.0, "lithiated_phase": "Li22Ge5"}], "porosity": 0.0}
    p17, p22 = evaluate_particle(base), evaluate_particle(li22)
    v_ge = 72.630 / 5.323
    v17 = 50.443  # Li17Ge4: 6700.1 A3 / 80 Ge (Zeilinger & Faessler 2014)
    v22 = v_ge + 4.4 * (v17 - v_ge) / 4.25
    assert float(p17.capacity_mAh_g) == pytest.approx(4.25 * 96485.33212 / 3.6 / 72.630, rel=1e-9)
    assert float(p22.capacity_mAh_g) == pytest.approx(4.4 * 96485.33212 / 3.6 / 72.630, rel=1e-9)
    assert float(p17.solid_expansion_pct) == pytest.approx(100 * (v17 / v_ge - 1), rel=1e-9)
    assert float(p22.solid_expansion_pct) == pytest.approx(100 * (v22 / v_ge - 1), rel=1e-9)


def test_unknown_lithiated_phase_in_the_spec_names_the_field():
    with pytest.raises(SpecError) as err:
        evaluate_particle({"phases": [{"material": "Si", "mass_fraction": 1.0, "lithiated_phase": "Li17Ge4"}]})
    msg = str(err.value)
    assert msg.startswith("particle.phases.0.lithiated_phase = 'Li17Ge4'") and "Li15Si4" in msg and "\n" not in msg
