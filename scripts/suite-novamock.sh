# Sourced by the outside-suite scripts (tempest.sh, openstacksdk-functional.sh,
# openstack-cli-checks.sh, gophercloud.sh, ansible-server.sh): which novamock the suite runs against.
#   URL given (the script's first argument): a novamock already running there.
#   PORT=N (and no URL): a fresh novamock started here on 127.0.0.1:N for this run, in the auth mode
#   AUTH_MODE says (permissive by default, AUTH_MODE=keystone for keystone mode), stopped at exit;
#   its log is $SUITE_WORK/novamock.log.
#   Neither: http://127.0.0.1:8080 (`npm start`'s default).
# Sets SUITE_URL, and SUITE_PID when it started one; an EXIT trap stops it (suite_stop: a script
# that sets its own EXIT trap afterwards calls suite_stop from it).
suite_novamock() {
  local url="${1:-}" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  SUITE_PID=""
  if [ -z "$url" ] && [ -n "${PORT:-}" ]; then
    SUITE_WORK="${SUITE_WORK:-$(mktemp -d /tmp/novamock-suite.XXXXXX)}"
    PORT="$PORT" HOST=127.0.0.1 LOG_LEVEL="${LOG_LEVEL:-warn}" AUTH_MODE="${AUTH_MODE:-permissive}" \
      node "$root/scripts/start.mjs" >"$SUITE_WORK/novamock.log" 2>&1 &
    SUITE_PID=$!
    trap suite_stop EXIT
    url="http://127.0.0.1:$PORT"
    echo "started novamock (AUTH_MODE=${AUTH_MODE:-permissive}) at $url, pid $SUITE_PID, log $SUITE_WORK/novamock.log" >&2
  fi
  SUITE_URL="${url:-http://127.0.0.1:8080}"
  SUITE_URL="${SUITE_URL%/}"
  for _ in $(seq 120); do curl -sf "$SUITE_URL/identity/v3" >/dev/null && return 0; sleep 0.5; done
  echo "no novamock at $SUITE_URL" >&2
  [ -z "$SUITE_PID" ] || tail -20 "$SUITE_WORK/novamock.log" >&2
  return 2
}

# stop the novamock suite_novamock started (none: nothing to do)
suite_stop() {
  [ -z "${SUITE_PID:-}" ] || { kill "$SUITE_PID" 2>/dev/null; wait "$SUITE_PID" 2>/dev/null; }
  return 0
}

# the auth mode the novamock at SUITE_URL runs in: keystone mode refuses the noauth token `admin`
suite_auth_mode() {
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'x-auth-token: admin' "$SUITE_URL/identity/v3/projects")" = 401 ]; then echo keystone; else echo permissive; fi
}
