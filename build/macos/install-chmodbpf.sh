#!/bin/sh
# Installs the ChmodBPF helper (run once, as root, e.g. through the app's "Install capture
# helper" prompt with administrator rights): creates the access_bpf group, adds the user
# given as $1 to it, installs the launchd daemon and runs it now.
set -eu
USER_NAME="${1:?usage: install-chmodbpf.sh USER}"
HERE="$(cd "$(dirname "$0")" && pwd)"
DEST="/Library/Application Support/Ackline/ChmodBPF"
if ! dseditgroup -o read access_bpf >/dev/null 2>&1; then
  dseditgroup -o create -r "Ackline BPF access" access_bpf
fi
dseditgroup -o edit -a "$USER_NAME" -t user access_bpf
mkdir -p "$DEST"
install -m 0755 -o root -g wheel "$HERE/ChmodBPF" "$DEST/ChmodBPF"
install -m 0644 -o root -g wheel "$HERE/org.ackline.ChmodBPF.plist" /Library/LaunchDaemons/org.ackline.ChmodBPF.plist
launchctl bootout system/org.ackline.ChmodBPF >/dev/null 2>&1 || true
launchctl bootstrap system /Library/LaunchDaemons/org.ackline.ChmodBPF.plist
echo "Capture access is set up for $USER_NAME (log out and in for the group to apply)."
