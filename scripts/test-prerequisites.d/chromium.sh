# Sourced by ./test: the dashboard's browser tests (tests/SyncOps.Dashboard.Tests) drive Debian's Chromium through
# Playwright; Playwright's own browser download cannot work here. Installs the package when missing (needs root).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium.sh: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
    return 1
  fi
  echo "== installing chromium (Debian package) for the dashboard's browser tests"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || return 1
fi
