"""``alloypore stress``: lithiation stresses (analytic, FEM, voxel).

Thin face: parse, call one library function of :mod:`alloypore.mechanics`, render.
Heavy libraries (scikit-fem, pyamg, matplotlib) are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from alloypore.errors import InputError

__all__ = ["register", "stress_app"]

stress_app = typer.Typer(
    help="Lithiation stresses in particles: sphere, core-shell, pore cells, voxel images (GPa, tension > 0).",
    no_args_is_help=True,
)

_JSON = typer.Option(False, "--json", help="Print one JSON object.")
_OUT = typer.Option(None, "--out", help="Directory for the field plot (PNG) and result.json.")


def register(app: typer.Typer) -> None:
    app.add_typer(stress_app, name="stress")


def _mech(name: str):
    from alloypore.materials.mechanics import get_mechanics

    return get_mechanics(name)


def _material(name: str):
    from alloypore.materials import get_material

    return get_material(name)


def _emit(result: dict, as_json: bool, title: str) -> None:
    from alloypore.cli._common import print_json, to_jsonable

    if as_json:
        print_json(result)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=True)
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for k, v in to_jsonable(result).items():
        if isinstance(v, float):
            table.add_row(k, f"{v:.6g}")
        elif isinstance(v, (list, dict)):
            continue
        else:
            table.add_row(k, str(v))
    Console().print(table)


def _write_out(out: Optional[Path], result: dict, figures: dict) -> None:
    """Write figures (name -> matplotlib figure) and result.json atomically into ``out``."""
    if out is None:
        for fig in figures.values():
            from alloypore.plotting import plt

            plt.close(fig)
        return
    import json

    from alloypore._io import atomic_output_dir
    from alloypore.cli._common import to_jsonable
    from alloypore.plotting import figure_to_png_bytes

    with atomic_output_dir(out) as tmp:
        for name, fig in figures.items():
            (tmp / name).write_bytes(figure_to_png_bytes(fig))
        (tmp / "result.json").write_text(json.dumps(to_jsonable(result), indent=2, allow_nan=False) + "\n")


# --------------------------------------------------------------------------- core-shell
@stress_app.command("core-shell")
def core_shell(
    core_radius_nm: float = typer.Option(..., "--core-radius-nm", help="Core radius a (nm)."),
    shell_thickness_nm: float = typer.Option(..., "--shell-thickness-nm", help="Shell thickness h = b - a (nm)."),
    eigenstrain: float = typer.Option(..., "--eigenstrain", help="Linear lithiation eigenstrain of the core."),
    core_E_GPa: float = typer.Option(80.0, "--core-E-GPa", help="Core Young's modulus (GPa)."),
    core_nu: float = typer.Option(0.22, "--core-nu", help="Core Poisson ratio."),
    shell_E_GPa: float = typer.Option(100.0, "--shell-E-GPa", help="Shell Young's modulus (GPa)."),
    shell_nu: float = typer.Option(0.3, "--shell-nu", help="Shell Poisson ratio."),
    method: str = typer.Option("analytic", "--method", help="analytic | fem (axisymmetric P2 FEM)."),
    mesh_size_nm: Optional[float] = typer.Option(None, "--mesh-size-nm", help="FEM element size (default b/30)."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Elastic core with eigenstrain bonded in an elastic shell: interface pressure and shell hoop stress."""
    from alloypore.mechanics.analytic import core_shell_stress

    if method not in ("analytic", "fem"):
        raise InputError("--method", method, "one of analytic, fem")
    res = core_shell_stress(core_radius_nm, shell_thickness_nm, eigenstrain, core_E_GPa, core_nu, shell_E_GPa, shell_nu)
    from dataclasses import asdict

    result = asdict(res)
    result["method"] = method
    figures = {}
    if method == "fem":
        from alloypore.mechanics.fem import core_shell_axisymmetric

        if shell_thickness_nm <= 0:
            raise InputError("--shell-thickness-nm", shell_thickness_nm, "allowed 0 < shell-thickness-nm for --method fem")
        fem = core_shell_axisymmetric(
            core_radius_nm, shell_thickness_nm, eigenstrain, core_E_GPa, core_nu, shell_E_GPa, shell_nu,
            mesh_size_nm=mesh_size_nm,
        )
        analytic = {k: result[k] for k in ("interface_pressure_GPa", "shell_hoop_inner_GPa", "shell_hoop_outer_GPa")}
        result = fem.summary()
        result["method"] = "fem"
        result["analytic"] = analytic
        if out is not None:
            figures["core_shell_fields.png"] = fem.plot()
    elif out is not None:
        figures["core_shell_profile.png"] = _core_shell_profile_figure(res)
    _write_out(out, result, figures)
    _emit(result, as_json, "core-shell stress (GPa)")


