// /servers/{id}/os-server-password (nova/api/openstack/compute/server_password.py): the password a
// guest posted to the metadata service, kept in system_metadata password_0..password_3. No guest
// posts one here, so it reads '' until something stores it; clear empties the four keys.
import { Password } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { findServer } from './servers.js';
import type { ComputeRoute } from './route-types.js';

const rule = (r: string) => `os_compute_api:os-server-password:${r}`;
const CHUNKS = ['password_0', 'password_1', 'password_2', 'password_3'];

export const serverPasswordRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/os-server-password', responses: { 200: Password }, summary: "Show the server's encrypted password",
    handler: (ctx) => {
      const sm = findServer(ctx, ctx.params.server_id!, rule('show')).systemMetadata;
      // password.extract_password: the password_* items in key order
      const password = Object.keys(sm).filter((k) => k.startsWith('password_')).sort().map((k) => sm[k]).join('');
      return { status: 200, body: { password } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/os-server-password', responses: { 204: NoBody }, summary: "Clear the server's encrypted password",
    handler: (ctx) => {
      const inst = findServer(ctx, ctx.params.server_id!, rule('clear'));
      // password.convert_password(None): the four chunks become ''
      ctx.service.store.instances.save(inst.uuid, { systemMetadata: { ...inst.systemMetadata, ...Object.fromEntries(CHUNKS.map((k) => [k, ''])) } });
      return { status: 204 };
    },
  },
];
