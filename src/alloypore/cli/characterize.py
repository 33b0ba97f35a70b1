"""``alloypore characterize``: isotherm, mip, density, saxs, sans, nmr, combine -> JSON, figures, a profile, a [particle] spec.

Each command parses its options, runs its method from the measurement registry
(:mod:`alloypore.characterization.registry`: read, analyse) and renders the result: the
JSON (with the result's ``pore_profile``), a terminal summary, the figures (``--out``), the
whole pore profile (``--profile-out``, the input of ``combine``) and the ``[particle]``
section of the pore profile (``--emit-spec``).  ``combine`` fuses saved profiles
(:func:`alloypore.characterization.combine.combine_profiles`).  Everything to be written is
formed before anything is written, so a refusal leaves no file behind.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Optional

import typer

from alloypore._io import atomic_write_text
from alloypore.characterization.analysis import check_isotherm_options
from alloypore.characterization.combine import combine_profiles
from alloypore.characterization.density import parse_composition
from alloypore.characterization.profile import ELECTROLYTE_THRESHOLD_NM, PoreProfile, read_profile, require_composition
from alloypore.characterization.registry import COMBINE_FIGURES, get_method, save_figures_of
from alloypore.cli._common import FORCE, JSON, check_file_out, check_out, print_json, requires
from alloypore.errors import InputError
from alloypore.progress import status

__all__ = ["register", "FLAG_OF"]

#: Library argument names that differ from this module's options (for one-line errors).
FLAG_OF = {
    "p_limits": "--bet-range", "gurvich_p_rel": "--gurvich-p", "cutoff_diameter": "--cutoff-nm",
    "cutoff_diameter_nm": "--cutoff-nm", "delta_sld": "--contrast", "delta_sld_1e10_cm2": "--contrast",
    "sample_density": "--sample-density", "sample_density_g_cm3": "--sample-density", "cutoff_time": "--cutoff",
    "cutoff_time_ms": "--cutoff", "bulk_time": "--bulk", "bulk_time_ms": "--bulk", "relaxivity_um_s": "--relaxivity",
    "surface_tension_N_m": "--surface-tension", "contact_angle_deg": "--contact-angle", "fmt": "--format",
    "conformance_pressure_MPa": "--conformance-pressure", "skeletal_density_g_cm3": "--skeletal-density",
    "helium_density_g_cm3": "--helium-density", "open_pore_volume_cm3_g": "--open-pore-volume",
    "true_density_g_cm3": "--true-density", "tap_density_g_cm3": "--tap", "tap_density": "--tap", "ssa_m2_g": "--ssa",
    "solid.density": "--solid", "liquid_volume_cm3_g": "--liquid-volume", "pore_volume_cm3_g": "--pore-volume",
    "sample_mass_g": "--sample-mass", "t_limits": "--t-range", "dr_limits": "--dr-range", "sigma_nm2": "--cross-section",
    "threshold_nm": "--electrolyte-threshold",
}

sub = typer.Typer(help="From lab measurements to a pore profile: isotherms, porosimetry, densities, SAXS, SANS, NMR relaxometry.",
                  no_args_is_help=True)

_OUT = typer.Option(None, "--out", help="Directory for the figures (PNG).")
_SPEC = typer.Option(None, "--emit-spec", help="Write the particle section of a design spec (TOML) here; needs --composition.")
_PROFILE = typer.Option(None, "--profile-out", help="Write the whole pore profile (JSON, the input of `characterize combine`) here.")
_COMP = typer.Option(None, "--composition", help='Mass fractions, e.g. "Si=0.5,amorphous_carbon=0.5".')
_THRESH = typer.Option(ELECTROLYTE_THRESHOLD_NM, "--electrolyte-threshold",
                       help="Pore size (nm) below which electrolyte does not enter, for the spec's electrolyte_inaccessible_fraction "
                            "(default 2: the review's micropores, its ref. 38).")
_QUNIT = typer.Option(None, "--q-unit", help="1/nm or 1/A when the header does not say.")
_NG_HELP = "Points for the low-q Guinier fit."
_NP_HELP = "Points for the high-q Porod fit."


def _pair(text: Optional[str], field: str, syntax: str = "two numbers LOW,HIGH") -> Optional[tuple[float, float]]:
    if text is None:
        return None
    try:
        lo, hi = (float(v) for v in text.replace(":", ",").split(","))
    except ValueError:
        raise InputError(field, text, syntax) from None
    return lo, hi


class _Outputs:
    """The options every command shares: the composition, ``--emit-spec`` TOML, ``--profile-out`` JSON,
    the electrolyte threshold, ``--json`` and the ``--out`` figures."""

    def __init__(self, composition: Optional[str] = None, emit_spec: Optional[Path] = None, profile_out: Optional[Path] = None,
                 threshold: float = ELECTROLYTE_THRESHOLD_NM, as_json: bool = False, out: Optional[Path] = None,
                 force: bool = False):
        self.text, self.emit_spec, self.profile_out = composition, emit_spec, profile_out
        self.threshold, self.as_json, self.out, self.force = threshold, as_json, out, force

    def check(self) -> None:
        """Every output target is checked before any work (folder exists and is writable; no file replaced without --force)."""
        check_out(self.out)
        check_file_out(self.emit_spec, "--emit-spec", self.force)
        check_file_out(self.profile_out, "--profile-out", self.force)

    def composition(self, *, required: bool = True) -> Optional[dict]:
        """The parsed composition; with ``--emit-spec`` (and ``required``) refused when missing, before any file is read."""
        comp = parse_composition(self.text) if self.text else None
        return require_composition(comp) if self.emit_spec is not None and required else comp


#: name -> (annotation, typer option) of the shared options, in the order --help lists them
_SHARED = {"composition": (Optional[str], _COMP), "emit_spec": (Optional[Path], _SPEC), "profile_out": (Optional[Path], _PROFILE),
           "force": (bool, FORCE), "threshold": (float, _THRESH), "as_json": (bool, JSON), "out": (Optional[Path], _OUT)}


def _command(name: str, shared: tuple[str, ...] = tuple(_SHARED)):
    """Register ``fn(..., io: _Outputs)`` as ``characterize NAME`` with the shared options appended to its own."""

    def deco(fn):
        sig = inspect.signature(fn, eval_str=True)
        own = [prm for prm in sig.parameters.values() if prm.name != "io"]
        extra = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=_SHARED[n][1], annotation=_SHARED[n][0]) for n in shared]

        @functools.wraps(fn)
        def command(**kw):
            io = _Outputs(**{k: kw[k] for k in shared})
            io.check()  # the output targets before anything is read or computed
            return fn(**{k: v for k, v in kw.items() if k not in _SHARED}, io=io)

        del command.__wrapped__  # typer reads __signature__ and __annotations__ of the command itself
        command.__signature__ = sig.replace(parameters=own + extra)
        command.__annotations__ = {prm.name: prm.annotation for prm in own + extra}
        sub.command(name)(command)
        return fn

    return deco


def _save_figures(name: str, result, directory: Path) -> list[str]:
    if name == "combine":  # not a measurement method: the registry names its figures separately
        return save_figures_of(COMBINE_FIGURES, result, directory)
    return get_method(name).save_figures(result, directory)


def _render(name: str, result, profile: PoreProfile, io: _Outputs) -> None:
    """JSON or terminal lines; figures into ``--out``; the profile's [particle] section and JSON (formed first)."""
    spec_text = profile.to_particle_toml(threshold_nm=io.threshold) if io.emit_spec is not None else None
    profile_text = profile.to_json() + "\n" if io.profile_out is not None else None
    payload = result.to_dict()
    payload["pore_profile"] = profile.summary()
    written = _save_figures(name, result, io.out) if io.out is not None else []
    for flag, path, text in (("--emit-spec", io.emit_spec, spec_text), ("--profile-out", io.profile_out, profile_text)):
        if path is not None:
            atomic_write_text(path, text, flag=flag)
            written.append(str(path))
    payload["written"] = written
    if io.as_json:
        print_json(payload)
        return
    for line in [*result.lines(), *(f"wrote {w}" for w in written)]:
        typer.echo(line)


