// Neutron's non-collection routes: versions, the v2.0 resource index, extensions, router
// interface actions, quotas, auto-allocated-topology, floating IP pools, availability zones
// and agents.
import { NoBody } from '../../http/openapi.js';
import { Type } from 'typebox';
import { NeutronError, badRequest, httpNotFound, policyNotAuthorized } from '../errors.js';
import {
  AgentsView, AnyObject, AutoAllocatedTopologyView, AvailabilityZonesView, CoreResourcesView, ExtensionListView, ExtensionView, FloatingIpPoolsView,
  NeutronErrorBody, QuotaDetailsView, QuotaListView, QuotaView, RouterInterfaceView, VersionsView,
} from '../schemas/resources.js';
import type { NetworkingCall, RouteDeclaration } from './route-declaration.js';
import { EXTENSIONS as extensions } from '../data/extensions.js';

const errors = { 400: NeutronErrorBody, 403: NeutronErrorBody, 404: NeutronErrorBody, 409: NeutronErrorBody };

const CORE = [['network', 'networks'], ['subnet', 'subnets'], ['subnetpool', 'subnetpools'], ['port', 'ports']] as const;

function requireAdmin(call: NetworkingCall, action: string): void {
  if (!call.auth.isAdmin) throw policyNotAuthorized(`rule:${action} is disallowed by policy`);
}

/** A member may read its own project's quota; anything else is admin's. */
function quotaProject(call: NetworkingCall, action: string): string {
  const project = call.params.project_id!;
  if (!call.auth.isAdmin && project !== call.auth.projectId) throw policyNotAuthorized(`rule:${action} is disallowed by policy`);
  return project;
}

