// A server's networking sub-resources: /ips (ips.py), /os-interface (attach_interfaces.py) and
// /os-security-groups (security_groups.py ServerSecurityGroupController). novamock has no
// network service: servers have no ports, so the lists are empty and lookups answer what nova
// answers for a port or network neutron does not know.
import { InterfaceAttachmentList, InterfaceAttachmentShow, NetworkAddresses, SecurityGroupList, ServerAddresses } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { userToken } from '../../networking-client/network-api.js';
import { NetworkingClientError, type Port } from '../../networking-client/networking-client.js';
import { addressesView } from '../views/servers.js';
import { interfaceAttachBody } from '../schemas/server-extras.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { ActionDef } from './action-dispatch.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

/** _translate_interface_attachment_view */
function attachmentView(p: Port): Record<string, unknown> {
  return { net_id: p.network_id, port_id: p.id, mac_addr: p.mac_address, port_state: p.status, fixed_ips: p.fixed_ips };
}

const ips = (r: string) => `os_compute_api:ips:${r}`;
const interfaces = (r: string) => `os_compute_api:os-attach-interfaces:${r}`;

export const serverNetworkingRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/ips', responses: { 200: ServerAddresses }, summary: 'List the server addresses by network',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, ips('index'));
      return { status: 200, body: { addresses: addressesView(i, ctx.service.store.infoCaches.networkInfo(i.uuid), false) } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/ips/:network_label', responses: { 200: NetworkAddresses }, summary: 'Show the server addresses on one network',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, ips('show'));
      const label = ctx.params.network_label!;
      const all = addressesView(i, ctx.service.store.infoCaches.networkInfo(i.uuid), false);
      if (!(label in all)) throw new ApiError(404, null, 'Instance is not a member of specified network');
      return { status: 200, body: { [label]: all[label] } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-interface', responses: { 200: InterfaceAttachmentList }, summary: 'List the server port interfaces',
    handler: async (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, interfaces('list'));
      const ports = await ctx.service.network.client.listPorts(userToken(ctx.auth), { device_id: i.uuid });
      if (!ctx.version.atLeast('2.70')) return { status: 200, body: { interfaceAttachments: ports.map(attachmentView) } };
      // 2.70: the tag of each port's VirtualInterface record (none: null)
      const tags = new Map(ctx.service.store.virtualInterfaces.list(i.uuid).map((v) => [v.portId, v.tag]));
      return { status: 200, body: { interfaceAttachments: ports.map((p) => ({ ...attachmentView(p), tag: tags.get(p.id) ?? null })) } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-interface/:port_id', responses: { 200: InterfaceAttachmentShow }, summary: 'Show a port interface',
    handler: async (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, interfaces('show'));
      const portId = ctx.params.port_id!;
      const port = await ctx.service.network.client.showPort(userToken(ctx.auth), portId).catch(() => null);
      if (!port) throw new ApiError(404, null, `Port id ${portId} could not be found.`);
      if (port.device_id !== i.uuid) throw new ApiError(404, null, `Instance ${i.uuid} does not have a port with id ${portId}`);
      if (!ctx.version.atLeast('2.70')) return { status: 200, body: { interfaceAttachment: attachmentView(port) } };
      const vif = ctx.service.store.virtualInterfaces.list(i.uuid).find((v) => v.portId === portId);
      return { status: 200, body: { interfaceAttachment: { ...attachmentView(port), tag: vif?.tag ?? null } } };
    },
  },
  {
    method: 'POST', url: '/servers/:server_id/os-interface', responses: { 200: InterfaceAttachmentShow }, summary: 'Attach a port interface', body: interfaceAttachBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('create'));
      const att = (ctx.body?.interfaceAttachment ?? {}) as { net_id?: string; port_id?: string; fixed_ips?: { ip_address: string }[]; tag?: string };
      if (att.net_id && att.port_id) throw new ApiError(400, null, 'Must not input both network_id and port_id');
      if (att.fixed_ips?.[0]?.ip_address && !att.net_id) throw new ApiError(400, null, 'Must input network_id when request IP address');
      const attached = await ctx.service.api.guest.attachInterface(requestContext(ctx), ctx.params.server_id!, {
        netId: att.net_id ?? null, portId: att.port_id ?? null, fixedIp: att.fixed_ips?.[0]?.ip_address ?? null, tag: att.tag ?? null,
      });
      // create() answers show(): the VIF's tag from 2.70 (the one asked for, 2.49+)
      const tag = ctx.version.atLeast('2.70') ? { tag: att.tag ?? null } : {};
      return { status: 200, body: { interfaceAttachment: { ...attached, ...tag } } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id/os-interface/:port_id', responses: { 202: NoBody }, summary: 'Detach a port interface',
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, interfaces('delete'));
      await ctx.service.api.guest.detachInterface(requestContext(ctx), ctx.params.server_id!, ctx.params.port_id!);
      return { status: 202 };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-security-groups', responses: { 200: SecurityGroupList }, summary: 'List the security groups of the server ports',
    handler: async (ctx) => {
      // get_instance_security_groups(detailed=True) with the caller's token
      const i = findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-security-groups:list');
      const listed = await ctx.service.api.securityGroups.ofServer(requestContext(ctx), i.uuid);
      return { status: 200, body: { security_groups: listed } };
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
 * add_to_instance / remove_from_instance (network/security_group_api.py): the group found by
 * name or id in the caller's project, then every port of the instance updated.
 */
function securityGroupAction(name: string, rule: string): ActionDef {
  const adding = name === 'addSecurityGroup';
  return {
    name,
    handler: async (ctx: RouteContext) => {
      const i = findServer(ctx, ctx.params.server_id!, rule);
      const group = groupName(ctx.body[name]);
      const client = ctx.service.network.client;
      const token = userToken(ctx.auth);
      // neutronv20.find_resourceid_by_name_or_id(..., project_id)
      const byId = await client.listSecurityGroups(token, { id: group });
      const matches = byId.length ? byId : await client.listSecurityGroups(token, { name: group, tenant_id: ctx.auth.projectId });
      if (matches.length > 1) throw new ApiError(409, null, `Multiple security_group matches found for name '${group}', use an ID to be more specific.`);
      if (!matches.length) throw new ApiError(404, null, `Security group ${group} is not found for project ${ctx.auth.projectId}`);
      const sgId = matches[0]!.id;
      const ports = await client.listPorts(token, { device_id: i.uuid });
      if (!ports.length) throw new ApiError(404, null, `instance_id ${i.uuid} could not be found as device id on any ports`);
      let found = false;
      for (const port of ports) {
        if (adding) {
          // _has_security_group_requirements: port security and an address
          if (port.port_security_enabled === false || !port.fixed_ips.length) {
            throw new ApiError(400, null, 'Network requires port_security_enabled and subnet associated in order to apply security groups.');
          }
          try {
            await client.updatePort(token, port.id, { security_groups: [...port.security_groups, sgId] });
          } catch (err) {
            // add_to_instance: Neutron's 400 (a group already on the port is a duplicate item) is
            // SecurityGroupCannotBeApplied(str(e)); neutronclient's request_ids suffix is left out
            if (err instanceof NetworkingClientError && err.status === 400) throw new ApiError(400, null, err.message);
            throw err;
          }
        } else if (port.security_groups.includes(sgId)) {
          found = true;
          await client.updatePort(token, port.id, { security_groups: port.security_groups.filter((x) => x !== sgId) });
        }
      }
      if (!adding && !found) throw new ApiError(404, null, `Security group ${group} not associated with the instance ${i.uuid}`);
      return { status: 202 };
    },
  };
}

export const SECURITY_GROUP_ACTIONS: readonly ActionDef[] = [
  securityGroupAction('addSecurityGroup', 'os_compute_api:os-security-groups:add'),
  securityGroupAction('removeSecurityGroup', 'os_compute_api:os-security-groups:remove'),
];
