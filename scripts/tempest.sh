#!/usr/bin/env bash
# Runs Debian's tempest against a started novamock with dynamic credentials (tempest creates
# its own projects and users through the identity admin API), concurrency 2, and prints
# "N passed, M failed, S skipped" and the failures grouped by the exception that ended them.
#   npm start &            (or AUTH_MODE=keystone npm start &)
#   bash scripts/tempest.sh [http://127.0.0.1:8080] [tempest regex]
#   PORT=21410 AUTH_MODE=keystone bash scripts/tempest.sh '' [tempest regex]   # starts its own novamock
#   TEMPEST_SERVICES="nova glance keystone" bash scripts/tempest.sh URL '^tempest\.api\.compute\.'
# volume_multiattach stays off: this tempest creates multiattach volumes with the `multiattach`
# parameter, which Zed's Cinder (and novamock) refuse; multiattach works through a volume type.
# TEMPEST_SERVICES lists the services tempest is told are available (default: all novamock
# serves: nova glance keystone neutron cinder). With neutron, each dynamic project gets its own
# network, /28 subnet and router to `public` (create_isolated_networks, as devstack), servers
# boot on it and interface attach is enabled; with cinder, the volume tests run (volumev3,
# snapshots and clones; no backups, no manage). Without a service its tests are skipped (and,
# for cinder, excluded by name, as before).
# Env: TEMPEST_CONCURRENCY (2), TEMPEST_WORKSPACE (/tmp/novamock-tempest), ADMIN_PASSWORD (secret),
#      TEMPEST_ISOLATED_NETWORKS (true with neutron), TEMPEST_EXCLUDE (extra exclude regex).
# Needs: apt-get install tempest
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/suite-novamock.sh"
FILTER="${2:-}"
WS="${TEMPEST_WORKSPACE:-/tmp/novamock-tempest}"
CONCURRENCY="${TEMPEST_CONCURRENCY:-2}"
PASSWORD="${ADMIN_PASSWORD:-secret}"
SERVICES=" ${TEMPEST_SERVICES:-nova glance keystone neutron cinder} "
has() { [[ "$SERVICES" == *" $1 "* ]]; }
tf() { if has "$1"; then echo true; else echo false; fi; }
command -v tempest >/dev/null || { echo "tempest is not installed (apt-get install tempest)" >&2; exit 2; }
suite_novamock "${1:-}" || exit 2
URL="$SUITE_URL"
MODE="$(suite_auth_mode)"