@_command("isotherm")
def isotherm_cmd(
    file: Path = typer.Argument(..., help="Isotherm file: Micromeritics .xls/.TXT, BEL .xls/.csv/.DAT, 3P .xlsx, Quantachrome .txt, "
                                          "AIF, pyGAPS JSON/CSV/Excel (the reader is chosen from the content)."),
    fmt: str = typer.Option("auto", "--format", help="auto (from the content), json, afp-json, csv, aif, pygaps-xl, mic-xl, mic-txt, "
                                                     "bel-xl, 3p-xl, bel-csv, bel-dat, qnt-txt."),
    bet_range: Optional[str] = typer.Option(None, "--bet-range", help="BET over exactly the points in p/p0 LOW,HIGH (e.g. the "
                                                                      "instrument's); failed criteria are reported."),
    strict: bool = typer.Option(False, "--strict", help="Exit 2 when the BET range fails an ISO 9277/Rouquerol criterion."),
    cross_section: Optional[float] = typer.Option(None, "--cross-section", help="Adsorbate cross-section for BET, nm2 "
                                                                               "(default: pyGAPS's, e.g. N2 0.162, Ar 0.138)."),
    psd: str = typer.Option("bjh", "--psd", help="Mesopore PSD: bjh, dh or none."),
    psd_branch: str = typer.Option("auto", "--psd-branch", help="Branch for the PSD: auto (desorption if present, else adsorption), des or ads."),
    gurvich_p: Optional[float] = typer.Option(None, "--gurvich-p", help="p/p0 for the Gurvich total pore volume (default 0.95 if measured)."),
    t_range: str = typer.Option("0.35,0.5", "--t-range", help="t-plot thickness window, nm."),
    dft_kernel: Optional[Path] = typer.Option(None, "--dft-kernel", help="DFT kernel CSV (pyGAPS format) for a DFT PSD."),
    dr_range: str = typer.Option("1e-5,0.03", "--dr-range", help="Dubinin-Radushkevich p/p0 window (CO2)."),
    io: _Outputs = None,
) -> None:
    """Gas-adsorption isotherm: BET (ISO 9277 criteria), the instrument's BET reproduced, t-plot, Gurvich, BJH/DH, DR (CO2), DFT."""
    options = dict(composition=io.composition(), bet_range=_pair(bet_range, "bet_range"), strict=strict,
                   sigma_nm2=cross_section, psd=psd, psd_branch=psd_branch, gurvich_p=gurvich_p, t_range=_pair(t_range, "t_range"),
                   dft_kernel=dft_kernel, dr_range=_pair(dr_range, "dr_range"), source=str(file))
    check_isotherm_options(**options)  # before the file is read (and pyGAPS, for the formats that need it, imported)
    with status("isotherm: BET, t-plot, PSD"):
        a = get_method("isotherm").run(file, fmt, **options)
    _render("isotherm", a, a.profile, io)


