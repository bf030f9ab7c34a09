#!/usr/bin/env bash
# Build the wheel and prove it works on its own: installed into a brand-new virtual environment, run from a
# temporary folder with no checkout on the path, headless (QT_QPA_PLATFORM=offscreen), with fresh user folders.
#
#   bash scripts/check-wheel.sh            (PYTHON=/path/to/python3.x to choose the interpreter)
#
# Checks: the sdist carries docs/, the licences and requirements/; the wheel, built FROM that sdist, carries
# resources/ (as desktop_app/resources), the prebuilt search index (desktop_app/index) and both licences
# (dist-info/licenses) with `License-Expression: MIT AND CC-BY-4.0`; then, in a brand-new venv with the
# hashed versions of requirements/runtime.txt,
#   brain-glossary --version | check | search neuroplasticity --json | index check | print | first paint
# all work, the package is imported from site-packages, and the first search uses the wheel's index
# (nothing is built into the user cache; timed). Last, content that differs from the wheel's index makes the
# app rebuild into the user cache and never write inside site-packages. The build uses .venv (set up by
# scripts/dev.sh from requirements/lock.txt), without build isolation, so nothing unpinned is fetched.
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

# ------------------------------------------------------------------ build: sdist, then the wheel from it
bash scripts/dev.sh setup
BUILDER=$ROOT/.venv/bin/python
"$BUILDER" -m build --no-isolation --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "the sdist or the wheel did not build"; }
WHEEL=$(ls "$WORK"/dist/*.whl)
SDIST=$(ls "$WORK"/dist/*.tar.gz)
say "check-wheel: built $(basename "$SDIST") and, from it, $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1)) in $(secs "$t0" "$(now)") s"

"$PYTHON" - "$SDIST" <<'EOF2' || fail "the sdist lacks what its tests or its build need"
import sys, tarfile
names = {n.split("/", 1)[1] for n in tarfile.open(sys.argv[1]).getnames() if "/" in n}
need = ["LICENSE", "LICENSE-CONTENT", "docs/packaging.md", "docs/screenshots", "hatch_build.py",
        "requirements/lock.txt", "requirements/runtime.txt", "tests/conftest.py", "resources/content/terms"]
missing = [p for p in need if not any(n == p or n.startswith(p + "/") for n in names)]
print(f"check-wheel: the sdist has {len(names)} files; missing: {missing or 'nothing'}")
sys.exit(1 if missing else 0)
EOF2

"$PYTHON" - "$WHEEL" <<'EOF2' || fail "the wheel's contents are wrong"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
terms = [n for n in names if n.startswith("desktop_app/resources/content/terms/") and n.endswith(".md")]
need = ["desktop_app/resources/icons/brain-glossary.svg", "desktop_app/resources/styles/",
        "desktop_app/resources/crisis/", "desktop_app/cli.py", "desktop_app/paths.py",
        "desktop_app/index/manifest.json"]
missing = [p for p in need if not any(n.startswith(p) for n in names)]
manifest = json.loads(z.read("desktop_app/index/manifest.json")) if "desktop_app/index/manifest.json" in names else {}
gen = [n for n in names if manifest and n.startswith(f"desktop_app/index/{manifest['generation']}/")]
meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
lic = [n.rsplit("/", 1)[1] for n in names if ".dist-info/licenses/" in n]
print(f"check-wheel: the wheel has {len(names)} files, {len(terms)} term files, an index of "
      f"{manifest.get('doc_count')} terms ({len(gen)} files), licences {lic}")
problems = missing + ([] if len(terms) >= 10 else ["term files"]) + ([] if gen else ["index generation"])
problems += [] if "License-Expression: MIT AND CC-BY-4.0" in meta else ["License-Expression"]
problems += [f for f in ("LICENSE", "LICENSE-CONTENT") if f not in lic]
if manifest and manifest.get("doc_count") != len(terms):
    problems.append(f"the index has {manifest.get('doc_count')} terms, the wheel {len(terms)}")
if problems:
    print(f"missing or wrong: {problems}", file=sys.stderr)
    sys.exit(1)
EOF2

# ------------------------------------------------------------------ install into a brand-new venv
ti=$(now)
"$PYTHON" -m venv "$WORK/venv"
# The runtime dependencies at the locked versions, every file's SHA-256 checked; then the wheel alone.
"$WORK/venv/bin/python" -m pip install -q --require-hashes --no-deps -r requirements/runtime.txt \
  >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "pip install -r requirements/runtime.txt failed"; }
"$WORK/venv/bin/python" -m pip install -q --no-deps "$WHEEL" >>"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log"; fail "pip install of the wheel failed"; }
"$WORK/venv/bin/python" -m pip check || fail "the locked runtime does not satisfy the wheel's dependencies"
say "check-wheel: installed (locked, hashed) into a new venv in $(secs "$ti" "$(now)") s"

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
run "$BG" index check | grep -q "$WORK/venv/lib/.*/desktop_app/index" || fail "index check does not find the wheel's index fresh"

# The first search from a fresh install: the wheel's index, opened as it is (target ~0.4 s for the command).
ts=$(now)
hits=$(run "$BG" search neuroplasticity --json) || fail "search exited $?"
FIRST_S=$(secs "$ts" "$(now)")
say "check-wheel: first search from a fresh install (whole command, wheel's index) took $FIRST_S s"
"$PYTHON" -c 'import json,sys; h=json.loads(sys.argv[1]); assert h and h[0]["slug"]=="neuroplasticity", h' "$hits" \
  || fail "search --json did not print neuroplasticity first: $hits"
[ ! -e "$WORK/home/cache/index" ] || fail "the first search built an index into the user cache: the wheel's index was not used"

# Content the wheel's index was not built from: the app rebuilds into the user cache, never in site-packages.
site_index=$(run "$WORK/venv/bin/python" -c "import desktop_app.paths as p; print(p.PACKAGE_DIR / 'index')")
before=$(find "$site_index" -printf '%p %s %T@\n' | sort | sha256sum)
cp -r "$(dirname "$(dirname "$site_index")")/desktop_app/resources" "$WORK/edited"
sed -i '0,/^title: .*/s//title: Neuroplasticity edited/' "$WORK/edited/content/terms/neuroplasticity.md"
hits=$(run env BRAIN_GLOSSARY_RESOURCES="$WORK/edited" "$BG" search "neuroplasticity edited" --json) \
  || fail "search over edited content exited $?"
grep -q '"slug": "neuroplasticity"' <<<"$hits" || fail "search over edited content did not find the term: $hits"
[ -f "$WORK/home/cache/index/manifest.json" ] || fail "a stale wheel index was not rebuilt into the user cache"
[ "$(find "$site_index" -printf '%p %s %T@\n' | sort | sha256sum)" = "$before" ] || fail "the app wrote inside site-packages"
say "check-wheel: edited content: rebuilt into the user cache; site-packages untouched"
rm -rf "$WORK/home/cache/index"

run "$BG" print neuroplasticity -o x.pdf || fail "print exited $?"
size=$(stat -c %s x.pdf 2>/dev/null || echo 0)
[ "$size" -gt 10240 ] && [ "$(head -c 5 x.pdf)" = "%PDF-" ] || fail "x.pdf is missing, not a PDF, or only $size bytes"
say "check-wheel: print wrote a PDF of $size bytes"

run "$BG" --exit-after-first-paint || fail "--exit-after-first-paint exited $?"
say "check-wheel: passed in $(secs "$t0" "$(now)") s"
