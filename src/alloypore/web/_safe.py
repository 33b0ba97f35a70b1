"""Keep pages free of stack traces: a user error or a bug becomes one line on the page."""

from __future__ import annotations

import functools

from alloypore.cell import example_spec
from alloypore.errors import AlloyporeError
from alloypore.plotting import figure_to_png_bytes
from alloypore.web.fields import spec_from_state
from alloypore.web.state import STATE

__all__ = ["safe_page", "literal", "current_spec", "show_figure"]


def literal(text: str) -> str:
    """Markdown that shows ``text`` verbatim (a code span: no "<=" -> "≤", no emphasis)."""
    text = " ".join(str(text).split())
    return f"`` {text} ``"


def safe_page(render):
    """Wrap a page's ``render`` so any exception shows as a one-line ``st.error``."""

    @functools.wraps(render)
    def wrapper():
        import streamlit as st  # optional heavy dependency: only inside the running app

        try:
            render()
        except AlloyporeError as err:
            st.error(literal(f"error: {err}"))
        except Exception as err:  # noqa: BLE001 - the face's last line of defence, like the CLI's main()
            if type(err).__module__.startswith("streamlit"):  # rerun / stop control flow
                raise
            msg = " ".join(str(err).split())[:300]
            st.error(literal(f"internal error: {type(err).__name__}: {msg} (please report it)"))

    return wrapper


def current_spec():
    """``(spec, note)``: the Design page's spec, or the built-in example when it is invalid/unset."""
    import streamlit as st  # optional heavy dependency: only inside the running app

    state = st.session_state.get(STATE)
    if state is None:
        return example_spec(), "the built-in example (open the Design page to change it)"
    try:
        spec = spec_from_state(state)
        return spec, f"the Design page's spec “{spec.name}”"
    except AlloyporeError as err:
        return example_spec(), f"the built-in example (the Design page's spec is invalid: {err})"


def show_figure(fig, **kw) -> None:
    """Show a matplotlib figure of the library as a PNG (and close it)."""
    import streamlit as st  # optional heavy dependency: only inside the running app

    st.image(figure_to_png_bytes(fig, dpi=100), **kw)
