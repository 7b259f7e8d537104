// os-keypairs: list (2.35 paging), create/import (2.2 type, 2.10 user_id, 2.92 import only),
// show, delete (nova/api/openstack/compute/keypairs.py, views/keypairs.py).
import { KeypairCreated, KeypairList, KeypairShow } from '../schemas/responses/resources.js';
import { NoBody } from '../schemas/responses/fault.js';
import { Type, type TSchema } from 'typebox';
import { generateX509KeyPair } from './x509-keypair.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { paginate } from './paging.js';
import { generateSshKeyPair, sshFingerprint, x509Fingerprint } from './keypair-material.js';
import { collectionLinks } from '../views/collection-links.js';
import { strTime } from '../views/time-format.js';
import * as p from '../schemas/parameter-types.js';
import type { KeypairRecord } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext, VersionedSchema } from './route-types.js';

const keypairName = (format: string) => Type.Unsafe<string>({
  allOf: [{ type: 'string', minLength: 1, maxLength: 255, format: 'name' }, { type: 'string', minLength: 1, maxLength: 255, format }],
});
function createSchema(fields: Record<string, TSchema>, required: string[]): TSchema {
  const shaped: Record<string, TSchema> = {};
  for (const [k, s] of Object.entries(fields)) shaped[k] = required.includes(k) ? s : Type.Optional(s);
  return Type.Object({ keypair: Type.Object(shaped, { additionalProperties: false }) }, { additionalProperties: false });
}
const keyType = Type.Unsafe<string>({ type: 'string', enum: ['ssh', 'x509'] });
const createBody: VersionedSchema[] = [
  { min: '2.1', max: '2.1', schema: createSchema({ name: keypairName('keypair_name_20'), public_key: Type.String() }, ['name']) },
  { min: '2.2', max: '2.9', schema: createSchema({ name: keypairName('keypair_name_20'), type: keyType, public_key: Type.String() }, ['name']) },
  { min: '2.10', max: '2.91', schema: createSchema({ name: keypairName('keypair_name_20'), type: keyType, public_key: Type.String(), user_id: Type.String() }, ['name']) },
  { min: '2.92', schema: createSchema({ name: keypairName('keypair_name_292'), type: keyType, public_key: Type.String(), user_id: Type.String() }, ['name', 'public_key']) },
];
const userId = { user_id: p.multiParams(Type.String()) };
const indexQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.9', schema: Type.Object({}, { additionalProperties: true }) },
  { min: '2.10', max: '2.34', schema: Type.Partial(Type.Object(userId), { additionalProperties: true }) },
  { min: '2.35', max: '2.74', schema: Type.Partial(Type.Object({ ...userId, ...p.paginationParameters }), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object({ ...userId, ...p.paginationParameters }), { additionalProperties: false }) },
];
const oneQuery: VersionedSchema[] = [
  { min: '2.1', max: '2.9', schema: Type.Object({}, { additionalProperties: true }) },
  { min: '2.10', max: '2.74', schema: Type.Partial(Type.Object(userId), { additionalProperties: true }) },
  { min: '2.75', schema: Type.Partial(Type.Object(userId), { additionalProperties: false }) },
];

/** The user whose keypairs are meant: ?user_id= (2.10) needs admin unless it is the caller. */
function targetUser(ctx: RouteContext, rule: string, given?: string): string {
  const asked = given ?? (ctx.version.atLeast('2.10') ? ctx.query.user_id?.[0] : undefined);
  const user = asked ?? ctx.auth.userId;
  if (user !== ctx.auth.userId) requireAdmin(ctx.auth, rule);
  return user;
}

function notFound(name: string, user: string): ApiError {
  return new ApiError(404, null, `Keypair ${name} not found for user ${user}`);
}

function brief(k: KeypairRecord, withType: boolean) {
  return { name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, ...(withType ? { type: k.type } : {}) };
}

