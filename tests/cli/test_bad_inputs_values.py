"""Bad-input corpus, part 3: values, files, semantics and sizes (issue #17: every case under "Why").

NaN, inf, huge and negative numbers, wrong-dimension unit strings; empty, binary, malformed
and wrong-kind files (TOML, CSV, JSON, TIFF, CIF, zarr, npy); contradictions and options a
route ignores; sizes estimated beyond --max-memory/--max-time.  Each is one line naming the
flag, file or TOML key as the user wrote it, exit 2, nothing written
(:func:`badinputs.check_refused`).
"""

from __future__ import annotations

import pytest

from badinputs import BASE, corpus_files, refused  # noqa: F401  (fixtures)

CS = BASE["stress core-shell"]
DENSITY = BASE["characterize density"]

# --------------------------------------------------------------------------- numbers
NUMBERS = [
    # (command, [flag, value], fragment)
    ("stress core-shell", ["--core-radius-nm", "1e300"], "--core-radius-nm"),  # OverflowError before
    ("stress core-shell", ["--core-radius-nm", "nan"], "--core-radius-nm"),
    ("stress core-shell", ["--core-radius-nm", "inf"], "--core-radius-nm"),
    ("stress core-shell", ["--core-radius-nm", "-50"], "--core-radius-nm"),
    ("stress core-shell", ["--core-radius-nm", "0"], "--core-radius-nm"),
    ("stress core-shell", ["--shell-thickness-nm", "-1"], "--shell-thickness-nm"),
    ("stress core-shell", ["--eigenstrain", "nan"], "--eigenstrain"),
    ("stress core-shell", ["--eigenstrain", "5"], "--eigenstrain"),
    ("stress core-shell", ["--core-nu", "0.5"], "--core-nu"),
    ("stress core-shell", ["--shell-E-GPa", "-inf"], "--shell-E-GPa"),
    ("stress core-shell", ["--core-E-GPa", "1e400"], "--core-E-GPa"),
    ("stress sphere", ["--radius-nm", "-100"], "--radius-nm"),
    ("stress sphere", ["--radius-nm", "nan"], "--radius-nm"),
    ("stress sphere", ["--material", "Unobtainium"], "--material"),
    ("stress sphere", ["--mode", "sideways"], "--mode"),
    ("stress sphere", ["--nu", "0.7"], "--nu"),
    ("stress sphere", ["--diffusivity-cm2-s", "-1e-10"], "--diffusivity-cm2-s"),
    ("stress shell-optimum", ["--core-radius-nm", "-5"], "--core-radius-nm"),
    ("stress shell-optimum", ["--min-thickness-nm", "300"], "thickness"),
    ("stress shell-optimum", ["--core-material", "Nope"], "--core-material"),
    ("stress shell-optimum", ["--shell-material", "Nope"], "--shell-material"),
    ("stress shell-optimum", ["--beta", "-1"], "--beta"),
    ("stress pore-cell", ["--pore-radius-nm", "60"], "--pore-radius-nm"),
    ("stress pore-cell", ["--cell-size-nm", "inf"], "--cell-size-nm"),
    ("stress pore-cell", ["--bc", "sideways"], "--bc"),
    ("stress pore-cell", ["--n-angle", "1"], "--n-angle"),
    ("stress pore-cell", ["--n-radial", "-3"], "--n-radial"),
    ("stress pore-rve", ["--n", "1"], "--n"),
    ("stress pore-rve", ["--n", "11"], "--n"),
    ("stress pore-rve", ["--pore-radius-nm", "0"], "--pore-radius-nm"),
    ("stress voxel", ["--voxel-size-nm", "-1"], "--voxel-size-nm"),
    ("stress voxel", ["--voxel-size-nm", "nan"], "--voxel-size-nm"),
    ("stress voxel", ["--E-GPa", "80,x"], "--E-GPa"),
    ("stress voxel", ["--nu", "0.22,0.3,0.1"], "--nu"),
    ("stress voxel", ["--bc", "periodic"], "--bc"),
    ("stress contact", ["--approach-nm", "1e6"], "--approach-nm"),
    ("stress contact", ["--contact-mesh-nm", "-1"], "--contact-mesh-nm"),
    ("stress contact", ["--shell-thickness-nm", "0"], "--shell-thickness-nm"),
    ("pressure", ["--stack-modulus-MPa", "-5"], "--stack-modulus-MPa"),
    ("pressure", ["--stack-modulus-MPa", "nan"], "--stack-modulus-MPa"),
    ("pressure", ["--preload-MPa", "inf"], "--preload-MPa"),
    ("pressure", ["--limit-MPa", "-1"], "--limit-MPa"),
    ("pressure", ["--fixture-stiffness-kN-mm", "0"], "--fixture-stiffness-kN-mm"),
    ("sweep", ["--chunk-size", "0"], "--chunk-size"),
    ("sweep", ["--workers", "0"], "--workers"),
    ("optimize", ["--seed", "-1"], "--seed"),  # numpy ValueError before
    ("study blend-swelling", ["--swelling-limit", "-5"], "--swelling-limit"),
    ("study blend-swelling", ["--swelling-limit", "nan"], "--swelling-limit"),
    ("study blend-swelling", ["--max-alloy", "150"], "--max-alloy"),
    ("study blend-swelling", ["--basis", "guessed"], "--basis"),
    ("study blend-swelling", ["--carbon", "Si"], "--carbon"),
    ("study closed-pores", ["--points", "1"], "--points"),
    ("study closed-pores", ["--si", "-5"], "--si"),
    ("study closed-pores", ["--si", "nan"], "--si"),
    ("study required-porosity", ["--basis", "x"], "--basis"),
    ("study liquid-vs-solid", ["--electrolyte", "mayonnaise"], "--electrolyte"),
    ("characterize density", ["--helium-density", "-1"], "--helium-density"),
    ("characterize density", ["--helium-density", "nan"], "--helium-density"),
    ("characterize density", ["--open-pore-volume", "inf"], "--open-pore-volume"),
    ("characterize density", ["--tap", "-0.5"], "--tap"),
    ("characterize density", ["--true-density", "1.0"], "density"),
    ("characterize density", ["--composition", "Si=0.5,Unobtainium=0.5"], "composition"),
    ("characterize density", ["--composition", "Si=abc"], "composition"),
    ("characterize density", ["--composition", "Si=-0.5,amorphous_carbon=1.5"], "composition"),
    ("characterize mip", ["--contact-angle", "40"], "--contact-angle"),
    ("characterize mip", ["--contact-angle", "nan"], "--contact-angle"),
    ("characterize mip", ["--surface-tension", "-0.485"], "--surface-tension"),
    ("characterize mip", ["--cutoff-nm", "-10"], "--cutoff-nm"),
    ("characterize mip", ["--skeletal-density", "0"], "--skeletal-density"),
    ("characterize isotherm", ["--format", "excel97"], "--format"),
    ("characterize isotherm", ["--bet-range", "0.3,0.05"], "--bet-range"),
    ("characterize isotherm", ["--bet-range", "low,high"], "--bet-range"),
    ("characterize isotherm", ["--psd", "magic"], "--psd"),
    ("characterize isotherm", ["--psd-branch", "sideways"], "--psd-branch"),
    ("characterize isotherm", ["--gurvich-p", "1.5"], "--gurvich-p"),
    ("characterize isotherm", ["--t-range", "0.5"], "--t-range"),
    ("characterize isotherm", ["--dr-range", "a,b"], "--dr-range"),
    ("characterize saxs", ["--n-guinier", "0"], "--n-guinier"),  # ignored before
    ("characterize saxs", ["--n-porod", "-2"], "--n-porod"),
    ("characterize saxs", ["--q-unit", "furlong"], "--q-unit"),
    ("characterize saxs", ["--contrast", "nan"], "--contrast"),
    ("characterize saxs", ["--sample-density", "-2"], "--sample-density"),
    ("characterize sans", ["--solid", "Unobtainium"], "--solid"),
    ("characterize sans", ["--solid", "C:-1.8"], "--solid"),
    ("characterize sans", ["--h-solvent", "H2O"], "--h-solvent"),
    ("characterize sans", ["--d-fraction", "1.5"], "--d-fraction"),
    ("characterize nmr", ["--relaxivity", "-2"], "--relaxivity"),
    ("characterize nmr", ["--reference", "abc"], "TIME_MS:SIZE_NM"),  # asked for "LOW,HIGH" before
    ("characterize nmr", ["--geometry", "cube"], "--geometry"),
    ("characterize nmr", ["--time-unit", "fortnight"], "--time-unit"),
    ("characterize nmr", ["--cutoff", "nan"], "--cutoff"),
    ("image analyze", ["--voxel-size", "10"], "--voxel-size"),
    ("image analyze", ["--voxel-size", "10kg"], "--voxel-size"),  # wrong dimension
    ("image analyze", ["--voxel-size", "-10nm"], "--voxel-size"),
    ("image analyze", ["--voxel-size", "nan nm"], "--voxel-size"),
    ("image analyze", ["--probe-radius", "-1nm"], "--probe-radius"),  # reported as voxel_size before
    ("image analyze", ["--probe-radius", "1s"], "--probe-radius"),  # wrong dimension
    ("image analyze", ["--mode", "everywhere"], "--mode"),
    ("image analyze", ["--open-faces", "q+"], "--open-faces"),
    ("image analyze", ["--threshold", "a,b"], "--threshold"),
    ("image analyze", ["--n-phases", "1"], "--n-phases"),
    ("image analyze", ["--n-phases", "99"], "--n-phases"),
    ("image analyze", ["--min-size", "-5"], "--min-size"),  # accepted before
    ("image analyze", ["--phases", "Si:abc"], "--phases"),
    ("image analyze", ["--solid-density", "-2"], "--solid-density"),
    ("image analyze", ["--chunk", "64"], "--chunk"),
    ("image tortuosity", ["--axis", "w"], "--axis"),
    ("image tortuosity", ["--bc", "mirror"], "--bc"),
    ("image tortuosity", ["--min-size", "-1"], "--min-size"),
    ("image evolution", ["--labels", "a,b,c"], "--labels"),
    ("literature list", ["--route", "sideways"], "--route"),
    ("literature correlate", ["--n-boot", "10"], "--n-boot"),
    ("literature correlate", ["--n-boot", "1000000000"], "--n-boot"),
    ("literature correlate", ["--seed", "-1"], "--seed"),  # numpy ValueError before
    ("synthesize top-down", ["--precursor", "Unobtainium"], "--precursor"),
    ("synthesize top-down", ["--si-wt-pct", "150"], "--si-wt-pct"),
    ("synthesize top-down", ["--si-wt-pct", "nan"], "--si-wt-pct"),
    ("synthesize top-down", ["--shrinkage-pct", "-5"], "--shrinkage-pct"),
    ("synthesize top-down", ["--pitch-wt-pct", "100"], "--pitch-wt-pct"),
    ("synthesize top-down", ["--closed-pore-fraction", "2"], "--closed-pore-fraction"),
    ("synthesize transcription", ["--fill", "1.5"], "--fill"),
    ("synthesize transcription", ["--fill", "lots"], "--fill"),
    ("synthesize transcription", ["--active", "graphite"], "--active"),
    ("synthesize transcription", ["--template-pore-volume-cm3-g", "-1"], "--template-pore-volume-cm3-g"),
    ("synthesize transcription", ["--beta-basis", "guessed"], "--beta-basis"),
    ("synthesize bottom-up", ["--packing-fraction", "1.5"], "--packing-fraction"),
    ("synthesize bottom-up", ["--primary-size-nm", "-100"], "--primary-size-nm"),
    ("synthesize bottom-up", ["--active", "Unobtainium"], "--active"),
    ("synthesize bottom-up", ["--pore-former-vol-pct", "inf"], "--pore-former-vol-pct"),
    ("synthesize advise", ["--material", "graphite"], "--material"),
    ("synthesize advise", ["--porosity", "1.5"], "--porosity"),
    ("cycle", ["--cycles", "0"], "--cycles"),
    ("cycle", ["--cycles", "-3"], "--cycles"),
    ("cycle", ["--model", "P2D-ultra"], "--model"),
    ("cycle", ["--experiment", ";;;"], "--experiment"),
    ("cycle", ["--experiment", "Dance at 1C for 1 hour"], "--experiment"),
    ("web", ["--port", "0"], "--port"),
    ("web", ["--port", "70000"], "--port"),
    ("web", ["--host", "not a host"], "--host"),
    ("web", ["--host", "10.255.255.1"], "--host"),  # OSError 99 before
    ("materials add", ["--potential", "-7"], "--potential"),
    ("materials add", ["--potential", "nan"], "--potential"),
    ("materials add", ["--name", "Si"], "--name"),
]


