// The compute store's SQL on :memory: — CAS saves, filters, ordering, action/event bookkeeping.
import { beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import { createComputeStore, type ComputeStore, type ChangeRecord } from '../../../src/compute-db/compute-store.js';
import { InstanceNotFoundError, UnexpectedDeletingTaskStateError, UnexpectedTaskStateError } from '../../../src/compute-db/instances-store.js';
import type { TaskState } from '../../../src/compute-db/task-states.js';
import { DEFAULT_FLAVORS } from '../../../src/workflows/cloud-seed.js';

let store: ComputeStore;
let tick = 0;
beforeEach(() => {
  tick = 0;
  store = createComputeStore(openDatabase(':memory:'), () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)).toISOString());
  for (const f of DEFAULT_FLAVORS) store.flavors.create(f);
});

const newInstance = (uuid: string, o: Record<string, unknown> = {}) => store.instances.create({
  uuid, displayName: uuid, projectId: 'p1', userId: 'u1', flavor: store.flavors.get('1')!, vmState: 'building', taskState: 'scheduling', ...o,
});

describe('flavors', () => {
  test('seeded with internal ids 1..6 in order, extra specs attached', () => {
    expect(store.flavors.list().map((f) => [f.id, f.flavorid, f.name])).toEqual(DEFAULT_FLAVORS.map((f) => [f.id, f.flavorid, f.name]));
    expect(store.flavors.get('6')!.extraSpecs).toEqual({ 'hw:numa_nodes': '1' });
    expect(store.flavors.list({ minRam: 4096 }).map((f) => f.flavorid)).toEqual(['3', '4', '5']);
    expect(store.flavors.list({ sortKey: 'memory_mb', sortDir: 'desc' })[0]!.name).toBe('m1.xlarge');
  });
  test('private flavors are visible to projects with access only', () => {
    const f = store.flavors.create({ flavorid: 'priv', name: 'priv', vcpus: 1, memoryMb: 1, rootGb: 0, isPublic: false });
    expect(store.flavors.list({ isPublic: true, projectId: 'p1' }).some((x) => x.id === f.id)).toBe(false);
    expect(store.flavors.addAccess(f.id, 'p1')).toBe(true);
    expect(store.flavors.addAccess(f.id, 'p1')).toBe(false);
    expect(store.flavors.list({ isPublic: true, projectId: 'p1' }).some((x) => x.id === f.id)).toBe(true);
    expect(store.flavors.list({ isPublic: null }).length).toBe(7);
  });
});

describe('instances', () => {
  test('save with expected task state is compare-and-swap', () => {
    newInstance('a');
    expect(store.instances.save('a', { vmState: 'building', taskState: null }, ['scheduling']).taskState).toBeNull();
    expect(() => store.instances.save('a', { taskState: 'spawning' }, ['networking'])).toThrow(UnexpectedTaskStateError);
    expect(store.instances.get('a')!.taskState).toBeNull();
  });
  test('update writes what save writes and refuses what save refuses, without reading the row back', () => {
    // twin instances: one saved, one updated, step for step (the clock ticks alike for both)
    const steps: [Parameters<ComputeStore['instances']['save']>[1], (TaskState | null)[] | undefined][] = [
      [{ vmState: 'building', taskState: null }, ['scheduling']],
      [{ host: 'h1', node: 'h1', launchedOn: 'h1', cell: 'cell1' }, undefined],
      [{ taskState: 'spawning', rootDeviceName: '/dev/sda', metadata: { k: 'v' } }, [null]],
      [{ vmState: 'active', taskState: null, flavor: store.flavors.get('2')! }, ['spawning']],
    ];
    newInstance('s');
    newInstance('u');
    for (const [changes, expected] of steps) {
      store.instances.save('s', changes, expected);
      expect(store.instances.update('u', changes, expected)).toBeUndefined();
    }
    const { id: _s, uuid: _su, displayName: _sn, createdAt: _sc, updatedAt: su, cellId: sCell, ...saved } = store.instances.get('s')!;
    const { id: _u, uuid: _uu, displayName: _un, createdAt: _uc, updatedAt: uu, cellId: uCell, ...updated } = store.instances.get('u')!;
    expect(updated).toEqual(saved);
    expect([typeof uu, uCell]).toEqual([typeof su, sCell! + 1]);
    expect(() => store.instances.update('u', { taskState: 'spawning' }, ['networking'])).toThrow(UnexpectedTaskStateError);
    store.instances.update('u', { taskState: 'deleting' });
    expect(() => store.instances.update('u', { taskState: null }, ['spawning'])).toThrow(UnexpectedDeletingTaskStateError);
    store.instances.update('u', { vmState: 'deleted', deleted: true });
    expect(() => store.instances.update('u', { taskState: null })).toThrow(InstanceNotFoundError);
    expect(() => store.instances.update('nope', { taskState: null })).toThrow(InstanceNotFoundError);
    expect(store.instances.get('u')!.taskState).toBe('deleting');
  });
  test('flavor snapshots, metadata and flags round-trip', () => {
    newInstance('a', { metadata: { k: 'v' }, tags: ['x'], locked: true });
    const small = store.flavors.get('2')!;
    const a = store.instances.save('a', { newFlavor: small, systemMetadata: { old_vm_state: 'active' } });
    expect(a.newFlavor).toEqual(small);
    expect(a.oldFlavor).toBeNull();
    expect([a.metadata, a.tags, a.locked, a.systemMetadata]).toEqual([{ k: 'v' }, ['x'], true, { old_vm_state: 'active' }]);
  });
  test('list filters, newest first, deleted rows hidden unless asked', () => {
    newInstance('a', { host: 'h1', displayName: 'web-1' });
    newInstance('b', { host: 'h2', displayName: 'db-1', projectId: 'p2' });
    newInstance('c', { host: 'h1', displayName: 'web-2' });
    store.instances.save('c', { deleted: true, vmState: 'deleted' });
    expect(store.instances.list().map((i) => i.uuid)).toEqual(['b', 'a']);
    expect(store.instances.list({ host: 'h1', deleted: 'include' }).map((i) => i.uuid)).toEqual(['c', 'a']);
    expect(store.instances.list({ name: '^web' }).map((i) => i.uuid)).toEqual(['a']);
    expect(store.instances.list({ projectId: 'p2' }).map((i) => i.uuid)).toEqual(['b']);
    expect(store.instances.list({ deleted: 'only' }).map((i) => i.uuid)).toEqual(['c']);
    expect(store.instances.list({ flavorId: 1, taskStates: ['scheduling'] }).length).toBe(2);
  });
});

