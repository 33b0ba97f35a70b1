#!/usr/bin/env bash
# Packaging checks of issue #18, run by .ci/run after the main suite:
#  1. the wheel and the sdist build from a clean export of HEAD without a single warning;
#  2. a core-only venv (the wheel, no extras) runs the core tests from the unpacked sdist
#     (pytest -m "not extra": tests marked extra("...") need an extra), and every other
#     command exits 2 naming its extra (tests/test_extras.py);
#  3. the whole suite at the lowest versions pyproject.toml allows
#     (uv pip install --resolution lowest-direct), unless ALLOYPORE_CI_LOWEST=0.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== packaging: wheel and sdist from a clean export, no warnings"
mkdir "$work/src"
git archive --format=tar HEAD | tar -x -C "$work/src"
"$PY" -m venv "$work/tools"
"$work/tools/bin/pip" install -q build uv
( cd "$work/src" && env -u PYTHONDONTWRITEBYTECODE "$work/tools/bin/python" -m build --outdir "$work/dist" . ) \
    > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
if grep -i "warning" "$work/build.log"; then
    echo "the build printed warnings (above)"; exit 1
fi
ls "$work/dist"

echo "== packaging: core-only venv runs the core tests from the sdist"
"$PY" -m venv "$work/core"
"$work/core/bin/pip" install -q "$work"/dist/*.whl pytest hypothesis pytest-xdist
mkdir "$work/sdist" && tar -xzf "$work"/dist/*.tar.gz -C "$work/sdist"
( cd "$work"/sdist/alloypore-* && "$work/core/bin/python" -m pytest -q -n 2 -p no:cacheprovider -m "not extra" \
    tests/cell tests/particle tests/electrode tests/materials tests/design \
    tests/cli/test_cli_design.py tests/cli/test_cli_sweep.py tests/cli/test_cli_study.py \
    tests/cli/test_cli_pressure.py tests/cli/test_cli_materials.py \
    tests/test_units.py tests/test_tomlio.py tests/test_provenance.py tests/test_progress.py \
    tests/test_plotting.py tests/test_extras.py tests/test_pchip.py )

if [ "${ALLOYPORE_CI_LOWEST:-1}" != "0" ]; then
    echo "== packaging: the whole suite at the lowest versions pyproject.toml allows"
    "$work/tools/bin/uv" venv -q -p "$PY" "$work/low"
    VIRTUAL_ENV="$work/low" "$work/tools/bin/uv" pip install -q --resolution lowest-direct -e "$root[all,test,docs]"
    "$work/low/bin/python" -m pytest -q -n 2 -p no:cacheprovider tests
fi
