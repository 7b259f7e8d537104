// Cinder's error answers: wsgi.Fault names the envelope after the status
// ({"itemNotFound": {"code": 404, "message": ...}}), and cinder/exception.py words the messages.
import { ApiError } from '../http/api-error.js';

const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest', 401: 'unauthorized', 403: 'forbidden', 404: 'itemNotFound', 405: 'badMethod',
  409: 'conflictingRequest', 413: 'overLimit', 415: 'badMediaType', 501: 'notImplemented', 503: 'serviceUnavailable',
};

export function faultBody(status: number, message: string): Record<string, { code: number; message: string }> {
  return { [FAULT_NAMES[status] ?? 'computeFault']: { code: status, message } };
}

const err = (status: number, message: string, headers: Record<string, string> = {}) => new ApiError(status, null, message, headers);

/** The exceptions of cinder/exception.py this service raises, by name. */
export const CinderErrors = {
  volumeNotFound: (id: string) => err(404, `Volume ${id} could not be found.`),
  snapshotNotFound: (id: string) => err(404, `Snapshot ${id} could not be found.`),
  volumeTypeNotFound: (id: string) => err(404, `Volume type ${id} could not be found.`),
  volumeTypeNotFoundByName: (name: string) => err(404, `Volume type with name ${name} could not be found.`),
  attachmentNotFound: (filter: string) => err(404, `Volume attachment could not be found with filter: ${filter}.`),
  metadataNotFound: (id: string, key: string) => err(404, `Volume ${id} has no metadata with key ${key}.`),
  extraSpecNotFound: (typeId: string, key: string) => err(404, `Volume Type ${typeId} has no extra specs with key ${key}.`),
  snapshotMetadataNotFound: (id: string, key: string) => err(404, `Snapshot ${id} has no metadata with key ${key}.`),
  notFound: () => err(404, 'The resource could not be found.'),
  invalidVolume: (reason: string) => err(400, `Invalid volume: ${reason}`),
  invalidSnapshot: (reason: string) => err(400, `Invalid snapshot: ${reason}`),
  invalidInput: (reason: string) => err(400, `Invalid input received: ${reason}`),
  invalidVolumeType: (reason: string) => err(400, `Invalid volume type: ${reason}`),
  badRequest: (message: string) => err(400, message),
  policy: (action: string) => err(403, `Policy doesn't allow ${action} to be performed.`),
  volumeLimitExceeded: (allowed: number, name = 'volumes') => err(413, `Maximum number of volumes allowed (${allowed}) exceeded for quota '${name}'.`, { 'retry-after': '0' }),
  snapshotLimitExceeded: (allowed: number) => err(413, `Maximum number of snapshots allowed (${allowed}) exceeded`, { 'retry-after': '0' }),
  sizeExceedsQuota: (requested: number, quota: number, consumed: number, name = 'gigabytes') =>
    err(413, `Requested volume or snapshot exceeds allowed ${name} quota. Requested ${requested}G, quota is ${quota}G and ${consumed}G has been consumed.`, { 'retry-after': '0' }),
  sizeExceedsLimit: (size: number, limit: number) => err(413, `Requested volume size ${size}G is larger than maximum allowed limit ${limit}G.`, { 'retry-after': '0' }),
  conflictNovaUsingAttachment: (instance: string) => err(409, `Detach volume from instance ${instance} using the Compute API`),
};
