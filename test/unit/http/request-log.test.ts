// What a request leaves in the log at info: one line once it is answered, with what a user
// needs (method, URL, status, time, request id), and never the caller's token.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';

const TOKEN = 'admin:secret-project-token';
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) { raw.push(l); lines.push(JSON.parse(l) as Record<string, unknown>); }
    done();
  },
});

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ seed: true, logLevel: 'info' }, { logStream: sink }); });
afterAll(async () => { await t.close(); });

const requestLines = () => lines.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request' || l.msg === 'request errored');

describe('request log', () => {
  it('writes one line per request, when answered, with method, url, host, status, time and request id', async () => {
    lines.length = 0;
    const placement = await t.app.inject({ method: 'GET', url: '/placement/resource_providers', headers: { 'x-auth-token': TOKEN } });
    expect(placement.statusCode).toBe(200);
    const compute = await t.app.inject({ method: 'GET', url: '/compute/v2.1/flavors/nope', headers: { 'x-auth-token': TOKEN } });
    expect(compute.statusCode).toBe(404);
    const got = requestLines();
    expect(got).toHaveLength(2);
    expect(got.map((l) => l.msg)).toEqual(['request completed', 'request completed']);
    expect(got[0]).toMatchObject({
      level: 30, reqId: placement.headers['x-openstack-request-id'],
      req: { method: 'GET', url: '/placement/resource_providers', host: 'localhost:80' }, res: { statusCode: 200 },
    });
    expect(got[1]).toMatchObject({
      reqId: compute.headers['x-openstack-request-id'], req: { method: 'GET', url: '/compute/v2.1/flavors/nope' }, res: { statusCode: 404 },
    });
    for (const l of got) expect(typeof l.responseTime).toBe('number');
  });

  it('never carries the token, in the request lines or where the runtime logs a request', async () => {
    raw.length = 0;
    await t.app.inject({ method: 'GET', url: '/placement/', headers: { 'x-auth-token': TOKEN, authorization: `Bearer ${TOKEN}` } });
    // the runtime's logger (workflows, start-up) still redacts a request's headers
    t.services.runtime.logger.info({ req: { headers: { 'x-auth-token': TOKEN, authorization: TOKEN } } }, 'a request');
    expect(raw.length).toBeGreaterThanOrEqual(2);
    for (const l of raw) expect(l).not.toContain('secret-project-token');
    expect(raw.at(-1)).toContain('[Redacted]');
  });
});

describe('the request line written by request-log.ts', () => {
  it('is byte for byte what pino writes for logger.info({ req, res, responseTime })', async () => {
    const { default: pino } = await import('pino');
    const { requestLogger, requestCompletedLine } = await import('../../../src/http/request-log.js');
    const out: string[] = [];
    const dest = { write: (s: string) => { out.push(s); } };
    const runtimeLogger = pino({ level: 'info', redact: ['req.headers["x-auth-token"]'], timestamp: () => ',"time":1765152000000' }, dest);
    // as Fastify makes it: the app's logger (its serializers win), then a child per request
    const reqLog = requestLogger(runtimeLogger).child({}).child({ reqId: 'req-0d4c\u2028"quoted"' });
    const cases = [
      { method: 'GET', url: '/placement/resource_providers?name=a%20b&x="\\\u0001é', headers: {}, host: 'localhost:80', ip: '127.0.0.1', socket: { remotePort: 40000 } },
      { method: 'POST', url: '/compute/v2.1/servers', headers: { 'accept-version': '2.1' }, host: 'h\n', ip: '::1', socket: { remotePort: 1 } },
      { method: 'DELETE', url: '/x\ud800', headers: {}, host: undefined, ip: undefined, socket: undefined },
    ];
    for (const [i, req] of cases.entries()) {
      const reply = { statusCode: 200 + i };
      for (const rt of [1.2345, 0, Number.NaN]) {
        out.length = 0;
        reqLog.info({ req, res: reply, responseTime: rt }, 'request completed');
        expect(out).toHaveLength(1);
        const line = requestCompletedLine(reqLog, req as never, reply as never, rt);
        expect(line).toBe(out[0]);
      }
    }
  });

  it('is left to pino where the logger renders lines its own way', async () => {
    const { default: pino } = await import('pino');
    const { requestLogger, requestCompletedLine } = await import('../../../src/http/request-log.js');
    const dest = { write: () => {} };
    const req = { method: 'GET', url: '/', headers: {}, host: 'h', ip: '::1', socket: { remotePort: 1 } } as never;
    const reply = { statusCode: 200 } as never;
    expect(requestCompletedLine(requestLogger(pino({ mixin: () => ({ a: 1 }) }, dest)).child({ reqId: 'r' }), req, reply, 1)).toBeNull();
    expect(requestCompletedLine(requestLogger(pino({ formatters: { log: (o) => o } }, dest)).child({ reqId: 'r' }), req, reply, 1)).toBeNull();
    expect(requestCompletedLine(requestLogger(pino({ messageKey: 'message' }, dest)).child({ reqId: 'r' }), req, reply, 1)).toBeNull();
    expect(requestCompletedLine(pino({}, dest).child({ reqId: 'r' }), req, reply, 1)).toBeNull();
    expect(requestCompletedLine(requestLogger(pino({}, dest)).child({ reqId: 'r' }, { serializers: { req: () => ({}) } }), req, reply, 1)).toBeNull();
  });
});
