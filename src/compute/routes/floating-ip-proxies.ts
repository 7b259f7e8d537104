// floating_ips.py: the os-floating-ips proxy (list/show/allocate/release, up to 2.35, 404 from
// 2.36) and the addFloatingIp/removeFloatingIp server actions (2.1-2.43, 404 from 2.44).
// The work is compute/api/floating-ips.ts.
import { requireOwnerOrAdmin } from './policy.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { addFloatingIpBody, removeFloatingIpBody, uncheckedBody } from '../schemas/network-proxies.js';
import { NoBody } from '../schemas/responses/fault.js';
import { FloatingIpList, FloatingIpShow } from '../schemas/responses/resources.js';
import type { ActionDef } from './action-dispatch.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const MAX_PROXY = '2.35';
const rule = (r: string) => `os_compute_api:os-floating-ips:${r}`;

/** [neutron] default_floating_pool (nova's default 'nova'; a reset's config may set it). */
function defaultPool(ctx: RouteContext): string {
  const neutron = ctx.service.runtime.settings.novaOptions.neutron as Record<string, unknown> | undefined;
  return typeof neutron?.default_floating_pool === 'string' ? neutron.default_floating_pool : 'nova';
}

/** body['pool'] when the body is a dict that has it (nova: `if body and 'pool' in body`). */
function requestedPool(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('pool' in body)) return null;
  const pool = (body as { pool: unknown }).pool;
  return pool === null || pool === undefined || pool === '' ? null : String(pool);
}

export const floatingIpProxyRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-floating-ips', responses: { 200: FloatingIpList }, summary: "List the project's floating IPs (proxied to Neutron)", max: MAX_PROXY,
    handler: async (ctx) => {
      requireOwnerOrAdmin(ctx.auth, ctx.auth.projectId, rule('list'));
      return { status: 200, body: { floating_ips: await ctx.service.api.floatingIps.list(requestContext(ctx)) } };
    },
  },
  {
    method: 'GET', url: '/os-floating-ips/:id', responses: { 200: FloatingIpShow }, summary: 'Show a floating IP (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      requireOwnerOrAdmin(ctx.auth, ctx.auth.projectId, rule('show'));
      return { status: 200, body: { floating_ip: await ctx.service.api.floatingIps.show(requestContext(ctx), ctx.params.id!) } };
    },
  },
  {
    method: 'POST', url: '/os-floating-ips', responses: { 200: FloatingIpShow }, summary: 'Allocate a floating IP from a pool (proxied to Neutron)', max: MAX_PROXY, body: uncheckedBody,
    handler: async (ctx) => {
      requireOwnerOrAdmin(ctx.auth, ctx.auth.projectId, rule('create'));
      const fip = await ctx.service.api.floatingIps.allocate(requestContext(ctx), requestedPool(ctx.body), defaultPool(ctx));
      return { status: 200, body: { floating_ip: fip } };
    },
  },
  {
    method: 'DELETE', url: '/os-floating-ips/:id', responses: { 202: NoBody }, summary: 'Release a floating IP (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      requireOwnerOrAdmin(ctx.auth, ctx.auth.projectId, rule('delete'));
      await ctx.service.api.floatingIps.release(requestContext(ctx), ctx.params.id!);
      return { status: 202 };
    },
  },
];

export const FLOATING_IP_ACTIONS: readonly ActionDef[] = [
  {
    name: 'addFloatingIp', max: '2.43', body: addFloatingIpBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, rule('add'));
      const { address, fixed_address: fixed } = ctx.body.addFloatingIp as { address: string; fixed_address?: string };
      await ctx.service.api.floatingIps.addToServer(requestContext(ctx), ctx.params.server_id!, address, fixed);
      return { status: 202 };
    },
  },
  {
    name: 'removeFloatingIp', max: '2.43', body: removeFloatingIpBody,
    handler: async (ctx) => {
      // the server in the URL is not looked up: the floating IP's instance is
      await ctx.service.api.floatingIps.removeFromServer(requestContext(ctx), ctx.params.server_id!, ctx.body.removeFloatingIp.address,
        (projectId) => { if (projectId !== null) requireOwnerOrAdmin(ctx.auth, projectId, rule('remove')); });
      return { status: 202 };
    },
  },
];
