// The networking client over both transports: the in-process one (route table, no sockets)
// and HTTP (undici to the standalone listener) answer alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { buildNetworkingApp, createServices, type Services } from '../../../src/app.js';
import { NetworkingClient, NetworkingClientError } from '../../../src/networking-client/networking-client.js';
import { createInProcessTransport } from '../../../src/networking-client/in-process-transport.js';
import { createHttpTransport } from '../../../src/networking-client/http-transport.js';

let services: Services;
let app: FastifyInstance;
let clients: [string, NetworkingClient][];

beforeAll(async () => {
  services = createServices(createRuntime(testConfig({ seed: true })));
  app = await buildNetworkingApp(services);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  clients = [['in-process', new NetworkingClient(createInProcessTransport(services.networking))], ['http', new NetworkingClient(createHttpTransport(url))]];
});
afterAll(async () => {
  for (const [, c] of clients) await c.close();
  await app.close();
  services.runtime.db.close();
});

describe.each([0, 1])('networking client (%s)', (i) => {
  it('finds networks, makes, binds and deletes a port; errors carry neutron type', async () => {
    const client = clients[i]![1];
    const [priv] = await client.listNetworks('demo:demo', { name: 'private' });
    expect(priv!.name).toBe('private');
    const port = await client.createPort('demo:demo', { network_id: priv!.id, device_id: `vm-${i}`, device_owner: 'compute:nova' });
    expect(port.fixed_ips.map((f) => f.ip_address)[0]).toMatch(/^10\.0\.0\./);
    expect(port['binding:host_id']).toBeUndefined(); // a member's view
    const bound = await client.updatePort('admin', port.id, { 'binding:host_id': 'host1' });
    expect(bound['binding:vif_type']).toBe('ovs');
    expect((await client.listPorts('admin', { device_id: `vm-${i}` })).map((p) => p.id)).toEqual([port.id]);
    await client.deletePort('admin', port.id);
    const err = await client.showPort('admin', port.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkingClientError);
    expect(err).toMatchObject({ status: 404, type: 'PortNotFound', message: `Port ${port.id} could not be found.` });
    const groups = await client.listSecurityGroups('demo:demo', { name: 'default', project_id: 'demo' });
    expect(groups).toHaveLength(1);
  });
});
