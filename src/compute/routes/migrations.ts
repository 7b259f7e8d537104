// GET /os-migrations (admin) and GET /servers/{id}/migrations[/{id}] (in-progress live
// migrations only) — nova/api/openstack/compute/migrations.py, server_migrations.py.
import { OsMigrationList, ServerMigrationList, ServerMigrationShow } from '../schemas/responses/resources.js';
import { isoTimeToUtcString } from '../../http/python/iso8601.js';
import { ApiError } from '../../http/api-error.js';
import { requireAdmin } from './policy.js';
import { lastParam, paginate } from './paging.js';
import { findServer } from './servers.js';
import { LIVE_IN_PROGRESS, osMigration, serverMigration } from '../views/migrations.js';
import { collectionLinks } from '../views/collection-links.js';
import { migrationsIndexQuery } from '../schemas/migrations.js';
import type { MigrationFilter } from '../../compute-db/migrations-store.js';
import type { MigrationRecord, MigrationStatus, MigrationType } from '../../compute-db/records.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

function time(raw: string): string {
  // the query schema's date-time format let only iso8601 through
  return isoTimeToUtcString(raw)!;
}

function listMigrations(ctx: RouteContext) {
  requireAdmin(ctx.auth, 'os_compute_api:os-migrations:index');
  const q = ctx.query;
  const v = ctx.version;
  const f: { -readonly [K in keyof MigrationFilter]: MigrationFilter[K] } = {};
  const one = (k: string) => lastParam(q, k);
  if (one('instance_uuid') !== undefined) f.instanceUuid = one('instance_uuid');
  if (one('status') !== undefined) f.status = one('status') as MigrationStatus;
  if (one('migration_type') !== undefined) f.migrationType = one('migration_type') as MigrationType;
  if (one('host') !== undefined) f.host = one('host');
  if (one('source_compute') !== undefined) f.sourceCompute = one('source_compute');
  if (v.atLeast('2.59') && one('changes-since') !== undefined) f.changesSince = time(one('changes-since')!);
  if (v.atLeast('2.66') && one('changes-before') !== undefined) {
    f.changesBefore = time(one('changes-before')!);
    if (f.changesSince && f.changesBefore < f.changesSince) {
      throw new ApiError(400, null, 'The value of changes-since must be less than or equal to changes-before.');
    }
  }
  if (v.atLeast('2.80')) {
    if (one('user_id') !== undefined) f.userId = one('user_id');
    if (one('project_id') !== undefined) f.projectId = one('project_id');
  }
  const all = ctx.service.store.migrations.list(f).filter((m) => !m.hidden);
  // paging exists from 2.59 (newest first: created_at desc, id desc)
  const page: MigrationRecord[] = v.atLeast('2.59')
    ? paginate(all, (m) => m.uuid, q, (m) => new ApiError(400, null, `Marker ${m} could not be found.`))
    : all;
  const out: Record<string, unknown> = { migrations: page.map((m) => osMigration(m, v, ctx.links)) };
  if (v.atLeast('2.59')) {
    const links = collectionLinks(ctx.links.versioned, 'os-migrations', q, page.length, page.at(-1)?.uuid ?? null);
    if (links.length > 0) out.migrations_links = links;
  }
  return out;
}

function inProgressLive(ctx: RouteContext, uuid: string): MigrationRecord[] {
  return ctx.service.store.migrations
    .list({ instanceUuid: uuid, migrationType: 'live-migration' })
    .filter((m) => LIVE_IN_PROGRESS.has(m.status));
}

export const migrationRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-migrations', responses: { 200: OsMigrationList }, summary: 'List migrations (admin)', query: migrationsIndexQuery,
    handler: (ctx) => ({ status: 200, body: listMigrations(ctx) }),
  },
  {
    method: 'GET', url: '/servers/:server_id/migrations', responses: { 200: ServerMigrationList }, summary: 'List in-progress live migrations of a server (admin)', min: '2.23',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:migrations:index');
      requireAdmin(ctx.auth, 'os_compute_api:servers:migrations:index');
      return { status: 200, body: { migrations: inProgressLive(ctx, i.uuid).map((m) => serverMigration(m, ctx.version)) } };
    },
  },
  {
    method: 'GET', url: '/servers/:server_id/migrations/:migration_id', responses: { 200: ServerMigrationShow }, summary: 'Show an in-progress live migration (admin)', min: '2.23',
    handler: (ctx) => {
      const i = findServer(ctx, ctx.params.server_id!, 'os_compute_api:servers:migrations:show');
      requireAdmin(ctx.auth, 'os_compute_api:servers:migrations:show');
      const id = ctx.params.migration_id!;
      const m = /^\d+$/.test(id) ? ctx.service.store.migrations.getById(Number(id)) : null;
      if (!m || m.instanceUuid !== i.uuid) {
        throw new ApiError(404, null, `In-progress live migration ${id} is not found for server ${i.uuid}.`);
      }
      if (m.migrationType !== 'live-migration') throw new ApiError(404, null, `Migration ${id} for server ${i.uuid} is not live-migration.`);
      if (!LIVE_IN_PROGRESS.has(m.status)) throw new ApiError(404, null, `Live migration ${id} for server ${i.uuid} is not in progress.`);
      return { status: 200, body: { migration: serverMigration(m, ctx.version) } };
    },
  },
];
