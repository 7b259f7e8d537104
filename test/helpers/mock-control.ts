// The control plane (/_mock) for tests: reset, hosts, faults, progression, audit, over inject or HTTP.
import { expect } from 'vitest';
import { sendRequest, type ApiReply, type ApiTransport } from './api-transport.js';

export class MockControl {
  constructor(readonly transport: ApiTransport, readonly token = 'admin') {}

  /** A request under /_mock with a JSON body. */
  call(method: string, path: string, body?: unknown): Promise<ApiReply> {
    return sendRequest(this.transport, method, `/_mock${path}`, { token: this.token, body });
  }

  /** Let the cloud finish its work (see ApiTransport.settle). */
  settle(): Promise<void> { return this.transport.settle(); }

  async reset(body?: unknown): Promise<any> {
    const r = await this.call('POST', '/reset', body);
    expect(r.status, r.text).toBe(200);
    return r.body.reset;
  }

  async addFault(f: Record<string, unknown>): Promise<any> {
    const r = await this.call('POST', '/faults', f);
    expect(r.status, r.text).toBe(201);
    return r.body.fault;
  }

  /** What /_mock/audit finds leaked (allocations, volumes, images, ports): [] when consistent. */
  async audit(): Promise<unknown[]> {
    const r = await this.call('GET', '/audit');
    expect(r.status).toBe(200);
    return r.body.audit;
  }

  /** Provider uuid of a host (== its compute node's uuid), as the control plane lists it. */
  async providerOf(host: string): Promise<string> {
    const r = await this.call('GET', '/hosts');
    expect(r.status).toBe(200);
    const h = (r.body.hosts as { name: string; resource_provider: string }[]).find((x) => x.name === host);
    if (!h) throw new Error(`no host ${host}`);
    return h.resource_provider;
  }

  /** progression=manual: release the parked steps until none is waiting (every workflow ran to its end). */
  async runToRest(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      await this.settle();
      if ((await this.waiting()).length === 0) return;
      await this.call('POST', '/progress', {});
    }
    throw new Error('workflows never came to rest');
  }

  /** progression=manual: release `n` steps, one at a time, each run until every workflow is parked again. */
  async advance(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await this.call('POST', '/progress', { steps: 1 });
      await this.settle();
    }
  }

  /** The names of the workflow steps parked (progression=manual). */
  async waiting(): Promise<string[]> {
    const r = await this.call('GET', '/progress');
    expect(r.status).toBe(200);
    return r.body.waiting;
  }
}
