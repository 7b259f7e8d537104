#!/usr/bin/python3
"""Differential check of placement-core's resources (root, providers, inventories, classes,
traits, aggregates, errors, policy): the same requests go to the real Placement 8.0.0 (oracle)
and to novamock; every difference in status, key headers and JSON body is printed.

  ORACLE=127.0.0.1:18781 MOCK=127.0.0.1:18113 MOCK_CONTROL=127.0.0.1:18112 \
  PLACEMENT_STATE_DIR=/tmp/placement-oracle-core scripts/placement-core-oracle-diff.py [requests|policy|all]

The oracle is (re)started through ../shared/conformance/placement/start-real-placement.sh
(PLACEMENT_PORT = ORACLE's port), novamock reset through MOCK_CONTROL's POST /_mock/reset.
Request ids, dates, host:port and random uuids are masked.

Known, accepted differences (17:15 UTC: 2-4 of 140 requests, 0 of 1200 policy checks):
- a duplicate inventory POST quotes SQLAlchemy's INSERT with a creation timestamp;
- the oracle's standard-trait sync inserts from a Python set, so trait ids (and every listing in
  trait-id order: ?name=startswith:, ?associated=, a provider's traits) follow the hash seed of
  that oracle process; novamock uses os_traits.get_traits() order;
- json.dumps' ", "/": " separators are not reproduced (bodies compare equal as JSON).
"""
import http.client, json, os, re, subprocess, sys


def _hp(v):
    h, p = v.rsplit(':', 1)
    return (h, int(p))


A = _hp(os.environ.get('ORACLE', '127.0.0.1:18781'))
B = _hp(os.environ.get('MOCK', '127.0.0.1:18113'))
CONTROL = os.environ.get('MOCK_CONTROL', '127.0.0.1:18112')
KIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'conformance', 'placement')


def reset(profile='default'):
    env = dict(os.environ, PLACEMENT_PORT=str(A[1]))
    subprocess.run([os.path.join(KIT, 'start-real-placement.sh'), '--profile', profile], env=env, check=True, capture_output=True)
    subprocess.run(['curl', '-sf', '-X', 'POST', '-H', 'x-auth-token: admin', '-H', 'content-type: application/json',
                    '-d', json.dumps({'profile': profile, 'hosts': []}), 'http://%s/_mock/reset' % CONTROL],
                   check=True, capture_output=True)
U1 = 'a1b2c3d4-0000-4000-8000-000000000001'
U2 = 'a1b2c3d4-0000-4000-8000-000000000002'
AG = 'a1b2c3d4-0000-4000-8000-0000000000aa'
def req(host, method, path, body=None, headers=None, raw=None):
    c = http.client.HTTPConnection(*host, timeout=10)
    h = {'x-auth-token': 'admin', 'accept': 'application/json'}
    h.update(headers or {})
    data = None
    if raw is not None: data = raw.encode()
    elif body is not None:
        data = json.dumps(body).encode(); h.setdefault('content-type', 'application/json')
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode('utf8', 'replace'))
    c.close()
    return out
