// /servers: list, detail, show, create, update, delete (nova/api/openstack/compute/servers.py).
import { ServerCreated, ServerDetailList, ServerList, ServerShow, ServerUpdated } from '../schemas/responses/servers.js';
import { NoBody } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin, requireOwnerOrAdmin } from './policy.js';
import { lastParam, pageLimit } from './paging.js';
import { requestContext } from './request-context.js';
import { ipSearch, serverListFilter } from './server-list-filter.js';
import { idFromHref } from './href-ids.js';
import { detailJsonMemo, reducedServerView, serverBasic, serverDetail, serverDetailJson } from '../views/servers.js';
import { hostAvailabilityZone, hostAvailabilityZones } from '../../compute-db/availability-zones.js';
import { collectionLinks } from '../views/collection-links.js';
import { boolFromString } from '../schemas/parameter-types.js';
import { serverCreateBody, serverUpdateBody, serversIndexQuery } from '../schemas/servers.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import { JsonPieces, serializeBody } from '../../http/python/json-dumps.js';
import type { BlockDeviceMappingRecord } from '../../compute-db/block-device-mappings-store.js';
import { userToken, type NetworkRequest } from '../../networking-client/network-api.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

export function instanceNotFound(uuid: string): ApiError {
  return new ApiError(404, null, `Instance ${uuid} could not be found.`);
}

/**
 * common.get_instance: nova reads instances project_only for non-admins, so another project's
 * server is simply not found; the rule is then checked on the instance's project.
 */
export function findServer(ctx: RouteContext, uuid: string, rule: string, opts: { readDeleted?: boolean } = {}): InstanceRecord {
  const i = ctx.service.store.instances.get(uuid);
  if (!i || (i.deleted && !opts.readDeleted) || (!ctx.auth.isAdmin && i.projectId !== ctx.auth.projectId)) throw instanceNotFound(uuid);
  requireOwnerOrAdmin(ctx.auth, i.projectId, rule);
  return i;
}

/** [api] enable_instance_password (default True; reset config {"api": {"enable_instance_password": false}}). */
export function instancePasswordEnabled(ctx: RouteContext): boolean {
  return ctx.service.runtime.settings.novaOptions.api.enable_instance_password;
}

function serverGroupsOf(ctx: RouteContext, uuid: string): string[] {
  const g = ctx.service.store.serverGroups.groupOf(uuid);
  // read with the caller's context: another project's group is not found for a non-admin
  return g && (ctx.auth.isAdmin || g.projectId === ctx.auth.projectId) ? [g.uuid] : [];
}

/** The server's volume block device mappings (BlockDeviceMappingList, volumes only). */
function volumesAttached(ctx: RouteContext, uuid: string) {
  return volumeAttachments(ctx.service.store.bdms.ofInstance(uuid));
}

function volumeAttachments(bdms: readonly BlockDeviceMappingRecord[]) {
  return bdms.filter((b) => b.destinationType === 'volume' && b.volumeId)
    .map((b) => ({ id: b.volumeId!, deleteOnTermination: b.deleteOnTermination }));
}

/**
 * _add_security_grps: the groups of the servers' ports, asked of Neutron with the caller's token
 * (nova's request context), so a group the caller cannot see is not listed.
 */
function securityGroupBindings(ctx: RouteContext, uuids: readonly string[]) {
  return ctx.service.api.securityGroups.bindings(requestContext(ctx), uuids);
}

/** The show view of one server, as GET /servers/{id} renders it. */
export async function showServer(ctx: RouteContext, i: InstanceRecord, opts: { serverGroups?: boolean } = {}) {
  const store = ctx.service.store;
  const groups = await securityGroupBindings(ctx, [i.uuid]);
  return serverDetail({
    instance: i,
    fault: store.faults.latest(i.uuid),
    hostStatus: ctx.auth.isAdmin ? ctx.service.hosts.status(i.host) : undefined,
    hostAvailabilityZone: i.host ? hostAvailabilityZone(store, i.host) : undefined,
    volumesAttached: volumesAttached(ctx, i.uuid),
    // InstanceGroup.get_by_instance_uuid: the group the server is a member of, if any
    serverGroups: opts.serverGroups ? serverGroupsOf(ctx, i.uuid) : undefined,
    networkInfo: store.infoCaches.networkInfo(i.uuid),
    securityGroups: groups.get(i.uuid),
  }, ctx.version, ctx.links, ctx.auth);
}

