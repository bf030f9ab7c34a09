#!/usr/bin/env bash
# Install (or remove) Brain & Body Glossary from the release archive brain-glossary-VERSION-linux-x86_64.tar.xz.
#
#   ./install.sh                         for you: ~/.local/lib/brain-glossary, launcher ~/.local/bin/brain-glossary,
#                                        and the application menu entry and icons
#   sudo PREFIX=/usr/local ./install.sh  for every user
#   ./install.sh --uninstall             removes exactly that (PREFIX as when installing); your bookmarks, notes
#                                        and settings are kept
#
# Check the download first:  sha256sum -c brain-glossary-VERSION-linux-x86_64.tar.xz.sha256
# Needs glibc GLIBC_FLOOR_VALUE or newer (Debian 12, Ubuntu 23.04, Fedora 37 and later), libGL/libEGL, libxcb and a
# font (a desktop system has them; on a minimal one: apt-get install libgl1 libegl1 libxcb1 fonts-dejavu-core).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DEST=$PREFIX/lib/brain-glossary
GLIBC_FLOOR=GLIBC_FLOOR_VALUE
say() { printf '%s\n' "$*" >&2; }

case "${1:-}" in
  --uninstall)
    PREFIX=$PREFIX bash "$HERE/packaging/linux/install-desktop.sh" --uninstall
    if [ -x "$DEST/brain-glossary" ] && [ -d "$DEST/_internal" ]; then rm -rf "$DEST" && say "removed $DEST"; fi
    exit 0 ;;
  "") ;;
  -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
  *) say "usage: ./install.sh [--uninstall]   (PREFIX=DIR to choose where; default ~/.local)"; exit 2 ;;
esac

have=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -z "$have" ]; then
  say "This system's C library is not glibc: the bundle needs glibc $GLIBC_FLOOR or newer. Use the wheel instead."
  exit 1
fi
if [ "$(printf '%s\n%s\n' "$GLIBC_FLOOR" "$have" | sort -V | head -1)" != "$GLIBC_FLOOR" ]; then
  say "This system has glibc $have; the bundle needs $GLIBC_FLOOR or newer (Debian 12, Ubuntu 23.04, Fedora 37)."
  say "On this system, install the wheel instead: pip install brain_body_glossary-*.whl"
  exit 1
fi

mkdir -p "$PREFIX/lib"
tmp=$(mktemp -d "$PREFIX/lib/.brain-glossary-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -a "$HERE/app/." "$tmp/"
chmod -R u+rwX,go+rX,go-w "$tmp"
chmod 755 "$tmp"
rm -rf "$DEST"
mv "$tmp" "$DEST"
trap - EXIT
say "Installed the program in $DEST"
PREFIX=$PREFIX bash "$HERE/packaging/linux/install-desktop.sh" --exec "$DEST/brain-glossary"