export const rootRoutes: RouteDeclaration[] = [
  {
    path: '/', method: 'GET', summary: 'API versions', schemas: { response: { 200: VersionsView } },
    handler: (call) => ({ status: 200, body: { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${call.baseUrl}/v2.0/` }] }] } }),
  },
  {
    path: '/v2.0/', method: 'GET', summary: 'the core resources', schemas: { response: { 200: CoreResourcesView } },
    handler: (call) => ({
      status: 200,
      body: { resources: CORE.map(([name, collection]) => ({ name, collection, links: [{ rel: 'self', href: `${call.baseUrl}/v2.0/${collection}` }] })) },
    }),
  },
  {
    path: '/v2.0/extensions', method: 'GET', summary: 'loaded extensions', schemas: { response: { 200: ExtensionListView } },
    handler: () => ({ status: 200, body: { extensions } }),
  },
  {
    path: '/v2.0/extensions/{alias}', method: 'GET', summary: 'one extension', schemas: { response: { 200: ExtensionView, ...errors } },
    handler: (call) => {
      const ext = extensions.find((e) => e.alias === call.params.alias);
      // the extensions controller raises webob's HTTPNotFound itself: an HTML page, not the envelope
      if (!ext) return { status: 404, text: `404 Not Found\n\nThe resource could not be found.\n\n Extension with alias ${call.params.alias!} does not exist  `, html: `<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\nExtension with alias ${call.params.alias!} does not exist\n\n\n </body>\n</html>` };
      return { status: 200, body: { extension: ext } };
    },
  },
];

export const routerActionRoutes: RouteDeclaration[] = [
  {
    path: '/v2.0/routers/{id}/add_router_interface', method: 'PUT', summary: 'attach a subnet or port to a router', schemas: { body: AnyObject, response: { 200: RouterInterfaceView, ...errors } },
    handler: (call) => {
      if (call.body === undefined || call.body === null || typeof call.body !== 'object') throw badRequest('Resource body required');
      return { status: 200, body: call.service.addRouterInterface(call.params.id!, call.body, call.auth) };
    },
  },
  {
    path: '/v2.0/routers/{id}/remove_router_interface', method: 'PUT', summary: 'detach a subnet or port from a router', schemas: { body: AnyObject, response: { 200: RouterInterfaceView, ...errors } },
    handler: (call) => {
      if (call.body === undefined || call.body === null || typeof call.body !== 'object') throw badRequest('Resource body required');
      return { status: 200, body: call.service.removeRouterInterface(call.params.id!, call.body, call.auth) };
    },
  },
];

export const quotaRoutes: RouteDeclaration[] = [
  {
    path: '/v2.0/quotas', method: 'GET', summary: 'projects with non-default quotas', schemas: { response: { 200: QuotaListView, ...errors } },
    handler: (call) => {
      requireAdmin(call, 'get_quota');
      return { status: 200, body: { quotas: call.service.quotas.projects().map((p) => ({ ...call.service.quotaOf(p), project_id: p, tenant_id: p })) } };
    },
  },
  {
    path: '/v2.0/quotas/{project_id}', method: 'GET', summary: "a project's quota", schemas: { response: { 200: QuotaView, ...errors } },
    handler: (call) => ({ status: 200, body: { quota: call.service.quotaOf(quotaProject(call, 'get_quota')) } }),
  },
  {
    path: '/v2.0/quotas/{project_id}/default', method: 'GET', summary: 'the default quota', schemas: { response: { 200: QuotaView, ...errors } },
    handler: (call) => { quotaProject(call, 'get_quota'); return { status: 200, body: { quota: call.service.quotaOf('\u0000defaults') } }; },
  },
  {
    path: '/v2.0/quotas/{project_id}/details', method: 'GET', summary: "a project's quota with usage", schemas: { response: { 200: QuotaDetailsView, ...errors } },
    handler: (call) => ({ status: 200, body: { quota: call.service.quotaDetails(quotaProject(call, 'get_quota')) } }),
  },
  {
    path: '/v2.0/quotas/{project_id}', method: 'PUT', summary: "set a project's quota", schemas: { body: AnyObject, response: { 200: QuotaView, ...errors } },
    handler: (call) => { requireAdmin(call, 'update_quota'); return { status: 200, body: { quota: call.service.setQuota(call.params.project_id!, call.body) } }; },
  },
  {
    path: '/v2.0/quotas/{project_id}', method: 'DELETE', summary: "back to the default quota", schemas: { response: { 204: NoBody, ...errors } },
    handler: (call) => { requireAdmin(call, 'delete_quota'); call.service.resetQuota(call.params.project_id!); return { status: 204 }; },
  },
];

export const autoAllocationRoutes: RouteDeclaration[] = [
  {
    path: '/v2.0/auto-allocated-topology/{project_id}', method: 'GET', summary: "get-me-a-network: the project's auto-allocated network", schemas: { response: { 200: AutoAllocatedTopologyView, ...errors } },
    handler: (call) => {
      const project = quotaProject(call, 'get_auto_allocated_topology');
      const dryRun = call.queryPairs.some(([k, v]) => k === 'fields' && v === 'dry-run');
      return { status: 200, body: { auto_allocated_topology: call.service.autoAllocatedTopology(project, call.auth, dryRun) } };
    },
  },
  {
    path: '/v2.0/auto-allocated-topology/{project_id}', method: 'DELETE', summary: 'remove the auto-allocated topology', schemas: { response: { 204: NoBody, ...errors } },
    handler: (call) => { call.service.deleteAutoAllocatedTopology(quotaProject(call, 'delete_auto_allocated_topology'), call.auth); return { status: 204 }; },
  },
];

export const informationRoutes: RouteDeclaration[] = [
  {
    path: '/v2.0/floatingip-pools', method: 'GET', summary: 'subnets floating IPs come from', schemas: { response: { 200: FloatingIpPoolsView, ...errors } },
    handler: (call) => {
      const nets = call.service.resources.list('network').map((r) => r.doc).filter((n) => n['router:external'] === true && call.service.visible('network', n, call.auth));
      const pools = nets.flatMap((n) => call.service.resources.listOnNetwork('subnet', n.id).map((s) => s.doc).filter((s) => s.ip_version === 4).map((s) => ({
        subnet_id: s.id, subnet_name: s.name, tenant_id: s.project_id, network_id: n.id, cidr: s.cidr, project_id: s.project_id,
      })));
      return { status: 200, body: { floatingip_pools: pools } };
    },
  },
  {
    path: '/v2.0/availability_zones', method: 'GET', summary: 'availability zones of the agents', schemas: { response: { 200: AvailabilityZonesView } },
    handler: () => ({ status: 200, body: { availability_zones: [] } }),
  },
  {
    path: '/v2.0/agents', method: 'GET', summary: 'the L2 agents ports bind through', schemas: { response: { 200: AgentsView, ...errors } },
    handler: (call) => {
      // get_agent is admin-only; on a collection neutron's policy drops the items a caller may
      // not see (api/v2/base.py _items), so a member gets 200 and an empty list, not 403
      if (!call.auth.isAdmin) return { status: 200, body: { agents: [] } };
      return {
        status: 200,
        body: {
          agents: [...call.service.agentHosts].sort().map((host) => ({
            binary: 'neutron-openvswitch-agent', agent_type: 'Open vSwitch agent', host, topic: 'N/A', alive: true, admin_state_up: true,
            availability_zone: null, resources_synced: null, description: null,
            configurations: { bridge_mappings: { public: 'br-ex', physnet1: 'br-eth1' }, tunnel_types: ['vxlan'], tunneling_ip: '127.0.0.1' },
          })),
        },
      };
    },
  },
];

export const notFoundError = (): NeutronError => httpNotFound();
