"""``alloypore stress``: lithiation stresses (analytic, FEM, voxel).

Thin face: parse, call one library function of :mod:`alloypore.mechanics`, render its summary
(a rich table or ``--json``) and, with ``--out``, its figures and ``result.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from alloypore import resources
from alloypore._io import atomic_output_dir
from alloypore.cli._common import JSON, check_out, print_json, refuse_unused, to_jsonable
from alloypore.provenance import with_provenance
from alloypore.errors import InputError
from alloypore.mechanics import (
    DEFAULT_DRIVING_FORCE_V,
    DIFFUSION_MODES,
    CoreShell,
    ElasticMaterial,
    PoreCell,
    core_shell_stress,
    shell_design_from_table,
    shell_optimum,
    sphere_diffusion,
    sphere_from_table,
)
from alloypore.mechanics.contact import CONTACT_LIMITATIONS, contact_zoom_window, core_shell_contact
from alloypore.mechanics.fem import core_shell_axisymmetric, pore_cell_2d, pore_cell_diffusion, pore_rve_3d
from alloypore.mechanics.fem.pore_cell import plot_diffusion
from alloypore.mechanics.fem.pore_rve import pore_rve_estimate
from alloypore.mechanics.voxel import read_label_image, solve_voxel
from alloypore.plotting import figure_to_png_bytes
from alloypore.progress import status

__all__ = ["register", "stress_app", "FLAG_OF"]

#: Library argument names that differ from this module's options (for one-line errors).
FLAG_OF = {"core_beta": "--beta", "E_GPa_list": "--E-GPa", "partial_molar_volume_cm3_mol": "--partial-molar-volume-cm3-mol",
           "diffusivity_cm2_s": "--diffusivity-cm2-s", "surface_concentration_mol_cm3": "--surface-concentration-mol-cm3",
           "flux_mol_cm2_s": "--flux-mol-cm2-s", "thickness_range_nm": "--min-thickness-nm", "labels.shape": "IMAGE"}

stress_app = typer.Typer(
    help="Lithiation stresses in particles: sphere, core-shell, pore cells, voxel images (GPa, tension > 0).",
    no_args_is_help=True,
)

_OUT = typer.Option(None, "--out", help="Directory for the field plot (PNG) and result.json.")
# elastic constants of a core-shell particle (core-shell and contact)
_CORE_E = typer.Option(80.0, "--core-E-GPa", help="Core Young's modulus (GPa).")
_CORE_NU = typer.Option(0.22, "--core-nu", help="Core Poisson ratio.")
_SHELL_E = typer.Option(100.0, "--shell-E-GPa", help="Shell Young's modulus (GPa).")
_SHELL_NU = typer.Option(0.3, "--shell-nu", help="Shell Poisson ratio.")


def register(app: typer.Typer) -> None:
    app.add_typer(stress_app, name="stress")


def _table(result: dict, title: str) -> Table:
    table = Table(title=title, show_header=True)
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for k, v in to_jsonable(result).items():
        if isinstance(v, float):
            table.add_row(k, f"{v:.6g}")
        elif not isinstance(v, (list, dict)):
            table.add_row(k, str(v))
    return table


def _render(result: dict, as_json: bool, title: str, out: Optional[Path], figures: dict[str, Callable]) -> None:
    """Write ``figures`` (name -> figure maker, called only with ``--out``) and result.json, then print."""
    if out is not None:
        with atomic_output_dir(out) as tmp:
            for name, make in figures.items():
                (tmp / name).write_bytes(figure_to_png_bytes(make()))
            (tmp / "result.json").write_text(json.dumps(with_provenance(to_jsonable(result)), indent=2, allow_nan=False) + "\n")
    if as_json:
        print_json(result)
    else:
        Console().print(_table(result, title))


def _floats(flag: str, text: str) -> list[float]:
    """Comma-separated numbers of option ``flag``."""
    try:
        return [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError(flag, text, "comma-separated numbers") from None


def _core_shell(core_radius_nm, shell_thickness_nm, core_E_GPa, core_nu, shell_E_GPa, shell_nu) -> CoreShell:
    return CoreShell(core_radius_nm, shell_thickness_nm, ElasticMaterial(core_E_GPa, core_nu, field_prefix="core_"),
                     ElasticMaterial(shell_E_GPa, shell_nu, field_prefix="shell_"))


# --------------------------------------------------------------------------- core-shell
@stress_app.command("core-shell")
def core_shell(
    ctx: typer.Context,
    core_radius_nm: float = typer.Option(..., "--core-radius-nm", help="Core radius a (nm)."),
    shell_thickness_nm: float = typer.Option(..., "--shell-thickness-nm", help="Shell thickness h = b - a (nm)."),
    eigenstrain: float = typer.Option(..., "--eigenstrain", help="Linear lithiation eigenstrain of the core."),
    core_E_GPa: float = _CORE_E,
    core_nu: float = _CORE_NU,
    shell_E_GPa: float = _SHELL_E,
    shell_nu: float = _SHELL_NU,
    method: str = typer.Option("analytic", "--method", help="analytic | fem (axisymmetric P2 FEM)."),
    mesh_size_nm: Optional[float] = typer.Option(None, "--mesh-size-nm", help="FEM element size (default b/30)."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Elastic core with eigenstrain bonded in an elastic shell: interface pressure and shell hoop stress."""
    check_out(out)
    if method not in ("analytic", "fem"):
        raise InputError("--method", method, "one of analytic, fem")
    if method == "analytic":
        refuse_unused(ctx, "mesh_size_nm", "with --method fem")
    particle = _core_shell(core_radius_nm, shell_thickness_nm, core_E_GPa, core_nu, shell_E_GPa, shell_nu)
    res = core_shell_stress(particle, eigenstrain)
    if method == "analytic":
        result = {**asdict(res), "method": "analytic"}
        figures = {"core_shell_profile.png": res.plot}
    else:
        if shell_thickness_nm <= 0:
            raise InputError("--shell-thickness-nm", shell_thickness_nm, "allowed 0 < shell-thickness-nm for --method fem")
        with status("axisymmetric FEM (core-shell)"):
            fem = core_shell_axisymmetric(particle, eigenstrain, mesh_size_nm=mesh_size_nm)
        analytic = {k: getattr(res, k) for k in ("interface_pressure_GPa", "shell_hoop_inner_GPa", "shell_hoop_outer_GPa")}
        result = {**fem.summary(), "method": "fem", "analytic": analytic}
        figures = {"core_shell_fields.png": fem.plot}
    _render(result, as_json, "core-shell stress (GPa)", out, figures)


