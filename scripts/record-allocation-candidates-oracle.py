#!/usr/bin/python3
"""Record the real Placement's answers to GET /allocation_candidates (and filtered
GET /resource_providers) on each gabbit fixture, for novamock's differential tests.

For every fixture: restart the oracle with a fresh DB, build the fixture over HTTP
(the conformance kit's http_fixtures.py), dump the whole provider state, then replay
the read-only queries of the gabbits that use the fixture (up to the file's first
write) plus a few extra cases, and store status + body. The unit test
test/unit/allocation-candidates/oracle-differential.test.ts rebuilds each state as a
snapshot and compares novamock's engine with these recorded answers (as sets:
placement's order is arbitrary).

Usage: scripts/record-allocation-candidates-oracle.py [OUT.json]
Env: PLACEMENT_PORT (default 18783), PLACEMENT_STATE_DIR (default /tmp/placement-oracle-ac),
     SHARED (default ../shared relative to the repo).
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get('SHARED', os.path.join(os.path.dirname(ROOT), 'shared'))
KIT = os.path.join(SHARED, 'conformance', 'placement')
sys.path.insert(0, KIT)
import http_fixtures  # noqa: E402

PORT = os.environ.get('PLACEMENT_PORT', '18783')
STATE = os.environ.get('PLACEMENT_STATE_DIR', '/tmp/placement-oracle-ac')
URL = 'http://127.0.0.1:%s' % PORT

FIXTURES = ['SharedStorageFixture', 'GranularFixture', 'NUMANetworkFixture', 'DeepNUMANetworkFixture',
            'NUMAAggregateFixture', 'NonSharedStorageFixture', 'NeutronQoSMultiSegmentFixture', 'AllocationFixture']

# Extra read-only cases beyond the gabbits: (fixture, version, query string with $ENVIRON).
EXTRA = [
    ('SharedStorageFixture', '1.34', 'resources=DISK_GB:10'),
    ('SharedStorageFixture', '1.34', 'resources=VCPU:1,DISK_GB:10&member_of=$ENVIRON[\'AGG_UUID\']'),
    ('SharedStorageFixture', '1.34', 'resources=VCPU:1,DISK_GB:10&member_of=!$ENVIRON[\'AGG_UUID\']'),
    ('SharedStorageFixture', '1.34', 'resources1=SRIOV_NET_VF:1&resources2=SRIOV_NET_VF:1&group_policy=isolate'),
    ('SharedStorageFixture', '1.34', 'resources1=SRIOV_NET_VF:1&resources2=SRIOV_NET_VF:1&group_policy=none&limit=3'),
    ('SharedStorageFixture', '1.28', 'resources=VCPU:1,SRIOV_NET_VF:4&limit=1'),
    ('SharedStorageFixture', '1.28', 'resources=DISK_GB:10,SRIOV_NET_VF:4&limit=2'),
    ('SharedStorageFixture', '1.35', 'resources=VCPU:1,DISK_GB:10&root_required=!HW_CPU_X86_SSE'),
    ('GranularFixture', '1.34', 'resources=VCPU:1,DISK_GB:100,SRIOV_NET_VF:1'),
    ('GranularFixture', '1.34', 'resources=DISK_GB:100&resources1=VCPU:1&resources2=MEMORY_MB:1024&group_policy=isolate'),
    ('GranularFixture', '1.34', 'resources=VCPU:1&required=!CUSTOM_DISK_SSD&resources1=DISK_GB:10'),
    ('GranularFixture', '1.39', 'resources=VCPU:1,DISK_GB:10&required=in:CUSTOM_DISK_SSD,HW_CPU_X86_SSE'),
    ('NUMANetworkFixture', '1.36', 'resources=VCPU:1,CUSTOM_VF:1'),
    ('NUMANetworkFixture', '1.36', 'resources=VCPU:1,MEMORY_MB:512&resources_A=CUSTOM_FPGA:1&group_policy=none&same_subtree=_A'),
]

ENV_RE = re.compile(r"""\$ENVIRON\[(['"])([^'"]+)\1\]""")


def subst(text, env):
    return ENV_RE.sub(lambda m: env[m.group(2)], text)


def restart():
    subprocess.run([os.path.join(KIT, 'start-real-placement.sh')], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, PLACEMENT_PORT=PORT, PLACEMENT_STATE_DIR=STATE))


def get(client, path, version):
    status, body = client.request('GET', path, None, mv=version, expect=None)
    return status, body


def dump_state(client):
    _, rps = get(client, '/resource_providers', '1.39')
    providers = []
    for rp in rps['resource_providers']:
        u = rp['uuid']
        _, inv = get(client, '/resource_providers/%s/inventories' % u, '1.39')
        _, use = get(client, '/resource_providers/%s/usages' % u, '1.39')
        _, tr = get(client, '/resource_providers/%s/traits' % u, '1.39')
        _, ag = get(client, '/resource_providers/%s/aggregates' % u, '1.39')
        providers.append({
            'uuid': u, 'name': rp['name'], 'parent': rp['parent_provider_uuid'],
            'inventories': inv['inventories'], 'usages': use['usages'],
            'traits': tr['traits'], 'aggregates': sorted(ag['aggregates']),
        })
    _, traits = get(client, '/traits', '1.39')
    _, rcs = get(client, '/resource_classes', '1.39')
    return {'providers': providers, 'traits': sorted(traits['traits']),
            # server order = id order (used as the class ids by the test)
            'resource_classes': [r['name'] for r in rcs['resource_classes']]}


def gabbit_queries(fixture):
    out = []
    gdir = os.path.join(KIT, 'gabbits-8.0.0')
    for fname in sorted(f for f in os.listdir(gdir) if f.endswith('.yaml')):
        with open(os.path.join(gdir, fname)) as f:
            doc = yaml.safe_load(f)
        if doc.get('fixtures') != [fixture]:
            continue
        default_version = (doc.get('defaults', {}).get('request_headers', {}) or {}).get('openstack-api-version')
        for test in doc.get('tests', []):
            method = next((m for m in ('GET', 'POST', 'PUT', 'DELETE', 'PATCH') if m in test), None)
            if method != 'GET':
                if method is not None:
                    break  # state changes from here on
                continue
            url = test['GET']
            if not (url.startswith('/allocation_candidates') or url.startswith('/resource_providers?')):
                continue
            version = (test.get('request_headers') or {}).get('openstack-api-version', default_version)
            qp = test.get('query_parameters') or {}
            pairs = []
            for k, v in qp.items():
                for x in (v if isinstance(v, list) else [v]):
                    pairs.append((k, str(x)))
            out.append({'file': fname, 'name': test['name'], 'version': version.split()[-1],
                        'url': url, 'extra_pairs': pairs})
    return out


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, 'test', 'fixtures', 'allocation-candidates-oracle.json')
    result = []
    for fixture in FIXTURES:
        restart()
        env, _ = http_fixtures.run_fixture(fixture, URL)
        client = http_fixtures.Client(URL)
        state = dump_state(client)
        cases = []
        queries = gabbit_queries(fixture) + [
            {'file': 'extra', 'name': q, 'version': v, 'url': '/allocation_candidates?' + q, 'extra_pairs': []}
            for (fx, v, q) in EXTRA if fx == fixture]
        for q in queries:
            # gabbi (urllib3) percent-encodes what a folded YAML url leaves in it.
            url = subst(q['url'], env).replace(' ', '%20')
            if q['extra_pairs']:
                sep = '&' if '?' in url else '?'
                url += sep + urllib.parse.urlencode([(k, subst(v, env)) for k, v in q['extra_pairs']])
            status, body = get(client, url, q['version'])
            case = {'file': q['file'], 'name': q['name'], 'version': q['version'], 'url': url,
                    'status': status, 'body': body}
            if 'limit=' in url:
                # Which N candidates placement keeps is arbitrary: record the full answer too,
                # the test checks ours are N of those.
                path, _, qs = url.partition('?')
                pairs = [p for p in urllib.parse.parse_qsl(qs, keep_blank_values=True) if p[0] != 'limit']
                _, case['unlimited_body'] = get(client, path + '?' + urllib.parse.urlencode(pairs), q['version'])
            cases.append(case)
        result.append({'fixture': fixture, 'state': state, 'cases': cases})
        print('%s: %d providers, %d cases' % (fixture, len(state['providers']), len(cases)), file=sys.stderr)
    subprocess.run([os.path.join(KIT, 'stop-real-placement.sh')], check=False,
                   env=dict(os.environ, PLACEMENT_PORT=PORT, PLACEMENT_STATE_DIR=STATE))
    with open(out_path, 'w') as f:
        json.dump(result, f)  # key order kept: the test compares it
        f.write('\n')


if __name__ == '__main__':
    main()