@_command("mip")
def mip_cmd(
    file: Path = typer.Argument(..., help="CSV: pressure column (header names MPa or psia) and cumulative intrusion (mL/g)."),
    surface_tension: float = typer.Option(0.485, "--surface-tension", help="Mercury surface tension, N/m."),
    contact_angle: float = typer.Option(140.0, "--contact-angle", help="Mercury contact angle, degrees."),
    conformance_pressure: Optional[float] = typer.Option(None, "--conformance-pressure", help="Subtract the volume intruded up to this pressure (MPa)."),
    cutoff_nm: Optional[float] = typer.Option(None, "--cutoff-nm", help="Inter/intraparticle cutoff diameter (nm); default: valley between modes."),
    skeletal_density: Optional[float] = typer.Option(None, "--skeletal-density", help="He-pycnometry density (g/cm3) for the envelope density."),
    sample_mass: Optional[float] = typer.Option(None, "--sample-mass", help="Sample mass, g, when the volume column is per sample (mL)."),
    io: _Outputs = None,
) -> None:
    """Mercury intrusion (either pressure order; MPa, kPa or psi; mL/g or mL per sample): Washburn PSD, conformance,
    inter/intraparticle split, envelope density."""
    comp = io.composition()
    with status("mercury intrusion: Washburn PSD"):
        res = get_method("mip").run(file, sample_mass, surface_tension_N_m=surface_tension, contact_angle_deg=contact_angle,
                                    conformance_pressure_MPa=conformance_pressure, cutoff_diameter_nm=cutoff_nm,
                                    skeletal_density_g_cm3=skeletal_density)
    if (io.emit_spec is not None or io.profile_out is not None) and res.intraparticle_pore_volume_cm3_g is None:
        raise InputError("cutoff_nm", None, "a cutoff diameter (no valley between modes found) for --emit-spec/--profile-out")
    _render("mip", res, res.to_profile(comp), io)


