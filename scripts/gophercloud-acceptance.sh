#!/usr/bin/env bash
# Runs gophercloud's own acceptance tests (Debian's golang-github-gophercloud-gophercloud-dev,
# GOPATH mode, offline) against a freshly started novamock, as a user would with only the
# seeded names (private, public, router1), and prints pass/fail/skip counts per suite.
#
#   bash scripts/gophercloud-acceptance.sh            # compute and networking
#   SUITES="compute" bash scripts/gophercloud-acceptance.sh
#
# Needs: apt-get install golang-go golang-github-gophercloud-gophercloud-dev
# Env: PORT (default 21410), SUITES, GO_TEST_TIMEOUT (default 20m), KEEP_LOGS=1, ADMIN_PASSWORD (secret:
# the seeded admin's password is checked since the identity service landed).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-21410}"
SUITES="${SUITES:-compute networking}"
GOSRC=/usr/share/gocode
PKG=github.com/gophercloud/gophercloud
[ -d "$GOSRC/src/$PKG/acceptance" ] || { echo "missing $GOSRC/src/$PKG (apt-get install golang-github-gophercloud-gophercloud-dev)" >&2; exit 2; }
command -v go >/dev/null || { echo "missing go (apt-get install golang-go)" >&2; exit 2; }

WORK="$(mktemp -d /tmp/gophercloud-acceptance.XXXXXX)"
LOG="$WORK/novamock.log"
PORT="$PORT" HOST=127.0.0.1 LOG_LEVEL=warn node scripts/start.mjs >"$LOG" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; [ -n "${KEEP_LOGS:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/networking/" >/dev/null 2>&1 && break; sleep 0.3; done
curl -sf "$BASE/networking/" >/dev/null || { echo "novamock did not start:" >&2; cat "$LOG" >&2; exit 2; }

# ids by the seeded names, as a user would look them up
q() { curl -sf -H 'x-auth-token: admin' "$BASE$1" | python3 -c "import json,sys; print(json.load(sys.stdin)$2)"; }
export OS_AUTH_URL="$BASE/identity/v3" OS_USERNAME=admin OS_PASSWORD="${ADMIN_PASSWORD:-secret}" OS_PROJECT_NAME=admin OS_TENANT_NAME=admin \
  OS_DOMAIN_ID=default OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne
export OS_IMAGE_ID="$(q /image/v2/images "['images'][0]['id']")"
export OS_FLAVOR_ID=1 OS_FLAVOR_ID_RESIZE=2
export OS_NETWORK_NAME=private
export OS_NETWORK_ID="$(q '/networking/v2.0/networks?name=private' "['networks'][0]['id']")"
export OS_SUBNET_ID="$(q '/networking/v2.0/subnets?name=private-subnet' "['subnets'][0]['id']")"
export OS_EXTGW_ID="$(q '/networking/v2.0/networks?name=public' "['networks'][0]['id']")"
export OS_POOL_NAME=public
export GO111MODULE=off GOPATH="$GOSRC" GOCACHE="$WORK/gocache"

total_pass=0; total_fail=0; total_skip=0
for suite in $SUITES; do
  case "$suite" in
    compute) dir="acceptance/openstack/compute/v2"; tags="acceptance compute" ;;
    networking) dir="acceptance/openstack/networking/v2"; tags="acceptance networking" ;;
    *) echo "unknown suite $suite" >&2; exit 2 ;;
  esac
  out="$WORK/$suite.out"
  (cd "$GOSRC/src/$PKG" && go test -count=1 -p 1 -timeout "${GO_TEST_TIMEOUT:-20m}" -v -tags "$tags" "./$dir/") >"$out" 2>&1 || true
  # top-level tests only (subtests are indented)
  pass=$(grep -c '^--- PASS' "$out" || true); fail=$(grep -c '^--- FAIL' "$out" || true); skip=$(grep -c '^--- SKIP' "$out" || true)
  echo "$suite: $pass passed, $fail failed, $skip skipped ($dir)"
  grep '^--- FAIL' "$out" | sed 's/^/    /' || true
  if grep -q '^FAIL.*\[build failed\]\|cannot find package' "$out"; then echo "    build failed:"; head -20 "$out" | sed 's/^/    /'; fi
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); total_skip=$((total_skip + skip))
  [ -n "${KEEP_LOGS:-}" ] && echo "    log: $out"
done
echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
