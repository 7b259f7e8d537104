// Replays the API calls of nova's recorded scenarios (shared/reference/nova-traces/
// expected-states.json) against novamock over HTTP, and checks at every marker: the server
// states, the migrations, the allocations per provider and consumer, and the ordered
// instance/migration transitions and faults in between.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { ComputeClient, IMAGE } from '../helpers/compute.js';
import { startCloud, type Cloud } from '../helpers/app.js';
import { MockControl } from '../helpers/mock-control.js';
import { PlacementClient } from '../helpers/placement.js';
import type { ChangeRecord } from '../../src/compute-db/compute-store.js';

const EXPECTED = JSON.parse(readFileSync('/work/shared/reference/nova-traces/expected-states.json', 'utf8')) as Record<string, any>;
const SCENARIOS = ['resize_confirm', 'resize_revert', 'cold_migrate_confirm', 'cold_migrate_revert', 'bug_1825537_finish_resize_fails'];
/** What the recorded run's driver did, as fault-plan data (FakeFinishMigrationFailDriver on host2). */
const FAULTS: Record<string, Record<string, unknown>[]> = {
  bug_1825537_finish_resize_fails: [{ operation: 'finish_migration', host: 'host2', error: { type: 'VirtualInterfaceCreateException' } }],
};
const TRACKED = ['vm_state', 'task_state', 'host', 'node', 'flavor', 'old_flavor', 'new_flavor'];

/** Our store changes in the trace's vocabulary (nova field names, flavors as flavorid). */
function normalize(c: ChangeRecord, label: (uuid: string) => string): any | null {
  const ch = c.changes as Record<string, any>;
  if (c.what === 'instance.save') {
    const map: Record<string, string> = { vmState: 'vm_state', taskState: 'task_state', host: 'host', node: 'node', flavor: 'flavor', oldFlavor: 'old_flavor', newFlavor: 'new_flavor' };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ch)) {
      const key = map[k];
      if (!key) continue;
      out[key] = key.endsWith('flavor') ? (v === null ? null : v.flavorid) : v;
    }
    return Object.keys(out).length ? { what: c.what, obj: label(c.obj), changes: out } : null;
  }
  if (c.what === 'migration.create') {
    return { what: c.what, obj: label(c.obj), changes: { status: ch.status, migration_type: ch.migrationType, dest_compute: ch.destCompute } };
  }
  if (c.what === 'migration.save') {
    const out: Record<string, unknown> = {};
    if ('status' in ch) out.status = ch.status;
    if ('destCompute' in ch) out.dest_compute = ch.destCompute;
    return Object.keys(out).length ? { what: c.what, obj: label(c.obj), changes: out } : null;
  }
  if (c.what === 'instance.fault') return { what: c.what, obj: label(c.obj), message: ch.message, code: ch.code };
  return null;
}

function expectedTransition(t: any): any | null {
  if (t.what === 'instance.save') {
    const changes = Object.fromEntries(Object.entries(t.changes).filter(([k]) => TRACKED.includes(k)));
    return Object.keys(changes).length ? { what: t.what, obj: t.obj, changes } : null;
  }
  if (t.what === 'migration.create' || t.what === 'migration.save') return { what: t.what, obj: t.obj, changes: t.changes };
  if (t.what === 'instance.fault') return { what: t.what, obj: t.obj, message: t.message, code: t.code };
  return null;
}

