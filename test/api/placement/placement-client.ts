// Domain helpers for Placement API stories over inject (nova's integrated_helpers style).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface CallOptions {
  version?: string;
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
  /** raw payload (string) instead of JSON */
  raw?: string;
}

export class PlacementClient {
  constructor(readonly app: FastifyInstance, readonly prefix = '') {}

  async call(method: string, path: string, o: CallOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token !== null) headers['x-auth-token'] = o.token ?? 'admin';
    if (o.version) headers['openstack-api-version'] = `placement ${o.version}`;
    let payload: string | undefined;
    if (o.raw !== undefined) payload = o.raw;
    else if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    return this.app.inject({ method: method as 'GET', url: `${this.prefix}${path}`, headers, ...(payload !== undefined ? { payload } : {}) });
  }

  async createProvider(name: string, extra: Record<string, unknown> = {}, version = '1.20'): Promise<{ uuid: string; generation: number }> {
    const r = await this.call('POST', '/resource_providers', { version, body: { name, ...extra } });
    if (r.statusCode !== 200) throw new Error(`create provider ${name}: ${r.statusCode} ${r.body}`);
    return r.json();
  }

  async setInventories(uuid: string, generation: number, inventories: Record<string, Record<string, number>>): Promise<LightMyRequestResponse> {
    return this.call('PUT', `/resource_providers/${uuid}/inventories`, { version: '1.26', body: { resource_provider_generation: generation, inventories } });
  }

  async generationOf(uuid: string): Promise<number> {
    return (await this.call('GET', `/resource_providers/${uuid}`, { version: '1.14' })).json().generation;
  }
}

/** The error envelope's first error. */
export function firstError(r: LightMyRequestResponse): { status: number; title: string; detail: string; code?: string; request_id: string } {
  return r.json().errors[0];
}
