#!/usr/bin/env bash
# Install Debian's PostgreSQL server for the store and workbench tests when it is missing (the tests
# start a throwaway cluster of their own in a temporary folder; see tests/pgserver.py). Needs root
# or password-less sudo. Outside CI a failed install only warns (the PostgreSQL tests then skip,
# saying why); in CI it fails.
set -uo pipefail
have_server() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if have_server; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="unavailable"; fi
status=1
if [ "$SUDO" != "unavailable" ]; then
  echo "installing Debian's postgresql for the database tests…" >&2
  $SUDO apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  status=$?
  # Debian's package starts a system cluster; the tests do not use it.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
if have_server; then exit 0; fi
echo "warning: could not install postgresql (apt-get as root; status $status): the PostgreSQL tests will be skipped." >&2
if [ -n "${CI:-}" ]; then exit 1; fi
exit 0
