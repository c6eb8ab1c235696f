#!/bin/sh
# Gives live capture rights to an Ackline that has no package to set them up: a source
# checkout (run by hand, as root), or an AppImage (run through pkexec by "Set up capture
# rights", from a staged copy of the app's files). It installs, root-owned, in PREFIX
# (default /usr/local/lib/ackline):
#   capture-process.mjs, ackline_pcap.node (+ node_modules/cap when built)  the capture process
#   ackline-capture-launcher   compiled here with the runtime and script paths built in,
#                              mode 0750 root:GROUP, cap_net_raw,cap_net_admin=ep
# and creates GROUP (default ackline); --user adds that account to it. The launcher runs only
# that script with that runtime, and only while they and every folder above them are
# root-owned and not writable by group or others (native/src/launcher.c): so the runtime is
# a Node whose whole path root owns (a distribution's /usr/bin/node, not one under a home
# folder such as nvm's), and the capture files are copied, never linked to the checkout.
#
# usage: sudo build/scripts/install-capture-rights.sh [--user USER] [--prefix DIR] [--node PATH]
#            [--group NAME] [--from DIR]
#        sudo build/scripts/install-capture-rights.sh --uninstall [--prefix DIR]
set -eu

me=install-capture-rights
die() {
  echo "$me: $*" >&2
  exit 1
}

prefix=/usr/local/lib/ackline
group=ackline
node=
user=
uninstall=
from=$(cd "$(dirname "$0")/../.." && pwd -P)
while [ $# -gt 0 ]; do
  case "$1" in
    --user | --prefix | --node | --group | --from)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in
        --user) user=$2 ;;
        --prefix) prefix=$2 ;;
        --node) node=$2 ;;
        --group) group=$2 ;;
        --from) from=$2 ;;
      esac
      shift 2
      ;;
    --uninstall) uninstall=1; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "must run as root: sudo $0 $*"

# The paths become C string literals in the launcher: plain characters only.
plain() {
  printf '%s\n' "$1" | grep -Eqx '(/[A-Za-z0-9._+-]+)+'
}
plain "$prefix" || die "--prefix must be a plain absolute path (letters, digits, . _ + -): $prefix"
printf '%s\n' "$group" | grep -Eqx '[a-z_][a-z0-9_-]{0,31}' || die "--group: not a group name: $group"

# Succeeds when $1 and every folder above it are root-owned, not writable by group or others,
# and none is a symbolic link: the launcher's own rule. Prints the first step that fails.
root_chain() {
  p=$1
  while :; do
    if [ -L "$p" ]; then echo "$p is a symbolic link"; return 1; fi
    [ -e "$p" ] || { echo "$p does not exist"; return 1; }
    owner=$(stat -c %u "$p")
    mode=$(stat -c %a "$p")
    [ "$owner" = 0 ] || { echo "$p is not owned by root"; return 1; }
    [ $((0$mode & 022)) -eq 0 ] || { echo "$p is writable by group or others"; return 1; }
    [ "$p" = / ] && return 0
    p=$(dirname "$p")
  done
}

if [ -n "$uninstall" ]; then
  rm -f "$prefix/ackline-capture-launcher" "$prefix/capture-process.mjs" "$prefix/ackline_pcap.node"
  rm -rf "$prefix/node_modules"
  rmdir "$prefix" 2>/dev/null || true
  echo "$me: removed Ackline's capture rights from $prefix (the group $group stays)"
  exit 0
fi

script_src=$from/out/capture/capture-process.mjs
addon_src=$from/native/build/Release/ackline_pcap.node
launcher_src=$from/native/src/launcher.c
cap_src=$from/node_modules/cap
for f in "$script_src" "$addon_src"; do
  [ -f "$f" ] || die "$f is missing: build Ackline first (npm run build; the native module needs libpcap-dev)"
done
[ -f "$launcher_src" ] || die "$launcher_src is missing"
command -v cc >/dev/null 2>&1 || die "no C compiler (cc) to build the launcher: install one (Debian/Ubuntu: apt install gcc; Fedora: dnf install gcc), or install Ackline's deb or rpm package"
command -v setcap >/dev/null 2>&1 || die "no setcap: install it (Debian/Ubuntu: apt install libcap2-bin; Fedora: dnf install libcap)"

# The runtime: a Node that root owns all the way up (sudo's PATH finds the distribution's).
if [ -z "$node" ]; then
  node=$(command -v node 2>/dev/null || true)
  [ -n "$node" ] || die "no Node.js found in root's PATH: install Node.js 20 or later from your distribution (apt install nodejs, dnf install nodejs), or pass --node PATH"
fi
node=$(realpath "$node") || die "--node: $node does not exist"
plain "$node" || die "the runtime's path must be plain (letters, digits, . _ + -): $node"
why=$(root_chain "$node") || die "cannot use $node as the capture runtime: $why. Install Node.js 20 or later from your distribution (it lives in /usr/bin), or pass --node with one that root owns all the way up."
"$node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null || die "$node is older than Node.js 20, which the capture process needs"

install -d -m 755 -o root -g root "$prefix"
why=$(root_chain "$prefix") || die "cannot install into $prefix: $why"

if ! getent group "$group" >/dev/null 2>&1; then
  groupadd --system "$group" 2>/dev/null || addgroup --system "$group"
fi

install -m 644 -o root -g root "$script_src" "$prefix/capture-process.mjs"
install -m 755 -o root -g root "$addon_src" "$prefix/ackline_pcap.node"
rm -rf "$prefix/node_modules"
if [ -f "$cap_src/build/Release/cap.node" ]; then
  install -d -m 755 -o root -g root "$prefix/node_modules" "$prefix/node_modules/cap" "$prefix/node_modules/cap/build" "$prefix/node_modules/cap/build/Release"
  install -m 644 -o root -g root "$cap_src/package.json" "$prefix/node_modules/cap/package.json"
  cp -R "$cap_src/lib" "$prefix/node_modules/cap/lib"
  install -m 755 -o root -g root "$cap_src/build/Release/cap.node" "$prefix/node_modules/cap/build/Release/cap.node"
  chown -R root:root "$prefix/node_modules"
  chmod -R u=rwX,go=rX "$prefix/node_modules"
fi

# Built in a folder only root can enter, then installed; setcap comes last (chown clears it).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -std=c11 -O2 -Wall -Wextra \
  "-DACKLINE_RUNTIME=\"$node\"" "-DACKLINE_SCRIPT=\"$prefix/capture-process.mjs\"" "-DACKLINE_GROUP=\"$group\"" \
  -o "$work/ackline-capture-launcher" "$launcher_src"
install -m 750 -o root -g "$group" "$work/ackline-capture-launcher" "$prefix/ackline-capture-launcher"
setcap cap_net_raw,cap_net_admin=ep "$prefix/ackline-capture-launcher"

if [ -n "$user" ]; then
  usermod -aG "$group" "$user"
fi

echo "$me: $prefix/ackline-capture-launcher may capture for root and members of $group;"
echo "$me: it starts $node $prefix/capture-process.mjs and nothing else."
if [ -n "$user" ]; then
  echo "$me: $user is in $group now: log out and in again once for it to take effect."
else
  echo "$me: add each user who may capture: sudo usermod -aG $group USER (then log out and in)."
fi