@pytest.mark.parametrize("command, extra, fragment", NUMBERS, ids=[f"{c}{' '.join(e)}"[:60] for c, e, _ in NUMBERS])
def test_value_refused(refused, command, extra, fragment):
    refused(BASE[command] + extra, fragment)


# --------------------------------------------------------------------------- files
FILES = [
    # design specs (the same loader serves every command that takes SPEC)
    (["design", "@missing"], "no such file"),
    (["design", "@empty_toml"], "empty"),
    (["design", "@garbage_toml"], "garbage.toml"),
    (["design", "@malformed_toml"], "malformed.toml"),
    (["design", "@latin1_toml"], "latin1.toml"),
    (["design", "@array_root_toml"], "array_root.toml"),
    (["design", "@folder_toml"], "folder.toml"),
    (["design", "@dir"], "dir"),
    (["design", "@spec_unknown_key"], "porsity"),
    (["design", "@spec_unknown_value_key"], "mystery"),
    (["design", "@spec_porosity_high"], "particle.porosity"),
    (["design", "@spec_porosity_nan"], "particle.porosity"),
    (["design", "@spec_porosity_inf"], "particle.porosity"),
    (["design", "@spec_porosity_text"], "particle.porosity"),
    (["design", "@spec_porosity_huge_text"], "particle.porosity"),
    (["design", "@spec_ssa_negative"], "ssa_m2_g"),
    (["design", "@spec_unknown_material"], "Unobtainium"),
    (["design", "@spec_wrong_unit"], "areal_capacity_mAh_cm2"),
    (["design", "@spec_bad_unit"], "areal_capacity_mAh_cm2"),
    (["design", "@spec_fractions"], "fraction"),
    (["design", "@spec_huge_number"], "np_ratio"),
    (["design", "@spec_negative"], "compaction_density_g_cm3"),
    (["design", "@spec_no_particle"], "particle"),
    (["design", "@spec_unknown_cathode"], "NMC999"),
    (["design", "@spec_unknown_section"], "anode"),
    (["design", "@spec_wrong_type_section"], "particle"),
    (["design", "@iso"], "iso.json"),
    (["design", "@vol_npy"], "vol.npy"),
    (["pressure", "@malformed_toml"], "malformed.toml"),
    (["sweep", "@spec_porosity_high", "--vary", "particle.closed_pore_fraction=0:0.5:3"], "particle.porosity"),
    (["optimize", "@garbage_toml", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.3:0.6"],
     "garbage.toml"),
    (["study", "closed-pores", "@empty_toml"], "empty"),
    (["study", "liquid-vs-solid", "@spec_unknown_key"], "porsity"),
    (["literature", "compare", "@malformed_toml"], "malformed.toml"),
    (["cycle", "@spec_porosity_high"], "particle.porosity"),
    # isotherms
    (["characterize", "isotherm", "@missing"], "no such file"),
    (["characterize", "isotherm", "@iso_malformed_json"], "iso_malformed.json"),
    (["characterize", "isotherm", "@iso_empty_obj_json"], "iso_empty_obj.json"),
    (["characterize", "isotherm", "@iso_list_json"], "iso_list.json"),
    (["characterize", "isotherm", "@iso_garbage_json"], "iso_garbage.json"),
    (["characterize", "isotherm", "@iso_empty_json"], "empty"),
    (["characterize", "isotherm", "@iso_text_csv"], "iso_text.csv"),
    (["characterize", "isotherm", "@iso_one_point_csv"], "iso_one_point.csv"),
    (["characterize", "isotherm", "@iso_aif"], "iso.aif"),
    (["characterize", "isotherm", "@iso_garbage_xls"], "iso_garbage.xls"),
    (["characterize", "isotherm", "@iso_neg_T"], "temperature"),  # pyGAPS CalculationError before
    (["characterize", "isotherm", "@iso_zero_T"], "temperature"),
    (["characterize", "isotherm", "@dir"], "dir"),
    (["characterize", "isotherm", "@iso", "--dft-kernel", "@kernel_garbage_csv"], "kernel_garbage.csv"),
    (["characterize", "isotherm", "@iso", "--dft-kernel", "@missing"], "no such"),
    # mercury, scattering, relaxometry
    (["characterize", "mip", "@mip_nan_csv"], "mip_nan.csv"),
    (["characterize", "mip", "@mip_text_csv"], "mip_text.csv"),
    (["characterize", "mip", "@mip_one_row_csv"], "mip_one_row.csv"),
    (["characterize", "mip", "@mip_no_header_csv"], "mip_no_header.csv"),
    (["characterize", "mip", "@mip_garbage_csv"], "mip_garbage.csv"),
    (["characterize", "mip", "@mip_empty_csv"], "empty"),
    (["characterize", "mip", "@mip_negative_csv"], "mip_negative.csv"),
    (["characterize", "saxs", "@saxs_inf_csv"], "non-finite"),  # silently dropped before
    (["characterize", "saxs", "@saxs_nan_csv"], "non-finite"),
    (["characterize", "saxs", "@saxs_no_unit_csv"], "q unit"),
    (["characterize", "saxs", "@saxs_few_csv"], "saxs_few.csv"),
    (["characterize", "saxs", "@saxs_garbage_csv"], "saxs_garbage.csv"),
    (["characterize", "saxs", "@saxs_empty_csv"], "empty"),
    (["characterize", "saxs", "@saxs", "--filled", "@saxs_garbage_csv", "--contrast", "2"], "saxs_garbage.csv"),
    (["characterize", "saxs", "@saxs", "--after", "@missing"], "no such file"),
    (["characterize", "saxs", "@saxs", "--filled", "@saxs"], "--contrast"),
    (["characterize", "sans", "--solid", "Si", "--dry", "@saxs_garbage_csv"], "saxs_garbage.csv"),
    (["characterize", "sans", "--solid", "Si", "--filled", "@saxs"], "--dry"),
    (["characterize", "nmr", "@t2_garbage_csv", "--relaxivity", "5"], "t2_garbage.csv"),
    (["characterize", "nmr", "@t2_empty_csv", "--relaxivity", "5"], "empty"),
    (["characterize", "nmr", "@t2_no_unit_csv", "--relaxivity", "5"], "t2_no_unit.csv"),
    (["characterize", "nmr", "@t2_negative_csv", "--relaxivity", "5"], "t2_negative.csv"),
    (["characterize", "nmr", "@t2_inf_csv", "--relaxivity", "5"], "t2_inf.csv"),
    # volumes
    (["image", "analyze", "@vol_tif"], "--voxel-size"),  # optional now (read from the file), but this one states none
    (["image", "analyze", "@truncated_tif", "--voxel-size", "20nm"], "truncated.tif"),
    (["image", "analyze", "@garbage_tif", "--voxel-size", "20nm"], "garbage.tif"),
    (["image", "analyze", "@empty_tif", "--voxel-size", "20nm"], "empty"),
    (["image", "analyze", "@flat_npy", "--voxel-size", "20nm"], "3D"),
    (["image", "analyze", "@nan_npy", "--voxel-size", "20nm"], "NaN"),
    (["image", "analyze", "@text_npy", "--voxel-size", "20nm"], "3D"),
    (["image", "analyze", "@garbage_npy", "--voxel-size", "20nm"], "garbage.npy"),
    (["image", "analyze", "@garbage_npz", "--voxel-size", "20nm"], "garbage.npz"),
    (["image", "analyze", "@garbage_zarr", "--voxel-size", "20nm"], "garbage.zarr"),
    (["image", "analyze", "@empty_zarr", "--voxel-size", "20nm"], "empty.zarr"),
    (["image", "analyze", "@empty_tiffs", "--voxel-size", "20nm"], "empty_tiffs"),
    (["image", "analyze", "@missing", "--voxel-size", "20nm"], "no such file"),
    (["image", "analyze", "@vol_raw", "--voxel-size", "20nm"], "--raw-shape"),  # named --shape/--dtype before
    (["image", "analyze", "@vol_raw", "--voxel-size", "20nm", "--raw-shape", "12,12", "--raw-dtype", "uint8"], "--raw-shape"),
    (["image", "analyze", "@vol_npy", "--voxel-size", "20nm", "--dask", "--chunk", "2"], "--chunk"),
    (["image", "analyze", "@vol_raw", "--voxel-size", "20nm", "--raw-shape", "12,12,12", "--raw-dtype", "complex"],
     "--raw-dtype"),
    (["image", "analyze", "@vol_raw", "--voxel-size", "20nm", "--raw-shape", "a,b,c", "--raw-dtype", "uint8"],
     "--raw-shape"),
    (["image", "analyze", "@vol_raw", "--voxel-size", "20nm", "--raw-shape", "-12,-12,12", "--raw-dtype", "uint8"],
     "--raw-shape"),
    (["image", "analyze", "@vol_tif", "--voxel-size", "20nm", "--raw-shape", "12,12,12"], "--raw-shape"),
    (["image", "tortuosity", "@garbage_tif"], "garbage.tif"),
    (["image", "tortuosity", "@solid_npy"], "pore"),
    (["image", "evolution", "@vol_tif", "@garbage_tif", "--voxel-size", "20nm"], "garbage.tif"),
    (["stress", "voxel", "@garbage_npy"], "garbage.npy"),
    (["stress", "voxel", "@flat_npy"], "3"),
    (["stress", "voxel", "@empty_tif"], "empty"),
    (["stress", "voxel", "@nan_npy"], "nan.npy"),
    (["stress", "voxel", "@solid_npy", "--E-GPa", "80,90"], "--E-GPa"),
    # crystal structures
    (["materials", "add", "--host", "@garbage_cif", "--lithiated", "@lith_cif", "--dry-run"], "garbage.cif"),
    (["materials", "add", "--host", "@empty_cif", "--lithiated", "@lith_cif", "--dry-run"], "empty"),
    (["materials", "add", "--host", "@text_cif", "--lithiated", "@lith_cif", "--dry-run"], "text.cif"),
    (["materials", "add", "--host", "@nocell_cif", "--lithiated", "@lith_cif", "--dry-run"], "nocell.cif"),
    (["materials", "add", "--host", "@host_cif", "--lithiated", "@missing", "--dry-run"], "no such file"),
    (["materials", "add", "--host", "@host_cif", "--lithiated", "@host_cif", "--name", "X", "--dry-run"], "lithiated"),
    # pore profiles
    (["characterize", "combine", "@profile_garbage_json", "@profile_a"], "profile_garbage.json"),
    (["characterize", "combine", "@profile_list_json", "@profile_a"], "profile_list.json"),
    (["characterize", "combine", "@profile_bad_value_json", "@profile_a"], "profile_bad_value.json"),
    (["characterize", "combine", "@missing", "@profile_a"], "no such file"),
    (["characterize", "combine", "@iso_empty_json", "@profile_a"], "empty"),
    # literature rows
    (["literature", "list", "--add", "@lit_garbage_csv"], "lit_garbage.csv"),
    (["literature", "list", "--add", "@lit_wrong_columns_csv"], "lit_wrong_columns.csv"),
    (["literature", "check", "--add", "@lit_empty_csv"], "empty"),
    (["literature", "correlate", "--add", "@missing"], "no such file"),
]


@pytest.mark.parametrize("args, fragment", FILES, ids=[" ".join(a)[:60] for a, _ in FILES])
def test_file_refused(refused, args, fragment):
    refused(args, fragment)


def test_unknown_toml_key_is_printed_as_its_key_not_its_value(refused):
    line = refused(["design", "@spec_unknown_value_key"])
    assert "particle.mystery" in line and "vvvvvvvvvv" * 9 not in line


# --------------------------------------------------------------------------- semantics (issue: "Bad input accepted")
SEMANTICS = [
    (["design", "@spec", "--example-spec"], "--example-spec"),  # ignored SPEC before
    (["design", "--example-spec", "--json"], "--example-spec"),
    (["design", "--example", "nope"], "--example"),
    (["design", "@spec", "--example", "lg-mj1-18650"], "--example"),
    (["design", "--list-examples", "--out", "%o"], "--list-examples"),
    (["image", "analyze", "@vol_npy", "--voxel-size", "20nm", "--no-psd", "--thickness", "%t.tif"], "--thickness"),
    (["study", "capacity-optimum", "--points", "1"], "--points"),
    (["study", "capacity-optimum", "--objective", "cell.nothing"], "--objective"),
    (["study", "closed-pores-dosage", "--dosage", "-2"], "--dosage"),
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.3:0.7",
      "--constraint", "electrode.swelling_pct<=-50"], "no feasible design"),  # printed "max ..." and exit 0 before
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--minimize", "cell.energy_density_Wh_kg",
      "--vary", "particle.porosity=0.3:0.7"], "the same field twice"),  # a 60-point "front" before
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.7:0.3"], "--vary"),
    (["optimize", "--maximize", "cell.nothing", "--vary", "particle.porosity=0.3:0.7"], "--maximize"),
    (["optimize", "--maximize", "cell.energy_density_Wh_kg", "--vary", "particle.porosity=0.3:0.7",
      "--constraint", "electrode.swelling_pct~5"], "--constraint"),
    (["optimize", "--vary", "particle.porosity=0.3:0.7"], "--maximize"),
    (["study", "blend-swelling", "--alloy", "graphite"], "--alloy"),  # ran before
    (["study", "blend-swelling", "--alloy", "SiO2"], "--alloy"),
    (["synthesize", "transcription", "--template-pore-volume-cm3-g", "1", "--fill", "0.5",
      "--g-active-per-g-template", "0.3"], "--fill"),  # ignored before
    (["synthesize", "top-down", "--si-wt-pct", "12", "--x", "1.5"], "--x"),
    (["synthesize", "top-down", "--precursor", "SiOx", "--si-wt-pct", "12"], "--si-wt-pct"),
    (["synthesize", "top-down", "--si-wt-pct", "12", "--conversion", "oxidation"], "--conversion"),
    (["synthesize", "top-down", "--si-wt-pct", "12", "--char-yield", "0.6"], "--char-yield"),
    (["synthesize", "bottom-up", "--carbon-material", "graphite"], "--carbon-material"),
    (["synthesize", "transcription", "--template-pore-volume-cm3-g", "1", "--sealed-pore-fraction", "0.5"],
     "--sealed-pore-fraction"),
    (CS + ["--mesh-size-nm", "1"], "--mesh-size-nm"),  # ignored with the analytic method before
    (CS + ["--method", "bem"], "--method"),
    (["stress", "sphere", "--flux-mol-cm2-s", "1e-9"], "--flux-mol-cm2-s"),
    (["stress", "sphere", "--mode", "galvanostatic", "--surface-concentration-mol-cm3", "0.02"],
     "--surface-concentration-mol-cm3"),
    (BASE["stress pore-cell"] + ["--Dt-over-l2", "0.1"], "--Dt-over-l2"),
    (["sweep", "--vary", "particle.porosity=0.3:0.5:3", "--plot", "cell.energy_density_Wh_kg"], "--plot"),
    (["sweep", "--vary", "particle.porosity=0.3:0.5:3", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     "--workers"),
    (["sweep", "--vary", "particle.nothing=0:1:3"], "--vary"),
    (["sweep", "--vary", "particle.porosity=0.3:0.5"], "--vary"),
    (["sweep", "--vary", "particle.porosity=0.5:0.5:3"], "--vary"),
    (["sweep", "--vary", "particle.porosity=0.3:0.5:2.5"], "--vary"),
    (["sweep", "--vary", "particle.porosity=1.2,1.3"], "--vary"),
    (["sweep", "--vary", "particle.porosity=nan:0.5:3"], "--vary"),
    (["sweep"], "--vary"),
    (DENSITY + ["--composition", "Si=0.5,amorphous_carbon=0.5", "--ssa", "-10", "--emit-spec", "%x.toml"],
     "ssa_m2_g"),  # wrote a spec `design` refuses before
    (DENSITY[:-2] + ["--true-density", "2.2", "--emit-spec", "%x.toml"], "--composition"),
    (["characterize", "isotherm", "@iso", "--emit-spec", "%x.toml"], "--composition"),
    (["image", "analyze", "@vol_tif", "--voxel-size", "20nm", "--dask"], "--dask"),
    (["image", "analyze", "@vol_npy", "--voxel-size", "20nm", "--workers", "2", "--scheduler", "tcp://x:1"],
     "--workers"),
    (["image", "analyze", "@vol_npy", "--voxel-size", "20nm", "--dask", "--probe-radius", "1nm"], "--probe-radius"),
    (["image", "analyze", "@vol_npy", "--voxel-size", "20nm", "--dask", "--min-size", "5"], "--min-size"),
    (["literature", "compare"], "SPEC"),
    (["cycle", "--experiment", "Discharge at C/2 until 5.5 V", "--no-dense"], "--experiment"),  # PyBaMM log line before
]


