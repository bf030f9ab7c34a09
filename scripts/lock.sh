#!/usr/bin/env bash
# Re-lock the dependencies: ONE command after any change to the dependencies in pyproject.toml.
#
#   bash scripts/lock.sh                 add what is new, keep every other pin as it is
#   UPGRADE=1 bash scripts/lock.sh       move every pin to the newest version pyproject.toml's ranges allow
#
# pyproject.toml keeps the version RANGES (what the app works with; what `pip install` of the wheel uses).
# requirements/ keeps the exact, hashed versions that CI, scripts/dev.sh, the wheel check and the bundle use:
#   requirements/lock.txt      runtime + the test and build extras + the build backend (requirements/build-system.in)
#   requirements/runtime.txt   the runtime dependencies alone, at the same versions (the wheel check installs
#                              these into a clean venv; a locked install: pip install --require-hashes -r it)
# Both are universal (every platform, Python 3.11+) and carry the SHA-256 of every file PyPI has for each pin.
# The tool is uv (from PyPI, into build/lock-tools; nothing else uses it). scripts/check-lock.py, which
# scripts/dev.sh runs before installing, fails with this command's name when pyproject.toml and the lock
# disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
PYTHON=${PYTHON:-python3}
TOOLS=build/lock-tools
if ! "$TOOLS/bin/uv" --version 2>/dev/null | grep -q " $UV_VERSION"; then
  "$PYTHON" -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
common=(--universal --python-version 3.11 --generate-hashes --custom-compile-command "bash scripts/lock.sh")
[ -n "${UPGRADE:-}" ] && common+=(--upgrade)
"$TOOLS/bin/uv" pip compile -q pyproject.toml requirements/build-system.in --extra test --extra build \
  "${common[@]}" -o requirements/lock.txt
"$TOOLS/bin/uv" pip compile -q pyproject.toml -c requirements/lock.txt "${common[@]}" -o requirements/runtime.txt
"$PYTHON" scripts/check-lock.py