# an admin token (works in both auth modes) to read what the services announce
TOKEN=$(curl -si -H 'Content-Type: application/json' "$URL/identity/v3/auth/tokens" -d "{\"auth\": {\"identity\": {\"methods\": [\"password\"],
  \"password\": {\"user\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}, \"password\": \"$PASSWORD\"}}},
  \"scope\": {\"project\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token" {print $2}')
get() { curl -sf -H "X-Auth-Token: $TOKEN" "$URL$1"; }

NETWORK_CONF=""
ISOLATED=false
if has neutron; then
  ISOLATED="${TEMPEST_ISOLATED_NETWORKS:-true}"
  PUBLIC_ID=$(get '/networking/v2.0/networks?name=public' | python3 -c 'import json,sys; print(json.load(sys.stdin)["networks"][0]["id"])')
  # tempest skips the tests of extensions not listed: list exactly what novamock announces
  NET_EXT=$(get '/networking/v2.0/extensions' | python3 -c 'import json,sys; print(",".join(e["alias"] for e in json.load(sys.stdin)["extensions"]))')
  NETWORK_CONF="
[network]
catalog_type = network
endpoint_type = public
public_network_id = $PUBLIC_ID
floating_network_name = public
project_network_cidr = 10.100.0.0/16
project_network_mask_bits = 28
project_network_v6_cidr = 2001:db8::/48
project_network_v6_mask_bits = 64
project_networks_reachable = false
shared_physical_network = false
"
fi

rm -rf "$WS"
tempest init --name "novamock-$(date +%s%N)" "$WS" >/dev/null
cd "$WS"
cat > etc/tempest.conf <<CONF
[DEFAULT]
log_file = tempest.log

[auth]
use_dynamic_credentials = true
create_isolated_networks = $ISOLATED
admin_username = admin
admin_password = $PASSWORD
admin_project_name = admin
admin_domain_name = Default
tempest_roles = member
admin_system = false

[identity]
uri_v3 = $URL/identity/v3
auth_version = v3
region = RegionOne
catalog_type = identity
v3_endpoint_type = public
default_domain_id = default

[identity-feature-enabled]
api_v2 = false
api_v3 = true
application_credentials = true
project_tags = true
security_compliance = false
trust = false
access_rules = false
domain_specific_drivers = false

[compute]
image_ref = 155d900f-4e14-4e4c-a73d-069cbf4541e6
image_ref_alt = a2459075-d96c-40d5-893e-577ff92e721c
flavor_ref = 1
flavor_ref_alt = 2
min_compute_nodes = 2
min_microversion = 2.1
max_microversion = 2.93
fixed_network_name =

[compute-feature-enabled]
resize = true
cold_migration = true
live_migration = false
console_output = false
vnc_console = false
spice_console = false
serial_console = false
rescue = true
change_password = false
interface_attach = $(tf neutron)
snapshot = true
shelve = false
suspend = true
pause = true
personality = false
attach_encrypted_volume = false
volume_multiattach = false
config_drive = false
metadata_service = false
block_migration_for_live_migration = false

[image]
endpoint_type = public

[image-feature-enabled]
api_v2 = true
api_v1 = false
import_image = false
os_glance_reserved = true
$NETWORK_CONF
[network-feature-enabled]
ipv6 = $(tf neutron)
ipv6_subnet_attributes = $(tf neutron)
api_extensions = ${NET_EXT:-all}
port_security = $(tf neutron)
floating_ips = $(tf neutron)

[volume]
catalog_type = volumev3
endpoint_type = public
min_microversion = 3.0
max_microversion = 3.70
storage_protocol = iSCSI
vendor_name = Open Source

[volume-feature-enabled]
api_v3 = true
backup = false
snapshot = true
clone = true
manage_snapshot = false
manage_volume = false
multi_backend = false
extend_attached_volume = false

[service_available]
nova = $(tf nova)
glance = $(tf glance)
keystone = $(tf keystone)
cinder = $(tf cinder)
neutron = $(tf neutron)
swift = false
horizon = false

[validation]
run_validation = false

[placement]
endpoint_type = public
CONF

REGEX="${FILTER:-^tempest\.api\.(compute|identity\.(admin\.)?v3)\.}"
# tests of what novamock does not serve: trusts, OAuth1, endpoint groups, credentials,
# domain configuration, EC2 credentials, inherited roles, policies
EXCLUDE='(test_trusts|test_oauth_consumers|test_endpoint_groups|test_credentials|test_domain_configuration|test_ec2_credentials|test_inherits|test_policies|test_access_rules'
has cinder || EXCLUDE="$EXCLUDE|volume|Volume|attach_volume|BootFromVolume"
EXCLUDE="$EXCLUDE${TEMPEST_EXCLUDE:+|$TEMPEST_EXCLUDE})"
set +e
tempest run --concurrency "$CONCURRENCY" --regex "$REGEX" --exclude-regex "$EXCLUDE" > run.log 2>&1
set -e
passed=$(grep -E '^ - Passed: ' run.log | awk '{print $3}')
failed=$(grep -E '^ - Failed: ' run.log | awk '{print $3}')
skipped=$(grep -E '^ - Skipped: ' run.log | awk '{print $3}')
grep -E '\.\.\. FAILED$|^\{[0-9]+\} .* \.\.\. FAILED' run.log | sed -E 's/^\{[0-9]+\} //; s/ \[[0-9.]+s\] \.\.\. FAILED//' > failed.txt || true
# group the failures by their cause: the error body's type and message (NeutronError, nova's,
# cinder's, glance's), else the last exception line, ids and addresses masked
/usr/bin/python3 - <<'PY' > causes.txt || true
import collections, re
text = open('run.log', encoding='utf-8', errors='replace').read()
causes = collections.Counter()
for block in re.split(r'\n(?=\{\d+\} )', text):
    head = block.split('\n', 1)[0]
    if '... FAILED' not in head:
        continue
    lines = block.split('\n')
    details = [l.strip() for l in lines if l.strip().startswith('Details:')]
    excs = [l.strip() for l in lines if re.match(r'\s*[\w.]+(Error|Exception|Failure|NotFound|BadRequest|Conflict|Forbidden|Unauthorized|ServerFault|Mismatch)\b', l)]
    cause = details[-1] if details else (excs[-1] if excs else '(no traceback)')
    m = re.search(r"'message': (['\"])(.*?)\1(, '|\})", cause)
    t = re.search(r"'type': '(\w+)'", cause)
    if m:
        cause = f"{t.group(1) + ': ' if t else ''}{m.group(2)}"
    cause = re.sub(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', cause)
    cause = re.sub(r'\b[0-9a-f]{32}\b', '<id>', cause)
    cause = re.sub(r'\d+\.\d+\.\d+\.\d+', '<ip>', cause)
    causes[cause[:200]] += 1
for cause, n in causes.most_common():
    print(f'{n:4d}  {cause}')
PY
echo "tempest against $URL (AUTH_MODE $MODE, services:$SERVICES; regex $REGEX, concurrency $CONCURRENCY): ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
echo "failures listed in $WS/failed.txt, grouped by exception in $WS/causes.txt, full log in $WS/run.log"
