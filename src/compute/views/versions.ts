// Version documents (nova/api/openstack/compute/views/versions.py, compute/versions.py).
import { MAX_VERSION, MIN_VERSION } from '../versions.js';

interface VersionInfo {
  id: string;
  status: string;
  version: string;
  min_version: string;
  updated: string;
  path: string;
  mediaVersion: string;
}

const V20: VersionInfo = { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', updated: '2011-01-21T11:33:21Z', path: 'v2/', mediaVersion: '2' };
const V21: VersionInfo = {
  id: 'v2.1', status: 'CURRENT', version: MAX_VERSION.toString(), min_version: MIN_VERSION.toString(),
  updated: '2013-07-23T11:33:21Z', path: 'v2.1/', mediaVersion: '2.1',
};

const head = (v: VersionInfo) => ({ id: v.id, status: v.status, version: v.version, min_version: v.min_version, updated: v.updated });

/** GET / : both versions, self links only. */
export function versionsIndex(endpoint: string) {
  return { versions: [V20, V21].map((v) => ({ ...head(v), links: [{ rel: 'self', href: `${endpoint}/${v.path}` }] })) };
}

/** GET /v2 and /v2.1: one version with describedby and media types. */
export function versionDocument(endpoint: string, which: '2.0' | '2.1') {
  const v = which === '2.0' ? V20 : V21;
  return {
    version: {
      ...head(v),
      links: [
        { rel: 'self', href: `${endpoint}/${v.path}` },
        { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
      ],
      'media-types': [{ base: 'application/json', type: `application/vnd.openstack.compute+json;version=${v.mediaVersion}` }],
    },
  };
}

/** 300 Multiple Choices for a path that names no version (nova's versions app). */
export function versionChoices(endpoint: string, path: string) {
  return {
    choices: [V20, V21].map((v) => ({
      id: v.id,
      status: v.status,
      links: [{ rel: 'self', href: `${endpoint}/${v.path.replace(/\/$/, '')}${path}` }],
      'media-types': [{ base: 'application/json', type: `application/vnd.openstack.compute+json;version=${v.mediaVersion}` }],
    })),
  };
}
