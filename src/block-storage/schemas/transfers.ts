// /os-volume-transfer and /volume-transfers (cinder/api/schemas/volume_transfer.py) and the views' shapes.
import { Type } from 'typebox';
import { AnyObject, booleanParam, obj, Raw, uuidParam } from './parameter-types.js';

const name = Raw({ oneOf: [{ type: 'string' }, { type: 'null' }] });
export const createTransfer = obj({ transfer: obj({ volume_id: uuidParam(), name }, ['volume_id'], false) }, ['transfer'], false);
/** 3.55 (TRANSFER_WITH_SNAPSHOTS) */
export const createTransferV355 = obj({ transfer: obj({ volume_id: uuidParam(), name, no_snapshots: booleanParam() }, ['volume_id'], false) }, ['transfer'], false);
export const acceptTransfer = obj({ accept: obj({ auth_key: Raw({ type: ['string', 'integer'] }) }, ['auth_key'], false) }, ['accept'], false);

const Transfer = Type.Object({ id: Type.String(), volume_id: Type.String(), name: Raw({ type: ['string', 'null'] }) }, { additionalProperties: true });
export const transferResponse = Type.Object({ transfer: Transfer }, { additionalProperties: false });
export const transferListResponse = Type.Object({ transfers: Type.Array(Transfer), transfers_links: Type.Optional(Type.Array(AnyObject)) }, { additionalProperties: false });
