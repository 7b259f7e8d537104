// POST /servers/{id}/action: the move, rebuild, power and lock actions (servers.py, migrate_server.py,
// lock_server.py, pause_server.py, suspend_server.py) with nova's schemas, policies and statuses.

import { NoBody } from '../schemas/responses/fault.js';
import { ServerActionAccepted, ServerActionResult } from '../schemas/responses/servers.js';
import { requireAdmin } from './policy.js';
import { requestContext } from './request-context.js';
import { actionDispatcher, type ActionDef } from './action-dispatch.js';
import { findServer, idFromHref } from './servers.js';
import { lockBody, migrateBody, rebootBody, resizeBody } from '../schemas/servers.js';
import type { ComputeRoute, RouteContext } from './route-types.js';
import { rebuildAction } from './server-rebuild.js';
import { GUEST_ACTIONS } from './server-guest-actions.js';
import { SERVER_IMAGE_ACTIONS } from './server-images.js';

/** Look the server up under the action's policy, then one ComputeApi call; empty body. */
function simple(name: string, rule: string, status: number, call: (ctx: RouteContext, uuid: string) => Promise<unknown>): ActionDef {
  return {
    name,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule);
      await call(ctx, ctx.params.server_id!);
      return { status };
    },
  };
}

/** The server actions, by body key (exported for the contract test of their schema windows). */
export const SERVER_ACTIONS: readonly ActionDef[] = [
  {
    name: 'resize', body: resizeBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:resize');
      const disk = ctx.body.resize['OS-DCF:diskConfig'];
      await ctx.service.api.resize(requestContext(ctx), ctx.params.server_id!, idFromHref(ctx.body.resize.flavorRef), disk === undefined ? undefined : disk === 'AUTO');
      return { status: 202 };
    },
  },
  rebuildAction,
  ...SERVER_IMAGE_ACTIONS,
  simple('confirmResize', 'os_compute_api:servers:confirm_resize', 204, (ctx, id) => ctx.service.api.confirmResize(requestContext(ctx), id)),
  simple('revertResize', 'os_compute_api:servers:revert_resize', 202, (ctx, id) => ctx.service.api.revertResize(requestContext(ctx), id)),
  {
    name: 'migrate', body: migrateBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-migrate-server:migrate');
      // os-migrate-server:migrate is admin-only by default
      requireAdmin(ctx.auth, 'os_compute_api:os-migrate-server:migrate');
      const host = ctx.version.atLeast('2.56') ? (ctx.body.migrate?.host ?? null) : null;
      if (host !== null) requireAdmin(ctx.auth, 'os_compute_api:os-migrate-server:migrate:host');
      await ctx.service.api.migrate(requestContext(ctx), ctx.params.server_id!, host);
      return { status: 202 };
    },
  },
  simple('os-start', 'os_compute_api:servers:start', 202, (ctx, id) => ctx.service.api.start(requestContext(ctx), id)),
  simple('os-stop', 'os_compute_api:servers:stop', 202, (ctx, id) => ctx.service.api.stop(requestContext(ctx), id)),
  {
    name: 'reboot', body: rebootBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:reboot');
      const type = String(ctx.body.reboot.type).toUpperCase() as 'SOFT' | 'HARD';
      await ctx.service.api.reboot(requestContext(ctx), ctx.params.server_id!, type);
      return { status: 202 };
    },
  },
  {
    name: 'lock', body: lockBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-lock-server:lock');
      const reason = ctx.version.atLeast('2.73') ? (ctx.body.lock?.locked_reason ?? null) : null;
      await ctx.service.api.lock(requestContext(ctx), ctx.params.server_id!, reason);
      return { status: 202 };
    },
  },
  simple('unlock', 'os_compute_api:os-lock-server:unlock', 202, (ctx, id) => ctx.service.api.unlock(requestContext(ctx), id)),
  simple('pause', 'os_compute_api:os-pause-server:pause', 202, (ctx, id) => ctx.service.api.pause(requestContext(ctx), id)),
  simple('unpause', 'os_compute_api:os-pause-server:unpause', 202, (ctx, id) => ctx.service.api.unpause(requestContext(ctx), id)),
  simple('suspend', 'os_compute_api:os-suspend-server:suspend', 202, (ctx, id) => ctx.service.api.suspend(requestContext(ctx), id)),
  simple('resume', 'os_compute_api:os-suspend-server:resume', 202, (ctx, id) => ctx.service.api.resume(requestContext(ctx), id)),
  simple('forceDelete', 'os_compute_api:os-deferred-delete:force', 202, (ctx, id) => ctx.service.api.forceDeleteServer(requestContext(ctx), id)),
  simple('restore', 'os_compute_api:os-deferred-delete:restore', 202, (ctx, id) => ctx.service.api.restoreServer(requestContext(ctx), id)),
  // reset state, console output and consoles, crash dump, password (server-guest-actions.ts)
  ...GUEST_ACTIONS,
];

export const serverActionRoutes: ComputeRoute[] = [
  {
    method: 'POST', url: '/servers/:server_id/action', responses: { 200: ServerActionResult, 202: ServerActionAccepted, 204: NoBody },
    summary: `Server actions: ${SERVER_ACTIONS.map((a) => a.name).join(', ')}`,
    actions: SERVER_ACTIONS,
    handler: actionDispatcher(SERVER_ACTIONS),
  },
];
