#!/usr/bin/env bash
# Build the PyInstaller bundle (dist/brain-glossary/) and smoke-test it headless from a read-only copy.
#
#   bash scripts/build-bundle.sh            set up, build, smoke-test, time start-up
#   SKIP_BUILD=1 bash scripts/build-bundle.sh   smoke-test and time the bundle already in dist/
#
# Set-up: on Debian/Ubuntu as root (or with password-less sudo) it installs what the build host needs: the
# Qt libraries (PyInstaller can only bundle the xcb libraries it finds: without libxcb-icccm4 and
# libxcb-keysyms1 the bundle silently lacks them), binutils (objdump, used by PyInstaller and build.spec),
# Xvfb (to start the frozen app on a real X server once) and a font. Then it makes .venv through
# scripts/dev.sh and installs the build extra (PyInstaller, build).
#
# The smoke test copies the bundle to a temporary folder, makes it read-only (chmod -R a-w) and, when run as
# root, runs it as the unprivileged user nobody (root ignores file permissions), with fresh user folders:
#   brain-glossary --version                      app and content versions, licences
#   brain-glossary print neuroplasticity -o x.pdf  a PDF of more than 10 KB
#   brain-glossary search neuroplastisity --json   finds the term (typo corrected)
#   brain-glossary --exit-after-first-paint        offscreen, and on Xvfb with the xcb platform plugin
# and checks that the bundled index was used as it is (nothing was rebuilt into the user cache).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '%s\n' "$*" >&2; }
fail() { say "build-bundle: FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

BUILD_DEBS="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libfontconfig1 fonts-dejavu-core \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
libxkbcommon-x11-0 binutils xvfb xauth"

build_host_libs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=() sudo=""
  for p in $BUILD_DEBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "The build host needs: ${missing[*]}"
      say "Install them with: sudo apt-get install -y ${missing[*]}"
      for p in libxcb-icccm4 libxcb-keysyms1 binutils; do
        [[ " ${missing[*]} " == *" $p "* ]] && fail "$p is missing: the bundle would lack libraries or not build"
      done
      return 0
    fi
  fi
  say "Installing build-host packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

t0=$(now)
if [ -z "${SKIP_BUILD:-}" ]; then
  build_host_libs
  bash scripts/dev.sh setup   # requirements/lock.txt (hashed) has PyInstaller and the build tools too
  tb=$(now)
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
  BUILD_S=$(secs "$tb" "$(now)")
  say "build-bundle: pyinstaller took ${BUILD_S} s"
fi
[ -x dist/brain-glossary/brain-glossary ] || fail "dist/brain-glossary/brain-glossary was not built"

# ------------------------------------------------------------------ licences and the glibc floor
# Every bundled library's notice into dist/brain-glossary/licenses (and LICENSE, LICENSE-CONTENT beside the
# executable); fails when a bundled ELF file has no notice.
if [ -z "${SKIP_BUILD:-}" ]; then
  .venv/bin/python scripts/collect-notices.py dist/brain-glossary || fail "third-party notices are incomplete"
else
  .venv/bin/python scripts/collect-notices.py --check dist/brain-glossary || fail "third-party notices are incomplete"
fi
GLIBC_FLOOR=2.36   # documented in docs/packaging.md and the README; raise it only with them
python3 scripts/glibc-floor.py dist/brain-glossary --max "$GLIBC_FLOOR" || fail "the bundle needs a newer glibc than $GLIBC_FLOOR"

# ------------------------------------------------------------------ a read-only install, run as a normal user
WORK=$(mktemp -d /tmp/bbg-bundle-XXXXXX)
cleanup() { chmod -R u+w "$WORK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
chmod 755 "$WORK"
cp -a dist/brain-glossary "$WORK/app"
chmod -R a-w "$WORK/app"
mkdir -p "$WORK/home" "$WORK/out"
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R 65534:65534 "$WORK/home" "$WORK/out"
  RUN=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi
APP="$WORK/app/brain-glossary"
user_env=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
          XDG_CONFIG_HOME="$WORK/home/config" BRAIN_GLOSSARY_DATA_DIR="$WORK/home/data"
          BRAIN_GLOSSARY_CACHE_DIR="$WORK/home/cache")
frozen() { "${RUN[@]}" "${user_env[@]}" "$@"; }

[ -f "$WORK/app/licenses/Qt/QT-SOURCE.txt" ] && [ -f "$WORK/app/LICENSE" ] && [ -f "$WORK/app/LICENSE-CONTENT" ] \
  || fail "the bundle lacks its licences"
say "build-bundle: smoke test of the read-only bundle as $( [ ${#RUN[@]} -gt 0 ] && echo nobody || id -un )"
out=$(frozen "$APP" --version) || fail "--version exited $?"
printf '%s\n' "$out"
grep -q "brain-glossary 0\.[0-9]" <<<"$out" || fail "--version does not show the app version"
grep -Eq "content [0-9]{4}-[0-9]{2}-[0-9]{2}" <<<"$out" || fail "--version does not show the content version"
grep -q "MIT" <<<"$out" && grep -q "CC BY 4.0" <<<"$out" || fail "--version does not show the licences"

frozen "$APP" check --quiet || fail "check exited $? (textstat/pkg_resources frozen?)"
frozen "$APP" print neuroplasticity -o "$WORK/out/x.pdf" || fail "print exited $?"
size=$(stat -c %s "$WORK/out/x.pdf" 2>/dev/null || echo 0)
[ "$size" -gt 10240 ] || fail "the PDF is missing or only $size bytes"
[ "$(head -c 5 "$WORK/out/x.pdf")" = "%PDF-" ] || fail "x.pdf is not a PDF"
say "build-bundle: print wrote a PDF of $size bytes"

hits=$(frozen "$APP" search neuroplastisity --json) || fail "search exited $?"
grep -q '"slug": "neuroplasticity"' <<<"$hits" || fail "search did not find neuroplasticity: $hits"

frozen "$APP" --exit-after-first-paint || fail "--exit-after-first-paint (offscreen) exited $?"
if command -v xvfb-run >/dev/null 2>&1; then
  "${RUN[@]}" env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
    XDG_CONFIG_HOME="$WORK/home/config" BRAIN_GLOSSARY_DATA_DIR="$WORK/home/data" \
    BRAIN_GLOSSARY_CACHE_DIR="$WORK/home/cache" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$APP" --exit-after-first-paint \
    || fail "--exit-after-first-paint on Xvfb (xcb platform plugin) exited $?"
else
  say "build-bundle: xvfb-run not found: the xcb platform plugin was not tried"
fi
[ ! -e "$WORK/home/cache/index/manifest.json" ] || fail "the bundle rebuilt its index into the user cache: \
the bundled index is stale or unreadable"
# The fallback when the bundled index cannot be used: a fresh build with the frozen app's own Whoosh (the
# bundle leaves out multiprocessing, which Whoosh needs only for multi-process writers).
frozen BRAIN_GLOSSARY_INDEX_DIR="$WORK/home/rebuilt" "$APP" index build || fail "index build exited $?"
hits=$(frozen BRAIN_GLOSSARY_INDEX_DIR="$WORK/home/rebuilt" "$APP" search "panic attack" --json) \
  || fail "search in the rebuilt index exited $?"
grep -q '"slug": "panic-attack"' <<<"$hits" || fail "the rebuilt index did not find panic-attack: $hits"
say "build-bundle: smoke test passed (version, print, search, first paint offscreen and on X11; bundled index used;"
say "              an index rebuilt by the bundle works)"

# ------------------------------------------------------------------ the release archive (.tar.xz + SHA-256)
# No AppImage: every AppImage tool on PyPI (appimage, pyproject-appimage, python-appimage) downloads
# appimagetool or the AppImage runtime from GitHub while it builds, and Debian 12 packages neither
# (docs/packaging.md). So: a versioned archive of the bundle with an install script, checked like the bundle.
VERSION=$(.venv/bin/python -c "import desktop_app; print(desktop_app.__version__)")
NAME=brain-glossary-$VERSION-linux-$(uname -m)
ta=$(now)
rm -rf "build/$NAME" "dist/$NAME.tar.xz" "dist/$NAME.tar.xz.sha256"
mkdir -p "build/$NAME/packaging/linux" "build/$NAME/resources/icons"
cp -a dist/brain-glossary "build/$NAME/app"
sed "s/GLIBC_FLOOR_VALUE/$GLIBC_FLOOR/g" packaging/linux/install-bundle.sh >"build/$NAME/install.sh"
chmod 755 "build/$NAME/install.sh"
cp packaging/linux/install-desktop.sh packaging/linux/org.brainbodyglossary.BrainBodyGlossary.* "build/$NAME/packaging/linux/"
cp resources/icons/brain-glossary.svg resources/icons/brain-glossary-*.png "build/$NAME/resources/icons/"
cp LICENSE LICENSE-CONTENT "build/$NAME/"
tar -C build --owner=0 --group=0 --numeric-owner --sort=name -cf - "$NAME" | xz -T0 "-${XZ_LEVEL:-1}" >"dist/$NAME.tar.xz"  # -1: 16 s of CPU, 36 MB; XZ_LEVEL=9 for a release (31 MB at -6, 5x the time)
(cd dist && sha256sum "$NAME.tar.xz" >"$NAME.tar.xz.sha256")
say "build-bundle: dist/$NAME.tar.xz ($(du -h "dist/$NAME.tar.xz" | cut -f1)) and .sha256 in $(secs "$ta" "$(now)") s"

# Smoke test of the archive as a user would: verify, unpack, install into a PREFIX, run, uninstall.
(cd dist && sha256sum -c --quiet "$NAME.tar.xz.sha256") || fail "the archive does not match its SHA-256"
mkdir -p "$WORK/unpack" "$WORK/prefix"
tar -C "$WORK/unpack" -xJf "dist/$NAME.tar.xz"
[ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$WORK/unpack" "$WORK/prefix"
"${RUN[@]}" env -i PATH=/usr/bin:/bin HOME="$WORK/home" PREFIX="$WORK/prefix" \
  bash "$WORK/unpack/$NAME/install.sh" || fail "install.sh from the archive failed"
INSTALLED="$WORK/prefix/bin/brain-glossary"
[ -x "$INSTALLED" ] && [ -f "$WORK/prefix/share/applications/org.brainbodyglossary.BrainBodyGlossary.desktop" ] \
  && [ -f "$WORK/prefix/lib/brain-glossary/licenses/MANIFEST.tsv" ] || fail "install.sh did not install the launcher, menu entry and licences"
frozen "$INSTALLED" --version | grep -q "brain-glossary $VERSION" || fail "the installed archive's --version failed"
hits=$(frozen "$INSTALLED" search "panic attack" --json) || fail "the installed archive's search exited $?"
grep -q '"slug": "panic-attack"' <<<"$hits" || fail "the installed archive did not find panic-attack: $hits"
frozen "$INSTALLED" --exit-after-first-paint || fail "the installed archive's first paint failed"
"${RUN[@]}" env -i PATH=/usr/bin:/bin HOME="$WORK/home" PREFIX="$WORK/prefix" \
  bash "$WORK/unpack/$NAME/install.sh" --uninstall || fail "install.sh --uninstall failed"
[ ! -e "$WORK/prefix/lib/brain-glossary" ] && [ ! -e "$INSTALLED" ] || fail "--uninstall left the program behind"
say "build-bundle: the archive verified, installed into a PREFIX as $( [ ${#RUN[@]} -gt 0 ] && echo nobody || id -un ), ran (version, search, first paint) and uninstalled"

# ------------------------------------------------------------------ size and start-up time
BYTES=$(du -sb dist/brain-glossary | cut -f1)
SIZE=$(du -sh dist/brain-glossary | cut -f1)
say "build-bundle: bundle size $SIZE ($BYTES bytes; $(python3 -c "print(f'{$BYTES / 2**20:.1f}')" ) MiB)"
RUNS=${BENCH_RUNS:-11}
# bench_startup.py's --app takes no argument starting with "-": a one-line sh wrapper (exec, ~1 ms) passes it.
printf '#!/bin/sh\nexec "%s" --exit-after-first-paint\n' "$APP" >"$WORK/frozen-first-paint"
chmod 755 "$WORK/frozen-first-paint"
say "build-bundle: start-up, frozen (read-only copy):"
.venv/bin/python benchmarks/bench_startup.py --runs "$RUNS" --app "$WORK/frozen-first-paint"
say "build-bundle: start-up, python -m desktop_app:"
.venv/bin/python benchmarks/bench_startup.py --runs "$RUNS"
say "build-bundle: done in $(secs "$t0" "$(now)") s${BUILD_S:+ (pyinstaller ${BUILD_S} s)}"
