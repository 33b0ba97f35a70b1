#!/bin/sh
# Install Debian's chromium for the web explorer's real-browser tests (tests/web).
# Idempotent: does nothing when /usr/bin/chromium exists.  Quiet on success;
# on failure prints the apt error and exits non-zero: `make test` then fails (the real-browser
# tests are required there; run pytest directly to let them skip loudly instead).
set -u
CHROMIUM=${ALLOYPORE_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install_browser.sh: $CHROMIUM is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: $CHROMIUM is missing and apt-get is not available on this system" >&2
    exit 1
fi

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update >"$LOG" 2>&1; then
    echo "install_browser.sh: apt-get update failed:" >&2
    tail -n 5 "$LOG" >&2
    exit 1
fi
if ! $SUDO apt-get install -y --no-install-recommends chromium >"$LOG" 2>&1; then
    echo "install_browser.sh: apt-get install chromium failed:" >&2
    tail -n 5 "$LOG" >&2
    exit 1
fi
[ -x "$CHROMIUM" ] || { echo "install_browser.sh: chromium installed but $CHROMIUM not found" >&2; exit 1; }
exit 0
