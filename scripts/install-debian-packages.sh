#!/usr/bin/env bash
# The Debian packages the CI stages use beside Node: the gabbi kit and the real Placement
# (conformance oracle), the real Nova (parity), real OpenStack clients (e2e) and tempest. Installs
# only what is missing, so a prepared machine pays nothing.
set -euo pipefail
PKGS=(
  curl python3-gabbi python3-yaml                                   # conformance kit
  python3-placement uwsgi-core uwsgi-plugin-python3                 # the real Placement 8.0.0
  python3-openstackclient python3-osc-placement python3-openstacksdk python3-novaclient  # real clients
  python3-nova python3-fixtures python3-oslotest python3-testtools python3-stestr        # the real Nova (nova-live)
  python3-wsgi-intercept python3-testscenarios python3-testresources python3-ddt
  python3-requests-mock python3-oslo.versionedobjects
  tempest                                                           # outside suites: scripts/tempest.sh (7 packages, ~6 MB)
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "debian packages: all present"; exit 0; }
echo "debian packages: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=580 "${missing[@]}"
