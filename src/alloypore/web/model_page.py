"""The Model page: the design chain's equations and assumptions, from the page shipped with
the package (:func:`alloypore.docs_pages.doc_text`), so the explorer links a page the
installed package has instead of a repository path."""

from __future__ import annotations

from alloypore.docs_pages import doc_text

__all__ = ["render"]


def render() -> None:
    import streamlit as st  # optional heavy dependency: only inside the running app

    st.title("Model")
    st.caption("The design chain's equations and assumptions: the page shipped with the package (docs/model.md).")
    st.markdown(doc_text("model"))
