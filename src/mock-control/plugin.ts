// The double's own control plane under /_mock: reset, hosts, faults, progression, audit. Admin only.
// OWNER: compute engine work (the reset contract below is shared with placement work).
// Shapes follow the real Nova's control plane (shared/reference/nova-live/real_nova_server.py)
// so the same requests work against both.
import { NoBody, operationNames } from '../http/openapi.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Services } from '../app.js';
import { POLICY_PROFILES, type PolicyProfile } from '../config.js';
import { authFromHeaders } from '../http/auth-context.js';
import { ApiError } from '../http/api-error.js';
import { FAULT_OPERATIONS, type FaultOperation } from '../driver/fault-plan.js';
import { DRIVER_PRESETS } from '../driver/fake-driver.js';
import type { HostInput } from '../compute/seed.js';
import { DEVSTACK_SEED, seedNetworking, type NetworkingSeed } from '../networking/seed.js';
import { NeutronError } from '../networking/errors.js';
import { auditAllocations, auditImages, auditPorts } from './audit.js';
import { auditVolumes } from './volume-audit.js';
import {
  AuditReply, ErrorBody, FaultInput, FaultView, HostInput as HostInputSchema, HostView, IdParam, NameParam, ProgressBody, ProgressReply, ResetBody as ResetSchema, ResetReply,
} from './schemas.js';
import { Type } from 'typebox';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody, default: ErrorBody };

export interface MockControlOptions {
  services: Services;
}

/** Body of POST /_mock/reset: all optional. `hosts: []` means no compute hosts at all. */
export interface ResetBody {
  profile?: PolicyProfile;
  hosts?: HostInput[];
  config?: Record<string, unknown>;
  networking?: NetworkingSeed;
}

class BadInput extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TRAIT_RE = /^[A-Z0-9_]+$/;

/** Validate one host of POST /_mock/hosts or reset's hosts[]. */
export function parseHost(v: unknown): HostInput {
  if (!isObj(v)) throw new BadInput('host must be an object');
  const allowed = new Set(['name', 'vcpus', 'memory_mb', 'local_gb', 'traits', 'driver']);
  for (const k of Object.keys(v)) if (!allowed.has(k)) throw new BadInput(`unknown host field ${k}`);
  if (typeof v.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(v.name)) throw new BadInput('host name is required (letters, digits, . _ -)');
  const h: HostInput = { name: v.name };
  for (const k of ['vcpus', 'memory_mb', 'local_gb'] as const) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== 'number' || !Number.isInteger(v[k]) || (v[k] as number) < 1) throw new BadInput(`${k} must be a positive integer`);
    h[k] = v[k] as number;
  }
  if (v.traits !== undefined) {
    if (!Array.isArray(v.traits) || !v.traits.every((t) => typeof t === 'string' && TRAIT_RE.test(t))) throw new BadInput('traits must be a list of trait names');
    h.traits = v.traits as string[];
  }
  if (v.driver !== undefined) {
    if (typeof v.driver !== 'string' || !(v.driver in DRIVER_PRESETS)) throw new BadInput(`driver must be one of ${Object.keys(DRIVER_PRESETS).join(', ')}`);
    h.driver = v.driver;
  }
  return h;
}

function parseFault(v: unknown, knownHost: (h: string) => boolean) {
  if (!isObj(v)) throw new BadInput('body must be an object');
  const allowed = new Set(['operation', 'host', 'server', 'times', 'error']);
  for (const k of Object.keys(v)) if (!allowed.has(k)) throw new BadInput(`unknown fault field ${k}`);
  if (typeof v.operation !== 'string' || !(FAULT_OPERATIONS as readonly string[]).includes(v.operation)) {
    throw new BadInput(`operation must be one of ${FAULT_OPERATIONS.join(', ')}`);
  }
  if (v.host !== undefined && v.host !== null && typeof v.host !== 'string') throw new BadInput('host must be a string');
  if (typeof v.host === 'string' && !knownHost(v.host)) throw new ApiError(404, null, `no host ${v.host}`);
  if (v.server !== undefined && v.server !== null && typeof v.server !== 'string') throw new BadInput('server must be a string');
  if (v.times !== undefined && v.times !== null && (typeof v.times !== 'number' || !Number.isInteger(v.times) || v.times < 0)) {
    throw new BadInput('times must be a non-negative integer');
  }
  const err = v.error ?? {};
  if (!isObj(err)) throw new BadInput('error must be an object');
  for (const k of Object.keys(err)) if (k !== 'type' && k !== 'message') throw new BadInput(`unknown error field ${k}`);
  if (err.type !== undefined && (typeof err.type !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(err.type))) throw new BadInput('error.type must be an exception class name');
  if (err.message !== undefined && err.message !== null && typeof err.message !== 'string') throw new BadInput('error.message must be a string');
  return {
    operation: v.operation as FaultOperation, host: (v.host as string | undefined) ?? null, server: (v.server as string | undefined) ?? null,
    times: (v.times as number | undefined) ?? null,
    error: { type: (err.type as string | undefined) ?? 'TestingException', message: (err.message as string | undefined) ?? null },
  };
}

