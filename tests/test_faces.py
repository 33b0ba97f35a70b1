"""The faces (cli/, web/, report/) present; the library decides.

1. An AST check of every module of the three face packages: none imports numpy, scipy or
   pandas except the entries of ``DISPLAY`` (each says why it is display only), and those
   use only the listed attributes of the library (no ``np.linspace``, ``pd.concat``...).
2. The web and the CLI show the same numbers: the Literature page's design point and
   ``alloypore literature compare --json``; the Studies page (driven through its own
   section functions with a stand-in for Streamlit) and ``alloypore sweep/study --json``.
3. No import circles among the modules this part of the house owns, counting the imports
   hidden inside functions.
"""

from __future__ import annotations

import ast
import contextlib
import json
from pathlib import Path

import pytest

from alloypore.cell import EXAMPLE_SPEC_TOML, evaluate_design, example_spec
from alloypore.web import literature_page, studies_page
from clihelp import run

SRC = Path(__file__).resolve().parents[1] / "src" / "alloypore"
FACES = ("cli", "web", "report")
COMPUTE_LIBS = ("numpy", "scipy", "pandas")

#: (module, library) -> (attributes the module may use, why that is display only)
DISPLAY = {
    ("web/charts.py", "pandas"): ({"DataFrame"}, "Altair (Vega-Lite) takes its data as a DataFrame: the chain's "
                                                   "numbers are put in a table for the browser to draw, nothing is computed"),
    ("web/design_page.py", "pandas"): ({"DataFrame"}, "st.table of the result dict (quantity as the index column): "
                                                         "a table of the library's numbers as text"),
}

#: faces of other parts of issue #14, thinned on their branches (the mechanics part: the Lamé
#: profile and sphere summaries of cli/stress.py; the evidence part: cli/characterize.py).
#: They are checked once those branches are merged: delete an entry when its module is clean.
OTHER_PARTS = {
    ("cli/stress.py", "numpy"): "mechanics part of #14",
    ("cli/characterize.py", "numpy"): "evidence part of #14",
}


def _face_modules():
    for pkg in FACES:
        yield from sorted((SRC / pkg).glob("*.py"))


def _imports(tree) -> dict[str, set[str]]:
    """library -> the aliases a module binds it to (top level or inside functions)."""
    out: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                root = a.name.split(".")[0]
                if root in COMPUTE_LIBS:
                    out.setdefault(root, set()).add(a.asname or root)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            root = node.module.split(".")[0]
            if root in COMPUTE_LIBS:
                out.setdefault(root, set()).update("from:" + (a.asname or a.name) for a in node.names)
    return out


def _attributes(tree, aliases: set[str]) -> set[str]:
    return {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id in aliases}


