#!/usr/bin/env bash
# Run the compute flows against the REAL openstack/placement 8.0.0 (the conformance oracle):
# start it on $PLACEMENT_PORT (default 18784) with a fresh database, run
# test/e2e/real-placement.test.ts with REAL_PLACEMENT_URL pointing at it, stop it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ORACLE="$(pwd)/../shared/conformance/placement"
export PLACEMENT_PORT="${PLACEMENT_PORT:-18784}"
export PLACEMENT_STATE_DIR="${PLACEMENT_STATE_DIR:-/tmp/placement-oracle-e2e-$PLACEMENT_PORT}"
if ! /usr/bin/python3 -c 'import placement' 2>/dev/null; then
  echo "e2e-real-placement: python3-placement is not installed; the test will skip itself" >&2
  exec npx vitest run test/e2e/real-placement.test.ts
fi
"$ORACLE/start-real-placement.sh" >/dev/null
trap '"$ORACLE/stop-real-placement.sh" >/dev/null 2>&1 || true' EXIT
REAL_PLACEMENT_URL="http://127.0.0.1:$PLACEMENT_PORT" npx vitest run test/e2e/real-placement.test.ts
