#!/usr/bin/env bash
# Compute parity: run the same flows against the real Nova 26.2.2 (nova-live, from
# ../shared/reference/nova-live) and against novamock, compare every observation, print
# the differences and the time per flow on each side. Exits non-zero on any difference
# that is not in test/parity/known-differences.ts.
#
#   bash scripts/parity.sh [FLOW_REGEX]
#
# Env: SHARED (default <repo>/../shared), REAL_PORT (default 18774), MOCK_PORT (default
# 18600), NOVA_LIVE_WORK (real Nova state dir, default /tmp/nova-live-parity-$REAL_PORT),
# PARITY_RESULTS (default <repo>/.parity-results).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
NOVA_LIVE="$SHARED/reference/nova-live"
REAL_PORT="${REAL_PORT:-18774}"
MOCK_PORT="${MOCK_PORT:-18600}"
export NOVA_LIVE_WORK="${NOVA_LIVE_WORK:-/tmp/nova-live-parity-$REAL_PORT}"
export PARITY_RESULTS="${PARITY_RESULTS:-$ROOT/.parity-results}"
[ $# -gt 0 ] && export PARITY_FLOWS="$1"

[ -x "$NOVA_LIVE/run.sh" ] || { echo "parity: nova-live not found at $NOVA_LIVE (set SHARED=...)" >&2; exit 2; }

# The Debian packages the real Nova needs (the list of nova-live's run.sh), installed only
# when missing; run.sh itself also fetches api-paste.ini from the nova-common package.
if ! /usr/bin/python3 -c 'import nova.tests.functional.integrated_helpers, placement, wsgi_intercept, oslotest' 2>/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=580 \
    python3-nova python3-placement python3-fixtures python3-oslotest python3-testtools python3-stestr \
    python3-wsgi-intercept python3-testscenarios python3-testresources python3-ddt python3-requests-mock \
    python3-oslo.versionedobjects
fi

MOCK_PID=""
MOCK_LOG="$PARITY_RESULTS/novamock.log"
mkdir -p "$PARITY_RESULTS"
cleanup() {
  if [ -n "$MOCK_PID" ] && kill -0 "$MOCK_PID" 2>/dev/null; then
    kill -- "-$MOCK_PID" 2>/dev/null || kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  "$NOVA_LIVE/run.sh" stop "$REAL_PORT" >/dev/null 2>&1 || true
}
trap cleanup EXIT

t0=$(date +%s)
"$NOVA_LIVE/run.sh" start "$REAL_PORT"

cd "$ROOT"
# novamock in its own process group (npm -> node), so that cleanup stops all of it.
PORT="$MOCK_PORT" LOG_LEVEL=warn setsid npm start >"$MOCK_LOG" 2>&1 </dev/null &
MOCK_PID=$!
for _ in $(seq 1 300); do
  if node -e "fetch('http://127.0.0.1:$MOCK_PORT/_mock/status').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    break
  fi
  kill -0 "$MOCK_PID" 2>/dev/null || { echo "parity: novamock exited; log:" >&2; tail -30 "$MOCK_LOG" >&2; exit 1; }
  sleep 0.2
done
echo "novamock up: http://127.0.0.1:$MOCK_PORT (pid $MOCK_PID, log $MOCK_LOG)"

status=0
PARITY_REAL_URL="http://127.0.0.1:$REAL_PORT" PARITY_MOCK_URL="http://127.0.0.1:$MOCK_PORT" npm run parity || status=$?

echo
echo "== parity: time per flow (real Nova in seconds, novamock in milliseconds); differences =="
cat "$PARITY_RESULTS/report.md" 2>/dev/null || echo "(no report: the suite did not get to run)"
echo "parity: whole run $(( $(date +%s) - t0 )) s, exit $status"
exit "$status"
