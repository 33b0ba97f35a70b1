"""Keep pages free of stack traces: a user error or a bug becomes one line on the page."""

from __future__ import annotations

import functools

__all__ = ["safe_page", "literal"]


def literal(text: str) -> str:
    """Markdown that shows ``text`` verbatim (a code span: no "<=" -> "≤", no emphasis)."""
    text = " ".join(str(text).split())
    return f"`` {text} ``"


def safe_page(render):
    """Wrap a page's ``render`` so any exception shows as a one-line ``st.error``."""

    @functools.wraps(render)
    def wrapper():
        import streamlit as st

        from alloypore.errors import AlloyporeError

        try:
            render()
        except AlloyporeError as err:
            st.error(literal(f"error: {err}"))
        except Exception as err:  # noqa: BLE001 - a face never shows a traceback
            if type(err).__module__.startswith("streamlit"):  # rerun / stop control flow
                raise
            msg = " ".join(str(err).split())[:300]
            st.error(literal(f"internal error: {type(err).__name__}: {msg} (please report it)"))

    return wrapper
