"""The pages of the web explorer: the registry :mod:`alloypore.web.app` builds its navigation from.

A new page is one module with a ``render()`` function (a face: it parses its inputs, calls
one library function and draws the result) plus one line here.  The first page is the
default one; the key is the page's URL path.
"""

from __future__ import annotations

from alloypore.web import design_page, evidence_page, literature_page, model_page, studies_page

__all__ = ["PAGES"]

#: url path -> (title, page module with ``render()``), in navigation order
PAGES = {
    "design": ("Design", design_page),
    "studies": ("Studies", studies_page),
    "evidence": ("Evidence", evidence_page),
    "literature": ("Literature", literature_page),
    "model": ("Model", model_page),
}
