// POST /volumes/{id}/action (cinder/api/contrib/volume_actions.py, admin_actions.py): the body's
// one key names the action, each with its own schema and policy.
import { CinderErrors as E } from '../errors.js';
import { MV } from '../versions.js';
import { uploadImageV31, volumeActionResponse, volumeActions, volumeActionBody, type VolumeActionName } from '../schemas/volumes.js';
import { toBool } from '../schemas/parameter-types.js';
import { setVolumeImageMetadata, unsetVolumeImageMetadata, volumeImageMetadata } from '../volume-image-metadata.js';
import type { BlockStorageCall, BlockStorageResponse, RouteDeclaration } from './route-declaration.js';

type ActionHandler = (call: BlockStorageCall, id: string, body: Record<string, unknown>) => BlockStorageResponse | Promise<BlockStorageResponse>;

const ACTIONS: Record<VolumeActionName, ActionHandler> = {
  'os-extend': (call, id, b) => {
    call.service.extendVolume(call.caller, id, Number(b.new_size), call.version.atLeast(MV.VOLUME_EXTEND_INUSE));
    return { status: 202 };
  },
  'os-retype': (call, id, b) => { call.service.retypeVolume(call.caller, id, b.new_type as string); return { status: 202 }; },
  'os-set_bootable': (call, id, b) => { call.service.setBootable(call.caller, id, toBool(b.bootable)); return { status: 200 }; },
  'os-reset_status': (call, id, b) => { call.service.resetStatus(call.caller, id, b as { status?: string }); return { status: 202 }; },
  'os-force_delete': (call, id) => {
    if (!call.caller.isAdmin) throw E.policy('volume_extension:volume_admin_actions:force_delete');
    call.service.deleteVolume(call.caller, id, { cascade: false, force: true });
    return { status: 202 };
  },
  'os-begin_detaching': (call, id) => { call.service.beginDetaching(call.caller, id); return { status: 202 }; },
  'os-roll_detaching': (call, id) => { call.service.rollDetaching(call.caller, id); return { status: 202 }; },
  'os-update_readonly_flag': (call, id, b) => { call.service.updateReadonlyFlag(call.caller, id, toBool(b.readonly)); return { status: 202 }; },
  'os-reserve': (call, id) => { call.service.reserveVolume(call.caller, id); return { status: 202 }; },
  'os-unreserve': (call, id) => { call.service.unreserveVolume(call.caller, id); return { status: 202 }; },
  'os-attach': (call, id, b) => {
    call.service.attachVolume(call.caller, id, {
      instanceUuid: (b.instance_uuid as string | undefined) ?? null, hostName: (b.host_name as string | undefined) ?? null,
      mountpoint: b.mountpoint as string, mode: (b.mode as string | undefined) ?? 'rw',
    });
    return { status: 202 };
  },
  'os-detach': (call, id, b) => { call.service.detachVolume(call.caller, id, (b.attachment_id as string | null | undefined) ?? null); return { status: 202 }; },
  'os-initialize_connection': (call, id, b) => ({ status: 200, body: { connection_info: call.service.initializeConnection(call.caller, id, b.connector) } }),
  'os-terminate_connection': (call, id) => { call.service.terminateConnection(call.caller, id); return { status: 202 }; },
  'os-set_image_metadata': (call, id, b) => ({ status: 200, body: { metadata: setVolumeImageMetadata(call.service, call.caller, id, b.metadata as Record<string, string>) } }),
  'os-unset_image_metadata': (call, id, b) => { unsetVolumeImageMetadata(call.service, call.caller, id, b.key as string); return { status: 200 }; },
  'os-show_image_metadata': (call, id) => ({ status: 200, body: { metadata: volumeImageMetadata(call.service, call.caller, id) } }),
  'os-volume_upload_image': async (call, id, b) => {
    // force is parsed (strict) and then ignored: enable_force_upload is off
    const v31 = call.version.atLeast(MV.UPLOAD_IMAGE_PARAMS);
    const visibility = v31 ? (b.visibility as string | undefined) ?? 'private' : undefined;
    if (visibility === 'public' && !call.caller.isAdmin) throw E.policy('volume_extension:volume_actions:upload_public');
    const out = await call.service.uploadToImage(call.caller, id, {
      name: b.image_name as string, containerFormat: (b.container_format as string | null | undefined) ?? 'bare', diskFormat: (b.disk_format as string | undefined) ?? 'raw',
      ...(v31 ? { visibility, protected: b.protected !== undefined && toBool(b.protected) } : {}),
    });
    return { status: 202, body: { 'os-volume_upload_image': out } };
  },
};

/** The action's schema for the request's version (os-volume_upload_image grows at 3.1). */
function schemaFor(call: BlockStorageCall, name: VolumeActionName) {
  return name === 'os-volume_upload_image' && call.version.atLeast(MV.UPLOAD_IMAGE_PARAMS) ? uploadImageV31 : volumeActions[name];
}

export const volumeActionRoutes: RouteDeclaration[] = [
  {
    path: '/volumes/{volume_id}/action', method: 'POST', summary: `Volume actions: ${Object.keys(ACTIONS).join(', ')}`,
    body: [{ min: '3.0', schema: volumeActionBody }], response: volumeActionResponse,
    handler: (call) => {
      const raw = call.body<Record<string, unknown>>(volumeActionBody);
      const name = Object.keys(raw).find((k): k is VolumeActionName => k in ACTIONS);
      // wsgi: no method for the action key -> 400 "There is no such action"
      if (!name) throw E.badRequest(`There is no such action: ${Object.keys(raw)[0] ?? "None"}. Verify the request body and Content-Type header and try again.`);
      const body = call.body<Record<string, Record<string, unknown> | null>>(schemaFor(call, name))[name] ?? {};
      return ACTIONS[name](call, call.params.volume_id!, body);
    },
  },
];
