"""Named example designs that reproduce published cells (``alloypore design --example NAME``).

Each example is one TOML file in ``cell/data/examples/``: an ``[example]`` table (title, the
publication it reproduces, the basis of the published numbers - ``"stack"`` or ``"cell"`` - and
why, the published numbers with their source, the assumptions for inputs the publication does
not give) followed by an ordinary design spec.  :func:`compare_example` evaluates the design and
sets each published number beside the model's on the stated basis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

from alloypore._datatable import read_data_toml
from alloypore.cell.chain import DesignResult, evaluate_design
from alloypore.cell.spec import DesignSpec
from alloypore.cell.specfile import parse_spec
from alloypore.errors import DataFileError, InputError

__all__ = ["NamedExample", "list_examples", "get_example", "compare_example", "BASES"]

#: Where the published numbers are compared: the bare stack (repeat unit with its electrolyte)
#: or the whole cell of the spec's format.
BASES = ("stack", "cell")
_STACK = {"energy_density_Wh_kg": "stack_energy_density_Wh_kg", "energy_density_Wh_L": "stack_energy_density_Wh_L"}


@dataclass(frozen=True)
class NamedExample:
    """One shipped example: the spec and what it reproduces."""

    name: str
    title: str
    reproduces: str
    basis: str
    basis_reason: str
    published: Mapping[str, float]
    published_source: str
    spec: DesignSpec
    assumptions: tuple[str, ...] = field(default=())

    def model_field(self, key: str) -> str:
        """The ``cell.*`` result compared with the published ``key`` on this example's basis."""
        return _STACK.get(key, key) if self.basis == "stack" else key


def _load(name: str) -> NamedExample:
    path = f"data/examples/{name}.toml"
    data = read_data_toml("alloypore.cell", path)
    meta = data.pop("example", None)
    where = f"alloypore/cell/{path}"
    if not isinstance(meta, dict) or meta.get("basis") not in BASES:
        raise DataFileError(where, f"needs an [example] table with basis one of {', '.join(BASES)}")
    return NamedExample(
        name=name, title=meta["title"], reproduces=meta["reproduces"], basis=meta["basis"],
        basis_reason=meta.get("basis_reason", ""), published={k: float(v) for k, v in meta["published"].items()},
        published_source=meta["published_source"], spec=parse_spec(data),
        assumptions=tuple(meta.get("assumptions", ())),
    )


@lru_cache(maxsize=1)
def _examples() -> dict[str, NamedExample]:
    folder = resources.files("alloypore.cell").joinpath("data/examples")
    names = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))
    return {n: _load(n) for n in names}


def list_examples() -> list[NamedExample]:
    """Every shipped example, by name."""
    return list(_examples().values())


def get_example(name: str) -> NamedExample:
    """The example ``name``; a one-line InputError naming ``--example`` if there is none."""
    try:
        return _examples()[name]
    except KeyError:
        raise InputError("--example", name, f"allowed: {', '.join(_examples())}") from None


def compare_example(name: str) -> tuple[DesignResult, dict[str, dict[str, float]]]:
    """Evaluate example ``name``; ``{published key: {published, model, difference_pct, field}}``."""
    ex = get_example(name)
    result = evaluate_design(ex.spec)
    out = {}
    for key, value in ex.published.items():
        fld = ex.model_field(key)
        model = float(getattr(result.cell, fld))
        out[key] = {"published": value, "model": model, "difference_pct": 100.0 * (model / value - 1.0), "field": f"cell.{fld}"}
    return result, out
