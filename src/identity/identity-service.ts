// The identity service over one Runtime: keystone's stores, bootstrap (keystone-manage
// bootstrap: domain `default`, roles admin => member => reader, project and user `admin`),
// the seeding of projects and users, and token issue/validation (tokens.ts).
// Every write goes through `write`, which runs it in one transaction and bumps `generation`:
// resolved tokens are cached per generation, so a revoked grant or a disabled user is seen by
// the next request while a request on an unchanged cloud costs one Map lookup.
import type { Runtime } from '../runtime/runtime.js';
import type { IdentitySeed } from '../seed/seed-file.js';
import type { AuthMode } from '../config.js';
import { createDomainsStore } from './store/domains-store.js';
import { createProjectsStore, type ProjectRow } from './store/projects-store.js';
import { createUsersStore, type UserRow } from './store/users-store.js';
import { createGroupsStore } from './store/groups-store.js';
import { createRolesStore, type RoleRow } from './store/roles-store.js';
import { createAssignmentsStore, type AssignmentRow, type TargetType } from './store/assignments-store.js';
import { createAppCredentialsStore } from './store/app-credentials-store.js';
import { createTokensStore } from './store/tokens-store.js';
import { expandAssignments, type EffectiveAssignment } from './effective-assignments.js';
import { hashSeedPassword } from './passwords.js';

export const DEFAULT_DOMAIN_ID = 'default';
export const BOOTSTRAP_ROLES = ['admin', 'member', 'reader'] as const;

/** What a seed (default or SEED_FILE) says about identity. */
export type { IdentitySeed } from '../seed/seed-file.js';

