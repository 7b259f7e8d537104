// The Placement API for tests (nova's integrated_helpers' placement_api and its provider and
// allocation checks), over inject or HTTP: novamock's Placement under /placement or on its
// standalone listener, or a real Placement.
import { expect } from 'vitest';
import { sendRequest, type ApiReply, type ApiTransport, type RequestOptions } from './api-transport.js';

export interface PlacementCall extends RequestOptions {
  /** The microversion asked (none: the client's; neither: no header, i.e. 1.0). */
  version?: string;
}

export interface PlacementClientOptions {
  version?: string;
  /**
   * A compute host's provider uuid (nova: the compute node's uuid), for the checks by host; the
   * e2e stories ask the control plane (MockControl.providerOf).
   */
  providerOf?: (host: string) => Promise<string>;
}

export class PlacementClient {
  readonly version: string | undefined;

  /** prefix: where Placement is mounted on the transport ('/placement' on the main port, '' standalone). */
  constructor(readonly transport: ApiTransport, readonly prefix = '/placement', private readonly o: PlacementClientOptions = {}) {
    this.version = o.version;
  }

  call(method: string, path: string, o: PlacementCall = {}): Promise<ApiReply> {
    const version = o.version ?? this.version;
    return sendRequest(this.transport, method, `${this.prefix}${path}`, o, version ? { 'openstack-api-version': `placement ${version}` } : {});
  }

  async createProvider(name: string, extra: Record<string, unknown> = {}, version = '1.20'): Promise<{ uuid: string; generation: number }> {
    const r = await this.call('POST', '/resource_providers', { version, body: { name, ...extra } });
    if (r.status !== 200) throw new Error(`create provider ${name}: ${r.status} ${r.text}`);
    return r.body;
  }

  setInventories(uuid: string, generation: number, inventories: Record<string, Record<string, number>>): Promise<ApiReply> {
    return this.call('PUT', `/resource_providers/${uuid}/inventories`, { version: '1.26', body: { resource_provider_generation: generation, inventories } });
  }

  async generationOf(uuid: string): Promise<number> {
    return (await this.call('GET', `/resource_providers/${uuid}`, { version: '1.14' })).body.generation;
  }

  /** The provider of a compute host. */
  providerOf(host: string): Promise<string> {
    if (!this.o.providerOf) throw new Error('PlacementClient: no providerOf given');
    return this.o.providerOf(host);
  }

  /** The usages on a compute host's provider. */
  async usages(host: string): Promise<Record<string, number>> {
    const r = await this.call('GET', `/resource_providers/${await this.providerOf(host)}/usages`, { version: '1.28' });
    expect(r.status).toBe(200);
    return r.body.usages;
  }

  /** {provider uuid: resources} held by a consumer. */
  async allocations(consumer: string): Promise<Record<string, Record<string, number>>> {
    const r = await this.call('GET', `/allocations/${consumer}`, { version: '1.28' });
    expect(r.status).toBe(200);
    return Object.fromEntries(Object.entries(r.body.allocations as Record<string, any>).map(([rp, a]) => [rp, a.resources]));
  }

  /** The consumer holds exactly `resources` on `host`'s provider and nothing elsewhere. */
  async expectAllocationsMatchFlavor(consumer: string, host: string, resources: Record<string, number>): Promise<void> {
    expect(await this.allocations(consumer)).toEqual({ [await this.providerOf(host)]: resources });
  }
}

/** The error envelope's first error. */
export function firstError(r: ApiReply): { status: number; title: string; detail: string; code?: string; request_id: string } {
  return r.body.errors[0];
}
