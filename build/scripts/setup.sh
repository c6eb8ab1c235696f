#!/usr/bin/env bash
# Sets up a fresh Debian machine for Ackline: system packages (libpcap for the native
# capture binding, setcap for the capture launcher's tests and install script, tcpdump/tshark
# as test oracles, Chromium for UI tests), then npm ci.
# Safe to run again; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
for pkg in libpcap-dev libcap2-bin tcpdump tshark chromium iproute2 python3 make g++; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The Electron binary cannot be downloaded on every machine; the app also runs without it (ackline serve).
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
npm ci --no-audit --no-fund
# The desktop app needs Electron's binary, which npm downloads from the internet. Where that
# is not reachable (or in CI), Ackline still runs: `npm start` serves the UI to a browser.
if [ -z "${CI:-}" ] && [ ! -f node_modules/electron/path.txt ]; then
  if ! ELECTRON_SKIP_BINARY_DOWNLOAD= timeout 180 node node_modules/electron/install.js >/dev/null 2>&1; then
    echo "setup: the Electron binary could not be downloaded; 'npm start' will serve Ackline to a browser instead."
  fi
fi
