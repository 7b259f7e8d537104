#!/usr/bin/python3
"""Differential check of the allocation/usage/reshaper API: the same request scripts go to the
real Placement (oracle) and to novamock, and every difference in status, body (request ids
masked, jsonschema's pprint dump of the schema cut) and key headers is printed.

Both targets must start EMPTY (restart the oracle with start-real-placement.sh, reset novamock
with POST /_mock/reset); each scenario needs a fresh pair.

  ORACLE=127.0.0.1:18782 MOCK=127.0.0.1:18221 scripts/placement-allocations-oracle-diff.py s1

ORDERED=1 compares JSON key order as well.

Known, accepted differences: Location carries each server's own host:port; the 406 HTML page
layout; and (s2) upstream leaves a consumer behind after a 400 for a missing provider, which
novamock rolls back (see src/placement/allocations/write-allocations.ts).
"""
import http.client, json, os, sys

def _hp(v):
    h, p = v.rsplit(':', 1)
    return (h, int(p))

TARGETS = {'oracle': _hp(os.environ.get('ORACLE', '127.0.0.1:18782')), 'mock': _hp(os.environ.get('MOCK', '127.0.0.1:18221'))}
RP1 = '11111111-0000-4000-8000-000000000001'
RP2 = '11111111-0000-4000-8000-000000000002'
C = ['c0000000-0000-4000-8000-00000000000%d' % i for i in range(10)]
def req(target, method, path, version='1.39', body=None, headers=None, raw=None):
    host, port = TARGETS[target]
    conn = http.client.HTTPConnection(host, port)
    h = {'x-auth-token': 'admin', 'accept': 'application/json', 'openstack-api-version': 'placement ' + version}
    if body is not None or raw is not None:
        h['content-type'] = 'application/json'
    h.update(headers or {})
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    conn.request(method, path, body=data, headers=h)
    r = conn.getresponse()
    text = r.read().decode()
    try:
        # ORDERED=1 also compares JSON key order (byte-level fidelity).
        hook = (lambda pairs: {'__pairs__': [k for k, _ in pairs], **dict(pairs)}) if os.environ.get('ORDERED') else None
        js = json.loads(text, object_pairs_hook=hook) if text else None
    except Exception:
        js = text
    hdrs = {k.lower(): v for k, v in r.getheaders() if k.lower() in ('allow', 'cache-control', 'content-type')}
    if any(k.lower() == 'location' for k, _ in r.getheaders()):
        hdrs['location'] = '/' + dict((k.lower(), v) for k, v in r.getheaders())['location'].split('/', 3)[-1]
    if 'last-modified' in {k.lower() for k, _ in r.getheaders()}:
        hdrs['last-modified'] = '<present>'
    return r.status, scrub(js), hdrs

def scrub(js):
    if isinstance(js, dict):
        return {k: ('<id>' if k == 'request_id' else (v.split('Failed validating')[0] if k == 'detail' and isinstance(v, str) else scrub(v))) for k, v in js.items()}
    if isinstance(js, list):
        return [scrub(x) for x in js]
    return js

def run(steps):
    bad = 0
    for i, step in enumerate(steps):
        out = {t: req(t, *step[0:2], **step[2]) if len(step) > 2 else req(t, *step) for t in TARGETS}
        if out['oracle'] != out['mock']:
            bad += 1
            print('### DIFF step %d %s %s %s' % (i, step[0], step[1], json.dumps(step[2] if len(step) > 2 else {})[:300]))
            for t in TARGETS:
                print('  %-6s %s' % (t, json.dumps(out[t])[:1500]))
    print('steps=%d diffs=%d' % (len(steps), bad))


