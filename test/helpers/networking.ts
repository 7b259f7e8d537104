// The networking API (Neutron v2.0) for tests, over inject or HTTP: requests as a given caller,
// the seeded networks by name, and the port steps the stories repeat.
import { expect } from 'vitest';
import { sendRequest, type ApiReply, type ApiTransport, type RequestOptions } from './api-transport.js';

export class NetworkingClient {
  readonly token: string;

  constructor(readonly transport: ApiTransport, o: { token?: string } = {}) {
    this.token = o.token ?? 'admin';
  }

  /** A request under /networking/v2.0. */
  call(method: string, path: string, o: RequestOptions = {}): Promise<ApiReply> {
    return sendRequest(this.transport, method, `/networking/v2.0${path}`, { ...o, token: o.token === undefined ? this.token : o.token });
  }

  /** {name: id} of the networks the caller sees (the seed's private, shared, public ...). */
  async networkIds(): Promise<Record<string, string>> {
    const r = await this.call('GET', '/networks');
    expect(r.status, r.text).toBe(200);
    return Object.fromEntries((r.body.networks as { name: string; id: string }[]).map((n) => [n.name, n.id]));
  }

  /** POST /ports (201): the port. */
  async createPort(port: Record<string, unknown>): Promise<any> {
    const r = await this.call('POST', '/ports', { body: { port } });
    expect(r.status, r.text).toBe(201);
    return r.body.port;
  }

  /** The ports whose device is `deviceId` (a server's). */
  async portsOf(deviceId: string): Promise<any[]> {
    const r = await this.call('GET', `/ports?device_id=${deviceId}`);
    expect(r.status, r.text).toBe(200);
    return r.body.ports;
  }
}
