"""The measurement registry: every method resolves, analyses and converts to the one PoreProfile (against known numbers);
no process-wide side effects; no catch-all exception handlers in the evidence code."""

import ast
import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alloypore.characterization import sans
from alloypore.characterization.profile import PoreProfile
from alloypore.characterization.registry import METHODS, get_method
from alloypore.errors import InputError
from evidencehelp import ISOTHERMS, bimodal_mip_table, dilute_spheres, t2_distribution, write_curve, write_t2

SRC = Path(__file__).resolve().parents[2] / "src" / "alloypore"
SI_C = {"Si": 0.5, "amorphous_carbon": 0.5}
V_S = 0.5 / 2.329 + 0.5 / 2.0  # cm3/g of the 50/50 Si / amorphous carbon solid


def test_every_registered_method_resolves():
    assert list(METHODS) == ["isotherm", "mip", "density", "saxs", "sans", "nmr", "tomography"]
    for m in METHODS.values():
        for ref in filter(None, (m.reader, m.analysis, m.figures_of)):
            module, attr = ref.split(":")
            assert callable(getattr(__import__(module, fromlist=[attr]), attr)), ref
    with pytest.raises(InputError, match="one of isotherm, mip") as err:
        get_method("bet")
    assert "\n" not in str(err.value)
    with pytest.raises(InputError, match="typed in"):
        get_method("density").read("x.csv")


def test_isotherm_profile(tmp_path):
    a = get_method("isotherm").run(ISOTHERMS / "SiO2_N2_77K.json", gurvich_p=0.94)
    prof = get_method("isotherm").to_profile(a, SI_C)
    v = a.result["total_pore_volume_cm3_g"]
    assert isinstance(prof, PoreProfile)
    assert prof.value("ssa_m2_g") == a.bet.ssa_m2_g and prof.value("pore_volume_cm3_g") == v
    assert prof.value("porosity") == pytest.approx(v / (V_S + v), rel=1e-12)
    assert prof.value("closed_pore_fraction") == 0.0 and "not seen by gas" in prof.closed_pore_fraction.note
    assert prof.psd.modal_diameters_nm == (a.psd.modal_diameter_nm,) and prof.psd.method == "BJH (des)"
    files = get_method("isotherm").save_figures(a, tmp_path / "figs")
    assert [Path(f).name for f in files] == ["isotherm.png", "psd.png"]


def test_mip_profile(tmp_path):
    res = get_method("mip").run(bimodal_mip_table(tmp_path / "mip.csv"), conformance_pressure_MPa=0.01, skeletal_density_g_cm3=2.0)
    prof = res.to_profile(SI_C)
    # the construction: 0.30 mL/g in ~50 nm pores; envelope density 1/(1/2.0 + 0.30) = 1.25 g/cm3
    assert prof.value("pore_volume_cm3_g") == pytest.approx(0.30, rel=0.02)
    assert prof.value("porosity") == pytest.approx(0.30 / (V_S + 0.30), rel=0.02)
    assert prof.value("envelope_density_g_cm3") == pytest.approx(1.25, rel=0.01)
    assert prof.psd.modal_diameters_nm[0] == pytest.approx(50.0, rel=0.1)
    # the whole intruded volume below the cutoff is the 50 nm mode: ~all of it below 1 um, ~none below 20 nm
    assert prof.psd.volume_fraction_below(20.0) < 0.01


def test_density_profile_by_hand():
    res = get_method("density").analyse(helium_density_g_cm3=1.90, open_pore_volume_cm3_g=0.30, composition=SI_C)
    prof = res.to_profile()
    v_closed = 1 / 1.90 - V_S  # 0.0616 cm3/g
    assert prof.value("closed_pore_volume_cm3_g") == pytest.approx(v_closed, rel=1e-9)
    assert prof.value("envelope_density_g_cm3") == pytest.approx(1 / (V_S + 0.30 + v_closed), rel=1e-9)
    assert prof.value("true_density_g_cm3") == pytest.approx(1 / V_S, rel=1e-9)
    assert prof.composition == SI_C


def test_saxs_and_sans_profiles(tmp_path):
    a_sld = sans.neutron_sld("C", 1.80)
    dry, filled = dilute_spheres(0.02, a_sld), dilute_spheres(0.005, a_sld)
    saxs = get_method("saxs").analyse(dry, filled=filled, delta_sld_1e10_cm2=a_sld, sample_density_g_cm3=1.8)
    prof = saxs.to_profile()
    # 2 % pores, a quarter of them still scattering after contrast matching (closed)
    assert prof.value("porosity") == pytest.approx(0.02, rel=0.01)
    assert prof.value("closed_pore_fraction") == pytest.approx(0.25, rel=0.02)
    # S/V of the construction: phi <4 pi R^2> / <4/3 pi R^3> over its radii (5 nm +- 10 %), 1/nm -> m2/cm3, / 1.8 g/cm3
    r = np.linspace(3.0, 7.0, 81)
    w = np.exp(-0.5 * ((r - 5.0) / 0.5) ** 2)
    s_v = 0.02 * np.sum(w * 4 * np.pi * r**2) / np.sum(w * 4 / 3 * np.pi * r**3) * 1e3
    assert prof.value("ssa_m2_g") == pytest.approx(s_v / 1.8, rel=0.02)
    dry_f, filled_f = write_curve(tmp_path / "d.csv", dry), write_curve(tmp_path / "f.csv", filled)
    m = get_method("sans")
    a = m.analyse("C:1.8", dry=m.read(dry_f), filled=m.read(filled_f))
    assert a.to_profile().value("closed_pore_fraction") == pytest.approx(0.25, rel=0.02)
    assert a.to_profile().value("porosity") == pytest.approx(0.02, rel=0.01)
    assert list(m.figures(a)) == ["sans_contrast.png", "sans_invariant.png"]


