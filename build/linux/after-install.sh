#!/bin/bash

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# ---------------------------------------------------------------------------------------
# Ackline (above: electron-builder's default after-install.tpl, kept so the /usr/bin link,
# the desktop database and the sandbox set-up stay as they are).
#
# Capture rights, Wireshark's dumpcap model on Debian: only our small native launcher gets
# the capabilities, and only root and the `ackline` group may run it. The Electron binary
# never gets file capabilities (that breaks its library loading, electron/electron#4583).
# The launcher starts exactly one thing, built in when it was compiled (native/binding.gyp):
# /opt/Ackline/ackline running .../out/capture/capture-process.mjs, and only while they and
# every folder above them are root-owned and not writable by group or others. The capture
# process then loads the addon and cap from this same tree, so those are made safe too.
ACKLINE_DIR='/opt/${sanitizedProductName}'
ACKLINE_UNPACKED="$ACKLINE_DIR/resources/app.asar.unpacked"
ACKLINE_LAUNCHER="$ACKLINE_UNPACKED/native/build/Release/ackline-capture-launcher"

if ! getent group ackline >/dev/null 2>&1; then
  groupadd --system ackline 2>/dev/null || addgroup --system ackline 2>/dev/null || true
fi

if [ -f "$ACKLINE_LAUNCHER" ]; then
  # The folders on the way (not recursively: chown would clear chrome-sandbox's set-user-ID bit).
  for ackline_path in "$ACKLINE_DIR" "$ACKLINE_DIR/${executable}" "$ACKLINE_DIR/resources" "$ACKLINE_UNPACKED" \
    "$ACKLINE_UNPACKED/out" "$ACKLINE_UNPACKED/native" "$ACKLINE_UNPACKED/native/build" "$ACKLINE_UNPACKED/node_modules"; do
    if [ -e "$ackline_path" ]; then
      chown root:root "$ackline_path"
      chmod go-w "$ackline_path"
    fi
  done
  # What the capture process runs and loads, whole.
  for ackline_path in "$ACKLINE_UNPACKED/out/capture" "$ACKLINE_UNPACKED/native/build/Release" "$ACKLINE_UNPACKED/node_modules/cap"; do
    if [ -d "$ackline_path" ]; then
      chown -R root:root "$ackline_path"
      chmod -R go-w "$ackline_path"
    fi
  done
  if [ "$(stat -c %u /opt)" != 0 ] || [ $(( 0$(stat -c %a /opt) & 022 )) -ne 0 ]; then
    echo "Ackline: /opt is not root-owned or is writable by others: the capture launcher will refuse to start anything until it is fixed." >&2
  fi
  # The launcher last: chown clears file capabilities, so setcap comes after it.
  chown root:ackline "$ACKLINE_LAUNCHER"
  chmod 0750 "$ACKLINE_LAUNCHER"
  if command -v setcap >/dev/null 2>&1 && setcap cap_net_raw,cap_net_admin=ep "$ACKLINE_LAUNCHER"; then
    echo "Ackline: to capture, add yourself to the ackline group: sudo usermod -aG ackline \"\$USER\" (then log out and in)."
  else
    echo "Ackline: could not set the capture capabilities on $ACKLINE_LAUNCHER (install setcap: libcap2-bin or libcap). Opening files works without them." >&2
  fi
fi
