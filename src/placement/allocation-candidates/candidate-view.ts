// The GET /allocation_candidates body per microversion (handlers/allocation_candidate.py):
//   allocation_requests: list form before 1.12, dict form from 1.12, + mappings from 1.34
//   provider_summaries: requested classes only before 1.27 (all from 1.27), traits from 1.17,
//                       parent/root provider uuids from 1.29
// Written straight as JSON text: at 10k candidates, building objects and then stringifying them
// costs several times more than the text. Per-provider bytes (quoted uuid, summary entries) are
// cached with the (immutable) provider objects of the snapshot, so they are rebuilt only after a
// refresh of that provider.
import type { Microversion } from '../../http/microversion.js';
import type { CandidateRequest } from './candidate-request.js';
import type { AllocationCandidate, AllocationCandidates, LoneProviderCandidates } from './find-allocation-candidates.js';
import { loneCandidate } from './group-search.js';
import { capacityOf, type IndexedProvider, type ProviderSnapshot } from './provider-snapshot.js';

const q = (s: string) => JSON.stringify(s);

/**
 * A provider's bytes kept across requests with the (immutable) provider object: its quoted uuid
 * and its provider_summaries entries (`"uuid":{...}`) by view variant (traits, nested), for the
 * variants without a request-dependent class filter. Copied, not encoded, per request.
 */
interface ProviderBytes {
  readonly quoted: string;
  readonly uuid: Buffer;
  readonly summaries: (Buffer | undefined)[];
  /**
   * The provider's lone candidate for the last template it was rendered with (the candidate text
   * around the uuid: request amounts and view variant), and that template: one copy per candidate
   * while requests repeat it (nova asks with the same flavor many times), rebuilt when another comes.
   */
  candidateTemplate: string | undefined;
  candidate: Buffer | undefined;
}
const providerBytes = new WeakMap<IndexedProvider, ProviderBytes>();

function bytesOf(p: IndexedProvider): ProviderBytes {
  let b = providerBytes.get(p);
  if (b === undefined) {
    const quoted = q(p.uuid);
    b = { quoted, uuid: Buffer.from(quoted, 'utf8'), summaries: [], candidateTemplate: undefined, candidate: undefined };
    providerBytes.set(p, b);
  }
  return b;
}

interface ViewFlags {
  dictForm: boolean;
  withMappings: boolean;
  /** null = every class (1.27+), else the requested ones */
  requested: ReadonlySet<string> | null;
  withTraits: boolean;
  nested: boolean;
  /** index into ProviderBytes.summaries, or -1 when the summaries depend on the request */
  variant: number;
}

function summaryJson(snap: ProviderSnapshot, p: IndexedProvider, f: ViewFlags): string {
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
  return `${out}}`;
}

/** The provider's `"uuid":{...}` entry of provider_summaries, as bytes. */
function summaryEntry(snap: ProviderSnapshot, p: IndexedProvider, f: ViewFlags, b = bytesOf(p)): Buffer {
  if (f.variant < 0) return Buffer.from(`${b.quoted}:${summaryJson(snap, p, f)}`, 'utf8');
  let s = b.summaries[f.variant];
  if (s === undefined) {
    s = Buffer.from(`${b.quoted}:${summaryJson(snap, p, f)}`, 'utf8');
    b.summaries[f.variant] = s;
  }
  return s;
}

function viewFlags(req: CandidateRequest, version: Microversion): ViewFlags {
  let requested: Set<string> | null = null;
  if (!version.atLeast('1.27')) {
    requested = new Set();
    for (const g of req.groups) for (const rc of g.resources.keys()) requested.add(rc);
  }
  const withTraits = version.atLeast('1.17');
  const nested = version.atLeast('1.29');
  return {
    dictForm: version.atLeast('1.12'),
    withMappings: version.atLeast('1.34'),
    requested,
    withTraits,
    nested,
    variant: requested === null ? (withTraits ? 1 : 0) + (nested ? 2 : 0) : -1,
  };
}

/**
 * One allocation request's JSON text (without the separating comma). `uuid` gives a provider's
 * quoted uuid and `name` a quoted name.
 */
function candidateJson(c: AllocationCandidate, f: ViewFlags, uuid: (id: number) => string, name: (n: string) => string): string {
  let out = f.dictForm ? '{"allocations":{' : '{"allocations":[';
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
  return `${out}}`;
}

const HEAD = Buffer.from('{"allocation_requests":[');
const MIDDLE = Buffer.from('],"provider_summaries":{');
const TAIL = Buffer.from('}}');
const COMMA = 0x2c;

