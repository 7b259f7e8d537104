// Cinder's microversions (cinder/api/openstack/api_version_request.py, api/microversions.py) and
// its negotiation (wsgi.Request.set_api_version_request): header `OpenStack-API-Version: volume X.Y`
// or `latest`; no header = 3.0; a malformed value 400; outside 3.0-3.70 406.
import { Microversion } from '../http/microversion.js';
import { ApiError } from '../http/api-error.js';

export const SERVICE_TYPE = 'volume';
export const MIN_VERSION = '3.0';
export const MAX_VERSION = '3.70';

/** The versions this double's behaviour branches on (names as cinder/api/microversions.py). */
export const MV = {
  UPLOAD_IMAGE_PARAMS: '3.1',
  VOLUME_LIST_BOOTABLE: '3.2',
  CG_UPDATE_BLANK_PROPERTIES: '3.6',
  VOLUME_SUMMARY: '3.12',
  GROUP_VOLUME: '3.13',
  VOLUME_DETAIL_PROVIDER_ID: '3.21',
  VOLUME_DELETE_FORCE: '3.23',
  NEW_ATTACH: '3.27',
  VOLUME_SUMMARY_METADATA: '3.36',
  SNAPSHOT_LIST_USER_ID: '3.41',
  VOLUME_EXTEND_INUSE: '3.42',
  NEW_ATTACH_COMPLETION: '3.44',
  SUPPORT_COUNT_INFO: '3.45',
  VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS: '3.48',
  SUPPORT_VOLUME_SCHEMA_CHANGES: '3.53',
  ATTACHMENT_CREATE_MODE_ARG: '3.54',
  TRANSFER_WITH_SNAPSHOTS: '3.55',
  TRANSFER_WITH_HISTORY: '3.57',
  VOLUME_CLUSTER_NAME: '3.61',
  DEFAULT_TYPE_OVERRIDES: '3.62',
  VOLUME_TYPE_ID_IN_VOLUME_DETAIL: '3.63',
  USE_QUOTA: '3.65',
  SNAPSHOT_IN_USE: '3.66',
  PROJECT_ID_OPTIONAL_IN_URL: '3.67',
  SHARED_TARGETS_TRISTATE: '3.69',
} as const;

const MIN = Microversion.of(MIN_VERSION);
const MAX = Microversion.of(MAX_VERSION);

/** The request's version, or the ApiError cinder answers. */
export function negotiateVersion(header: string | string[] | undefined): Microversion {
  if (header === undefined) return MIN;
  const text = Array.isArray(header) ? header.join(',') : header;
  // cinder takes the first comma-separated part that mentions "volume" and splits it in two
  let value: string | undefined;
  for (const part of text.split(',')) {
    if (part.includes(SERVICE_TYPE)) {
      const words = part.trim().split(/\s+/);
      if (words.length !== 2) throw new ApiError(400, null, 'The server could not comply with the request since it is either malformed or otherwise incorrect.');
      value = words[1];
      break;
    }
  }
  if (!value) throw new ApiError(400, null, 'The server could not comply with the request since it is either malformed or otherwise incorrect.');
  if (value === 'latest') return MAX;
  const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(value);
  if (!m) throw new ApiError(400, null, `API Version String ${value} is of invalid format. Must be of format MajorNum.MinorNum.`);
  const v = new Microversion(Number(m[1]), Number(m[2]));
  if (v.compare(MIN) < 0 || v.compare(MAX) > 0) {
    throw new ApiError(406, null, `Version ${v} is not supported by the API. Minimum is ${MIN_VERSION} and maximum is ${MAX_VERSION}.`, { 'openstack-api-version': `${SERVICE_TYPE} ${v}` });
  }
  return v;
}
