// serverDetailJson (GET /servers/detail's writer) against JSON.stringify(serverDetail(...)) (the show
// view): the same text for every microversion the view branches on, admin and member, and records
// with awkward values (escapes, non-ASCII, lone surrogates, integer-like keys, nulls, faults, ports).
import { describe, expect, test } from 'vitest';
import { detailJsonMemo, serverDetail, serverDetailJson, type ServerViewInput } from '../../../src/compute/views/servers.js';
import { createLinks } from '../../../src/compute/views/links.js';
import { Microversion } from '../../../src/http/microversion.js';
import type { FaultRecord, FlavorRecord, InstanceRecord } from '../../../src/compute-db/records.js';
import type { Vif } from '../../../src/networking-client/network-api.js';

const VERSIONS = ['2.1', '2.2', '2.3', '2.8', '2.9', '2.15', '2.16', '2.18', '2.19', '2.25', '2.26', '2.46', '2.47', '2.62', '2.63',
  '2.70', '2.71', '2.72', '2.73', '2.89', '2.90', '2.93'];

const flavor = (o: Partial<FlavorRecord> = {}): FlavorRecord => ({
  id: 1, flavorid: '1', name: 'm1.tiny', vcpus: 1, memoryMb: 512, rootGb: 1, ephemeralGb: 0, swap: 0, rxtxFactor: 1, vcpuWeight: null,
  disabled: false, isPublic: true, description: null, extraSpecs: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: null, ...o,
});

const base: InstanceRecord = {
  id: 42, uuid: '6f0d6c1e-8d0a-4c55-9a55-0d3c4c4b7a01', displayName: 'vm-1', displayDescription: null, hostname: 'vm-1',
  projectId: 'p1', userId: 'u1', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavor: flavor(), oldFlavor: null, newFlavor: null,
  vmState: 'active', taskState: null, powerState: 1, host: 'host1', node: 'node1', launchedOn: 'host1', availabilityZone: null,
  requestedAz: null, metadata: {}, systemMetadata: { image_min_ram: '0' }, keyName: null, keyData: null, locked: false, lockedBy: null,
  lockedReason: null, accessIpV4: null, accessIpV6: null, configDrive: '', autoDiskConfig: false, kernelId: '', ramdiskId: '', tags: [],
  trustedCerts: null, userData: null, reservationId: 'r-00000001', launchIndex: 0, rootDeviceName: '/dev/sda', progress: null,
  launchedAt: '2026-01-01T00:00:02.893Z', terminatedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:03.000Z',
  deletedAt: null, deleted: false, cell: 'cell1', cellId: 7,
};

const fault = (o: Partial<FaultRecord> = {}): FaultRecord => ({
  id: 1, instanceUuid: base.uuid, code: 500, message: 'No valid host was found. ', details: 'Traceback "x"\n  line 1', host: null,
  createdAt: '2026-01-01T00:00:01.123Z', ...o,
});

const vifs: Vif[] = [
  { port_id: 'p1', network_id: 'n1', network_label: 'private', mac: 'fa:16:3e:00:00:01', preserve_on_delete: false,
    ips: [{ address: '10.0.0.5', version: 4, floating: ['172.24.4.9'] }, { address: 'fd00::5', version: 6, floating: [] }] },
  { port_id: 'p2', network_id: 'n2', network_label: '10', mac: 'fa:16:3e:00:00:02', preserve_on_delete: true,
    ips: [{ address: '192.168.233.7', version: 4, floating: [] }] },
  { port_id: 'p3', network_id: 'n1', network_label: 'private', mac: 'fa:16:3e:00:00:03', preserve_on_delete: false,
    ips: [{ address: '10.0.0.6', version: 4, floating: [] }] },
];

const AWKWARD = 'q"uote\\back\nline\ttab\u0001ctl \u00e9t\u00e9 \u2028 \ud83d\ude00 lone\ud800 end\udc00';

// each alone: a string with only one kind of character to escape (or none: non-ASCII, a pair)
const SINGLES = ['lone \ud800 high', 'lone \udc00 low', 'pair \ud83d\ude00', 'q"', 'b\\', 'n\n', 'c\u001f', 'del\u007f', '\u00e9\u2028\u2029'];