export function createIdentityService(runtime: Runtime) {
  const { db } = runtime;
  const stores = {
    domains: createDomainsStore(db),
    projects: createProjectsStore(db),
    users: createUsersStore(db),
    groups: createGroupsStore(db),
    roles: createRolesStore(db),
    assignments: createAssignmentsStore(db),
    appCredentials: createAppCredentialsStore(db),
    tokens: createTokensStore(db),
  };
  let generation = 0;
  const mode: AuthMode = runtime.config.authMode;

  /** keystone's uuid4().hex */
  const newId = (): string => runtime.ids.uuid().replace(/-/g, '');

  function write<T>(fn: () => T): T {
    const out = db.transaction(fn)();
    generation++;
    return out;
  }

  /** keystone's effective mode: groups expanded, implied roles added, domain-specific roles dropped
   * (they only bring the global roles they imply). */
  function effectiveAssignments(): EffectiveAssignment[] {
    const domainRoles = new Set(stores.roles.list().filter((r) => r.domainId !== null).map((r) => r.id));
    return expandAssignments(stores.assignments.list(), {
      memberIds: (g) => stores.groups.memberIds(g),
      implications: () => stores.roles.implications(),
    }).filter((a) => !domainRoles.has(a.roleId));
  }

  /** The user's effective roles on one target (token roles), in assignment order, no duplicates. */
  function rolesOn(userId: string, targetType: TargetType, targetId: string): RoleRow[] {
    const groupIds = stores.groups.groupIdsOf(userId);
    const direct: AssignmentRow[] = [
      ...stores.assignments.ofActor('user', userId),
      ...groupIds.flatMap((g) => stores.assignments.ofActor('group', g)),
    ].filter((a) => a.targetType === targetType && a.targetId === targetId);
    const expanded = expandAssignments(direct, { memberIds: () => [userId], implications: () => stores.roles.implications() });
    const seen = new Set<string>();
    const out: RoleRow[] = [];
    for (const a of expanded) {
      if (seen.has(a.roleId)) continue;
      seen.add(a.roleId);
      const role = stores.roles.get(a.roleId);
      // domain-specific roles never appear in tokens (only the global roles they imply)
      if (role && role.domainId === null) out.push(role);
    }
    return out;
  }

  function ensureRole(name: string, options: Record<string, unknown> = {}): RoleRow {
    const existing = stores.roles.getByName(name);
    if (existing) return existing;
    const role: RoleRow = { id: newId(), name, domainId: null, description: null, options };
    stores.roles.insert(role);
    return role;
  }

  function ensureProject(p: IdentitySeed['projects'][number]): ProjectRow {
    const domainId = domainIdOf(p.domain);
    const existing = stores.projects.getByName(domainId, p.name);
    if (existing) return existing;
    const parentId = p.parent === undefined ? null : stores.projects.getByName(domainId, p.parent)?.id ?? null;
    const row: ProjectRow = { id: p.id ?? newId(), name: p.name, domainId, parentId, description: p.description ?? '', enabled: p.enabled ?? true, tags: p.tags ?? [], extra: {} };
    stores.projects.insert(row);
    return row;
  }

  function domainIdOf(name: string | undefined): string {
    if (name === undefined || name === 'Default' || name === DEFAULT_DOMAIN_ID) return DEFAULT_DOMAIN_ID;
    const d = stores.domains.getByName(name);
    if (d) return d.id;
    const id = newId();
    stores.domains.insert({ id, name, description: '', enabled: true, tags: [], extra: {} });
    return id;
  }

  /** keystone-manage bootstrap, once per database. */
  function bootstrap(): void {
    if (stores.domains.get(DEFAULT_DOMAIN_ID)) return;
    write(() => {
      stores.domains.insert({ id: DEFAULT_DOMAIN_ID, name: 'Default', description: 'The default domain', enabled: true, tags: [], extra: {} });
      // keystone-manage bootstrap makes its roles immutable
      const [admin, member, reader] = BOOTSTRAP_ROLES.map((name) => ensureRole(name, { immutable: true }));
      stores.roles.addImplied(admin!.id, member!.id);
      stores.roles.addImplied(member!.id, reader!.id);
    });
  }

  /** Projects, users and grants of a seed; names already present are kept as they are. */
  function seed(spec: IdentitySeed): void {
    write(() => {
      for (const r of spec.roles ?? []) ensureRole(r);
      for (const p of spec.projects) ensureProject(p);
      for (const u of spec.users) {
        const domainId = domainIdOf(u.domain);
        let user = stores.users.getByName(domainId, u.name);
        if (!user) {
          user = {
            id: u.id ?? newId(), name: u.name, domainId,
            passwordHash: u.password === undefined ? null : hashSeedPassword(u.password),
            defaultProjectId: u.default_project === undefined ? null : stores.projects.getByName(domainId, u.default_project)?.id ?? null,
            description: null, enabled: u.enabled ?? true, options: {}, extra: u.email === undefined ? {} : { email: u.email },
          };
          stores.users.insert(user);
        }
        for (const g of u.roles ?? []) {
          const role = ensureRole(g.role);
          const target: [TargetType, string] = g.system ? ['system', 'all']
            : g.domain !== undefined ? ['domain', domainIdOf(g.domain)]
              : ['project', ensureProject({ name: g.project!, domain: u.domain }).id];
          stores.assignments.insert({ actorType: 'user', actorId: user.id, targetType: target[0], targetId: target[1], roleId: role.id });
        }
      }
    });
  }

  /**
   * POST /_mock/reset: back to bootstrap plus the seed. Every project, user, group, created
   * role, grant, implied-role rule and application credential made since is gone; the seed's
   * projects and users come back as the seed says (passwords included). Tokens: tokens.clear().
   */
  function resetToSeed(spec: IdentitySeed | null): void {
    write(() => {
      for (const table of ['identity_app_credentials', 'identity_assignments', 'identity_group_members', 'identity_groups', 'identity_users', 'identity_projects', 'identity_implied_roles']) {
        db.prepare(`DELETE FROM ${table}`).run();
      }
      db.prepare(`DELETE FROM identity_roles WHERE NOT (domain_id = '<<null>>' AND name IN (${BOOTSTRAP_ROLES.map(() => '?').join(', ')}))`).run(...BOOTSTRAP_ROLES);
      db.prepare('DELETE FROM identity_domains WHERE id <> ?').run(DEFAULT_DOMAIN_ID);
      const [admin, member, reader] = BOOTSTRAP_ROLES.map((name) => ensureRole(name, { immutable: true }));
      stores.roles.addImplied(admin!.id, member!.id);
      stores.roles.addImplied(member!.id, reader!.id);
      if (spec) seed(spec);
    });
  }

  /** Nothing but bootstrap in the identity tables: a seed may fill them. */
  function isEmpty(): boolean {
    return stores.users.list().length === 0;
  }

  return {
    runtime,
    stores,
    mode,
    newId,
    write,
    get generation() { return generation; },
    effectiveAssignments,
    rolesOn,
    bootstrap,
    seed,
    resetToSeed,
    isEmpty,
    domainIdOf,
  };
}

export type IdentityCore = ReturnType<typeof createIdentityService>;

/** devstack's accounts (stack.sh + lib/keystone): every password is ADMIN_PASSWORD. Ids are the
 * names, so that permissive mode's noauth tokens (`demo:demo`) and a password login share projects. */
export function defaultIdentitySeed(password: string): IdentitySeed {
  return {
    projects: [
      { name: 'admin', id: 'admin', description: 'Bootstrap project for initializing the cloud.' },
      { name: 'service', id: 'service', description: '' },
      { name: 'demo', id: 'demo', description: '' },
      { name: 'alt_demo', id: 'alt_demo', description: '' },
    ],
    users: [
      { name: 'admin', id: 'admin', password, default_project: 'admin', roles: [{ role: 'admin', project: 'admin' }, { role: 'admin', system: true }, { role: 'admin', project: 'demo' }, { role: 'admin', project: 'alt_demo' }] },
      { name: 'demo', id: 'demo', password, email: 'demo@example.com', default_project: 'demo', roles: [{ role: 'member', project: 'demo' }] },
      { name: 'alt_demo', id: 'alt_demo', password, email: 'alt_demo@example.com', default_project: 'alt_demo', roles: [{ role: 'member', project: 'alt_demo' }] },
    ],
    roles: ['service'],
  };
}