async function listServers(ctx: RouteContext, detail: boolean) {
  let filter = serverListFilter(ctx, detail);
  const ips = ipSearch(ctx);
  if (filter !== null && ips.length) {
    // _ip_filter_using_neutron: the ports (asked as the caller) with a fixed IP containing the
    // value; no match is an empty list, and a `uuid` option is added to the matches, as nova does
    const uuids: string[] = [];
    for (const address of ips) {
      const ports = await ctx.service.network.client.listPorts(userToken(ctx.auth), { fixed_ips: `ip_address_substr=${address}`, fields: 'device_id' });
      uuids.push(...ports.map((p) => p.device_id));
    }
    filter = uuids.length ? { ...filter, uuids: [...uuids, ...(filter.uuids ?? []).filter((u) => !uuids.includes(u))] } : null;
  }
  const store = ctx.service.store;
  const limit = pageLimit(ctx.query);
  const marker = lastParam(ctx.query, 'marker');
  // paged in SQL, so that a page of a long list reads only its own rows (100,000 servers, limit=1000)
  const page = filter !== null ? store.instances.listPage(filter, { limit, ...(marker !== undefined ? { marker } : {}) })
    : marker !== undefined ? 'marker-not-found' : [];
  if (page === 'marker-not-found') throw new ApiError(400, null, `marker [${marker}] not found`);
  const links = collectionLinks(ctx.links.versioned, detail ? 'servers/detail' : 'servers', ctx.query, page.length, page.at(-1)?.uuid ?? null);
  if (detail) {
    // {"servers": [...], "servers_links": [...]} in pieces, each server's view serialised as it is built
    const pieces = await detailViews(ctx, page);
    pieces.push(links.length > 0 ? `],"servers_links":${serializeBody(links)}}` : ']}');
    return new JsonPieces(pieces);
  }
  const out: Record<string, unknown> = { servers: page.map((i) => serverBasic(i, ctx.links)) };
  if (links.length > 0) out.servers_links = links;
  return out;
}

/**
 * The detail views of a page of servers, what showServer gives each but the server groups,
 * with the page's faults, info caches, BDMs, host services and host zones read in one query each:
 * the JSON text of the list's opening and of each view, written as text (serverDetailJson: no view
 * objects). The view holds no pyFloat (serializeBody's float pass has nothing to restore in it).
 */
async function detailViews(ctx: RouteContext, page: readonly InstanceRecord[]) {
  const store = ctx.service.store;
  const uuids = page.map((i) => i.uuid);
  const hosts = [...new Set(page.flatMap((i) => (i.host ? [i.host] : [])))];
  const groups = await securityGroupBindings(ctx, uuids);
  // InstanceList.fill_faults reads the faults with the request's untargeted context, i.e.
  // the API's main database (the cell1 one, as in nova's functional layout), so the fault
  // of a server buried in cell0 is not in the list (show reads it in the server's cell)
  const faults = store.faults.latestOf(page.flatMap((i) => (i.cell === 'cell0' ? [] : [i.uuid])));
  const statuses = ctx.auth.isAdmin ? ctx.service.hosts.statuses(hosts) : undefined;
  const zones = hostAvailabilityZones(store, hosts);
  const networkInfo = store.infoCaches.networkInfoOf(uuids);
  const bdms = store.bdms.ofInstances(uuids);
  const pieces = ['{"servers":['];
  const memo = detailJsonMemo();
  for (const i of page) {
    const view = serverDetailJson({
      instance: i, fault: faults.get(i.uuid) ?? null,
      hostStatus: statuses ? (i.host ? statuses.get(i.host)! : '') : undefined,
      hostAvailabilityZone: i.host ? zones.get(i.host)! : undefined,
      networkInfo: networkInfo.get(i.uuid) ?? [],
      securityGroups: groups.get(i.uuid),
      volumesAttached: volumeAttachments(bdms.get(i.uuid) ?? []),
    }, ctx.version, ctx.links, ctx.auth, memo);
    // flattened now (charCodeAt flattens a rope in place): the view's text is a rope of ~100
    // pieces, and 1,000 of them kept to the end of the page would be promoted by the scavenges
    view.charCodeAt(0);
    if (pieces.length > 1) pieces.push(',');
    pieces.push(view);
  }
  return pieces;
}

