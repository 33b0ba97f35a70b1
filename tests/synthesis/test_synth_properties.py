"""Conservation properties of the routes over random inputs (hypothesis).

Independent identities: the envelope of the final particle is the envelope the route
started from (precursor composite x (1 - s), template envelope + overcoat, granule), and
the mass is the kept/deposited masses; the chain's particle model gives back the same
porosity and densities from the emitted spec.
"""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alloypore.particle import evaluate_particle
from alloypore.synthesis import bottom_up, top_down, transcription

R_SI, R_AL, R_C = 2.329, 2.70, 2.0
FAST = settings(max_examples=40, deadline=None)


def _same_particle(r):
    p = evaluate_particle(r.particle_spec())
    assert float(p.porosity) == pytest.approx(r.porosity, rel=1e-9, abs=1e-12)
    assert float(p.envelope_density_g_cm3) == pytest.approx(r.envelope_density_g_cm3, rel=1e-9)
    assert float(p.skeletal_density_g_cm3) == pytest.approx(r.skeletal_density_g_cm3, rel=1e-9)


@FAST
@given(w=st.floats(5, 95), s_frac=st.floats(0, 0.9), p_frac=st.floats(0, 0.95), Y=st.floats(0.3, 0.9))
def test_alsi_with_pitch_conserves_envelope_and_mass(w, s_frac, p_frac, Y):
    # envelope of the alloy per g: (1-w)/2.70 + w/2.329, shrunk by s (below the Al fraction)
    v_alloy = (1 - w / 100) / R_AL + (w / 100) / R_SI
    eps0 = 1 - (w / 100 / R_SI) / v_alloy
    s = 100 * s_frac * eps0
    base = top_down("AlSi", si_wt_pct=w, shrinkage_pct=s)
    pitch = p_frac * base.details["max_pitch_wt_pct"]
    r = top_down("AlSi", si_wt_pct=w, shrinkage_pct=s, pitch_wt_pct=pitch, char_yield=Y)
    m_c = Y * pitch / (100 - pitch)
    # all pitch inside: envelope per g Si unchanged = v_alloy (1 - s) / (w/100)
    env_per_g_si = v_alloy * (1 - s / 100) / (w / 100)
    assert 1 / r.envelope_density_g_cm3 * (1 + m_c) == pytest.approx(env_per_g_si, rel=1e-9)
    assert r.mass_fractions["Si"] == pytest.approx(1 / (1 + m_c), rel=1e-9)
    assert 0 <= r.porosity < 1
    _same_particle(r)


@FAST
@example(vt=0.96875, fill=1.0, c=0.0, rho_sk=2.0)  # fill = 1 once rounded m/rho a few ulps above V_t
@given(vt=st.floats(0.1, 3.0), fill=st.floats(0.01, 1.0), c=st.floats(0, 30), rho_sk=st.floats(1.2, 2.0))
def test_transcription_conserves_template_envelope(vt, fill, c, rho_sk):
    r = transcription(template_pore_volume_cm3_g=vt, fill=fill, template_material="amorphous_carbon",
                      template_skeletal_density_g_cm3=rho_sk, overcoat_wt_pct=c)
    m_a = fill * vt * R_SI
    m_oc = c / 100 * (1 + m_a) / (1 - c / 100)
    mass = 1 + m_a + m_oc
    # envelope per g template = template envelope + overcoat shell
    assert mass / r.envelope_density_g_cm3 == pytest.approx(1 / rho_sk + vt + m_oc / R_C, rel=1e-9)
    _same_particle(r)


@FAST
@given(phi=st.floats(0.3, 0.74), pf=st.floats(0, 80), c_frac=st.floats(0, 1), Y=st.floats(0.2, 0.9))
def test_bottom_up_conserves_granule_envelope(phi, pf, c_frac, Y):
    # largest precursor fraction that fits the interstices at 1.3 g/cm3
    inter = (1 - phi) / phi / R_SI * 1.3
    c = 100 * c_frac * inter / (1 + inter) * 0.999
    r = bottom_up(packing_fraction=phi, pore_former_vol_pct=pf, carbon_precursor_wt_pct=c, char_yield=Y)
    m_c = Y * c / (100 - c)
    assert (1 + m_c) / r.envelope_density_g_cm3 == pytest.approx(1 / R_SI / phi / (1 - pf / 100), rel=1e-9)
    _same_particle(r)