@_command("density")
def density_cmd(
    helium_density: float = typer.Option(..., "--helium-density", help="Skeletal density from He pycnometry, g/cm3."),
    open_pore_volume: float = typer.Option(..., "--open-pore-volume", help="Open intraparticle pore volume, cm3/g (N2 Gurvich or MIP)."),
    true_density: Optional[float] = typer.Option(None, "--true-density", help="True (pore-free) density, g/cm3."),
    tap: Optional[float] = typer.Option(None, "--tap", help="Tap density of the powder, g/cm3."),
    ssa: Optional[float] = typer.Option(None, "--ssa", help="BET area to carry into the spec, m2/g."),
    u_he: Optional[float] = typer.Option(None, "--helium-density-u", help="Standard uncertainty of the He density, g/cm3."),
    u_true: Optional[float] = typer.Option(None, "--true-density-u", help="Standard uncertainty of the true density, g/cm3."),
    u_open: Optional[float] = typer.Option(None, "--open-pore-volume-u", help="Standard uncertainty of the open pore volume, cm3/g."),
    io: _Outputs = None,
) -> None:
    """Densities -> closed, open and total intraparticle porosity (and interparticle void with --tap)."""
    res = get_method("density").analyse(helium_density_g_cm3=helium_density, open_pore_volume_cm3_g=open_pore_volume,
                                        true_density_g_cm3=true_density, composition=io.text, tap_density_g_cm3=tap,
                                        helium_density_uncertainty_g_cm3=u_he, true_density_uncertainty_g_cm3=u_true,
                                        open_pore_volume_uncertainty_cm3_g=u_open)
    if io.emit_spec is not None:
        require_composition(res.composition)
    _render("density", res, res.to_profile(ssa_m2_g=ssa), io)


@_command("saxs")
def saxs_cmd(
    file: Path = typer.Argument(..., help="q/I table (q unit in the header: 1/nm or 1/A; I in cm^-1)."),
    filled: Optional[Path] = typer.Option(None, "--filled", help="Curve of the same sample filled with a contrast-matched liquid."),
    after: Optional[Path] = typer.Option(None, "--after", help="Curve after cycling: ratio of pores persisting."),
    contrast: Optional[float] = typer.Option(None, "--contrast", help="Solid-pore SLD difference, 1e10 cm^-2 (gives volume fractions)."),
    sample_density: Optional[float] = typer.Option(None, "--sample-density", help="Density of the irradiated material, g/cm3 (S/V -> m2/g)."),
    q_unit: Optional[str] = _QUNIT,
    n_guinier: int = typer.Option(8, "--n-guinier", help=_NG_HELP),
    n_porod: int = typer.Option(10, "--n-porod", help=_NP_HELP),
    io: _Outputs = None,
) -> None:
    """SAXS: Porod invariant (Guinier/Porod extrapolated), volume fraction, S/V, closed and persisting pores."""
    comp = io.composition()
    if filled is not None and contrast is None:
        raise InputError("contrast", None, "needed with --filled (volume fractions)")
    requires("--sample-density", sample_density, contrast, "--contrast", " (S/V)")
    method = get_method("saxs")
    curves = {k: None if f is None else method.read(f, q_unit) for k, f in (("data", file), ("filled", filled), ("after", after))}
    a = method.analyse(curves.pop("data"), **curves, delta_sld_1e10_cm2=contrast, sample_density_g_cm3=sample_density,
                       n_guinier=n_guinier, n_porod=n_porod)
    _render("saxs", a, a.to_profile(comp), io)


