// No request can hold a connection forever: a client that stops in its headers, sends a body
// shorter than its Content-Length, or goes quiet is answered (408) or cut off within the
// configured bounds (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, IDLE_TIMEOUT_MS).
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, buildPlacementApp, createServices, type Services } from '../../src/app.js';

let services: Services;
let main: FastifyInstance;
let standalone: FastifyInstance;
let mainPort: number;
let placementPort: number;

beforeAll(async () => {
  services = createServices(createRuntime(testConfig({ headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 900 })));
  await services.compute.hosts.start();
  main = await buildApp(services);
  standalone = await buildPlacementApp(services);
  await main.listen({ port: 0, host: '127.0.0.1' });
  await standalone.listen({ port: 0, host: '127.0.0.1' });
  mainPort = (main.server.address() as AddressInfo).port;
  placementPort = (standalone.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await standalone.close();
  await main.close();
  services.runtime.db.close();
});

/** Write `data`, then wait for the server to close the connection; what it sent, and when. */
function holdOpen(port: number, data: string): Promise<{ reply: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let reply = '';
    const sock: Socket = connect(port, '127.0.0.1', () => { if (data) sock.write(data); });
    sock.setEncoding('utf8');
    sock.on('data', (d) => { reply += d; });
    sock.on('error', () => { /* a reset after the answer is fine */ });
    sock.on('close', () => resolve({ reply, ms: performance.now() - started }));
    setTimeout(() => { sock.destroy(); reject(new Error(`connection still open; got ${JSON.stringify(reply)}`)); }, 8000).unref();
  });
}

const SHORT_BODY = 'POST /placement/resource_providers HTTP/1.1\r\nHost: x\r\nx-auth-token: admin\r\n'
  + 'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"name": "';

describe('slow and silent clients', () => {
  const bodyOf = (reply: string) => JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));

  it('a body shorter than its Content-Length gets a 408 in Placement\'s envelope and the connection closes', async () => {
    const r = await holdOpen(mainPort, SHORT_BODY);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(r.reply).errors[0]).toMatchObject({ status: 408, title: 'Request Timeout' });
    expect(r.ms).toBeLessThan(5000);
  });

  it('the same on the standalone Placement listener', async () => {
    const r = await holdOpen(placementPort, SHORT_BODY.replace('/placement/', '/'));
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(r.reply).errors[0].status).toBe(408);
  });

  it('under /compute, nova\'s fault envelope', async () => {
    const r = await holdOpen(mainPort, SHORT_BODY.replace('/placement/resource_providers', '/compute/v2.1/servers'));
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(r.reply)).toEqual({ computeFault: { code: 408, message: 'The request was not received in time.' } });
  });

  it('headers that never end get a 408', async () => {
    const r = await holdOpen(mainPort, 'GET /placement/ HTTP/1.1\r\nHost: x\r\nx-auth-token: admin\r\n');
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that sends nothing, or nothing after its answer, is closed', async () => {
    const silent = await holdOpen(mainPort, '');
    expect(silent.ms).toBeLessThan(5000);
    const kept = await holdOpen(mainPort, 'GET /placement/ HTTP/1.1\r\nHost: x\r\nx-auth-token: admin\r\n\r\n');
    expect(kept.reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(kept.ms).toBeLessThan(5000);
  });
});
