#!/usr/bin/python3
"""Record the real Placement's answers to GET /allocation_candidates (and filtered
GET /resource_providers) on each gabbit fixture, for novamock's differential tests.

For every fixture: restart the oracle with a fresh DB, build the fixture over HTTP
(the conformance kit's http_fixtures.py), dump the whole provider state, then replay
the read-only queries of the gabbits that use the fixture (up to the file's first
write) plus a few extra cases, and store status + body. The unit test
test/unit/placement/allocation-candidates/oracle-differential.test.ts rebuilds each state as a
snapshot and compares novamock's engine with these recorded answers (as sets:
placement's order is arbitrary).

Besides the gabbit fixtures it builds RANDOM_WORLDS seeded random worlds (trees, NUMA nodes,
PFs, sharing providers in aggregates, traits, allocations) and asks each RANDOM_QUERIES seeded
random requests (granular groups, traits, aggregates, in_tree, group_policy, same_subtree,
root_required, limit, several microversions).

Usage: scripts/record-allocation-candidates-oracle.py [OUT.json]
Env: PLACEMENT_PORT (default 18783), PLACEMENT_STATE_DIR (default /tmp/placement-oracle-ac),
     SHARED (default ../shared relative to the repo).
"""
import json
import os
import random
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

RANDOM_WORLDS = int(os.environ.get('RANDOM_WORLDS', '12'))
RANDOM_QUERIES = int(os.environ.get('RANDOM_QUERIES', '30'))

TRAITS = ['CUSTOM_T1', 'CUSTOM_T2', 'CUSTOM_T3', 'HW_CPU_X86_SSE', 'HW_CPU_X86_AVX']
PHYSNETS = ['CUSTOM_PHYSNET1', 'CUSTOM_PHYSNET2']


def random_world(b, rng):
    """Build a random world through the API; returns (env, description) for the queries."""
    aggs = [http_fixtures.new_uuid() for _ in range(3)]
    env = {'aggs': aggs, 'roots': [], 'all': []}
    for i in range(rng.randint(2, 5)):
        cn = b.create_provider('cn%d' % i, *rng.sample(aggs, rng.randint(0, 2)))
        env['roots'].append(cn)
        env['all'].append(cn)
        if rng.random() < 0.8:
            b.add_inventory(cn, 'VCPU', rng.choice([4, 8, 16]), allocation_ratio=rng.choice([1.0, 2.0, 16.0]))
        b.add_inventory(cn, 'MEMORY_MB', rng.choice([2048, 4096]), max_unit=rng.choice([1024, 2048]))
        if rng.random() < 0.5:
            b.add_inventory(cn, 'DISK_GB', rng.choice([100, 500]), reserved=rng.choice([0, 50]))
        traits = rng.sample(TRAITS, rng.randint(0, 2))
        if traits:
            b.set_traits(cn, *traits)
        for n in range(rng.randint(0, 2)):
            numa = b.create_provider('cn%d_numa%d' % (i, n), parent=cn)
            env['all'].append(numa)
            b.add_inventory(numa, 'VCPU', rng.choice([2, 4]))
            b.set_traits(numa, 'HW_NUMA_ROOT', *rng.sample(TRAITS, rng.randint(0, 1)))
            for f in range(rng.randint(0, 2)):
                pf = b.create_provider('cn%d_numa%d_pf%d' % (i, n, f), parent=numa)
                env['all'].append(pf)
                b.add_inventory(pf, 'SRIOV_NET_VF', rng.choice([2, 4, 8]))
                b.set_traits(pf, rng.choice(PHYSNETS))
    for k in range(rng.randint(0, 2)):
        ss = b.create_provider('ss%d' % k, *rng.sample(aggs, rng.randint(1, 2)))
        env['all'].append(ss)
        b.add_inventory(ss, 'DISK_GB', rng.choice([200, 1000]))
        b.set_traits(ss, 'MISC_SHARES_VIA_AGGREGATE', *rng.sample(TRAITS, rng.randint(0, 1)))
    if rng.random() < 0.3:
        sn = b.create_provider('shared_net', *rng.sample(aggs, 1))
        env['all'].append(sn)
        b.add_inventory(sn, 'SRIOV_NET_VF', 16)
        b.set_traits(sn, 'MISC_SHARES_VIA_AGGREGATE', rng.choice(PHYSNETS))
    for c in range(rng.randint(0, 3)):
        rp = rng.choice(env['roots'])
        try:
            b.set_allocation(rp, http_fixtures.new_uuid(), 'proj', 'user', {'MEMORY_MB': rng.choice([512, 1024])})
        except http_fixtures.SetupError:
            pass  # that provider is full: fine, the world just has less usage
    return env


