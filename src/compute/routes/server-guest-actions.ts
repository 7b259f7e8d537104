// The small server actions (admin_actions.py, console_output.py, remote_consoles.py legacy
// actions, servers.py trigger_crash_dump, admin_password.py): policy, then one GuestApi call.
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { SECURITY_GROUP_ACTIONS } from './server-networking.js';
import {
  changePasswordBody, consoleOutputBody, rdpConsoleBody, resetStateBody, serialConsoleBody, spiceConsoleBody,
  triggerCrashDumpBody, vncConsoleBody,
} from '../schemas/server-extras.js';
import type { ActionDef } from './action-dispatch.js';
import type { VersionedSchema } from './route-types.js';
import type { ConsoleProtocol } from '../../driver/fake-guest-data.js';

/** console_output.py: XML-unsafe control characters are removed (tab, newline and CR stay). */
const CONTROL_CHARACTERS = /[\x00-\x08\x0B-\x1F]/g;

/**
 * A legacy console action (2.1-2.5): the policy is checked before the lookup and without a
 * target (so any project member passes it), then the same compute call as remote-consoles.
 */
function legacyConsole(name: string, protocol: ConsoleProtocol, body: VersionedSchema[]): ActionDef {
  return {
    // no min: the legacy /v2 API (2.0) has them too
    name, max: '2.5', body,
    handler: async (ctx) => {
      const type = ctx.body[name].type as string;
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-remote-consoles');
      const url = await ctx.service.api.guest.remoteConsole(requestContext(ctx), ctx.params.server_id!, protocol, type, 'legacy');
      return { status: 200, body: { console: { type, url } } };
    },
  };
}

export const GUEST_ACTIONS: readonly ActionDef[] = [
  {
    name: 'os-resetState', body: resetStateBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-admin-actions:reset_state');
      requireAdmin(ctx.auth, 'os_compute_api:os-admin-actions:reset_state');
      await ctx.service.api.guest.resetState(requestContext(ctx), ctx.params.server_id!, ctx.body['os-resetState'].state);
      return { status: 202 };
    },
  },
  {
    name: 'injectNetworkInfo',
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-admin-actions:inject_network_info');
      requireAdmin(ctx.auth, 'os_compute_api:os-admin-actions:inject_network_info');
      await ctx.service.api.guest.injectNetworkInfo(requestContext(ctx), ctx.params.server_id!);
      return { status: 202 };
    },
  },
  {
    // removed from nova: 410 for anyone and any server, before any lookup
    name: 'resetNetwork',
    handler: () => { throw new ApiError(410, null, 'This resource is no longer available. No forwarding address is given.'); },
  },
  {
    name: 'os-getConsoleOutput', body: consoleOutputBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-console-output');
      const length = ctx.body['os-getConsoleOutput'].length;
      // _tail_log: int(length); the schema only lets integers and integer strings through
      const tail = length === undefined || length === null ? null : Number(length);
      const output = await ctx.service.api.guest.consoleOutput(requestContext(ctx), ctx.params.server_id!, tail);
      return { status: 200, body: { output: output.replace(CONTROL_CHARACTERS, '') } };
    },
  },
  legacyConsole('os-getVNCConsole', 'vnc', vncConsoleBody),
  legacyConsole('os-getSPICEConsole', 'spice', spiceConsoleBody),
  legacyConsole('os-getRDPConsole', 'rdp', rdpConsoleBody),
  legacyConsole('os-getSerialConsole', 'serial', serialConsoleBody),
  {
    name: 'trigger_crash_dump', min: '2.17', body: triggerCrashDumpBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:trigger_crash_dump');
      await ctx.service.api.guest.triggerCrashDump(requestContext(ctx), ctx.params.server_id!);
      return { status: 202 };
    },
  },
  {
    name: 'changePassword', body: changePasswordBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-admin-password');
      await ctx.service.api.guest.changePassword(requestContext(ctx), ctx.params.server_id!, ctx.body.changePassword.adminPass);
      return { status: 202 };
    },
  },
  ...SECURITY_GROUP_ACTIONS,
];
