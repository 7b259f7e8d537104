// POST .../action: the body's single key names the action (nova wsgi.action_peek), each action
// with its own version window and schema table (@wsgi.action + @validation.schema).
import { ApiError } from '../../http/api-error.js';
import { assertValid } from '../schemas/nova-validator.js';
import { schemaFor, type ActionDef, type RouteContext, type RouteResult } from './route-types.js';

export type { ActionDef } from './route-types.js';

export function actionDispatcher(actions: readonly ActionDef[]) {
  const byName = new Map(actions.map((a) => [a.name, a]));
  return (ctx: RouteContext): RouteResult | Promise<RouteResult> => {
    const body = ctx.body;
    if (body === null) throw new ApiError(400, null, 'Malformed request body');
    // action_peek: len(decoded) must be 1, then decoded.keys(): lists and strings of length 1
    // have no keys() and numbers no len(), which nova answers with a bare 404.
    const size = typeof body === 'string' || Array.isArray(body) ? body.length : typeof body === 'object' ? Object.keys(body).length : null;
    if (size === null) throw new ApiError(404, null, 'The resource could not be found.');
    if (size !== 1) throw new ApiError(400, null, 'Malformed request body');
    if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(404, null, 'The resource could not be found.');
    const keys = Object.keys(body);
    const action = byName.get(keys[0]!);
    if (!action) throw new ApiError(400, null, `There is no such action: ${keys[0]}`);
    if (!ctx.version.within(action.min, action.max)) throw new ApiError(404, null, 'The resource could not be found.');
    const schema = schemaFor(action.body, ctx.version, ctx.legacy);
    if (schema) assertValid(schema.schema, body, 'body', ctx.legacy);
    return action.handler(ctx);
  };
}