def random_query(env, rng):
    """A random request: the unsuffixed group always asks VCPU, so every candidate has a
    non-sharing provider (placement's choice among identical sharing-only candidates is arbitrary)."""
    version = rng.choice(['1.10', '1.17', '1.24', '1.25', '1.29', '1.31', '1.33', '1.34', '1.35', '1.36', '1.39', '1.39'])
    v = tuple(int(x) for x in version.split('.'))
    pairs = []
    res = ['VCPU:%d' % rng.randint(1, 3)]
    if rng.random() < 0.6:
        res.append('MEMORY_MB:%d' % rng.choice([256, 512, 1024]))
    if rng.random() < 0.5:
        res.append('DISK_GB:%d' % rng.choice([10, 60, 150]))
    if rng.random() < 0.2:
        res.append('SRIOV_NET_VF:%d' % rng.randint(1, 2))
    pairs.append(('resources', ','.join(res)))
    if v >= (1, 17) and rng.random() < 0.3:
        if v >= (1, 39) and rng.random() < 0.3:
            pairs.append(('required', 'in:' + ','.join(rng.sample(TRAITS, 2))))
        else:
            ts = rng.sample(TRAITS, rng.randint(1, 2))
            pairs.append(('required', ','.join(('!' + t) if v >= (1, 22) and rng.random() < 0.4 else t for t in ts)))
    if v >= (1, 21) and rng.random() < 0.25:
        for _ in range(rng.randint(1, 2) if v >= (1, 24) else 1):
            a = rng.choice(env['aggs'])
            if rng.random() < 0.3:
                a = 'in:' + ','.join(rng.sample(env['aggs'], 2))
            pairs.append(('member_of', ('!' + a) if v >= (1, 32) and rng.random() < 0.4 else a))
    if v >= (1, 31) and rng.random() < 0.15:
        pairs.append(('in_tree', rng.choice(env['all'])))
    if v >= (1, 16) and rng.random() < 0.1:
        pairs.append(('limit', str(rng.randint(1, 3))))
    suffixes = []
    for g in range(rng.choice([0, 0, 1, 2]) if v >= (1, 25) else 0):
        suffix = ('_G%d' % g) if v >= (1, 33) else str(g + 1)
        suffixes.append(suffix)
        kind = rng.random()
        if kind < 0.4:
            pairs.append(('resources' + suffix, 'SRIOV_NET_VF:%d' % rng.randint(1, 3)))
            if rng.random() < 0.6:
                pairs.append(('required' + suffix, rng.choice(PHYSNETS)))
        elif kind < 0.7:
            pairs.append(('resources' + suffix, 'DISK_GB:%d' % rng.choice([10, 100])))
            if rng.random() < 0.3:
                pairs.append(('member_of' + suffix, rng.choice(env['aggs'])))
        else:
            pairs.append(('resources' + suffix, 'VCPU:1'))
            if rng.random() < 0.4:
                pairs.append(('required' + suffix, 'HW_NUMA_ROOT'))
        if v >= (1, 31) and rng.random() < 0.15:
            pairs.append(('in_tree' + suffix, rng.choice(env['all'])))
        if v >= (1, 39) and rng.random() < 0.15:
            pairs.append(('required' + suffix, 'in:' + ','.join(rng.sample(TRAITS + PHYSNETS, 2))))
    if v >= (1, 36) and suffixes and rng.random() < 0.4:
        extra = '_NUMA'
        pairs.append(('required' + extra, 'HW_NUMA_ROOT'))
        pairs.append(('same_subtree', ','.join([extra] + suffixes)))
        suffixes.append(extra)
    if suffixes:
        # Without group_policy=none placement sums a class asked by two groups into shared
        # objects, and which candidates survive then depends on its set order (novamock
        # reproduces the behaviour, not that order): keep 'isolate' to disjoint classes.
        classes = [set(rc.split(':')[0] for rc in v.split(',')) for k, v in pairs if k.startswith('resources')]
        overlap = any(classes[i] & classes[j] for i in range(len(classes)) for j in range(i + 1, len(classes)))
        pairs.append(('group_policy', 'none' if overlap else rng.choice(['none', 'isolate'])))
    if v >= (1, 35) and rng.random() < 0.15:
        pairs.append(('root_required', rng.choice(['!', '']) + rng.choice(TRAITS)))
    if v >= (1, 16) and rng.random() < 0.1:
        pairs.append(('limit', str(rng.randint(1, 3))))
    return version, '/allocation_candidates?' + urllib.parse.urlencode(pairs)


