#!/usr/bin/env bash
# Validate the Linux desktop integration files: the .desktop entry (desktop-file-validate) and the AppStream
# metainfo (appstreamcli validate --no-net). Exits non-zero on any error; warnings fail too, infos do not.
#
#   bash scripts/validate-desktop.sh
#
# Installs desktop-file-utils and appstream (Debian/Ubuntu) when missing and run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_ID=org.brainbodyglossary.BrainBodyGlossary
DESKTOP=packaging/linux/$APP_ID.desktop
METAINFO=packaging/linux/$APP_ID.metainfo.xml

say() { printf '%s\n' "$*" >&2; }

need=()
command -v desktop-file-validate >/dev/null 2>&1 || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || need+=(appstream)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      say "validate-desktop: needs ${need[*]}: sudo apt-get install -y ${need[*]}"; exit 1
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || { say "validate-desktop: install ${need[*]} first"; exit 1; }
  say "validate-desktop: installing ${need[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

status=0
# desktop-file-validate exits 0 on warnings and hints; treat "error:" and "warning:" lines as failures.
out=$(desktop-file-validate "$DESKTOP" 2>&1) || status=1
[ -n "$out" ] && printf '%s\n' "$out"
grep -Eq ': (error|warning):' <<<"$out" && status=1
[ $status -eq 0 ] && say "validate-desktop: $DESKTOP is valid"

# appstreamcli exits non-zero on errors and warnings (not on infos or pedantic notes).
if appstreamcli validate --no-net --explain "$METAINFO"; then
  say "validate-desktop: $METAINFO is valid"
else
  status=1
fi

# The two files and the app must name the same application.
grep -q "^Icon=$APP_ID$" "$DESKTOP" || { say "validate-desktop: $DESKTOP: Icon is not $APP_ID"; status=1; }
grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$METAINFO" \
  || { say "validate-desktop: $METAINFO: the launchable is not $APP_ID.desktop"; status=1; }
[ $status -eq 0 ] && say "validate-desktop: ok" || say "validate-desktop: FAILED"
exit $status
