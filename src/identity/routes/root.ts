// Version discovery (keystone/api/discovery.py): no token needed.
import type { RouteDeclaration } from './route-declaration.js';
import { ErrorBody } from '../schemas/common.js';
import { VersionShow, Versions } from '../schemas/responses.js';

const v3 = (base: string) => ({
  id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z',
  links: [{ rel: 'self', href: `${base}/` }],
  'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
});

export const rootRoutes: RouteDeclaration[] = [
  { method: 'GET', path: '/', auth: false, schema: { response: { 300: Versions, default: ErrorBody } }, handler: (c) => ({ status: 300, body: { versions: { values: [v3(c.base)] } } }) },
  { method: 'GET', path: '/v3', auth: false, schema: { response: { 200: VersionShow, default: ErrorBody } }, handler: (c) => ({ status: 200, body: { version: v3(c.base) } }) },
  { method: 'GET', path: '/v3/', auth: false, schema: { response: { 200: VersionShow, default: ErrorBody } }, handler: (c) => ({ status: 200, body: { version: v3(c.base) } }) },
];