def random_provider_query(env, rng):
    """A random filtered GET /resource_providers (the same index answers it in novamock)."""
    pairs = []
    if rng.random() < 0.6:
        res = rng.sample(['VCPU:%d' % rng.randint(1, 6), 'MEMORY_MB:1024', 'DISK_GB:100', 'SRIOV_NET_VF:2'], rng.randint(1, 2))
        pairs.append(('resources', ','.join(res)))
    if rng.random() < 0.5:
        if rng.random() < 0.3:
            pairs.append(('required', 'in:' + ','.join(rng.sample(TRAITS + PHYSNETS, 2))))
        else:
            pairs.append(('required', ','.join(rng.choice(['', '!']) + t for t in rng.sample(TRAITS + ['HW_NUMA_ROOT'], rng.randint(1, 2)))))
    if rng.random() < 0.4:
        a = rng.choice(env['aggs'])
        pairs.append(('member_of', rng.choice(['', '!', 'in:']) + (a if rng.random() < 0.5 else ','.join(rng.sample(env['aggs'], 2)))))
    if rng.random() < 0.2:
        pairs.append(('in_tree', rng.choice(env['all'])))
    # a lone comma list needs in:/!in: (placement answers 400 otherwise: recorded too)
    return '1.39', '/resource_providers?' + urllib.parse.urlencode(pairs)


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


def record_case(client, file, name, version, url):
    status, body = get(client, url, version)
    case = {'file': file, 'name': name, 'version': version, 'url': url, 'status': status, 'body': body}
    if 'limit=' in url:
        # Which N candidates placement keeps is arbitrary: record the full answer too,
        # the test checks ours are N of those.
        path, _, qs = url.partition('?')
        pairs = [p for p in urllib.parse.parse_qsl(qs, keep_blank_values=True) if p[0] != 'limit']
        _, case['unlimited_body'] = get(client, path + '?' + urllib.parse.urlencode(pairs), version)
    return case


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
            cases.append(record_case(client, q['file'], q['name'], q['version'], url))
        result.append({'fixture': fixture, 'state': state, 'cases': cases})
        print('%s: %d providers, %d cases' % (fixture, len(state['providers']), len(cases)), file=sys.stderr)
    for w in range(RANDOM_WORLDS):
        rng = random.Random(1000 + w)
        restart()
        client = http_fixtures.Client(URL)
        builder = http_fixtures.Builder(client)
        for t in TRAITS + PHYSNETS:
            builder.ensure_trait(t)
        env = random_world(builder, rng)
        state = dump_state(client)
        cases = []
        for n in range(RANDOM_QUERIES):
            version, url = random_query(env, rng)
            cases.append(record_case(client, 'random-%d' % w, 'query %d' % n, version, url))
        for n in range(RANDOM_QUERIES // 3):
            version, url = random_provider_query(env, rng)
            cases.append(record_case(client, 'random-%d' % w, 'providers %d' % n, version, url))
        result.append({'fixture': 'random world %d' % w, 'state': state, 'cases': cases})
        print('random world %d: %d providers, %d cases' % (w, len(state['providers']), len(cases)), file=sys.stderr)
    subprocess.run([os.path.join(KIT, 'stop-real-placement.sh')], check=False,
                   env=dict(os.environ, PLACEMENT_PORT=PORT, PLACEMENT_STATE_DIR=STATE))
    with open(out_path, 'w') as f:
        json.dump(result, f)  # key order kept: the test compares it
        f.write('\n')


if __name__ == '__main__':
    main()
