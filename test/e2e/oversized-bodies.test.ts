// A body over BODY_LIMIT gets its 413 in the service's envelope even when the client writes its
// whole body before reading (as Python's http.client and requests do): the server reads and
// discards the rest (up to OVERSIZE_DISCARD_LIMIT) before answering, instead of closing the
// connection under a client that is still sending (a broken pipe, no answer).
import { connect, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, createServices, type Services } from '../../src/app.js';

let services: Services;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  services = createServices(createRuntime(testConfig({ bodyLimit: 1000, oversizeDiscardLimit: 8 * 1024 * 1024 })));
  await services.compute.hosts.start();
  app = await buildApp(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => { await app.close(); services.runtime.db.close(); });

/** Write the whole request first, then read; resolves with the answer or the socket error. */
function writeThenRead(head: string, body: Buffer, chunked = false): Promise<{ reply: string; error: string | null }> {
  return new Promise((resolve) => {
    let reply = '';
    let error: string | null = null;
    const sock = connect(port, '127.0.0.1');
    sock.setEncoding('latin1');
    sock.on('data', (d) => { reply += d; });
    sock.on('error', (e: NodeJS.ErrnoException) => { error = e.code ?? e.message; });
    sock.on('close', () => resolve({ reply, error }));
    const framing = chunked ? 'transfer-encoding: chunked\r\n' : `content-length: ${body.length}\r\n`;
    sock.write(`${head}${framing}connection: close\r\n\r\n`);
    if (chunked) sock.end(Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]));
    else sock.end(body);
  });
}

const big = Buffer.alloc(4 * 1024 * 1024, 'a');
const common = 'Host: x\r\nx-auth-token: admin\r\ncontent-type: application/json\r\n';
const cases: Array<[string, string, (body: any) => void]> = [
  ['placement', `POST /placement/resource_providers HTTP/1.1\r\n${common}`, (b) => expect(b.errors[0].status).toBe(413)],
  ['compute', `POST /compute/v2.1/servers HTTP/1.1\r\n${common}`, (b) => expect(b).toEqual({ overLimit: { code: 413, message: 'Request is too large.' } })],
  ['identity', `POST /identity/v3/auth/tokens HTTP/1.1\r\n${common}`, (b) => expect(b.error.code).toBe(413)],
  ['control plane', `POST /_mock/hosts HTTP/1.1\r\n${common}`, (b) => expect(Object.keys(b)).toEqual(['error'])],
];

describe('oversized bodies, written before reading', () => {
  it.each(cases)('%s: every try gets its 413, no broken pipe', async (_name, head, check) => {
    for (let i = 0; i < 4; i++) {
      const r = await writeThenRead(head, big, i === 3);
      expect(r.error).toBeNull();
      expect(r.reply).toMatch(/^HTTP\/1\.1 413 /);
      check(JSON.parse(r.reply.slice(r.reply.indexOf('\r\n\r\n') + 4)));
    }
  }, 30_000);
});
