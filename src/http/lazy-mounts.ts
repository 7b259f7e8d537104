// A service on the main port whose Fastify app is built at its first request. Registering
// ~1,100 routes (router nodes, hooks, schemas) and loading their modules was most of the
// start-up; a client's first request needs one service. The main app holds one catch-all
// route per prefix that hands the raw request to the service's own app, built once (the same
// plugin, at the same prefix, with the same root hooks and options as when it was mounted
// directly), so the answer is the one the mounted plugin gave.
import type { IncomingMessage } from 'node:http';
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
  let built: Promise<FastifyInstance> | undefined;
  const target = () => {
    built ??= build().then(async (inner) => { await inner.ready(); return inner; });
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
