// Typed Placement calls with the microversions nova's report client uses (nova/scheduler/client/report.py).
// Compute reaches Placement only through this module.
import type { PlacementResponse, PlacementTransport } from './transport.js';

export type Resources = Record<string, number>;
export interface ProviderAllocation { resources: Resources; generation?: number }
export type AllocationsByProvider = Record<string, ProviderAllocation>;
export interface ConsumerAllocations {
  allocations: AllocationsByProvider;
  consumer_generation?: number | null;
  project_id?: string;
  user_id?: string;
}
export interface ProviderView { uuid: string; name: string; generation: number; root_provider_uuid?: string; parent_provider_uuid?: string | null }
export interface Inventory { total: number; reserved: number; min_unit: number; max_unit: number; step_size: number; allocation_ratio: number }
export interface AllocationRequest { allocations: Record<string, { resources: Resources }>; mappings?: Record<string, string[]> }
export interface ProviderSummary { resources: Record<string, { capacity: number; used: number }>; traits?: string[]; parent_provider_uuid?: string | null; root_provider_uuid?: string }
export interface AllocationCandidates { allocation_requests: AllocationRequest[]; provider_summaries: Record<string, ProviderSummary> }

/** A Placement answer nova does not expect (it would raise in the report client). */
export class PlacementCallError extends Error {
  constructor(readonly call: string, readonly status: number, readonly body: unknown) {
    super(`Placement ${call} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'PlacementCallError';
  }
  /** placement.concurrent_update / consumer generation conflicts. */
  get isConflict(): boolean { return this.status === 409; }
}

export interface PlacementClient {
  readonly transport: PlacementTransport;
  providersInTree(uuid: string): Promise<ProviderView[]>;
  providersByName(name: string): Promise<ProviderView[]>;
  listProviders(): Promise<ProviderView[]>;
  createProvider(uuid: string, name: string): Promise<ProviderView>;
  deleteProvider(uuid: string): Promise<void>;
  setInventories(uuid: string, generation: number, inventories: Record<string, Inventory>): Promise<number>;
  traitsNamed(names: readonly string[]): Promise<string[]>;
  createTrait(name: string): Promise<void>;
  providerTraits(uuid: string): Promise<{ traits: string[]; generation: number }>;
  setProviderTraits(uuid: string, generation: number, traits: readonly string[]): Promise<number>;
  allocationCandidates(query: string): Promise<AllocationCandidates>;
  getAllocations(consumer: string): Promise<ConsumerAllocations>;
  /** PUT /allocations/{c}; false on 409 (generation conflict) so callers can retry as nova does. */
  putAllocations(consumer: string, body: ConsumerAllocations & { project_id: string; user_id: string; mappings?: Record<string, string[]> }, version?: string): Promise<boolean>;
  /** POST /allocations (several consumers atomically); false on 409. */
  postAllocations(body: Record<string, ConsumerAllocations & { project_id: string; user_id: string }>): Promise<boolean>;
  /** DELETE /allocations/{c} without a version header; false when there was nothing (404). */
  deleteAllocations(consumer: string): Promise<boolean>;
  providerAllocations(uuid: string): Promise<Record<string, { resources: Resources }>>;
  providerUsages(uuid: string): Promise<Resources>;
  /** GET /resource_providers/{u}/aggregates at 1.19 (report._get_provider_aggregates). */
  providerAggregates(uuid: string): Promise<{ aggregates: string[]; generation: number }>;
  /** PUT .../aggregates with the generation (set_aggregates_for_provider); false on 409. */
  setProviderAggregates(uuid: string, generation: number, aggregates: readonly string[]): Promise<{ ok: boolean; generation?: number }>;
}

export function createPlacementClient(transport: PlacementTransport): PlacementClient {
  const call = async (name: string, method: string, path: string, version: string | null, body: unknown, ok: number[]): Promise<PlacementResponse> => {
    const res = await transport.request(method, path, version, body);
    if (!ok.includes(res.status)) throw new PlacementCallError(`${method} ${path} (${name})`, res.status, res.body);
    return res;
  };
  const enc = encodeURIComponent;
  return {
    transport,
    async providersInTree(uuid) {
      const r = await call('providersInTree', 'GET', `/resource_providers?in_tree=${enc(uuid)}`, '1.14', undefined, [200]);
      return (r.body as { resource_providers: ProviderView[] }).resource_providers;
    },
    async providersByName(name) {
      const r = await call('providersByName', 'GET', `/resource_providers?name=${enc(name)}`, '1.14', undefined, [200]);
      return (r.body as { resource_providers: ProviderView[] }).resource_providers;
    },
    async listProviders() {
      const r = await call('listProviders', 'GET', '/resource_providers', '1.14', undefined, [200]);
      return (r.body as { resource_providers: ProviderView[] }).resource_providers;
    },
    async createProvider(uuid, name) {
      const r = await call('createProvider', 'POST', '/resource_providers', '1.20', { uuid, name }, [200]);
      return r.body as ProviderView;
    },
    async deleteProvider(uuid) {
      await call('deleteProvider', 'DELETE', `/resource_providers/${uuid}`, '1.0', undefined, [204, 404]);
    },
    async setInventories(uuid, generation, inventories) {
      const r = await call('setInventories', 'PUT', `/resource_providers/${uuid}/inventories`, '1.26',
        { resource_provider_generation: generation, inventories }, [200]);
      return (r.body as { resource_provider_generation: number }).resource_provider_generation;
    },
    async traitsNamed(names) {
      const r = await call('traitsNamed', 'GET', `/traits?name=in:${names.map(enc).join(',')}`, '1.6', undefined, [200]);
      return (r.body as { traits: string[] }).traits;
    },
    async createTrait(name) {
      await call('createTrait', 'PUT', `/traits/${enc(name)}`, '1.6', undefined, [201, 204]);
    },
    async providerTraits(uuid) {
      const r = await call('providerTraits', 'GET', `/resource_providers/${uuid}/traits`, '1.6', undefined, [200]);
      const b = r.body as { traits: string[]; resource_provider_generation: number };
      return { traits: b.traits, generation: b.resource_provider_generation };
    },
    async setProviderTraits(uuid, generation, traits) {
      const r = await call('setProviderTraits', 'PUT', `/resource_providers/${uuid}/traits`, '1.6',
        { resource_provider_generation: generation, traits }, [200]);
      return (r.body as { resource_provider_generation: number }).resource_provider_generation;
    },
    async allocationCandidates(query) {
      const r = await call('allocationCandidates', 'GET', `/allocation_candidates?${query}`, '1.36', undefined, [200]);
      return r.body as AllocationCandidates;
    },
    async getAllocations(consumer) {
      const r = await call('getAllocations', 'GET', `/allocations/${consumer}`, '1.28', undefined, [200]);
      return r.body as ConsumerAllocations;
    },
    async putAllocations(consumer, body, version = '1.36') {
      const r = await call('putAllocations', 'PUT', `/allocations/${consumer}`, version, body, [204, 409]);
      return r.status === 204;
    },
    async postAllocations(body) {
      const r = await call('postAllocations', 'POST', '/allocations', '1.28', body, [204, 409]);
      return r.status === 204;
    },
    async deleteAllocations(consumer) {
      const r = await call('deleteAllocations', 'DELETE', `/allocations/${consumer}`, null, undefined, [204, 404]);
      return r.status === 204;
    },
    async providerAllocations(uuid) {
      const r = await call('providerAllocations', 'GET', `/resource_providers/${uuid}/allocations`, '1.0', undefined, [200]);
      return (r.body as { allocations: Record<string, { resources: Resources }> }).allocations;
    },
    async providerUsages(uuid) {
      const r = await call('providerUsages', 'GET', `/resource_providers/${uuid}/usages`, '1.0', undefined, [200]);
      return (r.body as { usages: Resources }).usages;
    },
    async providerAggregates(uuid) {
      const r = await call('providerAggregates', 'GET', `/resource_providers/${uuid}/aggregates`, '1.19', undefined, [200]);
      const b = r.body as { aggregates: string[]; resource_provider_generation: number };
      return { aggregates: b.aggregates, generation: b.resource_provider_generation };
    },
    async setProviderAggregates(uuid, generation, aggregates) {
      const r = await call('setProviderAggregates', 'PUT', `/resource_providers/${uuid}/aggregates`, '1.19',
        { aggregates, resource_provider_generation: generation }, [200, 409]);
      if (r.status === 409) return { ok: false };
      return { ok: true, generation: (r.body as { resource_provider_generation: number }).resource_provider_generation };
    },
  };
}
