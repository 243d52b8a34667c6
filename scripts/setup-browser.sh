#!/usr/bin/env bash
# Install headless Chromium for the browser tests (test/browser/), once.
# Debian's `chromium` package; the tests drive it with playwright-core at /usr/bin/chromium
# (override with OB3KIT_CHROMIUM). Idempotent: does nothing when the browser is already there.
set -euo pipefail
CHROMIUM="${OB3KIT_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  echo "setup-browser: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: apt-get not found; install Chromium yourself and set OB3KIT_CHROMIUM to its path" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  elif [ -n "${CI:-}" ]; then
    echo "setup-browser: not root and no sudo; cannot install Chromium for the browser tests" >&2
    exit 1
  else
    echo "setup-browser: not root and no sudo; skipping the Chromium install (the browser tests will be skipped)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
if [ ! -x "$CHROMIUM" ]; then
  echo "setup-browser: installed the chromium package but $CHROMIUM does not exist" >&2
  exit 1
fi
echo "setup-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
