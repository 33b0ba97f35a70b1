import os

os.environ.setdefault("ALLOYPORE_PROGRESS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

import tempfile  # noqa: E402

from hypothesis import settings  # noqa: E402  (after the environment above)
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

# Hypothesis keeps no example database in the checkout (a test run writes nothing there), and on
# CI (ALLOYPORE_CI) it draws the same examples every run, so a red build is reproducible; a
# failure it once found is pinned with @example in the test itself.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "alloypore-hypothesis"))  # not .hypothesis/ here
settings.register_profile("alloypore", database=None, derandomize=bool(os.environ.get("ALLOYPORE_CI")))
settings.load_profile("alloypore")
