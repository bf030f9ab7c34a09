#!/usr/bin/env bash
# Run the tests that skip as root (they need file permissions to be enforced) as an unprivileged user.
#
#   bash scripts/test-unprivileged.sh            (after `bash scripts/dev.sh setup`)
#
# As root (CI runs as root) it copies the source and the set-up virtual environment's packages to a fresh
# folder owned by uid/gid 65534 (nobody) and runs pytest there with setpriv: root's own folders (the venv's
# interpreter may live under /root, mode 0700) are not needed. As a normal user it simply runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

TESTS=(
  tests/unit/userdata
  tests/unit/search/test_search_index.py
  tests/gui/test_printing.py
  tests/gui/test_plain_text_and_faults.py
)
export QT_QPA_PLATFORM=offscreen

if [ "$(id -u)" -ne 0 ]; then
  exec .venv/bin/python -m pytest -q -p no:cacheprovider -rs "${TESTS[@]}"
fi

NOBODY=65534
work=$(mktemp -d /tmp/brain-glossary-unprivileged.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/home"
tar --exclude=./.venv --exclude=./.git --exclude=./index --exclude=./dist --exclude=./build \
  --exclude='*/__pycache__' -cf - . | tar -xf - -C "$work/src"
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cp -a "$site" "$work/site-packages"
# The editable install points at the original checkout: the copy must import its own source.
rm -rf "$work/site-packages/desktop_app" "$work"/site-packages/__editable__* "$work"/site-packages/_editable_impl_*
want=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
python=""
for candidate in "$(readlink -f .venv/bin/python)" "/usr/bin/python$want" "/usr/local/bin/python$want"; do
  [ -x "$candidate" ] || continue
  # Through env, exactly as the tests run below (setpriv itself may exec a file that the user cannot reach).
  if (cd /tmp && setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups env -i "$candidate" -c \
      "import sys, json; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$want' else 1)") 2>/dev/null; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  echo "No Python $want that an unprivileged user can run (the venv's interpreter is under a private folder)." >&2
  echo "Install python$want (apt-get install python$want) to run the permission tests unprivileged." >&2
  exit 1
fi
chown -R $NOBODY:$NOBODY "$work"
cd "$work/src"
echo "Running the permission tests as uid $NOBODY with $python" >&2
setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups \
  env HOME="$work/home" XDG_RUNTIME_DIR= TMPDIR="$work" PYTHONPATH="$work/site-packages" PYTHONDONTWRITEBYTECODE=1 \
  "$python" -m pytest -q -p no:cacheprovider -rs "${TESTS[@]}"
