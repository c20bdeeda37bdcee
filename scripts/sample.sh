#!/usr/bin/env bash
# Install ieg-reports in .venv (if needed) and build every document of the shipped sample.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/ieg-reports validate
if .venv/bin/ieg-reports --help | grep -q ' build '; then
  .venv/bin/ieg-reports build "$@"
fi
