// /snapshots (cinder/api/schemas/snapshots.py, snapshot_actions.py) and its views.
import { Type } from 'typebox';
import { AnyObject, booleanParam, metadataAllowsNull, nullableDescription, nullableName, optionalUuid, Raw } from './parameter-types.js';
import { obj } from './parameter-types.js';

export const createSnapshot = obj({
  snapshot: obj({
    name: nullableName(), display_name: nullableName(), description: nullableDescription(), display_description: nullableDescription(),
    volume_id: optionalUuid(), force: booleanParam(), metadata: metadataAllowsNull(),
  }, ['volume_id'], false),
}, ['snapshot'], false);
export const updateSnapshot = obj({
  snapshot: obj({ name: nullableName(), description: nullableDescription(), display_name: nullableName(), display_description: nullableDescription() }, [], false),
}, ['snapshot'], false);
export const snapshotActions = {
  'os-reset_status': obj({ 'os-reset_status': obj({ status: Type.String({ minLength: 1, maxLength: 255 }) }, ['status'], false) }, [], false),
  'os-force_delete': obj({ 'os-force_delete': Raw({ type: ['object', 'null'] }) }, [], false),
} as const;
export type SnapshotActionName = keyof typeof snapshotActions;

const SnapshotDetail = Type.Object({ id: Type.String(), status: Type.String(), volume_id: Type.String(), size: Type.Integer() }, { additionalProperties: true });
export const snapshotResponse = Type.Object({ snapshot: SnapshotDetail }, { additionalProperties: false });
export const snapshotListResponse = Type.Object({ snapshots: Type.Array(SnapshotDetail), snapshots_links: Type.Optional(Type.Array(Type.Object({ rel: Type.String(), href: Type.String() }, { additionalProperties: false }))), count: Type.Optional(Type.Integer()) }, { additionalProperties: false });
export const anyResponse = AnyObject;
export const metadataResponse = Type.Object({ metadata: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false });
export const metaResponse = Type.Object({ meta: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });
