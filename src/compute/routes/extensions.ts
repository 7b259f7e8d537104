// GET /extensions[/{alias}] (extension_info.py): the static list, the v2-compatible one on the
// legacy /v2 API. Any caller may read it (policy os_compute_api:extensions is "@").
import { ExtensionList, ExtensionShow } from '../schemas/responses/resources.js';
import { ApiError } from '../../http/api-error.js';
import { EXTENSION_LIST, EXTENSION_LIST_LEGACY_V2_COMPATIBLE } from '../extension-list.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const listFor = (ctx: RouteContext) => (ctx.legacy ? EXTENSION_LIST_LEGACY_V2_COMPATIBLE : EXTENSION_LIST);

export const extensionRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/extensions', responses: { 200: ExtensionList }, summary: 'List extensions',
    handler: (ctx) => ({ status: 200, body: { extensions: listFor(ctx) } }),
  },
  {
    method: 'GET', url: '/extensions/:alias', responses: { 200: ExtensionShow }, summary: 'Show an extension by alias',
    handler: (ctx) => {
      const ext = listFor(ctx).find((x) => x.alias === ctx.params.alias);
      if (!ext) throw new ApiError(404, null, 'The resource could not be found.');
      return { status: 200, body: { extension: ext } };
    },
  },
];
