// POST /servers/{id}/remote-consoles (2.6+, remote_consoles.py create) and
// GET /servers/{id}/diagnostics (server_diagnostics.py): read-only RPC calls to the compute.
import { Diagnostics, RemoteConsole } from '../schemas/responses/resources.js';
import { requireAdmin } from './policy.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { remoteConsoleBody } from '../schemas/server-extras.js';
import { instanceDiagnostics } from '../views/server-diagnostics.js';
import type { InstanceDiagnostics, ConsoleProtocol } from '../../driver/fake-guest-data.js';
import type { ComputeRoute } from './route-types.js';

export const serverConsoleRoutes: ComputeRoute[] = [
  {
    method: 'POST', url: '/servers/:server_id/remote-consoles', responses: { 200: RemoteConsole }, summary: 'Create a remote console', min: '2.6', body: remoteConsoleBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-remote-consoles');
      const { protocol, type } = ctx.body.remote_console as { protocol: ConsoleProtocol; type: string };
      const url = await ctx.service.api.guest.remoteConsole(requestContext(ctx), ctx.params.server_id!, protocol, type, 'remote-consoles');
      return { status: 200, body: { remote_console: { protocol, type, url } } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/diagnostics', responses: { 200: Diagnostics }, summary: 'Show server diagnostics (admin)',
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-server-diagnostics');
      requireAdmin(ctx.auth, 'os_compute_api:os-server-diagnostics');
      const standard = ctx.version.atLeast('2.48');
      const d = await ctx.service.api.guest.diagnostics(requestContext(ctx), ctx.params.server_id!, standard);
      return { status: 200, body: standard ? instanceDiagnostics(d as InstanceDiagnostics) : d };
    },
  },
];
