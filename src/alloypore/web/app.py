"""Streamlit entry script of the web explorer (run by ``alloypore web``; not imported).

The pages come from the registry :data:`alloypore.web.pages.PAGES`.
"""

from __future__ import annotations

import os

import streamlit as st

from alloypore.materials import use_user_materials, user_materials_path
from alloypore.web._safe import safe_page
from alloypore.web.pages import PAGES

# the user's materials file ($ALLOYPORE_MATERIALS, else ~/.alloypore/materials.toml), as in the CLI
use_user_materials(user_materials_path(os.environ))

st.set_page_config(page_title="alloypore explorer", page_icon="🔋", layout="wide")

_pages = [
    st.Page(safe_page(module.render), title=title, url_path=path, default=(i == 0))
    for i, (path, (title, module)) in enumerate(PAGES.items())
]
st.session_state["_pages"] = {p.url_path or "design": p for p in _pages}
st.navigation(_pages, position="sidebar").run()
