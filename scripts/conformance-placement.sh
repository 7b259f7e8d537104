#!/usr/bin/env bash
# Placement conformance: run Placement 8.0.0's own gabbi suite against novamock's standalone
# Placement listener and hold the pass count to the floor recorded in
# conformance/placement-floor.json (the floor only goes up).
#
#   npm run conformance:placement [-- FILE_REGEX] [--update-floor]
#
# Env: PORT (main port, default 18110), PLACEMENT_STANDALONE_PORT (default 18111),
#      OUT (results dir, default /tmp/novamock-placement-gabbi), SHARED (default ../shared).
# With FILE_REGEX only the matching gabbit files run and the floor is not checked.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
KIT="$SHARED/conformance/placement"
FLOOR_FILE="$ROOT/conformance/placement-floor.json"
PORT="${PORT:-18110}"
PLACEMENT_STANDALONE_PORT="${PLACEMENT_STANDALONE_PORT:-18111}"
OUT="${OUT:-/tmp/novamock-placement-gabbi}"
FILTER=""
UPDATE_FLOOR=0
for arg in "$@"; do
  case "$arg" in
    --update-floor) UPDATE_FLOOR=1 ;;
    *) FILTER="$arg" ;;
  esac
done

[ -x "$KIT/run-gabbits.sh" ] || { echo "conformance kit not found at $KIT (set SHARED=...)" >&2; exit 2; }

# Debian packages the kit needs (installed only when missing).
if ! /usr/bin/python3 -c 'import gabbi, yaml' 2>/dev/null || ! command -v gabbi-run >/dev/null || ! command -v curl >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=580 python3-gabbi python3-yaml curl
fi

LOG="$OUT/novamock.log"
mkdir -p "$OUT"
cd "$ROOT"
PORT="$PORT" HOST=127.0.0.1 PLACEMENT_STANDALONE_PORT="$PLACEMENT_STANDALONE_PORT" LOG_LEVEL=warn \
  setsid npm start >"$LOG" 2>&1 &
SERVER_PID=$!
cleanup() { kill -- -"$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PLACEMENT_STANDALONE_PORT/" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "novamock exited; log:" >&2; cat "$LOG" >&2; exit 2; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PLACEMENT_STANDALONE_PORT/" >/dev/null || { echo "novamock did not start; log:" >&2; cat "$LOG" >&2; exit 2; }

RESET_CMD="curl -sf -X POST -H 'x-auth-token: admin' -H 'content-type: application/json' -d \"{\\\"profile\\\": \\\"\$PLACEMENT_PROFILE\\\", \\\"hosts\\\": []}\" http://127.0.0.1:$PORT/_mock/reset >/dev/null"

set +e
if [ -n "$FILTER" ]; then
  "$KIT/run-gabbits.sh" "http://127.0.0.1:$PLACEMENT_STANDALONE_PORT" "$FILTER" --reset-cmd "$RESET_CMD" --out "$OUT"
else
  "$KIT/run-gabbits.sh" "http://127.0.0.1:$PLACEMENT_STANDALONE_PORT" --reset-cmd "$RESET_CMD" --out "$OUT"
fi
set -e

PASSED=$(/usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["total"]; print(t["passed"] + t.get("xfail", 0))' "$OUT/summary.json")
if [ -n "$FILTER" ]; then
  echo "subset run ($FILTER): $PASSED tests passed (floor not checked)"
  exit 0
fi
FLOOR=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["passed"])' "$FLOOR_FILE")
echo "placement conformance: $PASSED tests passed (floor $FLOOR)"
if [ "$UPDATE_FLOOR" = 1 ] && [ "$PASSED" -gt "$FLOOR" ]; then
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["passed"]=int(sys.argv[2]); json.dump(d, open(sys.argv[1], "w"), indent=2); open(sys.argv[1], "a").write("\n")' "$FLOOR_FILE" "$PASSED"
  echo "floor raised to $PASSED"
fi
if [ "$PASSED" -lt "$FLOOR" ]; then
  echo "FAIL: below the floor ($PASSED < $FLOOR)" >&2
  exit 1
fi
