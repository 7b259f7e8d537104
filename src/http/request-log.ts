// What every request leaves in the log: one line once its answer is out, with the method, URL,
// host and peer, status, time and request id. Fastify's default writes two lines per request
// ('incoming request' with the request, then 'request completed' with the status and time):
// at info each line is a pino line (formatting, and a share of a write: runtime/log-destination.ts),
// so the second line cost about a tenth of a small request's throughput for nothing new.
//
// The line itself is put together here, byte for byte as pino would write it (pino's own pieces:
// the level and time prefix, the logger's bindings with the request id, its end), instead of
// through logger.info({ req, res, responseTime }): pino runs each key's serializer, which builds
// an object, then renders the objects with safe-stable-stringify (a JS walk with cycle checks);
// here req's fields are rendered directly (JSON.stringify only for a string that needs escapes)
// and res and responseTime are a status and a number. That was most of what info cost a small
// request over warn (issue #20). A logger this module did not set up (other serializers, mixins,
// hooks, formatters, a message prefix, a multistream) gets the line through logger.info as before.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import { jsonString } from './json-string.js';

const {
  chindingsSym, endSym, formattersSym, hooksSym, lsCacheSym, messageKeySym, mixinSym,
  needsMetadataGsym, nestedKeySym, serializersSym, streamSym, stringifiersSym, timeSym, wildcardFirstSym,
} = pino.symbols;
// in pino's symbols, not in its types
const msgPrefixSym = (pino.symbols as unknown as Record<string, symbol>).msgPrefixSym!;

/** Fastify's `req` serializer (fastify/lib/logger-pino.js), the same fields in the same order. */
function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: req.url,
    version: req.headers && req.headers['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
}

/** Fastify's `res` serializer. */
function serializeReply(reply: FastifyReply): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

const INFO = 30;
const MESSAGE = ',"msg":"request completed"';

type PinoInternals = Logger & Record<symbol, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Whether the line can be written here exactly as pino's logger.info would write it. */
function writesPlainLines(log: PinoInternals): boolean {
  const serializers = log[serializersSym];
  const stringifiers = log[stringifiersSym];
  return serializers.req === serializeRequest && serializers.res === serializeReply
    && serializers.responseTime === undefined && serializers.msg === undefined
    && (stringifiers === undefined || (Object.keys(stringifiers).length === 0 && !stringifiers[wildcardFirstSym]))
    && !log[mixinSym] && !log[hooksSym]?.streamWrite && !log[formattersSym]?.log
    && log[messageKeySym] === 'msg' && !log[nestedKeySym] && !log[msgPrefixSym]
    && log[streamSym]?.[needsMetadataGsym] !== true && typeof log[lsCacheSym]?.[INFO] === 'string';
}

/** The 'request completed' line, as pino renders logger.info({ req, res, responseTime }, 'request completed'). */
export function requestCompletedLine(log: Logger, request: FastifyRequest, reply: FastifyReply, responseTime: number): string | null {
  const l = log as PinoInternals;
  if (!writesPlainLines(l)) return null;
  const time: string = l[timeSym]();
  const rt = Number.isFinite(responseTime) ? responseTime : null;
  const req = `{"method":${json(request.method)},"url":${json(request.url)}${field('version', request.headers && request.headers['accept-version'])}${field('host', request.host)}${field('remoteAddress', request.ip)}${field('remotePort', request.socket ? request.socket.remotePort : undefined)}}`;
  return `${l[lsCacheSym][INFO]}${time}${l[chindingsSym]},"req":${req},"res":{"statusCode":${json(reply.statusCode)}},"responseTime":${rt}${MESSAGE}${l[endSym]}`;
}

/** A value as JSON.stringify renders it inside an object (undefined: left out by field). */
function json(v: unknown): string {
  if (typeof v === 'string') return jsonString(v);
  return JSON.stringify(v) ?? 'null';
}

function field(name: string, v: unknown): string {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? '' : `,"${name}":${json(v)}`;
}

class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // logged with the outcome, in requestCompleted
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    // the serializers render req (method, url, host, remoteAddress, remotePort) and res
    // (statusCode), as in the two default lines
    const log = reply.log as Logger;
    if (error) { log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored'); return; }
    if (!log.isLevelEnabled('info')) return;
    const line = requestCompletedLine(log, request, reply, reply.elapsedTime);
    if (line === null) log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else (log as PinoInternals)[streamSym].write(line);
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
 * request line. The runtime's own logger (workflows, start-up) keeps it. Its req and res
 * serializers are Fastify's (Fastify lets a given logger's own serializers win), as functions
 * this module knows: the request line is then written here (requestCompletedLine).
 */
export function requestLogger(runtimeLogger: Logger): Logger {
  let l = requestLoggers.get(runtimeLogger);
  if (!l) {
    l = runtimeLogger.child({}, { redact: [], serializers: { req: serializeRequest, res: serializeReply } });
    requestLoggers.set(runtimeLogger, l);
  }
  return l;
}
