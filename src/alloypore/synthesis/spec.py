"""A synthesis route's particle as a design spec that ``alloypore design`` runs.

:func:`design_spec` puts the route's ``[particle]`` section together with the built-in
example's ``[electrode]`` and ``[cell]``.  One rule may change the example: if its
compaction density leaves no interparticle pores for this particle, i.e.

    rho_cd >= rho_max = 1 / v0,   v0 = w_c / rho_env + w_g / rho_g + w_b / rho_b + w_k / rho_k

(the solid + intraparticle pore volume of one gram of coating, see
:mod:`alloypore.electrode.model`), it is lowered to ``round(0.95 rho_max, 3)`` and the
returned note says so.  The spec is then validated by the spec models
(:func:`alloypore.cell.parse_spec`) and run through the design chain, so a value the chain
cannot build is refused with a one-line error naming its field.  The TOML text is written
by the package's one writer, :func:`alloypore.tomlio.dumps`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any, Mapping

from alloypore import tomlio
from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_arrays, evaluate_design, parse_spec
from alloypore.synthesis.result import SynthesisResult

__all__ = ["COMPACTION_MARGIN", "EmittedSpec", "design_spec", "design_spec_toml", "particle_section_toml"]

#: Share of the highest compaction density used when the example's is too high.
COMPACTION_MARGIN = 0.95


@dataclass(frozen=True)
class EmittedSpec:
    """A whole design spec (``name``, ``particle``, ``electrode``, ``cell``) and what was changed.

    ``data`` holds plain TOML values exactly as :func:`design_spec_toml` writes them;
    ``note`` says what differs from the built-in example's electrode and cell (None: nothing).
    """

    route: str
    data: dict[str, Any]
    note: str | None = None


def _lower_compaction(data: dict[str, Any]) -> str | None:
    """Lower the compaction density in ``data`` if it leaves no pores; the note, or None."""
    e = evaluate_arrays(parse_spec(data)).electrode
    if bool(e.feasible):
        return None
    old = data["electrode"]["compaction_density_g_cm3"]
    cd_max = float(e.max_compaction_density_g_cm3)
    new = round(COMPACTION_MARGIN * cd_max, 3)
    data["electrode"]["compaction_density_g_cm3"] = new
    return (
        f"electrode.compaction_density_g_cm3 lowered from the example's {old} (no interparticle pores left) "
        f"to {new}, {100 * COMPACTION_MARGIN:g} % of the {cd_max:.3f} g/cm3 these particles allow at most"
    )


def design_spec(result: SynthesisResult, name: str | None = None) -> EmittedSpec:
    """The design spec of ``result``'s particle in the built-in example's electrode and cell.

    ``name`` defaults to ``result.title``.  The compaction density is lowered when the
    example's leaves no interparticle pores (module docstring).  Raises a one-line
    :class:`~alloypore.errors.SpecError` naming the field if the chain refuses the spec.
    """
    example = tomllib.loads(EXAMPLE_SPEC_TOML)
    data = tomlio.clean({
        "name": result.title if name is None else name,
        "particle": result.particle_spec(),
        "electrode": example["electrode"],
        "cell": example["cell"],
    })
    note = _lower_compaction(data)
    evaluate_design(parse_spec(data), budget_points=0)
    return EmittedSpec(route=result.route, data=data, note=note)


def design_spec_toml(result: SynthesisResult, name: str | None = None) -> str:
    """:func:`design_spec` as TOML text, with comments on where each section comes from."""
    spec = design_spec(result, name)
    comment = [
        f"Written by `alloypore synthesize {spec.route}`: the [particle] section is the route's particle;",
        "[electrode] and [cell] are the built-in example's (edit them for your cell).",
    ]
    if spec.note:
        comment.append(spec.note)
    return tomlio.dumps(spec.data, comment=comment)


def particle_section_toml(spec: Mapping[str, Any], comment: str = "") -> str:
    """The ``[particle]`` section of a design spec as TOML text."""
    return tomlio.dumps({"particle": spec}, comment=comment)
