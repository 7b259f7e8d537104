// The rebuild server action (servers.py _action_rebuild): the request's attributes per
// microversion, then the answer: the server as GET shows it (reduced before 2.75), with
// adminPass (CONF.api.enable_instance_password) and, from 2.57, user_data; Location as nova's
// _add_location.
import { requestContext } from './request-context.js';
import { findServer, instancePasswordEnabled, showServer } from './servers.js';
import { reducedServerView } from '../views/servers.js';
import { boolFromString } from '../schemas/parameter-types.js';
import { rebuildBody } from '../schemas/servers.js';
import type { RebuildRequest } from '../api/api-types.js';
import type { InstanceRecord } from '../../compute-db/records.js';
import type { ActionDef } from './action-dispatch.js';
import type { RouteContext } from './route-types.js';

/** The attributes _action_rebuild hands to compute_api.rebuild, by microversion. */
function rebuildRequest(ctx: RouteContext): RebuildRequest {
  const b = ctx.body.rebuild as Record<string, any>;
  const v = ctx.version;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(b, k);
  return {
    imageRef: b.imageRef,
    // _get_server_admin_password: the given one or utils.generate_password()
    adminPass: b.adminPass ?? ctx.service.runtime.ids.uuid().replace(/-/g, '').slice(0, 12),
    // common.normalize_name: only the legacy v2 API lets surrounding spaces through to here
    ...(has('name') ? { name: String(b.name).trim() } : {}),
    ...(has('description') ? { description: b.description } : {}),
    ...(has('metadata') ? { metadata: b.metadata } : {}),
    ...(has('accessIPv4') ? { accessIPv4: b.accessIPv4 } : {}),
    ...(has('accessIPv6') ? { accessIPv6: b.accessIPv6 } : {}),
    ...(b['OS-DCF:diskConfig'] !== undefined ? { autoDiskConfig: b['OS-DCF:diskConfig'] === 'AUTO' } : {}),
    ...(has('preserve_ephemeral') ? { preserveEphemeral: boolFromString(b.preserve_ephemeral) } : {}),
    ...(has('personality') ? { personality: b.personality } : {}),
    ...(v.atLeast('2.54') && has('key_name') ? { keyName: b.key_name } : {}),
    ...(v.atLeast('2.57') && has('user_data') ? { userData: b.user_data } : {}),
    ...(v.atLeast('2.63') && has('trusted_image_certificates') ? { trustedImageCertificates: b.trusted_image_certificates } : {}),
    ...(v.atLeast('2.90') && has('hostname') ? { hostname: b.hostname } : {}),
  };
}

async function rebuildView(ctx: RouteContext, i: InstanceRecord, adminPass: string): Promise<Record<string, unknown>> {
  let view = await showServer(ctx, i, { serverGroups: ctx.version.atLeast('2.71') });
  // show_user_data=False: user_data is added below, from 2.57, under its own name
  delete view['OS-EXT-SRV-ATTR:user_data'];
  // before 2.75 reduced as the PUT answer is, but key_name shows from 2.54
  if (!ctx.version.atLeast('2.75')) view = reducedServerView(view, { showKeypair: ctx.version.atLeast('2.54') });
  if (instancePasswordEnabled(ctx)) view.adminPass = adminPass;
  if (ctx.version.atLeast('2.57')) view.user_data = i.userData;
  return view;
}

export const rebuildAction: ActionDef = {
  name: 'rebuild',
  body: rebuildBody,
  handler: async (ctx) => {
    const uuid = ctx.params.server_id!;
    findServer(ctx, uuid, 'os_compute_api:servers:rebuild');
    const req = rebuildRequest(ctx);
    await ctx.service.api.servers.rebuild(requestContext(ctx), uuid, req);
    const view = await rebuildView(ctx, findServer(ctx, uuid, 'os_compute_api:servers:rebuild'), req.adminPass);
    return { status: 202, body: { server: view }, headers: { Location: ctx.links.self('servers', uuid) } };
  },
};
