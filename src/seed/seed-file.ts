// SEED_FILE: the cloud to start with, as YAML or JSON, one section per service. Each section
// has its TypeBox schema (validated with errors that name the bad field) and a conversion to
// what its service seeds. A service that lands adds its section to SECTIONS and reads its part
// of the SeedPlan when it seeds an empty database:
//   hosts, flavors -> compute (workflows/compute-hosts.ts seed); roles, projects, users -> identity
//   (identity.ts); images -> the image service (image-service.ts); networks, routers ->
//   networking (services.ts and the reset, through networking/seed.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Type, type Static, type TSchema } from 'typebox';
import type { ValidateFunction } from 'ajv';
import type { HostInput } from '../workflows/cloud-seed.js';
import type { NewFlavor } from '../compute-db/flavors-store.js';
import type { SeedImage } from '../image/seed.js';

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

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** A glance image record (public and active, like the fixture's); data is not seeded. */
const Image = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  /** default: a uuid made from the name, the same on every start and reset */
  id: Type.Optional(Type.String({ pattern: UUID })),
  visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('shared'), Type.Literal('community')])),
  /** owner project id (default: none) */
  owner: Type.Optional(Type.String({ minLength: 1 })),
  container_format: Type.Optional(Type.String({ enum: ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] })),
  disk_format: Type.Optional(Type.String({ enum: ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'] })),
  size: Type.Optional(Type.Integer({ minimum: 0 })),
  min_ram: Type.Optional(Type.Integer({ minimum: 0 })),
  min_disk: Type.Optional(Type.Integer({ minimum: 0 })),
  protected: Type.Optional(Type.Boolean()),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 255 }))),
  properties: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
}, { additionalProperties: false });

const Subnet = Type.Object({
  name: Type.Optional(Type.String()),
  cidr: Type.String({ minLength: 1 }),
  ip_version: Type.Optional(Type.Union([Type.Literal(4), Type.Literal(6)])),
  gateway_ip: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  enable_dhcp: Type.Optional(Type.Boolean()),
  allocation_pools: Type.Optional(Type.Array(Type.Object({ start: Type.String(), end: Type.String() }, { additionalProperties: false }))),
  dns_nameservers: Type.Optional(Type.Array(Type.String())),
  host_routes: Type.Optional(Type.Array(Type.Object({ destination: Type.String(), nexthop: Type.String() }, { additionalProperties: false }))),
  ipv6_ra_mode: Type.Optional(Type.String({ enum: ['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless'] })),
  ipv6_address_mode: Type.Optional(Type.String({ enum: ['slaac', 'dhcpv6-stateful', 'dhcpv6-stateless'] })),
}, { additionalProperties: false });

/** A neutron network with its subnets (the reset body's networking.networks entries). */
const Network = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  /** owner project id (default: admin) */
  project_id: Type.Optional(Type.String({ minLength: 1 })),
  shared: Type.Optional(Type.Boolean()),
  'router:external': Type.Optional(Type.Boolean()),
  is_default: Type.Optional(Type.Boolean()),
  'provider:network_type': Type.Optional(Type.String()),
  'provider:physical_network': Type.Optional(Type.String()),
  subnets: Type.Optional(Type.Array(Subnet)),
}, { additionalProperties: false });

const Router = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  project_id: Type.Optional(Type.String({ minLength: 1 })),
  /** name of the external network for the gateway */
  gateway: Type.Optional(Type.String()),
  /** names of subnets to attach */
  interfaces: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: false });

/** Every section a seed file may hold. */
export const SeedFileSchema = Type.Object({
  hosts: Type.Optional(Type.Array(Host)),
  flavors: Type.Optional(Type.Array(Flavor)),
  roles: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  projects: Type.Optional(Type.Array(Project)),
  users: Type.Optional(Type.Array(User)),
  images: Type.Optional(Type.Array(Image)),
  networks: Type.Optional(Type.Array(Network)),
  routers: Type.Optional(Type.Array(Router)),
}, { additionalProperties: false });
export type SeedFile = Static<typeof SeedFileSchema>;

