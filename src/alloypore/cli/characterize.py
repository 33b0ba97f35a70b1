"""``alloypore characterize``: isotherm, mip, density, saxs, sans, nmr -> one JSON object, figures, a [particle] spec."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

__all__ = ["register"]

sub = typer.Typer(help="From lab measurements to a pore profile: isotherms, porosimetry, densities, SAXS, SANS, NMR relaxometry.",
                  no_args_is_help=True)

_JSON = typer.Option(False, "--json", help="Print one JSON object on stdout.")
_OUT = typer.Option(None, "--out", help="Directory for the figures (PNG).")
_SPEC = typer.Option(None, "--emit-spec", help="Write the [particle] section of a design spec (TOML) here; needs --composition.")
_COMP = typer.Option(None, "--composition", help='Mass fractions, e.g. "Si=0.5,amorphous_carbon=0.5".')


def _pair(text: Optional[str], field: str) -> Optional[tuple[float, float]]:
    from alloypore.errors import InputError

    if text is None:
        return None
    try:
        lo, hi = (float(v) for v in text.replace(":", ",").split(","))
    except ValueError:
        raise InputError(field, text, "two numbers LOW,HIGH") from None
    return lo, hi


def _emit(figures: dict, out: Optional[Path], spec_text: Optional[str], spec_path: Optional[Path]) -> list[str]:
    """Write figures (atomically, into ``out``) and the spec file; return written paths."""
    from alloypore._io import atomic_output_dir, atomic_write_text

    written: list[str] = []
    if out is not None and figures:
        from alloypore.plotting import figure_to_png_bytes

        with atomic_output_dir(out) as tmp:
            for name, fig in figures.items():
                (tmp / name).write_bytes(figure_to_png_bytes(fig))
                written.append(str(Path(out) / name))
    else:
        from alloypore.plotting import plt

        for fig in figures.values():
            plt.close(fig)
    if spec_path is not None and spec_text is not None:
        atomic_write_text(spec_path, spec_text)
        written.append(str(spec_path))
    return written


def _print(result: dict, as_json: bool, lines: list[str]) -> None:
    if as_json:
        from alloypore.cli._common import print_json

        print_json(result)
    else:
        for ln in lines:
            typer.echo(ln)


@sub.command("isotherm")
def isotherm_cmd(
    file: Path = typer.Argument(..., help="Isotherm file (pyGAPS JSON/CSV/Excel, AIF, Micromeritics .xls, BEL, 3P, Quantachrome)."),
    fmt: str = typer.Option("auto", "--format", help="auto, json, csv, aif, pygaps-xl, mic-xl, 3p-xl, bel-csv, bel-dat, qnt-txt."),
    bet_range: Optional[str] = typer.Option(None, "--bet-range", help="Fixed BET p/p0 range LOW,HIGH (refused if it fails a criterion)."),
    psd: str = typer.Option("bjh", "--psd", help="Mesopore PSD: bjh, dh or none."),
    psd_branch: str = typer.Option("des", "--psd-branch", help="Branch for the PSD: des or ads."),
    gurvich_p: Optional[float] = typer.Option(None, "--gurvich-p", help="p/p0 for the Gurvich total pore volume (default 0.95 if measured)."),
    t_range: str = typer.Option("0.35,0.5", "--t-range", help="t-plot thickness window, nm."),
    dft_kernel: Optional[Path] = typer.Option(None, "--dft-kernel", help="DFT kernel CSV (pyGAPS format) for a DFT PSD."),
    dr_range: str = typer.Option("1e-5,0.03", "--dr-range", help="Dubinin-Radushkevich p/p0 window (CO2)."),
    composition: Optional[str] = _COMP,
    emit_spec: Optional[Path] = _SPEC,
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Gas-adsorption isotherm: BET (ISO 9277 criteria), t-plot, Gurvich, BJH/DH, DR (CO2), DFT."""
    from alloypore.characterization.analysis import analyse_isotherm
    from alloypore.characterization.density import parse_composition
    from alloypore.characterization.isotherm import load_isotherm
    from alloypore.characterization.plots import plot_isotherm_bet, plot_psd
    from alloypore.errors import InputError

    comp = parse_composition(composition) if composition else None
    if emit_spec is not None and comp is None:
        raise InputError("composition", None, "needed with --emit-spec (the spec lists the phases)")
    iso = load_isotherm(file, fmt)
    a = analyse_isotherm(
        iso, bet_range=_pair(bet_range, "bet_range"), psd=psd, psd_branch=psd_branch, gurvich_p=gurvich_p,
        t_range=_pair(t_range, "t_range"), dft_kernel=dft_kernel, dr_range=_pair(dr_range, "dr_range"),
        composition=comp, source=str(file),
    )
    result, bet, psd_res, notes = a.result, a.bet, a.psd, a.notes
    figures: dict = {}
    if psd_res is not None:
        figures["psd.png"] = plot_psd(psd_res.diameter_nm, psd_res.dv_dlogd_cm3_g, cumulative=psd_res.cumulative_cm3_g,
                                      title=f"{psd_res.method} ({psd_res.branch}) {iso.material}")
    figures["isotherm.png"] = plot_isotherm_bet(iso, bet)
    spec_text = a.profile.to_particle_toml() if emit_spec is not None else None
    result["written"] = _emit(figures, out, spec_text, emit_spec)
    lines = [f"{file}: {iso.adsorbate} at {iso.temperature_K:.2f} K, {iso.p_rel_ads.size} ads / {iso.p_rel_des.size} des points"]
    if bet is not None:
        lines.append(f"BET {bet.ssa_m2_g:.4g} m2/g (C = {bet.c_constant:.4g}, p/p0 {bet.p_rel_range[0]:.3g}-{bet.p_rel_range[1]:.3g},"
                     f" {bet.n_points} points, all four criteria met)")
    if result["total_pore_volume_cm3_g"] is not None:
        lines.append(f"total pore volume (Gurvich, p/p0 {result['gurvich_p_rel']}) {result['total_pore_volume_cm3_g']:.4g} cm3/g")
    if psd_res is not None:
        lines.append(f"{psd_res.method} modal diameter {psd_res.modal_diameter_nm:.3g} nm")
    if result["dr"] is not None:
        lines.append(f"DR micropore volume {result['dr'].micropore_volume_cm3_g:.4g} cm3/g, E = {result['dr'].characteristic_energy_kJ_mol:.3g} kJ/mol")
    lines += [f"note: {n}" for n in notes] + [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


@sub.command("mip")
def mip_cmd(
    file: Path = typer.Argument(..., help="CSV: pressure column (header names MPa or psia) and cumulative intrusion (mL/g)."),
    surface_tension: float = typer.Option(0.485, "--surface-tension", help="Mercury surface tension, N/m."),
    contact_angle: float = typer.Option(140.0, "--contact-angle", help="Mercury contact angle, degrees."),
    conformance_pressure: Optional[float] = typer.Option(None, "--conformance-pressure", help="Subtract the volume intruded up to this pressure (MPa)."),
    cutoff_nm: Optional[float] = typer.Option(None, "--cutoff-nm", help="Inter/intraparticle cutoff diameter (nm); default: valley between modes."),
    skeletal_density: Optional[float] = typer.Option(None, "--skeletal-density", help="He-pycnometry density (g/cm3) for the envelope density."),
    composition: Optional[str] = _COMP,
    emit_spec: Optional[Path] = _SPEC,
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Mercury intrusion: Washburn PSD, conformance, inter/intraparticle split, envelope density."""
    from alloypore.characterization.density import parse_composition
    from alloypore.characterization.mip import analyse_mip, read_mip_csv
    from alloypore.characterization.plots import plot_psd
    from alloypore.characterization.profile import profile_from_mip
    from alloypore.errors import InputError

    comp = parse_composition(composition) if composition else None
    if emit_spec is not None and comp is None:
        raise InputError("composition", None, "needed with --emit-spec (the spec lists the phases)")
    data = read_mip_csv(file)
    res = analyse_mip(data, surface_tension_N_m=surface_tension, contact_angle_deg=contact_angle,
                      conformance_pressure_MPa=conformance_pressure, cutoff_diameter_nm=cutoff_nm,
                      skeletal_density_g_cm3=skeletal_density)
    if emit_spec is not None and res.intraparticle_pore_volume_cm3_g is None:
        raise InputError("cutoff_nm", None, "a cutoff diameter (no valley between modes found) for --emit-spec")
    profile = profile_from_mip(res, composition=comp)
    figures = {"mip_psd.png": plot_psd(res.diameter_nm, res.dv_dlogd_cm3_g, cumulative=res.cumulative_cm3_g,
                                       cutoff_nm=res.cutoff_diameter_nm, title=f"MIP {Path(file).name}",
                                       ylabel="dV/dlogD (mL/g)")}
    spec_text = profile.to_particle_toml() if emit_spec is not None else None
    result = {
        "file": str(file), "pressure_unit_in_file": data.pressure_unit_in_file,
        "n_points": int(data.pressure_MPa.size),
        "surface_tension_N_m": res.surface_tension_N_m, "contact_angle_deg": res.contact_angle_deg,
        "pressure_range_MPa": [float(data.pressure_MPa.min()), float(data.pressure_MPa.max())],
        "diameter_range_nm": list(res.diameter_range_nm),
        "total_intrusion_cm3_g": res.total_intrusion_cm3_g, "conformance_volume_cm3_g": res.conformance_volume_cm3_g,
        "cutoff_diameter_nm": res.cutoff_diameter_nm, "cutoff_source": res.cutoff_source,
        "intraparticle_pore_volume_cm3_g": res.intraparticle_pore_volume_cm3_g,
        "interparticle_volume_cm3_g": res.interparticle_volume_cm3_g,
        "modal_intraparticle_diameter_nm": res.modal_intraparticle_diameter_nm,
        "modal_interparticle_diameter_nm": res.modal_interparticle_diameter_nm,
        "envelope_density_g_cm3": res.envelope_density_g_cm3,
        "diameter_nm": res.diameter_nm, "cumulative_cm3_g": res.cumulative_cm3_g, "dv_dlogd_cm3_g": res.dv_dlogd_cm3_g,
        "pore_profile": profile.summary(), "flags": res.flags,
    }
    result["written"] = _emit(figures, out, spec_text, emit_spec)
    lines = [f"{file}: {data.pressure_MPa.size} intrusion points, D {res.diameter_range_nm[0]:.3g}-{res.diameter_range_nm[1]:.4g} nm",
             f"total intrusion {res.total_intrusion_cm3_g:.4g} mL/g"]
    if res.cutoff_diameter_nm is not None:
        lines.append(f"cutoff {res.cutoff_diameter_nm:.4g} nm ({res.cutoff_source}): intraparticle {res.intraparticle_pore_volume_cm3_g:.4g} mL/g,"
                     f" interparticle {res.interparticle_volume_cm3_g:.4g} mL/g")
    if res.envelope_density_g_cm3 is not None:
        lines.append(f"envelope density {res.envelope_density_g_cm3:.4g} g/cm3")
    lines += [f"note: {f}" for f in res.flags] + [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


@sub.command("density")
def density_cmd(
    helium_density: float = typer.Option(..., "--helium-density", help="Skeletal density from He pycnometry, g/cm3."),
    open_pore_volume: float = typer.Option(..., "--open-pore-volume", help="Open intraparticle pore volume, cm3/g (N2 Gurvich or MIP)."),
    true_density: Optional[float] = typer.Option(None, "--true-density", help="True (pore-free) density, g/cm3."),
    composition: Optional[str] = _COMP,
    tap: Optional[float] = typer.Option(None, "--tap", help="Tap density of the powder, g/cm3."),
    ssa: Optional[float] = typer.Option(None, "--ssa", help="BET area to carry into the spec, m2/g."),
    emit_spec: Optional[Path] = _SPEC,
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Densities -> closed, open and total intraparticle porosity (and interparticle void with --tap)."""
    from alloypore.characterization.density import density_analysis
    from alloypore.characterization.profile import profile_from_density
    from alloypore.errors import InputError

    res = density_analysis(helium_density_g_cm3=helium_density, open_pore_volume_cm3_g=open_pore_volume,
                           true_density_g_cm3=true_density, composition=composition, tap_density_g_cm3=tap)
    if emit_spec is not None and res.composition is None:
        raise InputError("composition", None, "needed with --emit-spec (the spec lists the phases)")
    profile = profile_from_density(res, ssa_m2_g=ssa)
    spec_text = profile.to_particle_toml() if emit_spec is not None else None
    figures = {"density_volumes.png": _density_figure(res)}
    from dataclasses import asdict

    result = asdict(res)
    result["pore_profile"] = profile.summary()
    result["written"] = _emit(figures, out, spec_text, emit_spec)
    lines = [f"true {res.true_density_g_cm3:.4g} g/cm3, skeletal {res.skeletal_density_g_cm3:.4g} g/cm3, envelope {res.envelope_density_g_cm3:.4g} g/cm3",
             f"closed pore volume {res.closed_pore_volume_cm3_g:.4g} cm3/g, porosity {100 * res.porosity:.3g} %"
             f" (open {100 * res.open_porosity:.3g} %, closed {100 * res.closed_porosity:.3g} %), closed fraction {res.closed_pore_fraction:.3g}"]
    if res.interparticle_void_fraction is not None:
        lines.append(f"interparticle void of the tapped powder {100 * res.interparticle_void_fraction:.3g} %")
    lines += [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


def _density_figure(res):
    from alloypore.plotting import new_figure

    fig, ax = new_figure(5.0, 4.0)
    parts = [("solid", res.solid_volume_cm3_g), ("closed pores", res.closed_pore_volume_cm3_g), ("open pores", res.open_pore_volume_cm3_g)]
    if res.tap_density_g_cm3:
        parts.append(("interparticle (tapped)", 1 / res.tap_density_g_cm3 - 1 / res.envelope_density_g_cm3))
    bottom = 0.0
    for name, v in parts:
        ax.bar(["1 g of powder"], [v], bottom=bottom, label=f"{name}: {v:.3g} cm³")
        bottom += v
    ax.set_ylabel("volume (cm³/g)")
    ax.legend(fontsize=8)
    return fig


@sub.command("saxs")
def saxs_cmd(
    file: Path = typer.Argument(..., help="q/I table (q unit in the header: 1/nm or 1/A; I in cm^-1)."),
    filled: Optional[Path] = typer.Option(None, "--filled", help="Curve of the same sample filled with a contrast-matched liquid."),
    after: Optional[Path] = typer.Option(None, "--after", help="Curve after cycling: ratio of pores persisting."),
    q_unit: Optional[str] = typer.Option(None, "--q-unit", help="1/nm or 1/A when the header does not say."),
    contrast: Optional[float] = typer.Option(None, "--contrast", help="Solid-pore SLD difference, 1e10 cm^-2 (gives volume fractions)."),
    sample_density: Optional[float] = typer.Option(None, "--sample-density", help="Density of the irradiated material, g/cm3 (S/V -> m2/g)."),
    n_guinier: int = typer.Option(8, "--n-guinier", help="Points for the low-q Guinier fit."),
    n_porod: int = typer.Option(10, "--n-porod", help="Points for the high-q Porod fit."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """SAXS: Porod invariant (Guinier/Porod extrapolated), volume fraction, S/V, closed and persisting pores."""
    from alloypore.characterization import saxs as sx
    from alloypore.characterization.plots import plot_saxs_integrand
    from alloypore.errors import InputError

    data = sx.read_saxs_table(file, q_unit)
    inv = sx.porod_invariant(data, n_guinier=n_guinier, n_porod=n_porod, delta_sld_1e10_cm2=contrast,
                             sample_density_g_cm3=sample_density)
    from dataclasses import asdict

    result = {"file": str(file), "n_points": int(data.q_nm.size), **asdict(inv), "closed": None, "persisting_ratio": None}
    second = None
    if filled is not None:
        if contrast is None:
            raise InputError("contrast", None, "needed with --filled (volume fractions)")
        fdata = sx.read_saxs_table(filled, q_unit)
        finv = sx.porod_invariant(fdata, n_guinier=n_guinier, n_porod=n_porod)
        result["closed"] = {"file": str(filled), "invariant_cm_nm3": finv.invariant_cm_nm3,
                            **sx.closed_porosity_from_filled(inv, finv, contrast)}
        second = (fdata, finv)
    if after is not None:
        adata = sx.read_saxs_table(after, q_unit)
        ainv = sx.porod_invariant(adata, n_guinier=n_guinier, n_porod=n_porod)
        result["persisting_ratio"] = sx.persisting_pore_ratio(inv, ainv)
        result["after_invariant_cm_nm3"] = ainv.invariant_cm_nm3
        second = second or (adata, ainv)
    figures = {"saxs_invariant.png": plot_saxs_integrand(data, inv, second)}
    result["written"] = _emit(figures, out, None, None)
    lines = [f"{file}: {data.q_nm.size} points, q {inv.q_range_nm[0]:.3g}-{inv.q_range_nm[1]:.3g} 1/nm",
             f"invariant {inv.invariant_cm_nm3:.4g} cm-1 nm-3 (low-q {inv.low_q_part:.3g}, measured {inv.measured_part:.3g}, high-q {inv.high_q_part:.3g})",
             f"Porod constant {inv.porod_constant_cm_nm4:.4g} cm-1 nm-4"]
    if inv.volume_fraction is not None:
        lines.append(f"pore volume fraction {inv.volume_fraction:.4g}, S/V {inv.specific_surface_m2_cm3:.4g} m2/cm3")
    if result["closed"]:
        lines.append(f"closed pore fraction {result['closed']['closed_pore_fraction']:.3g}")
    if result["persisting_ratio"] is not None:
        lines.append(f"pores persisting after cycling: {100 * result['persisting_ratio']:.3g} % of the invariant")
    lines += [f"note: {f}" for f in inv.flags] + [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


@sub.command("sans")
def sans_cmd(
    solid: str = typer.Option(..., "--solid", help='The scattering solid: materials name ("Si", "amorphous_carbon") or FORMULA:DENSITY ("C:1.8").'),
    phase: Optional[list[str]] = typer.Option(None, "--phase", help="Further phases for the contrast chart (repeatable), same forms as --solid."),
    h_solvent: str = typer.Option("H2O:0.99705", "--h-solvent", help="Protonated solvent FORMULA:DENSITY (25 C)."),
    d_solvent: str = typer.Option("D2O:1.1044", "--d-solvent", help="Deuterated solvent FORMULA:DENSITY (25 C); D is deuterium."),
    dry: Optional[Path] = typer.Option(None, "--dry", help="SANS curve of the dry powder (q/I table, I in cm^-1, background subtracted)."),
    filled: Optional[Path] = typer.Option(None, "--filled", help="Curve of the same powder filled with the H/D solvent (needs --dry)."),
    d_fraction: Optional[float] = typer.Option(None, "--d-fraction", help="D volume fraction of the filling solvent (default: the solid's match point)."),
    q_unit: Optional[str] = typer.Option(None, "--q-unit", help="1/nm or 1/A when the header does not say."),
    n_guinier: int = typer.Option(8, "--n-guinier", help="Points for the low-q Guinier fit."),
    n_porod: int = typer.Option(10, "--n-porod", help="Points for the high-q Porod fit."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """SANS: neutron SLDs, the H/D solvent that contrast-matches the solid, closed pores from a matched curve."""
    from dataclasses import asdict

    from alloypore.characterization import sans as sn
    from alloypore.characterization import saxs as sx
    from alloypore.errors import InputError

    solid_p = sn.parse_phase(solid, field="solid")
    others = [sn.parse_phase(t, field="phase") for t in (phase or [])]
    h = sn.parse_phase(h_solvent, field="h_solvent")
    d = sn.parse_phase(d_solvent, field="d_solvent")
    table = sn.contrast_table([solid_p, *others], h, d)
    srow = table["phases"][0]
    sh, sd = (x["neutron_sld_1e10_cm2"] for x in table["solvents"])
    result = {"solid": srow, "phases": table["phases"], "solvents": table["solvents"],
              "sld_unit": "1e10 cm^-2 = 1e-6 A^-2", "dry": None, "closed": None}
    if filled is not None and dry is None:
        raise InputError("dry", None, "a dry curve (--dry) with --filled: the total pore fraction comes from it")
    used = None
    if dry is not None:
        contrast = abs(srow["neutron_sld_1e10_cm2"])
        ddata = sx.read_saxs_table(dry, q_unit)
        dinv = sx.porod_invariant(ddata, n_guinier=n_guinier, n_porod=n_porod, delta_sld_1e10_cm2=contrast)
        result["dry"] = {"file": str(dry), "n_points": int(ddata.q_nm.size), **asdict(dinv)}
        if filled is not None:
            if d_fraction is None:
                used = sn.contrast_match_fraction(srow["neutron_sld_1e10_cm2"], sh, sd, field="solid")
            else:
                used = check_fraction(d_fraction)
            sld_liquid = float(sn.mixture_sld(used, sh, sd))
            fdata = sx.read_saxs_table(filled, q_unit)
            finv = sx.porod_invariant(fdata, n_guinier=n_guinier, n_porod=n_porod)
            closed = sn.closed_porosity_contrast_matched(dinv, finv, srow["neutron_sld_1e10_cm2"],
                                                         None if d_fraction is None else sld_liquid)
            result["closed"] = {"file": str(filled), "d_volume_fraction": used, "solvent_sld_1e10_cm2": sld_liquid,
                                "invariant_cm_nm3": finv.invariant_cm_nm3, "flags": finv.flags, **closed}
    figures = {"sans_contrast.png": sn.plot_contrast(table, used)}
    if dry is not None:
        from alloypore.characterization.plots import plot_saxs_integrand

        figures["sans_invariant.png"] = plot_saxs_integrand(ddata, dinv, (fdata, finv) if filled is not None else None)
    result["written"] = _emit(figures, out, None, None)
    lines = []
    for x in table["solvents"] + table["phases"]:
        m = x.get("match_d_volume_fraction", "solvent")
        tail = "" if m == "solvent" else (f", matched by {100 * m:.1f} vol% {d.name} ({100 * x['match_d_mass_fraction']:.1f} wt%)"
                                          if m is not None else f", not matchable with {h.name}/{d.name}")
        lines.append(f"{x['name']} ({x['formula']}, {x['density_g_cm3']:.4g} g/cm3): neutron SLD {x['neutron_sld_1e10_cm2']:.3f}e-6/A2,"
                     f" X-ray (Cu Ka) {x['xray_sld_1e10_cm2']:.3f}e-6/A2{tail}")
    if result["dry"]:
        dr = result["dry"]
        lines.append(f"dry: invariant {dr['invariant_cm_nm3']:.4g} cm-1 nm-3, pore volume fraction {dr['volume_fraction']:.4g}")
        lines += [f"note: {f}" for f in dr["flags"]]
    if result["closed"]:
        c = result["closed"]
        lines.append(f"filled ({100 * c['d_volume_fraction']:.1f} vol% {d.name}, SLD {c['solvent_sld_1e10_cm2']:.3f}): closed pore volume fraction"
                     f" {c['closed_pore_volume_fraction']:.4g}, closed share of the pores {c['closed_pore_fraction']:.3g}")
    lines += [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


def check_fraction(value: float) -> float:
    from alloypore.errors import check_range

    return check_range("d_fraction", value, 0.0, 1.0)


@sub.command("nmr")
def nmr_cmd(
    file: Path = typer.Argument(..., help="T2 (or T1) distribution: CSV with time (unit in the header: ms, s or us) and amplitude."),
    relaxivity: Optional[float] = typer.Option(None, "--relaxivity", help="Surface relaxivity rho2 (rho1 for T1), um/s."),
    reference: Optional[str] = typer.Option(None, "--reference", help="Calibrate rho from a known pore: TIME_MS:SIZE_NM (e.g. the T2 peak and the BJH mode)."),
    geometry: str = typer.Option("sphere", "--geometry", help="Pore shape for S/V = G/d: sphere (6), cylinder (4), slit (2, d = width)."),
    bulk: Optional[float] = typer.Option(None, "--bulk", help="Bulk-liquid relaxation time, ms (1/T - 1/T_bulk)."),
    cutoff: Optional[float] = typer.Option(None, "--cutoff", help="Time (ms) above which liquid counts as outside the pores."),
    time_unit: Optional[str] = typer.Option(None, "--time-unit", help="ms, s or us when the header does not say."),
    liquid_volume: Optional[float] = typer.Option(None, "--liquid-volume", help="Imbibed liquid volume, cm3 per g of sample."),
    signal_per_cm3: Optional[float] = typer.Option(None, "--signal-per-cm3", help="Amplitude of 1 cm3 of bulk liquid (calibration) -> liquid volume from the signal."),
    sample_mass: Optional[float] = typer.Option(None, "--sample-mass", help="Sample mass, g (with --signal-per-cm3)."),
    pore_volume: Optional[float] = typer.Option(None, "--pore-volume", help="Pore volume, cm3/g (N2, MIP or densities) -> fraction of pores filled."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """NMR relaxometry: pore sizes from surface relaxivity (1/T2 = rho2 S/V), bulk-like liquid, fraction of pores filled."""
    import numpy as np

    from alloypore.characterization import nmr
    from alloypore.errors import InputError

    data = nmr.read_relaxation_distribution(file, time_unit)
    if (relaxivity is None) == (reference is None):
        raise InputError("relaxivity", relaxivity, "give exactly one of --relaxivity (um/s, > 0) and --reference TIME_MS:SIZE_NM")
    calibrated = None
    if reference is not None:
        ref = _pair(reference, "reference")
        relaxivity = nmr.relaxivity_from_pore_size(ref[0], ref[1], geometry, bulk)
        calibrated = {"time_ms": ref[0], "pore_size_nm": ref[1], "relaxivity_um_s": relaxivity}
    if signal_per_cm3 is not None or sample_mass is not None:
        if liquid_volume is not None:
            raise InputError("liquid_volume", liquid_volume, "either --liquid-volume or --signal-per-cm3 with --sample-mass, not both")
        if signal_per_cm3 is None or sample_mass is None:
            raise InputError("signal_per_cm3" if signal_per_cm3 is None else "sample_mass", None, "both --signal-per-cm3 and --sample-mass")
        liquid_volume = nmr.liquid_volume_from_signal(float(data.amplitude.sum()), signal_per_cm3, sample_mass)
    res = nmr.nmr_pore_size_distribution(data, relaxivity, geometry, bulk_time_ms=bulk, cutoff_time_ms=cutoff,
                                         liquid_volume_cm3_g=liquid_volume, pore_volume_cm3_g=pore_volume)
    from dataclasses import asdict

    result = {"file": str(file), "n_points": int(data.time_ms.size), **asdict(res), "relaxivity_calibration": calibrated}
    result["pore_size_nm"] = [None if not np.isfinite(v) else float(v) for v in res.pore_size_nm]
    figures = {"nmr_psd.png": nmr.plot_nmr(res, title=Path(file).name)}
    result["written"] = _emit(figures, out, None, None)
    size = "width" if res.geometry == "slit" else "diameter"
    lines = [f"{file}: {data.time_ms.size} {res.kind} components, {data.time_ms.min():.3g}-{data.time_ms.max():.4g} ms",
             f"{res.geometry} pores: d = {res.geometry_factor:g} x rho x {res.kind}s, rho = {res.relaxivity_um_s:.4g} um/s"
             + (f" (calibrated on {calibrated['pore_size_nm']:g} nm at {calibrated['time_ms']:g} ms)" if calibrated else "")]
    if res.modal_size_nm is not None:
        lines.append(f"pore {size}: modal {res.modal_size_nm:.4g} nm, median {res.median_size_nm:.4g} nm,"
                     f" range {res.size_range_nm[0]:.3g}-{res.size_range_nm[1]:.4g} nm")
    lines.append(f"signal in pores {100 * res.pore_signal_share:.3g} %, bulk-like {100 * res.bulk_signal_share:.3g} %")
    if res.filled_fraction is not None:
        lines.append(f"pores filled by the liquid: {100 * res.filled_fraction:.3g} % ({res.liquid_volume_cm3_g:.4g} cm3/g liquid,"
                     f" {res.pore_volume_cm3_g:.4g} cm3/g pores)")
    lines += [f"note: {f}" for f in res.flags] + [f"wrote {w}" for w in result["written"]]
    _print(result, as_json, lines)


def register(app: typer.Typer) -> None:
    """Add the ``characterize`` command group."""
    app.add_typer(sub, name="characterize")
