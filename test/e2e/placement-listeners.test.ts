// Both Placement listeners over real sockets (issue 9): the main port serves Placement under
// /placement, the standalone port at /, over one store. Also what only a real socket shows:
// a non-integer Content-Length is answered in Placement's words although Node's parser
// rejects the request before any route runs.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { buildApp, buildPlacementApp, createServices, type Services } from '../../src/app.js';

let services: Services;
let main: FastifyInstance;
let standalone: FastifyInstance;
let mainUrl: string;
let placementUrl: string;

beforeAll(async () => {
  services = createServices(createRuntime(testConfig()));
  await services.compute.hosts.start();
  main = await buildApp(services);
  standalone = await buildPlacementApp(services);
  await main.listen({ port: 0, host: '127.0.0.1' });
  await standalone.listen({ port: 0, host: '127.0.0.1' });
  mainUrl = `http://127.0.0.1:${(main.server.address() as AddressInfo).port}`;
  placementUrl = `http://127.0.0.1:${(standalone.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await standalone.close();
  await main.close();
  services.runtime.db.close();
});

const headers = { 'x-auth-token': 'admin', 'openstack-api-version': 'placement 1.20', 'content-type': 'application/json' };

describe('two listeners, one Placement', () => {
  it('a provider created on the standalone port is seen under /placement, links follow each mount', async () => {
    const created = await request(`${placementUrl}/resource_providers`, { method: 'POST', headers, body: JSON.stringify({ name: 'both-ports' }) });
    expect(created.statusCode).toBe(200);
    const body = await created.body.json() as { uuid: string; links: { rel: string; href: string }[] };
    expect(created.headers.location).toBe(`${placementUrl}/resource_providers/${body.uuid}`);
    expect(body.links[0]).toEqual({ rel: 'self', href: `/resource_providers/${body.uuid}` });

    const seen = await request(`${mainUrl}/placement/resource_providers/${body.uuid}`, { headers });
    expect(seen.statusCode).toBe(200);
    const shown = await seen.body.json() as { links: { rel: string; href: string }[] };
    expect(shown.links[0]).toEqual({ rel: 'self', href: `/placement/resource_providers/${body.uuid}` });
  });

  it('answers a non-integer Content-Length in the Placement envelope', async () => {
    const { port } = standalone.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write('POST /resource_providers HTTP/1.1\r\nHost: x\r\nx-auth-token: admin\r\ncontent-type: application/json\r\ncontent-length: hi mom\r\n\r\n{}');
      });
      let data = '';
      s.on('data', (d) => { data += d.toString(); });
      s.on('end', () => resolve(data));
      s.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    const json = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(json.errors[0].detail).toContain('content-length header must be an integer');
  });
});
