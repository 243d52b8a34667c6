#!/usr/bin/env bash
# Install PostgreSQL for the ledger tests (test/ledger/, test/cli/ledger*), once.
# Debian's `postgresql` package; the tests start a throwaway server of their own (initdb into a
# temporary folder, a Unix socket there, stopped and deleted afterwards), so no system service
# is used. Set OB3KIT_PG_BIN to a folder holding initdb and pg_ctl to use another installation.
# Idempotent: does nothing when the server binaries are already there.
set -euo pipefail
find_bin() {
  if [ -n "${OB3KIT_PG_BIN:-}" ] && [ -x "$OB3KIT_PG_BIN/initdb" ]; then
    echo "$OB3KIT_PG_BIN"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}
if bin=$(find_bin); then
  echo "setup-postgres: PostgreSQL is already installed ($("$bin/postgres" --version 2>/dev/null || echo "$bin"))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-postgres: apt-get not found; install PostgreSQL yourself and set OB3KIT_PG_BIN to the folder holding initdb" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  elif [ -n "${CI:-}" ]; then
    echo "setup-postgres: not root and no sudo; cannot install PostgreSQL for the ledger tests" >&2
    exit 1
  else
    echo "setup-postgres: not root and no sudo; skipping the PostgreSQL install (the PostgreSQL ledger tests will be skipped)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# The package's own cluster and service are not needed: the tests run their own server.
$SUDO apt-get install -y --no-install-recommends postgresql
if ! bin=$(find_bin); then
  echo "setup-postgres: installed the postgresql package but found no initdb" >&2
  exit 1
fi
echo "setup-postgres: installed $("$bin/postgres" --version 2>/dev/null || echo "$bin")"