describe('migrations, actions, faults', () => {
  test('migrations newest first, by status, soft-deleted with the instance', () => {
    store.migrations.create({ uuid: 'm1', instanceUuid: 'a', status: 'error', migrationType: 'resize' });
    store.migrations.create({ uuid: 'm2', instanceUuid: 'a', status: 'pre-migrating', migrationType: 'resize', sourceCompute: 'h1' });
    store.migrations.save('m2', { status: 'finished', destCompute: 'h2' });
    expect(store.migrations.list({ instanceUuid: 'a' }).map((m) => m.uuid)).toEqual(['m2', 'm1']);
    expect(store.migrations.findByInstanceAndStatus('a', 'finished')!.destCompute).toBe('h2');
    expect(store.migrations.list({ host: 'h2' }).map((m) => m.uuid)).toEqual(['m2']);
    store.migrations.softDeleteForInstance('a');
    expect(store.migrations.list()).toEqual([]);
    expect(store.migrations.list({ includeDeleted: true }).length).toBe(2);
  });
  test('a failed event marks its action Error; events newest first', () => {
    const a = store.actions.start({ instanceUuid: 'a', requestId: 'req-1', action: 'resize', userId: 'u', projectId: 'p' });
    const e1 = store.actions.startEvent(a.id, 'conductor_migrate_server', 'fake-mini');
    store.actions.finishEvent(a.id, e1.event, { ok: true });
    const e2 = store.actions.startEvent(a.id, 'compute_finish_resize', 'host2');
    store.actions.finishEvent(a.id, e2.event, { ok: false, traceback: 'tb', details: 'boom' });
    expect(store.actions.getByRequestId('a', 'req-1')!.message).toBe('Error');
    expect(store.actions.events(a.id).map((e) => [e.event, e.result, e.details])).toEqual([
      ['compute_finish_resize', 'Error', 'boom'], ['conductor_migrate_server', 'Success', null],
    ]);
  });
  test('events are finished by name, oldest first, as nova does (a repeated event stays open)', () => {
    const a = store.actions.start({ instanceUuid: 'a', requestId: 'req-2', action: 'create', userId: 'u', projectId: 'p' });
    store.actions.startEvent(a.id, 'compute__do_build_and_run_instance', 'host1');
    store.actions.finishEvent(a.id, 'compute__do_build_and_run_instance', { ok: true });
    store.actions.startEvent(a.id, 'compute__do_build_and_run_instance', 'host2');
    store.actions.finishEvent(a.id, 'compute__do_build_and_run_instance', { ok: true });
    expect(store.actions.events(a.id).map((e) => [e.host, e.result])).toEqual([['host2', null], ['host1', 'Success']]);
  });
  test('latest fault wins; messages are truncated to 255', () => {
    store.faults.add({ instanceUuid: 'a', code: 500, message: 'first', details: 'tb', host: null });
    store.faults.add({ instanceUuid: 'a', code: 400, message: 'x'.repeat(300), details: '', host: 'h' });
    expect(store.faults.latest('a')!.message).toHaveLength(255);
    expect(store.faults.list('a').map((f) => f.code)).toEqual([400, 500]);
  });
  test('observers see writes in order', () => {
    const seen: ChangeRecord[] = [];
    const stop = store.observe((c) => seen.push(c));
    newInstance('a');
    store.instances.save('a', { taskState: null });
    stop();
    store.instances.save('a', { taskState: 'spawning' });
    expect(seen.map((c) => c.what)).toEqual(['instance.create', 'instance.save']);
  });
});

