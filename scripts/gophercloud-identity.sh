#!/usr/bin/env bash
# Runs gophercloud's identity v3 acceptance tests (Debian's golang-github-gophercloud-gophercloud-dev
# source, GOPATH mode, offline) against a started novamock; prints "N passed, M failed, S skipped".
#   npm start &        (or AUTH_MODE=keystone npm start &)
#   bash scripts/gophercloud-identity.sh [http://127.0.0.1:8080]
set -euo pipefail
URL="${1:-http://127.0.0.1:8080}"
SRC=/usr/share/gocode
[ -d "$SRC/src/github.com/gophercloud/gophercloud/acceptance/openstack/identity/v3" ] || { echo "gophercloud source missing (apt-get install golang-github-gophercloud-gophercloud-dev)" >&2; exit 2; }
OUT="${GOPHERCLOUD_LOG:-/tmp/novamock-gophercloud-identity.log}"
export GOPATH="$SRC" GO111MODULE=off GOFLAGS=-mod=mod GOCACHE="${GOCACHE:-/tmp/novamock-gocache}"
unset GOFLAGS
export OS_AUTH_URL="$URL/identity/v3" OS_USERNAME=admin OS_PASSWORD="${ADMIN_PASSWORD:-secret}" OS_PROJECT_NAME=admin \
  OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_DOMAIN_ID=default OS_REGION_NAME=RegionOne OS_IDENTITY_API_VERSION=3
set +e
go test -v -count=1 -tags "acceptance" -timeout 20m github.com/gophercloud/gophercloud/acceptance/openstack/identity/v3 > "$OUT" 2>&1
set -e
passed=$(grep -c '^--- PASS' "$OUT" || true)
failed=$(grep -c '^--- FAIL' "$OUT" || true)
skipped=$(grep -c '^--- SKIP' "$OUT" || true)
grep '^--- FAIL' "$OUT" || true
echo "gophercloud identity v3 acceptance against $URL: $passed passed, $failed failed, $skipped skipped (log $OUT)"
