#!/usr/bin/env bash
# Compute parity: run the same flows against the real Nova 26.2.2 (nova-live, from
# ../shared/reference/nova-live) and against novamock, compare every observation, print
# the differences and the time per flow on each side. Exits non-zero on any difference
# that is not in test/parity/known-differences.ts.
#
#   bash scripts/parity.sh [FLOW_REGEX]
#
# Two novamock processes run: MOCK_PORT with the default progression (immediate: compared on
# everything but the states right after answers, which it finishes before the next request
# by design) and MOCK_PORT+1 with PROGRESSION=timed (also compared on those states).
#
# PARITY_TEST=<file filter> runs only the matching parity test files (scripts/differential.sh).
#
# Env: SHARED (default <repo>/../shared), REAL_PORT (default 18774), MOCK_PORT (default
# 18600; MOCK_PORT+1 is used too), NOVA_LIVE_WORK (real Nova state dir, default /tmp/nova-live-parity-$REAL_PORT),
# PARITY_RESULTS (default <repo>/.parity-results).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
NOVA_LIVE="$SHARED/reference/nova-live"
REAL_PORT="${REAL_PORT:-18774}"
MOCK_PORT="${MOCK_PORT:-18600}"
MOCK_TIMED_PORT=$((MOCK_PORT + 1))
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

MOCK_PIDS=()
mkdir -p "$PARITY_RESULTS"
cleanup() {
  for pid in "${MOCK_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  "$NOVA_LIVE/run.sh" stop "$REAL_PORT" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# start_mock PORT LOG [ENV=VALUE...]: npm start in its own process group (npm -> node), so
# that cleanup stops all of it; waits until /_mock/status answers.
start_mock() {
  local port="$1" log="$2"; shift 2
  env PORT="$port" LOG_LEVEL=warn "$@" setsid npm start >"$log" 2>&1 </dev/null &
  local pid=$!
  MOCK_PIDS+=("$pid")
  for _ in $(seq 1 300); do
    if node -e "fetch('http://127.0.0.1:$port/_mock/status').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
      echo "novamock up: http://127.0.0.1:$port $* (pid $pid, log $log)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "parity: novamock exited; log:" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "parity: novamock did not answer on port $port within 60 s" >&2
  exit 1
}

t0=$(date +%s)
"$NOVA_LIVE/run.sh" start "$REAL_PORT"

cd "$ROOT"
# One after the other: the first npm start may rebuild dist/, the second then reuses it.
start_mock "$MOCK_PORT" "$PARITY_RESULTS/novamock.log"
# 20 ms per workflow step: long enough for the look right after an answer to see the state
# the API wrote, short enough to keep the suite fast.
start_mock "$MOCK_TIMED_PORT" "$PARITY_RESULTS/novamock-timed.log" PROGRESSION=timed TIMED_SCALE=0.2

run_parity() {
  PARITY_REAL_URL="http://127.0.0.1:$REAL_PORT" PARITY_MOCK_URL="http://127.0.0.1:$MOCK_PORT" \
    PARITY_MOCK_TIMED_URL="http://127.0.0.1:$MOCK_TIMED_PORT" npm run parity -- ${PARITY_TEST:-}
}
status=0
rm -f "$PARITY_RESULTS/failed-flows.txt"
run_parity || status=$?

echo
echo "== parity: time per flow (real Nova in seconds, novamock in milliseconds) and differences =="
cat "$PARITY_RESULTS/report.md" 2>/dev/null || echo "(no report: the suite did not get to run)"

# The real Nova's timing varies from run to run (a busy or an idle machine): a flow that failed
# is run once more on its own, and the outcome of that run decides. Both are printed, so a flow
# that passes only on the second try is visible as such. More than 3 failures: no retry.
failed=$(paste -sd'|' "$PARITY_RESULTS/failed-flows.txt" 2>/dev/null || true)
if [ "$status" -ne 0 ] && [ -n "$failed" ]; then
  echo "parity: failing flows: ${failed//|/, }"
  if [ "$(wc -l < "$PARITY_RESULTS/failed-flows.txt")" -le 3 ]; then
    echo "== parity: retrying ${failed//|/, } once =="
    first="$PARITY_RESULTS/first-run"; rm -rf "$first"; mkdir -p "$first"
    cp "$PARITY_RESULTS/report.md" "$PARITY_RESULTS/latest.json" "$PARITY_RESULTS/failed-flows.txt" "$first/" 2>/dev/null || true
    status=0
    export PARITY_FLOWS="^($failed)\$"
    run_parity || status=$?
    cat "$PARITY_RESULTS/report.md" 2>/dev/null || true
    if [ "$status" -eq 0 ]; then
      echo "parity: passed on retry (flaky against the real Nova): ${failed//|/, }; first run kept in $first"
    else
      echo "parity: still failing on retry: $(paste -sd' ' "$PARITY_RESULTS/failed-flows.txt" 2>/dev/null)"
    fi
  fi
fi
echo "parity: whole run $(( $(date +%s) - t0 )) s, exit $status"
exit "$status"