@pytest.mark.parametrize("path", list(_face_modules()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_face_imports_no_numerics_for_computation(path):
    rel = f"{path.parent.name}/{path.name}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for lib, aliases in _imports(tree).items():
        if (rel, lib) in OTHER_PARTS:
            continue
        assert (rel, lib) in DISPLAY, (f"{rel} imports {lib}: a face parses, calls one library function and renders; "
                                      f"move the computation into the library (or add a DISPLAY entry saying why not)")
        allowed, _why = DISPLAY[(rel, lib)]
        assert not any(a.startswith("from:") for a in aliases), f"{rel}: import the module {lib}, not names from it"
        used = _attributes(tree, aliases)
        assert used <= allowed, f"{rel} uses {lib}.{sorted(used - allowed)}: computation in a face"


def test_display_entries_are_needed():
    """An allow-list entry whose module no longer imports the library must go (the list stays true)."""
    for (rel, lib) in DISPLAY:
        tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
        assert lib in _imports(tree), f"DISPLAY entry ({rel}, {lib}) is no longer needed: delete it"


# --------------------------------------------------------------------- same numbers
def _cli_json(capsys, *args) -> dict:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def test_literature_page_and_cli_place_the_design_at_the_same_point(capsys, tmp_path):
    spec_path = tmp_path / "example.toml"
    spec_path.write_text(EXAMPLE_SPEC_TOML, encoding="utf-8")
    cli = _cli_json(capsys, "literature", "compare", str(spec_path), "--json")["design"]
    page = literature_page.page_design_point(example_spec())
    assert set(page) == set(cli)
    for key, v in cli.items():
        if key != "label":
            assert page[key] == v, key
    # the comparable ICE is the particle's as the chain computes it (the wetted-surface model,
    # docs/model.md 2.2), not the blended electrode's (95.7 % with the graphite)
    r = evaluate_design(example_spec())
    particle_ice = 100 * float(r.notes["first_cycle_loss"]["first_cycle_efficiency"])
    assert cli["ice_pct"] == pytest.approx(particle_ice, rel=1e-12) and cli["ice_basis"] == "wetted-surface model"
    electrode_ice = 100 * float(r.electrode.first_cycle_efficiency)
    assert electrode_ice == pytest.approx(95.7, abs=0.05) and abs(cli["ice_pct"] - electrode_ice) > 2


class FakeStreamlit:
    """Just enough of Streamlit to run a page's section function outside an app: widgets
    return their default (or ``choices[key]``), text elements are recorded."""

    def __init__(self, choices: dict | None = None):
        self.choices = choices or {}
        self.session_state: dict = {}
        self.text: list[str] = []
        self.tables: list = []

    def _pick(self, key, options, index=0):
        return self.choices.get(key, list(options)[index])

    def selectbox(self, label, options, index=0, key=None, **kw):
        return self._pick(key, options, index)

    def radio(self, label, options, index=0, key=None, **kw):
        return self._pick(key, options, index)

    def number_input(self, label, value=None, key=None, **kw):
        v = self.choices.get(key, value)
        self.session_state[key] = v
        return v

    def columns(self, spec, **kw):
        return [self] * (spec if isinstance(spec, int) else len(spec))

    @contextlib.contextmanager
    def container(self, **kw):
        yield self

    def markdown(self, text, **kw):
        self.text.append(text)

    caption = subheader = error = warning = info = markdown

    def table(self, rows, **kw):
        self.tables.append(rows)

    def download_button(self, *a, **kw):
        pass


@pytest.fixture
def no_figures(monkeypatch):
    shown = []
    monkeypatch.setattr(studies_page, "show_figure", lambda fig, **kw: shown.append(fig))
    yield shown


def test_studies_page_sweep_equals_cli_sweep(capsys, no_figures):
    spec = example_spec()
    for z in ("cell.energy_density_Wh_L", "cell.electrolyte_g_Ah"):  # a higher-better and a lower-better map
        st = FakeStreamlit({"sw_z": z})
        studies_page._sweep_section(st, spec)
        x, y = studies_page._DEFAULT_X, studies_page._DEFAULT_Y
        ss = st.session_state
        vary = studies_page.vary_items(x, (ss[f"sx_{x}_lo"], ss[f"sx_{x}_hi"], ss[f"sx_{x}_n"]),
                                       y, (ss[f"sy_{y}_lo"], ss[f"sy_{y}_hi"], ss[f"sy_{y}_n"]))
        cli = _cli_json(capsys, "sweep", *[a for v in vary for a in ("--vary", v)], "--json")
        summary = next(t for t in st.text if "designs feasible" in t)
        assert summary.startswith(f"**{cli['n_feasible']} of {cli['n_designs']} designs feasible**")
        feasible = [r for r in cli["rows"] if r["feasible"]]
        best = (max if z.endswith("Wh_L") else min)(feasible, key=lambda r: r[z])  # Wh/L up, electrolyte down
        caption = next(t for t in st.text if t.startswith("best feasible"))
        assert caption == f"best feasible {z} = {best[z]:.4g} at {x} = {best[x]:.4g}, {y} = {best[y]:.4g}"


def _without_files(d: dict) -> dict:
    return {k: v for k, v in d.items() if k not in ("files", "provenance")}  # provenance: issue #18


def _jsonable(obj):
    from alloypore._json import to_jsonable

    return json.loads(json.dumps(to_jsonable(obj)))


def test_studies_page_named_studies_equal_cli(capsys, tmp_path, monkeypatch, no_figures):
    from alloypore.design import studies

    seen = {}
    with monkeypatch.context() as m:  # the page's figures capture what they are given; the CLI draws for real
        for name in ("plot_blend_swelling", "plot_closed_pores"):
            m.setattr(studies, name, lambda res, _n=name: seen.setdefault(_n, res))
        m.setattr(studies, "plot_required_porosity", lambda curves, rows: seen.setdefault("rows", rows))
        for which in studies_page.NAMED_STUDIES:
            studies_page._named_section(FakeStreamlit({"named_study": which}), example_spec())

    cli = _cli_json(capsys, "study", "blend-swelling", "--json", "--out", str(tmp_path / "b"))
    assert _jsonable(seen["plot_blend_swelling"].to_dict()) == _without_files(cli)
    cli = _cli_json(capsys, "study", "closed-pores", "--json", "--out", str(tmp_path / "c"))
    assert _jsonable(seen["plot_closed_pores"].to_dict()) == _without_files(cli)
    cli = _cli_json(capsys, "study", "required-porosity", "--json", "--out", str(tmp_path / "r"))
    assert _jsonable(seen["rows"]) == cli["materials"]


# --------------------------------------------------------------------- import circles
_OWNED = ("design", "literature", "web", "report", "cli")


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_imports(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):  # top level AND function-local: a hidden circle is still a circle
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(pkg.split(".")[: len(pkg.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("alloypore"):
                out.add(base)
                out.update(f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("alloypore"))
    return out


def test_no_import_circles_in_the_faces_and_studies():
    modules = {}
    for pkg in _OWNED:
        for path in (SRC / pkg).glob("*.py"):
            modules[_module_name(path)] = path
    graph = {m: {d for d in _package_imports(p, m) if d in modules and d != m} for m, p in modules.items()}
    state: dict[str, int] = {}

    def visit(m, stack):
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(d):] + [d]))
            if d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert {"alloypore.web._safe", "alloypore.web.design_page", "alloypore.design.sweep"} <= set(graph)
