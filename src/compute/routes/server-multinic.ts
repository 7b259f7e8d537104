// multinic.py: addFixedIp / removeFixedIp server actions, 2.1-2.43 (404 from 2.44), 202 with
// the work cast to the compute.
import { requestContext } from './request-context.js';
import { findServer } from './servers.js';
import { addFixedIpBody, removeFixedIpBody } from '../schemas/multinic.js';
import type { ActionDef } from './action-dispatch.js';

export const MULTINIC_ACTIONS: readonly ActionDef[] = [
  {
    name: 'addFixedIp', max: '2.43', body: addFixedIpBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-multinic:add');
      // a number is taken as is: str() of it reaches neutron's filter
      await ctx.service.api.multinic.addFixedIp(requestContext(ctx), ctx.params.server_id!, String(ctx.body.addFixedIp.networkId));
      return { status: 202 };
    },
  },
  {
    name: 'removeFixedIp', max: '2.43', body: removeFixedIpBody,
    handler: async (ctx) => {
      findServer(ctx, ctx.params.server_id!, 'os_compute_api:os-multinic:remove');
      await ctx.service.api.multinic.removeFixedIp(requestContext(ctx), ctx.params.server_id!, ctx.body.removeFixedIp.address);
      return { status: 202 };
    },
  },
];
