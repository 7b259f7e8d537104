// A server's networking sub-resources: /ips (ips.py), /os-interface (attach_interfaces.py) and
// /os-security-groups (security_groups.py ServerSecurityGroupController). novamock has no
// network service: servers have no ports, so the lists are empty and lookups answer what nova
// answers for a port or network neutron does not know.
import { ApiError } from '../../http/api-error.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { interfaceAttachBody } from '../schemas/server-extras.js';
import type { ComputeRoute } from './route-types.js';

const ips = (r: string) => `os_compute_api:ips:${r}`;
const interfaces = (r: string) => `os_compute_api:os-attach-interfaces:${r}`;

export const serverNetworkingRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/ips', summary: 'List the server addresses by network',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, ips('index'));
      return { status: 200, body: { addresses: {} } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/ips/:network_label', summary: 'Show the server addresses on one network',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, ips('show'));
      throw new ApiError(404, null, 'Instance is not a member of specified network');
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
