"""The web explorer: a local Streamlit app over the library (a face; no physics here).

Start it with ``alloypore web`` (or :func:`alloypore.web.server.serve`).  The pages are the
registry :data:`alloypore.web.pages.PAGES` (a new page: one module with ``render()`` plus
one line there):

* **Design** (:mod:`~alloypore.web.design_page`) - every spec field as an input, live results,
  plots, downloads of the spec (TOML) and the HTML report, spec upload.
* **Studies** (:mod:`~alloypore.web.studies_page`) - two-variable sweeps with the infeasible
  region, and the named studies where :mod:`alloypore.design` provides them.
* **Evidence** (:mod:`~alloypore.web.evidence_page`) - uploaded measurements analysed by
  :mod:`alloypore.characterization`; "use in design" carries the pore profile over.
* **Literature** (:mod:`~alloypore.web.literature_page`) - the published porous anodes
  with the current design overlaid and flagged values marked.

Shared pieces: :mod:`~alloypore.web.fields` (inputs from the spec models),
:mod:`~alloypore.web.charts` (browser-side plots), :mod:`~alloypore.web.state` (session
keys), :mod:`~alloypore.web._safe` (one-line errors, the current spec).

Importing this package does not import Streamlit; the pages do, when they run.
"""

__all__ = ["fields", "charts", "server", "pages"]
