"""mkdocs hook: the example pages of the site, made from ``docs/examples`` at build time.

Every ``docs/examples/*.py`` is run (as the test suite runs it), and a page
``examples/<name>.md`` is generated with its docstring, its code, what it printed and the
figures it wrote; ``docs/examples/quickstart.ipynb`` is executed in a Jupyter kernel and
rendered the same way (code, text and HTML tables, inline plots).  A failing example fails
the build, so the site cannot show an example that does not run.
"""

from __future__ import annotations

import ast
import base64
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def _run_example(path: Path, out: Path) -> str:
    env = {**os.environ, "ALLOYPORE_EXAMPLE_OUT": str(out), "MPLBACKEND": "Agg", "ALLOYPORE_PROGRESS": "0",
           "PYBAMM_DISABLE_TELEMETRY": "true"}
    run = subprocess.run([sys.executable, str(path)], env=env, cwd=out, capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["(no output)"]
        raise PluginError(f"docs/examples/{path.name} failed: {tail[0]}")
    return run.stdout


def _example_page(path: Path, stdout: str, figures: list[str]) -> str:
    source = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source)) or path.stem
    title, _, rest = doc.partition("\n")
    parts = [f"# {title.strip().rstrip('.')}", rest.strip(), f"Source: [`{path.name}`]({path.name}) — run it with "
             f"`python docs/examples/{path.name}`; the test suite runs it and checks its numbers.",
             f"```python\n{source.rstrip()}\n```"]
    if stdout.strip():
        parts.append(f"It prints:\n\n```text\n{stdout.rstrip()}\n```")
    parts += [f"![{name}]({path.stem}/{name})" for name in figures]
    return "\n\n".join(p for p in parts if p) + "\n"


def _notebook_page(config, files) -> str:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    env_backend = os.environ.pop("MPLBACKEND", None)  # Jupyter's inline backend draws the plots
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": tempfile.mkdtemp(prefix="alloypore-nb-")}}).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    parts = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            if i == 0:
                parts.append("Download the notebook: [`quickstart.ipynb`](quickstart.ipynb) (the test suite executes it).")
            continue
        parts.append(f"```python\n{cell.source}\n```")
        for j, out in enumerate(cell.get("outputs", [])):
            data = out.get("data", {})
            if "image/png" in data:
                name = f"quickstart/cell{i}_{j}.png"
                files.append(File.generated(config, f"examples/{name}", content=base64.b64decode(data["image/png"])))
                parts.append(f"![plot]({name})")
            elif "text/html" in data:
                parts.append(f'<div class="nb-output">{data["text/html"]}</div>')
            elif "text/plain" in data or "text" in out:
                parts.append(f"```text\n{data.get('text/plain', out.get('text', '')).rstrip()}\n```")
    return "\n\n".join(parts) + "\n"


def on_files(files, config):
    """Add the generated example pages and their figures to the site."""
    root = Path(tempfile.mkdtemp(prefix="alloypore-docs-"))
    for path in sorted(EXAMPLES.glob("*.py")):
        out = root / path.stem
        out.mkdir()
        stdout = _run_example(path, out)
        figures = sorted(p.name for p in out.rglob("*.png"))
        for name in figures:
            files.append(File.generated(config, f"examples/{path.stem}/{name}", abs_src_path=str(next(out.rglob(name)))))
        files.append(File.generated(config, f"examples/{path.stem}.md", content=_example_page(path, stdout, figures)))
    files.append(File.generated(config, "examples/quickstart.md", content=_notebook_page(config, files)))
    return files
