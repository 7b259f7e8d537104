// What every request leaves in the log: one line once its answer is out, with the method, URL,
// host and peer, status, time and request id. Fastify's default writes two lines per request
// ('incoming request' with the request, then 'request completed' with the status and time):
// at info each line is a pino line (formatting, and a share of a write: runtime/log-destination.ts),
// so the second line cost about a tenth of a small request's throughput for nothing new.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // logged with the outcome, in requestCompleted
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    // the serializers Fastify gives the logger render req (method, url, host, remoteAddress,
    // remotePort) and res (statusCode), as in the two default lines
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** A Fastify app's logController option (one instance per app: Fastify keeps it on the server). */
export function requestLogController(): LogController {
  return new OneLinePerRequest();
}

const requestLoggers = new WeakMap<Logger, Logger>();

/**
 * The logger a Fastify app is given (its requests' loggers are children of it): the runtime's,
 * without the redaction of req.headers' tokens. Fastify's loggers render every `req` with its
 * serializer (method, url, version, host, remoteAddress, remotePort: no headers) before
 * redaction would look at it, so there it never finds anything, and costs a quarter of a
 * request line. The runtime's own logger (workflows, start-up) keeps it.
 */
export function requestLogger(runtimeLogger: Logger): Logger {
  let l = requestLoggers.get(runtimeLogger);
  if (!l) { l = runtimeLogger.child({}, { redact: [] }); requestLoggers.set(runtimeLogger, l); }
  return l;
}
