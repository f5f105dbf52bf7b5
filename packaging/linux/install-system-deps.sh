#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Qt needs, but only those missing, and only
# when we can (root, or passwordless sudo). Otherwise say what to install.
set -euo pipefail
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian-like system: skipping system packages"; exit 0; }
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "Qt needs these system packages; please install them:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