@_command("sans")
def sans_cmd(
    solid: str = typer.Option(..., "--solid", help='The scattering solid: materials name ("Si", "amorphous_carbon") or FORMULA:DENSITY ("C:1.8").'),
    phase: Optional[list[str]] = typer.Option(None, "--phase", help="Further phases for the contrast chart (repeatable), same forms as --solid."),
    h_solvent: str = typer.Option("H2O:0.99705", "--h-solvent", help="Protonated solvent FORMULA:DENSITY (25 C)."),
    d_solvent: str = typer.Option("D2O:1.1044", "--d-solvent", help="Deuterated solvent FORMULA:DENSITY (25 C); D is deuterium."),
    dry: Optional[Path] = typer.Option(None, "--dry", help="SANS curve of the dry powder (q/I table, I in cm^-1, background subtracted)."),
    filled: Optional[Path] = typer.Option(None, "--filled", help="Curve of the same powder filled with the H/D solvent (needs --dry)."),
    d_fraction: Optional[float] = typer.Option(None, "--d-fraction", help="D volume fraction of the filling solvent (default: the solid's match point)."),
    n_guinier: int = typer.Option(8, "--n-guinier", help=_NG_HELP),
    n_porod: int = typer.Option(10, "--n-porod", help=_NP_HELP),
    q_unit: Optional[str] = _QUNIT,
    io: _Outputs = None,
) -> None:
    """SANS: neutron SLDs, the H/D solvent that contrast-matches the solid, closed pores from a matched curve."""
    comp = io.composition()
    if filled is not None and dry is None:
        raise InputError("dry", None, "a dry curve (--dry) with --filled: the total pore fraction comes from it")
    requires("--d-fraction", d_fraction, filled, "--filled", " (the solvent's D share)")
    method = get_method("sans")
    curves = {k: None if f is None else method.read(f, q_unit) for k, f in (("dry", dry), ("filled", filled))}
    a = method.analyse(solid, phase or (), h_solvent=h_solvent, d_solvent=d_solvent, **curves, d_fraction=d_fraction,
                       n_guinier=n_guinier, n_porod=n_porod)
    _render("sans", a, a.to_profile(comp), io)


@_command("nmr")
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
    io: _Outputs = None,
) -> None:
    """NMR relaxometry: pore sizes from surface relaxivity (1/T2 = rho2 S/V), bulk-like liquid, fraction of pores filled."""
    comp = io.composition()
    ref = _pair(reference, "reference", "two numbers TIME_MS:SIZE_NM, e.g. 12.5:8 (the T2 peak and a known pore size)")
    a = get_method("nmr").run(file, time_unit, relaxivity_um_s=relaxivity, reference=ref,
                              geometry=geometry, bulk_time_ms=bulk, cutoff_time_ms=cutoff, liquid_volume_cm3_g=liquid_volume,
                              signal_per_cm3=signal_per_cm3, sample_mass_g=sample_mass, pore_volume_cm3_g=pore_volume)
    _render("nmr", a, a.to_profile(comp), io)


@_command("combine")
def combine_cmd(
    profiles: list[Path] = typer.Argument(..., help="Pore profiles (JSON from --profile-out) of measurements of ONE powder."),
    io: _Outputs = None,
) -> None:
    """Fuse several measurements of one powder: open pores (gas + MIP), closed pores (densities, SAXS, SANS), totals, SSA;
    disagreements beyond the uncertainties are flagged with both numbers."""
    comp = io.composition(required=False)  # may come from the profiles; checked before anything is written
    fused = combine_profiles([read_profile(p) for p in profiles], comp, threshold_nm=io.threshold)
    _render("combine", fused, fused.profile, io)


def register(app: typer.Typer) -> None:
    """Add the ``characterize`` command group."""
    app.add_typer(sub, name="characterize")
