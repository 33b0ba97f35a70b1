"""The documentation pages that ship with the package (``alloypore/_docs/*.md``).

The report and the web explorer link these instead of repository paths: an installed
package has no ``docs/`` folder, but it carries the Markdown pages (``docs/`` of the
source tree, shipped as package data).  The built site (``mkdocs build``) renders the
same pages.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from alloypore.errors import InputError

__all__ = ["PAGES", "doc_page", "doc_text"]

#: page name -> title, for the pages the faces link to
PAGES = {
    "model": "The design model: equations and assumptions",
    "architecture": "Architecture",
    "studies": "Studies",
    "characterization": "Characterization",
    "imaging": "Imaging",
    "literature": "Literature",
    "electrochem": "Cycling in PyBaMM",
}


def doc_page(name: str) -> Traversable:
    """The shipped Markdown page ``name`` (``"model"`` -> ``model.md``)."""
    page = resources.files("alloypore") / "_docs" / f"{name}.md"
    if not page.is_file():
        raise InputError("doc page", name, ", ".join(sorted(PAGES)))
    return page


def doc_text(name: str) -> str:
    """The Markdown text of the shipped page ``name``."""
    return doc_page(name).read_text(encoding="utf-8")
