// Hand-built provider snapshots for engine tests: providers are named, and the name doubles as
// the uuid so expectations read like the gabbits ("cn1", "ss", ...).
import {
  createSnapshotState, type IndexedInventory, type ProviderRecord, type SnapshotState,
} from '../../src/placement/allocation-candidates/provider-snapshot.js';
import { requestGroup, NO_WIDE_PARAMS, type CandidateRequest, type RequestGroup, type RequestWideParams } from '../../src/placement/allocation-candidates/candidate-request.js';

export interface InventorySpec {
  total: number; reserved?: number; min_unit?: number; max_unit?: number; step_size?: number; allocation_ratio?: number;
}

export interface ProviderSpec {
  parent?: string;
  aggs?: string[];
  traits?: string[];
  inv?: Record<string, number | InventorySpec>;
  used?: Record<string, number>;
}

const STANDARD_RCS = ['VCPU', 'MEMORY_MB', 'DISK_GB', 'SRIOV_NET_VF', 'VGPU', 'NET_BW_EGR_KILOBIT_PER_SEC', 'NET_BW_IGR_KILOBIT_PER_SEC', 'PCI_DEVICE'];

export class SnapshotBuilder {
  private readonly records: ProviderRecord[] = [];
  private readonly ids = new Map<string, number>();
  readonly traits = new Set<string>(['MISC_SHARES_VIA_AGGREGATE', 'HW_CPU_X86_SSE', 'HW_CPU_X86_SSE2', 'HW_CPU_X86_SSE3', 'HW_NUMA_ROOT', 'COMPUTE_VOLUME_MULTI_ATTACH', 'HW_GPU_API_DXVA']);
  readonly rcs = new Set<string>(STANDARD_RCS);

  provider(name: string, spec: ProviderSpec = {}): this {
    const id = this.records.length + 1;
    this.ids.set(name, id);
    const inventories = new Map<string, IndexedInventory>();
    for (const [rc, v] of Object.entries(spec.inv ?? {})) {
      const s: InventorySpec = typeof v === 'number' ? { total: v } : v;
      this.rcs.add(rc);
      inventories.set(rc, {
        total: s.total, reserved: s.reserved ?? 0, minUnit: s.min_unit ?? 1, maxUnit: s.max_unit ?? s.total,
        stepSize: s.step_size ?? 1, allocationRatio: s.allocation_ratio ?? 1,
      });
    }
    for (const t of spec.traits ?? []) this.traits.add(t);
    this.records.push({
      id, uuid: name, name, generation: 0,
      parentId: spec.parent === undefined ? null : this.id(spec.parent),
      inventories, usages: new Map(Object.entries(spec.used ?? {})),
      traits: new Set(spec.traits ?? []), aggregates: new Set(spec.aggs ?? []),
    });
    return this;
  }

  id(name: string): number {
    const id = this.ids.get(name);
    if (id === undefined) throw new Error(`no provider ${name}`);
    return id;
  }

  build(): SnapshotState {
    const state = createSnapshotState({
      traitExists: (n) => this.traits.has(n),
      resourceClassExists: (n) => this.rcs.has(n),
      resourceClassId: (n) => { const i = [...this.rcs].indexOf(n); return i < 0 ? null : i; },
    });
    state.apply(this.records, []);
    return state;
  }
}

export interface GroupSpec {
  resources?: Record<string, number>;
  required?: (string | string[])[];
  forbidden?: string[];
  memberOf?: string[][];
  forbiddenAggs?: string[];
  inTree?: string;
}

/**
 * Groups keyed by suffix, in the literal's key order. Mind JavaScript: integer-like keys ('1')
 * come before every other key ('' or '_X'), so use '_1' when the group order matters.
 */
export function candidateRequest(
  groups: Record<string, GroupSpec>, params: Partial<RequestWideParams> = {}, nestedAware = true,
): CandidateRequest {
  const list: RequestGroup[] = Object.entries(groups).map(([suffix, g]) => requestGroup(suffix, {
    resources: new Map(Object.entries(g.resources ?? {})),
    requiredTraits: (g.required ?? []).map((t) => new Set(Array.isArray(t) ? t : [t])),
    forbiddenTraits: new Set(g.forbidden ?? []),
    memberOf: (g.memberOf ?? []).map((s) => new Set(s)),
    forbiddenAggs: new Set(g.forbiddenAggs ?? []),
    inTree: g.inTree ?? null,
  }));
  return { groups: list, params: { ...NO_WIDE_PARAMS, ...params }, nestedAware };
}