/** The networking service's seed (networking/seed.ts seeds it; devstack's topology by default). */
export interface SeedNetwork {
  name: string;
  project_id?: string;
  shared?: boolean;
  'router:external'?: boolean;
  is_default?: boolean;
  'provider:network_type'?: string;
  'provider:physical_network'?: string;
  subnets?: Record<string, unknown>[];
}

export interface SeedRouter {
  name: string;
  project_id?: string;
  /** name of the external network for the gateway */
  gateway?: string;
  /** names of subnets to attach */
  interfaces?: string[];
}

export interface NetworkingSeed {
  networks: SeedNetwork[];
  routers: SeedRouter[];
  /** hosts with an L2 agent (ports bind there) */
  agent_hosts?: string[];
}

/** The identity service's seed: projects, users with their role assignments, extra roles. */
export interface IdentitySeed {
  projects: { name: string; id?: string; description?: string; domain?: string; parent?: string; enabled?: boolean; tags?: string[] }[];
  users: {
    name: string; id?: string; password?: string; domain?: string; email?: string; enabled?: boolean;
    default_project?: string;
    /** role name -> project names (or 'system' / 'domain:<name>') */
    roles?: { role: string; project?: string; domain?: string; system?: boolean }[];
  }[];
  roles?: string[];
}

/** What the services seed from: a section left out keeps that service's default. */
export interface SeedPlan {
  hosts?: HostInput[];
  flavors?: NewFlavor[];
  identity?: IdentitySeed;
  /** replaces the glance fixture's images */
  images?: SeedImage[];
  /** replaces the devstack topology (networks and routers come together) */
  networking?: NetworkingSeed;
}

/** A uuid from the image's name (sha1, version-5 layout): the same image id on every start. */
function uuidFromName(name: string): string {
  const h = createHash('sha1').update(`novamock-image:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The fixture images' timestamp, kept for seeded ones (a seed is not a moment in time). */
const SEED_IMAGE_TIME = '2011-01-01T01:02:03Z';

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
  unique(f.images, 'images');
  unique(f.networks, 'networks');
  unique(f.routers, 'routers');
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
  if (f.images) {
    const ids = new Set<string>();
    plan.images = f.images.map((im, i) => {
      const id = (im.id ?? uuidFromName(im.name)).toLowerCase();
      if (ids.has(id)) fail(`images[${i}].id`, `'${id}' appears twice`);
      ids.add(id);
      return {
        row: {
          id, name: im.name, status: 'active', visibility: im.visibility ?? 'public', protected: im.protected ?? false, os_hidden: false,
          checksum: null, os_hash_algo: null, os_hash_value: null, owner: im.owner ?? null, size: im.size ?? 0, virtual_size: null,
          container_format: im.container_format ?? 'bare', disk_format: im.disk_format ?? 'raw', min_ram: im.min_ram ?? 0, min_disk: im.min_disk ?? 0,
          created_at: SEED_IMAGE_TIME, updated_at: SEED_IMAGE_TIME, staged: false,
        },
        properties: { ...(im.properties ?? {}) },
        tags: [...new Set(im.tags ?? [])],
      };
    });
  }
  if (f.routers && !f.networks) fail('routers', 'routers need the networks section they connect');
  if (f.networks) {
    const nets = new Set(f.networks.map((n) => n.name));
    const subnets = new Set(f.networks.flatMap((n) => (n.subnets ?? []).map((sn) => sn.name).filter((x): x is string => !!x)));
    f.routers?.forEach((r, i) => {
      if (r.gateway !== undefined && !nets.has(r.gateway)) fail(`routers[${i}].gateway`, `no network named '${r.gateway}' in networks`);
      r.interfaces?.forEach((sn, j) => { if (!subnets.has(sn)) fail(`routers[${i}].interfaces[${j}]`, `no subnet named '${sn}' in networks`); });
    });
    plan.networking = {
      // ip_version may be left out: the CIDR says it
      networks: f.networks.map((n) => ({ ...n, ...(n.subnets ? { subnets: n.subnets.map((sn) => ({ ip_version: sn.cidr.includes(':') ? 6 : 4, ...sn })) } : {}) })),
      routers: (f.routers ?? []).map((r) => ({ ...r })),
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
