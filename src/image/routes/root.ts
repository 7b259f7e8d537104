// The version documents (glance/api/versions.py): GET / answers 300, GET /versions 200.
import type { ImageCall, ImageRoute } from './route-declaration.js';
import { ErrorDoc, VersionsDoc } from '../schemas/documents.js';

const VERSIONS: readonly [string, string][] = [
  ['v2.16', 'CURRENT'], ['v2.15', 'SUPPORTED'], ['v2.14', 'SUPPORTED'], ['v2.9', 'SUPPORTED'], ['v2.7', 'SUPPORTED'], ['v2.6', 'SUPPORTED'],
  ['v2.5', 'SUPPORTED'], ['v2.4', 'SUPPORTED'], ['v2.3', 'SUPPORTED'], ['v2.2', 'SUPPORTED'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'],
];

function versionsBody(call: ImageCall) {
  const base = `${call.req.protocol}://${call.req.headers.host ?? 'localhost'}${call.linkPrefix}`;
  return { versions: VERSIONS.map(([id, status]) => ({ id, status, links: [{ rel: 'self', href: `${base}/v2/` }] })) };
}

export const rootRoutes: readonly ImageRoute[] = [
  { path: '/', method: 'GET', body: 'none', summary: 'List API versions (300 Multiple Choices)', schemas: { response: { 300: VersionsDoc } },
    handler: (call) => ({ status: 300, body: versionsBody(call) }) },
  { path: '/versions', method: 'GET', body: 'none', summary: 'List API versions', schemas: { response: { 200: VersionsDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: versionsBody(call) }) },
];
