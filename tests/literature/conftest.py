from pathlib import Path

import pytest

SEED_COPY = Path(__file__).resolve().parents[1] / "data" / "literature" / "review-porous-alloying-anodes.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The review text: the verbatim copy of the shared seed in tests/data (see tests/data/SOURCES.md)."""
    return SEED_COPY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rows():
    from alloypore.literature.dataset import load_rows

    return load_rows()


@pytest.fixture(scope="session")
def flags(rows):
    from alloypore.literature.validation import run_rules

    return run_rules(rows)
