#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (the tests drive /usr/bin/chromium
# with Playwright and never download a browser of their own). Needs root or password-less sudo.
# Outside CI a failed install only warns (the browser tests then skip, saying why); in CI it fails.
set -uo pipefail
BROWSER=${FRONTLINES_CHROMIUM:-/usr/bin/chromium}
if [ -x "$BROWSER" ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="unavailable"; fi
status=1
if [ "$SUDO" != "unavailable" ]; then
  echo "installing Debian's chromium for the browser tests…" >&2
  $SUDO apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core >/dev/null
  status=$?
fi
if [ -x "$BROWSER" ]; then exit 0; fi
echo "warning: could not install chromium (apt-get as root; status $status): the browser tests will be skipped." >&2
if [ -n "${CI:-}" ]; then exit 1; fi
exit 0
