// SEED_FILE: the cloud to start with, as YAML or JSON, one section per service. Each section
// has its TypeBox schema (validated with errors that name the bad field) and a conversion to
// what its service seeds. A service that lands adds its section to SECTIONS and reads its part
// of the SeedPlan when it seeds an empty database:
//   hosts, flavors -> compute (compute-service.ts seed); roles, projects, users -> identity
//   (identity.ts); images and networks: the image and networking services' place (not yet read).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Type, type Static, type TSchema } from 'typebox';
import type { ValidateFunction } from 'ajv';
import type { HostInput } from '../compute/seed.js';
import type { NewFlavor } from '../compute-db/flavors-store.js';
import type { IdentitySeed } from '../identity/identity-service.js';

const Host = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  vcpus: Type.Optional(Type.Integer({ minimum: 1 })),
  memory_mb: Type.Optional(Type.Integer({ minimum: 1 })),
  local_gb: Type.Optional(Type.Integer({ minimum: 1 })),
  traits: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9_]+$' }))),
  driver: Type.Optional(Type.String()),
}, { additionalProperties: false });

const Flavor = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  vcpus: Type.Integer({ minimum: 1 }),
  ram: Type.Integer({ minimum: 1 }),
  disk: Type.Integer({ minimum: 0 }),
  ephemeral: Type.Optional(Type.Integer({ minimum: 0 })),
  swap: Type.Optional(Type.Integer({ minimum: 0 })),
  is_public: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String()),
  extra_specs: Type.Optional(Type.Record(Type.String(), Type.String())),
}, { additionalProperties: false });

const Project = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64 }),
  id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  description: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  parent: Type.Optional(Type.String()),
  enabled: Type.Optional(Type.Boolean()),
  tags: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: false });

const Grant = Type.Object({
  role: Type.String({ minLength: 1 }),
  project: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  system: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 2 });

const User = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  /** default: ADMIN_PASSWORD */
  password: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  enabled: Type.Optional(Type.Boolean()),
  /** the user's default project */
  project: Type.Optional(Type.String()),
  roles: Type.Optional(Type.Array(Grant)),
}, { additionalProperties: false });

/** Every section a seed file may hold. */
export const SeedFileSchema = Type.Object({
  hosts: Type.Optional(Type.Array(Host)),
  flavors: Type.Optional(Type.Array(Flavor)),
  roles: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  projects: Type.Optional(Type.Array(Project)),
  users: Type.Optional(Type.Array(User)),
}, { additionalProperties: false });
export type SeedFile = Static<typeof SeedFileSchema>;

/** What the services seed from: a section left out keeps that service's default. */
export interface SeedPlan {
  hosts?: HostInput[];
  flavors?: NewFlavor[];
  identity?: IdentitySeed;
}

export class SeedFileError extends Error {}

// yaml and Ajv are required when a seed file is read, not at every start (Ajv's first compile
// alone costs ~0.3 s of CPU); the bundle leaves them out (scripts/build.mjs EXTERNAL).
const requireOnDemand = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;
const seedFileValidator = (): ValidateFunction => validator ??= new (requireOnDemand('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false }).compile(SeedFileSchema as TSchema);
const parseYaml = (text: string): unknown => (requireOnDemand('yaml') as typeof import('yaml')).parse(text);

/** "/flavors/0/ram" -> "flavors[0].ram" */
const fieldName = (path: string) => path.split('/').filter(Boolean).map((s, i) => /^\d+$/.test(s) ? `[${s}]` : `${i ? '.' : ''}${s}`).join('');

export function parseSeedFile(text: string, source: string, adminPassword: string): SeedPlan {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new SeedFileError(`${source}: not YAML or JSON: ${(err as Error).message}`);
  }
  if (raw === null || raw === undefined) raw = {};
  const validate = seedFileValidator();
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? `.${String((e.params as { additionalProperty: string }).additionalProperty)}` : '';
      const where = fieldName(e.instancePath) + extra || '(top level)';
      return e.keyword === 'additionalProperties' ? `${where.replace(/^\./, '')}: unknown field` : `${where}: ${e.message}`;
    });
    throw new SeedFileError(`${source}: ${problems.join('; ')}`);
  }
  return toPlan(raw as SeedFile, source, adminPassword);
}

