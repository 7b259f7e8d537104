// The devstack topology clients configured for devstack expect (devstack's lib/neutron
// create_neutron_initial_network): an external flat network `public` (172.24.4.0/24,
// `public-subnet`, the default external network), `private` (10.0.0.0/26 `private-subnet`
// plus an IPv6 SLAAC subnet) of the demo project behind `router1` whose gateway is on
// `public`, and a `shared` network (192.168.233.0/24) every project sees. Built through the
// service's own create calls, so the seed obeys the same rules as the API.
import type { AuthContext } from '../http/auth-context.js';
import type { Runtime } from '../runtime/runtime.js';
import { kindOf } from './attributes.js';
import type { NetworkingService } from './networking-service.js';
import { prepareRequestBody } from './request-body.js';
import type { NetworkingSeed } from '../seed/seed-file.js';

export type { NetworkingSeed, SeedNetwork, SeedRouter } from '../seed/seed-file.js';

export const ADMIN_PROJECT = 'admin';
export const DEMO_PROJECT = 'demo';

export const DEVSTACK_SEED: NetworkingSeed = {
  networks: [
    {
      name: 'public', project_id: ADMIN_PROJECT, 'router:external': true, is_default: true, 'provider:network_type': 'flat', 'provider:physical_network': 'public',
      subnets: [{ name: 'public-subnet', cidr: '172.24.4.0/24', ip_version: 4, gateway_ip: '172.24.4.1', enable_dhcp: false, allocation_pools: [{ start: '172.24.4.2', end: '172.24.4.254' }] }],
    },
    {
      name: 'private', project_id: DEMO_PROJECT,
      subnets: [
        { name: 'private-subnet', cidr: '10.0.0.0/26', ip_version: 4, gateway_ip: '10.0.0.1' },
        { name: 'ipv6-private-subnet', cidr: 'fd00::/64', ip_version: 6, gateway_ip: 'fd00::1', ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' },
      ],
    },
    {
      name: 'shared', project_id: ADMIN_PROJECT, shared: true,
      subnets: [{ name: 'shared-subnet', cidr: '192.168.233.0/24', ip_version: 4, gateway_ip: '192.168.233.1', allocation_pools: [{ start: '192.168.233.2', end: '192.168.233.254' }] }],
    },
  ],
  routers: [{ name: 'router1', project_id: DEMO_PROJECT, gateway: 'public', interfaces: ['private-subnet', 'ipv6-private-subnet'] }],
  agent_hosts: ['host1', 'host2'],
};

/** The topology a cloud starts with and a reset restores: the SEED_FILE's networks, else devstack's. */
export function seededTopology(runtime: Runtime): NetworkingSeed {
  return runtime.seedPlan?.networking ?? DEVSTACK_SEED;
}

const ADMIN: AuthContext = { token: 'admin', userId: 'admin', projectId: ADMIN_PROJECT, roles: ['admin'], systemScope: null, isAdmin: true };

/** Empty the service and build the topology (throws the service's errors on a bad seed). */
export function seedNetworking(service: NetworkingService, seed: NetworkingSeed = DEVSTACK_SEED): void {
  service.transaction(() => {
    service.reset();
    service.agentHosts.clear();
    for (const h of seed.agent_hosts ?? []) service.agentHosts.add(h);
    const subnetIds = new Map<string, string>();
    const networkIds = new Map<string, string>();
    for (const n of seed.networks) {
      const { subnets, ...net } = n;
      const project = net.project_id ?? ADMIN_PROJECT;
      const attrs = prepareRequestBody(kindOf('network'), { network: { ...net, project_id: project } }, true, ADMIN);
      const doc = service.create('network', attrs, ADMIN);
      networkIds.set(n.name, doc.id);
      for (const s of subnets ?? []) {
        const sAttrs = prepareRequestBody(kindOf('subnet'), { subnet: { ...s, network_id: doc.id, project_id: project } }, true, ADMIN);
        const sub = service.create('subnet', sAttrs, ADMIN);
        subnetIds.set(String(s.name), sub.id);
      }
    }
    for (const r of seed.routers) {
      const project = r.project_id ?? ADMIN_PROJECT;
      const gw = r.gateway === undefined ? undefined : networkIds.get(r.gateway);
      if (r.gateway !== undefined && gw === undefined) throw new Error(`router ${r.name}: no network ${r.gateway}`);
      const attrs = prepareRequestBody(kindOf('router'), { router: { name: r.name, project_id: project, ...(gw ? { external_gateway_info: { network_id: gw } } : {}) } }, true, ADMIN);
      const router = service.create('router', attrs, ADMIN);
      for (const s of r.interfaces ?? []) {
        const id = subnetIds.get(s);
        if (id === undefined) throw new Error(`router ${r.name}: no subnet ${s}`);
        service.addRouterInterface(router.id, { subnet_id: id }, ADMIN);
      }
    }
  });
}
