"""Streamlit entry script of the web explorer (run by ``alloypore web``; not imported)."""

from __future__ import annotations

import os

import streamlit as st

from alloypore.materials import use_user_materials, user_materials_path
from alloypore.web import design_page, evidence_page, literature_page, studies_page
from alloypore.web._safe import safe_page

# the user's materials file ($ALLOYPORE_MATERIALS, else ~/.alloypore/materials.toml), as in the CLI
use_user_materials(user_materials_path(os.environ))

st.set_page_config(page_title="alloypore explorer", page_icon="🔋", layout="wide")

_pages = [
    st.Page(safe_page(design_page.render), title="Design", url_path="design", default=True),
    st.Page(safe_page(studies_page.render), title="Studies", url_path="studies"),
    st.Page(safe_page(evidence_page.render), title="Evidence", url_path="evidence"),
    st.Page(safe_page(literature_page.render), title="Literature", url_path="literature"),
]
st.session_state["_pages"] = {p.url_path or "design": p for p in _pages}
st.navigation(_pages, position="sidebar").run()
