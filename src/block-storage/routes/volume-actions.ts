// POST /volumes/{id}/action (cinder/api/contrib/volume_actions.py, admin_actions.py): the body's
// one key names the action, each with its own schema and policy.
import { CinderErrors as E } from '../errors.js';
import { MV } from '../versions.js';
import { volumeActions, volumeActionBody, type VolumeActionName } from '../schemas/volumes.js';
import { toBool } from '../schemas/parameter-types.js';
import type { BlockStorageCall, BlockStorageResponse, RouteDeclaration } from './route-declaration.js';

type ActionHandler = (call: BlockStorageCall, id: string, body: Record<string, unknown>) => BlockStorageResponse;

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
  'os-update_readonly_flag': (call, id) => { call.service.getVolume(call.caller, id); return { status: 202 }; },
};

export const volumeActionRoutes: RouteDeclaration[] = [
  {
    path: '/volumes/{volume_id}/action', method: 'POST', summary: `Volume actions: ${Object.keys(ACTIONS).join(', ')}`,
    body: [{ min: '3.0', schema: volumeActionBody }], response: null,
    handler: (call) => {
      const raw = call.body<Record<string, unknown>>(volumeActionBody);
      const name = Object.keys(raw).find((k): k is VolumeActionName => k in ACTIONS);
      // wsgi: no method for the action key -> 400 "There is no such action"
      if (!name) throw E.badRequest(`There is no such action: ${Object.keys(raw)[0] ?? "None"}. Verify the request body and Content-Type header and try again.`);
      const body = call.body<Record<string, Record<string, unknown> | null>>(volumeActions[name])[name] ?? {};
      return ACTIONS[name](call, call.params.volume_id!, body);
    },
  },
];
