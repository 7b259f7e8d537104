# Shared by the openstack CLI scripts (openstack-cli-admin.sh, openstack-cli-storage.sh): starts or
# takes a novamock (suite-novamock.sh), writes the repository's clouds.yaml pointed at it into a
# workspace, and defines the checks: `ok`, `denied`, `expect`, `cli_summary`.
# Sourced, with CLI_WORKSPACE defaulting to the caller's CLI_DEFAULT_WORKSPACE.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/suite-novamock.sh"
WS="${CLI_WORKSPACE:-${CLI_DEFAULT_WORKSPACE:-/tmp/novamock-openstack-cli}}"
PASSWORD="${ADMIN_PASSWORD:-secret}"
command -v openstack >/dev/null || { echo "the openstack CLI is not installed (apt-get install python3-openstackclient)" >&2; exit 2; }
suite_novamock "${1:-}" || exit 2
URL="$SUITE_URL"
MODE="$(suite_auth_mode)"

rm -rf "$WS"; mkdir -p "$WS"
sed -e "s#http://127.0.0.1:8080#$URL#" -e "s#password: secret#password: $PASSWORD#" "$ROOT/clouds.yaml" > "$WS/clouds.yaml"
export OS_CLIENT_CONFIG_FILE="$WS/clouds.yaml"
unset OS_CLOUD OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_TOKEN OS_AUTH_TYPE
SUFFIX="$(date +%s)-$$"
passed=0; failed=0
: > "$WS/commands.log"

# ok DESCRIPTION -- openstack ARGS...: the command must exit 0; its stdout is kept in $OUT
ok() {
  local what=$1; shift 2
  OUT=$(openstack "$@" 2>"$WS/stderr"); local rc=$?
  { echo "\$ openstack $*"; echo "$OUT"; cat "$WS/stderr"; echo "rc=$rc"; } >> "$WS/commands.log"
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); echo "ok    $what"
  else failed=$((failed + 1)); echo "FAIL  $what (exit $rc): openstack $*"; sed 's/^/        /' "$WS/stderr" | tail -5; fi
  return $rc
}
# denied DESCRIPTION -- openstack ARGS...: the command must fail with the given HTTP status in its message
denied() {
  local what=$1 status=$2; shift 3
  OUT=$(openstack "$@" 2>&1); local rc=$?
  { echo "\$ openstack $*"; echo "$OUT"; echo "rc=$rc"; } >> "$WS/commands.log"
  if [ $rc -ne 0 ] && grep -q "HTTP $status" <<<"$OUT"; then passed=$((passed + 1)); echo "ok    $what (HTTP $status)"
  else failed=$((failed + 1)); echo "FAIL  $what: expected HTTP $status, got exit $rc: $(tail -1 <<<"$OUT")"; fi
}
# expect DESCRIPTION PYTHON-EXPRESSION: checks the last command's JSON output ($OUT as `o`)
expect() {
  if OUT="$OUT" python3 -c "import json,os,sys; o=json.loads(os.environ['OUT'] or 'null'); sys.exit(0 if ($2) else 1)" 2>>"$WS/commands.log"
  then passed=$((passed + 1)); echo "ok    $1"
  else failed=$((failed + 1)); echo "FAIL  $1: $2 is false for $(head -c 300 <<<"$OUT")"; fi
}

A=(--os-cloud novamock-admin)
D=(--os-cloud novamock-demo)

# cli_summary WHAT: the last line, and the exit status (1 when any check failed)
cli_summary() {
  echo "openstack CLI ($1) against $URL (AUTH_MODE $MODE): $passed passed, $failed failed (commands and answers in $WS/commands.log)"
  [ "$failed" -eq 0 ]
}
