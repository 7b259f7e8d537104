// instances.isDeleted: get()'s answer to "deleted?" (recovery's allocation sweep asks it for every
// consumer), for live, soft-deleted (vm_state soft-delete: not deleted), deleted and unknown uuids.
import { expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/open-database.js';
import { createComputeStore } from '../../../src/compute-db/compute-store.js';
import { DEFAULT_FLAVORS } from '../../../src/workflows/cloud-seed.js';

test('isDeleted agrees with get() on live, soft-deleted, deleted and unknown instances', () => {
  const store = createComputeStore(openDatabase(':memory:'), () => '2026-01-01T00:00:00.000000');
  for (const f of DEFAULT_FLAVORS) store.flavors.create(f);
  const make = (uuid: string) => store.instances.create({
    uuid, displayName: uuid, projectId: 'p', userId: 'u', flavor: store.flavors.get('1')!, vmState: 'active', taskState: null,
  });
  make('live'); make('soft'); make('gone');
  store.instances.save('soft', { vmState: 'soft-delete' });
  store.instances.save('gone', { deleted: true, vmState: 'deleted' });
  for (const uuid of ['live', 'soft', 'gone', 'unknown']) {
    const rec = store.instances.get(uuid);
    expect(store.instances.isDeleted(uuid)).toBe(rec ? rec.deleted : null);
  }
  expect(store.instances.isDeleted('gone')).toBe(true);
  expect(store.instances.isDeleted('soft')).toBe(false);
  expect(store.instances.isDeleted('unknown')).toBe(null);
});
