// The allocation write (ensure consumers, capacity check, replace-all) over the real schema on
// :memory:. Providers, classes and inventories are inserted with SQL here because this layer
// sits below the HTTP API.
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/db/open-database.js';
import { createAllocationsStore } from '../../../src/placement/store/allocations-store.js';
import { createConsumersStore } from '../../../src/placement/store/consumers-store.js';
import { createUsagesStore } from '../../../src/placement/store/usages-store.js';
import { writeAllocations, type ConsumerAllocationsRequest, type WriteContext } from '../../../src/placement/allocations/write-allocations.js';
import { ApiError } from '../../../src/http/api-error.js';
import { createResourceProvidersStore } from '../../../src/placement/store/resource-providers-store.js';
import { createResourceClassesStore } from '../../../src/placement/store/resource-classes-store.js';

const NOW = '2026-01-01T00:00:00.000Z';
const RP1 = '11111111-0000-4000-8000-000000000001';
const RP2 = '11111111-0000-4000-8000-000000000002';
const C1 = 'c0000000-0000-4000-8000-000000000001';
const C2 = 'c0000000-0000-4000-8000-000000000002';

let db: Db;
let dirty: number[];

function ctx(over: Partial<WriteContext> = {}): WriteContext {
  return {
    allocations: createAllocationsStore(db), consumers: createConsumersStore(db), now: NOW,
    providers: createResourceProvidersStore(db, { markDirty: (id: number) => dirty.push(id), markUsagesDirty: (id: number) => dirty.push(id) } as never),
    resourceClasses: createResourceClassesStore(db),
    requireGeneration: true, requireType: false, mode: 'put', markUsagesDirty: (id) => dirty.push(id), ...over,
  };
}

function req(consumerUuid: string, allocations: ConsumerAllocationsRequest['allocations'], extra: Partial<ConsumerAllocationsRequest> = {}): ConsumerAllocationsRequest {
  return { consumerUuid, projectId: 'proj', userId: 'user', consumerGeneration: null, consumerType: undefined, allocations, ...extra };
}

function write(requests: ConsumerAllocationsRequest[], over: Partial<WriteContext> = {}): void {
  const c = ctx(over);
  db.transaction(() => writeAllocations(c, requests))();
}

function failure(fn: () => void): ApiError {
  try { fn(); } catch (e) { if (e instanceof ApiError) return e; throw e; }
  throw new Error('expected an ApiError');
}

const generation = (uuid: string) => db.prepare('SELECT generation FROM resource_providers WHERE uuid = ?').pluck().get(uuid) as number;
const consumerGen = (uuid: string) => db.prepare('SELECT generation FROM consumers WHERE uuid = ?').pluck().get(uuid) as number | undefined;