describe.each(SCENARIOS)('nova trace %s', (name) => {
  let cloud: Cloud | null = null;
  afterEach(async () => { await cloud?.close(); cloud = null; });

  test('states and transitions match at every marker', async () => {
    const scenario = EXPECTED[name];
    cloud = await startCloud();
    const api = new ComputeClient(cloud.transport, { version: '2.93' });
    const control = new MockControl(cloud.transport);
    const placement = new PlacementClient(cloud.transport, '/placement', { version: '1.28', providerOf: (h) => control.providerOf(h) });
    const labels = new Map<string, string>();
    const uuids = new Map<string, string>();
    const label = (uuid: string) => labels.get(uuid) ?? uuid;
    const remember = (uuid: string, kind: 'SERVER' | 'MIGRATION') => {
      if (labels.has(uuid)) return;
      const n = [...labels.values()].filter((l) => l.startsWith(kind)).length + 1;
      labels.set(uuid, `${kind}_${n}`);
      uuids.set(`${kind}_${n}`, uuid);
    };
    for (const f of FAULTS[name] ?? []) await control.addFault(f);
    let seen: ChangeRecord[] = [];
    cloud.services.compute.store.observe((c) => {
      if (c.what === 'instance.create') remember(c.obj, 'SERVER');
      if (c.what === 'migration.create') remember(c.obj, 'MIGRATION');
      seen.push(c);
    });
    const replay = async (transitions: any[], where: string) => {
      for (const t of transitions.filter((x) => x.what === 'api')) {
        const [method, rawPath] = (t.request as string).split(' ');
        const path = rawPath!.replace(/^\/v2\.1\/+/, '/').replace(/SERVER_\d+/g, (l) => uuids.get(l) ?? l);
        let body = t.body;
        if (body?.server) body = { server: { ...body.server, imageRef: IMAGE } };
        const r = await api.call(method!, path, { body: body ?? undefined });
        expect(r.status, `${where}: ${t.request} ${JSON.stringify(r.body)}`).toBe(t.status);
        await api.settle();
      }
      const ours = seen.map((c) => normalize(c, label)).filter(Boolean);
      const theirs = transitions.map(expectedTransition).filter(Boolean);
      expect(ours, `${where}: transitions`).toEqual(theirs);
      seen = [];
    };

    for (const step of scenario.steps) {
      await replay(step.transitions_before, step.label);
      // servers
      for (const [lbl, want] of Object.entries(step.servers as Record<string, any>)) {
        const r = await api.call('GET', `/servers/${uuids.get(lbl)}`);
        if (want.gone) { expect(r.status, `${step.label}: ${lbl}`).toBe(404); continue; }
        const s = r.body.server;
        expect({
          status: s.status, vm_state: s['OS-EXT-STS:vm_state'], task_state: s['OS-EXT-STS:task_state'],
          host: s['OS-EXT-SRV-ATTR:host'], node: s['OS-EXT-SRV-ATTR:hypervisor_hostname'], flavor: s.flavor.original_name,
          fault: s.fault ? { code: s.fault.code, message: s.fault.message } : null,
        }, `${step.label}: ${lbl}`).toEqual(want);
      }
      // migrations (newest first in both)
      const migs = (await api.call('GET', '/os-migrations')).body.migrations as any[];
      const gotMigs = [];
      for (const m of migs) {
        gotMigs.push({
          uuid: label(m.uuid), migration_type: m.migration_type, status: m.status, source_compute: m.source_compute,
          dest_compute: m.dest_compute, old_instance_type_id: m.old_instance_type_id, new_instance_type_id: m.new_instance_type_id,
          allocations: Object.fromEntries(Object.entries(await placement.allocations(m.uuid)).map(([rp, res]) => [rp, res])),
        });
      }
      const rpLabel = new Map<string, string>();
      for (const h of ['host1', 'host2']) rpLabel.set(await control.providerOf(h), `RP_${h}`);
      const relabel = (o: Record<string, any>) => Object.fromEntries(Object.entries(o).map(([rp, v]) => [rpLabel.get(rp) ?? rp, v]));
      expect(gotMigs.map((m) => ({ ...m, allocations: relabel(m.allocations) })), `${step.label}: migrations`).toEqual(step.migrations);
      // providers
      for (const [host, want] of Object.entries(step.providers as Record<string, any>)) {
        const rp = await control.providerOf(host);
        const allocs = (await placement.call('GET', `/resource_providers/${rp}/allocations`)).body.allocations as Record<string, any>;
        expect({
          usages: await placement.usages(host),
          allocations: Object.fromEntries(Object.entries(allocs).map(([c, a]) => [label(c), a.resources])),
        }, `${step.label}: provider ${host}`).toEqual(want);
      }
    }
    await replay(scenario.transitions_after_last_marker ?? [], 'after the last marker');
    expect(await control.audit()).toEqual([]);
  });
});
