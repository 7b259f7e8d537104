// The allocation write shared by PUT /allocations/{c}, POST /allocations and POST /reshaper:
// placement/handlers/util.py ensure_consumer + update_consumers and
// placement/objects/allocation.py _set_allocations (replace_all), step for step, so that the
// checks fire in the same order with the same messages. Everything runs inside the caller's
// transaction: a failure anywhere rolls back the consumers, projects and users it created
// (upstream deletes auto-created consumers by hand; a rollback is the same end state).
// One deliberate divergence: upstream's 400 for an allocation on a missing provider is raised
// outside that cleanup, so it leaves the new consumer behind at generation 0 (a retry with
// consumer_generation null then gets 409). Here nothing of a failed write survives.
import { ApiError } from '../../http/api-error.js';
import type { AllocationsStore } from '../store/allocations-store.js';
import type { ResourceClassesStore } from '../store/resource-classes-store.js';
import type { ResourceProvidersStore } from '../store/resource-providers-store.js';
import type { ConsumerRow, ConsumersStore } from '../store/consumers-store.js';
import { ErrorCodes } from '../error-codes.js';
import { pythonIntSetOrder } from '../../http/python/set-order.js';

/** [placement] incomplete_consumer_project_id / _user_id defaults (conf/placement.py). */
export const INCOMPLETE_CONSUMER_ID = '00000000-0000-0000-0000-000000000000';
const CONCURRENT_UPDATE = ErrorCodes.CONCURRENT_UPDATE;

export interface ConsumerAllocationsRequest {
  readonly consumerUuid: string;
  /** undefined before 1.8: the consumer gets the "incomplete consumer" project and user */
  readonly projectId: string | undefined;
  readonly userId: string | undefined;
  /** only looked at when the write requires generations (1.28+); null = "I expect a new consumer" */
  readonly consumerGeneration: number | null | undefined;
  /** only looked at from 1.38 */
  readonly consumerType: string | undefined;
  /** In body order. An empty list means "remove this consumer's allocations". */
  readonly allocations: readonly { readonly providerUuid: string; readonly resources: Readonly<Record<string, number>> }[];
}

/** Which handler is writing: upstream words the same failures differently in each. */
export type WriteMode = 'put' | 'post' | 'reshape';

/** The provider fields the write needs (generation as read when the request was checked). */
export interface ProviderRef {
  readonly id: number;
  readonly uuid: string;
  readonly generation: number;
}

export interface WriteContext {
  readonly allocations: AllocationsStore;
  readonly consumers: ConsumersStore;
  readonly providers: ResourceProvidersStore;
  readonly resourceClasses: ResourceClassesStore;
  readonly now: string;
  /** 1.28+: consumer_generation is checked */
  readonly requireGeneration: boolean;
  /** 1.38+: consumer_type is recorded */
  readonly requireType: boolean;
  readonly mode: WriteMode;
  /** Called for every provider whose allocations (and so usages and generation) changed. */
  markUsagesDirty(providerId: number): void;
}

interface Entry {
  provider: ProviderRef;
  consumer: ConsumerRow;
  resourceClass: string;
  used: number;
}

interface RequestedAttrs {
  projectId: number;
  userId: number;
  projectExternalId: string;
  userExternalId: string;
  consumerTypeId: number | null;
}

/** The allocation list to write: opaque outside this module, made by prepareAllocations. */
export interface PreparedAllocations {
  readonly entries: readonly Entry[];
}

/** Validate, then replace the allocations of every consumer in `requests`. Caller holds the transaction. */
export function writeAllocations(ctx: WriteContext, requests: readonly ConsumerAllocationsRequest[]): void {
  replaceAllocations(ctx, prepareAllocations(ctx, requests));
}

/**
 * Ensure every consumer (generation check, auto-created project/user/type/consumer), look up
 * the providers, and adopt requested project/user/type: everything before replace_all.
 */
export function prepareAllocations(ctx: WriteContext, requests: readonly ConsumerAllocationsRequest[]): PreparedAllocations {
  const ensured = requests.map((r) => ensureConsumer(ctx, r));
  const entries = buildEntries(ctx, requests, ensured.map((e) => e.consumer));
  ensured.forEach((e) => updateConsumer(ctx, e.consumer, e.attrs));
  return { entries };
}

/** objects/allocation.py replace_all: delete, check capacity, insert, bump generations. */
export function replaceAllocations(ctx: WriteContext, prepared: PreparedAllocations): void {
  replaceAll(ctx, prepared.entries);
}

