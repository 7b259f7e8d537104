// Domain helpers for compute tests over real HTTP (nova's integrated_helpers, in TypeScript):
// a cloud listening on 127.0.0.1:0, and createServer / resizeServer / waitForServerStatus /
// expectAllocationsMatchFlavor ... speaking the compute, placement and control-plane APIs.
import { Agent, request } from 'undici';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testConfig, type Config } from '../../src/config.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { responseContractSink } from './response-contract.js';
import { buildApp, createServices, type Services } from '../../src/app.js';

export const IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
export const TINY = { id: '1', name: 'm1.tiny', resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 } };
export const SMALL = { id: '2', name: 'm1.small', resources: { VCPU: 1, MEMORY_MB: 2048, DISK_GB: 20 } };
export const MEDIUM = { id: '3', name: 'm1.medium', resources: { VCPU: 2, MEMORY_MB: 4096, DISK_GB: 40 } };
export const ZERO = { VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 };

/** No keep-alive: the real placement-api (uwsgi) resets idle sockets. */
const agent = new Agent({ pipelining: 0 });

export interface Reply { status: number; body: any; headers: Record<string, string | string[] | undefined> }

export interface Cloud {
  readonly baseUrl: string;
  readonly services: Services;
  close(): Promise<void>;
}

/** A seeded cloud (host1 + host2) on a real socket. */
export async function startCloud(config: Partial<Config> = {}): Promise<Cloud> {
  const services = createServices(createRuntime(testConfig({ seed: true, ...config })));
  await services.compute.hosts.start();
  const app: FastifyInstance = await buildApp(services, { responseContract: responseContractSink() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    services,
    async close() { await app.close(); services.runtime.db.close(); },
  };
}

export class ComputeClient {
  /** placementUrl: a Placement to read allocations from (default: the cloud's own /placement). */
  constructor(readonly baseUrl: string, readonly token = 'admin', readonly version = '2.93', readonly placementUrl: string | null = null) {}

  async http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const url = path.startsWith('http') ? path : this.baseUrl + path;
    const res = await request(url, {
      method: method as 'GET',
      headers: { 'x-auth-token': this.token, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      dispatcher: agent,
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* html 404 */ }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  compute(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.http(method, `/compute/v2.1${path}`, body, { 'openstack-api-version': `compute ${this.version}` });
  }
  placement(method: string, path: string, body?: unknown, version = '1.28'): Promise<Reply> {
    const base = this.placementUrl ?? `${this.baseUrl}/placement`;
    return this.http(method, `${base}${path}`, body, { 'openstack-api-version': `placement ${version}` });
  }
  control(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.http(method, `/_mock${path}`, body);
  }

  /** Let the workflows run until none is runnable (immediate mode: until they are done). */
  async settle(): Promise<void> { expect((await this.control('POST', '/idle')).status).toBe(200); }

  async getServer(id: string): Promise<any> {
    const r = await this.compute('GET', `/servers/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.server;
  }

  /** POST /servers, then wait for `waitFor` (ACTIVE by default; null = do not wait). */
  async createServer(opts: { flavorRef?: string; host?: string; name?: string; waitFor?: string | null } = {}): Promise<any> {
    const server: Record<string, unknown> = { name: opts.name ?? 'srv', imageRef: IMAGE, flavorRef: opts.flavorRef ?? '1', networks: 'none' };
    if (opts.host) server.availability_zone = `nova:${opts.host}`;
    const r = await this.compute('POST', '/servers', { server });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id = r.body.server.id as string;
    return opts.waitFor === null ? { id } : this.waitForServerStatus(id, opts.waitFor ?? 'ACTIVE');
  }

  async action(id: string, body: unknown): Promise<Reply> { return this.compute('POST', `/servers/${id}/action`, body); }

  /** resize (202) and wait for VERIFY_RESIZE (or `waitFor`). */
  async resizeServer(id: string, flavorRef: string, waitFor = 'VERIFY_RESIZE'): Promise<any> {
    const r = await this.action(id, { resize: { flavorRef } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    return this.waitForServerStatus(id, waitFor);
  }

  async waitForServerStatus(id: string, status: string, attempts = 50): Promise<any> {
    let last: any;
    for (let i = 0; i < attempts; i++) {
      last = await this.getServer(id);
      if (last.status === status && last['OS-EXT-STS:task_state'] === null) {
        // like nova's tests waiting for the *.end notification: let the flow finish its tail
        // (e.g. confirm deletes the migration's allocation after the server is ACTIVE)
        await this.settle();
        return this.getServer(id);
      }
      await this.settle();
    }
    throw new Error(`server ${id} never reached ${status}; last ${last?.status}/${last?.['OS-EXT-STS:task_state']}`);
  }

  async waitForServerGone(id: string, attempts = 50): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      if ((await this.compute('GET', `/servers/${id}`)).status === 404) return;
      await this.settle();
    }
    throw new Error(`server ${id} was not deleted`);
  }

  async migrations(serverId: string): Promise<any[]> {
    const r = await this.compute('GET', `/os-migrations?instance_uuid=${serverId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.migrations;
  }

  async waitForMigrationStatus(serverId: string, status: string, attempts = 50): Promise<any> {
    let last: any[] = [];
    for (let i = 0; i < attempts; i++) {
      last = await this.migrations(serverId);
      if (last[0]?.status === status) { await this.settle(); return last[0]; }
      await this.settle();
    }
    throw new Error(`migration of ${serverId} never reached ${status}; last ${last[0]?.status}`);
  }

  /** Provider uuid of a host (== compute node uuid), from the control plane. */
  async providerOf(host: string): Promise<string> {
    const r = await this.control('GET', '/hosts');
    const h = (r.body.hosts as any[]).find((x) => x.name === host);
    if (!h) throw new Error(`no host ${host}`);
    return h.resource_provider as string;
  }

  async usages(host: string): Promise<Record<string, number>> {
    const r = await this.placement('GET', `/resource_providers/${await this.providerOf(host)}/usages`);
    expect(r.status).toBe(200);
    return r.body.usages;
  }

  /** {provider uuid: resources} held by a consumer. */
  async allocations(consumer: string): Promise<Record<string, Record<string, number>>> {
    const r = await this.placement('GET', `/allocations/${consumer}`);
    expect(r.status).toBe(200);
    return Object.fromEntries(Object.entries(r.body.allocations as Record<string, any>).map(([rp, a]) => [rp, a.resources]));
  }

  /** The consumer holds exactly `resources` on `host`'s provider and nothing elsewhere. */
  async expectAllocationsMatchFlavor(consumer: string, host: string, resources: Record<string, number>): Promise<void> {
    expect(await this.allocations(consumer)).toEqual({ [await this.providerOf(host)]: resources });
  }

  async addFault(f: Record<string, unknown>): Promise<any> {
    const r = await this.control('POST', '/faults', f);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.fault;
  }

  async audit(): Promise<unknown[]> {
    const r = await this.control('GET', '/audit');
    expect(r.status).toBe(200);
    return r.body.audit;
  }

  async actionEvents(serverId: string, action: string): Promise<any> {
    const list = await this.compute('GET', `/servers/${serverId}/os-instance-actions`);
    expect(list.status).toBe(200);
    const a = (list.body.instanceActions as any[]).find((x) => x.action === action);
    if (!a) throw new Error(`no ${action} action`);
    const detail = await this.compute('GET', `/servers/${serverId}/os-instance-actions/${a.request_id}`);
    expect(detail.status).toBe(200);
    return detail.body.instanceAction;
  }
}