export const mockControlPlugin: FastifyPluginAsync<MockControlOptions> = async (app, opts) => {
  const { services } = opts;
  const compute = services.compute;
  // The schemas document the routes (OpenAPI) and shape the replies; input is checked by
  // parseHost/parseFault/... below, which reject (not strip) unknown fields and name the problem.
  app.setValidatorCompiler(() => () => true);
  // tags and operationIds for /docs, from each route's method and path
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.schema && methods.length === 1 && methods[0] !== 'HEAD') Object.assign(route.schema, operationNames('mock-control', methods[0]!, route.routePath));
  });
  app.get('/status', { config: { public: true }, schema: { response: { 200: Type.Object({ status: Type.Object({ hosts: Type.Array(Type.String()), progression: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false }), ...errors } } }, async () => ({ status: { hosts: compute.listHosts().map((h) => h.name), progression: compute.progression.mode } }));

  // Authorised by the matched route: only the status document is open. Unrouted URLs under
  // /_mock (the not-found handler below runs these hooks too) need the admin token as well.
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config.public === true) return;
    const auth = authFromHeaders(req.headers);
    if (!auth) return reply.code(401).send({ error: 'x-auth-token required' });
    if (!auth.isAdmin) return reply.code(403).send({ error: 'admin only' });
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));

  app.setErrorHandler((err: unknown, _req, reply: FastifyReply) => {
    if (err instanceof BadInput) return reply.code(400).send({ error: err.message });
    if (err instanceof ApiError) return reply.code(err.status).send({ error: err.detail });
    const fe = err as { statusCode?: number; message?: string };
    if (fe.statusCode && fe.statusCode < 500) return reply.code(fe.statusCode).send({ error: fe.message ?? 'bad request' });
    reply.log.error({ err }, 'control plane failure');
    // like the real Nova's control plane, say what broke (this API is for test harnesses)
    return reply.code(500).send({ error: `internal error: ${err instanceof Error ? err.message : String(err)}` });
  });

  app.post<{ Body: unknown }>('/reset', { schema: { body: Type.Optional(ResetSchema), response: { 200: ResetReply, ...errors } } }, async (req, reply) => {
    const raw = req.body ?? {};
    if (!isObj(raw)) throw new BadInput('body must be an object');
    const body = raw as ResetBody;
    if (body.profile !== undefined && !POLICY_PROFILES.includes(body.profile)) {
      throw new BadInput(`profile must be one of ${POLICY_PROFILES.join(', ')}`);
    }
    if (body.hosts !== undefined && (!Array.isArray(body.hosts))) throw new BadInput('hosts must be a list');
    const hosts = body.hosts?.map(parseHost);
    if (hosts && new Set(hosts.map((h) => h.name)).size !== hosts.length) throw new BadInput('host names must be unique');
    if (body.config !== undefined && !isObj(body.config)) throw new BadInput('config must be an object');
    if (body.config?.allow_resize_to_same_host !== undefined && typeof body.config.allow_resize_to_same_host !== 'boolean') {
      throw new BadInput('config allow_resize_to_same_host: must be a boolean');
    }
    for (const opt of ['reclaim_instance_interval', 'periodic_interval'] as const) {
      const v = body.config?.[opt];
      if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v))) throw new BadInput(`config ${opt}: must be an integer`);
    }
    services.runtime.settings.policyProfile = body.profile ?? services.runtime.config.policyProfile;
    compute.beginReset();
    services.placement.reset();
    await services.image.idle();
    services.image.reset();
    services.blockStorage.reset();
    await compute.reset({ ...body, ...(hosts ? { hosts } : {}) });
    resetNetworking(body.networking, hosts?.map((h) => h.name));
    return reply.code(200).send({
      reset: { hosts: compute.listHosts(), config: body.config ?? {}, profile: services.runtime.settings.policyProfile },
    });
  });

  /** Back to the devstack topology, or the reset body's; agents on the compute hosts. */
  function resetNetworking(raw: unknown, hostNames: string[] | undefined): void {
    if (raw !== undefined && (!isObj(raw) || !Array.isArray(raw.networks) || !Array.isArray(raw.routers))) {
      throw new BadInput('networking must be an object with networks and routers lists');
    }
    const seed = (raw as NetworkingSeed | undefined) ?? DEVSTACK_SEED;
    const agents = seed.agent_hosts ?? hostNames ?? compute.listHosts().map((h) => h.name);
    try {
      seedNetworking(services.networking, { ...seed, agent_hosts: agents });
    } catch (err) {
      seedNetworking(services.networking, { ...DEVSTACK_SEED, agent_hosts: agents });
      if (err instanceof NeutronError) throw new BadInput(`networking: ${err.message}`);
      throw new BadInput(`networking: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  app.get('/hosts', { schema: { response: { 200: Type.Object({ hosts: Type.Array(HostView) }), ...errors } } }, async () => ({ hosts: compute.listHosts() }));
  app.post<{ Body: unknown }>('/hosts', { schema: { body: HostInputSchema, response: { 201: Type.Object({ host: HostView }), ...errors } } }, async (req, reply) => {
    const host = await compute.addHost(parseHost(req.body));
    services.networking.agentHosts.add(host.name); // each compute host runs an L2 agent
    return reply.code(201).send({ host });
  });
  app.delete<{ Params: { name: string } }>('/hosts/:name', { schema: { params: NameParam, response: { 204: NoBody, ...errors } } }, async (req, reply) => {
    await compute.deleteHost(req.params.name);
    services.networking.agentHosts.delete(req.params.name);
    return reply.code(204).send();
  });

  app.get('/faults', { schema: { response: { 200: Type.Object({ faults: Type.Array(FaultView) }), ...errors } } }, async () => ({ faults: compute.faults.list() }));
  app.post<{ Body: unknown }>('/faults', { schema: { body: FaultInput, response: { 201: Type.Object({ fault: FaultView }), ...errors } } }, async (req, reply) => {
    const spec = parseFault(req.body, (h) => compute.listHosts().some((x) => x.name === h));
    return reply.code(201).send({ fault: compute.faults.add(spec) });
  });
  app.delete('/faults', { schema: { response: { 204: NoBody, ...errors } } }, async (_req, reply) => { compute.faults.clear(); return reply.code(204).send(); });
  app.delete<{ Params: { id: string } }>('/faults/:id', { schema: { params: IdParam, response: { 204: NoBody, ...errors } } }, async (req, reply) => {
    if (!compute.faults.remove(req.params.id)) throw new ApiError(404, null, `no fault ${req.params.id}`);
    return reply.code(204).send();
  });

  // progression=manual: advance waiting workflow steps. Body {"steps": n} (default: all waiting).
  app.get('/progress', { schema: { response: { 200: ProgressReply, ...errors } } }, async () => ({ progression: compute.progression.mode, waiting: compute.progression.waiting() }));
  app.post<{ Body: unknown }>('/progress', { schema: { body: Type.Optional(ProgressBody), response: { 200: ProgressReply, ...errors } } }, async (req) => {
    const b = req.body ?? {};
    if (!isObj(b)) throw new BadInput('body must be an object');
    if (b.steps !== undefined && (typeof b.steps !== 'number' || !Number.isInteger(b.steps) || b.steps < 1)) throw new BadInput('steps must be a positive integer');
    if (compute.progression.mode !== 'manual') throw new ApiError(409, null, `progression is ${compute.progression.mode}, not manual`);
    const advanced = compute.progression.advance(b.steps as number | undefined);
    // let the released steps run up to their next pause
    await new Promise<void>((r) => setImmediate(r));
    return { advanced, waiting: compute.progression.waiting() };
  });
  // Resolves when no workflow is running (immediate/timed) or all are parked (manual).
  app.post('/idle', { schema: { response: { 200: Type.Object({ idle: Type.Boolean() }), ...errors } } }, async () => { await compute.idle(); return { idle: true }; });

  app.get('/audit', { schema: { response: { 200: AuditReply, ...errors } } }, async () => ({ audit: [...await auditAllocations(compute), ...auditVolumes(services), ...auditImages(services.image), ...auditPorts(compute, services.networking)] }));
};