beforeEach(() => {
  db = openDatabase(':memory:');
  dirty = [];
  const rc = db.prepare('INSERT INTO resource_classes (id, name, created_at) VALUES (?, ?, ?)');
  rc.run(0, 'VCPU', NOW); rc.run(1, 'MEMORY_MB', NOW); rc.run(2, 'DISK_GB', NOW); rc.run(3, 'PCI_DEVICE', NOW);
  const rp = db.prepare('INSERT INTO resource_providers (id, uuid, name, generation, root_provider_id, created_at) VALUES (?, ?, ?, 0, ?, ?)');
  rp.run(1, RP1, 'rp1', 1, NOW); rp.run(2, RP2, 'rp2', 2, NOW);
  const inv = db.prepare(`INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  inv.run(1, 0, 8, 0, 1, 16, 1, 2.0, NOW);       // VCPU capacity 16
  inv.run(1, 2, 100, 10, 10, 50, 10, 1.0, NOW);  // DISK_GB capacity 90, steps of 10
  inv.run(2, 1, 1024, 0, 1, 1024, 1, 1.0, NOW);
});

describe('writeAllocations', () => {
  it('creates the consumer, writes rows, bumps provider and consumer generations', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 2, DISK_GB: 20 } }, { providerUuid: RP2, resources: { MEMORY_MB: 512 } }])]);
    const rows = createAllocationsStore(db).forConsumer(C1);
    expect(rows.map((r) => [r.providerUuid, r.resourceClass, r.used])).toEqual([[RP1, 'VCPU', 2], [RP1, 'DISK_GB', 20], [RP2, 'MEMORY_MB', 512]]);
    expect(rows[0].projectExternalId).toBe('proj');
    expect(generation(RP1)).toBe(1);
    expect(generation(RP2)).toBe(1);
    expect(consumerGen(C1)).toBe(1);
    expect(new Set(dirty)).toEqual(new Set([1, 2]));
  });

  it('replaces: the consumer\'s old allocations do not count against capacity', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 16 } }])]);
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 16 } }], { consumerGeneration: 1 })]);
    expect(createUsagesStore(db).forProvider(1)).toEqual([{ resourceClass: 'VCPU', usage: 16 }, { resourceClass: 'DISK_GB', usage: 0 }]);
  });

  it('checks consumer generations with upstream wording', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }])]);
    let e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { consumerGeneration: null })]));
    expect([e.status, e.code, e.detail]).toEqual([409, 'placement.concurrent_update', 'consumer generation conflict - expected 1 but got None']);
    e = failure(() => write([req(C2, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { consumerGeneration: 5 })]));
    expect(e.detail).toBe('consumer generation conflict - expected null but got 5');
    // Before 1.28 generations are not looked at.
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { consumerGeneration: undefined })], { requireGeneration: false });
    expect(consumerGen(C1)).toBe(2);
  });

  it('rejects min_unit/max_unit/step_size violations and over-capacity', () => {
    let e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { DISK_GB: 15 } }])]));
    expect([e.status, e.detail]).toEqual([409, `Unable to allocate inventory: Unable to create allocation for 'DISK_GB' on resource provider '${RP1}'. The requested amount would violate inventory constraints.`]);
    e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { DISK_GB: 60 } }])]));
    expect(e.detail).toContain('would violate inventory constraints');
    e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { DISK_GB: 5 } }])]));
    expect(e.detail).toContain('would violate inventory constraints');
    write([req(C1, [{ providerUuid: RP1, resources: { DISK_GB: 50 } }])]);
    e = failure(() => write([req(C2, [{ providerUuid: RP1, resources: { DISK_GB: 50 } }])]));
    expect(e.detail).toBe(`Unable to allocate inventory: Unable to create allocation for 'DISK_GB' on resource provider '${RP1}'. The requested amount would exceed the capacity.`);
  });

  it('sums what several consumers ask of one inventory in one write', () => {
    const e = failure(() => write([
      req(C1, [{ providerUuid: RP1, resources: { VCPU: 8 } }]),
      req(C2, [{ providerUuid: RP1, resources: { VCPU: 8 } }]),
      req('c0000000-0000-4000-8000-000000000003', [{ providerUuid: RP1, resources: { VCPU: 8 } }]),
    ], { mode: 'post' }));
    expect(e.status).toBe(409);
    expect(e.detail).toContain('would exceed the capacity');
  });

  it('is all-or-nothing: a failure leaves no consumer, project or allocation behind', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }])]);
    const e = failure(() => write([
      req(C1, [{ providerUuid: RP1, resources: { VCPU: 2 } }], { consumerGeneration: 1, projectId: 'other', userId: 'other' }),
      req(C2, [{ providerUuid: RP2, resources: { MEMORY_MB: 4096 } }]),
    ], { mode: 'post' }));
    expect(e.status).toBe(409);
    expect(consumerGen(C1)).toBe(1);
    expect(consumerGen(C2)).toBeUndefined();
    expect(createAllocationsStore(db).forConsumer(C1).map((r) => [r.used, r.projectExternalId])).toEqual([[1, 'proj']]);
    expect(db.prepare("SELECT COUNT(*) FROM projects WHERE external_id = 'other'").pluck().get()).toBe(0);
    expect(generation(RP1)).toBe(1);
  });

  it('names unknown classes, missing providers and missing inventory like upstream', () => {
    let e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { COWS: 1 } }])]));
    expect([e.status, e.detail]).toEqual([400, `Unable to allocate inventory for consumer ${C1}: No such resource class COWS.`]);
    e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { COWS: 1 } }])], { mode: 'post' }));
    expect(e.detail).toBe('Unable to allocate inventory No such resource class COWS.');
    e = failure(() => write([req(C1, [{ providerUuid: 'be8b9cba-e7db-4a12-a386-99b4242167fe', resources: { VCPU: 1 } }])]));
    expect([e.status, e.detail]).toEqual([400, "Allocation for resource provider 'be8b9cba-e7db-4a12-a386-99b4242167fe' that does not exist."]);
    // RP2 has MEMORY_MB only: no inventory among the classes asked for at all.
    e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }, { providerUuid: RP2, resources: { DISK_GB: 10 } }])]));
    expect([e.status, e.detail]).toEqual([409, `Unable to allocate inventory: Inventory for 'VCPU, DISK_GB' on resource provider '${RP2}' invalid.`]);
    // RP1 has VCPU but not PCI_DEVICE.
    e = failure(() => write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1, PCI_DEVICE: 1 } }])]));
    expect(e.detail).toBe(`Unable to allocate inventory: Inventory for 'PCI_DEVICE' on resource provider '${RP1}' invalid.`);
  });

  it('empty allocations remove the consumer and bump only the providers it left', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }])]);
    write([req(C1, [{ providerUuid: RP2, resources: { MEMORY_MB: 1 } }], { consumerGeneration: 1 })]);
    expect([generation(RP1), generation(RP2)]).toEqual([1, 1]);
    expect(dirty).toContain(1);
    write([req(C1, [], { consumerGeneration: 2 })]);
    expect([generation(RP1), generation(RP2)]).toEqual([1, 2]);
    expect(consumerGen(C1)).toBeUndefined();
    expect(createUsagesStore(db).forProvider(2)).toEqual([{ resourceClass: 'MEMORY_MB', usage: 0 }]);
  });

  it('keeps a brand-new consumer that was given no allocations (upstream quirk)', () => {
    write([req(C1, [])]);
    expect(consumerGen(C1)).toBe(0);
  });

  it('adopts a new project, user and consumer type without a generation bump of its own', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { consumerType: 'INSTANCE' })], { requireType: true });
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { consumerGeneration: 1, projectId: 'p2', userId: 'u2' })]);
    const consumers = createConsumersStore(db);
    const c = consumers.get(C1)!;
    expect([c.projectExternalId, c.userExternalId, c.generation, consumers.consumerTypeName(c.consumerTypeId!)]).toEqual(['p2', 'u2', 2, 'INSTANCE']);
  });

  it('gives pre-1.8 consumers the incomplete project and user', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 1 } }], { projectId: undefined, userId: undefined })], { requireGeneration: false });
    const c = createConsumersStore(db).get(C1)!;
    expect([c.projectExternalId, c.userExternalId]).toEqual(['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000']);
  });
});

describe('usages store', () => {
  it('groups by consumer type, counts distinct consumers, and filters unknown', () => {
    write([req(C1, [{ providerUuid: RP1, resources: { VCPU: 2, DISK_GB: 10 } }], { consumerType: 'INSTANCE' })], { requireType: true });
    write([req(C2, [{ providerUuid: RP1, resources: { VCPU: 1 } }])]);
    const u = createUsagesStore(db);
    expect(u.forProjectUser('proj', undefined, false)).toEqual([{ resourceClass: 'VCPU', usage: 3 }, { resourceClass: 'DISK_GB', usage: 10 }]);
    expect(u.forProjectUser('proj', 'nobody', false)).toEqual([]);
    expect(u.countConsumers('proj', undefined, false)).toBe(2);
    expect(u.countConsumers('proj', 'user', true)).toBe(1);
    expect(u.forProjectUser('proj', undefined, true)).toEqual([{ resourceClass: 'VCPU', usage: 1 }]);
    expect(u.byConsumerType('proj', undefined, undefined)).toEqual([
      { resourceClass: 'VCPU', usage: 1, consumerType: null },
      { resourceClass: 'VCPU', usage: 2, consumerType: 'INSTANCE' },
      { resourceClass: 'DISK_GB', usage: 10, consumerType: 'INSTANCE' },
    ]);
    expect(u.consumerCountsByType('proj', undefined, undefined)).toEqual(new Map<string | null, number>([[null, 1], ['INSTANCE', 1]]));
    expect(u.byConsumerType('proj', undefined, 'INSTANCE').map((r) => r.usage)).toEqual([2, 10]);
  });
});
