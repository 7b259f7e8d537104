// nova's network proxy APIs (networks.py, tenant_networks.py, floating_ip_pools.py): answers
// through Neutron up to 2.35 (MAX_PROXY_API_SUPPORT_VERSION); from 2.36 these URLs are 404.
// What nova-network used to create or change is 410 Gone.
import { Gone } from '../schemas/responses/fault.js';
import { FloatingIpPools, OsNetworkList, OsNetworkShow, TenantNetworkList, TenantNetworkShow } from '../schemas/responses/resources.js';
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { userToken } from '../../networking-client/network-api.js';
import { NetworkingClientError, type Network } from '../../networking-client/networking-client.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const MAX_PROXY = '2.35';

/** networks.py network_dict: two real fields left, the nova-network rest null (admins see more nulls). */
function osNetwork(n: Network, isAdmin: boolean): Record<string, unknown> {
  const fields = ['id', 'cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2', 'cidr_v6', 'gateway_v6', 'label', 'netmask_v6'];
  const admin = ['created_at', 'updated_at', 'deleted_at', 'deleted', 'injected', 'bridge', 'vlan', 'vpn_public_address', 'vpn_public_port',
    'vpn_private_address', 'dhcp_start', 'project_id', 'host', 'bridge_interface', 'multi_host', 'priority', 'rxtx_base', 'mtu',
    'dhcp_server', 'enable_dhcp', 'share_address'];
  return Object.fromEntries((isAdmin ? [...fields, ...admin] : fields).map((f) => [f, f === 'id' ? n.id : f === 'label' ? n.name : null]));
}

/** tenant_networks.py network_dict: cidr is the string 'None', as nova answered over neutron. */
const tenantNetwork = (n: Network) => ({ id: n.id, cidr: 'None', label: n.name });

async function getNetwork(ctx: RouteContext, id: string): Promise<Network> {
  try {
    return await ctx.service.network.client.showNetwork(userToken(ctx.auth), id);
  } catch (e) {
    if (e instanceof NetworkingClientError && e.status === 404) throw new ApiError(404, null, 'Network not found');
    throw e;
  }
}

// nova-network's create bodies are not validated any more: any body, then 410
const ANY_BODY = [{ min: '2.1', max: MAX_PROXY, schema: Type.Unknown({ description: 'ignored: the call is gone' }) }];

const gone = (method: 'POST' | 'DELETE', url: string, summary: string): ComputeRoute => ({
  method, url, summary, max: MAX_PROXY, responses: { 410: Gone }, ...(method === 'POST' ? { body: ANY_BODY } : {}), handler: () => { throw new ApiError(410, null, 'Gone'); },
});

export const networkProxyRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-networks', responses: { 200: OsNetworkList }, summary: 'List networks (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => ({ status: 200, body: { networks: (await ctx.service.network.client.listNetworks(userToken(ctx.auth))).map((n) => osNetwork(n, ctx.auth.isAdmin)) } }),
  },
  {
    method: 'GET', url: '/os-networks/:id', responses: { 200: OsNetworkShow }, summary: 'Show a network (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => ({ status: 200, body: { network: osNetwork(await getNetwork(ctx, ctx.params.id!), ctx.auth.isAdmin) } }),
  },
  gone('POST', '/os-networks', 'nova-network is gone'),
  gone('DELETE', '/os-networks/:id', 'nova-network is gone'),
  gone('POST', '/os-networks/add', 'nova-network is gone'),
  {
    method: 'GET', url: '/os-tenant-networks', responses: { 200: TenantNetworkList }, summary: "List the project's networks (proxied to Neutron)", max: MAX_PROXY,
    handler: async (ctx) => ({ status: 200, body: { networks: (await ctx.service.network.client.listNetworks(userToken(ctx.auth))).map(tenantNetwork) } }),
  },
  {
    method: 'GET', url: '/os-tenant-networks/:id', responses: { 200: TenantNetworkShow }, summary: 'Show a network (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => ({ status: 200, body: { network: tenantNetwork(await getNetwork(ctx, ctx.params.id!)) } }),
  },
  gone('POST', '/os-tenant-networks', 'nova-network is gone'),
  gone('DELETE', '/os-tenant-networks/:id', 'nova-network is gone'),
  {
    method: 'GET', url: '/os-floating-ip-pools', responses: { 200: FloatingIpPools }, summary: 'Floating IP pools: the external networks (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      const nets = await ctx.service.network.client.listNetworks(userToken(ctx.auth), { 'router:external': true });
      return { status: 200, body: { floating_ip_pools: nets.map((n) => ({ name: n.name || n.id })) } };
    },
  },
];