# --------------------------------------------------------------------------- sphere diffusion
@stress_app.command("sphere")
def sphere(
    ctx: typer.Context,
    mode: str = typer.Option("potentiostatic", "--mode", help="potentiostatic | galvanostatic"),
    material: str = typer.Option("Si", "--material", help="Material name: E, nu, D from the mechanics table, Omega from the materials table."),
    lithiated_phase: Optional[str] = typer.Option(None, "--lithiated-phase", help="Lithiated phase Omega belongs to (default: the host's; see alloypore materials)."),
    radius_nm: float = typer.Option(100.0, "--radius-nm", help="Particle radius (nm)."),
    E_GPa: Optional[float] = typer.Option(None, "--E-GPa", help="Young's modulus (default: table)."),
    nu: Optional[float] = typer.Option(None, "--nu", help="Poisson ratio (default: table)."),
    omega: Optional[float] = typer.Option(None, "--partial-molar-volume-cm3-mol", help="Omega (default: (V_lith - V_host)/x from the materials table)."),
    diffusivity: Optional[float] = typer.Option(None, "--diffusivity-cm2-s", help="Li diffusivity (default: table)."),
    c_surface: float = typer.Option(0.01, "--surface-concentration-mol-cm3", help="Potentiostatic surface concentration."),
    flux: float = typer.Option(1e-10, "--flux-mol-cm2-s", help="Galvanostatic inward Li flux."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Diffusion-induced stress in a solid sphere (Zhang-Shyy-Sastry 2007, Cheng-Verbrugge 2009)."""
    check_out(out)
    if mode not in DIFFUSION_MODES:
        raise InputError("--mode", mode, "one of " + ", ".join(DIFFUSION_MODES))
    refuse_unused(ctx, "flux" if mode == "potentiostatic" else "c_surface",
                  "with --mode galvanostatic" if mode == "potentiostatic" else "with --mode potentiostatic")
    sphere_in = sphere_from_table(material, radius_nm, E_GPa, nu, omega, diffusivity, lithiated_phase=lithiated_phase)
    res = sphere_diffusion(sphere_in, mode, c_surface, flux)
    _render(res.summary(), as_json, f"{mode} sphere", out, {"sphere_profiles.png": res.plot})


# --------------------------------------------------------------------------- shell optimum
@stress_app.command("shell-optimum")
def shell_optimum_cmd(
    core_radius_nm: float = typer.Option(50.0, "--core-radius-nm"),
    core_material: str = typer.Option("Si", "--core-material"),
    lithiated_phase: Optional[str] = typer.Option(None, "--lithiated-phase", help="Core's lithiated phase (default: the host's)."),
    shell_material: str = typer.Option("amorphous_carbon", "--shell-material"),
    shell_strength_GPa: Optional[float] = typer.Option(None, "--shell-strength-GPa", help="Tensile limit of the shell (default: table fracture strength; Kim & Cho ~40)."),
    beta: Optional[float] = typer.Option(None, "--beta", help="Full volume expansion of the core (default: materials table)."),
    oxide_thickness_nm: float = typer.Option(0.0, "--oxide-thickness-nm", help="Inert SiO2 layer between core and shell."),
    oxide_strength_GPa: Optional[float] = typer.Option(None, "--oxide-strength-GPa", help="Default: table (SiO2)."),
    core_pressure_limit_GPa: Optional[float] = typer.Option(None, "--core-pressure-limit-GPa", help="Compressive limit: the core stops taking Li at this hydrostatic compression."),
    driving_force_V: Optional[float] = typer.Option(None, "--driving-force-V", help=f"Compressive limit from Omega p = F dE (default {DEFAULT_DRIVING_FORCE_V} V unless --core-pressure-limit-GPa)."),
    min_nm: float = typer.Option(0.5, "--min-thickness-nm"),
    max_nm: float = typer.Option(200.0, "--max-thickness-nm"),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Shell thickness (Si:C ratio) at the cross-point of the shell's tensile and the core's compressive limit (Kim & Cho)."""
    check_out(out)
    design = shell_design_from_table(core_material, shell_material, core_radius_nm, beta=beta,
                                     shell_strength_GPa=shell_strength_GPa, oxide_thickness_nm=oxide_thickness_nm,
                                     oxide_strength_GPa=oxide_strength_GPa, lithiated_phase=lithiated_phase)
    if core_pressure_limit_GPa is None and driving_force_V is None:
        driving_force_V = DEFAULT_DRIVING_FORCE_V
    res = shell_optimum(design.core, design.shell, inner_shell=design.inner_shell,
                        core_pressure_limit_GPa=core_pressure_limit_GPa, driving_force_V=driving_force_V,
                        thickness_range_nm=(min_nm, max_nm))
    result = {**res.summary(), "core_material": core_material, "shell_material": shell_material,
              "oxide_thickness_nm": oxide_thickness_nm, "limitations": res.notes}
    if out is not None:
        result["scan"] = res.scan()
    _render(result, as_json, "stress-limited shell optimum (Kim & Cho cross-point)", out, {"shell_optimum.png": res.plot})


# --------------------------------------------------------------------------- pore cells
@stress_app.command("pore-cell")
def pore_cell(
    ctx: typer.Context,
    cell_size_nm: float = typer.Option(..., "--cell-size-nm", help="Pore-to-pore distance l (nm)."),
    pore_radius_nm: float = typer.Option(..., "--pore-radius-nm", help="Cylindrical pore radius r (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain", help="Linear eigenstrain (max, with --diffusion)."),
    E_GPa: float = typer.Option(80.0, "--E-GPa"),
    nu: float = typer.Option(0.22, "--nu"),
    bc: str = typer.Option("confined", "--bc", help="confined (zero macro-strain) | free (zero macro-stress)."),
    axial: Optional[str] = typer.Option(None, "--axial", help="fixed (eps_zz = 0) | free (zero axial force); default: as --bc."),
    diffusion: bool = typer.Option(False, "--diffusion", help="One-way Li diffusion from the pore wall."),
    times: str = typer.Option("0.002,0.01,0.05,0.2", "--Dt-over-l2", help="Comma list of D t / l^2 (with --diffusion)."),
    n_angle: int = typer.Option(12, "--n-angle", help="Elements per 45 degrees."),
    n_radial: int = typer.Option(12, "--n-radial", help="Elements along each ray."),
    mesh_check: bool = typer.Option(True, "--mesh-check/--no-mesh-check", help="Solve again with 2x elements (and steps) and say whether the peaks changed < 2 %."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Periodic cell with a cylindrical pore (Zhou 2012 geometry), generalized plane strain, Q2 FEM."""
    check_out(out)
    for flag, n in (("--n-angle", n_angle), ("--n-radial", n_radial)):
        if not 2 <= n <= 64:
            raise InputError(flag, n, "allowed 2 <= n <= 64")
    cell = PoreCell(cell_size_nm, pore_radius_nm, ElasticMaterial(E_GPa, nu))
    if diffusion:
        with status("2-D FEM (pore cell, diffusion)"):
            result = pore_cell_diffusion(cell, eigenstrain, _floats("--Dt-over-l2", times), bc=bc, axial=axial,
                                         n_angle=n_angle, n_radial=n_radial, mesh_check=mesh_check)
        result.update(cell_size_nm=cell_size_nm, pore_radius_nm=pore_radius_nm, bc=bc)
        figures = {"pore_cell_diffusion.png": lambda: plot_diffusion(result)}
    else:
        refuse_unused(ctx, "times", "with --diffusion")
        with status("2-D FEM (pore cell)"):
            res = pore_cell_2d(cell, eigenstrain, bc=bc, axial=axial, n_angle=n_angle, n_radial=n_radial,
                               mesh_check=mesh_check)
        result = res.summary()
        figures = {"pore_cell_von_mises.png": lambda: res.plot("von_mises")}
    _render(result, as_json, f"pore cell ({result['out_of_plane']})", out, figures)


@stress_app.command("pore-rve")
def pore_rve(
    cell_size_nm: float = typer.Option(..., "--cell-size-nm", help="Pore spacing l of the cubic array (nm)."),
    pore_radius_nm: float = typer.Option(..., "--pore-radius-nm", help="Spherical pore radius (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain"),
    E_GPa: float = typer.Option(80.0, "--E-GPa"),
    nu: float = typer.Option(0.22, "--nu"),
    bc: str = typer.Option("confined", "--bc", help="confined | free"),
    n: int = typer.Option(4, "--n", help="Elements per 45 degrees and along each ray (Q2 hexahedra)."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Cubic array of spherical pores, 3-D 1/8 cell (Xia 2020 geometry), Q2 FEM."""
    check_out(out)
    if not 2 <= n <= 10:
        raise InputError("--n", n, "allowed 2 <= n <= 10")
    resources.check("--n", n, pore_rve_estimate(n, n))
    with status("3-D FEM (pore RVE)"):
        res = pore_rve_3d(PoreCell(cell_size_nm, pore_radius_nm, ElasticMaterial(E_GPa, nu)), eigenstrain, bc=bc,
                      n_angle=n, n_radial=n)
    _render(res.summary(), as_json, "pore RVE (3-D, 1/8 cell)", out, {"pore_rve_von_mises.png": lambda: res.plot("von_mises")})


@stress_app.command("voxel")
def voxel(
    image: Path = typer.Argument(..., help="Labelled 3-D volume (.npy or .tif): 0 pore, 1.. solid phases."),
    E_GPa: str = typer.Option("80", "--E-GPa", help="Comma list per solid label 1, 2, ..."),
    nu: str = typer.Option("0.22", "--nu", help="Comma list per solid label."),
    eigenstrain: str = typer.Option("0.01", "--eigenstrain", help="Comma list per solid label."),
    voxel_size_nm: float = typer.Option(1.0, "--voxel-size-nm", help="Voxel edge (nm), > 0."),
    bc: str = typer.Option("confined", "--bc", help="confined (zero macro-strain) | free (zero mean pressure)."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Voxel elasticity on a labelled image (periodic, Fourier-preconditioned CG)."""
    check_out(out)
    labels = read_label_image(image)
    lists = {flag: _floats(flag, text) for flag, text in (("--E-GPa", E_GPa), ("--nu", nu), ("--eigenstrain", eigenstrain))}
    k = max(len(v) for v in lists.values())
    n_labels = int(labels.max())
    for flag, values in lists.items():
        if len(values) not in (1, k):
            raise InputError(flag, len(values), f"one value or one per solid label ({k})")
        if len(values) > max(n_labels, 1):
            raise InputError(flag, ",".join(f"{v:g}" for v in values), f"one value or one per solid label; the image has "
                             f"{n_labels} (labels 1..{n_labels})")
    Es, nus, eps = lists.values()
    phases = {i + 1: (Es[min(i, len(Es) - 1)], nus[min(i, len(nus) - 1)], eps[min(i, len(eps) - 1)]) for i in range(k)}
    with status("voxel FEM"):
        res = solve_voxel(labels, phases, voxel_size_nm=voxel_size_nm, bc=bc)
    _render(res.summary(), as_json, "voxel stress", out, {"voxel_von_mises.png": lambda: res.plot("von_mises")})


@stress_app.command("contact")
def contact(
    core_radius_nm: float = typer.Option(50.0, "--core-radius-nm", help="Core radius a (nm)."),
    shell_thickness_nm: float = typer.Option(10.0, "--shell-thickness-nm", help="Carbon shell thickness h (nm)."),
    eigenstrain: float = typer.Option(0.01, "--eigenstrain", help="Linear lithiation eigenstrain of the cores."),
    core_E_GPa: float = _CORE_E,
    core_nu: float = _CORE_NU,
    shell_E_GPa: float = _SHELL_E,
    shell_nu: float = _SHELL_NU,
    approach_nm: float = typer.Option(0.0, "--approach-nm", help="Extra approach of each centre (negative: gap)."),
    contact_mesh_nm: Optional[float] = typer.Option(None, "--contact-mesh-nm", help="Element size at the contact (default: auto)."),
    as_json: bool = JSON,
    out: Optional[Path] = _OUT,
) -> None:
    """Two identical lithiating core-shell particles in contact, centres held (axisymmetric FEM, exact frictionless contact).

    Reports the peak stress at the C-C contact vs at the Si-C interface (Xu 2019).
    """
    check_out(out)
    particle = _core_shell(core_radius_nm, shell_thickness_nm, core_E_GPa, core_nu, shell_E_GPa, shell_nu)
    with status("contact FEM"):
        res = core_shell_contact(particle, eigenstrain, approach_nm=approach_nm, contact_mesh_nm=contact_mesh_nm)
    result = {**res.summary(), "limitations": CONTACT_LIMITATIONS}
    figures = {
        "contact_von_mises.png": lambda: res.plot("von_mises"),
        "contact_von_mises_zoom.png": lambda: res.plot("von_mises", window_nm=contact_zoom_window(res),
                                                       title="von Mises near the C-C contact (GPa)"),
    }
    _render(result, as_json, "core-shell particles in contact", out, figures)