def s1(RP1, RP2, C):
    d = lambda **kw: kw
    return [
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp1', 'uuid': RP1})),
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp2', 'uuid': RP2})),
      ('PUT', '/resource_providers/%s/inventories' % RP1, d(version='1.20', body={'resource_provider_generation': 0, 'inventories': {'VCPU': {'total': 3, 'allocation_ratio': 1.5}, 'DISK_GB': {'total': 100, 'step_size': 10}, 'MEMORY_MB': {'total': 1000, 'reserved': 100}}})),
      ('PUT', '/resource_providers/%s/inventories' % RP2, d(version='1.20', body={'resource_provider_generation': 0, 'inventories': {'MEMORY_MB': {'total': 10}}})),
      # list form, same provider twice: later wins
      ('PUT', '/allocations/' + C[0], d(version='1.7', body={'allocations': [{'resource_provider': {'uuid': RP1}, 'resources': {'VCPU': 1}}, {'resource_provider': {'uuid': RP1}, 'resources': {'DISK_GB': 10}}]})),
      ('GET', '/allocations/' + C[0], d(version='1.38')),
      ('GET', '/allocations/' + C[0].replace('-', ''), d(version='1.38')),
      ('GET', '/allocations/' + C[0].upper(), d(version='1.38')),
      # float ratio: capacity 4.5
      ('PUT', '/allocations/' + C[1], d(version='1.28', body={'allocations': {RP1: {'resources': {'VCPU': 4}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[1], d(version='1.28', body={'allocations': {RP1: {'resources': {'VCPU': 3, 'MEMORY_MB': 900}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[1], d(version='1.28', body={'allocations': {RP1: {'resources': {'VCPU': 3, 'MEMORY_MB': 901}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[1], d(version='1.28', body={'allocations': {RP1: {'resources': {'VCPU': 3, 'MEMORY_MB': 900}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      # missing inventory, several classes
      ('PUT', '/allocations/' + C[2], d(version='1.28', body={'allocations': {RP2: {'resources': {'VCPU': 1, 'DISK_GB': 10, 'PCI_DEVICE': 1}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[2], d(version='1.28', body={'allocations': {RP2: {'resources': {'MEMORY_MB': 1, 'DISK_GB': 10}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[2], d(version='1.28', body={'allocations': {RP1: {'resources': {'DISK_GB': 15}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[2], d(version='1.28', body={'allocations': {RP1: {'resources': {'DISK_GB': 10}, 'generation': 99}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': '1'})),
      ('PUT', '/allocations/' + C[2], d(version='1.28', body={'allocations': {RP1: {'resources': {'DISK_GB': 10}, 'generation': 99}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('GET', '/allocations/' + C[2], d(version='1.28')),
      ('GET', '/resource_providers/%s/allocations' % RP1, d(version='1.0')),
      ('GET', '/resource_providers/%s/allocations' % RP1, d(version='1.28')),
      ('GET', '/resource_providers/%s/usages' % RP1, d(version='1.0')),
      ('GET', '/resource_providers/%s/usages' % RP2, d(version='1.15')),
      # empty allocations for new consumer, then with gen 0
      ('PUT', '/allocations/' + C[3], d(version='1.28', body={'allocations': {}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('GET', '/allocations/' + C[3], d(version='1.28')),
      ('PUT', '/allocations/' + C[3], d(version='1.28', body={'allocations': {RP2: {'resources': {'MEMORY_MB': 1}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': None})),
      ('PUT', '/allocations/' + C[3], d(version='1.38', body={'allocations': {RP2: {'resources': {'MEMORY_MB': 1}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': 0, 'consumer_type': 'MIGRATION'})),
      ('GET', '/allocations/' + C[3], d(version='1.38')),
      # POST with mixed
      ('POST', '/allocations', d(version='1.38', body={C[4]: {'allocations': {}, 'project_id': 'p2', 'user_id': 'u2', 'consumer_generation': None, 'consumer_type': 'INSTANCE'}, C[3]: {'allocations': {RP2: {'resources': {'MEMORY_MB': 2}}}, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': 1, 'consumer_type': 'INSTANCE'}})),
      ('GET', '/allocations/' + C[3], d(version='1.38')),
      ('POST', '/allocations', d(version='1.38', body={C[4]: {'allocations': {}, 'project_id': 'p2', 'user_id': 'u2', 'consumer_generation': None, 'consumer_type': 'INSTANCE'}})),
      ('POST', '/allocations', d(version='1.13', body={C[5]: {'allocations': {RP2: {'resources': {'COWS': 1}}}, 'project_id': 'p2', 'user_id': 'u2'}})),
      ('POST', '/allocations', d(version='1.13', body={})),
      ('POST', '/allocations', d(version='1.13', raw='[]')),
      ('POST', '/allocations', d(version='1.13', raw='{"x": ')),
      ('PUT', '/allocations/' + C[5], d(version='1.13', raw='')),
      ('PUT', '/allocations/' + C[5], d(version='1.13', headers={'content-type': 'text/plain'}, raw='{}')),
      ('GET', '/usages?project_id=p', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=all', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=unknown', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=INSTANCE&user_id=u', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=bad-type', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=all', d(version='1.37')),
      ('GET', '/usages?project_id=p&project_id=00000000-0000-0000-0000-000000000000', d(version='1.9')),
      ('GET', '/usages?project_id=00000000-0000-0000-0000-000000000000', d(version='1.9')),
      ('DELETE', '/allocations/' + C[0].upper(), d()),
      ('DELETE', '/allocations/' + C[0], d()),
      ('GET', '/resource_providers/%s' % RP1, d(version='1.14')),
      ('DELETE', '/allocations/' + C[0], d()),
      ('GET', '/allocations/' + C[0], d(version='1.15')),
      ('GET', '/allocations/' + C[1], d(version='1.0', headers={'accept': 'text/html'})),
    ]

def s2(RP1, RP2, C):
    d = lambda **kw: kw
    RP3 = '11111111-0000-4000-8000-000000000003'
    inv = lambda gen, invs: {'resource_provider_generation': gen, 'inventories': invs}
    al = lambda allocs, gen, **kw: dict({'allocations': allocs, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': gen}, **kw)
    return [
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp1', 'uuid': RP1})),
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp2', 'uuid': RP2, 'parent_provider_uuid': RP1})),
      ('PUT', '/resource_providers/%s/inventories' % RP1, d(version='1.20', body=inv(0, {'VCPU': {'total': 8}, 'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64}}))),
      ('PUT', '/allocations/' + C[0], d(version='1.28', body=al({RP1: {'resources': {'VCPU': 2, 'DISK_GB': 10}}}, None))),
      ('PUT', '/allocations/' + C[1], d(version='1.28', body=al({RP1: {'resources': {'VCPU': 1, 'MEMORY_MB': 4}}}, None))),
      # POST: second consumer points at missing provider, first at a good one
      ('POST', '/allocations', d(version='1.28', body={C[2]: al({RP1: {'resources': {'VCPU': 1}}}, None), C[3]: al({RP3: {'resources': {'VCPU': 1}}}, None)})),
      ('GET', '/allocations/' + C[2], d(version='1.28')),
      # POST: unknown class in second consumer, conflict in first
      ('POST', '/allocations', d(version='1.28', body={C[0]: al({RP1: {'resources': {'VCPU': 100}}}, 1), C[3]: al({RP1: {'resources': {'CUSTOM_X': 1}}}, None)})),
      ('POST', '/allocations', d(version='1.28', body={C[0]: al({RP1: {'resources': {'VCPU': 1}}}, 5), C[3]: al({RP1: {'resources': {'CUSTOM_X': 1}}}, None)})),
      # reshape: not found provider in allocations
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(3, {'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64}}), RP2: inv(0, {'VCPU': {'total': 8}})},
          'allocations': {C[0]: al({RP1: {'resources': {'DISK_GB': 10}}, RP3: {'resources': {'VCPU': 2}}}, 1)}})),
      # reshape: VCPU moved but C1's VCPU left on RP1 -> inventory in use
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(3, {'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64}}), RP2: inv(0, {'VCPU': {'total': 8}})},
          'allocations': {C[0]: al({RP1: {'resources': {'DISK_GB': 10}}, RP2: {'resources': {'VCPU': 2}}}, 1)}})),
      # reshape: capacity exceeded on child
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(3, {'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64}}), RP2: inv(0, {'VCPU': {'total': 2}})},
          'allocations': {C[0]: al({RP1: {'resources': {'DISK_GB': 10}}, RP2: {'resources': {'VCPU': 2}}}, 1), C[1]: al({RP1: {'resources': {'MEMORY_MB': 4}}, RP2: {'resources': {'VCPU': 1}}}, 1)}})),
      # reshape: inventory with reserved > total (reshaper does not check)
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(3, {'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64, 'reserved': 100}}), RP2: inv(0, {'VCPU': {'total': 8}})},
          'allocations': {C[0]: al({RP1: {'resources': {'DISK_GB': 10}}, RP2: {'resources': {'VCPU': 2}}}, 1), C[1]: al({RP1: {'resources': {'MEMORY_MB': 4}}, RP2: {'resources': {'VCPU': 1}}}, 1), C[2]: al({RP2: {'resources': {'VCPU': 1}}}, 1)}})),
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(3, {'DISK_GB': {'total': 100}, 'MEMORY_MB': {'total': 64}}), RP2: inv(0, {'VCPU': {'total': 8}})},
          'allocations': {C[0]: al({RP1: {'resources': {'DISK_GB': 10}}, RP2: {'resources': {'VCPU': 2}}}, 1), C[1]: al({RP1: {'resources': {'MEMORY_MB': 4}}, RP2: {'resources': {'VCPU': 1}}}, 1), C[2]: al({RP2: {'resources': {'VCPU': 1}}}, 1)}})),
      ('GET', '/resource_providers/%s/usages' % RP1, d(version='1.30')),
      ('GET', '/resource_providers/%s/usages' % RP2, d(version='1.30')),
      ('GET', '/resource_providers/%s/inventories' % RP1, d(version='1.30')),
      ('GET', '/resource_providers/%s/inventories' % RP2, d(version='1.30')),
      ('GET', '/allocations/' + C[1], d(version='1.30')),
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {}, 'allocations': {}})),
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP1: inv(6, {})}, 'allocations': {}})),
      ('POST', '/reshaper', d(version='1.30', body={'inventories': {RP2: inv(3, {})}, 'allocations': {C[0]: al({}, 2), C[1]: al({}, 2), C[2]: al({}, 2)}})),
      ('GET', '/resource_providers/%s/usages' % RP2, d(version='1.30')),
      ('GET', '/resource_providers/%s/usages' % RP1, d(version='1.30')),
      ('GET', '/allocations/' + C[0], d(version='1.30')),
      ('POST', '/reshaper', d(version='1.30', headers={'x-auth-token': 'user'}, body={'inventories': {}, 'allocations': {}})),
      ('PUT', '/allocations/' + C[5], d(version='1.28', headers={'x-auth-token': 'user'}, body={})),
      ('GET', '/usages?project_id=p', d(version='1.9', headers={'x-auth-token': 'user:p'})),
      ('GET', '/usages?project_id=q', d(version='1.9', headers={'x-auth-token': 'user:p'})),
      ('GET', '/resource_providers/%s/allocations' % RP1, d(version='1.9', headers={'x-auth-token': 'user:p'})),
    ]

def s3(RP1, RP2, C):
    d = lambda **kw: kw
    bodies = ['null', '"x"', '1', '{"allocations": null}', '{"allocations": []}', '{"allocations": {"%s": []}}' % RP1,
              '{"allocations": {"%s": {"resources": []}}}' % RP1, '{"allocations": {"%s": {"resources": {"VCPU": 1.5}}}, "project_id": "p", "user_id": "u", "consumer_generation": null}' % RP1,
              '{"allocations": {"%s": {"resources": {"VCPU": 1}}}, "project_id": "p", "user_id": "u", "consumer_generation": 1.5}' % RP1,
              '{"allocations": {"%s": {"resources": {"VCPU": 1}}}, "project_id": 5, "user_id": "u", "consumer_generation": null}' % RP1,
              '{"allocations": {}, "project_id": "p", "user_id": "u", "consumer_generation": null, "mappings": {"a": ["not-uuid"]}}',
              '{"allocations": {}, "project_id": "p", "user_id": "u", "consumer_generation": null, "mappings": {"": []}}',
              '{"allocations": {}, "project_id": "p", "user_id": "u", "consumer_generation": null, "consumer_type": ""}',
              '{"allocations": {}, "project_id": "p", "user_id": "u", "consumer_generation": null, "consumer_type": "%s"}' % ('A' * 256),
              '{"allocations": {"%s": {"resources": {"VCPU": 1}}}, "project_id": "p", "user_id": "u", "consumer_generation": -1}' % RP1,
              ]
    out = [('POST', '/resource_providers', d(version='1.20', body={'name': 'rp1', 'uuid': RP1}))]
    for v in ('1.0', '1.12', '1.28', '1.34', '1.38'):
        for b in bodies:
            out.append(('PUT', '/allocations/' + C[7], d(version=v, raw=b)))
    for b in bodies[:4]:
        out.append(('POST', '/allocations', d(version='1.38', raw=b)))
        out.append(('POST', '/reshaper', d(version='1.38', raw=b)))
    out.append(('GET', '/allocations/' + C[7], d(version='1.38')))
    return out

def s4(RP1, RP2, C):
    d = lambda **kw: kw
    al = lambda allocs, p, u, t=None: dict({'allocations': allocs, 'project_id': p, 'user_id': u, 'consumer_generation': None}, **({'consumer_type': t} if t else {}))
    out = [
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp1', 'uuid': RP1})),
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp2', 'uuid': RP2})),
      ('PUT', '/resource_providers/%s/inventories' % RP1, d(version='1.20', body={'resource_provider_generation': 0, 'inventories': {'VCPU': {'total': 64}, 'MEMORY_MB': {'total': 8192}, 'DISK_GB': {'total': 1000}}})),
      ('PUT', '/resource_providers/%s/inventories' % RP2, d(version='1.20', body={'resource_provider_generation': 0, 'inventories': {'VCPU': {'total': 64}, 'DISK_GB': {'total': 1000}}})),
      ('PUT', '/allocations/' + C[0], d(version='1.38', body=al({RP1: {'resources': {'VCPU': 2, 'MEMORY_MB': 512}}, RP2: {'resources': {'DISK_GB': 10}}}, 'pa', 'ua', 'INSTANCE'))),
      ('PUT', '/allocations/' + C[1], d(version='1.38', body=al({RP1: {'resources': {'VCPU': 1}}}, 'pa', 'ub', 'INSTANCE'))),
      ('PUT', '/allocations/' + C[2], d(version='1.38', body=al({RP2: {'resources': {'VCPU': 4, 'DISK_GB': 5}}}, 'pa', 'ua', 'MIGRATION'))),
      ('PUT', '/allocations/' + C[3], d(version='1.37', body=al({RP2: {'resources': {'VCPU': 8}}, RP1: {'resources': {'MEMORY_MB': 8}}}, 'pa', 'ub'))),
      ('PUT', '/allocations/' + C[4], d(version='1.37', body=al({RP2: {'resources': {'VCPU': 16}}}, 'pb', 'ub'))),
    ]
    for q in ['project_id=pa', 'project_id=pa&user_id=ua', 'project_id=pa&user_id=ub', 'project_id=pb', 'project_id=pc']:
        for ct in ['', '&consumer_type=all', '&consumer_type=unknown', '&consumer_type=INSTANCE', '&consumer_type=MIGRATION']:
            out.append(('GET', '/usages?' + q + ct, d(version='1.38')))
        out.append(('GET', '/usages?' + q, d(version='1.9')))
    out += [
      ('GET', '/resource_providers/%s/usages' % RP1, d(version='1.38')),
      ('GET', '/resource_providers/%s/usages' % RP2, d(version='1.38')),
      ('GET', '/resource_providers/%s/allocations' % RP2, d(version='1.38')),
      ('GET', '/allocations/' + C[3], d(version='1.38')),
      ('PUT', '/allocations/' + C[3], d(version='1.38', body=dict(al({RP2: {'resources': {'VCPU': 8}}}, 'pb', 'ua', 'MIGRATION'), consumer_generation=1))),
      ('GET', '/usages?project_id=pb', d(version='1.38')),
      ('GET', '/usages?project_id=pa', d(version='1.38')),
      ('GET', '/usages?user_id=ua', d(version='1.38')),
      ('GET', '/usages?project_id=pa&user_id=ua&consumer_type=all&consumer_type=MIGRATION', d(version='1.38')),
    ]
    return out


def s5(RP1, RP2, C):
    """Consumer types through PUT/POST/reshaper, mappings, and type changes."""
    d = lambda **kw: kw
    inv = lambda gen, invs: {'resource_provider_generation': gen, 'inventories': invs}
    al = lambda allocs, gen, **kw: dict({'allocations': allocs, 'project_id': 'p', 'user_id': 'u', 'consumer_generation': gen}, **kw)
    return [
      ('POST', '/resource_providers', d(version='1.20', body={'name': 'rp1', 'uuid': RP1})),
      ('PUT', '/resource_providers/%s/inventories' % RP1, d(version='1.20', body=inv(0, {'VCPU': {'total': 8}, 'DISK_GB': {'total': 100}}))),
      ('PUT', '/allocations/' + C[0], d(version='1.34', body=al({RP1: {'resources': {'VCPU': 1}}}, None, mappings={'': [RP1], '_NET1': [RP1]}))),
      ('PUT', '/allocations/' + C[0], d(version='1.34', body=al({RP1: {'resources': {'VCPU': 1}}}, 1, mappings={'a': []}))),
      ('GET', '/allocations/' + C[0], d(version='1.39')),
      ('POST', '/allocations', d(version='1.38', body={C[0]: al({RP1: {'resources': {'VCPU': 2}}}, 1, consumer_type='INSTANCE'), C[1]: al({RP1: {'resources': {'DISK_GB': 5}}}, None, consumer_type='MIGRATION', mappings={'x': [RP1]})})),
      ('GET', '/allocations/' + C[0], d(version='1.38')),
      ('GET', '/allocations/' + C[1], d(version='1.38')),
      ('PUT', '/allocations/' + C[1], d(version='1.37', body=al({RP1: {'resources': {'DISK_GB': 6}}}, 1))),
      ('GET', '/allocations/' + C[1], d(version='1.38')),
      ('POST', '/reshaper', d(version='1.38', body={'inventories': {RP1: inv(4, {'VCPU': {'total': 8}, 'DISK_GB': {'total': 100}})},
          'allocations': {C[1]: al({RP1: {'resources': {'DISK_GB': 7}}}, 2, consumer_type='RESHAPED', mappings={'': [RP1]}), C[2]: al({}, None, consumer_type='EMPTY')}})),
      ('GET', '/allocations/' + C[1], d(version='1.38')),
      ('GET', '/allocations/' + C[2], d(version='1.38')),
      ('PUT', '/allocations/' + C[2], d(version='1.38', body=al({RP1: {'resources': {'VCPU': 1}}}, None, consumer_type='X'))),
      ('PUT', '/allocations/' + C[2], d(version='1.38', body=al({RP1: {'resources': {'VCPU': 1}}}, 0, consumer_type='X'))),
      ('GET', '/usages?project_id=p', d(version='1.38')),
      ('GET', '/usages?project_id=p&consumer_type=RESHAPED', d(version='1.39')),
      ('GET', '/resource_providers/%s/allocations' % RP1, d(version='1.38')),
      ('DELETE', '/allocations/' + C[1], d(version='1.38')),
      ('GET', '/usages?project_id=p', d(version='1.38')),
    ]


if __name__ == '__main__':
    names = sys.argv[1:] or ['s1']
    for n in names:
        print('== %s' % n)
        run(globals()[n](RP1, RP2, C))