/**
 * The body as UTF-8 JSON bytes. `alloc` gives the buffer of a body whose size is known first
 * (the lone-provider one); the result may be a part of it.
 */
export function renderAllocationCandidatesJson(
  snap: ProviderSnapshot, found: AllocationCandidates, req: CandidateRequest, version: Microversion,
  alloc: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  const f = viewFlags(req, version);
  if (found.lone) return renderLone(snap, found.lone, f, alloc);
  const uuid = (id: number) => bytesOf(snap.providers.get(id)!).quoted;
  const quotedNames = new Map<string, string>();
  const name = (n: string) => {
    let s = quotedNames.get(n);
    if (s === undefined) { s = q(n); quotedNames.set(n, s); }
    return s;
  };

  // One short string per candidate, each written into one buffer as it is made: one growing
  // string instead (a rope of ~100,000 pieces at 10,000 candidates) cost more to flatten and
  // encode when sent than the rendering itself, and a join of the pieces nearly as much.
  const w = new ByteWriter(64 * 1024);
  w.bytes(HEAD);
  let first = true;
  for (const c of found.allocationRequests) {
    if (!first) w.byte(COMMA);
    first = false;
    w.text(candidateJson(c, f, uuid, name));
  }
  w.bytes(MIDDLE);
  first = true;
  for (const id of found.summaryProviderIds) {
    if (!first) w.byte(COMMA);
    first = false;
    w.bytes(summaryEntry(snap, snap.providers.get(id)!, f));
  }
  w.bytes(TAIL);
  return w.done();
}

/**
 * The body of lone-provider candidates: every candidate is the same text around its provider's
 * quoted uuid (once, or twice with mappings): that template is cut once per request from what
 * candidateJson (the general rendering) writes for a stand-in provider, and each provider keeps
 * its candidate for the last template it was rendered with, so a repeated request copies one
 * buffer per candidate; the summaries are the same providers' cached entries. The size is known
 * first: one buffer.
 */
function renderLone(snap: ProviderSnapshot, lone: LoneProviderCandidates, f: ViewFlags, alloc: (size: number) => Buffer): Buffer {
  const { providers } = lone;
  const n = providers.length;
  if (n === 0) return Buffer.concat([HEAD, MIDDLE, TAIL]);
  const STAND_IN = '\u0000'; // JSON text never holds a raw NUL: the cut points are exact
  const template = candidateJson(loneCandidate(providers[0]!, lone.group), f, () => STAND_IN, q);
  let pieces: string[] | null = null;

  const candidates: Buffer[] = new Array(n);
  const summaries: Buffer[] = new Array(n);
  // commas between candidates and between summaries
  let size = HEAD.length + MIDDLE.length + TAIL.length + 2 * (n - 1);
  for (let i = 0; i < n; i++) {
    const p = providers[i]!;
    const b = bytesOf(p);
    let c = b.candidate;
    if (c === undefined || b.candidateTemplate !== template) {
      pieces ??= template.split(STAND_IN);
      c = Buffer.from(pieces.join(b.quoted), 'utf8');
      b.candidate = c;
      b.candidateTemplate = template;
    }
    const s = summaryEntry(snap, p, f, b);
    candidates[i] = c;
    summaries[i] = s;
    size += c.length + s.length;
  }
  // the exact size, so the writer's one buffer (from alloc) never grows
  const w = new ByteWriter(size, alloc);
  w.bytes(HEAD);
  for (let i = 0; i < n; i++) {
    if (i > 0) w.byte(COMMA);
    w.bytes(candidates[i]!);
  }
  w.bytes(MIDDLE);
  for (let i = 0; i < n; i++) {
    if (i > 0) w.byte(COMMA);
    w.bytes(summaries[i]!);
  }
  w.bytes(TAIL);
  return w.done();
}

/** Bytes into chunks (the first of the given size, then 64 KiB or more), joined once by done(). */
class ByteWriter {
  private readonly full: Buffer[] = [];
  private length = 0;
  private buf: Buffer;
  private at = 0;

  constructor(size: number, alloc: (size: number) => Buffer = Buffer.allocUnsafe) { this.buf = alloc(size); }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.full.push(this.buf.subarray(0, this.at));
    this.length += this.at;
    this.buf = Buffer.allocUnsafe(Math.max(64 * 1024, n));
    this.at = 0;
  }

  /** UTF-8 of s. */
  text(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  byte(x: number): void {
    this.room(1);
    this.buf[this.at++] = x;
  }

  done(): Buffer {
    if (this.full.length === 0) return this.buf.subarray(0, this.at);
    this.full.push(this.buf.subarray(0, this.at));
    return Buffer.concat(this.full, this.length + this.at);
  }
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