/** handlers/util.py ensure_consumer: get or create the consumer, check its generation. */
function ensureConsumer(ctx: WriteContext, req: ConsumerAllocationsRequest): { consumer: ConsumerRow; attrs: RequestedAttrs } {
  const { consumers, now } = ctx;
  let projectExternalId = req.projectId;
  let userExternalId = req.userId;
  if (projectExternalId === undefined) {
    projectExternalId = INCOMPLETE_CONSUMER_ID;
    userExternalId = INCOMPLETE_CONSUMER_ID;
  }
  const projectId = consumers.ensureProject(projectExternalId, now);
  const userId = consumers.ensureUser(userExternalId as string, now);
  let consumerTypeId: number | null = null;
  let consumer = consumers.get(req.consumerUuid);
  if (consumer) {
    if (ctx.requireGeneration && consumer.generation !== req.consumerGeneration) {
      throw new ApiError(409, CONCURRENT_UPDATE,
        `consumer generation conflict - expected ${consumer.generation} but got ${pyStr(req.consumerGeneration)}`);
    }
    if (ctx.requireType) consumerTypeId = consumers.ensureConsumerType(req.consumerType as string, now);
  } else {
    if (ctx.requireGeneration && req.consumerGeneration !== null && req.consumerGeneration !== undefined) {
      throw new ApiError(409, CONCURRENT_UPDATE,
        `consumer generation conflict - expected null but got ${pyStr(req.consumerGeneration)}`);
    }
    if (ctx.requireType) consumerTypeId = consumers.ensureConsumerType(req.consumerType as string, now);
    consumer = consumers.create(req.consumerUuid, projectId, userId, consumerTypeId, now);
  }
  return { consumer, attrs: { projectId, userId, projectExternalId, userExternalId: userExternalId as string, consumerTypeId } };
}

/** handlers/allocation.py create_allocation_list. */
function buildEntries(ctx: WriteContext, requests: readonly ConsumerAllocationsRequest[], consumers: ConsumerRow[]): Entry[] {
  const entries: Entry[] = [];
  requests.forEach((req, i) => {
    const consumer = consumers[i];
    if (req.allocations.length > 0) {
      // All providers of this consumer are looked up before any entry is made (upstream order).
      const providers = req.allocations.map((a) => {
        const p = ctx.providers.byUuid(a.providerUuid);
        if (!p) throw new ApiError(400, null, `Allocation for resource provider '${a.providerUuid}' that does not exist.`);
        return p;
      });
      req.allocations.forEach((a, j) => {
        for (const [resourceClass, used] of Object.entries(a.resources)) {
          entries.push({ provider: providers[j], consumer, resourceClass, used });
        }
      });
    } else {
      // Empty allocations wipe the consumer's existing ones: upstream signals that with used=0.
      for (const row of ctx.allocations.forConsumer(req.consumerUuid)) {
        entries.push({
          provider: { id: row.providerId, uuid: row.providerUuid, generation: row.providerGeneration },
          consumer, resourceClass: row.resourceClass, used: 0,
        });
      }
    }
  });
  return entries;
}

/** handlers/util.py update_consumers: adopt the requested project/user/type, generation untouched. */
function updateConsumer(ctx: WriteContext, consumer: ConsumerRow, attrs: RequestedAttrs): void {
  const projectOrUserChanged = attrs.projectExternalId !== consumer.projectExternalId || attrs.userExternalId !== consumer.userExternalId;
  const typeChanged = attrs.consumerTypeId !== null && attrs.consumerTypeId !== consumer.consumerTypeId;
  if (!projectOrUserChanged && !typeChanged) return;
  ctx.consumers.update(
    consumer.id,
    projectOrUserChanged ? attrs.projectId : consumer.projectId,
    projectOrUserChanged ? attrs.userId : consumer.userId,
    typeChanged ? attrs.consumerTypeId : consumer.consumerTypeId,
    ctx.now,
  );
}