function toPlan(f: SeedFile, source: string, adminPassword: string): SeedPlan {
  const fail = (field: string, why: string): never => { throw new SeedFileError(`${source}: ${field}: ${why}`); };
  const unique = (items: { name: string }[] | undefined, section: string) => {
    const seen = new Set<string>();
    items?.forEach((x, i) => { if (seen.has(x.name)) fail(`${section}[${i}].name`, `'${x.name}' appears twice`); seen.add(x.name); });
  };
  unique(f.hosts, 'hosts');
  unique(f.flavors, 'flavors');
  unique(f.projects, 'projects');
  unique(f.users, 'users');
  const plan: SeedPlan = {};
  if (f.hosts) plan.hosts = f.hosts.map((h) => ({ ...h }));
  if (f.flavors) {
    plan.flavors = f.flavors.map((fl, i) => ({
      flavorid: fl.id ?? String(i + 1), name: fl.name, vcpus: fl.vcpus, memoryMb: fl.ram, rootGb: fl.disk,
      ...(fl.ephemeral !== undefined ? { ephemeralGb: fl.ephemeral } : {}),
      ...(fl.swap !== undefined ? { swap: fl.swap } : {}),
      ...(fl.is_public !== undefined ? { isPublic: fl.is_public } : {}),
      ...(fl.description !== undefined ? { description: fl.description } : {}),
      ...(fl.extra_specs ? { extraSpecs: fl.extra_specs } : {}),
    }));
  }
  if (f.projects || f.users || f.roles) {
    const projects = new Set((f.projects ?? []).map((p) => p.name));
    f.projects?.forEach((p, i) => { if (p.parent !== undefined && !projects.has(p.parent)) fail(`projects[${i}].parent`, `no project named '${p.parent}' in projects`); });
    const roles = new Set(['admin', 'member', 'reader', ...(f.roles ?? [])]);
    f.users?.forEach((u, i) => {
      if (u.project !== undefined && !projects.has(u.project)) fail(`users[${i}].project`, `no project named '${u.project}' in projects`);
      u.roles?.forEach((g, j) => {
        if (!roles.has(g.role)) fail(`users[${i}].roles[${j}].role`, `no role named '${g.role}' (admin, member, reader or one listed in roles)`);
        const targets = [g.project !== undefined, g.domain !== undefined, g.system === true].filter(Boolean).length;
        if (targets !== 1) fail(`users[${i}].roles[${j}]`, 'name exactly one of project, domain or system: true');
        if (g.project !== undefined && !projects.has(g.project)) fail(`users[${i}].roles[${j}].project`, `no project named '${g.project}' in projects`);
      });
    });
    plan.identity = {
      roles: f.roles ?? [],
      projects: (f.projects ?? []).map((p) => ({ ...p })),
      users: (f.users ?? []).map((u) => ({
        name: u.name, password: u.password ?? adminPassword,
        ...(u.id !== undefined ? { id: u.id } : {}), ...(u.email !== undefined ? { email: u.email } : {}),
        ...(u.domain !== undefined ? { domain: u.domain } : {}), ...(u.enabled !== undefined ? { enabled: u.enabled } : {}),
        ...(u.project !== undefined ? { default_project: u.project } : {}),
        roles: (u.roles ?? []).map((g) => ({ ...g })),
      })),
    };
  }
  return plan;
}

export function loadSeedFile(path: string, adminPassword: string): SeedPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeedFileError(`SEED_FILE ${path}: ${(err as Error).message}`);
  }
  return parseSeedFile(text, `SEED_FILE ${path}`, adminPassword);
}