describe('quotas and node usage', () => {
  test('limits: defaults < class < project < user; usage counts live instances', () => {
    expect(store.quotas.limits('p1').cores).toBe(20);
    store.quotas.setClassLimits('default', { cores: 30 });
    store.quotas.setLimits('p1', null, { cores: 8 });
    store.quotas.setLimits('p1', 'u1', { cores: 4 });
    expect([store.quotas.limits('p1').cores, store.quotas.limits('p1', 'u1').cores, store.quotas.limits('p2').cores]).toEqual([8, 4, 30]);
    newInstance('a', { node: 'h1' });
    newInstance('b', { node: 'h1', flavor: store.flavors.get('3')! });
    expect(store.quotas.usage('p1')).toEqual({ instances: 2, cores: 3, ram: 4608, serverGroups: 0 });
    expect(store.services.nodeUsage('h1')).toEqual({ runningVms: 2, vcpusUsed: 3, memoryMbUsed: 4608, localGbUsed: 41 });
  });
});

describe('node usage kept by triggers (migration 111)', () => {
  test('equals summing each node\'s live instances after any mix of creates, moves, resizes, deletes and purges', () => {
    const db = openDatabase(':memory:');
    const s = createComputeStore(db, () => new Date(Date.UTC(2026, 0, 1)).toISOString());
    for (const f of DEFAULT_FLAVORS) s.flavors.create(f);
    const summed = db.prepare(`SELECT node, COUNT(*) AS n,
        COALESCE(SUM(json_extract(flavor, '$.vcpus')), 0) AS vcpus, COALESCE(SUM(json_extract(flavor, '$.memoryMb')), 0) AS mem,
        COALESCE(SUM(json_extract(flavor, '$.rootGb') + json_extract(flavor, '$.ephemeralGb')), 0) AS disk
      FROM instances WHERE node IS NOT NULL AND deleted = 0 GROUP BY node ORDER BY node`);
    const kept = db.prepare('SELECT node, n, vcpus, mem, disk FROM node_usage WHERE n != 0 ORDER BY node');
    let seed = 12345;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const nodes = ['h1', 'h2', 'h3', null];
    const flavors = DEFAULT_FLAVORS.map((f) => s.flavors.get(f.flavorid)!);
    const live: string[] = [];
    const seen = new Map<string, number>();
    let since = 0;
    for (let step = 0; step < 400; step++) {
      const op = live.length === 0 ? 0 : rnd(6);
      const uuid = live[rnd(Math.max(1, live.length))]!;
      if (op === 0) {
        const u = `i-${step}`;
        s.instances.create({ uuid: u, displayName: u, projectId: 'p1', userId: 'u1', flavor: flavors[rnd(flavors.length)]!, vmState: 'building', taskState: 'scheduling', node: nodes[rnd(4)] });
        live.push(u);
      } else if (op === 1) s.instances.save(uuid, { node: nodes[rnd(4)], host: 'x' });
      else if (op === 2) s.instances.save(uuid, { flavor: flavors[rnd(flavors.length)]! });
      else if (op === 3) s.instances.save(uuid, { vmState: 'deleted', deleted: true });
      else if (op === 4) { s.instances.purge(uuid); live.splice(live.indexOf(uuid), 1); }
      else s.instances.save(uuid, { taskState: null });
      expect(kept.all()).toEqual(summed.all());
      for (const r of s.services.usageChangedSince(since)) { seen.set(r.node, r.n); since = r.seq; }
      expect(Object.fromEntries([...seen].filter(([, n]) => n !== 0))).toEqual(Object.fromEntries((summed.all() as { node: string; n: number }[]).map((r) => [r.node, r.n])));
    }
    expect(live.length).toBeGreaterThan(5);
    expect(s.services.nodeUsage('h1').runningVms).toBe((summed.all() as { node: string; n: number }[]).find((r) => r.node === 'h1')?.n ?? 0);
  });
});

describe('info caches', () => {
  const vif = (port: string) => ({ port_id: port, network_id: 'n1', network_label: 'private', mac: 'fa:16:3e:00:00:01', preserve_on_delete: false, ips: [{ address: '10.0.0.5', version: 4 as const, floating: [] }] });
  test('networkInfoOf: the caches that list ports, an emptied one and a missing one left out', () => {
    store.infoCaches.saveRequest('a', { requests: null, securityGroups: ['default'] });
    store.infoCaches.saveNetworkInfo('b', [vif('p1')]);
    store.infoCaches.saveNetworkInfo('c', [vif('p2')]);
    store.infoCaches.saveNetworkInfo('c', []);
    store.infoCaches.saveNetworkInfo('d', [vif('p3'), vif('p4')]);
    const got = store.infoCaches.networkInfoOf(['a', 'b', 'c', 'd', 'e']);
    expect([...got.keys()].sort()).toEqual(['b', 'd']);
    expect(got.get('d')!.map((v) => v.port_id)).toEqual(['p3', 'p4']);
    expect(store.infoCaches.networkInfo('c')).toEqual([]);
    store.infoCaches.delete('b');
    expect([...store.infoCaches.networkInfoOf(['b', 'd']).keys()]).toEqual(['d']);
  });
});
