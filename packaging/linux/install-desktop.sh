#!/usr/bin/env bash
# Add Brain & Body Glossary to the Linux desktop's application menu (no root needed).
#
#   bash packaging/linux/install-desktop.sh                 install for you, into ~/.local
#   bash packaging/linux/install-desktop.sh --uninstall     remove exactly what install added
#   PREFIX=/usr/local sudo -E bash packaging/linux/install-desktop.sh    for every user
#   bash packaging/linux/install-desktop.sh --exec /opt/brain-glossary/brain-glossary   launch a bundle instead
#
# It installs:
#   PREFIX/bin/brain-glossary                                         a launcher script (see below)
#   PREFIX/share/applications/org.brainbodyglossary.BrainBodyGlossary.desktop
#   PREFIX/share/metainfo/org.brainbodyglossary.BrainBodyGlossary.metainfo.xml
#   PREFIX/share/icons/hicolor/{16,32,48,64,128,256}x…/apps/org.brainbodyglossary.BrainBodyGlossary.png
#   PREFIX/share/icons/hicolor/scalable/apps/org.brainbodyglossary.BrainBodyGlossary.svg
# PREFIX defaults to ~/.local. The launcher runs the checkout's .venv/bin/brain-glossary (make it first with
# `bash scripts/dev.sh setup`), or the program given with --exec (a PyInstaller bundle, or a brain-glossary
# installed from the wheel). The .desktop file names the launcher by its absolute path, so the menu entry works
# even when PREFIX/bin is not on the desktop session's PATH.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_ID=org.brainbodyglossary.BrainBodyGlossary
PREFIX=${PREFIX:-$HOME/.local}
SHARE=$PREFIX/share
SIZES="16 32 48 64 128 256"

say() { printf '%s\n' "$*" >&2; }

installed_files() {
  echo "$PREFIX/bin/brain-glossary"
  echo "$SHARE/applications/$APP_ID.desktop"
  echo "$SHARE/metainfo/$APP_ID.metainfo.xml"
  for s in $SIZES; do echo "$SHARE/icons/hicolor/${s}x${s}/apps/$APP_ID.png"; done
  echo "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
  fi
}

TARGET=""
case "${1:-}" in
  --uninstall)
    launcher="$PREFIX/bin/brain-glossary"
    if [ -f "$launcher" ] && ! grep -q "Brain & Body Glossary launcher" "$launcher"; then
      say "Leaving $launcher alone: it is not the launcher this script wrote."
    fi
    while read -r f; do
      [ "$f" = "$launcher" ] && [ -f "$f" ] && ! grep -q "Brain & Body Glossary launcher" "$f" && continue
      if [ -e "$f" ]; then rm -f "$f" && say "removed $f"; fi
    done < <(installed_files)
    refresh_caches
    say "Uninstalled. Your bookmarks, notes and settings (~/.local/share/brain-body-glossary) and the search"
    say "index cache (~/.cache/brain-body-glossary) are kept; delete those folders to remove them too."
    exit 0 ;;
  --exec)
    TARGET=${2:?"--exec needs the path of a brain-glossary program"} ;;
  "") ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
  *) say "usage: bash packaging/linux/install-desktop.sh [--exec PROGRAM | --uninstall]"; exit 2 ;;
esac

TARGET=${TARGET:-$ROOT/.venv/bin/brain-glossary}
if [ -d "$(dirname "$TARGET")" ]; then TARGET=$(cd "$(dirname "$TARGET")" && pwd)/$(basename "$TARGET"); fi
if [ ! -x "$TARGET" ]; then
  say "Cannot find the program to launch: $TARGET"
  say "Set up the checkout first (bash scripts/dev.sh setup), or pass --exec /path/to/brain-glossary."
  exit 1
fi

mkdir -p "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
launcher="$PREFIX/bin/brain-glossary"
if [ "$TARGET" = "$launcher" ]; then say "--exec must not be the launcher itself ($launcher)"; exit 2; fi
if [ -e "$launcher" ] && ! grep -q "Brain & Body Glossary launcher" "$launcher" 2>/dev/null; then
  say "$launcher exists and is not our launcher (a pip install --user?); leaving it and pointing the menu at it."
  TARGET=$launcher
else
  cat >"$launcher" <<EOF
#!/bin/sh
# Brain & Body Glossary launcher, written by packaging/linux/install-desktop.sh.
exec "$TARGET" "\$@"
EOF
  chmod 755 "$launcher"
fi

sed -e "s|^Exec=.*|Exec=\"$launcher\"|" -e "s|^TryExec=.*|TryExec=$launcher|" \
  "$HERE/$APP_ID.desktop" >"$SHARE/applications/$APP_ID.desktop"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
for s in $SIZES; do
  mkdir -p "$SHARE/icons/hicolor/${s}x${s}/apps"
  install -m 644 "$ROOT/resources/icons/brain-glossary-$s.png" "$SHARE/icons/hicolor/${s}x${s}/apps/$APP_ID.png"
done
install -m 644 "$ROOT/resources/icons/brain-glossary.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh_caches

say "Installed Brain & Body Glossary in $PREFIX (launcher: $launcher -> $TARGET)."
say "It is in your application menu under Education. Remove it with:"
say "  ${PREFIX:+PREFIX=$PREFIX }bash packaging/linux/install-desktop.sh --uninstall"
