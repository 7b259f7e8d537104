#!/usr/bin/env bash
# Runs gophercloud's own acceptance tests (Debian's golang-github-gophercloud-gophercloud-dev 0.12,
# GOPATH mode, offline: GO111MODULE=off) against novamock, as a user would run them against a
# cloud with only the seeded names (private, public, the first image), and prints
# "SUITE: N passed, M failed, S skipped" per suite, the failing tests, and a total.
#
#   bash scripts/gophercloud.sh [SUITE...]      # default: compute networking
#
# Suites: compute (compute/v2), networking (networking/v2), identity (identity/v3), images
# (imageservice/v2, and compute's TestImages* through the compute image proxy), volumes
# (blockstorage/v3, and compute's boot-from-volume and volume-attach tests).
#
# Env: PORT (default 21410) for the novamock started here (AUTH_MODE=keystone starts it in keystone
# mode), or URL=http://host:port to test one already running; RUN=REGEX (go test -run, replaces a
# suite's own compute filter); ADMIN_PASSWORD (default secret); GO_TEST_TIMEOUT (default 20m);
# KEEP_LOGS=1 keeps the go test output. Exit status 1 when a test failed.
# Needs: apt-get install golang-go golang-github-gophercloud-gophercloud-dev
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GOSRC=/usr/share/gocode
PKG=github.com/gophercloud/gophercloud
[ -d "$GOSRC/src/$PKG/acceptance" ] || { echo "missing $GOSRC/src/$PKG (apt-get install golang-github-gophercloud-gophercloud-dev)" >&2; exit 2; }
command -v go >/dev/null || { echo "missing go (apt-get install golang-go)" >&2; exit 2; }
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(compute networking)

. "$ROOT/scripts/suite-novamock.sh"
WORK="$(mktemp -d /tmp/novamock-gophercloud.XXXXXX)"
cleanup() {
  suite_stop
  [ -n "${KEEP_LOGS:-}" ] || rm -rf "$WORK"
}
# URL: a running novamock; else one started here on PORT (its log in $WORK)
[ -n "${URL:-}" ] || PORT="${PORT:-21410}"
SUITE_WORK="$WORK" suite_novamock "${URL:-}"; started=$?
trap cleanup EXIT
[ "$started" = 0 ] || exit 2
BASE="$SUITE_URL"

# ids by the seeded names, as a user would look them up, with an admin token from a password
# sign-in (the noauth token `admin` does not exist in AUTH_MODE=keystone)
TOKEN=$(curl -si -H 'Content-Type: application/json' "$BASE/identity/v3/auth/tokens" -d "{\"auth\": {\"identity\": {\"methods\": [\"password\"],
  \"password\": {\"user\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}, \"password\": \"${ADMIN_PASSWORD:-secret}\"}}},
  \"scope\": {\"project\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token" {print $2}')
[ -n "$TOKEN" ] || { echo "admin cannot sign in at $BASE/identity/v3" >&2; exit 2; }
q() { curl -sf -H "x-auth-token: $TOKEN" "$BASE$1" | python3 -c "import json,sys; print(json.load(sys.stdin)$2)"; }
export OS_AUTH_URL="$BASE/identity/v3" OS_USERNAME=admin OS_PASSWORD="${ADMIN_PASSWORD:-secret}" \
  OS_PROJECT_NAME=admin OS_TENANT_NAME=admin OS_DOMAIN_ID=default OS_USER_DOMAIN_NAME=Default \
  OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne OS_IDENTITY_API_VERSION=3
export OS_IMAGE_ID="$(q /image/v2/images "['images'][0]['id']")"
export OS_FLAVOR_ID=1 OS_FLAVOR_ID_RESIZE=2 OS_NETWORK_NAME=private OS_POOL_NAME=public
export OS_NETWORK_ID="$(q '/networking/v2.0/networks?name=private' "['networks'][0]['id']")"
export OS_SUBNET_ID="$(q '/networking/v2.0/subnets?name=private-subnet' "['subnets'][0]['id']")"
export OS_EXTGW_ID="$(q '/networking/v2.0/networks?name=public' "['networks'][0]['id']")"
export GO111MODULE=off GOPATH="$GOSRC" GOFLAGS= GOCACHE="${GOCACHE:-/tmp/novamock-gocache}"

# run SUITE PACKAGE_DIR TAGS [default -run filter]
total_pass=0; total_fail=0; total_skip=0
run() {
  local suite=$1 dir=$2 tags=$3 filter=${RUN:-${4:-}}
  local out="$WORK/$suite-${dir//\//_}.out" args=()
  [ -z "$filter" ] || args=(-run "$filter")
  (cd "$GOSRC/src/$PKG" && go test -count=1 -p 1 -timeout "${GO_TEST_TIMEOUT:-20m}" -v -tags "$tags" "${args[@]}" "./$dir/") >"$out" 2>&1
  # top-level tests only (subtests are indented)
  local pass fail skip
  pass=$(grep -c '^--- PASS' "$out"); fail=$(grep -c '^--- FAIL' "$out"); skip=$(grep -c '^--- SKIP' "$out")
  echo "$suite: $pass passed, $fail failed, $skip skipped ($dir${filter:+ -run $filter})"
  grep '^--- FAIL' "$out" | sed 's/^/    /'
  if grep -q '^FAIL.*\[build failed\]\|cannot find package' "$out"; then echo "    build failed:"; head -20 "$out" | sed 's/^/    /'; fi
  [ -z "${KEEP_LOGS:-}" ] || echo "    log: $out"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); total_skip=$((total_skip + skip))
}

for suite in "${SUITES[@]}"; do
  case "$suite" in
    compute) run compute acceptance/openstack/compute/v2 "acceptance compute" ;;
    networking) run networking acceptance/openstack/networking/v2 "acceptance networking" ;;
    identity) run identity acceptance/openstack/identity/v3 "acceptance" ;;
    images)
      run images acceptance/openstack/imageservice/v2 "acceptance imageservice compute"
      run images acceptance/openstack/compute/v2 "acceptance imageservice compute" 'TestImages' ;;
    volumes)
      run volumes acceptance/openstack/blockstorage/v3 "acceptance blockstorage compute"
      run volumes acceptance/openstack/compute/v2 "acceptance blockstorage compute" 'TestBootFrom|TestAttachNewVolume|TestAttachExistingVolume|TestVolumeAttach' ;;
    *) echo "unknown suite $suite (compute, networking, identity, images, volumes)" >&2; exit 2 ;;
  esac
done
echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
