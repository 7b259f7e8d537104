// The double's own control plane under /_mock: reset, hosts, faults, progression, audit. Admin only.
// Shapes follow the control plane the project's real-Nova oracle serves, so that the same
// requests work against both.
import { NoBody, operationNames } from '../http/openapi.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Services } from '../services.js';
import { authFromHeaders } from '../http/auth-context.js';
import { ApiError } from '../http/api-error.js';
import { seedNetworking, seededTopology, type NetworkingSeed } from '../networking/seed.js';
import { NeutronError } from '../networking/errors.js';
import { auditAllocations, auditImages, auditPorts } from './audit.js';
import { auditVolumes } from './volume-audit.js';
import {
  AuditReply, ErrorBody, FaultInput, FaultView, HostInput, HostView, IdParam, NameParam, ProgressBody, ProgressReply, ResetBody, ResetReply,
} from './schemas.js';
import { strictValidatorCompiler } from '../http/strict-validator.js';
import { Type } from 'typebox';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody, default: ErrorBody };

export interface MockControlOptions {
  services: Services;
}

export const mockControlPlugin: FastifyPluginAsync<MockControlOptions> = async (app, opts) => {
  const { services } = opts;
  const compute = services.compute;
  // Bodies are checked against the schemas that document the routes: a field they do not
  // declare is refused, not stripped; the 400 names the field (`body/hosts/0/vcpus must be >= 1`).
  app.setValidatorCompiler(strictValidatorCompiler());
  // tags and operationIds for /docs, from each route's method and path
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.schema && methods.length === 1 && methods[0] !== 'HEAD') Object.assign(route.schema, operationNames('mock-control', methods[0]!, route.routePath));
  });
  app.get('/status', { config: { public: true }, schema: { response: { 200: Type.Object({ status: Type.Object({ hosts: Type.Array(Type.String()), progression: Type.String() }, { additionalProperties: false }) }, { additionalProperties: false }), ...errors } } }, async () => ({ status: { hosts: compute.hosts.list().map((h) => h.name), progression: compute.progression.mode } }));

  // Authorised by the matched route: only the status document is open. Unrouted URLs under
  // /_mock (the not-found handler below runs these hooks too) need the admin token as well.
  // a callback hook (an async one costs a promise per request); an answer ends it without done
  app.addHook('onRequest', (req, reply, done) => {
    if (req.routeOptions.config.public === true) { done(); return; }
    const auth = authFromHeaders(req.headers);
    if (!auth) { reply.code(401).send({ error: 'x-auth-token required' }); return; }
    if (!auth.isAdmin) { reply.code(403).send({ error: 'admin only' }); return; }
    done();
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` }));

  app.setErrorHandler((err: unknown, _req, reply: FastifyReply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ error: err.detail });
    const fe = err as { statusCode?: number; message?: string };
    if (fe.statusCode && fe.statusCode < 500) return reply.code(fe.statusCode).send({ error: fe.message ?? 'bad request' });
    reply.log.error({ err }, 'control plane failure');
    // like the real Nova's control plane, say what broke (this API is for test harnesses)
    return reply.code(500).send({ error: `internal error: ${err instanceof Error ? err.message : String(err)}` });
  });

  app.post<{ Body: ResetBody }>('/reset', { schema: { body: ResetBody, response: { 200: ResetReply, ...errors } } }, async (req, reply) => {
    const body = req.body ?? {};
    const hosts = body.hosts;
    if (hosts && new Set(hosts.map((h) => h.name)).size !== hosts.length) throw new ApiError(400, null, 'host names must be unique');
    services.runtime.settings.policyProfile = body.profile ?? services.runtime.config.policyProfile;
    compute.hosts.beginReset();
    services.placement.reset();
    await services.image.idle();
    services.image.reset();
    services.blockStorage.reset();
    services.identity.reset();
    await compute.hosts.reset(body);
    resetNetworking(body.networking, hosts?.map((h) => h.name));
    return reply.code(200).send({
      reset: { hosts: compute.hosts.list(), config: body.config ?? {}, profile: services.runtime.settings.policyProfile },
    });
  });

  /** Back to the devstack topology, or the reset body's; agents on the compute hosts. */
  function resetNetworking(requested: NetworkingSeed | undefined, hostNames: string[] | undefined): void {
    const seed = requested ?? seededTopology(services.runtime);
    const agents = seed.agent_hosts ?? hostNames ?? compute.hosts.list().map((h) => h.name);
    try {
      seedNetworking(services.networking, { ...seed, agent_hosts: agents });
    } catch (err) {
      seedNetworking(services.networking, { ...seededTopology(services.runtime), agent_hosts: agents });
      if (err instanceof NeutronError) throw new ApiError(400, null, `networking: ${err.message}`);
      throw new ApiError(400, null, `networking: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  app.get('/hosts', { schema: { response: { 200: Type.Object({ hosts: Type.Array(HostView) }), ...errors } } }, async () => ({ hosts: compute.hosts.list() }));
  app.post<{ Body: HostInput }>('/hosts', { schema: { body: HostInput, response: { 201: Type.Object({ host: HostView }), ...errors } } }, async (req, reply) => {
    const host = await compute.hosts.add(req.body);
    services.networking.agentHosts.add(host.name); // each compute host runs an L2 agent
    return reply.code(201).send({ host });
  });
  app.delete<{ Params: { name: string } }>('/hosts/:name', { schema: { params: NameParam, response: { 204: NoBody, ...errors } } }, async (req, reply) => {
    await compute.api.services.deleteHost(req.params.name);
    services.networking.agentHosts.delete(req.params.name);
    return reply.code(204).send();
  });

  app.get('/faults', { schema: { response: { 200: Type.Object({ faults: Type.Array(FaultView) }), ...errors } } }, async () => ({ faults: compute.faults.list() }));
  app.post<{ Body: FaultInput }>('/faults', { schema: { body: FaultInput, response: { 201: Type.Object({ fault: FaultView }), ...errors } } }, async (req, reply) => {
    const { operation, host = null, server = null, times = null, error } = req.body;
    if (host !== null && !compute.hosts.list().some((x) => x.name === host)) throw new ApiError(404, null, `no host ${host}`);
    const fault = compute.faults.add({ operation, host, server, times, error: { type: error?.type ?? 'TestingException', message: error?.message ?? null } });
    return reply.code(201).send({ fault });
  });
  app.delete('/faults', { schema: { response: { 204: NoBody, ...errors } } }, async (_req, reply) => { compute.faults.clear(); return reply.code(204).send(); });
  app.delete<{ Params: { id: string } }>('/faults/:id', { schema: { params: IdParam, response: { 204: NoBody, ...errors } } }, async (req, reply) => {
    if (!compute.faults.remove(req.params.id)) throw new ApiError(404, null, `no fault ${req.params.id}`);
    return reply.code(204).send();
  });

  // progression=manual: advance waiting workflow steps. Body {"steps": n} (default: all waiting).
  app.get('/progress', { schema: { response: { 200: ProgressReply, ...errors } } }, async () => ({ progression: compute.progression.mode, waiting: compute.progression.waiting() }));
  app.post<{ Body: ProgressBody }>('/progress', { schema: { body: ProgressBody, response: { 200: ProgressReply, ...errors } } }, async (req) => {
    if (compute.progression.mode !== 'manual') throw new ApiError(409, null, `progression is ${compute.progression.mode}, not manual`);
    const advanced = compute.progression.advance(req.body?.steps);
    // let the released steps run up to their next pause
    await new Promise<void>((r) => setImmediate(r));
    return { advanced, waiting: compute.progression.waiting() };
  });
  // Resolves when no workflow is running (immediate/timed) or all are parked (manual).
  app.post('/idle', { schema: { response: { 200: Type.Object({ idle: Type.Boolean() }), ...errors } } }, async () => { await compute.workflows.idle(); return { idle: true }; });

  app.get('/audit', { schema: { response: { 200: AuditReply, ...errors } } }, async () => ({ audit: [...await auditAllocations(compute), ...auditVolumes(services), ...auditImages(services.image), ...auditPorts(compute, services.networking)] }));
};