/** objects/allocation.py _set_allocations. */
function replaceAll(ctx: WriteContext, entries: readonly Entry[]): void {
  const { allocations, consumers, now } = ctx;
  const dirty = new Set<number>();
  // A clean slate for every consumer named in the list.
  for (const uuid of new Set(entries.map((e) => e.consumer.uuid))) {
    for (const id of allocations.providerIdsOfConsumer(uuid)) dirty.add(id);
    allocations.deleteForConsumer(uuid);
  }
  const rcIds = checkCapacity(ctx, entries);
  entries.forEach((e, i) => {
    if (e.used > 0) allocations.insert(e.provider.id, e.consumer.uuid, rcIds[i], e.used, now);
  });
  // Generations: every provider and consumer in the list moves by one, even those only losing
  // allocations; a provider the consumer merely left is not in the list and keeps its generation.
  const providers = new Map<string, ProviderRef>();
  for (const e of entries) if (!providers.has(e.provider.uuid)) providers.set(e.provider.uuid, e.provider);
  for (const p of providers.values()) {
    // Re-read: the reshaper's interim inventory pass has moved it since the request was checked.
    const current = ctx.providers.byUuid(p.uuid);
    if (!current || !ctx.providers.incrementGeneration(current.id, current.generation, now)) {
      throw concurrentUpdate(ctx, 'Another thread concurrently updated the resource provider data. Please retry your update');
    }
    dirty.add(p.id);
  }
  const visited = new Map<number, ConsumerRow>();
  for (const e of entries) if (!visited.has(e.consumer.id)) visited.set(e.consumer.id, e.consumer);
  for (const c of visited.values()) {
    if (!consumers.incrementGeneration(c.id, c.generation, now)) {
      throw concurrentUpdate(ctx, 'Another thread concurrently updated the data. Please retry your update');
    }
  }
  const withAllocations = new Set(entries.filter((e) => e.used > 0).map((e) => e.consumer.uuid));
  consumers.deleteIfNoAllocations([...visited.values()].map((c) => c.uuid).filter((u) => !withAllocations.has(u)));
  for (const id of dirty) ctx.markUsagesDirty(id);
}

/**
 * objects/allocation.py _check_capacity_exceeded, run after the consumers' old allocations are
 * gone. Returns the resource class id of each entry.
 */
function checkCapacity(ctx: WriteContext, entries: readonly Entry[]): number[] {
  const { allocations } = ctx;
  const rcIds = entries.map((e) => {
    const id = ctx.resourceClasses.idOf(e.resourceClass);
    if (id === undefined) throw notFound(ctx, entries, `No such resource class ${e.resourceClass}.`);
    return id;
  });
  const wanted = new Set(rcIds);
  const usage = new Map<number, Map<number, ReturnType<AllocationsStore['inventoryUsage']>[number]>>();
  const missing: string[] = [];
  for (const e of entries) {
    if (usage.has(e.provider.id)) continue;
    const byClass = new Map(allocations.inventoryUsage(e.provider.id).filter((u) => wanted.has(u.resourceClassId)).map((u) => [u.resourceClassId, u]));
    usage.set(e.provider.id, byClass);
    if (byClass.size === 0) missing.push(e.provider.uuid);
  }
  if (missing.length > 0) {
    const classes = pythonIntSetOrder(rcIds).map((id) => ctx.resourceClasses.nameOf(id)).join(', ');
    throw invalid(ctx, `Inventory for '${classes}' on resource provider '${missing.join(', ')}' invalid.`);
  }
  const requested = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = `${e.provider.id}:${rcIds[i]}`;
    const sum = (requested.get(key) ?? 0) + e.used;
    requested.set(key, sum);
    if (e.used === 0) return;
    const inv = usage.get(e.provider.id)?.get(rcIds[i]);
    if (!inv) throw invalid(ctx, `Inventory for '${e.resourceClass}' on resource provider '${e.provider.uuid}' invalid.`);
    if (e.used < inv.minUnit || e.used > inv.maxUnit || e.used % inv.stepSize !== 0) {
      throw invalid(ctx, `Unable to create allocation for '${e.resourceClass}' on resource provider '${e.provider.uuid}'. The requested amount would violate inventory constraints.`);
    }
    const capacity = (inv.total - inv.reserved) * inv.allocationRatio;
    if (capacity < inv.used + e.used || capacity < inv.used + sum) {
      throw invalid(ctx, `Unable to create allocation for '${e.resourceClass}' on resource provider '${e.provider.uuid}'. The requested amount would exceed the capacity.`);
    }
  });
  return rcIds;
}

function notFound(ctx: WriteContext, entries: readonly Entry[], message: string): ApiError {
  switch (ctx.mode) {
    case 'put': return new ApiError(400, null, `Unable to allocate inventory for consumer ${entries[0].consumer.uuid}: ${message}`);
    case 'post': return new ApiError(400, null, `Unable to allocate inventory ${message}`);
    case 'reshape': return new ApiError(400, null, `malformed reshaper data: ${message}`);
  }
}

function invalid(_ctx: WriteContext, message: string): ApiError {
  return new ApiError(409, null, `Unable to allocate inventory: ${message}`);
}

function concurrentUpdate(ctx: WriteContext, message: string): ApiError {
  return ctx.mode === 'reshape'
    ? new ApiError(409, CONCURRENT_UPDATE, `update conflict: ${message}`)
    : new ApiError(409, CONCURRENT_UPDATE, `Inventory and/or allocations changed while attempting to allocate: ${message}`);
}

/** Python's %s of an int or None. */
function pyStr(v: number | null | undefined): string {
  return v === null || v === undefined ? 'None' : String(v);
}
