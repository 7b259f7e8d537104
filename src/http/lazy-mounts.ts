// A service on the main port whose Fastify app is built at its first request. Registering
// ~1,100 routes (router nodes, hooks, schemas) and loading their modules was most of the
// start-up; a client's first request needs one service. The main app holds one catch-all
// route per prefix that hands the raw request to the service's own app, built once (the same
// plugin, at the same prefix, with the same root hooks and options as when it was mounted
// directly), so the answer is the one the mounted plugin gave.
//
// Once a service's app is built, requests on the main app's socket whose path starts with
// `<prefix>/` go to it straight from the server's 'request' event: the catch-all route would
// cost a second Fastify request per request (routing, request and reply objects, a child logger,
// the root hooks, a promise) only to hand the raw request on. Everything else (other paths,
// app.inject, the main app while it closes) takes the catch-all route, which answers the same.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The request id the main app drew for a forwarded request: the service's app reuses it,
 *  so a request draws one id from the id source, as when the service was mounted. */
const forwardedIds = new WeakMap<IncomingMessage, string>();

export function forwardedRequestId(raw: IncomingMessage): string | undefined {
  return forwardedIds.get(raw);
}

/**
 * Route `prefix` and everything below it to the app `build` returns (built on first use).
 * Register before the root hooks: they run once, in the service's app.
 */
export async function mountLazily(app: FastifyInstance, prefix: string, build: () => Promise<FastifyInstance>): Promise<void> {
  const direct = directRoutes(app);
  let built: Promise<FastifyInstance> | undefined;
  const target = () => {
    built ??= build().then(async (inner) => {
      await inner.ready();
      direct?.routes.push({ start: `${prefix}/`, routing: inner.routing });
      return inner;
    });
    return built;
  };
  await app.register(async (forwarder) => {
    // onRequest, before any body is read: the service's app parses it
    forwarder.addHook('onRequest', (request, reply, done) => {
      forwardedIds.set(request.raw, request.id);
      reply.hijack();
      target().then((inner) => { inner.routing(request.raw, reply.raw); }, (err: unknown) => {
        request.log.error({ err }, `building ${prefix} failed`);
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ error: 'Internal Server Error', statusCode: 500 }));
      });
      done();
    });
    const handler = () => { /* never reached: the onRequest hook hands every request on */ };
    // silent: the service's app logs the request, once
    forwarder.all(prefix, { logLevel: 'silent' }, handler);
    forwarder.all(`${prefix}/*`, { logLevel: 'silent' }, handler);
  });
  app.addHook('onClose', async () => { if (built) await (await built).close(); });
}

interface DirectRoutes {
  readonly routes: { start: string; routing: (req: IncomingMessage, res: ServerResponse) => void }[];
  closing: boolean;
}

const directTables = new WeakMap<Server, DirectRoutes | null>();

/** The main app's table of built services, consulted before its own routing (null when the
 *  server's request listener is not Fastify's alone, and so cannot be wrapped). */
function directRoutes(app: FastifyInstance): DirectRoutes | null {
  const server = app.server as Server;
  const known = directTables.get(server);
  if (known !== undefined) return known;
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (listeners.length !== 1) { directTables.set(server, null); return null; }
  const fastifyRouting = listeners[0]!;
  const table: DirectRoutes = { routes: [], closing: false };
  server.removeListener('request', fastifyRouting);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!table.closing) {
      const url = req.url!;
      for (const r of table.routes) if (url.startsWith(r.start)) { r.routing(req, res); return; }
    }
    fastifyRouting.call(server, req, res);
  });
  // a closing app answers new requests itself (Connection: close, 503): so does this one
  app.addHook('preClose', (done) => { table.closing = true; done(); });
  directTables.set(server, table);
  return table;
}