export const keypairRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-keypairs', responses: { 200: KeypairList }, summary: 'List key pairs', query: indexQuery,
    handler: (ctx) => {
      const user = targetUser(ctx, 'os_compute_api:os-keypairs:index');
      const all = ctx.service.store.keypairs.list(user);
      const v = ctx.version;
      const page = v.atLeast('2.35') ? paginate(all, (k) => k.name, ctx.query, (m) => new ApiError(400, null, `Marker ${m} could not be found.`)) : all;
      const out: Record<string, unknown> = { keypairs: page.map((k) => ({ keypair: brief(k, v.atLeast('2.2')) })) };
      if (v.atLeast('2.35')) {
        const links = collectionLinks(ctx.links.versioned, 'os-keypairs', ctx.query, page.length, page.at(-1)?.name ?? null);
        if (links.length > 0) out.keypairs_links = links;
      }
      return { status: 200, body: out };
    },
  },
  {
    method: 'POST', url: '/os-keypairs', responses: { 200: KeypairCreated, 201: KeypairCreated }, summary: 'Create or import a key pair', body: createBody,
    handler: async (ctx) => {
      const b = ctx.body.keypair as { name: string; type?: string; public_key?: string; user_id?: string };
      const user = targetUser(ctx, 'os_compute_api:os-keypairs:create', ctx.version.atLeast('2.10') ? b.user_id : undefined);
      const name = b.name.trim();
      const type = b.type ?? 'ssh';
      const store = ctx.service.store.keypairs;
      const limit = ctx.service.store.quotas.limits(ctx.auth.projectId, user).key_pairs ?? -1;
      if (limit >= 0 && store.count(user) + 1 > limit) throw new ApiError(403, null, 'Quota exceeded, too many key pairs.');
      let material: { publicKey: string; fingerprint: string; privateKey?: string };
      if (b.public_key !== undefined) {
        material = { publicKey: b.public_key, fingerprint: type === 'x509' ? x509Fingerprint(b.public_key) : sshFingerprint(b.public_key) };
      } else if (type === 'ssh') {
        material = generateSshKeyPair(`Generated-by-Nova`);
      } else {
        material = await generateX509KeyPair(user, ctx.service.runtime.clock.now());
      }
      const made = store.create({ userId: user, name, fingerprint: material.fingerprint, publicKey: material.publicKey, type });
      if (!made) throw new ApiError(409, null, `Key pair '${name}' already exists.`);
      const v = ctx.version;
      const keypair: Record<string, unknown> = {
        ...(material.privateKey !== undefined ? { private_key: material.privateKey } : {}),
        ...(v.atLeast('2.2') ? { type: made.type } : {}),
        name: made.name, public_key: made.publicKey, fingerprint: made.fingerprint, user_id: made.userId,
      };
      return { status: v.atLeast('2.2') ? 201 : 200, body: { keypair } };
    },
  },
  {
    method: 'GET', url: '/os-keypairs/:keypair_name', responses: { 200: KeypairShow }, summary: 'Show a key pair', query: oneQuery,
    handler: (ctx) => {
      const user = targetUser(ctx, 'os_compute_api:os-keypairs:show');
      const name = ctx.params.keypair_name!;
      const k = ctx.service.store.keypairs.get(user, name);
      if (!k) throw notFound(name, user);
      const keypair: Record<string, unknown> = {
        ...brief(k, false), user_id: k.userId, created_at: strTime(k.createdAt), deleted: false, deleted_at: null, id: k.id, updated_at: null,
        ...(ctx.version.atLeast('2.2') ? { type: k.type } : {}),
      };
      return { status: 200, body: { keypair } };
    },
  },
  {
    method: 'DELETE', url: '/os-keypairs/:keypair_name', responses: { 202: NoBody, 204: NoBody }, summary: 'Delete a key pair', query: oneQuery,
    handler: (ctx) => {
      const user = targetUser(ctx, 'os_compute_api:os-keypairs:delete');
      const name = ctx.params.keypair_name!;
      if (!ctx.service.store.keypairs.delete(user, name)) throw notFound(name, user);
      return { status: ctx.version.atLeast('2.2') ? 204 : 202 };
    },
  },
];
