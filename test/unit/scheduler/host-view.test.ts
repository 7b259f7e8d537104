// The scheduler's in-memory view of nodes, services and usage follows every write to the store.
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import { createComputeStore } from '../../../src/compute-db/compute-store.js';
import { DEFAULT_FLAVORS } from '../../../src/workflows/cloud-seed.js';
import { HostView } from '../../../src/scheduler/host-view.js';

describe('host view', () => {
  test('sees services disabled, nodes added and deleted, instances placed, moved and deleted since the last snapshot', () => {
    const s = createComputeStore(openDatabase(':memory:'), () => '2026-01-01T00:00:00.000Z');
    for (const f of DEFAULT_FLAVORS) s.flavors.create(f);
    const addHost = (name: string) => {
      const svc = s.services.createService({ uuid: `svc-${name}`, host: name, binary: 'nova-compute' });
      s.services.createNode({ uuid: `rp-${name}`, serviceId: svc.id, host: name, hypervisorHostname: name, driver: 'fake', vcpus: 8, memoryMb: 8192, localGb: 100, traits: [] });
      return svc;
    };
    const view = new HostView(s.services);
    const h1 = addHost('h1');
    let snap = view.snapshot();
    expect(snap.service(snap.node('rp-h1')!.serviceId)!.disabled).toBe(false);
    expect(snap.node('rp-h2')).toBeUndefined();
    s.services.updateService(h1.id, { disabled: true });
    const h2 = addHost('h2');
    snap = view.snapshot();
    expect(snap.service(h1.id)!.disabled).toBe(true);
    expect(snap.node('rp-h2')!.host).toBe('h2');
    const flavor = s.flavors.get('2')!;
    s.instances.create({ uuid: 'a', displayName: 'a', projectId: 'p', userId: 'u', flavor, vmState: 'building', taskState: null, node: 'h1' });
    s.instances.create({ uuid: 'b', displayName: 'b', projectId: 'p', userId: 'u', flavor, vmState: 'building', taskState: null, node: 'h1' });
    expect(view.snapshot().usages(['h1', 'h2'])).toEqual(new Map([
      ['h1', { runningVms: 2, vcpusUsed: 2, memoryMbUsed: 4096, localGbUsed: 40 }],
      ['h2', { runningVms: 0, vcpusUsed: 0, memoryMbUsed: 0, localGbUsed: 0 }],
    ]));
    s.instances.save('a', { node: 'h2' });
    s.instances.save('b', { vmState: 'deleted', deleted: true });
    const usages = view.snapshot().usages(['h1', 'h2']);
    expect(usages).toEqual(new Map([['h1', s.services.nodeUsage('h1')], ['h2', s.services.nodeUsage('h2')]]));
    expect(usages.get('h2')!.runningVms).toBe(1);
    s.services.deleteService(h2.id);
    expect(view.snapshot().node('rp-h2')).toBeUndefined();
  });
});
