#!/usr/bin/env bash
# Build the wheel and prove it works on its own: installed into a brand-new virtual environment, run from a
# temporary folder with no checkout on the path, headless (QT_QPA_PLATFORM=offscreen), with fresh user folders.
#
#   bash scripts/check-wheel.sh            (PYTHON=/path/to/python3.x to choose the interpreter)
#
# Checks: the wheel carries resources/ (as desktop_app/resources) and no index; then, in the new venv,
#   brain-glossary --version | check | search neuroplasticity --json | print neuroplasticity -o x.pdf
# all work, the package is imported from site-packages, and the search index was built into the user cache
# on first use. The new venv installs PySide6-Essentials, Whoosh, PyYAML and rapidfuzz from PyPI (pip's cache
# makes a second run quick). The Qt system libraries are the ones scripts/dev.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}

say() { printf '%s\n' "$*" >&2; }
fail() { say "check-wheel: FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { "$PYTHON" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

t0=$(now)
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || fail "Python 3.11+ is needed"
WORK=$(mktemp -d /tmp/bbg-wheel-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------------ build
BUILDER=$ROOT/.venv/bin/python
if ! "$BUILDER" -c "import build" 2>/dev/null; then
  BUILDER="$WORK/buildenv/bin/python"
  "$PYTHON" -m venv "$WORK/buildenv"
  "$BUILDER" -m pip install -q build
fi
"$BUILDER" -m build --wheel --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "the wheel did not build"; }
WHEEL=$(ls "$WORK"/dist/*.whl)
say "check-wheel: built $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1)) in $(secs "$t0" "$(now)") s"

"$PYTHON" - "$WHEEL" <<'EOF' || fail "the wheel's contents are wrong"
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
terms = [n for n in names if n.startswith("desktop_app/resources/content/terms/") and n.endswith(".md")]
need = ["desktop_app/resources/icons/brain-glossary.svg", "desktop_app/resources/styles/",
        "desktop_app/resources/crisis/", "desktop_app/cli.py", "desktop_app/paths.py"]
missing = [p for p in need if not any(n.startswith(p) for n in names)]
index = [n for n in names if "/index/" in n or n.startswith("index/") or n.endswith("manifest.json")]
print(f"check-wheel: the wheel has {len(names)} files, {len(terms)} term files, no index: {not index}")
if len(terms) < 10 or missing or index:
    print(f"missing: {missing}; index files: {index[:5]}", file=sys.stderr)
    sys.exit(1)
EOF

# ------------------------------------------------------------------ install into a brand-new venv
ti=$(now)
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
"$WORK/venv/bin/python" -m pip install -q "$WHEEL" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "pip install failed"; }
say "check-wheel: installed into a new venv in $(secs "$ti" "$(now)") s"

# ------------------------------------------------------------------ run it with no checkout around
mkdir -p "$WORK/run" "$WORK/home"
cd "$WORK/run"
user_env=(env -u PYTHONPATH -u BRAIN_GLOSSARY_RESOURCES -u BRAIN_GLOSSARY_INDEX_DIR
          HOME="$WORK/home" QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/home/config"
          BRAIN_GLOSSARY_DATA_DIR="$WORK/home/data" BRAIN_GLOSSARY_CACHE_DIR="$WORK/home/cache")
BG="$WORK/venv/bin/brain-glossary"
run() { "${user_env[@]}" "$@"; }

where=$(run "$WORK/venv/bin/python" -c "import desktop_app, desktop_app.paths as p; print(desktop_app.__file__); print(p.resources_dir())")
printf '%s\n' "$where"
grep -q "$WORK/venv/lib/" <<<"$where" || fail "desktop_app was not imported from the new venv"
grep -q "^$ROOT" <<<"$where" && fail "something resolved to the checkout"

out=$(run "$BG" --version) || fail "--version exited $?"
printf '%s\n' "$out"
grep -Eq "content [0-9]{4}-[0-9]{2}-[0-9]{2}" <<<"$out" || fail "--version shows no content version (resources missing?)"

run "$BG" check --quiet || fail "check exited $?"
[ ! -e "$WORK/home/cache/index" ] || fail "check should not build an index"

ts=$(now)
hits=$(run "$BG" search neuroplasticity --json) || fail "search exited $?"
say "check-wheel: first search (builds the index) took $(secs "$ts" "$(now)") s"
"$PYTHON" -c 'import json,sys; h=json.loads(sys.argv[1]); assert h and h[0]["slug"]=="neuroplasticity", h' "$hits" \
  || fail "search --json did not print neuroplasticity first: $hits"
[ -f "$WORK/home/cache/index/manifest.json" ] || fail "the index was not built into the user cache dir"
say "check-wheel: the index was built into the cache: $(ls "$WORK/home/cache/index" | tr '\n' ' ')"
run "$BG" index check >/dev/null || fail "index check after the first search failed"

run "$BG" print neuroplasticity -o x.pdf || fail "print exited $?"
size=$(stat -c %s x.pdf 2>/dev/null || echo 0)
[ "$size" -gt 10240 ] && [ "$(head -c 5 x.pdf)" = "%PDF-" ] || fail "x.pdf is missing, not a PDF, or only $size bytes"
say "check-wheel: print wrote a PDF of $size bytes"

run "$BG" --exit-after-first-paint || fail "--exit-after-first-paint exited $?"
say "check-wheel: passed in $(secs "$t0" "$(now)") s"
