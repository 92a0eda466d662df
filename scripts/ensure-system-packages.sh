#!/usr/bin/env bash
# Install Debian packages the portal's tools need (chromium for browser tests, gettext
# for translations, wrk for the benchmark) when they are missing. Uses sudo when not
# run as root.
set -euo pipefail
declare -A probe=([chromium]=/usr/bin/chromium [gettext]=/usr/bin/msgfmt [wrk]=/usr/bin/wrk)
missing=()
for pkg in "$@"; do
  [ -x "${probe[$pkg]:-/nonexistent}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
