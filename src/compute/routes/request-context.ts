// The engine's view of the caller (records.RequestContext) from a route's context.
import type { RequestContext } from '../../compute-db/records.js';
import type { RouteContext } from './route-types.js';

export function requestContext(ctx: RouteContext): RequestContext {
  return {
    userId: ctx.auth.userId,
    projectId: ctx.auth.projectId,
    isAdmin: ctx.auth.isAdmin,
    roles: ctx.auth.roles,
    requestId: ctx.requestId,
  };
}
