#!/usr/bin/env bash
# Runs openstacksdk's own functional tests (Debian's python3-openstacksdk ships them under
# openstack/tests/functional) against a started novamock, with devstack's three cloud names
# (devstack, devstack-alt, devstack-admin) pointed at novamock's seeded demo, alt_demo and admin
# accounts, and prints "N passed, M failed, S skipped" and the failures grouped by exception.
#   npm start &            (or AUTH_MODE=keystone npm start &)
#   bash scripts/openstacksdk-functional.sh [http://127.0.0.1:8080] [test id regex]
#   PORT=21410 AUTH_MODE=keystone bash scripts/openstacksdk-functional.sh '' [regex]  # starts its own novamock
# Default: the compute tests (functional/compute/v2 and functional/cloud/test_compute). Others:
#   SDK_DIRS="network cloud" ... '^openstack\.tests\.functional\.(network|cloud\.test_(network|port|router|security_groups|floating_ip))'
#   SDK_DIRS="image block_storage cloud" ... '^openstack\.tests\.functional\.(image|block_storage|cloud\.test_(image|volume))'
# SDK_DIRS are the directories under openstack/tests/functional discovered one by one (the
# package's functional/examples imports the sdk's doc examples, which Debian does not ship).
# Env: SDK_CONCURRENCY (2), SDK_WORKSPACE (/tmp/novamock-openstacksdk), ADMIN_PASSWORD (secret),
#      OPENSTACKSDK_IMAGE (fakeimage7: the seeded names are not devstack's cirros),
#      OPENSTACKSDK_FUNC_TEST_TIMEOUT (300), OS_TEST_TIMEOUT (600, as tox), SDK_DEFAULT_NETWORK (private, for the demo cloud).
# Needs: apt-get install python3-openstacksdk python3-stestr python3-oslotest python3-requests-mock
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/suite-novamock.sh"
REGEX="${2:-^openstack\.tests\.functional\.(compute\.|cloud\.test_compute)}"
WS="${SDK_WORKSPACE:-/tmp/novamock-openstacksdk}"
PASSWORD="${ADMIN_PASSWORD:-secret}"
TOP=/usr/lib/python3/dist-packages
[ -d "$TOP/openstack/tests/functional" ] || { echo "openstacksdk's functional tests are missing (apt-get install python3-openstacksdk)" >&2; exit 2; }
suite_novamock "${1:-}" || exit 2
URL="$SUITE_URL"
MODE="$(suite_auth_mode)"

rm -rf "$WS"; mkdir -p "$WS"; cd "$WS"
# image/v2/test_image uploads ./CONTRIBUTING.rst, a file of the sdk's source tree (tox runs there;
# Debian ships only the package): any small text file serves
printf 'novamock: the file openstacksdk image tests upload\n' > CONTRIBUTING.rst
cloud() { # name user project
  cat <<YAML
  $1:
    auth:
      auth_url: $URL/identity/v3
      username: $2
      password: $PASSWORD
      project_name: $3
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
YAML
}
# demo sees two networks (its `private` and the `shared` one), so nova answers servers created
# with networks=auto 409 NetworkAmbiguous, as it would; openstacksdk's own answer is a default
# network in the cloud's config (SDK_DEFAULT_NETWORK=private, the default; empty: none)
demo_net() {
  [ -n "$1" ] || return 0
  printf '    networks:\n      - name: %s\n        default_interface: true\n' "$1"
}
{ echo "clouds:"; cloud devstack demo demo; demo_net "${SDK_DEFAULT_NETWORK-private}"; cloud devstack-alt alt_demo alt_demo; cloud devstack-admin admin admin; } > clouds.yaml
export OS_CLIENT_CONFIG_FILE="$WS/clouds.yaml" OS_CLOUD=devstack-admin
export OPENSTACKSDK_IMAGE="${OPENSTACKSDK_IMAGE:-fakeimage7}" OPENSTACKSDK_FLAVOR="${OPENSTACKSDK_FLAVOR:-m1.tiny}"
export OPENSTACKSDK_FUNC_TEST_TIMEOUT="${OPENSTACKSDK_FUNC_TEST_TIMEOUT:-300}"
# each test's own time limit: openstacksdk's tests/base.py defaults to 5 s (meant for unit tests);
# its tox.ini functional environment sets 600, which is how the functional tests are meant to run
export OS_TEST_TIMEOUT="${OS_TEST_TIMEOUT:-600}"
: > run.log; : > last.subunit
for d in ${SDK_DIRS:-compute cloud}; do
  /usr/bin/python3 -m stestr --test-path "$TOP/openstack/tests/functional/$d" --top-dir "$TOP" run \
    --concurrency "${SDK_CONCURRENCY:-2}" "$REGEX" >> run.log 2>&1 || true
  /usr/bin/python3 -m stestr last --subunit >> last.subunit 2>/dev/null || true
done
/usr/bin/python3 - <<'PY' > summary.txt
import collections, re, subunit, testtools, io
# count top-level outcomes and group failures by the last exception line of each traceback
stream = open('last.subunit', 'rb')
result = testtools.StreamSummary()
causes = collections.Counter()
class Tracebacks(testtools.StreamResult):
    def __init__(self):
        super().__init__(); self.details = collections.defaultdict(list)
    def status(self, test_id=None, test_status=None, file_bytes=None, file_name=None, **kw):
        if file_bytes and file_name == 'traceback':
            self.details[test_id].append(file_bytes)
        if test_status == 'fail':
            text = b''.join(self.details.pop(test_id, [])).decode('utf-8', 'replace').strip().splitlines()
            last = next((l for l in reversed(text) if re.match(r'^[\w.]+(: |$)', l)), text[-1] if text else '?')
            last = re.sub(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<uuid>', last)
            causes[last[:170]] += 1
tb = Tracebacks()
case = subunit.ByteStreamToStreamResult(stream, non_subunit_name='stdout')
both = testtools.CopyStreamResult([result, tb])
both.startTestRun(); case.run(both); both.stopTestRun()
passed = result.testsRun - len(result.errors) - len(result.failures) - len(result.skipped) - len(result.expectedFailures)
print(f"{passed} passed, {len(result.errors) + len(result.failures)} failed, {len(result.skipped)} skipped")
for line, n in causes.most_common():
    print(f"  {n:3d}  {line}")
PY
grep -E '\.\.\. FAILED' run.log | sed -E 's/^\{[0-9]+\} //; s/ \[[0-9.]+s\] \.\.\. FAILED//' > failed.txt || true
echo "openstacksdk functional against $URL (AUTH_MODE $MODE, regex $REGEX): $(head -1 summary.txt)"
tail -n +2 summary.txt
echo "failures listed in $WS/failed.txt, full log in $WS/run.log"
