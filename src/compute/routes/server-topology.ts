// GET /servers/{id}/topology (2.78, server_topology.py) and the removed
// /servers/{id}/os-virtual-interfaces (virtual_interfaces.py: 410 for anyone).
import { Topology } from '../schemas/responses/resources.js';
import { Gone } from '../schemas/responses/fault.js';
import { ApiError } from '../../http/api-error.js';
import { findServer } from './servers.js';
import type { ComputeRoute } from './route-types.js';

export const serverTopologyRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/servers/:server_id/topology', responses: { 200: Topology }, summary: "Show the server's NUMA topology", min: '2.78',
    handler: (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'compute:server:topology:index');
      // the flavors and images here ask for no NUMA placement: instance.numa_topology is None
      return { status: 200, body: { nodes: [], pagesize_kb: null } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/os-virtual-interfaces', responses: { 410: Gone }, summary: 'Removed: list virtual interfaces (410)',
    handler: () => { throw new ApiError(410, null, 'This resource is no longer available. No forwarding address is given.'); },
  },
];