def test_nmr_profile(tmp_path):
    a = get_method("nmr").run(write_t2(tmp_path / "t2.csv", t2_distribution(10.0)), relaxivity_um_s=5.0,
                              liquid_volume_cm3_g=0.2, pore_volume_cm3_g=0.4)
    prof = a.to_profile()
    # sphere: d = 6 rho T2 = 6 * 5 um/s * 10 ms = 300 nm; the log-normal peak is symmetric in log d
    assert prof.psd.modal_diameters_nm[0] == pytest.approx(300.0, rel=0.06)
    assert prof.psd.volume_fraction_below(300.0) == pytest.approx(0.5, abs=0.02)
    assert prof.psd.unit == "cm3/g" and prof.notes == ("pores filled by the NMR liquid: 0.5",)
    assert prof.particle_fields() == {}


def test_tomography_profile_by_hand():
    """Three sealed balls of radius 2 voxels (33 voxels each) in a 30-voxel cube particle (the imaging test volume)."""
    from alloypore.imaging import synthetic as syn

    p = syn.particle_with_sealed_voids(size=40, particle_radius=15, n_voids=3, void_radius=2.0, seed=1)
    vol = get_method("tomography").analyse(p.phases, 20.0, solid_density_g_cm3=2.33)
    prof = vol.to_profile(SI_C)
    eps = 99 / 30**3
    assert prof.value("porosity") == pytest.approx(eps)
    assert prof.value("closed_pore_fraction") == pytest.approx(1.0)
    # per gram: v_s = 1/2.33, v_p = eps/(1-eps) v_s (all closed), envelope density (1-eps) 2.33
    assert prof.value("pore_volume_cm3_g") == pytest.approx(eps / (1 - eps) / 2.33, rel=1e-12)
    assert prof.value("closed_pore_volume_cm3_g") == pytest.approx(eps / (1 - eps) / 2.33, rel=1e-12)
    assert prof.value("open_pore_volume_cm3_g") == pytest.approx(0.0, abs=1e-15)
    assert prof.value("envelope_density_g_cm3") == pytest.approx((1 - eps) * 2.33, rel=1e-12)
    # psd: local-thickness bins as dV/dlog d (fraction of the pore volume) integrate back to the bin fractions
    edges = np.asarray(vol.psd_diameter_nm_edges)
    assert np.sum(np.asarray(prof.psd.density) * np.diff(np.log10(edges))) == pytest.approx(sum(vol.psd_volume_fraction))
    section = prof.to_particle_spec()
    assert section["porosity"] == pytest.approx(eps) and section["closed_pore_fraction"] == pytest.approx(1.0)
    assert "GUESS" in vol.to_particle_toml() and "GUESS" not in vol.to_particle_toml([{"material": "Si", "mass_fraction": 1.0}])


def test_reading_leaves_the_pygaps_loggers_as_they_were(capfd):
    import adsorption_file_parser  # noqa: F401  (their import sets up their loggers; compare after that)
    import pygaps  # noqa: F401

    from alloypore.characterization.isotherm import load_isotherm

    loggers = [logging.getLogger(n) for n in ("pygaps", "adsorption_file_parser")]
    before = [(lg.level, list(lg.filters), list(lg.handlers)) for lg in loggers]
    iso = load_isotherm(ISOTHERMS / "Sample_C.xls")  # its parser logs "No data collected for pressure_saturation"
    iso.properties()
    assert capfd.readouterr().out == ""  # nothing on stdout (JSON output stays clean)
    assert [(lg.level, list(lg.filters), list(lg.handlers)) for lg in loggers] == before


def _except_and_side_effect_nodes(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler):
            names = [node.type] if not isinstance(node.type, ast.Tuple) else node.type.elts
            if node.type is None or any(isinstance(n, ast.Name) and n.id in ("Exception", "BaseException") for n in names):
                yield f"{path.name}:{node.lineno} catch-all except"
        if isinstance(node, ast.Attribute) and node.attr in ("setLevel", "redirect_stdout", "basicConfig"):
            yield f"{path.name}:{node.lineno} {node.attr}"


def test_no_catch_all_handlers_or_global_logging_changes_in_the_evidence_code():
    files = [*(SRC / "characterization").glob("*.py"), SRC / "imaging" / "profile.py", SRC / "web" / "evidence_page.py",
             SRC / "cli" / "characterize.py"]
    found = [hit for f in files for hit in _except_and_side_effect_nodes(f)]
    assert found == []


def test_importing_the_registry_and_the_command_loads_no_heavy_stack():
    code = ("import sys, json; import alloypore.characterization.registry, alloypore.cli.characterize; "
            "print(json.dumps([m for m in ('pygaps', 'matplotlib', 'scipy.signal', 'alloypore.imaging') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []
