// A server's networking sub-resources: /ips (ips.py), /os-interface (attach_interfaces.py) and
// /os-security-groups (security_groups.py ServerSecurityGroupController). novamock has no
// network service: servers have no ports, so the lists are empty and lookups answer what nova
// answers for a port or network neutron does not know.
import { ApiError } from '../../http/api-error.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { addressesView } from '../views/servers.js';
import { interfaceAttachBody } from '../schemas/server-extras.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { ActionDef } from './action-dispatch.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const ips = (r: string) => `os_compute_api:ips:${r}`;
const interfaces = (r: string) => `os_compute_api:os-attach-interfaces:${r}`;

export const serverNetworkingRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/ips', summary: 'List the server addresses by network',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, ips('index'));
      return { status: 200, body: { addresses: addressesView(i, ctx.service.store.infoCaches.networkInfo(i.uuid), false) } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/ips/:network_label', summary: 'Show the server addresses on one network',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, ips('show'));
      const label = ctx.params.network_label!;
      const all = addressesView(i, ctx.service.store.infoCaches.networkInfo(i.uuid), false);
      if (!(label in all)) throw new ApiError(404, null, 'Instance is not a member of specified network');
      return { status: 200, body: { [label]: all[label] } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-interface', summary: 'List the server port interfaces',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('list'));
      return { status: 200, body: { interfaceAttachments: [] } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-interface/:port_id', summary: 'Show a port interface',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('show'));
      throw new ApiError(404, null, `Port id ${ctx.params.port_id} could not be found.`);
    },
  },
  {
    method: 'POST', url: '/servers/:server_id/os-interface', summary: 'Attach a port interface', body: interfaceAttachBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('create'));
      const att = (ctx.body?.interfaceAttachment ?? {}) as { net_id?: string; port_id?: string; fixed_ips?: { ip_address: string }[] };
      if (att.net_id && att.port_id) throw new ApiError(400, null, 'Must not input both network_id and port_id');
      if (att.fixed_ips?.[0]?.ip_address && !att.net_id) throw new ApiError(400, null, 'Must input network_id when request IP address');
      return ctx.service.api.guest.attachInterface(requestContext(ctx), ctx.params.server_id!, { netId: att.net_id ?? null, portId: att.port_id ?? null });
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/os-interface/:port_id', summary: 'Detach a port interface',
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('delete'));
      await ctx.service.api.guest.detachInterface(requestContext(ctx), ctx.params.server_id!, ctx.params.port_id!);
      return { status: 202 };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-security-groups', summary: 'List the security groups of the server ports',
    handler: (ctx) => {
      // the groups come from the instance's ports' bindings: a server without ports has none
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-security-groups:list');
      return { status: 200, body: { security_groups: [] } };
    },
  },
];

/**
 * SecurityGroupActionController._parse: the body's {"name": ...}, with nova's wording for what
 * Python trips over (a non-dict is a TypeError, a missing name a KeyError, a non-string name
 * fails at .strip()).
 */
function groupName(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, null, 'Missing parameter dict');
  if (!('name' in body)) throw new ApiError(400, null, 'Security group not specified');
  const name = (body as { name: unknown }).name;
  const empty = name === null || name === '' || name === 0 || name === false
    || (Array.isArray(name) && name.length === 0) || (typeof name === 'object' && name !== null && Object.keys(name).length === 0);
  if (empty) throw new ApiError(400, null, 'Security group name cannot be empty');
  if (typeof name !== 'string') throw unexpectedApiError('AttributeError');
  if (name.trim() === '') throw new ApiError(400, null, 'Security group name cannot be empty');
  return name;
}

/**
 * add_to_instance / remove_from_instance (network/security_group_api.py) against a network
 * service where each project has only its 'default' group and the server has no ports: an
 * unknown group is not found for the caller's project; the default one finds no port to change.
 */
function securityGroupAction(name: string, rule: string): ActionDef {
  return {
    name,
    handler: (ctx: RouteContext) => {
      const i = findServer(ctx, ctx.params.server_id!, rule);
      const group = groupName(ctx.body[name]);
      if (group !== 'default') throw new ApiError(404, null, `Security group ${group} is not found for project ${ctx.auth.projectId}`);
      throw new ApiError(404, null, `instance_id ${i.uuid} could not be found as device id on any ports`);
    },
  };
}

export const SECURITY_GROUP_ACTIONS: readonly ActionDef[] = [
  securityGroupAction('addSecurityGroup', 'os_compute_api:os-security-groups:add'),
  securityGroupAction('removeSecurityGroup', 'os_compute_api:os-security-groups:remove'),
];
