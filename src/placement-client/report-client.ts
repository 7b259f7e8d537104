// nova/scheduler/client/report.py's allocation helpers over the typed client: claim_resources,
// move_allocations, delete_allocation_for_instance. Retries on consumer-generation conflicts
// as nova does (@retries: 4 attempts).
import { PlacementCallError, type AllocationsByProvider, type PlacementClient, type Resources } from './placement-client.js';

const ATTEMPTS = 4;

export interface Owner { projectId: string; userId: string }

/** Allocations as {rp: resources} (no generations), the shape the scheduler claims. */
export type Claim = Record<string, Resources>;

export function createReportClient(pc: PlacementClient) {
  return {
    /**
     * scheduler/utils.py claim_resources -> report.claim_resources: GET the consumer, then
     * PUT its allocations (1.36) with the current consumer generation (null when new).
     * Returns false when placement refused the claim (capacity), as nova's False.
     */
    async claimResources(consumer: string, claim: Claim, owner: Owner, mappings?: Record<string, string[]>): Promise<boolean> {
      for (let i = 0; i < ATTEMPTS; i++) {
        const cur = await pc.getAllocations(consumer);
        const ok = await pc.putAllocations(consumer, {
          allocations: Object.fromEntries(Object.entries(claim).map(([rp, resources]) => [rp, { resources }])),
          ...(mappings ? { mappings } : {}),
          project_id: owner.projectId, user_id: owner.userId,
          consumer_generation: cur.consumer_generation ?? null,
        }, '1.36');
        if (ok) return true;
        // 409: either a generation race (retry) or not enough capacity (give up, like nova)
        const again = await pc.getAllocations(consumer);
        if ((again.consumer_generation ?? null) === (cur.consumer_generation ?? null)) return false;
      }
      return false;
    },

    /**
     * report.move_allocations(source, target): target gets source's allocations (each with the
     * provider generation), source gets {} — one POST /allocations. Returns false when the
     * source had nothing to move.
     */
    async moveAllocations(source: string, target: string, owner: Owner): Promise<boolean> {
      for (let i = 0; i < ATTEMPTS; i++) {
        const src = await pc.getAllocations(source);
        const tgt = await pc.getAllocations(target);
        if (Object.keys(src.allocations).length === 0) return false;
        const ok = await pc.postAllocations({
          [source]: { allocations: {}, project_id: src.project_id ?? owner.projectId, user_id: src.user_id ?? owner.userId, consumer_generation: src.consumer_generation ?? null },
          [target]: {
            allocations: src.allocations as AllocationsByProvider,
            project_id: src.project_id ?? owner.projectId, user_id: src.user_id ?? owner.userId,
            consumer_generation: tgt.consumer_generation ?? null,
          },
        });
        if (ok) return true;
      }
      throw new PlacementCallError(`move_allocations ${source} -> ${target}`, 409, 'AllocationMoveFailed: consumer generation conflict');
    },

    /**
     * delete_allocation_for_instance: force=true is DELETE /allocations/{c} (no version);
     * force=false is GET then PUT {"allocations": {}} with the consumer generation (1.28).
     */
    async deleteAllocationForConsumer(consumer: string, force: boolean, owner: Owner): Promise<boolean> {
      if (force) return pc.deleteAllocations(consumer);
      for (let i = 0; i < ATTEMPTS; i++) {
        const cur = await pc.getAllocations(consumer);
        if (Object.keys(cur.allocations).length === 0) return false;
        const ok = await pc.putAllocations(consumer, {
          allocations: {}, project_id: cur.project_id ?? owner.projectId, user_id: cur.user_id ?? owner.userId,
          consumer_generation: cur.consumer_generation ?? null,
        }, '1.28');
        if (ok) return true;
      }
      throw new PlacementCallError(`delete allocations of ${consumer}`, 409, 'consumer generation conflict');
    },

    /**
     * remove_provider_tree_from_instance_allocation: the consumer keeps its allocations outside
     * the tree rooted at `root` (PUT at 1.28 with the consumer generation; {} when none are
     * left, which removes the consumer). False when there was nothing to remove from.
     */
    async removeProviderTreeFromAllocation(consumer: string, root: string, owner: Owner): Promise<boolean> {
      const tree = new Set((await pc.providersInTree(root)).map((p) => p.uuid));
      for (let i = 0; i < ATTEMPTS; i++) {
        const cur = await pc.getAllocations(consumer);
        const kept = Object.entries(cur.allocations).filter(([rp]) => !tree.has(rp));
        if (Object.keys(cur.allocations).length === 0 || kept.length === Object.keys(cur.allocations).length) return false;
        const ok = await pc.putAllocations(consumer, {
          allocations: Object.fromEntries(kept.map(([rp, a]) => [rp, { resources: a.resources }])),
          project_id: cur.project_id ?? owner.projectId, user_id: cur.user_id ?? owner.userId,
          consumer_generation: cur.consumer_generation ?? null,
        }, '1.28');
        if (ok) return true;
      }
      return false;
    },

    /** {rp: resources} of a consumer (GET /allocations/{c} at 1.28). */
    async allocationsOf(consumer: string): Promise<Claim> {
      const cur = await pc.getAllocations(consumer);
      return Object.fromEntries(Object.entries(cur.allocations).map(([rp, a]) => [rp, a.resources]));
    },
  };
}

export type ReportClient = ReturnType<typeof createReportClient>;