def _core_shell_profile_figure(res):
    import numpy as np

    from alloypore.plotting import new_figure

    a, b = res.core_radius_nm, res.core_radius_nm + res.shell_thickness_nm
    fig, ax = new_figure()
    r = np.linspace(1e-9, b, 400)
    f = res.interface_pressure_GPa * a**3 / (b**3 - a**3) if b > a else 0.0
    sr = np.where(r < a, -res.interface_pressure_GPa, f * (1 - b**3 / r**3))
    st = np.where(r < a, -res.interface_pressure_GPa, f * (1 + b**3 / (2 * r**3)))
    ax.plot(r, sr, label="radial")
    ax.plot(r, st, label="hoop")
    ax.axvline(a, color="0.6", lw=0.8)
    ax.set_xlabel("r (nm)")
    ax.set_ylabel("stress (GPa)")
    ax.legend()
    return fig


# --------------------------------------------------------------------------- sphere diffusion
@stress_app.command("sphere")
def sphere(
    mode: str = typer.Option("potentiostatic", "--mode", help="potentiostatic | galvanostatic"),
    material: str = typer.Option("Si", "--material", help="Material name for E, nu, Omega, D (mechanics table)."),
    radius_nm: float = typer.Option(100.0, "--radius-nm", help="Particle radius (nm)."),
    E_GPa: Optional[float] = typer.Option(None, "--E-GPa", help="Young's modulus (default: table)."),
    nu: Optional[float] = typer.Option(None, "--nu", help="Poisson ratio (default: table)."),
    omega: Optional[float] = typer.Option(None, "--partial-molar-volume-cm3-mol", help="Omega (default: table)."),
    diffusivity: Optional[float] = typer.Option(None, "--diffusivity-cm2-s", help="Li diffusivity (default: table)."),
    c_surface: float = typer.Option(0.01, "--surface-concentration-mol-cm3", help="Potentiostatic surface concentration."),
    flux: float = typer.Option(1e-10, "--flux-mol-cm2-s", help="Galvanostatic inward Li flux."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Diffusion-induced stress in a solid sphere (Zhang-Shyy-Sastry 2007, Cheng-Verbrugge 2009)."""
    import numpy as np

    from alloypore.mechanics import analytic as an
    from alloypore.mechanics._checks import check_elastic, check_positive

    m = _mech(material)
    E = m.E_GPa if E_GPa is None else E_GPa
    n = m.nu if nu is None else nu
    om = m.partial_molar_volume_cm3_mol if omega is None else omega
    D = m.diffusivity_cm2_s if diffusivity is None else diffusivity
    check_elastic("", E, n)
    R_nm = check_positive("radius_nm", radius_nm, "nm")
    check_positive("diffusivity_cm2_s", D, "cm2/s")
    R_cm = R_nm * 1e-7
    x = np.linspace(0, 1, 201)
    if mode == "potentiostatic":
        check_positive("surface_concentration_mol_cm3", c_surface, "mol/cm3")
        factor, tau_pk = an.potentiostatic_peak()
        taus = np.array([0.005, 0.02, tau_pk, 0.15, 0.3])
        c = c_surface * an.potentiostatic_concentration(x, taus)
        sr, st = an.sphere_diffusion_stress(x, c, E, n, om)
        result = {
            "mode": mode,
            "center_tension_peak_GPa": factor * E * om * c_surface / (1 - n),
            "center_tension_peak_factor": factor,
            "peak_Dt_over_R2": tau_pk,
            "peak_time_s": tau_pk * R_cm**2 / D,
            "surface_hoop_initial_GPa": -E * om * c_surface / (3 * (1 - n)),
        }
    elif mode == "galvanostatic":
        check_positive("flux_mol_cm2_s", flux, "mol/cm2/s")
        taus = np.array([0.01, 0.05, 0.1, 0.3, 1.0])
        c = (flux * R_cm / D) * an.galvanostatic_concentration(x, taus)
        sr, st = an.sphere_diffusion_stress(x, c, E, n, om)
        result = {
            "mode": mode,
            "steady_center_tension_GPa": an.galvanostatic_steady_max_GPa(E, n, om, flux, R_cm, D),
            "steady_surface_hoop_GPa": -an.galvanostatic_steady_max_GPa(E, n, om, flux, R_cm, D),
            "time_to_steady_s": 0.3 * R_cm**2 / D,
        }
    else:
        raise InputError("--mode", mode, "one of potentiostatic, galvanostatic")
    result.update({"material": material, "E_GPa": E, "nu": n, "partial_molar_volume_cm3_mol": om,
                   "diffusivity_cm2_s": D, "radius_nm": R_nm,
                   "profiles_Dt_over_R2": taus, "limitations": an.LINEAR_ELASTIC_NOTE})
    figures = {}
    if out is not None:
        from alloypore.plotting import new_figure

        fig, ax = new_figure()
        for k, t in enumerate(taus):
            ax.plot(x, st[k], label=f"hoop, Dt/R2={t:.3g}")
            ax.plot(x, sr[k], ls="--", color=ax.lines[-1].get_color())
        ax.set_xlabel("r / R")
        ax.set_ylabel("stress (GPa); dashed radial")
        ax.legend(fontsize=7)
        figures["sphere_profiles.png"] = fig
    _write_out(out, result, figures)
    _emit(result, as_json, f"{mode} sphere")


# --------------------------------------------------------------------------- shell optimum
@stress_app.command("shell-optimum")
def shell_optimum_cmd(
    core_radius_nm: float = typer.Option(50.0, "--core-radius-nm"),
    core_material: str = typer.Option("Si", "--core-material"),
    shell_material: str = typer.Option("amorphous_carbon", "--shell-material"),
    shell_strength_GPa: Optional[float] = typer.Option(None, "--shell-strength-GPa", help="Default: table fracture strength."),
    beta: Optional[float] = typer.Option(None, "--beta", help="Full volume expansion of the core (default: materials table)."),
    oxide_thickness_nm: float = typer.Option(0.0, "--oxide-thickness-nm", help="Inert SiO2 layer between core and shell."),
    oxide_strength_GPa: Optional[float] = typer.Option(None, "--oxide-strength-GPa", help="Default: table (SiO2)."),
    core_pressure_limit_GPa: Optional[float] = typer.Option(None, "--core-pressure-limit-GPa", help="Stop lithiation at this core compression."),
    min_nm: float = typer.Option(0.5, "--min-thickness-nm"),
    max_nm: float = typer.Option(200.0, "--max-thickness-nm"),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Shell thickness (Si:C ratio) that maximises usable capacity before the shell cracks."""
    from alloypore.mechanics.analytic import shell_optimum
    from alloypore.mechanics._checks import check_nonneg

    cm, sm = _mech(core_material), _mech(shell_material)
    cmat, smat = _material(core_material), _material(shell_material)
    b = cmat.volume_expansion if beta is None else beta
    strength = sm.fracture_strength_GPa if shell_strength_GPa is None else shell_strength_GPa
    inner = None
    if check_nonneg("oxide_thickness_nm", oxide_thickness_nm, "nm") > 0:
        om, omat = _mech("SiO2"), _material("SiO2")
        o_strength = om.fracture_strength_GPa if oxide_strength_GPa is None else oxide_strength_GPa
        inner = (oxide_thickness_nm, om.E_GPa, om.nu, o_strength, omat.density_g_cm3)
    res = shell_optimum(
        core_radius_nm, cm.E_GPa, cm.nu, b, cmat.capacity_mAh_g, cmat.density_g_cm3,
        sm.E_GPa, sm.nu, strength, smat.density_g_cm3, smat.capacity_mAh_g if smat.kind == "carbon" else 0.0,
        inner_shell=inner, core_pressure_limit_GPa=core_pressure_limit_GPa, thickness_range_nm=(min_nm, max_nm),
    )
    result = {
        "best_shell_thickness_nm": res.best_shell_thickness_nm,
        "best_theta_limit": res.best_theta_limit,
        "best_capacity_mAh_g": res.best_capacity_mAh_g,
        "best_si_to_c_mass_ratio": res.best_si_to_c_mass_ratio,
        "beta": b, "shell_strength_GPa": strength, "core_material": core_material,
        "shell_material": shell_material, "oxide_thickness_nm": oxide_thickness_nm,
        "limitations": res.notes,
    }
    figures = {}
    if out is not None:
        from alloypore.plotting import new_figure

        fig, ax = new_figure()
        ax.semilogx(res.shell_thickness_nm, res.usable_capacity_mAh_g)
        ax.set_xlabel("shell thickness (nm)")
        ax.set_ylabel("usable capacity (mAh/g)")
        ax2 = ax.twinx()
        ax2.semilogx(res.shell_thickness_nm, res.theta_limit, color="C1")
        ax2.set_ylabel("stress-limited lithiation fraction", color="C1")
        figures["shell_optimum.png"] = fig
        result["scan"] = {"shell_thickness_nm": res.shell_thickness_nm, "theta_limit": res.theta_limit,
                          "usable_capacity_mAh_g": res.usable_capacity_mAh_g}
    _write_out(out, result, figures)
    _emit(result, as_json, "stress-limited shell optimum")


# --------------------------------------------------------------------------- pore cells
@stress_app.command("pore-cell")
def pore_cell(
    cell_size_nm: float = typer.Option(..., "--cell-size-nm", help="Pore-to-pore distance l (nm)."),
    pore_radius_nm: float = typer.Option(..., "--pore-radius-nm", help="Cylindrical pore radius r (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain", help="Linear eigenstrain (max, with --diffusion)."),
    E_GPa: float = typer.Option(80.0, "--E-GPa"),
    nu: float = typer.Option(0.22, "--nu"),
    bc: str = typer.Option("confined", "--bc", help="confined (zero macro-strain) | free (zero macro-stress)."),
    diffusion: bool = typer.Option(False, "--diffusion", help="One-way Li diffusion from the pore wall."),
    times: str = typer.Option("0.002,0.01,0.05,0.2", "--Dt-over-l2", help="Comma list of D t / l^2 (with --diffusion)."),
    n_angle: int = typer.Option(12, "--n-angle", help="Elements per 45 degrees."),
    n_radial: int = typer.Option(12, "--n-radial", help="Elements along each ray."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Plane-strain periodic cell with a cylindrical pore (Zhou 2012 geometry), Q2 FEM."""
    from alloypore.mechanics import fem

    figures = {}
    if diffusion:
        try:
            taus = [float(t) for t in times.split(",") if t.strip()]
        except ValueError:
            raise InputError("--Dt-over-l2", times, "comma-separated numbers") from None
        if bc not in ("confined", "free"):
            raise InputError("--bc", bc, "one of confined, free")
        result = fem.pore_cell_diffusion(cell_size_nm, pore_radius_nm, eigenstrain, E_GPa, nu, taus, bc=bc,
                                         n_angle=n_angle, n_radial=n_radial)
        result.update(cell_size_nm=cell_size_nm, pore_radius_nm=pore_radius_nm, bc=bc)
        if out is not None:
            from alloypore.plotting import new_figure

            fig, ax = new_figure()
            ax.semilogx(result["Dt_over_l2"], result["von_mises_max_GPa"], "o-", label="max von Mises")
            ax.semilogx(result["Dt_over_l2"], result["max_principal_max_GPa"], "s-", label="max principal")
            ax.set_xlabel("D t / l^2")
            ax.set_ylabel("stress (GPa)")
            ax.legend()
            figures["pore_cell_diffusion.png"] = fig
    else:
        if n_angle < 2 or n_radial < 2:
            raise InputError("--n-angle", min(n_angle, n_radial), "allowed 2 <= n-angle, n-radial")
        res = fem.pore_cell_2d(cell_size_nm, pore_radius_nm, eigenstrain, E_GPa, nu, bc=bc,
                               n_angle=n_angle, n_radial=n_radial)
        result = res.summary()
        if out is not None:
            figures["pore_cell_von_mises.png"] = res.plot("von_mises")
    _write_out(out, result, figures)
    _emit(result, as_json, "pore cell (plane strain)")


@stress_app.command("pore-rve")
def pore_rve(
    cell_size_nm: float = typer.Option(..., "--cell-size-nm", help="Pore spacing l of the cubic array (nm)."),
    pore_radius_nm: float = typer.Option(..., "--pore-radius-nm", help="Spherical pore radius (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain"),
    E_GPa: float = typer.Option(80.0, "--E-GPa"),
    nu: float = typer.Option(0.22, "--nu"),
    bc: str = typer.Option("confined", "--bc", help="confined | free"),
    n: int = typer.Option(4, "--n", help="Elements per 45 degrees and along each ray (Q2 hexahedra)."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Cubic array of spherical pores, 3-D 1/8 cell (Xia 2020 geometry), Q2 FEM."""
    from alloypore.mechanics import fem

    if not 2 <= n <= 10:
        raise InputError("--n", n, "allowed 2 <= n <= 10")
    res = fem.pore_rve_3d(cell_size_nm, pore_radius_nm, eigenstrain, E_GPa, nu, bc=bc, n_angle=n, n_radial=n)
    result = res.summary()
    figures = {"pore_rve_von_mises.png": res.plot("von_mises")} if out is not None else {}
    _write_out(out, result, figures)
    _emit(result, as_json, "pore RVE (3-D, 1/8 cell)")


@stress_app.command("voxel")
def voxel(
    image: Path = typer.Argument(..., help="Labelled 3-D volume (.npy or .tif): 0 pore, 1.. solid phases."),
    E_GPa: str = typer.Option("80", "--E-GPa", help="Comma list per solid label 1, 2, ..."),
    nu: str = typer.Option("0.22", "--nu", help="Comma list per solid label."),
    eigenstrain: str = typer.Option("0.01", "--eigenstrain", help="Comma list per solid label."),
    voxel_size_nm: float = typer.Option(1.0, "--voxel-size-nm"),
    bc: str = typer.Option("confined", "--bc", help="confined (zero macro-strain) | free (zero mean pressure)."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Voxel elasticity on a labelled image (periodic, Fourier-preconditioned CG)."""
    import numpy as np

    from alloypore._io import check_input_file
    from alloypore.errors import DataFileError
    from alloypore.mechanics.voxel import solve_voxel

    path = check_input_file(image, max_bytes=2 * 1024**3)
    try:
        if path.suffix == ".npy":
            labels = np.load(path, allow_pickle=False)
        elif path.suffix in (".tif", ".tiff"):
            import tifffile

            labels = tifffile.imread(path)
        else:
            raise DataFileError(path, "unknown format; use .npy or .tif")
    except (ValueError, OSError) as exc:
        raise DataFileError(path, f"cannot read volume ({type(exc).__name__})") from None
    if not np.issubdtype(labels.dtype, np.integer):
        raise DataFileError(path, f"labels must be integers, got {labels.dtype}")

    def parse(name, text):
        try:
            return [float(x) for x in text.split(",") if x.strip()]
        except ValueError:
            raise InputError(name, text, "comma-separated numbers") from None

    Es, nus, eps = parse("--E-GPa", E_GPa), parse("--nu", nu), parse("--eigenstrain", eigenstrain)
    k = max(len(Es), len(nus), len(eps))
    for name, lst in (("--E-GPa", Es), ("--nu", nus), ("--eigenstrain", eps)):
        if len(lst) not in (1, k):
            raise InputError(name, len(lst), f"one value or one per solid label ({k})")
    phases = {i + 1: (Es[min(i, len(Es) - 1)], nus[min(i, len(nus) - 1)], eps[min(i, len(eps) - 1)])
              for i in range(k)}
    res = solve_voxel(labels, phases, voxel_size_nm=voxel_size_nm, bc=bc)
    result = res.summary()
    figures = {"voxel_von_mises.png": res.plot("von_mises")} if out is not None else {}
    _write_out(out, result, figures)
    _emit(result, as_json, "voxel stress")


@stress_app.command("contact")
def contact(
    core_radius_nm: float = typer.Option(50.0, "--core-radius-nm", help="Core radius a (nm)."),
    shell_thickness_nm: float = typer.Option(10.0, "--shell-thickness-nm", help="Carbon shell thickness h (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain", help="Linear lithiation eigenstrain of the cores."),
    core_E_GPa: float = typer.Option(80.0, "--core-E-GPa"),
    core_nu: float = typer.Option(0.22, "--core-nu"),
    shell_E_GPa: float = typer.Option(100.0, "--shell-E-GPa"),
    shell_nu: float = typer.Option(0.3, "--shell-nu"),
    approach_nm: float = typer.Option(0.0, "--approach-nm", help="Extra approach of each centre (negative: gap)."),
    contact_mesh_nm: Optional[float] = typer.Option(None, "--contact-mesh-nm", help="Element size at the contact (default: auto)."),
    as_json: bool = _JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Two identical lithiating core-shell particles in contact, centres held (axisymmetric FEM, exact frictionless contact).

    Reports the peak stress at the C-C contact vs at the Si-C interface (Xu 2019).
    """
    from alloypore.mechanics.analytic import LINEAR_ELASTIC_NOTE
    from alloypore.mechanics.contact import core_shell_contact

    res = core_shell_contact(core_radius_nm, shell_thickness_nm, eigenstrain, core_E_GPa, core_nu, shell_E_GPa,
                             shell_nu, approach_nm=approach_nm, contact_mesh_nm=contact_mesh_nm)
    result = res.summary()
    result["limitations"] = "frictionless contact of identical particles with held centres; " + LINEAR_ELASTIC_NOTE
    figures = {}
    if out is not None:
        b = core_radius_nm + shell_thickness_nm
        fig = res.plot("von_mises")
        figures["contact_von_mises.png"] = fig
        zoom = res.plot("von_mises")
        w = max(3 * result["contact_radius_nm"], 1.5 * shell_thickness_nm)
        zoom.axes[0].set_xlim(0, w)
        zoom.axes[0].set_ylim(b - w, b + 0.05 * w)
        zoom.axes[0].set_title("von Mises near the C-C contact (GPa)")
        figures["contact_von_mises_zoom.png"] = zoom
    _write_out(out, result, figures)
    _emit(result, as_json, "core-shell particles in contact")