def norm(s):
    s = re.sub(r'req-[0-9a-f-]{36}', 'req-X', s)
    s = re.sub(r'\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT', 'DATE', s)
    s = re.sub(r'127\.0\.0\.1:\d+', 'HOST', s)
    s = re.sub(r'(?!a1b2c3d4)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'RANDOM-UUID', s)
    return s
def body_norm(text):
    try:
        return json.loads(norm(text))
    except Exception:
        return norm(text)
HDRS = ['content-type', 'allow', 'location', 'openstack-api-version', 'vary', 'cache-control', 'last-modified']
V = lambda v: {'openstack-api-version': 'placement ' + v}
steps = [
 ('GET', '/', None, {}, None),
 ('GET', '/', None, V('1.15'), None),
 ('GET', '/resource_providers', None, {'x-auth-token': 'user'}, None),
 ('POST', '/resource_providers', {'name': 'rp1', 'uuid': U1}, V('1.20'), None),
 ('POST', '/resource_providers', {'name': 'rp1', 'uuid': U2}, V('1.20'), None),
 ('POST', '/resource_providers', {'name': 'rp2', 'uuid': U1}, V('1.20'), None),
 ('POST', '/resource_providers', {'name': 'rp2', 'uuid': U2, 'parent_provider_uuid': U1}, V('1.20'), None),
 ('GET', '/resource_providers/' + U2, None, V('1.14'), None),
 ('GET', '/resource_providers/' + U2, None, V('1.39'), None),
 ('GET', '/resource_providers?in_tree=' + U1, None, V('1.14'), None),
 ('GET', '/resource_providers?in_tree=bogus', None, V('1.14'), None),
 ('GET', '/resource_providers?name=rp1&name=rp2', None, V('1.14'), None),
 ('DELETE', '/resource_providers/' + U1, None, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1, {'name': 'rp2'}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1, {'name': 'rp1', 'parent_provider_uuid': U1}, V('1.37'), None),
 ('POST', '/resource_providers/' + U1 + '/inventories', {'resource_class': 'VCPU', 'total': 8}, V('1.23'), None),
 ('POST', '/resource_providers/' + U1 + '/inventories', {'resource_class': 'VCPU', 'total': 8}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories/VCPU', {'resource_provider_generation': 1, 'total': 4, 'reserved': 4}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories/CUSTOM_X', {'resource_provider_generation': 1, 'total': 4}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories/DISK_GB', {'resource_provider_generation': 1, 'total': 4}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories', {'resource_provider_generation': 1, 'inventories': {'MEMORY_MB': {'total': 10, 'max_unit': 0}}}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories', {'resource_provider_generation': 1, 'inventories': {'bad-class': {'total': 10}}}, V('1.23'), None),
 ('PUT', '/resource_providers/' + U1 + '/inventories', {'resource_provider_generation': 1, 'inventories': {'MEMORY_MB': {'total': 10}, 'VCPU': {'total': 3}}}, V('1.23'), None),
 ('GET', '/resource_providers/' + U1 + '/inventories', None, V('1.15'), None),
 ('DELETE', '/resource_providers/' + U1 + '/inventories/DISK_GB', None, V('1.23'), None),
 ('DELETE', '/resource_providers/' + U1 + '/inventories/CUSTOM_NOPE', None, V('1.23'), None),
 ('GET', '/resource_providers/' + U1 + '/inventories/DISK_GB', None, V('1.23'), None),
 ('GET', '/resource_providers/' + U2 + '/inventories', None, {}, None),
 ('GET', '/resource_providers/a1b2c3d4-0000-4000-8000-0000000000ff/inventories', None, {}, None),
 ('GET', '/resource_providers/a1b2c3d4-0000-4000-8000-0000000000ff/traits', None, V('1.6'), None),
 ('PUT', '/resource_providers/' + U1 + '/aggregates', [AG], V('1.1'), None),
 ('PUT', '/resource_providers/' + U1 + '/aggregates', {'aggregates': [AG], 'resource_provider_generation': 0}, V('1.19'), None),
 ('PUT', '/resource_providers/' + U1 + '/aggregates', ['not-uuid'], V('1.1'), None),
 ('GET', '/resource_providers/' + U1 + '/aggregates', None, V('1.0'), None),
 ('GET', '/resource_providers/' + U1 + '/aggregates', None, dict(V('1.0'), accept='text/plain'), None),
 ('GET', '/resource_providers?member_of=' + AG, None, V('1.3'), None),
 ('GET', '/resource_providers?resources=VCPU:1', None, V('1.4'), None),
 ('GET', '/resource_providers?resources=VCPU:x', None, V('1.4'), None),
 ('GET', '/resource_providers?resources=CUSTOM_NOPE:1', None, V('1.4'), None),
 ('GET', '/resource_providers?required=CUSTOM_NOPE', None, V('1.18'), None),
 ('GET', '/resource_providers?bogus=1', None, V('1.18'), None),
 ('PUT', '/traits/CUSTOM_T', None, V('1.6'), None),
 ('PUT', '/resource_providers/' + U1 + '/traits', {'traits': ['CUSTOM_T', 'HW_CPU_X86_AVX', 'COMPUTE_NET_ATTACH_INTERFACE'], 'resource_provider_generation': 3}, V('1.6'), None),
 ('PUT', '/resource_providers/' + U1 + '/traits', {'traits': ['CUSTOM_T', 'HW_CPU_X86_AVX', 'COMPUTE_NET_ATTACH_INTERFACE'], 'resource_provider_generation': 2}, V('1.6'), None),
 ('GET', '/resource_providers/' + U1 + '/traits', None, V('1.6'), None),
 ('GET', '/traits?associated=true', None, V('1.6'), None),
 ('GET', '/traits?name=in:CUSTOM_T,HW_CPU_X86_AVX,COMPUTE_NET_ATTACH_INTERFACE', None, V('1.6'), None),
 ('GET', '/traits?name=startswith:HW_CPU_X86_AVX', None, V('1.6'), None),
 ('GET', '/traits?name=foo', None, V('1.6'), None),
 ('DELETE', '/traits/CUSTOM_T', None, V('1.6'), None),
 ('DELETE', '/traits/CUSTOM_NOPE', None, V('1.6'), None),
 ('PUT', '/traits/custom', None, V('1.6'), None),
 ('POST', '/resource_classes', {'name': 'CUSTOM_RC'}, V('1.2'), None),
 ('POST', '/resource_classes', {'name': 'CUSTOM_RC'}, V('1.2'), None),
 ('GET', '/resource_classes/CUSTOM_RC', None, V('1.2'), None),
 ('GET', '/resource_classes/CUSTOM_NO', None, V('1.2'), None),
 ('PUT', '/resource_classes/CUSTOM_RC', {'name': 'VCPU'}, V('1.2'), None),
 ('PUT', '/resource_classes/VCPU', {'name': 'CUSTOM_Z'}, V('1.2'), None),
 ('PUT', '/resource_classes/CUSTOM_"', None, V('1.7'), None),
 ('DELETE', '/resource_classes/VCPU', None, V('1.2'), None),
 ('GET', '/resource_classes', None, V('1.1'), None),
 ('PUT', '/resource_providers/' + U1, None, {}, '{"name": "x"'),
 ('POST', '/resource_providers', None, {'content-type': 'application/json'}, '{"name": "x",}'),
 ('POST', '/resource_providers', None, {'content-type': 'application/json'}, '{"name": 1}'),
 ('POST', '/resource_providers', None, {'content-type': 'application/json'}, '[]'),
 ('POST', '/resource_providers', None, {'content-type': 'application/json'}, ''),
 ('POST', '/resource_providers', None, {'content-type': 'application/json; charset=utf-8'}, '{"name": "cs"}'),
 ('HEAD', '/resource_providers', None, {}, None),
 ('PATCH', '/resource_providers', None, {}, None),
 ('DELETE', '/resource_providers/' + U2, None, V('1.23'), None),
 ('DELETE', '/resource_providers/' + U2, None, V('1.23'), None),
 ('GET', '/resource_providers/', None, {}, None),
 ('GET', '/traits/', None, V('1.6'), None),
]
U3 = 'a1b2c3d4-0000-4000-8000-000000000003'
U4 = 'a1b2c3d4-0000-4000-8000-000000000004'
AG2 = 'a1b2c3d4-0000-4000-8000-0000000000bb'
steps2 = [
 ('GET', '/', None, {'openstack-api-version': 'compute 2.1, placement 1.5'}, None),
 ('GET', '/', None, {'openstack-api-version': 'placement 1.05'}, None),
 ('GET', '/', None, {'openstack-api-version': 'placement'}, None),
 ('GET', '/', None, {'openstack-api-version': 'placement 1'}, None),
 ('GET', '/', None, {'openstack-api-version': 'placement 1.40'}, None),
 ('GET', '/', None, {'openstack-api-version': 'PLACEMENT 1.20'}, None),
 ('GET', '/', None, {'openstack-api-version': 'placement 1.20', 'accept': 'text/html'}, None),
 ('GET', '/resource_providers', None, {'x-auth-token': 'user', 'accept': 'text/html'}, None),
 ('POST', '/resource_providers', {'name': 'p3', 'uuid': U3, 'parent_provider_uuid': U4}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': 'p3', 'uuid': U3, 'parent_provider_uuid': U3}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': 'p3', 'uuid': U3, 'parent_provider_uuid': None}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': 'p4', 'uuid': U4, 'parent_provider_uuid': U3}, V('1.13'), None),
 ('POST', '/resource_providers', {'name': 'p4', 'uuid': U4, 'parent_provider_uuid': U3}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': '', 'uuid': U4}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': 'x' * 201}, V('1.14'), None),
 ('POST', '/resource_providers', {'name': '\u2603 snow'}, V('1.20'), None),
 ('PUT', '/resource_providers/' + U3, {'name': 'p3', 'parent_provider_uuid': U4}, V('1.14'), None),
 ('PUT', '/resource_providers/' + U4, {'name': 'p4', 'parent_provider_uuid': None}, V('1.14'), None),
 ('PUT', '/resource_providers/' + U4, {'name': 'p4', 'parent_provider_uuid': None}, V('1.37'), None),
 ('PUT', '/resource_providers/' + U4, {'name': 'p4', 'parent_provider_uuid': U3}, V('1.37'), None),
 ('PUT', '/resource_providers/' + U4, {'name': 'p4', 'uuid': U4}, V('1.37'), None),
 ('GET', '/resource_providers?in_tree=' + U4, None, V('1.14'), None),
 ('DELETE', '/resource_providers/' + U3, None, V('1.23'), None),
 ('PUT', '/resource_providers/' + U3 + '/aggregates', {'aggregates': [AG2], 'resource_provider_generation': 0}, V('1.19'), None),
 ('PUT', '/resource_providers/' + U4 + '/aggregates', {'aggregates': [AG2, AG], 'resource_provider_generation': 0}, V('1.19'), None),
 ('GET', '/resource_providers?member_of=in:' + AG + ',' + AG2, None, V('1.3'), None),
 ('GET', '/resource_providers?member_of=' + AG + ',' + AG2, None, V('1.3'), None),
 ('GET', '/resource_providers?member_of=' + AG + '&member_of=' + AG2, None, V('1.23'), None),
 ('GET', '/resource_providers?member_of=' + AG + '&member_of=' + AG2, None, V('1.24'), None),
 ('GET', '/resource_providers?member_of=!' + AG, None, V('1.31'), None),
 ('GET', '/resource_providers?member_of=!' + AG, None, V('1.32'), None),
 ('GET', '/resource_providers?member_of=!in:' + AG + ',' + AG2, None, V('1.32'), None),
 ('PUT', '/resource_providers/' + U4 + '/traits', {'traits': ['HW_CPU_X86_SSE'], 'resource_provider_generation': 1}, V('1.6'), None),
 ('GET', '/resource_providers?required=HW_CPU_X86_SSE', None, V('1.18'), None),
 ('GET', '/resource_providers?required=!HW_CPU_X86_SSE', None, V('1.18'), None),
 ('GET', '/resource_providers?required=!HW_CPU_X86_SSE', None, V('1.22'), None),
 ('GET', '/resource_providers?required=in:HW_CPU_X86_SSE,HW_CPU_X86_SSE2', None, V('1.38'), None),
 ('GET', '/resource_providers?required=in:HW_CPU_X86_SSE,HW_CPU_X86_SSE2', None, V('1.39'), None),
 ('GET', '/resource_providers?required=HW_CPU_X86_SSE&required=HW_CPU_X86_SSE2', None, V('1.39'), None),
 ('GET', '/resource_providers?required=', None, V('1.39'), None),
 ('GET', '/resource_providers?resources=', None, V('1.4'), None),
 ('GET', '/resource_providers?resources=VCPU:0', None, V('1.4'), None),
 ('GET', '/resource_providers?resources=VCPU', None, V('1.4'), None),
 ('GET', '/resource_providers?name=' + 'p4', None, V('1.0'), None),
 ('GET', '/resource_providers?uuid=' + U4.upper(), None, V('1.0'), None),
 ('GET', '/resource_providers/' + U4.upper(), None, V('1.0'), None),
 ('GET', '/resource_providers/' + U4 + '/inventories', None, V('1.15'), None),
 ('GET', '/resource_providers/' + U4 + '/traits', None, V('1.15'), None),
 ('GET', '/resource_providers/' + U4 + '/aggregates', None, V('1.15'), None),
 ('GET', '/traits/HW_CPU_X86_SSE', None, V('1.15'), None),
 ('GET', '/resource_classes/VCPU', None, V('1.15'), None),
 ('PUT', '/resource_classes/CUSTOM_' + 'A' * 250, None, V('1.7'), None),
 ('PUT', '/traits/CUSTOM_' + 'A' * 250, None, V('1.6'), None),
 ('POST', '/resource_providers/' + U4 + '/inventories', {'resource_class': 'VCPU', 'total': 1, 'reserved': 1}, V('1.25'), None),
 ('POST', '/resource_providers/' + U4 + '/inventories', {'resource_class': 'VCPU', 'total': 1, 'reserved': 1}, V('1.26'), None),
 ('POST', '/resource_providers/' + U4 + '/inventories', {'resource_class': 'vcpu', 'total': 1}, V('1.26'), None),
 ('POST', '/resource_providers/' + U4 + '/inventories', {'resource_class': 'DISK_GB', 'total': 1, 'allocation_ratio': 0.5}, V('1.26'), None),
 ('PUT', '/resource_providers/' + U4 + '/inventories/DISK_GB', {'resource_provider_generation': 4, 'total': 3, 'allocation_ratio': 0.5, 'min_unit': 5}, V('1.26'), None),
 ('GET', '/resource_providers/' + U4 + '/inventories', None, V('1.26'), None),
 ('DELETE', '/resource_providers/' + U4 + '/inventories', None, V('1.5'), None),
 ('DELETE', '/resource_providers/' + U4 + '/inventories', None, V('1.5'), None),
 ('GET', '/resource_providers/' + U4, None, V('1.5'), None),
 ('DELETE', '/resource_providers/' + U4 + '/traits', None, V('1.6'), None),
 ('DELETE', '/resource_providers/' + U4 + '/traits', None, V('1.6'), None),
 ('GET', '/resource_providers/' + U4, None, V('1.5'), None),
 ('GET', '/resource_providers/' + U4 + '/usages', None, V('1.5'), None),
 ('GET', '/placement', None, {}, None),
]
steps = steps + steps2


def run_requests():
    reset()
    diffs = 0
    for i, (m, p, body, h, raw) in enumerate(steps):
        a = req(A, m, p, body, h, raw)
        b = req(B, m, p, body, h, raw)
        problems = []
        if a[0] != b[0]:
            problems.append(f'status {a[0]} vs {b[0]}')
        for k in HDRS:
            av, bv = a[1].get(k), b[1].get(k)
            if k == 'last-modified' and (av is None) == (bv is None):
                continue
            if norm(av or '') != norm(bv or ''):
                problems.append(f'{k}: {av!r} vs {bv!r}')
        if body_norm(a[2]) != body_norm(b[2]):
            problems.append(f'body:\n   real {norm(a[2])[:400]!r}\n   mock {norm(b[2])[:400]!r}')
        if problems:
            diffs += 1
            print(f'#{i} {m} {p} {h}', *problems, sep='\n  ')
    print('request diffs', diffs, 'of', len(steps))
    return diffs


def status_of(host, method, path, headers):
    c = http.client.HTTPConnection(*host, timeout=10)
    c.request(method, path, headers=headers)
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def run_policy():
    """Every profile x token/roles/scope/project combination x a few rules: same status?"""
    combos = []
    for token in ['admin', 'user', 'user:p1', 'admin:p1']:
        for roles in [None, 'admin', 'reader', 'member,reader', 'admin,member,reader']:
            for scope in [None, 'all']:
                for proj in [None, 'p1']:
                    h = {'x-auth-token': token, 'openstack-api-version': 'placement latest'}
                    if roles:
                        h['x-roles'] = roles
                    if scope:
                        h['openstack-system-scope'] = scope
                    if proj:
                        h['x-project-id'] = proj
                    combos.append(h)
    calls = [('GET', '/resource_providers'), ('GET', '/usages?project_id=p1'), ('GET', '/usages?project_id=p2'),
             ('PUT', '/traits/CUSTOM_POLICY'), ('GET', '/resource_classes')]
    total = diff = 0
    for profile in ['default', 'secure-rbac', 'open-policy']:
        reset(profile)
        for h in combos:
            for m, p in calls:
                a, b = status_of(A, m, p, h), status_of(B, m, p, h)
                total += 1
                if a != b:
                    diff += 1
                    print(profile, m, p, h, a, b)
    print('policy diffs', diff, 'of', total)
    return diff


if __name__ == '__main__':
    what = sys.argv[1] if len(sys.argv) > 1 else 'all'
    if what in ('requests', 'all'):
        run_requests()
    if what in ('policy', 'all'):
        run_policy()
