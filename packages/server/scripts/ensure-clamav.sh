#!/usr/bin/env bash
# Makes ClamAV's daemon available for the scan test (packages/server/src/node/uploads/clamd-scanner.int.test.ts).
# The test starts its own clamd with a signature database it writes itself, so no signature download is needed.
# As root on Debian/Ubuntu this installs clamav-daemon; elsewhere it says in one line what to install and exits 0
# (the test is then skipped with a named reason).
set -euo pipefail

if command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y clamav clamav-daemon
  # Debian's package starts services that would wait for a signature download; the test needs neither.
  systemctl disable --now clamav-daemon clamav-freshclam >/dev/null 2>&1 || true
  exit 0
fi
echo "clamd is missing: install ClamAV's daemon (Debian/Ubuntu: apt-get install clamav clamav-daemon) or the scan test is skipped" >&2
