import pytest


@pytest.fixture(scope="session")
def rows():
    from alloypore.literature.dataset import load_rows

    return load_rows()


@pytest.fixture(scope="session")
def flags(rows):
    from alloypore.literature.validation import run_rules

    return run_rules(rows)