@pytest.mark.parametrize("args, fragment", SEMANTICS, ids=[" ".join(a)[:70] for a, _ in SEMANTICS])
def test_semantics_refused(refused, args, fragment):
    refused(args, fragment)


# --------------------------------------------------------------------------- sizes (issue: "Resource blow-ups")
SIZES = [
    (CS + ["--method", "fem", "--mesh-size-nm", "0.001"], "--mesh-size-nm"),  # OOM-killed after 58 s before
    (CS + ["--method", "fem", "--mesh-size-nm", "1e-300"], "--mesh-size-nm"),
    (BASE["stress pore-cell"] + ["--n-angle", "100000"], "--n-angle"),  # minutes before
    (BASE["stress pore-cell"] + ["--n-radial", "100000"], "--n-radial"),
    (BASE["stress pore-cell"] + ["--n-angle", "100000", "--diffusion"], "--n-angle"),
    (BASE["stress pore-rve"][:-1] + ["10", "--max-memory", "4GB"], "--n"),
    (["stress", "contact", "--contact-mesh-nm", "0.001"], "--contact-mesh-nm"),
    (["study", "closed-pores", "--points", "100000000"], "--points"),  # minutes before
    (["study", "capacity-optimum", "--points", "100000000"], "--points"),
    (["study", "closed-pores-dosage", "--points", "1000000000"], "--points"),
    (["study", "closed-pores", "--points", "100000", "--max-memory", "10MB"], "--points"),
    (["sweep", "--vary", "particle.porosity=0.2:0.7:1e9"], "--vary"),  # 45 s and 7.9 GB before
    (["sweep", "--vary", "particle.porosity=0.2:0.7:10000000000"], "--vary"),  # MemoryError before
    (["sweep", "--vary", "particle.porosity=0.2:0.7:1000", "--vary", "particle.closed_pore_fraction=0:1:10000"],
     "--vary"),
    (["sweep", "--vary", "particle.porosity=0.2:0.7:100000", "--max-memory", "10MB"], "--vary"),
    (["--max-memory", "10MB", "sweep", "--vary", "particle.porosity=0.2:0.7:100000"], "--vary"),
    (["cycle", "--cycles", "2000", "--model", "DFN", "--max-time", "1h"], "--cycles"),
    (["cycle", "--cycles", "100000"], "--cycles"),
    (["design", "--max-memory", "lots"], "--max-memory"),
    (["design", "--max-memory", "0.5MB"], "--max-memory"),
    (["design", "--max-time", "-5"], "--max-time"),
    (["design", "--max-time", "soon"], "--max-time"),
    (["stress", "pore-cell", "--cell-size-nm", "100", "--pore-radius-nm", "30", "--max-time", "1s"], "--max-time"),
]


@pytest.mark.parametrize("args, fragment", SIZES, ids=[" ".join(a)[:70] for a, _ in SIZES])
def test_size_refused_before_allocation(refused, args, fragment):
    line = refused(args, fragment)
    if "needs" in line:
        assert "the limit is" in line  # the estimate and the limit, in the one line