/** servers.py create(): os:scheduler_hints, else OS-SCH-HNT:scheduler_hints. */
function schedulerHints(body: Record<string, any>): { group?: string } {
  return body['os:scheduler_hints'] ?? body['OS-SCH-HNT:scheduler_hints'] ?? {};
}

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** servers.py _get_requested_networks: the body's `networks` as nova's NetworkRequestList. */
function requestedNetworks(raw: unknown): NetworkRequest[] | 'auto' | 'none' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'auto' || raw === 'none') return raw;
  if (!Array.isArray(raw)) throw new ApiError(400, null, 'Bad networks format');
  const out: NetworkRequest[] = [];
  const ports: string[] = [];
  for (const n of raw as Record<string, unknown>[]) {
    if (n === null || typeof n !== 'object') throw new ApiError(400, null, 'Bad networks format');
    const fixedIp = (n.fixed_ip as string | undefined) ?? null;
    const port = (n.port as string | undefined) ?? null;
    if (port) {
      if (ports.includes(port)) throw new ApiError(400, null, `Port ID '${port}' was specified twice: you cannot attach a port multiple times.`);
      if (fixedIp !== null) throw new ApiError(400, null, `Specified Fixed IP '${fixedIp}' cannot be used with port '${port}': the two cannot be specified together.`);
      ports.push(port);
      out.push({ networkId: null, portId: port, fixedIp: null, ...tagOf(n) });
      continue;
    }
    if (!('uuid' in n)) throw new ApiError(400, null, "Bad network format: missing 'uuid'");
    const uuid = String(n.uuid);
    if (!UUID_LIKE.test(uuid)) throw new ApiError(400, null, `Bad networks format: network uuid is not in proper format (${uuid})`);
    out.push({ networkId: uuid, portId: null, fixedIp, ...tagOf(n) });
  }
  return out;
}

/** NetworkRequest.tag: only present when asked (the schema admits it at 2.32-2.36 and 2.42+). */
const tagOf = (n: Record<string, unknown>): { tag?: string } => (typeof n.tag === 'string' ? { tag: n.tag } : {});

/** servers.py update(): before 2.75 the answer leaves out most extended attributes. */
async function updateView(ctx: RouteContext, i: InstanceRecord) {
  const full = await showServer(ctx, i, { serverGroups: ctx.version.atLeast('2.71') });
  return ctx.version.atLeast('2.75') ? full : reducedServerView(full, { showKeypair: false });
}

