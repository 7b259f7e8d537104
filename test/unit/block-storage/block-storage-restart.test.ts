// The block storage's own restart (cinder volume manager init_host): work accepted but not
// finished before the process stopped ends where cinder ends it.
import { expect, it } from 'vitest';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { testConfig } from '../../../src/config.js';
import { createBlockStorageService } from '../../../src/block-storage/block-storage-service.js';

it('a volume left creating is error, extending is error_extending, deleting is gone; snapshots likewise', () => {
  const runtime = createRuntime(testConfig());
  const before = createBlockStorageService(runtime);
  const type = before.listVolumeTypes()[0]!;
  const add = (id: string, status: string) => before.store.insertVolume({
    id, projectId: 'p', userId: 'u', name: id, description: null, size: 1, status, bootable: false, volumeTypeId: type.id,
    availabilityZone: 'nova', snapshotId: null, sourceVolid: null, imageId: null, metadata: {}, imageMetadata: null, multiattach: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  add('v-creating', 'creating');
  add('v-extending', 'extending');
  add('v-deleting', 'deleting');
  add('v-available', 'available');
  before.store.insertSnapshot({ id: 's-creating', projectId: 'p', userId: 'u', volumeId: 'v-available', name: null, description: null, size: 1, status: 'creating', volumeTypeId: type.id, metadata: {}, createdAt: '2026-01-01T00:00:00.000Z' });
  // the process comes back over the same database
  const after = createBlockStorageService(runtime);
  expect(after.store.volume('v-creating')!.status).toBe('error');
  expect(after.store.volume('v-extending')!.status).toBe('error_extending');
  expect(after.store.volume('v-deleting')).toBeNull();
  expect(after.store.volume('v-available')!.status).toBe('available');
  expect(after.store.snapshot('s-creating')!.status).toBe('error');
  runtime.db.close();
});
