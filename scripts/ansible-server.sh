#!/usr/bin/env bash
# Runs Ansible's openstack.cloud.server with `wait: true` against novamock, as a user would with
# the repository's clouds.yaml (cloud novamock-demo, the seeded names private / m1.tiny /
# fakeimage7): create a server and wait for ACTIVE, check its addresses, then delete it and wait
# until it is gone; at the end, /_mock/audit must be empty (no leaked port).
#   bash scripts/ansible-server.sh                 # starts its own novamock on PORT (default 18090)
#   URL=http://127.0.0.1:8080 bash scripts/ansible-server.sh     # against a running one
# Env: PORT, URL, KEEP=1 (keep the workspace), ANSIBLE_SDK_CAP=1 (see below).
# Needs: apt-get install ansible python3-openstacksdk (not in CI: a manual check).
#
# Debian 12's ansible 7.7 ships openstack.cloud 1.10.0, which does not work with Debian's
# python3-openstacksdk 0.101.0, whatever the cloud: its module_utils refuse an openstacksdk newer
# than 0.98.999 ("Incompatible openstacksdk library found") before any request, and with that
# cap lifted the modules hand openstacksdk 0.101's Resource objects to exit_json, which fails
# writing into them (KeyError: '... do not support setting arbitrary keys'). With
# ANSIBLE_SDK_CAP=1 (the default) the script runs a copy of the collection, in its workspace,
# with both mended: the cap lifted and the results turned into plain dicts (as collection 2.x
# returns them); ANSIBLE_SDK_CAP=0 runs Debian's collection as shipped.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v ansible-playbook >/dev/null || { echo "missing ansible-playbook (apt-get install ansible)" >&2; exit 2; }
COLLECTIONS=/usr/lib/python3/dist-packages/ansible_collections
[ -d "$COLLECTIONS/openstack/cloud" ] || { echo "missing the openstack.cloud collection (Debian's ansible ships it)" >&2; exit 2; }
. "$ROOT/scripts/suite-novamock.sh"
WS="$(mktemp -d /tmp/novamock-ansible.XXXXXX)"
cleanup() {
  suite_stop
  [ -n "${KEEP:-}" ] || rm -rf "$WS"
}
# URL: a running novamock; else one started here on PORT (its log in $WS)
[ -n "${URL:-}" ] || PORT="${PORT:-18090}"
SUITE_WORK="$WS" suite_novamock "${URL:-}"; started=$?
trap cleanup EXIT
[ "$started" = 0 ] || exit 2
BASE="$SUITE_URL"

# the repository's clouds.yaml, pointed at this novamock
sed "s#http://127.0.0.1:8080#$BASE#g" "$ROOT/clouds.yaml" >"$WS/clouds.yaml"
export OS_CLIENT_CONFIG_FILE="$WS/clouds.yaml"
if [ "${ANSIBLE_SDK_CAP:-1}" = 1 ]; then
  mkdir -p "$WS/collections/ansible_collections/openstack"
  cp -r "$COLLECTIONS/openstack/cloud" "$WS/collections/ansible_collections/openstack/"
  MU="$WS/collections/ansible_collections/openstack/cloud/plugins/module_utils/openstack.py"
  sed -i "s/^MAXIMUM_SDK_VERSION = .*/MAXIMUM_SDK_VERSION = None/" "$MU"
  sed -i 's/^\( *\)self.exit = self.exit_json = self.ansible.exit_json$/\1self.exit = self.exit_json = lambda **kw: self.ansible.exit_json(**_plain(kw))/' "$MU"
  cat >>"$MU" <<'PY'


def _plain(value):
    # openstacksdk >= 0.99 Resource objects as plain data (collection 2.x returns to_dict())
    if hasattr(value, 'to_dict'):
        value = value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
PY
  grep -q '_plain(kw)' "$MU" || { echo "could not patch $MU" >&2; exit 2; }
  export ANSIBLE_COLLECTIONS_PATH="$WS/collections"
fi

cat >"$WS/server.yml" <<'YAML'
- hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: /usr/bin/python3
  tasks:
    - name: create a server and wait for it
      openstack.cloud.server:
        cloud: novamock-demo
        name: ansible-vm
        image: fakeimage7
        flavor: m1.tiny
        network: private
        wait: true
        timeout: 180
      register: created
    - name: it is ACTIVE with an address on private
      assert:
        that:
          - created.server.status == 'ACTIVE'
          - created.server.addresses.private | length > 0
          - created.server.private_v4 | length > 0
    - name: show it again
      openstack.cloud.server_info:
        cloud: novamock-demo
        server: ansible-vm
      register: shown
    - name: the same server and addresses
      assert:
        that:
          - shown.openstack_servers | length == 1
          - shown.openstack_servers[0].id == created.server.id
          - shown.openstack_servers[0].addresses == created.server.addresses
    - name: delete it and wait until it is gone
      openstack.cloud.server:
        cloud: novamock-demo
        name: ansible-vm
        state: absent
        wait: true
    - name: gone
      openstack.cloud.server_info:
        cloud: novamock-demo
        server: ansible-vm
      register: after
    - assert:
        that:
          - after.openstack_servers | length == 0
YAML
ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0 \
  ansible-playbook -i localhost, "$WS/server.yml" | tee "$WS/playbook.log"
rc=${PIPESTATUS[0]}
audit=$(curl -sf -H 'x-auth-token: admin' "$BASE/_mock/audit")
echo "audit: $audit"
[ "$rc" = 0 ] && python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["audit"] == [] else 1)' "$audit" || rc=1
echo "ansible openstack.cloud.server: $([ "$rc" = 0 ] && echo passed || echo FAILED)"
exit "$rc"
