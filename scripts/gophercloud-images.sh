#!/usr/bin/env bash
# gophercloud's image acceptance tests (imageservice/v2: images, image data, import, tasks, and
# compute's images tests through the compute image proxy), as a user would run them, from
# Debian's golang-github-gophercloud-gophercloud-dev (GOPATH mode, offline: GO111MODULE=off),
# against a novamock started here on PORT (default 21620).
#
#   bash scripts/gophercloud-images.sh [go test -run REGEX]
#
# Needs: golang-go and golang-github-gophercloud-gophercloud-dev (apt). Prints go test's verdicts
# and a PASS/FAIL/SKIP count per package.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-21620}"
GOPATH_DEB=/usr/share/gocode
PKG=github.com/gophercloud/gophercloud
[ -d "$GOPATH_DEB/src/$PKG/acceptance" ] || { echo "install golang-github-gophercloud-gophercloud-dev" >&2; exit 2; }
command -v go >/dev/null || { echo "install golang-go" >&2; exit 2; }

LOG="${TMPDIR:-/tmp}/novamock-gophercloud-images-$PORT.log"
PORT="$PORT" LOG_LEVEL=warn node "$ROOT/scripts/start.mjs" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/placement/" >/dev/null && break; sleep 0.2; done

export GO111MODULE=off GOPATH="$GOPATH_DEB" GOFLAGS= GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/novamock-gocache}"
export OS_AUTH_URL="http://127.0.0.1:$PORT/identity/v3" OS_USERNAME=admin OS_PASSWORD=secret
export OS_PROJECT_NAME=admin OS_TENANT_NAME=admin OS_DOMAIN_ID=default OS_REGION_NAME=RegionOne
export OS_IMAGE_ID=155d900f-4e14-4e4c-a73d-069cbf4541e6 OS_FLAVOR_ID=1 OS_FLAVOR_ID_RESIZE=2 OS_NETWORK_NAME=private
export OS_POOL_NAME=public OS_EXTGW_ID=00000000-0000-4000-8000-00000000e6e1

RUN=()
[ $# -gt 0 ] && RUN=(-run "$1")
status=0
for pkg in acceptance/openstack/imageservice/v2 acceptance/openstack/compute/v2; do
  if [ "$pkg" = acceptance/openstack/compute/v2 ] && [ ${#RUN[@]} -eq 0 ]; then
    args=(-run 'TestImages')
  else
    args=("${RUN[@]}")
  fi
  out=$(cd "$GOPATH_DEB/src/$PKG" && go test -count=1 -timeout 600s -tags "acceptance imageservice compute" -v "${args[@]}" "./$pkg/" 2>&1)
  echo "$out" | grep -E '^(--- (PASS|FAIL|SKIP)|\s+[a-z_]+\.go:[0-9]+:)' | head -200
  pass=$(echo "$out" | grep -c -- '^--- PASS'); fail=$(echo "$out" | grep -c -- '^--- FAIL'); skip=$(echo "$out" | grep -c -- '^--- SKIP')
  echo "== $pkg: $pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ] || status=1
done
exit $status
