#!/usr/bin/env bash
# Set up and run Brain & Body Glossary from a source checkout.
#
#   bash scripts/dev.sh run     set up (first time) and start the app
#   bash scripts/dev.sh test    set up (first time) and run every check: ruff, the content check, pytest
#   bash scripts/dev.sh setup   only set up
#
# Setup creates .venv with Python 3.11+ and installs the project with its test and build tools, at the exact
# versions (SHA-256 checked) of requirements/lock.txt (bash scripts/lock.sh re-locks). On Debian/Ubuntu it
# also installs the few system libraries Qt needs (when run as root, or with sudo); a desktop system
# already has them. Set PYTHON=/path/to/python3.x to choose the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# Libraries the PySide6 wheel needs on a minimal Debian/Ubuntu (offscreen and on a real X display), and a font.
QT_DEBS="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libfontconfig1 fonts-dejavu-core \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
libxkbcommon-x11-0"
# Tools the test suite uses: strace proves no network socket is opened; poppler-utils renders PDF pages.
TEST_DEBS="strace poppler-utils"

say() { printf '%s\n' "$*" >&2; }

system_libs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: nothing to do here
  local missing=()
  for p in $QT_DEBS ${EXTRA_DEBS:-}; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "Qt needs these system packages: ${missing[*]}"
      say "Install them with: sudo apt-get install -y ${missing[*]}"
      return 0
    fi
  fi
  say "Installing system libraries for Qt: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

venv() {
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
    say "Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" -V 2>&1))."; exit 2; }
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" || { say "Could not create $VENV: install python3-venv (apt-get install python3-venv)."; exit 2; }
  fi
  local stamp="$VENV/.installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/lock.txt -nt "$stamp" ]; then
    # The exact, hashed versions of requirements/lock.txt (runtime, test and build tools, the build backend),
    # then the project itself (editable, no further downloads). A lock out of step with pyproject.toml stops
    # here with the fix: bash scripts/lock.sh.
    "$VENV/bin/python" scripts/check-lock.py >/dev/null || exit 2
    "$VENV/bin/python" -m pip install -q --require-hashes --no-deps -r requirements/lock.txt
    "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
    "$VENV/bin/python" -m pip check >/dev/null || { "$VENV/bin/python" -m pip check; exit 2; }
    touch "$stamp"
  fi
}

setup() { system_libs; venv; }

case "${1:-run}" in
  setup)
    setup ;;
  run)
    setup
    shift || true
    exec "$VENV/bin/brain-glossary" "$@" ;;
  test)
    EXTRA_DEBS=$TEST_DEBS setup
    shift || true
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check .
    "$VENV/bin/brain-glossary" check --quiet
    exec "$VENV/bin/python" -m pytest "$@" ;;
  *)
    say "usage: bash scripts/dev.sh [run|test|setup] [args...]"; exit 2 ;;
esac
