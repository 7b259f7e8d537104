// os-server-password clear (nova/api/openstack/compute/server_password.py over
// password.convert_password(None)): the four system_metadata chunks become ''.
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';

const CHUNKS = ['password_0', 'password_1', 'password_2', 'password_3'];

export interface PasswordApi {
  clear(inst: InstanceRecord): void;
}

export function createPasswordApi(c: ApiContext): PasswordApi {
  return {
    clear(inst) {
      c.store.instances.save(inst.uuid, { systemMetadata: { ...inst.systemMetadata, ...Object.fromEntries(CHUNKS.map((k) => [k, ''])) } });
    },
  };
}
