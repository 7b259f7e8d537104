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
