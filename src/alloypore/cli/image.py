"""``alloypore image``: 3D tomography volumes -> porosity (open/closed/unknown), sizes, surface, tortuosity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from alloypore._io import atomic_output_dir, atomic_write_text
from alloypore.cli._common import FORCE, check_file_out, check_out, print_json, refuse_unused, to_jsonable
from alloypore.errors import InputError
from alloypore.imaging.blocks import VolumeSource
from alloypore.imaging.evolution import evolution
from alloypore.imaging.export import write_labels, write_thickness
from alloypore.imaging.io import load_volume, parse_voxel_size_nm, read_voxel_size_nm
from alloypore.imaging.pipeline import needs_out_of_core, pore_profile_blocks
from alloypore.imaging.plots import plot_class_slices, plot_concentration, plot_evolution, plot_psd
from alloypore.imaging.profile import parse_phases, pore_profile
from alloypore.imaging.segment import segment_volume
from alloypore.imaging.tortuosity import tortuosity
from alloypore.imaging.tortuosity.electrode import electrode_tortuosity
from alloypore.parallel import check_workers
from alloypore.plotting import save_figure
from alloypore.progress import status
from alloypore.provenance import with_provenance

sub = typer.Typer(help="3D tomography (FIB-SEM, X-ray): open/closed porosity, pore sizes, surface, tortuosity.",
                  no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(sub, name="image")


def _thresholds(threshold: str | None) -> list[float] | None:
    if not threshold:
        return None
    try:
        return [float(x) for x in threshold.split(",")]
    except ValueError:
        raise InputError("threshold", threshold, "comma list of grey values") from None


def _load_phases(volume: Path, raw_shape, raw_dtype, threshold, n_phases, min_size, dataset=None, ctx=None):
    if ctx is not None and volume.suffix.lower() != ".raw":
        for name in ("raw_shape", "raw_dtype"):
            refuse_unused(ctx, name, "to a .raw volume")
    shape = None
    if raw_shape:
        try:
            shape = tuple(int(s) for s in raw_shape.split(","))
        except ValueError:
            raise InputError("raw_shape", raw_shape, "Z,Y,X integers, e.g. 200,300,300") from None
    arr = load_volume(volume, shape=shape, dtype=raw_dtype, dataset=dataset)
    t = _thresholds(threshold)
    if t is not None:
        return segment_volume(arr, method="threshold", thresholds=t, min_size_vox=min_size)
    return segment_volume(arr, n_phases=n_phases, min_size_vox=min_size)


_VOX = typer.Option(..., "--voxel-size", help="Voxel edge with unit, e.g. 10nm, 0.05um.")
_THR = typer.Option(None, "--threshold", help="Grey-value threshold(s), comma list; default Otsu / multi-Otsu.")
_NPH = typer.Option(2, "--n-phases", help="Phases for (multi-)Otsu: 2 = pore/solid, 3 = pore/carbon/Si.")
_MIN = typer.Option(0, "--min-size", help="Reassign regions smaller than this many voxels (0 = off).")
_RS = typer.Option(None, "--raw-shape", help="Z,Y,X for .raw volumes.")
_RD = typer.Option(None, "--raw-dtype", help="dtype for .raw volumes (uint8, uint16, float32).")


def _voxel_size_nm(text: str | None, volume: Path, dataset: str | None) -> float:
    """--voxel-size if given, else the voxel size the file states (TIFF resolution, HDF5, OME-Zarr)."""
    if text is not None:
        return parse_voxel_size_nm(text)
    found = read_voxel_size_nm(volume, dataset=dataset)
    if found is None:
        raise InputError("--voxel-size", "(not given)", f"a voxel edge with unit, e.g. 10nm: {volume.name} states none")
    return found


def _check_volume_out(path: Optional[Path], flag: str, force: bool) -> None:
    """--labels / --thickness: an OME-Zarr folder (.zarr) or one TIFF file, checked before the work."""
    if path is not None and path.suffix.lower() == ".zarr":
        check_out(path, flag)
    else:
        check_file_out(path, flag, force)


def _write_volumes(classes, lt, vox: float, labels: Optional[Path], thickness: Optional[Path]) -> list[str]:
    """--labels / --thickness: the class image and the local-thickness map (TIFF or OME-Zarr by suffix)."""
    written = []
    if labels is not None:
        written.append(str(write_labels(classes, labels, vox)))
    if thickness is not None:
        if lt is None:
            raise InputError("--thickness", thickness.name, "a local-thickness map needs --psd (drop --no-psd)")
        written.append(str(write_thickness(lt, thickness, vox)))
    return written


@sub.command("analyze")
def analyze(
    ctx: typer.Context,
    volume: Path = typer.Argument(..., help="TIFF stack, folder of TIFF slices, HDF5 (.h5, .nxs), .raw, .npy or .zarr"),
    voxel_size: Optional[str] = typer.Option(
        None, "--voxel-size", help="Voxel edge with unit, e.g. 10nm, 0.05um. Default: the file's own (TIFF resolution "
        "tags, HDF5 element_size_um, OME-Zarr scale)."),
    dataset: Optional[str] = typer.Option(None, "--dataset", help="HDF5: path of the volume in the file, e.g. "
                                          "/entry/data/data (default: the only 3D dataset)."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="Write the open/closed/unknown label volume here "
                                          "(.tif, or .zarr = OME-Zarr for large volumes)."),
    thickness: Optional[Path] = typer.Option(None, "--thickness", help="Write the local-thickness map (nm) here "
                                             "(.tif, or .zarr = OME-Zarr)."),
    phases: Optional[str] = typer.Option(None, "--phases", help="Composition for the spec, e.g. Si:0.6,amorphous_carbon:0.4"),
    mode: str = typer.Option("auto", "--mode", help="auto | particle | faces (see docs/imaging.md)"),
    open_faces: str = typer.Option("all", "--open-faces", help="faces mode: faces touching electrolyte, e.g. z- or all"),
    probe_radius: Optional[str] = typer.Option(None, "--probe-radius", help="electrolyte-accessible porosity for a probe, e.g. 1nm"),
    solid_density: Optional[float] = typer.Option(None, "--solid-density", help="g/cm^3, for ssa_m2_g"),
    threshold: Optional[str] = _THR,
    n_phases: int = _NPH,
    min_size: int = _MIN,
    raw_shape: Optional[str] = _RS,
    raw_dtype: Optional[str] = _RD,
    json_out: bool = typer.Option(False, "--json", help="Print the pore profile as JSON."),
    out: Optional[Path] = typer.Option(None, "--out", help="Directory for profile.json and figures."),
    emit_spec: Optional[Path] = typer.Option(None, "--emit-spec", help="Write a \\[particle] TOML section here."),
    profile_out: Optional[Path] = typer.Option(None, "--profile-out", help="Write the pore profile (JSON, the input of "
                                               "`characterize combine`) here."),
    force: bool = FORCE,
    psd: bool = typer.Option(True, "--psd/--no-psd", help="Pore size distribution by local thickness (slow on large volumes)."),
    use_dask: bool = typer.Option(False, "--dask", help="Out of core, block by block on Dask (automatic for zarr volumes "
                                  "over 2 GiB); faces mode only."),
    workers: Optional[int] = typer.Option(None, "--workers", help="--dask: local worker threads (default: all cores)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="--dask: address of a running dask.distributed "
                                            "scheduler, e.g. tcp://host:8786."),
    chunk: int = typer.Option(256, "--chunk", help="--dask: block edge in voxels."),
):
    """Porosity (open / closed / unknown), pore sizes, surface area of a volume."""
    check_out(out)  # every output target before any work
    check_file_out(emit_spec, "--emit-spec", force)
    check_file_out(profile_out, "--profile-out", force)
    _check_volume_out(labels, "--labels", force)
    _check_volume_out(thickness, "--thickness", force)
    vox = _voxel_size_nm(voxel_size, volume, dataset)
    comp = parse_phases(phases)
    probe = parse_voxel_size_nm(probe_radius, "probe_radius") if probe_radius else None
    check_workers(workers, scheduler)
    if use_dask or workers is not None or scheduler is not None or needs_out_of_core(volume):
        if volume.suffix.lower() != ".npy" and not volume.is_dir():
            raise InputError("volume", volume.name, "a .zarr store or a .npy file with --dask (convert TIFF/raw to zarr)")
        if min_size:
            raise InputError("min_size", min_size, "0 with --dask (small-region clean-up needs the whole volume)")
        if probe is not None:
            raise InputError("probe_radius", probe_radius, "none with --dask (accessible porosity is in-memory only)")
        if chunk < 8:
            raise InputError("chunk", chunk, "a block edge of at least 8 voxels")
        prof, pc, lt = pore_profile_blocks(VolumeSource(volume), vox, source=volume.name, mode=mode,
                                          open_faces=open_faces, thresholds=_thresholds(threshold), n_phases=n_phases,
                                          solid_density_g_cm3=solid_density, compute_psd=psd, chunk=chunk,
                                          scheduler=scheduler, workers=workers)
        written = _write_volumes(pc.classes, None if lt is None else lt.map, vox, labels, thickness)
        _emit(prof, pc.classes, comp, json_out, out, emit_spec, profile_out, written)
        return
    refuse_unused(ctx, "chunk", "with --dask")
    with status("image: segmentation, open/closed pores, sizes, surface"):
        ph, record = _load_phases(volume, raw_shape, raw_dtype, threshold, n_phases, min_size, dataset, ctx)
        prof, pc, lt = pore_profile(ph, vox, source=volume.name, mode=mode, open_faces=open_faces,
                                    probe_radius_nm=probe, solid_density_g_cm3=solid_density, compute_psd=psd)
    prof.segmentation_method, prof.thresholds = record["segmentation_method"], record["thresholds"]
    written = _write_volumes(pc.classes, lt, vox, labels, thickness)
    _emit(prof, pc.classes, comp, json_out, out, emit_spec, profile_out, written)


def _emit(prof, classes, comp, json_out, out, emit_spec, profile_out=None, written=()):
    spec_text = prof.to_particle_toml(comp) if emit_spec is not None or out is not None else None
    profile_text = prof.to_profile(comp).to_json() + "\n" if profile_out is not None else None
    if out is not None:
        with atomic_output_dir(out) as tmp:
            (tmp / "profile.json").write_text(json.dumps(with_provenance(to_jsonable(prof)), indent=2, allow_nan=False))
            save_figure(plot_class_slices(classes), tmp / "slices.png")
            if prof.psd_volume_fraction:
                save_figure(plot_psd(prof.psd_diameter_nm_edges, prof.psd_volume_fraction), tmp / "psd.png")
            (tmp / "particle.toml").write_text(spec_text)
    if emit_spec is not None:
        atomic_write_text(emit_spec, spec_text, flag="--emit-spec")
    if profile_out is not None:
        atomic_write_text(profile_out, profile_text, flag="--profile-out")
    if json_out:
        print_json(prof)
    else:
        typer.echo(
            f"{prof.source}: mode {prof.mode}, porosity {prof.porosity:.4f} (open {prof.open_porosity:.4f}, "
            f"closed {prof.closed_porosity:.4f}, unknown {prof.unknown_porosity:.4f}), closed pore fraction "
            f"{prof.closed_pore_fraction:.4f}, {prof.n_closed_pores} closed pores, modal pore size "
            + (f"{prof.modal_pore_size_nm:.4g} nm" if prof.modal_pore_size_nm is not None else "not computed (--no-psd)")
            + f", surface/solid volume {prof.surface_per_solid_volume_um_inv:.4g} 1/um"
            + (f", SSA {prof.ssa_m2_g:.4g} m2/g" if prof.ssa_m2_g is not None else "")
        )
        for w in written:
            typer.echo(f"wrote {w}")


@sub.command("tortuosity")
def tortuosity_cmd(
    ctx: typer.Context,
    volume: Path = typer.Argument(...),
    axis: str = typer.Option("all", "--axis", help="x | y | z | all"),
    bc: str = typer.Option("faces", "--bc", help="faces (TauFactor convention) | voxel-centres (PoreSpy)"),
    threshold: Optional[str] = _THR,
    n_phases: int = _NPH,
    min_size: int = _MIN,
    raw_shape: Optional[str] = _RS,
    raw_dtype: Optional[str] = _RD,
    json_out: bool = typer.Option(False, "--json"),
    out: Optional[Path] = typer.Option(None, "--out", help="Directory for tortuosity.json and concentration figures."),
    use_dask: bool = typer.Option(False, "--dask", help="Solve the axes as parallel Dask tasks (each solve stays whole)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="--dask: local worker threads."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="--dask: address of a dask.distributed scheduler."),
    electrode: bool = typer.Option(False, "--electrode", help="Also the electrode tortuosity factor tau_e (TauFactor's "
                                   "ElectrodeSolver definition, its exact low-frequency limit)."),
):
    """Tortuosity factor, effective diffusivity and formation factor along each axis."""
    check_out(out)
    if axis not in ("x", "y", "z", "all"):
        raise InputError("axis", axis, "x, y, z or all")
    check_workers(workers, scheduler)
    ph, _ = _load_phases(volume, raw_shape, raw_dtype, threshold, n_phases, min_size, ctx=ctx)
    res = tortuosity(ph, axis=axis, bc=bc, return_concentration=out is not None, parallel=use_dask, workers=workers,
                     scheduler=scheduler)
    table = {k: {f: getattr(r, f) for f in ("tortuosity", "relative_diffusivity", "formation_factor", "porosity",
                                            "total_porosity", "percolating_porosity", "flux_mismatch", "iterations", "bc")}
             for k, r in res.items()}
    if electrode:
        for k, r in res.items():
            table[k]["electrode_tortuosity"] = electrode_tortuosity(ph == 0, r.axis).tau_e
    if out is not None:
        with atomic_output_dir(out) as tmp:
            (tmp / "tortuosity.json").write_text(json.dumps(with_provenance(to_jsonable(table)), indent=2, allow_nan=False))
            for k, r in res.items():
                save_figure(plot_concentration(r.concentration, r.axis, r.tortuosity), tmp / f"concentration_{k}.png")
    if json_out:
        print_json(table)
    else:
        for k, r in table.items():
            typer.echo(f"{k}: tau {r['tortuosity']:.4f}, D_eff/D {r['relative_diffusivity']:.4f}, "
                       f"formation factor {r['formation_factor']:.4f} ({r['bc']} convention)"
                       + (f", electrode tau_e {r['electrode_tortuosity']:.4f}" if electrode else ""))


@sub.command("evolution")
def evolution_cmd(
    volumes: List[Path] = typer.Argument(..., help="Volumes in order (pristine, cycled, ...)"),
    voxel_size: str = _VOX,
    labels: Optional[str] = typer.Option(None, "--labels", help="Comma list of names, e.g. 1st,50th,100th"),
    mode: str = typer.Option("auto", "--mode"),
    open_faces: str = typer.Option("all", "--open-faces"),
    threshold: Optional[str] = _THR,
    n_phases: int = _NPH,
    min_size: int = _MIN,
    json_out: bool = typer.Option(False, "--json"),
    out: Optional[Path] = typer.Option(None, "--out", help="Directory for evolution.json and evolution.png"),
):
    """Porosity (total / open / closed) across a series of volumes, with a plot."""
    check_out(out)
    vox = parse_voxel_size_nm(voxel_size)
    names = [v.name for v in volumes] if not labels else [s.strip() for s in labels.split(",")]
    if len(names) != len(volumes):
        raise InputError("labels", labels, f"one label per volume ({len(volumes)})")
    phs = [_load_phases(v, None, None, threshold, n_phases, min_size)[0] for v in volumes]
    res = evolution(phs, names, vox, mode=mode, open_faces=open_faces, compute_psd=False)
    rows = [{"label": n, "porosity": p.porosity, "open_porosity": p.open_porosity, "closed_porosity": p.closed_porosity,
             "unknown_porosity": p.unknown_porosity, "closed_pore_fraction": p.closed_pore_fraction,
             "surface_per_solid_volume_um_inv": p.surface_per_solid_volume_um_inv} for n, p in zip(names, res.profiles)]
    if out is not None:
        with atomic_output_dir(out) as tmp:
            (tmp / "evolution.json").write_text(json.dumps(to_jsonable(rows), indent=2, allow_nan=False))
            save_figure(plot_evolution(names, [r["porosity"] for r in rows], [r["open_porosity"] for r in rows],
                                       [r["closed_porosity"] for r in rows]), tmp / "evolution.png")
    if json_out:
        print_json(rows)
    else:
        for r in rows:
            typer.echo(f"{r['label']}: porosity {r['porosity']:.4f} (open {r['open_porosity']:.4f}, "
                       f"closed {r['closed_porosity']:.4f}, unknown {r['unknown_porosity']:.4f})")
