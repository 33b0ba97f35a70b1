"""Design spec files: the built-in example, reading and validating TOML, writing a spec back.

:func:`load_spec` / :func:`parse_spec` validate once at the boundary (one-line
:class:`~alloypore.errors.SpecError`); :func:`spec_to_toml` writes a validated spec with the
package's one TOML writer, and reads back to the same spec.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Mapping

from alloypore import tomlio
from alloypore._io import check_input_file
from alloypore.cell.formats import fields_of_other_formats
from alloypore.cell.spec import DesignSpec
from alloypore.errors import DataFileError, SpecError
from alloypore.spec_errors import validate

__all__ = ["EXAMPLE_SPEC_TOML", "example_spec", "load_spec", "parse_spec", "spec_to_toml"]

EXAMPLE_SPEC_TOML = """\
# Built-in example: a porous Si-C particle (50 wt% Si, porosity 0.5, 60 % of the pores
# closed by the carbon) blended at 15 wt% into graphite, against NMC811.
name = "porous Si-C in graphite vs NMC811"

[particle]
phases = [{material = "Si", mass_fraction = 0.5}, {material = "amorphous_carbon", mass_fraction = 0.5}]
porosity = 0.5                 # intraparticle, fraction of envelope volume
closed_pore_fraction = 0.6
ssa_m2_g = 5.0
primary_particle_size_nm = 100
secondary_particle_size_um = 10

[electrode]
composite_mass_fraction = 0.15
graphite_mass_fraction = 0.80
binder_mass_fraction = 0.03
conductive_mass_fraction = 0.02
areal_capacity_mAh_cm2 = 4.0
compaction_density_g_cm3 = 1.6

[cell]
cathode = "NMC811"
np_ratio = 1.1
"""


def parse_spec(data: Mapping[str, Any]) -> DesignSpec:
    """Validate a spec dict (as read from TOML); one-line SpecError on any problem."""
    if not isinstance(data, Mapping) or "particle" not in data:
        raise SpecError("particle", "(missing)", "a design spec needs a [particle] section")
    return validate(DesignSpec, dict(data))


def example_spec() -> DesignSpec:
    """The built-in example design."""
    return parse_spec(tomllib.loads(EXAMPLE_SPEC_TOML))


def _read_toml(path: str | Path) -> dict:
    p = check_input_file(path, max_bytes=1_000_000)
    try:
        return tomllib.loads(p.read_text("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError(p, "not a UTF-8 text file (expected a TOML design spec)") from None
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(p, f"malformed TOML: {err}") from None


def load_spec(path: str | Path | None, particle: str | Path | None = None) -> DesignSpec:
    """Read and validate a TOML design spec file (``None``: the built-in example).

    ``particle``: a TOML file whose ``[particle]`` table (as ``alloypore characterize ...
    --emit-spec`` writes it) replaces the spec's whole ``[particle]`` section.
    """
    data = _read_toml(path) if path is not None else tomllib.loads(EXAMPLE_SPEC_TOML)
    if particle is not None:
        section = _read_toml(particle).get("particle")
        if not isinstance(section, dict):
            raise DataFileError(particle, "no [particle] table (write one with: alloypore characterize ... --emit-spec FILE)")
        data["particle"] = section
    return parse_spec(data)


def spec_to_toml(spec: DesignSpec) -> str:
    """The spec as TOML (values as validated, defaults included, but not the fields of formats
    other than its own), written by :mod:`alloypore.tomlio`; :func:`parse_spec` reads it back to
    the same spec."""
    data = spec.model_dump(mode="json", exclude_none=True)
    for name in fields_of_other_formats(spec.cell.format):
        data["cell"].pop(name, None)
    return tomlio.dumps(data)
