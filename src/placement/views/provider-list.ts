// GET /resource_providers as JSON text, served from the provider index with one cached text
// fragment per provider and response shape, instead of reading every row from SQL and
// serializing the whole list on each request (at 1000 providers those two were ~90% of the
// request).
//
// Cache validity: the index replaces a provider's object every time it refreshes that
// provider, and every write to a resource_providers row (generation CAS, rename — even to the
// same name, which still moves updated_at —, re-parenting of a whole subtree, delete, reset)
// marks it dirty. So an entry keyed by the index's object is exactly as fresh as the index;
// a miss reads only the missing rows from SQL (their timestamps and parent/root uuids).
import type { Microversion } from '../../http/microversion.js';
import { pyJsonDumps } from '../../http/python/json-dumps.js';
import type { IndexedProvider } from '../provider-index.js';
import type { ProviderRow, ResourceProvidersStore } from '../store/resource-providers-store.js';
import { renderProvider } from './resource-provider.js';

interface Entry {
  readonly row: ProviderRow;
  /** Date.parse(updated_at ?? created_at), NaN when unreadable (then it never wins). */
  readonly stamp: number;
  /** shape + linkPrefix -> rendered provider text */
  readonly texts: Map<string, string>;
}

// Weak: a provider object the index has dropped or replaced takes its entry with it.
const entries = new WeakMap<IndexedProvider, Entry>();

/**
 * The microversions at which _serialize_provider's output changes: links gain aggregates
 * (1.1), traits (1.6), allocations (1.11); parent/root uuids appear at 1.14.
 */
function shapeOf(version: Microversion): string {
  if (version.atLeast('1.14')) return '14';
  if (version.atLeast('1.11')) return '11';
  if (version.atLeast('1.6')) return '6';
  if (version.atLeast('1.1')) return '1';
  return '0';
}

export interface ProviderListText {
  /** `{"resource_providers": [...]}` exactly as pyJsonDumps renders it, as bytes (ASCII). */
  readonly json: Buffer;
  /** Newest updated_at (or created_at) of the listed providers, null for an empty list. */
  readonly lastModified: Date | null;
}

interface Answer extends ProviderListText {
  readonly key: string;
  readonly listed: readonly IndexedProvider[];
}

/**
 * The last few whole answers. Asked again for the same provider objects (same index state,
 * same filter result) in the same shape, the bytes are reused: comparing 1000 object
 * references costs microseconds, joining and encoding 600 KB costs about a millisecond.
 */
const RECENT_ANSWERS = 4;
/** Older answers go first once the kept bytes pass this (10k providers answer ~6.5 MB). */
const RECENT_BYTES = 16 * 1024 * 1024;
const recent: Answer[] = [];

function sameProviders(a: readonly IndexedProvider[], b: readonly IndexedProvider[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The list body for `ids` (already in the answer's order); ids the index lacks are skipped. */
export function renderProviderList(
  ids: readonly number[],
  providers: ReadonlyMap<number, IndexedProvider>,
  store: Pick<ResourceProvidersStore, 'byIds'>,
  linkPrefix: string,
  version: Microversion,
): ProviderListText {
  const listed: IndexedProvider[] = [];
  let missing: number[] | null = null;
  for (const id of ids) {
    const p = providers.get(id);
    if (!p) continue;
    listed.push(p);
    if (!entries.has(p)) (missing ??= []).push(id);
  }
  const key = `${shapeOf(version)} ${linkPrefix}`;
  const hit = recent.find((a) => a.key === key && sameProviders(a.listed, listed));
  if (hit) return hit;
  if (missing) {
    const rows = new Map(store.byIds(missing).map((r) => [r.id, r]));
    for (const id of missing) {
      const row = rows.get(id);
      if (row) entries.set(providers.get(id)!, { row, stamp: Date.parse(row.updated_at ?? row.created_at), texts: new Map() });
    }
  }
  const parts: string[] = [];
  let newest = -Infinity;
  let complete = true;
  for (const p of listed) {
    const e = entries.get(p);
    // Only a row deleted between the index refresh and the SQL read; the old path skipped it too.
    if (!e) { complete = false; continue; }
    let text = e.texts.get(key);
    if (text === undefined) {
      text = pyJsonDumps(renderProvider(e.row, linkPrefix, version));
      e.texts.set(key, text);
    }
    parts.push(text);
    if (e.stamp > newest) newest = e.stamp;
  }
  const answer: Answer = {
    key,
    listed,
    // pyJsonDumps escapes everything above U+007F, so the text is ASCII: latin1 is its UTF-8.
    json: Buffer.from(`{"resource_providers":[${parts.join(',')}]}`, 'latin1'),
    lastModified: newest === -Infinity ? null : new Date(newest),
  };
  if (complete) {
    recent.unshift(answer);
    let bytes = 0;
    const keep = recent.findIndex((a, i) => (bytes += a.json.length) > RECENT_BYTES && i > 0);
    if (keep > 0) recent.length = keep;
    if (recent.length > RECENT_ANSWERS) recent.length = RECENT_ANSWERS;
  }
  return answer;
}