export const serverRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers', summary: 'List servers', query: serversIndexQuery, responses: { 200: ServerList },
    handler: async (ctx) => ({ status: 200, body: await listServers(ctx, false) }),
  },
  {
    method: 'GET', url: '/servers/detail', summary: 'List servers with details', query: serversIndexQuery, responses: { 200: ServerDetailList },
    handler: async (ctx) => ({ status: 200, body: await listServers(ctx, true) }),
  },
  {
    method: 'GET', url: '/servers/:server_id', summary: 'Show a server', responses: { 200: ServerShow },
    handler: async (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:show');
      return { status: 200, body: { server: await showServer(ctx, i, { serverGroups: ctx.version.atLeast('2.71') }) } };
    },
  },
  {
    method: 'POST', url: '/servers', summary: 'Create (boot) a server', body: serverCreateBody, responses: { 202: ServerCreated },
    handler: async (ctx) => {
      const b = ctx.body.server as Record<string, any>;
      if ((b.host !== undefined || b.hypervisor_hostname !== undefined)) {
        requireAdmin(ctx.auth, 'compute:servers:create:requested_destination');
      }
      const minCount = b.min_count === undefined ? 1 : Number(b.min_count);
      const maxCount = b.max_count === undefined ? minCount : Number(b.max_count);
      if (minCount > maxCount) throw new ApiError(400, null, 'min_count must be <= max_count');
      const result = await ctx.service.api.servers.create(requestContext(ctx), {
        // common.normalize_name: only the legacy v2 API lets surrounding spaces through
        name: String(b.name).trim(),
        imageRef: b.imageRef ? idFromHref(b.imageRef) : null,
        flavorRef: idFromHref(b.flavorRef),
        availabilityZone: b.availability_zone ?? null,
        host: b.host ?? null,
        hypervisorHostname: b.hypervisor_hostname ?? null,
        metadata: b.metadata,
        keyName: b.key_name ?? null,
        adminPass: b.adminPass ?? null,
        accessIPv4: b.accessIPv4 ?? null,
        accessIPv6: b.accessIPv6 ?? null,
        description: b.description ?? null,
        hostname: b.hostname ?? null,
        userData: b.user_data ?? null,
        configDrive: b.config_drive === undefined ? false : boolFromString(b.config_drive),
        ...(b['OS-DCF:diskConfig'] !== undefined ? { autoDiskConfig: b['OS-DCF:diskConfig'] === 'AUTO' } : {}),
        tags: b.tags,
        trustedImageCertificates: b.trusted_image_certificates ?? null,
        minCount,
        maxCount,
        group: schedulerHints(ctx.body).group ?? null,
        networks: requestedNetworks(b.networks),
        ...(Array.isArray(b.security_groups) ? { securityGroups: [...new Set((b.security_groups as { name: string }[]).map((g) => String(g.name)))] } : {}),
        blockDeviceMappingV2: b.block_device_mapping_v2, supportsMultiattach: ctx.version.atLeast('2.60'),
      });
      if (b.return_reservation_id !== undefined && boolFromString(b.return_reservation_id)) {
        return { status: 202, body: { reservation_id: result.reservationId } };
      }
      const first = result.instances[0]!;
      const server: Record<string, unknown> = {
        id: first.uuid,
        links: ctx.links.pair('servers', first.uuid),
        'OS-DCF:diskConfig': first.autoDiskConfig ? 'AUTO' : 'MANUAL',
        security_groups: b.security_groups ?? [{ name: 'default' }],
        ...(instancePasswordEnabled(ctx) ? { adminPass: result.adminPass } : {}),
      };
      return { status: 202, body: { server }, headers: { Location: ctx.links.self('servers', first.uuid) } };
    },
  },
  {
    method: 'PUT', url: '/servers/:server_id', summary: 'Update a server', body: serverUpdateBody, responses: { 200: ServerUpdated },
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:update');
      const b = ctx.body.server as Record<string, any>;
      const updated = await ctx.service.api.servers.update(requestContext(ctx), ctx.params.server_id!, {
        ...(b.name !== undefined ? { name: String(b.name).trim() } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.accessIPv4 !== undefined ? { accessIPv4: b.accessIPv4 } : {}),
        ...(b.accessIPv6 !== undefined ? { accessIPv6: b.accessIPv6 } : {}),
        ...(b.hostname !== undefined ? { hostname: b.hostname } : {}),
        ...(b['OS-DCF:diskConfig'] !== undefined ? { autoDiskConfig: b['OS-DCF:diskConfig'] === 'AUTO' } : {}),
      });
      return { status: 200, body: { server: await updateView(ctx, updated) } };
    },
  },
  {
    method: 'DELETE', url: '/servers/:server_id', summary: 'Delete a server', responses: { 204: NoBody },
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:delete');
      await ctx.service.api.servers.delete(requestContext(ctx), ctx.params.server_id!);
      return { status: 204 };
    },
  },
];
