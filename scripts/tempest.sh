#!/usr/bin/env bash
# Runs Debian's tempest against a started novamock with dynamic credentials (tempest creates
# its own projects and users through the identity admin API), concurrency 2, for the compute
# API tests that need no Cinder or Neutron and the identity v3 API tests of what novamock serves
# (projects, users, roles, role assignments, groups, tokens, application credentials, catalog).
# Prints "N passed, M failed, S skipped".
#   npm start &            (or AUTH_MODE=keystone npm start &)
#   bash scripts/tempest.sh [http://127.0.0.1:8080] [extra tempest regex]
# Env: TEMPEST_CONCURRENCY (2), TEMPEST_WORKSPACE (/tmp/novamock-tempest), ADMIN_PASSWORD (secret).
set -euo pipefail
URL="${1:-http://127.0.0.1:8080}"
FILTER="${2:-}"
WS="${TEMPEST_WORKSPACE:-/tmp/novamock-tempest}"
CONCURRENCY="${TEMPEST_CONCURRENCY:-2}"
PASSWORD="${ADMIN_PASSWORD:-secret}"
command -v tempest >/dev/null || { echo "tempest is not installed (apt-get install tempest)" >&2; exit 2; }
for _ in $(seq 60); do curl -sf "$URL/identity/v3" >/dev/null && break; sleep 1; done
curl -sf "$URL/identity/v3" >/dev/null || { echo "no novamock at $URL" >&2; exit 2; }

rm -rf "$WS"
tempest init --name "novamock-$(date +%s%N)" "$WS" >/dev/null
cd "$WS"
cat > etc/tempest.conf <<CONF
[DEFAULT]
log_file = tempest.log

[auth]
use_dynamic_credentials = true
create_isolated_networks = false
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
interface_attach = false
snapshot = false
shelve = false
suspend = true
pause = true
personality = false
attach_encrypted_volume = false
config_drive = false
metadata_service = false
block_migration_for_live_migration = false

[image]
endpoint_type = public

[image-feature-enabled]
api_v2 = true
api_v1 = false

[network-feature-enabled]
ipv6 = false

[service_available]
nova = true
glance = true
keystone = true
cinder = false
neutron = false
swift = false
horizon = false

[validation]
run_validation = false

[placement]
endpoint_type = public
CONF

REGEX="${FILTER:-^tempest\.api\.(compute|identity\.(admin\.)?v3)\.}"
# tests of what novamock does not serve: trusts, OAuth1, endpoint groups, credentials,
# domain configuration, EC2 credentials, inherited roles, policies, volumes
EXCLUDE='(test_trusts|test_oauth_consumers|test_endpoint_groups|test_credentials|test_domain_configuration|test_ec2_credentials|test_inherits|test_policies|test_access_rules|volume|Volume|attach_volume|BootFromVolume)'
set +e
tempest run --concurrency "$CONCURRENCY" --regex "$REGEX" --exclude-regex "$EXCLUDE" > run.log 2>&1
set -e
passed=$(grep -E '^ - Passed: ' run.log | awk '{print $3}')
failed=$(grep -E '^ - Failed: ' run.log | awk '{print $3}')
skipped=$(grep -E '^ - Skipped: ' run.log | awk '{print $3}')
grep -E '\.\.\. FAILED$|^\{[0-9]+\} .* \.\.\. FAILED' run.log | sed -E 's/^\{[0-9]+\} //; s/ \[[0-9.]+s\] \.\.\. FAILED//' > failed.txt || true
echo "tempest against $URL (regex $REGEX, concurrency $CONCURRENCY): ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
echo "failures listed in $WS/failed.txt, full log in $WS/run.log"
