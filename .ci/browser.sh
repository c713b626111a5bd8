#!/usr/bin/env bash
# Headless Chromium (Debian's package) for the HTML report's browser test, __tests__/html-browser.test.ts.
# Installs it when missing (as root, or with sudo). It never stops CI itself: if Chromium cannot be
# installed, the test fails under CI=true with a message saying so.
set -uo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  echo "browser.sh: $("$CHROMIUM" --version 2>/dev/null | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else echo "browser.sh: not root and no sudo: cannot install chromium" >&2; exit 0; fi
fi
started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/tmp/memoscope-chromium-install.log 2>&1; then
  echo "browser.sh: installed $("$CHROMIUM" --version 2>/dev/null | head -1) in $(( $(date +%s) - started ))s"
else
  echo "browser.sh: apt-get install chromium failed (log: /tmp/memoscope-chromium-install.log); the browser test will fail" >&2
  tail -20 /tmp/memoscope-chromium-install.log >&2 || true
fi
exit 0
