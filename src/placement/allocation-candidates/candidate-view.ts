// The GET /allocation_candidates body per microversion (handlers/allocation_candidate.py):
//   allocation_requests: list form before 1.12, dict form from 1.12, + mappings from 1.34
//   provider_summaries: requested classes only before 1.27 (all from 1.27), traits from 1.17,
//                       parent/root provider uuids from 1.29
// Written straight as JSON text: at 10k candidates, building objects and then stringifying them
// costs several times more than the text. Per-provider summary fragments are cached on the
// (immutable) provider objects of the snapshot, so they are rebuilt only after a refresh.
import type { Microversion } from '../../http/microversion.js';
import type { CandidateRequest } from './candidate-request.js';
import type { AllocationCandidates } from './find-allocation-candidates.js';
import { capacityOf, type IndexedProvider, type ProviderSnapshot } from './provider-snapshot.js';

const q = (s: string) => JSON.stringify(s);

/** Quoted provider uuids, kept with the (immutable) provider objects across requests. */
const quotedUuids = new WeakMap<IndexedProvider, string>();

interface ViewFlags {
  dictForm: boolean;
  withMappings: boolean;
  /** null = every class (1.27+), else the requested ones */
  requested: ReadonlySet<string> | null;
  withTraits: boolean;
  nested: boolean;
}

/** provider -> variant key -> summary JSON text (only for the variants without a request-dependent class filter). */
const summaryCache = new WeakMap<IndexedProvider, Map<string, string>>();

function summaryJson(snap: ProviderSnapshot, p: IndexedProvider, f: ViewFlags): string {
  const key = f.requested === null ? `${f.withTraits ? 't' : ''}${f.nested ? 'n' : ''}` : null;
  if (key !== null) {
    const hit = summaryCache.get(p)?.get(key);
    if (hit !== undefined) return hit;
  }
  const res: string[] = [];
  for (const [rc, inv] of p.inventories) {
    if (f.requested !== null && !f.requested.has(rc)) continue;
    res.push(`${q(rc)}:{"capacity":${capacityOf(inv)},"used":${p.usages.get(rc) ?? 0}}`);
  }
  let out = `{"resources":{${res.join(',')}}`;
  // In the order the index loaded them: trait id order, as placement lists them.
  if (f.withTraits) out += `,"traits":[${[...p.traits].map(q).join(',')}]`;
  if (f.nested) {
    const parent = p.parentId === null ? 'null' : q(snap.providers.get(p.parentId)!.uuid);
    out += `,"parent_provider_uuid":${parent},"root_provider_uuid":${q(snap.providers.get(p.rootId)!.uuid)}`;
  }
  out += '}';
  if (key !== null) {
    let m = summaryCache.get(p);
    if (!m) { m = new Map(); summaryCache.set(p, m); }
    m.set(key, out);
  }
  return out;
}

/** The body as UTF-8 JSON bytes. */
export function renderAllocationCandidatesJson(
  snap: ProviderSnapshot, found: AllocationCandidates, req: CandidateRequest, version: Microversion,
): Buffer {
  let requested: Set<string> | null = null;
  if (!version.atLeast('1.27')) {
    requested = new Set();
    for (const g of req.groups) for (const rc of g.resources.keys()) requested.add(rc);
  }
  const f: ViewFlags = {
    dictForm: version.atLeast('1.12'),
    withMappings: version.atLeast('1.34'),
    requested,
    withTraits: version.atLeast('1.17'),
    nested: version.atLeast('1.29'),
  };
  const uuid = (id: number) => {
    const p = snap.providers.get(id)!;
    let s = quotedUuids.get(p);
    if (s === undefined) { s = q(p.uuid); quotedUuids.set(p, s); }
    return s;
  };
  const quotedNames = new Map<string, string>();
  const name = (n: string) => {
    let s = quotedNames.get(n);
    if (s === undefined) { s = q(n); quotedNames.set(n, s); }
    return s;
  };

  // One short string per candidate, each written into one buffer as it is made: one growing
  // string instead (a rope of ~100,000 pieces at 10,000 candidates) cost more to flatten and
  // encode when sent than the rendering itself, and a join of the pieces nearly as much.
  const w = bufferWriter();
  w.write('{"allocation_requests":[');
  let first = true;
  for (const c of found.allocationRequests) {
    let out = first ? '{"allocations":' : ',{"allocations":';
    first = false;
    out += f.dictForm ? '{' : '[';
    // Resources grouped by provider, providers in first-seen order.
    const rs = c.resources;
    const done = rs.length > 1 ? new Set<number>() : null;
    let firstProvider = true;
    for (let a = 0; a < rs.length; a++) {
      const pid = rs[a].providerId;
      if (done) { if (done.has(pid)) continue; done.add(pid); }
      if (!firstProvider) out += ',';
      firstProvider = false;
      out += f.dictForm ? `${uuid(pid)}:{"resources":{` : `{"resource_provider":{"uuid":${uuid(pid)}},"resources":{`;
      let firstAmount = true;
      for (let b = a; b < rs.length; b++) {
        if (rs[b].providerId !== pid) continue;
        out += `${firstAmount ? '' : ','}${name(rs[b].resourceClass)}:${rs[b].amount}`;
        firstAmount = false;
      }
      out += '}}';
    }
    out += f.dictForm ? '}' : ']';
    if (f.dictForm && f.withMappings) {
      out += ',"mappings":{';
      let firstPart = true;
      for (const part of c.parts) {
        out += `${firstPart ? '' : ','}${name(part.suffix)}:[`;
        firstPart = false;
        for (let k = 0; k < part.providers.length; k++) out += (k ? ',' : '') + uuid(part.providers[k]);
        out += ']';
      }
      out += '}';
    }
    w.write(out + '}');
  }
  w.write('],"provider_summaries":{');
  first = true;
  for (const id of found.summaryProviderIds) {
    w.write(`${first ? '' : ','}${uuid(id)}:${summaryJson(snap, snap.providers.get(id)!, f)}`);
    first = false;
  }
  w.write('}}');
  return w.done();
}

/** UTF-8 into 64 KiB chunks, joined once by done(). */
function bufferWriter(): { write(s: string): void; done(): Buffer } {
  const CHUNK = 64 * 1024;
  const full: Buffer[] = [];
  let length = 0;
  let buf = Buffer.allocUnsafe(CHUNK);
  let at = 0;
  return {
    write(s) {
      if (at + s.length * 3 > buf.length) {
        full.push(buf.subarray(0, at));
        length += at;
        buf = Buffer.allocUnsafe(Math.max(CHUNK, s.length * 3));
        at = 0;
      }
      at += buf.write(s, at, 'utf8');
    },
    done() {
      full.push(buf.subarray(0, at));
      return full.length === 1 ? full[0]! : Buffer.concat(full, length + at);
    },
  };
}

export interface AllocationCandidatesBody {
  allocation_requests: unknown[];
  provider_summaries: Record<string, {
    resources: Record<string, { capacity: number; used: number }>;
    traits?: string[];
    parent_provider_uuid?: string | null;
    root_provider_uuid?: string;
  }>;
}

/** The same body as a value (for callers that need objects, e.g. in-process clients and tests). */
export function renderAllocationCandidates(
  snap: ProviderSnapshot, found: AllocationCandidates, req: CandidateRequest, version: Microversion,
): AllocationCandidatesBody {
  return JSON.parse(renderAllocationCandidatesJson(snap, found, req, version).toString('utf8')) as AllocationCandidatesBody;
}
