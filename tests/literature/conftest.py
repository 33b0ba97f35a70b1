from pathlib import Path

import pytest

HERE = Path(__file__).parent
SEED_COPY = HERE / "data" / "review-porous-alloying-anodes.txt"
SHARED_SEED = HERE.parents[2] / "shared" / "seed" / "review-porous-alloying-anodes.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The review text (the shared seed when present, else the verbatim copy in tests/literature/data)."""
    path = SHARED_SEED if SHARED_SEED.exists() else SEED_COPY
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rows():
    from alloypore.literature.dataset import load_rows

    return load_rows()


@pytest.fixture(scope="session")
def flags(rows):
    from alloypore.literature.validation import run_rules

    return run_rules(rows)
