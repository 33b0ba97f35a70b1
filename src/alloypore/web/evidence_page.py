"""The Evidence page (placeholder)."""

__all__ = ["render"]


def render() -> None:
    import streamlit as st

    st.title("Evidence")