const cases: [string, ServerViewInput][] = [
  ...SINGLES.map((x, n): [string, ServerViewInput] => [`single ${n}`, {
    instance: { ...base, displayName: x, hostname: x, keyName: x, displayDescription: x, metadata: { [x]: x }, tags: [x], host: x, node: x },
    fault: null, hostStatus: x, hostAvailabilityZone: x }]),
  ['plain active', { instance: base, fault: null }],
  ['page inputs, admin zone and status', { instance: base, fault: null, hostStatus: 'UP', hostAvailabilityZone: 'az1', networkInfo: [], securityGroups: undefined, volumesAttached: [] }],
  ['awkward strings', {
    instance: { ...base, displayName: AWKWARD, displayDescription: AWKWARD, hostname: AWKWARD, keyName: AWKWARD, userData: AWKWARD,
      lockedReason: AWKWARD, accessIpV4: '1.2.3.4', accessIpV6: '::1', configDrive: 'True', kernelId: AWKWARD, ramdiskId: 'r"d',
      projectId: 'p"1', userId: 'u\\1', host: 'h\u00e9st', node: 'n\nde', reservationId: AWKWARD, rootDeviceName: AWKWARD,
      metadata: { b: AWKWARD, '2': 'two', a: '', '10': 'ten', [AWKWARD]: 'k' }, tags: [AWKWARD, 'b', 'a'], trustedCerts: [AWKWARD, 'c2'],
      flavor: flavor({ name: AWKWARD, extraSpecs: { 'hw:cpu_policy': 'dedicated', '1': AWKWARD } }), autoDiskConfig: true, locked: true,
      imageRef: 'i"mg' },
    fault: null, hostStatus: AWKWARD, hostAvailabilityZone: AWKWARD, serverGroups: [AWKWARD, 'g2'],
    securityGroups: [{ name: 'default' }, { name: AWKWARD }, { name: 'default' }], volumesAttached: [{ id: 'v1', deleteOnTermination: true }, { id: AWKWARD, deleteOnTermination: false }] }],
  ['ports and floating addresses', { instance: base, fault: null, networkInfo: vifs, securityGroups: [{ name: 'default' }] }],
  ['building hides addresses, shows progress', { instance: { ...base, vmState: 'building', taskState: 'spawning', host: null, node: null, progress: 30, launchedAt: null }, fault: null, networkInfo: vifs }],
  ['error with a 500 fault', { instance: { ...base, vmState: 'error' }, fault: fault(), hostStatus: '' }],
  ['error with a 4xx fault', { instance: { ...base, vmState: 'error' }, fault: fault({ code: 400, details: '' }) }],
  ['error without a fault', { instance: { ...base, vmState: 'error', host: null }, fault: null }],
  ['active with a fault (not shown)', { instance: base, fault: fault() }],
  ['deleted', { instance: { ...base, vmState: 'deleted', deleted: true, metadata: { a: '1' }, terminatedAt: '2026-01-02T00:00:00Z' }, fault: fault() }],
  ['soft deleted', { instance: { ...base, vmState: 'soft-delete' }, fault: null }],
  ['resized', { instance: { ...base, vmState: 'resized', progress: 100 }, fault: null, hostStatus: 'UNKNOWN' }],
  ['no image (volume-backed), no host, no zone', { instance: { ...base, imageRef: '', host: null, node: null, availabilityZone: 'az9' }, fault: null }],
  ['null image, null project and user', { instance: { ...base, imageRef: null, projectId: '', userId: '' }, fault: null }],
  ['build request', { instance: { ...base, cell: 'build_request', cellId: null, vmState: 'building', host: null }, fault: null }],
  ['cell0 id and no updated_at', { instance: { ...base, cell: 'cell0', cellId: 255, updatedAt: null, vmState: 'error' }, fault: null }],
  ['empty lists', { instance: base, fault: null, serverGroups: [], securityGroups: [], volumesAttached: [] }],
];

describe('serverDetailJson is JSON.stringify(serverDetail(...))', () => {
  const links = createLinks('http://127.0.0.1:8774/compute');
  for (const version of VERSIONS) {
    test(`${version}`, () => {
      const v = Microversion.of(version);
      for (const isAdmin of [true, false]) {
        const memo = detailJsonMemo();
        for (const [name, input] of cases) {
          const want = JSON.stringify(serverDetail(input, v, links, { isAdmin }));
          expect(serverDetailJson(input, v, links, { isAdmin }, memo), `${name} (admin: ${isAdmin})`).toBe(want);
          // a page's records share their flavor objects: the memo's text is the same
          expect(serverDetailJson(input, v, links, { isAdmin }, memo), `${name} again (admin: ${isAdmin})`).toBe(want);
        }
      }
    });
  }
  test('the legacy v2 links', () => {
    const v2 = createLinks('http://127.0.0.1:8774/compute', 'v2');
    const v = Microversion.of('2.1');
    for (const [, input] of cases) expect(serverDetailJson(input, v, v2, { isAdmin: true })).toBe(JSON.stringify(serverDetail(input, v, v2, { isAdmin: true })));
  });
});
